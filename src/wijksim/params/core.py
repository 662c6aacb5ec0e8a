"""The registry's building blocks: :class:`Param`, :class:`Group`, the one builder :func:`param`.

Each stage of the week has its own module in this package (``presence.py``, ``decision.py``, ...) that
declares its levers and its advanced constants with :func:`param`, one keyword-only signature for both
(``advanced=True`` marks a structural constant), so the order of arguments can never be confused between
the two kinds. The English and Dutch texts of an entry are written next to each other, so a change of
meaning is made in both languages in one place.

This module imports nothing else of wijksim: the stage modules import it, and :mod:`.registry` assembles them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, Literal

Kind = Literal["float", "int", "bool", "choice"]

#: the source of an advanced constant that names none: chosen in calibration as a structural assumption
STRUCTURAL = "calibration (structural assumption, docs/design-notes.md)"


class ParamError(ValueError):
    """A parameter name or value that the registry does not accept (one clear line)."""


@dataclass(frozen=True)
class Param:
    """One model parameter: what it is, its default and what values it may take."""

    name: str
    kind: Kind
    default: Any
    meaning: str
    unit: str = "-"
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    group: str = "general"
    source: str = ""
    ui: bool = True  # shown as a control in the browser UI
    label_nl: str = ""  # the control's label in Dutch, next to the English in the stage's module
    meaning_nl: str = ""  # the meaning in Dutch
    #: a structural constant of a mechanism (a weight, a radius, a share in a formula), not a lever: swept
    advanced: bool = False  # and calibrated like any parameter, but hidden by default in the UI

    def range_text(self) -> str:
        """Human-readable allowed range, used in every error message and in the docs."""
        if self.kind == "bool":
            return "true or false"
        if self.kind == "choice":
            return "one of " + ", ".join(repr(c) for c in self.choices)
        return f"{self.low:g} to {self.high:g}" + ("" if self.kind == "float" else " (whole number)")


def param(*, name: str, kind: Kind, default: Any, meaning: str, label_nl: str, meaning_nl: str, unit: str = "-",
          low: float | None = None, high: float | None = None, choices: Iterable[str] = (),
          source: str | None = None, advanced: bool = False, ui: bool = True) -> Param:
    """One registry entry, lever or advanced constant alike (keyword-only: no argument order to get wrong).

    The Dutch texts are required, so an entry cannot be added in one language only. ``source`` left out
    means none for a lever and :data:`STRUCTURAL` for an advanced constant (most are calibration choices).
    The group is stamped on by the stage's :class:`Group`, so it is written once per module.
    """
    if source is None:
        source = STRUCTURAL if advanced else ""
    return Param(name=name, kind=kind, default=default, meaning=meaning, unit=unit, low=low, high=high,
                 choices=tuple(choices), source=source, ui=ui, label_nl=label_nl, meaning_nl=meaning_nl,
                 advanced=advanced)


@dataclass(frozen=True)
class Group:
    """A stage's parameters with the stage's name in English (its key, as in ``--group``) and in Dutch."""

    name: str
    name_nl: str
    params: tuple[Param, ...]

    def __post_init__(self) -> None:
        # every entry belongs to this stage: set here once rather than repeated in each entry
        object.__setattr__(self, "params", tuple(replace(p, group=self.name) for p in self.params))

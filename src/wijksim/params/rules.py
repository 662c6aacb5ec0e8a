"""Cross-field rules of the registry: combinations of values that contradict each other.

A range check sees one value; some facts need two (a share active plus a share withdrawn cannot pass 1).
Each rule names both fields and returns a :class:`wijksim.text.messages.Problem`, so the command line shows it
in English and the UI in Dutch. :func:`wijksim.params.resolve` applies them to every run's full set; files,
``--set`` and sweep designs check them early through :func:`check_consistent`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..text.messages import Problem, attach
from .core import ParamError
from .registry import defaults


# --- consistency between parameters
def _shares(p: Mapping[str, Any]) -> Problem | None:
    a, w = p["initial_share_active"], p["initial_share_withdrawn"]
    if a + w > 1 + 1e-12:
        return Problem("shares", {"a": a, "w": w})  # "... is more than 1: they are shares of the same households"
    return None


def _degree(p: Mapping[str, Any]) -> Problem | None:
    if p["mean_degree"] > p["max_degree"]:
        return Problem("degree", {"mean": p["mean_degree"], "cap": p["max_degree"]})
    return None


#: (fields it reads, rule) pairs; a rule returns a problem naming both fields, or None. Only real
#: contradictions belong here: a block larger than the grid or a tie radius wider than the wijk are
#: unusual but well defined (one partial block; everyone within reach), so they are not rules.
RULES: tuple[tuple[tuple[str, ...], Callable[[Mapping[str, Any]], Problem | None]], ...] = (
    (("initial_share_active", "initial_share_withdrawn"), _shares),
    (("mean_degree", "max_degree"), _degree),
)


def inconsistency_problems(values: Mapping[str, Any]) -> list[Problem]:
    """Every cross-field rule that the full parameter set ``values`` breaks (empty when consistent).

    ``values`` is a full set (defaults overlaid with what was given); rules whose fields are missing
    are skipped, so a partial mapping can be checked too.
    """
    out = []
    for fields, rule in RULES:
        if all(f in values for f in fields):
            found = rule(values)
            if found:
                out.append(found)
    return out


def inconsistencies(values: Mapping[str, Any]) -> list[str]:
    """:func:`inconsistency_problems` as English lines, one per broken rule."""
    return [p.text("en") for p in inconsistency_problems(values)]


def check_consistent(values: Mapping[str, Any], source: str | None = None) -> None:
    """Raise :class:`wijksim.params.ParamError` naming both fields of the first broken rule.

    ``values`` may be partial: the registry's defaults fill in the rest.
    """
    full = {**defaults(), **values}
    bad = inconsistency_problems(full)
    if bad:
        raise attach(ParamError, bad[0].within(source) if source else bad[0])

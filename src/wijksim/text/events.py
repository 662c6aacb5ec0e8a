"""The model's event log as data: what happened to which intervention in which week, rendered per language.

The model records an :class:`Event` (an intervention type, a verb, the week, and the facts the verb needs);
the words are made here, when a page, a figure or a file shows it: :func:`render` gives the English text
(what files and the CLI's figures have always written, e.g. ``"crime wave starts"``) or the Dutch one
(``"criminaliteitsgolf begint"``). Nothing reads a text back to find out what happened.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .interventions import type_label

#: verb -> (Dutch, English): an intervention's life cycle (:mod:`wijksim.lifecycle`)
VERBS: dict[str, tuple[str, str]] = {
    "starts": ("begint", "starts"),
    "ends": ("eindigt", "ends"),
    "removed": ("verwijderd", "removed"),
    "extended": ("verlengd", "extended"),
}

#: the verb of a phase reached by a phased intervention (Collective Impact); its field ``phase`` says which
PHASE = "phase"

#: phase -> (Dutch, English): what Collective Impact has built when it enters the phase
PHASES: dict[str, tuple[str, str]] = {
    "roles": ("rollen verdeeld", "roles divided"),
    "pace": ("gedeelde meting", "shared measurement"),
    "cycle": ("cyclus", "cycle"),
}


@dataclass(frozen=True)
class Event:
    """One entry of the event log: intervention ``type`` (``"crime_wave"``), ``verb`` (a key of
    :data:`VERBS`, or :data:`PHASE`), the ``week`` it shows at, and the facts the verb needs as sorted
    (name, value) pairs (``(("phase", "roles"),)``). Frozen and hashable: figures count equal events."""

    type: str
    verb: str
    week: int
    fields: tuple[tuple[str, str], ...] = ()

    def get(self, name: str, default: str = "") -> str:
        """The fact ``name`` (``default`` if the event has none)."""
        return dict(self.fields).get(name, default)


def render(event: Event, lang: str) -> str:
    """The event in ``lang`` without its week: ``"crime wave starts"``, ``"Collective Impact: cyclus"``."""
    i = 0 if lang == "nl" else 1
    label = type_label(event.type, lang)
    if event.verb == PHASE:
        phase = event.get("phase")
        return f"{label}: {PHASES[phase][i] if phase in PHASES else phase}"
    words = VERBS.get(event.verb)
    return f"{label} {words[i] if words else event.verb}"


def rendered(events: Iterable[Event], lang: str) -> list[tuple[int, str]]:
    """(week, text) per event in ``lang``: what the charts' markers and the event list show."""
    return [(e.week, render(e, lang)) for e in events]

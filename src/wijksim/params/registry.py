"""The registry assembled: every stage's entries in one dict, :data:`PARAMS`, in the registry's order.

Each stage module lists its entries in the order they had in the single-file registry. That order put
the levers of all stages first (stage by stage, in the ODD's order) and the advanced constants after
them, so the stages interleave; :data:`ORDER` records it as runs of (stage, count), and entries added since
follow in stage order (a new parameter goes in its stage module only). Keeping it means the
``wijksim params`` listing, sweep and calibration designs (columns follow :data:`PARAMS`), provenance
files and everything else that iterates the registry are unchanged by the split into modules.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from . import (
    city,
    cohesion,
    decision,
    disorder,
    fear,
    guardianship,
    incidents,
    layout,
    network,
    partners,
    police,
    presence,
    reporting,
    residents,
    run,
    turnover,
    youth,
)
from .core import Group, Param

#: every stage's group, in the order the browser UI and the ODD show them
STAGES: tuple[Group, ...] = tuple(m.GROUP for m in (
    run, layout, network, residents, presence, guardianship, incidents, disorder, partners, police, reporting,
    fear, decision, turnover, cohesion, youth))

#: the registry's order as runs of (stage, how many of its next entries): the levers, then the advanced constants
ORDER: tuple[tuple[str, int], ...] = (
    ("run", 1), ("layout", 8), ("network", 6), ("residents", 5), ("presence", 6), ("guardianship", 6),
    ("incidents", 10), ("disorder", 7), ("partners", 4), ("police", 9), ("partners", 5), ("reporting", 10),
    ("fear", 11), ("decision", 27), ("turnover", 5), ("cohesion", 5),
    # advanced constants
    ("residents", 5), ("layout", 5), ("network", 2), ("presence", 2), ("incidents", 1), ("disorder", 1),
    ("reporting", 1), ("police", 1), ("decision", 1), ("reporting", 5), ("partners", 9), ("police", 4),
    ("reporting", 4), ("fear", 2), ("decision", 1), ("cohesion", 4),
)


def assemble(stages: tuple[Group, ...], order: tuple[tuple[str, int], ...]) -> list[Param]:
    """The stages' entries interleaved as ``order`` says, then any entries it does not name, in stage order."""
    left = {g.name: list(g.params) for g in stages}
    out: list[Param] = []
    for name, count in order:
        if len(left[name]) < count:
            raise RuntimeError(f"registry ORDER takes {count} entries of {name!r}, only {len(left[name])} left")
        out += left[name][:count]
        del left[name][:count]
    # entries ORDER does not name (parameters added since the split) follow, stage by stage: a new parameter
    # needs only its stage module
    return out + [p for g in stages for p in left[g.name]]


_REGISTRY: list[Param] = assemble(STAGES, ORDER)

PARAMS: dict[str, Param] = {p.name: p for p in _REGISTRY}

GROUPS: tuple[str, ...] = tuple(dict.fromkeys(p.group for p in _REGISTRY))

#: each group's name in Dutch (the browser UI's section titles)
GROUPS_NL: dict[str, str] = {g.name: g.name_nl for g in STAGES}


#: the city's constants (:mod:`.city`): registered here with the same entries, but outside :data:`PARAMS` so a
#: single-wijk run (its summary, sweeps, the ODD table) stays byte-identical; read by :mod:`wijksim.city`
CITY_PARAMS: dict[str, Param] = {p.name: p for p in city.GROUP.params}


def defaults() -> dict[str, Any]:
    """A fresh dict of every parameter at its default."""
    return {p.name: p.default for p in _REGISTRY}


#: switches of stages that are skipped entirely when off, and the prefix of the parameters only they read
SWITCHED_STAGES: dict[str, str] = {"youth_enabled": "youth_"}


def defaults_sha256() -> str:
    """A short digest of the defaults that can change a default run's output, for the saved settings of the
    generated tables (evidence, corroboration, tipping): a table is stale when this changes.

    A switched-off stage is skipped (no draw, no state read by the others), so its own parameters cannot
    change a number while its switch is off by default: they are left out (the switch too), and adding such a
    stage does not make every table stale; turning it on by default does."""
    acting = {k: p.default for k, p in sorted(PARAMS.items())
              if not any(k.startswith(prefix) and not PARAMS[switch].default
                         for switch, prefix in SWITCHED_STAGES.items())}
    return hashlib.sha256(json.dumps(acting, sort_keys=True, default=str).encode()).hexdigest()[:16]

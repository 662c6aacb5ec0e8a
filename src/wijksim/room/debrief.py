"""The room's debrief: its own bonus or malus against the two rules, and which role's choices carried it.

Arms, each played over the rounds so far with the same wijk and the same random events (replicate ``k``
of every arm runs with seed ``seed + k``: common random numbers, as :mod:`wijksim.compare`):

- ``room``: the room's own choices, round by round;
- ``all_refer``: every partner refers complaints (the model's blame-shifting), every other decision as the
  model's own rule (``usual``);
- ``all_together``: every partner takes complaints up (mutual support), the rest as usual;
- ``room_without_<role>``: the room's choices with that role's seats played by the model's own rule.

Metrics (:data:`METRICS`), each the mean over the weeks played of one replicate. The table has two kinds of
row, told apart by ``metric``: ``<output>`` is the arm's own mean over replicates with a 95 % t-interval;
``bonus_malus_<output>`` (every arm but ``room``) is the paired difference room − arm averaged over
replicates with its t-interval (:func:`wijksim.compare.interval`). For unsafe, withdrawn and incidents a
negative difference is a bonus of the room's choices, for ``share_active`` a positive one. Against
``room_without_<role>`` the difference is what that role's choices did.

Nothing in the table depends on the room's code, the time or the machine: two rooms with the same seed and
the same choices give equal tables.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..compare import DEFAULT_LEVEL, interval
from ..compare.pool import run_all
from .play import Choices, RoomConfig, burnt_in, play, prepare
from .roles import ROLES, USUAL, defaults

METRICS: tuple[str, ...] = ("share_unsafe", "share_withdrawn", "share_active", "incidents")
COLUMNS: tuple[str, ...] = ("arm", "metric", "value", "lo", "hi")
MAX_REPLICATES = 200


def _rule(config: RoomConfig, option: str) -> dict[str, tuple[dict[str, str], ...]]:
    """One round of a rule: both partners ``option`` on complaints, everything else as usual."""
    rnd = config.empty()
    for role in ("police", "corporation"):
        rnd[role] = ({**defaults(role), "complaints": option},)
    return rnd


def arms(config: RoomConfig, schedule: Sequence[Choices]) -> dict[str, list[Choices]]:
    """Each arm's schedule, in the table's order."""
    out: dict[str, list[Choices]] = {"room": list(schedule),
                                     "all_refer": [_rule(config, "refer")] * len(schedule),
                                     "all_together": [_rule(config, "take_up")] * len(schedule)}
    for role in ROLES:
        empty = tuple({d: USUAL for d in defaults(role)} for _ in range(config.seats(role)))
        out[f"room_without_{role}"] = [{**rnd, role: empty} for rnd in schedule]
    return out


def _replicate(job: tuple[int, RoomConfig, int, dict[str, list[Choices]]]) -> list[tuple[str, int, dict[str, float]]]:
    """Every arm of replicate ``k``: one burn-in, copied for each arm (the same state the room's own build
    reaches, tested)."""
    k, config, seed, plan = job
    base = burnt_in(config, seed)
    out = []
    for i, (arm, schedule) in enumerate(plan.items()):
        model = base if i == len(plan) - 1 else copy.deepcopy(base)
        ts = play(config, seed, schedule, prepare(model, config))
        out.append((arm, k, {m: float(ts[m].mean()) for m in METRICS}))
    return out


def debrief(config: RoomConfig, seed: int, schedule: Sequence[Choices], replicates: int,
            workers: int | None = 1, progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
    """The debrief table (module docstring) of ``schedule`` (the rounds played) over ``replicates`` pairs;
    ``progress(done, replicates)`` after each replicate."""
    plan = arms(config, schedule)
    jobs = [(k, config, seed + k, plan) for k in range(replicates)]
    done: list[list[tuple[str, int, dict[str, float]]]] = []
    if workers == 1:
        for i, job in enumerate(jobs):
            done.append(_replicate(job))
            if progress:
                progress(i + 1, len(jobs))
    else:
        done = run_all(_replicate, jobs, workers, progress)
    results = [r for rep in done for r in rep]
    values: dict[str, dict[str, np.ndarray]] = {arm: {m: np.full(replicates, np.nan) for m in METRICS} for arm in plan}
    for arm, k, means in results:
        for m, v in means.items():
            values[arm][m][k] = v
    rows: list[dict[str, Any]] = []
    for arm in plan:
        for m in METRICS:
            rows.append(_row(arm, m, interval(values[arm][m], DEFAULT_LEVEL)))
        if arm != "room":
            for m in METRICS:
                rows.append(_row(arm, f"bonus_malus_{m}", interval(values["room"][m] - values[arm][m], DEFAULT_LEVEL)))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _row(arm: str, metric: str, stats: tuple[float, float, float]) -> dict[str, Any]:
    value, lo, hi = stats
    return {"arm": arm, "metric": metric, "value": value, "lo": lo, "hi": hi}

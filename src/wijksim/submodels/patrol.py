"""Stage 1a, patrol planning: where the police patrol units are this week, and the patrol presence field.

Under ``patrol_strategy``

* ``community`` — each unit walks around its fixed beat, up to ``patrol_beat_range`` cells off in each
  direction (fixed faces: households around a beat gain ``community_policing_trust`` a week in the police);
* ``hotspot`` — each unit goes to a public cell drawn with weight
  ``patrol_hotspot_floor + hot(cell) + Σ hot within patrol_hotspot_radius``, where ``hot`` is the map of
  incidents reported to the police (or of all incidents, with ``shared_measurement``);
* ``random`` — each unit goes to a public cell drawn uniformly.

The patrol field counts the units within ``guardianship_radius + 1`` of every cell (Pate et al. 1986 for
the strategies).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

from ..residents import POLICE
from .draws import stream_key, uniform
from .grid import stamp_kernel, summed_area, window_bounds
from .trust import raise_one

#: ``patrol_strategy`` as :func:`patrol_positions` numbers it
STRATEGY_CODE = {"community": 0, "hotspot": 1, "random": 2}


@njit(cache=True)
def hotspot_weights(hot: np.ndarray, cells: np.ndarray, r: int, floor: float) -> np.ndarray:
    """Per candidate cell (flat index): ``floor`` + the map at the cell + the map summed within ``r``."""
    w, h = hot.shape
    s = summed_area(hot)
    out = np.empty(len(cells))
    for k in range(len(cells)):
        x, y = cells[k] // h, cells[k] % h
        x0, x1, y0, y1 = window_bounds(w, h, x, y, r)
        # written out (not window_sum) to keep the order of the additions, hence the exact bits
        out[k] = floor + hot[x, y] + s[x1, y1] - s[x0, y1] - s[x1, y0] + s[x0, y0]
    return out


@njit(cache=True)
def patrol_positions(strategy: int, beats: np.ndarray, public_cells: np.ndarray, hot: np.ndarray,
                     hotspot_radius: int, hotspot_floor: float, beat_range: int, key: int) -> np.ndarray:
    """This week's unit positions (n × 2) under a strategy code (see the module docstring). Unit u's draws
    are numbers 2u and 2u + 1 of stream ``key``. A wijk without public cells has only beats to walk."""
    w, h = hot.shape
    n = len(beats)
    xy = np.empty((n, 2), np.int64)
    if n == 0:
        return xy
    if strategy == 0 or len(public_cells) == 0:
        for u in range(n):
            for d in range(2):
                step = min(int(uniform(key, 2 * u + d) * (2 * beat_range + 1)), 2 * beat_range) - beat_range
                xy[u, d] = min(max(beats[u, d] + step, 0), (w if d == 0 else h) - 1)
        return xy
    if strategy == 1:
        cw = np.cumsum(hotspot_weights(hot, public_cells, hotspot_radius, hotspot_floor))
    for u in range(n):
        if strategy == 1:
            k = np.searchsorted(cw, uniform(key, 2 * u) * cw[-1], side="right")
        else:
            k = int(uniform(key, 2 * u) * len(public_cells))
        c = public_cells[min(k, len(public_cells) - 1)]
        xy[u, 0], xy[u, 1] = c // h, c % h
    return xy


def plan_patrols(beats: np.ndarray, public_cells: np.ndarray, incidents_recent: np.ndarray,
                 reported_recent: np.ndarray, home_cell: np.ndarray, trust: np.ndarray, p: dict[str, Any],
                 rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Place the units and return (positions n × 2, patrol field per cell); under community policing the
    households whose home lies in the field gain trust in the police (in place)."""
    strategy = p["patrol_strategy"]
    hot = incidents_recent if p["shared_measurement"] else reported_recent
    xy = patrol_positions(STRATEGY_CODE[strategy], beats, public_cells, hot, p["patrol_hotspot_radius"],
                          p["patrol_hotspot_floor"], p["patrol_beat_range"], stream_key(rng))
    field = field_and_trust(xy, hot.shape[0], hot.shape[1], int(p["guardianship_radius"] + 1), home_cell, trust,
                            strategy == "community", float(p["community_policing_trust"]))
    return xy, field


@njit(cache=True)
def field_and_trust(xy: np.ndarray, w: int, h: int, r: int, home_cell: np.ndarray, trust: np.ndarray,
                    community: bool, gain: float) -> np.ndarray:
    """The patrol field (:func:`.grid.stamp` of the units' positions within ``r``) and, under community
    policing, trust in the police for the households whose home lies in it: one call instead of the numpy
    steps it was (issue #25), with the same operations."""
    field = stamp_kernel(w, h, xy[:, 0].copy(), xy[:, 1].copy(), r, np.ones(len(xy)))
    if community and len(xy) and gain != 0.0:
        flat = field.ravel()
        for i in range(len(home_cell)):
            if flat[home_cell[i]] > 0.5:
                raise_one(trust, i, POLICE, gain, 0.0)
    return field

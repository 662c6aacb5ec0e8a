"""Stage 8a, the buurt's withdrawal norm: once many households around have withdrawn, keeping to oneself
becomes what people here do, and that pulls more households behind their front doors.

    q_i  = share of the households within ``withdrawal_norm_radius`` of home that are withdrawn
    pull = b_norm_withdrawn · min(1, max(0, q_i − withdrawal_norm_threshold) / withdrawal_norm_span)

``pull`` is added to U_withdrawn of the decision (stage 8b). A threshold model in Granovetter's (1978)
sense: below the threshold the norm does nothing, so an ordinary wijk and its calibration are untouched;
above it each further withdrawn household makes withdrawing more attractive for the rest. Threshold
effects of this kind are what empirical work on neighbourhood change finds (Quercia & Galster 2000;
Galster, Quercia & Cortes 2000): little response until a share crosses some level, then a steep one.
Descriptive norms steer behaviour most when they are visible (Cialdini, Reno & Kallgren 1990), and an
emptying buurt is visible: fewer people on the street and at the door, nobody joining in.

Why the radius is a buurt (≈ 600 m) and not the tie radius: a strong norm read from a dozen neighbours is
a bistable system in space — a chance cluster of withdrawn households crosses the threshold, tips its
surroundings and the withdrawn state spreads as a front, even in a calm wijk. Read from the whole buurt
the share is averaged over hundreds of households, so chance does not tip it and only a real, lasting
rise in withdrawal does (docs/design-notes.md, "The spiral's tipping point").
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

from .grid import summed_area, window_bounds, window_sum


@njit(cache=True)
def pull_at(withdrawn_near: float, homes_near: float, strength: float, threshold: float, span: float) -> float:
    """One household's extra utility of withdrawing (module docstring; the one place the formula is written)."""
    share = withdrawn_near / max(homes_near, 1.0)
    return strength * min(1.0, max(0.0, share - threshold) / span)


@njit(cache=True)
def pull_at_homes(withdrawn: np.ndarray, x: np.ndarray, y: np.ndarray, w: int, h: int, r: int, strength: float,
                  threshold: float, span: float) -> np.ndarray:
    """:func:`pull_at` of the withdrawn and all households within ``r`` of each home, counted on two point
    grids (one household per dwelling cell, as :func:`.grid.scatter_to_grid`) and their summed-area tables
    (as :func:`.grid.sum_around`): the same numbers in one call instead of six (issue #25)."""
    homes = np.zeros((w, h))
    away = np.zeros((w, h))
    for i in range(len(x)):
        homes[x[i], y[i]] = 1.0
        away[x[i], y[i]] = withdrawn[i]
    s_homes, s_away = summed_area(homes), summed_area(away)
    out = np.empty(len(x))
    for i in range(len(x)):
        x0, x1, y0, y1 = window_bounds(w, h, x[i], y[i], r)
        out[i] = pull_at(window_sum(s_away, x0, x1, y0, y1), window_sum(s_homes, x0, x1, y0, y1), strength,
                         threshold, span)
    return out


def withdrawal_pull(withdrawn: np.ndarray, x: np.ndarray, y: np.ndarray, shape: tuple[int, int],
                    p: dict[str, Any]) -> np.ndarray:
    """The withdrawal norm's extra utility of withdrawing per household (module docstring); ``withdrawn``
    is 0/1 per household, (``x``, ``y``) its home."""
    if p["b_norm_withdrawn"] == 0.0 or not len(x):
        return np.zeros(len(x))
    return pull_at_homes(withdrawn, x, y, shape[0], shape[1], int(max(p["withdrawal_norm_radius"], 0)),
                         p["b_norm_withdrawn"], p["withdrawal_norm_threshold"], p["withdrawal_norm_span"])

"""Stage 3, guardianship: capable guardians per cell, from residents out of doors and patrols.

    g = 1 − exp(−(kappa_residents · Σ_{homes within guardianship_radius} presence·vigilance · visibility
                  + kappa_patrol · patrol field))
    vigilance = 1 + (vigilance_active − 1)·[active];  visibility = 1 − bush_sightline · bushes

(routine activity theory: an incident needs the absence of a capable guardian).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

from .grid import box_sum


@njit(cache=True)
def minus_exponent(x: np.ndarray, y: np.ndarray, presence: np.ndarray, active: np.ndarray, vigilance_active: float,
                   radius: int, bushes: np.ndarray, bush_sightline: float, patrol: np.ndarray, kappa_residents: float,
                   kappa_patrol: float) -> np.ndarray:
    """−z per cell, z the exponent of g = 1 − e^−z: each household's watchfulness out of doors
    (presence·vigilance) at its home (``x``, ``y``), summed within ``radius``, seen past the bushes, plus the
    patrols. One call, in the order of the numpy steps it replaced (issue #25)."""
    w, h = bushes.shape
    grid = np.zeros((w, h))
    for i in range(len(x)):
        grid[x[i], y[i]] += presence[i] * (1.0 + (vigilance_active - 1.0) * active[i])
    near = box_sum(grid, radius)
    out = np.empty((w, h))
    for cx in range(w):
        for cy in range(h):
            out[cx, cy] = -(kappa_residents * near[cx, cy] * (1.0 - bush_sightline * bushes[cx, cy])
                            + kappa_patrol * patrol[cx, cy])
    return out


def guardianship(x: np.ndarray, y: np.ndarray, presence: np.ndarray, active: np.ndarray, bushes: np.ndarray,
                 patrol_field: np.ndarray, p: dict[str, Any]) -> np.ndarray:
    """Guardianship 0–1 per cell (formula: module docstring). ``1 − e^−z`` stays numpy's ``expm1``: a compiled
    one need not round alike in the last bit."""
    g = np.expm1(minus_exponent(x, y, presence, active, p["vigilance_active"], p["guardianship_radius"], bushes,
                                p["bush_sightline"], patrol_field, p["kappa_residents"], p["kappa_patrol"]))
    return np.negative(g, out=g)

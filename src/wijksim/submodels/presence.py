"""Stage 2, presence: each household's expected share of time out in nearby public space.

    neglect  = disorder + neglect_bush_weight · bushes, averaged within neglect_radius of home
    presence = σ(presence_base + presence_active·[active] − presence_withdrawn·[withdrawn]
                 − presence_fear·fear − presence_disorder·neglect + presence_participation·min(participating, 1))

An expected share, not a coin flip: guardianship and tie-building use it directly. Disorder and overgrown
bushes near home keep people in (Branas et al. 2018 found the reverse after greening).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

from ..residents import ACTIVE, WITHDRAWN
from .grid import mean_around


@njit(cache=True)
def presence_logit(state: np.ndarray, fear: np.ndarray, neglect_home: np.ndarray, participating: np.ndarray,
                   base: float, active: float, withdrawn: float, b_fear: float, b_disorder: float,
                   b_participation: float) -> np.ndarray:
    """The logit of presence per household (formula: module docstring)."""
    n = len(state)
    out = np.empty(n)
    for i in range(n):
        out[i] = (base + (active if state[i] == ACTIVE else 0.0) - (withdrawn if state[i] == WITHDRAWN else 0.0)
                  - b_fear * fear[i] - b_disorder * neglect_home[i] + b_participation * min(participating[i], 1.0))
    return out


def neglect_at_homes(disorder: np.ndarray, bushes: np.ndarray, x: np.ndarray, y: np.ndarray,
                     p: dict[str, Any]) -> np.ndarray:
    """Mean neglect (disorder and overgrowth) within ``neglect_radius`` of each home (x, y)."""
    return mean_around(disorder + p["neglect_bush_weight"] * bushes, x, y, p["neglect_radius"])


def presence(state: np.ndarray, fear: np.ndarray, neglect_home: np.ndarray, participating: np.ndarray,
             p: dict[str, Any]) -> np.ndarray:
    """This week's presence per household (formula: module docstring)."""
    z = presence_logit(state, fear, neglect_home, participating, p["presence_base"], p["presence_active"],
                       p["presence_withdrawn"], p["presence_fear"], p["presence_disorder"],
                       p["presence_participation"])
    return 1.0 / (1.0 + np.exp(-z))

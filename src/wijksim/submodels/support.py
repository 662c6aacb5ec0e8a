"""Stage 7a, community support S in 0–1: the weighted *share* of a household's ties that are active, plus
recent participation in activities (saturating), plus a best person nearby (capped):

    S = min(1, 1 − exp(−x / support_scale) + coordinator_support · [best person near]),
    x = Σ_j w_ij·[j active] / Σ_j w_ij + support_participation · min(participating, 1)

A best person is near when one is among the household's ties or lives within ``coordinator_reach`` cells
(the best person themself excepted). A share, not a count: more acquaintances do not by themselves make
an active community, which keeps the ties–engagement loop from running away; saturation and the cap are
the diminishing returns that keep the bonus from running away.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

from ..types import NetworkLike
from .grid import scatter_to_grid, sum_around


def coordinators_near(coordinator: np.ndarray, x: np.ndarray, y: np.ndarray, shape: tuple[int, int],
                      network: NetworkLike, p: dict[str, Any]) -> np.ndarray:
    """1.0 for households with a best person among their ties or near home, else 0.0 (module docstring)."""
    if not coordinator.any():
        return np.zeros(len(coordinator))
    via_ties = network.weighted_sum(coordinator.astype(float)) > 0
    grid = scatter_to_grid(shape[0], shape[1], x, y, coordinator.astype(float))
    via_home = sum_around(grid, x, y, p["coordinator_reach"]) > 0.5
    return ((via_ties | via_home) & ~coordinator).astype(float)


def support(active_sum: np.ndarray, strength: np.ndarray, participating: np.ndarray,
            coordinator_near: np.ndarray, p: dict[str, Any]) -> np.ndarray:
    """Community support per household (module docstring); ``active_sum`` = Σ_j w_ij·[j active] and
    ``strength`` = Σ_j w_ij."""
    s = np.expm1(minus_x_scaled(active_sum, strength, participating, p["support_participation"], p["support_scale"]))
    np.negative(s, out=s)  # 1 − e^(−x/scale), then the best person's bonus and the cap, in place: no temporaries
    s += p["coordinator_support"] * coordinator_near
    return np.minimum(1.0, s, out=s)


@njit(cache=True)
def minus_x_scaled(active_sum: np.ndarray, strength: np.ndarray, participating: np.ndarray, participation: float,
                   scale: float) -> np.ndarray:
    """−x / support_scale per household (module docstring), in the numpy steps' order; ``1 − e^…`` stays
    numpy's ``expm1`` (a compiled one need not round alike). One pass instead of six (issue #25)."""
    out = np.empty(len(strength))
    for i in range(len(out)):
        share = active_sum[i] / strength[i] if strength[i] > 0 else 0.0
        out[i] = -(share + participation * np.minimum(participating[i], 1.0)) / scale
    return out

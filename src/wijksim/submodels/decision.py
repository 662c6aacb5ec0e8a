"""Stage 8, the engage-or-withdraw decision: the bonus/malus mechanism, a multinomial logit with symmetric
fear terms.

    U_active    = b0_active + b_support·S + b_norm·norm + b_trust·(mean trust − ½) + b_awareness·awareness
                  − b_fatigue·fatigue + fear_to_action·fear·split + habit·[active]
    U_withdrawn = w0_withdrawn + fear_to_withdrawal·fear·(1 − split) + pull + habit·[withdrawn]
    U_passive   = habit·[passive]

with ``split`` = community support S (or, with ``community_split`` off, a constant: the wijk's mean support
after the burn-in — the ablation of the tests), ``norm`` the share of households within ``tie_radius`` of
home that are active and ``pull`` the buurt's withdrawal norm (stage 8a, :mod:`.withdrawal_norm`), zero
while fewer than ``withdrawal_norm_threshold`` of the households around have withdrawn. Fear enters both
exits, split by community support: inside an active community it turns into action, alone it turns into
withdrawal (source 002). A household reconsiders with chance
``p_reconsider`` and then draws from the logit; an active one that does not reconsider drops to passive
with chance ``attrition + attrition_crowding·norm``.

Best persons become and stay active through this rule, not by assignment: the role (asked, expected,
recruited) adds ``coordinator_commitment`` to their U_active and spares them the weekly attrition. A negative
``coordinator_commitment`` restores the older rule (a best person is always active), for the ablation.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numba import njit

from ..residents import ACTIVE, PASSIVE, WITHDRAWN
from ..types import ResidentStateLike
from .draws import stream_key, uniform
from .grid import summed_area, window_bounds, window_sum

N_DRAWS = 3  # draws per household: reconsider?, the choice, attrition


@njit(cache=True)
def decide_kernel(state: np.ndarray, support: np.ndarray, split: np.ndarray, trust: np.ndarray,
                  awareness: np.ndarray, fatigue: np.ndarray, fear: np.ndarray, coordinator: np.ndarray,
                  local_norm: np.ndarray, pull: np.ndarray, key: int, b0_active: float, b_support: float, b_norm: float,
                  b_trust: float, b_awareness: float, b_fatigue: float, fear_to_action: float, habit: float,
                  w0_withdrawn: float, fear_to_withdrawal: float, attrition: float, attrition_crowding: float,
                  p_reconsider: float, commitment: float) -> np.ndarray:
    """The new state per household (module docstring). Household i's draws are numbers 3i (reconsider?),
    3i + 1 (the choice) and 3i + 2 (attrition) of stream ``key``; only the ones needed are computed."""
    n = len(state)
    new = np.empty(n, np.int8)
    n_partners = trust.shape[1]
    for i in range(n):
        s = state[i]
        committed = coordinator[i] and commitment > 0.0
        if uniform(key, N_DRAWS * i) < p_reconsider:
            t = (trust[i, 0] + trust[i, 1] + trust[i, 2]) / n_partners
            u_act = (b0_active + b_support * support[i] + b_norm * local_norm[i] + b_trust * (t - 0.5)
                     + b_awareness * awareness[i] - b_fatigue * fatigue[i] + fear_to_action * fear[i] * split[i]
                     + (habit if s == ACTIVE else 0.0) + (commitment if committed else 0.0))
            u_wd = (w0_withdrawn + fear_to_withdrawal * fear[i] * (1.0 - split[i]) + pull[i]
                    + (habit if s == WITHDRAWN else 0.0))
            u_pas = habit if s == PASSIVE else 0.0
            top = max(max(u_act, u_wd), u_pas)
            e_w, e_p, e_a = math.exp(u_wd - top), math.exp(u_pas - top), math.exp(u_act - top)
            uc = uniform(key, N_DRAWS * i + 1) * (e_w + e_p + e_a)
            s = WITHDRAWN if uc < e_w else (PASSIVE if uc < e_w + e_p else ACTIVE)
        elif (s == ACTIVE and not committed
              and uniform(key, N_DRAWS * i + 2) < attrition + attrition_crowding * local_norm[i]):
            s = PASSIVE
        if coordinator[i] and commitment < 0.0:
            s = ACTIVE
        new[i] = s
    return new


def local_norm(active: np.ndarray, x: np.ndarray, y: np.ndarray, shape: tuple[int, int], homes_near: np.ndarray,
               p: dict[str, Any]) -> np.ndarray:
    """Share of the households within ``tie_radius`` of each home that are active (``homes_near``: how many
    homes lie within that radius)."""
    return norm_at_homes(active, x, y, shape[0], shape[1], int(max(p["tie_radius"], 0)), homes_near)


@njit(cache=True)
def norm_at_homes(active: np.ndarray, x: np.ndarray, y: np.ndarray, w: int, h: int, r: int,
                  homes_near: np.ndarray) -> np.ndarray:
    """The active households within ``r`` of each home over ``homes_near``: the point grid, summed-area table
    and window sums of :func:`.grid.scatter_to_grid` and :func:`.grid.sum_around`, in one call (issue #25)."""
    grid = np.zeros((w, h))
    for i in range(len(x)):
        grid[x[i], y[i]] = active[i]
    s = summed_area(grid)
    out = np.empty(len(x))
    for i in range(len(x)):
        x0, x1, y0, y1 = window_bounds(w, h, x[i], y[i], r)
        out[i] = window_sum(s, x0, x1, y0, y1) / homes_near[i]
    return out


def decide(rs: ResidentStateLike, norm: np.ndarray, pull: np.ndarray, split_constant: float, p: dict[str, Any],
           rng: np.random.Generator) -> np.ndarray:
    """The households' new states (module docstring); ``pull`` is the withdrawal norm's extra utility of
    withdrawing per household (stage 8a, :mod:`.withdrawal_norm`)."""
    split = rs.support if p["community_split"] else np.full(rs.n, split_constant)
    return decide_kernel(
        rs.state, rs.support, split, rs.trust, rs.awareness, rs.fatigue, rs.fear, rs.coordinator, norm,
        pull, stream_key(rng), p["b0_active"], p["b_support"], p["b_norm"], p["b_trust"], p["b_awareness"],
        p["b_fatigue"], p["fear_to_action"], p["habit"], p["w0_withdrawn"], p["fear_to_withdrawal"],
        p["attrition"], p["attrition_crowding"], p["p_reconsider"], p["coordinator_commitment"])

"""Stage 5e, complaints and referrals: households complain about disorder around their home, and the
collaboration mode routes the complaints.

Household i complains this week with chance 1 − exp(−h_i),

    h_i = complaint_rate · (complaint_disorder_weight · disorder near home + incidents witnessed)
          · will(state) · (½ + trust in whoever owns the home)

with disorder averaged within ``complaint_radius`` and will = ``complaint_will_active`` /
``complaint_will_passive`` / ``complaint_will_withdrawn`` (the withdrawn have given up). An absolute
threshold on disorder would leave the channel dead at ordinary disorder levels.

Routing (source 002): under blame-shifting a complaint is referred to another partner with chance
``(1 − cooperation)·(1 − [best person near])`` — a best person knows which partner to go to — and then
nothing happens: trust in corporation and municipality falls by ``referral_trust_loss``·trust and fatigue
rises by ``fatigue_silence``, plus the referral fatigue of :func:`.trust.referral_fatigue` (the household and,
weighted by tie strength, its ties). The rest join the queue of the home's owner (served from next week, stage 1b).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numba import njit

from ..neighbourhood import CORPORATION
from ..residents import ACTIVE, HOUSING, MUNICIPALITY, PASSIVE
from ..types import MaintainerLike, NetworkLike, ResidentStateLike
from .draws import stream_key, uniform
from .grid import mean_around
from .trust import lower_trust, referral_fatigue, tire


@njit(cache=True)
def complainers(state: np.ndarray, home_owner: np.ndarray, trust: np.ndarray, disorder_home: np.ndarray,
                witnessed: np.ndarray, rate: float, disorder_weight: float, will_active: float, will_passive: float,
                will_withdrawn: float, key: int) -> np.ndarray:
    """The households that complain (hazard: module docstring), household i's draw being number i of
    stream ``key``. Since 1 − e^−h ≤ h, a draw at or above h is a no without computing the exponential."""
    n = len(state)
    out = np.empty(n, np.int64)
    k = 0
    for i in range(n):
        will = will_active if state[i] == ACTIVE else (will_passive if state[i] == PASSIVE else will_withdrawn)
        owner_trust = trust[i, HOUSING] if home_owner[i] == CORPORATION else trust[i, MUNICIPALITY]
        hazard = rate * (disorder_weight * disorder_home[i] + witnessed[i]) * will * (0.5 + owner_trust)
        u = uniform(key, i)
        if u < hazard and u < -math.expm1(-hazard):
            out[k] = i
            k += 1
    return out[:k].copy()


def who_complains(rs: ResidentStateLike, disorder: np.ndarray, p: dict[str, Any],
                  rng: np.random.Generator) -> np.ndarray:
    """The households ``rs`` that complain this week (module docstring)."""
    disorder_home = mean_around(disorder, rs.x, rs.y, p["complaint_radius"])
    return complainers(rs.state, rs.home_owner, rs.trust, disorder_home, rs.witnessed, p["complaint_rate"],
                       p["complaint_disorder_weight"], p["complaint_will_active"], p["complaint_will_passive"],
                       p["complaint_will_withdrawn"], stream_key(rng))


def route_complaints(complainers: np.ndarray, home_owner: np.ndarray, home_cell: np.ndarray,
                     coordinator_near: np.ndarray, trust: np.ndarray, fatigue: np.ndarray, network: NetworkLike,
                     housing: MaintainerLike, municipality: MaintainerLike, week: int, p: dict[str, Any],
                     rng: np.random.Generator) -> int:
    """Route complaints into the ``housing`` and ``municipality`` queues (module docstring); returns how
    many were referred on."""
    if not len(complainers):
        return 0
    to_corp = home_owner[complainers] == CORPORATION
    cell = home_cell[complainers]
    keep = np.ones(len(complainers), dtype=bool)
    if p["collaboration"] == "blame_shifting":
        p_refer = (1.0 - p["cooperation"]) * (1.0 - coordinator_near[complainers])
        refer = rng.random(len(complainers)) < p_refer
        ref = complainers[refer]
        lower_trust(trust, ref, (HOUSING, MUNICIPALITY), p["referral_trust_loss"])
        tire(fatigue, ref, p["fatigue_silence"])
        referral_fatigue(fatigue, ref, network, p)
        keep = ~refer
    housing.enqueue(complainers[keep & to_corp], cell[keep & to_corp], week)
    municipality.enqueue(complainers[keep & ~to_corp], cell[keep & ~to_corp], week)
    return int(np.count_nonzero(~keep))

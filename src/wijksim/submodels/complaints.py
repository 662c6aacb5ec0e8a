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
from .trust import lower_one, referral_fatigue, tire_one


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
    blame = p["collaboration"] == "blame_shifting"
    u = rng.random(len(complainers)) if blame else np.empty(0)
    ref, corp, muni = route(complainers, u, home_owner, coordinator_near, trust, fatigue, blame, p["cooperation"],
                            p["referral_trust_loss"], p["fatigue_silence"])
    if blame:
        referral_fatigue(fatigue, ref, network, p)
    housing.enqueue(complainers[corp], home_cell[complainers[corp]], week)
    municipality.enqueue(complainers[muni], home_cell[complainers[muni]], week)
    return len(ref)


@njit(cache=True)
def route(complainers: np.ndarray, u: np.ndarray, home_owner: np.ndarray, coordinator_near: np.ndarray,
          trust: np.ndarray, fatigue: np.ndarray, blame: bool, cooperation: float, referral_loss: float,
          fatigue_silence: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Which complaints are referred on (under blame-shifting, draw ``u[k]`` below (1 − cooperation)·(1 − best
    person near)) and what that costs the complainant in trust and fatigue; the rest go to the home's owner.
    Returns (the referred households; the positions in ``complainers`` for the corporation's queue and for
    the municipality's), in complaint order. Why compiled: issue #25 (a dozen numpy steps at 2,000 households)."""
    n = len(complainers)
    refer = np.zeros(n, np.bool_)
    if blame:
        for k in range(n):
            refer[k] = u[k] < (1.0 - cooperation) * (1.0 - coordinator_near[complainers[k]])
    ref = complainers[refer]
    if len(ref) and referral_loss != 0.0:
        for i in ref:
            lower_one(trust, i, HOUSING, referral_loss)
            lower_one(trust, i, MUNICIPALITY, referral_loss)
    for i in ref:
        tire_one(fatigue, i, fatigue_silence)
    corp = np.empty(n, np.int64)
    muni = np.empty(n, np.int64)
    n_corp = n_muni = 0
    for k in range(n):
        if refer[k]:
            continue
        if home_owner[complainers[k]] == CORPORATION:
            corp[n_corp] = k
            n_corp += 1
        else:
            muni[n_muni] = k
            n_muni += 1
    return ref, corp[:n_corp], muni[:n_muni]

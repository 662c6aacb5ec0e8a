"""Stage 5d, conflict: reports and complaints that point at a neighbour sour that tie, the neighbour's own
ties take sides, and the neighbour loses trust.

A household focused on reporting nuisance (a narrow-goal programme, focus_i ≥ 0 in logit, fading) reads
more of what it sees as its neighbours' doing (source 001: the narrow goal created opposition):

* each of its nuisance reports points at a neighbour with chance ``min(1, conflict_share · (1 + focus_i))``;
* besides incidents, it complains about a neighbour's behaviour (noise, parking, the bins): a weekly
  chance ``min(1, conflict_behaviour_rate · focus_i)`` — zero without a narrow programme.

The presumed source j is one of the reporter i's existing local ties, at random. That tie loses
``conflict_strain`` (breaking below ``tie_break_below``). j's own ties side with j when the street knows who
reported, which a group member's report makes known (an anonymous single report does not): each neighbour k
of j who also knows i loses ``conflict_side · focus_i/(1 + focus_i) · conflict_strain · w_jk`` of the tie
k–i (the closer k is to j, the more it sides). When the report went to the police, j's trust in the police falls by
``conflict_strain · conflict_trust_factor``·trust (a complaint about behaviour goes to the group or the
landlord, not to the police).
Ablation: ``conflict_strain`` = 0 switches every part off.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

from ..residents import POLICE
from ..types import NetworkLike
from ..week_record import NUISANCE, WeekIncidents
from .draws import uniform
from .trust import lower_trust


@njit(cache=True)
def weaken(e: int, amount: float, w: np.ndarray, ei: np.ndarray, ej: np.ndarray, break_below: float,
           strength: np.ndarray, active: np.ndarray, active_sum: np.ndarray) -> int:
    """Tie ``e`` loses ``amount`` (breaking below ``break_below``); the cached sums ``strength`` and
    ``active_sum`` (Σ_j w_ij·active_j), where not empty, follow. Returns 1 if the tie broke, else 0."""
    old = w[e]
    new = min(max(old - amount, 0.0), 1.0)
    broke = 0
    if new < break_below:
        new = 0.0
        broke = 1
    w[e] = new
    if len(strength):
        strength[ei[e]] += new - old
        strength[ej[e]] += new - old
    if len(active_sum):
        active_sum[ei[e]] += (new - old) * active[ej[e]]
        active_sum[ej[e]] += (new - old) * active[ei[e]]
    return broke


@njit(cache=True)
def take_sides(i: int, j: int, amount: float, side: float, indptr: np.ndarray, indices: np.ndarray,
               slot_edge: np.ndarray, ei: np.ndarray, ej: np.ndarray, w: np.ndarray, break_below: float,
               strength: np.ndarray, active: np.ndarray, active_sum: np.ndarray) -> int:
    """Every tie k of the reported household j that also knows the reporter i turns against i: the tie
    k–i loses ``side · amount · w_jk``. Returns how many ties broke."""
    broken = 0
    lo, hi = indptr[i], indptr[i + 1]
    for slot in range(indptr[j], indptr[j + 1]):
        k = indices[slot]
        w_jk = w[slot_edge[slot]]
        if k == i or w_jk <= 0.0:
            continue
        at = lo + np.searchsorted(indices[lo:hi], k)  # row i is sorted
        if at < hi and indices[at] == k:
            e = slot_edge[at]
            if w[e] > 0.0:
                broken += weaken(e, side * amount * w_jk, w, ei, ej, break_below, strength, active, active_sum)
    return broken


@njit(cache=True)
def strain(reporters: np.ndarray, indptr: np.ndarray, indices: np.ndarray, slot_edge: np.ndarray,
           ei: np.ndarray, ej: np.ndarray, w: np.ndarray, local: np.ndarray, amount: float, break_below: float,
           side: np.ndarray, strength: np.ndarray, active: np.ndarray, active_sum: np.ndarray,
           key: int) -> tuple[np.ndarray, int]:
    """Each reporter strains its tie to one neighbour it knows (an existing local tie, at random; reporter
    k's draw is number k of stream ``key``), and that neighbour's ties take sides by ``side[k]``
    (:func:`take_sides`; ``side`` may be empty: nobody takes sides).

    Returns (per reporter the neighbour reported about, −1 for a reporter who knows no neighbour; how many
    ties broke). ``strength`` and ``active_sum`` (Σ_j w_ij·active_j), where not empty, are kept in step.
    """
    targets = np.full(len(reporters), -1, np.int64)
    broken = 0
    for k in range(len(reporters)):
        i = reporters[k]
        n_c = 0
        for slot in range(indptr[i], indptr[i + 1]):
            e = slot_edge[slot]
            if w[e] > 0.0 and local[e]:
                n_c += 1
        if n_c == 0:
            continue
        pick = int(uniform(key, k) * n_c)
        for slot in range(indptr[i], indptr[i + 1]):
            e = slot_edge[slot]
            if w[e] > 0.0 and local[e]:
                if pick == 0:
                    j = indices[slot]
                    broken += weaken(e, amount, w, ei, ej, break_below, strength, active, active_sum)
                    if len(side) and side[k] > 0.0:
                        broken += take_sides(i, j, amount, side[k], indptr, indices, slot_edge, ei, ej, w, break_below,
                                             strength, active, active_sum)
                    targets[k] = j
                    break
                pick -= 1
    return targets, broken


def conflict(inc: WeekIncidents, report_focus: np.ndarray, trust: np.ndarray, network: NetworkLike, p: dict[str, Any],
             rng: np.random.Generator) -> None:
    """Strain ties and trust for this week's reports and complaints about neighbours (module docstring).

    The draws are those of the numpy steps this once was, in their order (one per nuisance report, then one
    per focused household when behaviour counts, sized by two counts); who is pointed at is then one compiled
    call (:func:`about_whom`) instead of a dozen numpy steps (issue #25)."""
    u_report = rng.random(np.count_nonzero(inc.kind[inc.report_inc] == NUISANCE))  # one per nuisance report
    n_focused = np.count_nonzero(report_focus > 0)  # none without a narrow programme: no draws either
    grudges = bool(n_focused > 0 and p["conflict_behaviour_rate"] > 0)
    u_grudge = rng.random(n_focused) if grudges else np.empty(0)
    about, side, n_police = about_whom(inc.kind, inc.report_inc, inc.report_res, u_report, grudges, u_grudge,
                                       report_focus, p["conflict_share"], p["conflict_behaviour_rate"],
                                       p["conflict_side"])
    if not len(about):
        return
    targets = network.strain(about, rng, p["conflict_strain"], p["tie_break_below"], side)
    reported = targets[:n_police]
    lower_trust(trust, reported[reported >= 0], (POLICE,), p["conflict_strain"] * p["conflict_trust_factor"])


@njit(cache=True)
def about_whom(kind: np.ndarray, report_inc: np.ndarray, report_res: np.ndarray, u_report: np.ndarray,
               grudges: bool, u_grudge: np.ndarray, report_focus: np.ndarray, share: float, behaviour_rate: float,
               side_weight: float) -> tuple[np.ndarray, np.ndarray, int]:
    """Who points at a neighbour (module docstring): the reporters of nuisance, in report order, whose draw
    falls below min(1, share·(1 + focus)), then (with ``grudges``) the households with a report focus,
    ascending, whose draw falls below min(1, rate·focus); with each, how well the street knows who reported,
    ``side_weight·focus/(1 + focus)``. Returns (households, side, how many of them are reports to the police)."""
    reporters = report_res[kind[report_inc] == NUISANCE]
    focused = np.flatnonzero(report_focus > 0) if grudges else np.empty(0, np.int64)
    about = np.empty(len(reporters) + len(focused), np.int64)
    m = 0
    for k in range(len(reporters)):
        if u_report[k] < np.minimum(1.0, share * (1.0 + report_focus[reporters[k]])):
            about[m] = reporters[k]
            m += 1
    n_police = m
    for k in range(len(focused)):
        if u_grudge[k] < np.minimum(1.0, behaviour_rate * report_focus[focused[k]]):
            about[m] = focused[k]
            m += 1
    about = about[:m].copy()
    side = np.empty(m)
    for k in range(m):
        focus = report_focus[about[k]]
        side[k] = side_weight * focus / (1.0 + focus)
    return about, side, n_police

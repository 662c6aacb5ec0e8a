"""Stage 5d, conflict: nuisance reports that point at a neighbour strain that tie and that neighbour's trust.

A household focused on reporting nuisance (a narrow-goal programme) reads more of what it sees as its
neighbours' doing: each of its nuisance reports points at a neighbour with chance
``min(1, conflict_share · (1 + report_focus))`` (source 001: the narrow goal created opposition). The
presumed source is one of the reporter's existing local ties, at random; that tie loses
``conflict_strain`` (breaking below ``tie_break_below``), and the neighbour's trust in the police falls by
``conflict_strain · conflict_trust_factor``·trust.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

from ..incidents import NUISANCE, WeekIncidents
from ..residents import POLICE
from .draws import uniform
from .trust import lower_trust


@njit(cache=True)
def strain(reporters: np.ndarray, indptr: np.ndarray, indices: np.ndarray, slot_edge: np.ndarray,
           ei: np.ndarray, ej: np.ndarray, w: np.ndarray, local: np.ndarray, amount: float, break_below: float,
           strength: np.ndarray, active: np.ndarray, active_sum: np.ndarray,
           key: int) -> tuple[np.ndarray, int]:
    """Each reporter strains its tie to one neighbour it knows (an existing local tie, at random; reporter
    k's draw is number k of stream ``key``).

    Returns (the neighbours reported about, how many ties broke). ``strength`` and ``active_sum``
    (Σ_j w_ij·active_j), where not empty, are kept in step.
    """
    targets = np.empty(len(reporters), np.int64)
    n_t = 0
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
                    old = w[e]
                    new = min(max(old - amount, 0.0), 1.0)
                    if new < break_below:
                        new = 0.0
                        broken += 1
                    w[e] = new
                    if len(strength):
                        strength[ei[e]] += new - old
                        strength[ej[e]] += new - old
                    if len(active_sum):
                        active_sum[ei[e]] += (new - old) * active[ej[e]]
                        active_sum[ej[e]] += (new - old) * active[ei[e]]
                    targets[n_t] = indices[slot]
                    n_t += 1
                    break
                pick -= 1
    return targets[:n_t].copy(), broken


def conflict(inc: WeekIncidents, report_focus: np.ndarray, trust: np.ndarray, network: Any, p: dict[str, Any],
             rng: np.random.Generator) -> None:
    """Strain ties and trust for this week's nuisance reports about neighbours (module docstring)."""
    nuis = inc.kind[inc.report_inc] == NUISANCE
    reporters = inc.report_res[nuis]
    if not len(reporters):
        return
    p_about = np.minimum(1.0, p["conflict_share"] * (1.0 + report_focus[reporters]))
    about = reporters[rng.random(len(reporters)) < p_about]
    targets = network.strain(about, rng, p["conflict_strain"], p["tie_break_below"])
    lower_trust(trust, targets, (POLICE,), p["conflict_strain"] * p["conflict_trust_factor"])

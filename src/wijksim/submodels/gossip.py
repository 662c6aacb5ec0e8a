"""Stage 6, gossip: what households hear from their ties — about incidents, and about the partners.

Incidents: witnesses and victims tell their ties; a household hears

    heard_i = gossip_rate · Σ_j w_ij · (witnessed_j + gossip_victim_weight · victim_j)

(heard incidents weigh less than seen ones in fear, stage 7). Partners (called from the follow-up, stage
5c): ``trust_gossip`` of each reporter's trust change δ in a partner reaches its ties weighted by tie
strength; a household told Σ = told moves its trust by told·(1 − t) up or told·t down, so a partner's
reputation is social, not only personal (Sjoberg et al. 2017).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

from ..types import NetworkLike


@njit(cache=True)
def gossip_trust(indptr: np.ndarray, indices: np.ndarray, slot_edge: np.ndarray, w: np.ndarray,
                 sources: np.ndarray, delta: np.ndarray, share: float, trust: np.ndarray, partner: int) -> None:
    """Each source's trust change ``delta[k]`` reaches its ties (module docstring), visiting only the
    sources' ties."""
    n = len(indptr) - 1
    told = np.zeros(n)
    seen = np.zeros(n, np.bool_)
    touched = np.empty(indptr[-1], np.int64)
    m = 0
    for k in range(len(sources)):
        i = sources[k]
        v = share * delta[k]
        if v == 0.0:
            continue
        for slot in range(indptr[i], indptr[i + 1]):
            we = w[slot_edge[slot]]
            if we > 0.0:
                j = indices[slot]
                told[j] += we * v
                if not seen[j]:
                    seen[j] = True
                    touched[m] = j
                    m += 1
    for q in range(m):
        j = touched[q]
        d, t = told[j], trust[j, partner]
        t += d * (1.0 - t) if d > 0.0 else d * t
        trust[j, partner] = min(max(t, 0.0), 1.0)


def share_experiences(network: NetworkLike, trust: np.ndarray, partner: int, who: np.ndarray, delta: np.ndarray,
                      p: dict[str, Any]) -> None:
    """Reporters ``who`` tell their ties how ``partner`` treated them (``delta``: their trust changes);
    the ties' ``trust`` changes in place."""
    k = p["trust_gossip"]
    if k <= 0 or not len(who):
        return
    network.share_along_ties(who, delta, k, trust, partner)


def hear(witnessed: np.ndarray, victim: np.ndarray, network: NetworkLike, p: dict[str, Any]) -> np.ndarray:
    """Incidents heard about from ties this week, per household (module docstring)."""
    told = witnessed + p["gossip_victim_weight"] * victim
    return p["gossip_rate"] * network.weighted_sum(told)

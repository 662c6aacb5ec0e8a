"""The offender pool: where a city's offenders offend, and how much of their effort a wijk's risk deters.

Why a pool: a wijk that becomes riskier for offenders does not only see fewer incidents; the offenders who
would have come go somewhere else, or give up. The studies measure exactly this balance (Guerette & Bowers
2009: displacement in 26 % of observations, diffusion of benefits in 27 %). Everything here is expected
effort (no randomness): the wijk models draw the incidents.

Offenders living in wijk h (``effort[h]``: households × offender share) weigh each target wijk j by

    p[h, j] ∝ targets[j] · exp(−decay · d[h, j])            (journey to crime; Bernasco & Nieuwbeerta 2005)

and keep it with chance exp(−sensitivity · risk~[j]) where the perceived risk

    risk~[j] = (1 − reach) · risk[j] + reach · mean of risk over j's neighbours

reaches past the boundary (reach = 0: offenders see each wijk's risk only inside it: no diffusion). The effort
deterred, D[h] = 1 − Σ_j keep[h, j], is partly given up (``abandon``) and the rest moved to the targets kept, in
proportion (abandon = 1: deterrence in one wijk changes no other wijk's inflow: no displacement):

    flow[h, j] = effort[h] · (keep[h, j] + (1 − abandon) · D[h] · keep[h, j] / Σ_k keep[h, k])
"""

from __future__ import annotations

import numpy as np


def choice_weights(targets: np.ndarray, distance_km: np.ndarray, decay: float) -> np.ndarray:
    """p[h, j]: each home wijk's choice of target before risk, each row summing to 1."""
    w = targets[None, :] * np.exp(-decay * distance_km)
    total = w.sum(axis=1, keepdims=True)
    return np.divide(w, total, out=np.zeros_like(w), where=total > 0)


def perceived_risk(risk: np.ndarray, adjacency: np.ndarray, reach: float) -> np.ndarray:
    """Each wijk's risk as offenders see it: its own blended with its neighbours' mean by ``reach``."""
    n_adj = adjacency.sum(axis=1)
    around = np.divide(adjacency @ risk, n_adj, out=risk.astype(float).copy(), where=n_adj > 0)
    return (1.0 - reach) * risk + reach * around


def flows(effort: np.ndarray, p: np.ndarray, seen_risk: np.ndarray, sensitivity: float,
          abandon: float) -> np.ndarray:
    """flow[h, j]: offending effort from home wijk h into wijk j this week (module docstring)."""
    keep = p * np.exp(-sensitivity * seen_risk)[None, :]
    kept = keep.sum(axis=1, keepdims=True)
    deterred = 1.0 - kept
    moved = np.divide((1.0 - abandon) * deterred * keep, kept, out=np.zeros_like(keep), where=kept > 0)
    return effort[:, None] * (keep + moved)


def risk_score(guardianship: float, hardening: float, patrol: float, disorder: float) -> float:
    """What an offender reads of a wijk's risk: guardians about, hardened targets and patrols, minus the
    disorder that signals nobody cares (Wilson & Kelling 1982). Means over the wijk's cells, each 0 to ~1."""
    return guardianship + hardening + patrol - disorder

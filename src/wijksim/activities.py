"""Who may come to a community activity: the households near its venue and the logit of their joining.

The rule is :class:`wijksim.interventions.CommunityActivities`'s (source 001: activities reach the
households living near them; the active, the aware and the supported come more readily, the withdrawn and
the tired less). This is its per-activity pass over the households, compiled: an engagement programme holds
one to three activities a week, and as chains of numpy calls each cost a dozen passes and temporaries over
every household (issue #25). The operations are numpy's, in the same order, so the result has the same bits;
the logistic itself stays in numpy (:func:`wijksim.residents.sigmoid`), whose ``exp`` a compiled one need
not match to the last bit.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from .residents import ACTIVE, WITHDRAWN


@njit(cache=True)
def near_and_pull(x: np.ndarray, y: np.ndarray, vx: int, vy: int, radius: int, state: np.ndarray,
                  awareness: np.ndarray, support: np.ndarray, fatigue: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(households within ``radius`` cells of the venue in both directions, ascending; their logit of joining)
    with z = −1 + 1.5·[active] − 2·[withdrawn] + awareness + support − 2·fatigue, added left to right."""
    n = len(x)
    close = np.empty(n, np.int64)
    k = 0
    for i in range(n):
        if abs(x[i] - vx) <= radius and abs(y[i] - vy) <= radius:
            close[k] = i
            k += 1
    close = close[:k]
    z = np.empty(k)
    for c in range(k):
        i = close[c]
        z[c] = ((((-1.0 + 1.5 * (1.0 if state[i] == ACTIVE else 0.0)) - 2.0 * (1.0 if state[i] == WITHDRAWN else 0.0))
                 + awareness[i]) + support[i]) - 2.0 * fatigue[i]
    return close, z

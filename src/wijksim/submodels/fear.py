"""Stage 7b, fear (perceived unsafety): raised by victimisation, witnessing, hearing and disorder; fades
with reassurance.

    threat = fear_victim·min(victim, 1) + fear_exposure_weight·fear_witness·(1 − e^−witnessed)
             + fear_exposure_weight·fear_hear·(1 − e^−heard) + fear_disorder·neglect near home + fear_worry·worry
    fear += min(1, sensitivity·threat)·(1 − fear)
    fear −= fear_decay·(1 + reassure_support·support + reassure_guardianship·guardianship at home)·fear

Seeing and hearing saturate (1 − e^−n: ten stories are not ten times one); fear fades faster for households
with community support and guardianship around them (Skogan 1990 for disorder).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

from ..types import ResidentStateLike


@njit(cache=True)
def fear_kernel(fear: np.ndarray, sensitivity: np.ndarray, victim: np.ndarray, seen: np.ndarray,
                told: np.ndarray, disorder_home: np.ndarray, guardianship_home: np.ndarray, worry: np.ndarray,
                support: np.ndarray, f_victim: float, f_witness: float, f_hear: float, f_disorder: float,
                f_worry: float, exposure_weight: float, decay: float, reassure_support: float,
                reassure_guardianship: float) -> None:
    """Fear update in place (module docstring); ``seen`` and ``told`` are e^−witnessed − 1 and e^−heard − 1 (numpy's
    ``expm1``), negated here rather than by two more numpy passes (issue #25)."""
    for i in range(len(fear)):
        threat = (f_victim * min(victim[i], 1.0) + f_witness * -seen[i] * exposure_weight
                  + f_hear * -told[i] * exposure_weight + f_disorder * disorder_home[i] + f_worry * worry[i])
        f = fear[i]
        f += min(1.0, sensitivity[i] * threat) * (1.0 - f)
        f -= decay * (1.0 + reassure_support * support[i] + reassure_guardianship * guardianship_home[i]) * f
        fear[i] = min(max(f, 0.0), 1.0)


def update_fear(rs: ResidentStateLike, neglect_home: np.ndarray, guardianship_home: np.ndarray,
                p: dict[str, Any]) -> None:
    """This week's fear of the households ``rs``, in place (module docstring; exposures, worry and support
    are read from ``rs``)."""
    seen, told = np.expm1(-rs.witnessed), np.expm1(-rs.heard)  # negated in the kernel
    fear_kernel(rs.fear, rs.sensitivity, rs.victim, seen, told, neglect_home, guardianship_home, rs.worry,
                rs.support, p["fear_victim"], p["fear_witness"], p["fear_hear"], p["fear_disorder"], p["fear_worry"],
                p["fear_exposure_weight"], p["fear_decay"], p["reassure_support"], p["reassure_guardianship"])

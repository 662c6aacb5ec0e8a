"""Per-week outputs: what a survey, the police registry and the partners would see.

Outputs are aggregated every week (MODEL.md §4); per-household snapshots only on request
(:meth:`wijksim.model.WijkModel.agent_table`). ``COLUMNS`` is the contract of ``timeseries()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .incidents import BURGLARY, NUISANCE, STREET, WeekIncidents
from .residents import ACTIVE, HOUSING, MUNICIPALITY, PASSIVE, POLICE, WITHDRAWN

if TYPE_CHECKING:
    from .model import WijkModel

#: the columns promised by ``WijkModel.timeseries()`` (in this order), then the extra ones
COLUMNS: tuple[str, ...] = (
    "week", "fear_mean", "share_unsafe", "cohesion", "collective_efficacy", "share_withdrawn", "share_passive",
    "share_active", "incidents", "incidents_nuisance", "incidents_burglary", "incidents_street", "reports",
    "reporting_rate", "trust_police", "trust_municipality", "trust_housing", "disorder_mean", "cooperation",
)
EXTRA_COLUMNS: tuple[str, ...] = (
    "damage_mean", "litter_mean", "bushes_mean", "guardianship_mean", "presence_mean", "support_mean",
    "tie_strength_mean", "ties_per_household", "complaints", "referrals", "share_complained_year",
    "victims", "coordinators", "awareness_mean", "fatigue_mean", "crime_multiplier",
)
ALL_COLUMNS = COLUMNS + EXTRA_COLUMNS

#: the outputs a comparison or a sweep looks at first
KEY_OUTPUTS: tuple[str, ...] = (
    "incidents", "share_unsafe", "share_withdrawn", "share_active", "cohesion", "collective_efficacy",
    "reporting_rate", "disorder_mean",
)

#: willingness to act for the common good by state (Sampson's informal social control)
WILLINGNESS = np.array([0.1, 0.5, 1.0])  # withdrawn, passive, active

#: anchors the 0–10 cohesion scale: the initial network scores 10·(1 − e^−COHESION_K) ≈ 6.4,
#: CBS's national mean (2021); what the model says is how cohesion moves from there
COHESION_K = 1.02


def cohesion_per_household(strength: np.ndarray, initial_mean: float) -> np.ndarray:
    """Cohesion on a 0–10 survey-like scale from tie strength, normalised by the initial mean.

    Saturating but never flat: doubling everyone's ties moves the index from 6.4 to 8.7.
    """
    return 10.0 * (1.0 - np.exp(-COHESION_K * strength / initial_mean))


def collect(m: WijkModel, inc: WeekIncidents) -> tuple[float, ...]:
    """One row of outputs for the week just simulated, in ``ALL_COLUMNS`` order."""
    rs = m.residents
    nb = m.nb
    p = m.p
    n = max(rs.n, 1)
    strength = m.network.strength()
    coh_i = cohesion_per_household(strength, m.network.initial_strength)
    state = rs.state
    n_inc = inc.n
    reports = int(np.count_nonzero(inc.reported))
    recent = rs.last_complaint > m.week - 52
    live = m.network.live()
    return (
        float(m.week),
        float(rs.fear.mean()) if rs.n else 0.0,
        float(np.count_nonzero(rs.fear > p["unsafe_threshold"]) / n),
        float(coh_i.mean()) if rs.n else 0.0,
        float((coh_i / 10.0 * WILLINGNESS[state]).mean()) if rs.n else 0.0,
        float(np.count_nonzero(state == WITHDRAWN) / n),
        float(np.count_nonzero(state == PASSIVE) / n),
        float(np.count_nonzero(state == ACTIVE) / n),
        float(n_inc),
        float(inc.count(NUISANCE)),
        float(inc.count(BURGLARY)),
        float(inc.count(STREET)),
        float(reports),
        float(reports / n_inc) if n_inc else float("nan"),
        float(rs.trust[:, POLICE].mean()) if rs.n else 0.0,
        float(rs.trust[:, MUNICIPALITY].mean()) if rs.n else 0.0,
        float(rs.trust[:, HOUSING].mean()) if rs.n else 0.0,
        float(nb.disorder.mean()),
        float(p["cooperation"]),
        float(nb.damage.mean()),
        float(nb.litter.mean()),
        float(nb.bushes[nb.has_bushes].mean()) if nb.has_bushes.any() else 0.0,
        float(m.guardianship.mean()),
        float(rs.presence.mean()) if rs.n else 0.0,
        float(rs.support.mean()) if rs.n else 0.0,
        float(m.network.w[live].mean()) if len(live) else 0.0,
        2.0 * len(live) / n,
        float(m.week_complaints),
        float(m.week_referrals),
        float(np.count_nonzero(recent) / n),
        float(np.count_nonzero(inc.victim >= 0)),
        float(np.count_nonzero(rs.coordinator)),
        float(rs.awareness.mean()) if rs.n else 0.0,
        float(rs.fatigue.mean()) if rs.n else 0.0,
        float(m.crime_multiplier),
    )

"""Per-week outputs: what a survey, the police registry and the partners would see.

Outputs are aggregated every week (MODEL.md §4); per-household snapshots only on request
(:meth:`wijksim.model.WijkModel.agent_table`). ``COLUMNS`` is the contract of ``timeseries()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from . import kernels
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

#: anchors the 0–10 cohesion scale: a household's cohesion is 10·(1 − e^(−COHESION_K·s/s₀)), s its tie
#: strength and s₀ the initial mean, so the initial network scores ≈ 6.4, CBS's national mean (2021);
#: what the model says is how cohesion moves from there. Saturating but never flat: doubling
#: everyone's ties moves the index from 6.4 to 8.7.
COHESION_K = 1.02


def collect(m: WijkModel, inc: WeekIncidents) -> tuple[float, ...]:
    """One row of outputs for the week just simulated, in ``ALL_COLUMNS`` order."""
    rs = m.residents
    nb = m.nb
    p = m.p
    n = max(rs.n, 1)
    cohesion = 10.0 * -np.expm1(-COHESION_K / m.network.initial_strength * m.network.strength())
    h = kernels.household_totals(rs.fear, p["unsafe_threshold"], cohesion, rs.state, WILLINGNESS, rs.trust,
                                 rs.presence, rs.support, rs.awareness, rs.fatigue, rs.last_complaint, m.week - 52,
                                 rs.coordinator).tolist()
    h = [v / n for v in h]
    c = kernels.cell_totals(nb.litter, nb.damage, nb.bushes, nb.has_bushes, m.guardianship).tolist()
    n_cells = max(nb.litter.size, 1)
    n_inc = inc.n
    counts = np.bincount(inc.kind, minlength=3)
    reports = int(np.count_nonzero(inc.reported))
    return (
        float(m.week),
        h[0],  # fear_mean
        h[1],  # share_unsafe
        h[2],  # cohesion
        h[3],  # collective_efficacy
        h[4 + WITHDRAWN],
        h[4 + PASSIVE],
        h[4 + ACTIVE],
        float(n_inc),
        float(counts[NUISANCE]),
        float(counts[BURGLARY]),
        float(counts[STREET]),
        float(reports),
        float(reports / n_inc) if n_inc else float("nan"),
        h[7 + POLICE],
        h[7 + MUNICIPALITY],
        h[7 + HOUSING],
        c[0] / n_cells,  # disorder_mean
        float(p["cooperation"]),
        c[1] / n_cells,  # damage_mean
        c[2] / n_cells,  # litter_mean
        c[3] / c[4] if c[4] else 0.0,  # bushes_mean (over cells with bushes)
        c[5] / n_cells,  # guardianship_mean
        h[10],  # presence_mean
        h[11],  # support_mean
        m.network.mean_weight(),
        2.0 * len(m.network.live()) / n,
        float(m.week_complaints),
        float(m.week_referrals),
        h[14],  # share_complained_year
        float(np.count_nonzero(inc.victim >= 0)),
        h[15] * n,  # coordinators
        h[12],  # awareness_mean
        h[13],  # fatigue_mean
        float(m.crime_multiplier),
    )

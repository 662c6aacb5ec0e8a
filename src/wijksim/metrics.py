"""Per-week outputs: what a survey, the police registry and the partners would see.

Outputs are aggregated every week (docs/ODD.md §7.19); per-household snapshots only on request
(:meth:`wijksim.model.WijkModel.agent_table`). ``COLUMNS`` is the contract of ``timeseries()``; what
each column is (unit, kind, range, labels) is in the registry :mod:`wijksim.outputs`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

from .outputs import KEY, OUTPUTS, YOUTH_OUTPUTS
from .residents import ACTIVE, HOUSING, MUNICIPALITY, PASSIVE, POLICE, WITHDRAWN
from .submodels.grid import disorder_at
from .week_record import BURGLARY, NUISANCE, STREET, WeekIncidents

#: the columns promised by ``WijkModel.timeseries()`` (in this order), then the extra ones: derived from
#: the registry of outputs (:mod:`wijksim.outputs`), where each column's unit, kind and labels live
COLUMNS: tuple[str, ...] = tuple(o.name for o in OUTPUTS if o.core)
EXTRA_COLUMNS: tuple[str, ...] = tuple(o.name for o in OUTPUTS if not o.core)
ALL_COLUMNS = COLUMNS + EXTRA_COLUMNS
#: the youth outputs (:data:`wijksim.outputs.YOUTH_OUTPUTS`): columns only of a run with ``youth_enabled``
YOUTH_COLUMNS: tuple[str, ...] = tuple(o.name for o in YOUTH_OUTPUTS)


def columns_of(m: Any) -> tuple[str, ...]:
    """The columns of model ``m``'s rows: every output, then the youth outputs if its youth are simulated."""
    return ALL_COLUMNS + (YOUTH_COLUMNS if getattr(m, "youth", None) is not None else ())

#: the outputs a comparison or a sweep looks at first
KEY_OUTPUTS: tuple[str, ...] = tuple(o.name for o in KEY)

#: willingness to act for the common good by state (Sampson's informal social control)
WILLINGNESS = np.array([0.1, 0.5, 1.0])  # withdrawn, passive, active

#: anchors the 0–10 cohesion scale: a household's cohesion is 10·(1 − e^(−COHESION_K·s/s₀)), s its tie
#: strength and s₀ the initial mean, so the initial network scores ≈ 6.4, CBS's national mean (2021);
#: what the model says is how cohesion moves from there. Saturating but never flat: doubling
#: everyone's ties moves the index from 6.4 to 8.7.
COHESION_K = 1.02
COHESION_SCALE = 10.0  # the cohesion index runs from 0 to 10 (CBS's scale)
YEAR = 52  # weeks: "complained in the last year"


@njit(cache=True)
def week_totals(fear: np.ndarray, unsafe_threshold: float, tie_term: np.ndarray, state: np.ndarray,
                willingness: np.ndarray, trust: np.ndarray, presence: np.ndarray, support: np.ndarray,
                awareness: np.ndarray, fatigue: np.ndarray, last_complaint: np.ndarray, since: int,
                coordinator: np.ndarray, litter: np.ndarray, damage: np.ndarray, bushes: np.ndarray,
                has_bushes: np.ndarray, guardianship: np.ndarray, kind: np.ndarray, reported: np.ndarray,
                victim: np.ndarray) -> np.ndarray:
    """Every sum the week's outputs need (see :func:`collect`), in one compiled call: over households, over
    cells, over the week's incidents.

    One call, not three and four numpy reductions: a recorded week's outputs cost a fixed ~35 µs at a thousand
    households, mostly in calls, and a comparison's arms record every week (issue #25). Each sum is taken in
    the order the separate passes took it, so every output is the same to the last bit. A household's cohesion
    (0–10) is ``COHESION_SCALE · −tie_term`` (``tie_term`` = expm1 of its scaled tie strength, taken by numpy
    in :func:`collect`); over 10 times the willingness of its state it is its collective-efficacy contribution.
    Out: 16 household sums (fear, unsafe, cohesion, efficacy, the three states, the three trusts, presence, support,
    awareness, fatigue, complained, coordinators), 6 cell sums, then nuisance, burglary and street
    incidents, reported incidents and incidents with a victim.
    """
    # scalar accumulators stay in registers; sums into an array's elements would go through memory
    fear_sum = unsafe = coh_sum = efficacy = 0.0
    n_state = np.zeros(len(willingness))
    t0 = t1 = t2 = pres = sup = aware = fatigue_sum = complained = coordinators = 0.0
    for i in range(len(fear)):
        fear_sum += fear[i]
        if fear[i] > unsafe_threshold:
            unsafe += 1.0
        coh = COHESION_SCALE * -tie_term[i]
        coh_sum += coh
        efficacy += coh / COHESION_SCALE * willingness[state[i]]
        n_state[state[i]] += 1.0
        t0 += trust[i, POLICE]
        t1 += trust[i, MUNICIPALITY]
        t2 += trust[i, HOUSING]
        pres += presence[i]
        sup += support[i]
        aware += awareness[i]
        fatigue_sum += fatigue[i]
        if last_complaint[i] > since:
            complained += 1.0
        if coordinator[i]:
            coordinators += 1.0
    dis = dam = lit = bush = bush_cells = guard = 0.0
    w, h = litter.shape
    for x in range(w):
        for y in range(h):
            dis += disorder_at(litter[x, y], damage[x, y])
            dam += damage[x, y]
            lit += litter[x, y]
            if has_bushes[x, y]:
                bush += bushes[x, y]
                bush_cells += 1.0
            guard += guardianship[x, y]
    counts = np.zeros(3)
    for k in range(len(kind)):
        counts[kind[k]] += 1.0
    reports = victims = 0.0
    for k in range(len(reported)):
        if reported[k]:
            reports += 1.0
    for k in range(len(victim)):
        if victim[k] >= 0:
            victims += 1.0
    return np.array([fear_sum, unsafe, coh_sum, efficacy, n_state[0], n_state[1], n_state[2], t0, t1, t2, pres, sup,
                     aware, fatigue_sum, complained, coordinators, dis, dam, lit, bush, bush_cells, guard,
                     counts[NUISANCE], counts[BURGLARY], counts[STREET], reports, victims])


def collect(m: Any, inc: WeekIncidents) -> tuple[float, ...]:
    """One row of outputs for the week just simulated, in ``ALL_COLUMNS`` order."""
    rs = m.residents
    nb = m.nb
    p = m.p
    n = max(rs.n, 1)
    tie_term = np.expm1(-COHESION_K / m.network.initial_strength * m.network.strength())
    t = week_totals(rs.fear, p["unsafe_threshold"], tie_term, rs.state, WILLINGNESS, rs.trust, rs.presence,
                    rs.support, rs.awareness, rs.fatigue, rs.last_complaint, m.week - YEAR, rs.coordinator,
                    nb.litter, nb.damage, nb.bushes, nb.has_bushes, m.guardianship, inc.kind, inc.reported,
                    inc.victim).tolist()
    h = [v / n for v in t[:16]]
    c = t[16:22]
    n_cells = max(nb.litter.size, 1)
    n_inc = inc.n
    reports = t[25]
    row = (
        float(m.week),
        h[0],  # fear_mean
        h[1],  # share_unsafe
        h[2],  # cohesion
        h[3],  # collective_efficacy
        h[4 + WITHDRAWN],
        h[4 + PASSIVE],
        h[4 + ACTIVE],
        float(n_inc),
        t[22],  # nuisance
        t[23],  # burglary
        t[24],  # street
        reports,
        reports / n_inc if n_inc else float("nan"),
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
        t[26],  # incidents with a victim
        h[15] * n,  # coordinators
        h[12],  # awareness_mean
        h[13],  # fatigue_mean
        float(m.crime_multiplier),
    )
    youth = getattr(m, "youth", None)  # the youth outputs follow, only when youth are simulated
    return row if youth is None else row + youth.outputs()

"""Incidents: where nuisance, burglary and street crime happen, who sees them and who reports them.

Rates follow routine activity theory: an incident needs a motivated offender, a suitable target and
the absence of a capable guardian. Per cell and week the hazard is

    λ = base · m_eff · (target suitability) · (1 − ε·g) · (1 + risk)

with ``g`` the guardianship at the cell, ``ε`` its effect, and ``risk`` the offender-attractiveness
field of Short et al. (2008): raised by recent *unguarded* success, spreading to neighbouring cells
and decaying over weeks. This gives near repeat (Johnson et al. 2007) and gives guardianship grip on
crime twice: directly, and by not feeding the field. ``m_eff`` saturates (offenders are finite).

Drawing is exact and costs per incident, not per cell (:func:`wijksim.kernels.draw_incidents`);
witnessing and reporting run incident by incident over a static sparse cell→household index, so a
week's cost grows with its incidents, not with the size of the wijk.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from . import kernels
from .neighbourhood import Neighbourhood
from .residents import POLICE, ResidentState

NUISANCE, BURGLARY, STREET = 0, 1, 2
TYPE_NAMES = ("nuisance", "burglary", "street")


@dataclass
class WeekIncidents:
    """What happened this week: one entry per incident, plus the witness/report pairs."""

    cell: np.ndarray  # flat cell index
    kind: np.ndarray  # NUISANCE / BURGLARY / STREET
    victim: np.ndarray  # resident index or -1
    reported: np.ndarray  # bool per incident: reported to the police by at least one household
    report_inc: np.ndarray  # for each individual report: the incident
    report_res: np.ndarray  # for each individual report: the reporting household

    @property
    def n(self) -> int:
        return len(self.cell)

    def count(self, kind: int | None = None) -> int:
        return self.n if kind is None else int(np.count_nonzero(self.kind == kind))


def effective_multiplier(multiplier: float, capacity: float) -> float:
    """Saturating crime multiplier: ≈ m for small m, never above the offender capacity."""
    return float(capacity * np.tanh(multiplier / capacity))


def draw_incidents(nb: Neighbourhood, guardianship: np.ndarray, multiplier: float, p: dict[str, Any],
                   rng: np.random.Generator, dis: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """This week's incidents: Bernoulli per cell and type with p = 1 − e^−λ and hazards

        λ_nuisance = rate_nuisance · (1 + disorder_attraction · disorder) · U
        λ_burglary = 2 · rate_burglary · (1 − hardening) · U        (dwellings only)
        λ_street   = rate_street · (1 + bush_attraction · bushes) · U    (public space only)

    with U = (1 − ε·g)(1 + risk)·m_eff the unguarded, attractive share. The draws are the points of a
    unit-rate Poisson process on the hazards laid end to end (see :func:`wijksim.kernels.draw_incidents`):
    two scenarios with the same seed see the same points, so where their hazards agree their incidents
    do too (common random numbers). ``dis`` is this week's disorder layer if the caller has it.
    Returns (kind, flat cell) of each incident.
    """
    m = effective_multiplier(multiplier, p["offender_capacity"])
    kind, cell, _ = kernels.draw_incidents(
        nb.disorder if dis is None else dis, nb.bushes, nb.hardening, nb.risk, guardianship, nb.is_dwelling,
        nb.is_public, m, p["guardianship_effect"], p["rate_nuisance"], p["disorder_attraction"],
        p["rate_burglary"], p["rate_street"], p["bush_attraction"], kernels.stream_key(rng))
    return kind, cell


def near_matrix(x: np.ndarray, y: np.ndarray, shape: tuple[int, int], radius: int) -> sp.csr_matrix:
    """Sparse (cells × households) matrix: 1 where the household lives within ``radius`` of the cell."""
    n = len(x)
    rows, cols = [], []
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            cx, cy = x + dx, y + dy
            ok = (cx >= 0) & (cx < shape[0]) & (cy >= 0) & (cy < shape[1])
            rows.append(np.ravel_multi_index((cx[ok], cy[ok]), shape))
            cols.append(np.arange(n)[ok])
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    m = sp.csr_matrix((np.ones(len(r)), (r, c)), shape=(shape[0] * shape[1], n))
    m.sort_indices()
    return m


def witness_and_report(nb: Neighbourhood, rs: ResidentState, kind: np.ndarray, cell: np.ndarray,
                       near: sp.csr_matrix, dwelling_resident: np.ndarray, p: dict[str, Any],
                       rng: np.random.Generator) -> WeekIncidents:
    """Victims, witnesses and reports for this week's incidents (MODEL.md §2.5).

    A burglary's victim is the household that lives there; a street crime's is a household out
    nearby (chosen ∝ presence) or, half the time, a passer-by from outside. Households living within
    ``witness_radius`` witness with chance ``p_witness · presence · visibility`` (bushes block sight
    lines); a victim always knows. Each witness reports with chance σ(z),

        z = report_base + report_trust·(trust in police − ½) + report_active·[active]
            − report_withdrawn·[withdrawn] + report_victim·[victim] + report_focus·[nuisance],

    so reporting rises with trust and engagement and a narrow-goal programme sharpens it for nuisance.
    """
    victim, reported, rep_inc, rep_res = kernels.witness_and_report(
        cell, kind, near.indptr, near.indices, dwelling_resident, rs.presence,
        nb.visibility(p["bush_sightline"]).ravel(), rs.state, np.ascontiguousarray(rs.trust[:, POLICE]),
        rs.report_focus, rs.witnessed, rs.victim, rs.reports, nb.incidents_recent.ravel(),
        nb.reported_recent.ravel(), p["p_witness"], p["report_base"], p["report_trust"], p["report_active"],
        p["report_withdrawn"], p["report_victim"], kernels.stream_key(rng))
    return WeekIncidents(cell=cell, kind=kind, victim=victim, reported=reported, report_inc=rep_inc,
                         report_res=rep_res)


def apply_physical_effects(nb: Neighbourhood, inc: WeekIncidents, guardianship: np.ndarray,
                           p: dict[str, Any]) -> None:
    """Incidents leave traces: nuisance adds litter (on its cell and around it) and damage; unguarded
    success raises the risk field (an offender learns where it pays, more so where nobody watched)."""
    kernels.incident_traces(inc.cell, inc.kind, nb.litter, nb.damage, nb.risk, guardianship,
                            p["litter_per_nuisance"], p["damage_per_nuisance"], p["guardianship_effect"],
                            p["risk_boost"])

"""Incidents: where nuisance, burglary and street crime happen, who sees them and who reports them.

Rates follow routine activity theory: an incident needs a motivated offender, a suitable target and
the absence of a capable guardian. Per cell and week the hazard is

    λ = base · m_eff · (target suitability) · (1 − ε·g) · (1 + risk)

with ``g`` the guardianship at the cell, ``ε`` its effect, and ``risk`` the offender-attractiveness
field of Short et al. (2008): raised by recent *unguarded* success, spreading to neighbouring cells
and decaying over weeks. This gives near repeat (Johnson et al. 2007) and gives guardianship grip on
crime twice: directly, and by not feeding the field. ``m_eff`` saturates (offenders are finite).

Witnessing and reporting are vectorised over (incident, nearby household) pairs gathered from a
static sparse cell→household matrix, so a week with a thousand incidents costs a few array ops.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from .neighbourhood import Neighbourhood, stamp
from .residents import ACTIVE, POLICE, WITHDRAWN, ResidentState, sigmoid

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


def hazards(nb: Neighbourhood, guardianship: np.ndarray, multiplier: float, p: dict[str, Any]) -> np.ndarray:
    """Weekly hazard λ of each incident type at each cell, shape (3, W, H)."""
    m = effective_multiplier(multiplier, p["offender_capacity"])
    unguarded = (1.0 - p["guardianship_effect"] * guardianship) * (1.0 + nb.risk) * m
    lam = np.empty((3, *nb.shape))
    lam[NUISANCE] = p["rate_nuisance"] * (1.0 + p["disorder_attraction"] * nb.disorder) * unguarded
    lam[BURGLARY] = np.where(nb.is_dwelling, p["rate_burglary"] * 2.0 * (1.0 - nb.hardening) * unguarded, 0.0)
    lam[STREET] = np.where(nb.is_public, p["rate_street"] * (1.0 + p["bush_attraction"] * nb.bushes)
                           * unguarded, 0.0)
    return lam


def draw_incidents(lam: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Bernoulli incidents with p = 1 − e^−λ; one uniform per cell and type, so draws stay aligned
    between scenarios (common random numbers). Returns (kind, flat cell) of each incident."""
    u = rng.random(lam.shape)
    hit = u < -np.expm1(-lam)
    kind, x, y = np.nonzero(hit)
    return kind.astype(np.int8), np.ravel_multi_index((x, y), lam.shape[1:])


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


def gather(m: sp.csr_matrix, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All (position in ``rows``, column) pairs of the given CSR rows, vectorised."""
    starts = m.indptr[rows]
    lens = m.indptr[rows + 1] - starts
    seg = np.repeat(np.arange(len(rows)), lens)
    offs = np.arange(lens.sum()) - np.repeat(np.cumsum(lens) - lens, lens)
    return seg, m.indices[np.repeat(starts, lens) + offs]


def segment_choice(seg: np.ndarray, weight: np.ndarray, n_seg: int, u: np.ndarray) -> np.ndarray:
    """Pick one entry per segment with probability ∝ weight (−1 where a segment has no weight)."""
    out = np.full(n_seg, -1, dtype=np.int64)
    if not len(seg):
        return out
    cw = np.cumsum(weight)
    total = np.bincount(seg, weights=weight, minlength=n_seg)
    first = np.searchsorted(seg, np.arange(n_seg))  # seg is sorted
    before = np.where(first > 0, cw[np.maximum(first - 1, 0)], 0.0)
    target = before + u * total
    pos = np.searchsorted(cw, target, side="right")
    ok = total > 0
    out[ok] = np.minimum(pos[ok], len(seg) - 1)
    return out


def witness_and_report(nb: Neighbourhood, rs: ResidentState, kind: np.ndarray, cell: np.ndarray,
                       near: sp.csr_matrix, dwelling_resident: np.ndarray, p: dict[str, Any],
                       rng: np.random.Generator) -> WeekIncidents:
    """Victims, witnesses and reports for this week's incidents (MODEL.md §2.5).

    A burglary's victim is the household that lives there; a street crime's is a household out
    nearby (chosen ∝ presence), if any. Present households nearby witness with a chance that falls
    with bushes. Each witness reports with a logit that rises with trust in the police and with
    being active, falls when withdrawn, and (for nuisance) rises with a narrow reporting focus.
    """
    k = len(cell)
    n_cells = nb.shape[0] * nb.shape[1]
    seg, res = gather(near, cell)
    vis = nb.visibility(p["bush_sightline"]).ravel()
    u_v = rng.random(k)
    u_out = rng.random(k)
    u_w = rng.random(len(seg))
    u_r = rng.random(len(seg))
    victim = np.full(k, -1, dtype=np.int64)
    burg = kind == BURGLARY
    victim[burg] = dwelling_resident[cell[burg]]
    street = np.nonzero(kind == STREET)[0]
    if len(street):
        s_mask = np.isin(seg, street)
        s_seg = seg[s_mask]
        remap = np.full(k, -1)
        remap[street] = np.arange(len(street))
        pick = segment_choice(remap[s_seg], rs.presence[res[s_mask]], len(street), u_v[street])
        has = pick >= 0
        # a street crime's victim may also be a passer-by from outside (half the time)
        outsider = u_out[street] < 0.5
        victim[street[has & ~outsider]] = res[s_mask][pick[has & ~outsider]]
    is_victim = res == victim[seg]
    see = p["p_witness"] * rs.presence[res] * vis[cell[seg]]
    witness = (u_w < see) | is_victim
    seg_w, res_w, vic_w = seg[witness], res[witness], is_victim[witness]
    # burglary victims who were not nearby-present still find out (it is their home)
    home_v = victim[burg]
    if len(home_v):
        extra = np.nonzero(burg)[0][home_v >= 0]
        missing = ~np.isin(extra * (rs.n + 1) + victim[extra], seg_w * (rs.n + 1) + res_w)
        seg_w = np.concatenate([seg_w, extra[missing]])
        res_w = np.concatenate([res_w, victim[extra[missing]]])
        vic_w = np.concatenate([vic_w, np.ones(int(missing.sum()), dtype=bool)])
        u_r = np.concatenate([u_r[witness], rng.random(int(missing.sum()))])
    else:
        u_r = u_r[witness]
    state = rs.state[res_w]
    z = (p["report_base"] + p["report_trust"] * (rs.trust[res_w, POLICE] - 0.5)
         + p["report_active"] * (state == ACTIVE) - p["report_withdrawn"] * (state == WITHDRAWN)
         + p["report_victim"] * vic_w + rs.report_focus[res_w] * (kind[seg_w] == 0))
    reports = u_r < sigmoid(z)
    reported = np.bincount(seg_w[reports], minlength=k) > 0
    # exposures for fear and gossip
    np.add.at(rs.witnessed, res_w[~vic_w], 1.0)
    has_victim = victim >= 0
    np.add.at(rs.victim, victim[has_victim], 1.0)
    np.add.at(rs.reports, res_w[reports], 1.0)
    # maps for patrols and the UI
    nb.incidents_recent.ravel()[:] += np.bincount(cell, minlength=n_cells)
    nb.reported_recent.ravel()[:] += np.bincount(cell[reported], minlength=n_cells)
    return WeekIncidents(cell=cell, kind=kind, victim=victim, reported=reported,
                         report_inc=seg_w[reports], report_res=res_w[reports])


def apply_physical_effects(nb: Neighbourhood, inc: WeekIncidents, guardianship: np.ndarray,
                           p: dict[str, Any]) -> None:
    """Incidents leave traces: nuisance adds litter and damage; unguarded success raises the risk field."""
    n_cells = nb.shape[0] * nb.shape[1]
    nuis_cells = inc.cell[inc.kind == NUISANCE]
    if len(nuis_cells):
        nuis = np.bincount(nuis_cells, minlength=n_cells).reshape(nb.shape).astype(float)
        nx_, ny_ = np.unravel_index(nuis_cells, nb.shape)
        spread = stamp(nb.shape, nx_, ny_, 1)  # litter lands on the cell and its neighbours
        nb.litter += p["litter_per_nuisance"] * (0.5 * nuis + 0.5 * spread / 9.0)
        np.clip(nb.litter, 0.0, 1.0, out=nb.litter)
        nb.damage += p["damage_per_nuisance"] * nuis * (1.0 - nb.damage)
    # an offender's success teaches where it pays: more so where nobody was watching
    success = np.bincount(inc.cell, minlength=n_cells).reshape(nb.shape) * (1.0 - p["guardianship_effect"]
                                                                             * guardianship)
    nb.risk += p["risk_boost"] * success

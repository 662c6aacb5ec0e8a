"""Stage 5a, witnessing and reporting: who is victimised, who sees an incident and who reports it.

A burglary's victim is the household that lives there; a street crime's is a household out nearby
(chosen ∝ presence) or, with chance ``share_passer_by``, a passer-by from outside. Households living within
``witness_radius`` witness with chance ``p_witness · presence · visibility`` (visibility = 1 −
bush_sightline · bushes: bushes block sight lines); a victim always knows. Each witness and victim reports
to the police with chance σ(z),

    z = report_base + report_trust·(trust in police − ½) + report_active·[active]
        − report_withdrawn·[withdrawn] + report_victim·[victim] + report_focus·[nuisance]
        − youth_intimidation_reporting·(intimidation felt),

so reporting rises with trust and engagement and a narrow-goal programme sharpens it for nuisance. The last
term is the quiet wijk (issue 28): only with youth on, where undermining's intimidation is felt (stage 11).
Incident by incident over a static sparse cell → household index, so a week's cost grows with its
incidents, not with the size of the wijk.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numba import njit

from ..residents import ACTIVE, POLICE, WITHDRAWN
from ..types import NearMatrix, ResidentStateLike
from ..week_record import BURGLARY, NUISANCE, STREET, WeekIncidents
from .draws import stream_key, uniform


class NearIndex:
    """Who lives near a cell, in CSR form without values: row ``c``'s households are
    ``indices[indptr[c]:indptr[c + 1]]``, ascending (int32, as ``scipy.sparse`` stores them). Why not a
    sparse matrix: the stages read the two index arrays only, and a matrix carried a float per entry
    (10 MB at 50 k households) and cost several times its size in temporaries to build."""

    __slots__ = ("indices", "indptr", "shape")

    def __init__(self, indptr: np.ndarray, indices: np.ndarray, shape: tuple[int, int]) -> None:
        self.indptr, self.indices, self.shape = indptr, indices, shape

    @property
    def nnz(self) -> int:
        return len(self.indices)


@njit(cache=True)
def _near_rows(home_x: np.ndarray, home_y: np.ndarray, width: int, height: int,
               radius: int) -> tuple[np.ndarray, np.ndarray]:
    """(indptr, indices) of :func:`near_matrix`: count per cell, then fill; households are visited in index
    order, so every row comes out ascending without a sort."""
    n = len(home_x)
    ptr = np.zeros(width * height + 1, np.int32)
    for i in range(n):
        for cx in range(max(0, home_x[i] - radius), min(width, home_x[i] + radius + 1)):
            for cy in range(max(0, home_y[i] - radius), min(height, home_y[i] + radius + 1)):
                ptr[cx * height + cy + 1] += 1
    for c in range(width * height):
        ptr[c + 1] += ptr[c]
    fill = ptr[:-1].copy()
    idx = np.empty(ptr[-1], np.int32)
    for i in range(n):
        for cx in range(max(0, home_x[i] - radius), min(width, home_x[i] + radius + 1)):
            for cy in range(max(0, home_y[i] - radius), min(height, home_y[i] + radius + 1)):
                c = cx * height + cy
                idx[fill[c]] = i
                fill[c] += 1
    return ptr, idx


def near_matrix(x: np.ndarray, y: np.ndarray, shape: tuple[int, int], radius: int) -> NearIndex:
    """(cells × households) index: the households living within ``radius`` (Chebyshev) of each cell."""
    ptr, idx = _near_rows(np.asarray(x, np.int64), np.asarray(y, np.int64), int(shape[0]), int(shape[1]), int(radius))
    return NearIndex(ptr, idx, (shape[0] * shape[1], len(x)))


@njit(cache=True)
def _street_victim(lo: int, hi: int, near_idx: np.ndarray, presence: np.ndarray, u_v: float, u_out: float,
                   share_passer_by: float) -> int:
    """A street crime's victim among the households near it (∝ presence), or −1 for a passer-by."""
    total = 0.0
    for s in range(lo, hi):
        total += presence[near_idx[s]]
    if total > 0.0 and u_out >= share_passer_by:
        target = u_v * total
        acc = 0.0
        for s in range(lo, hi):
            acc += presence[near_idx[s]]
            if acc > target:
                return near_idx[s]
        return near_idx[hi - 1]
    return -1


@njit(cache=True)
def report_kernel(cells: np.ndarray, kinds: np.ndarray, near_ptr: np.ndarray, near_idx: np.ndarray,
                  dwelling_resident: np.ndarray, presence: np.ndarray, visibility: np.ndarray,
                  state: np.ndarray, trust_police: np.ndarray, report_focus: np.ndarray, witnessed: np.ndarray,
                  victimised: np.ndarray, reports: np.ndarray, incidents_map: np.ndarray,
                  reported_map: np.ndarray, p_witness: float, report_base: float, report_trust: float,
                  report_active: float, report_withdrawn: float, report_victim: float, share_passer_by: float,
                  key: int, felt: np.ndarray, quiet: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Victims, witnesses and reports, incident by incident (formula: module docstring).

    ``near_ptr``/``near_idx`` list, per cell, the households living within the witness radius; ``felt`` is
    the intimidation each household has felt and ``quiet`` its weight (0, and ``felt`` empty, with youth off).
    Exposures (``witnessed``, ``victimised``, ``reports``) and the maps are updated in place.
    Returns (victim per incident or −1, reported per incident, and per report: incident, household).
    """
    k = len(cells)
    victim = np.full(k, -1, np.int64)
    reported = np.zeros(k, np.bool_)
    n_pairs = 0
    for t in range(k):
        n_pairs += near_ptr[cells[t] + 1] - near_ptr[cells[t]]
    rep_inc = np.empty(n_pairs + k, np.int64)
    rep_res = np.empty(n_pairs + k, np.int64)
    n_rep = 0
    d = 0  # draws so far (stream ``key``)
    for t in range(k):
        c = cells[t]
        lo, hi = near_ptr[c], near_ptr[c + 1]
        if kinds[t] == BURGLARY:  # the household that lives there
            victim[t] = dwelling_resident[c]
        elif kinds[t] == STREET:
            u_v, u_out = uniform(key, d), uniform(key, d + 1)
            d += 2
            victim[t] = _street_victim(lo, hi, near_idx, presence, u_v, u_out, share_passer_by)
        v = victim[t]
        see = p_witness * visibility[c]
        victim_done = False
        for s in range(lo, hi + 1):
            if s < hi:
                r = near_idx[s]
                is_victim = r == v
                if not is_victim:
                    d += 1
                    if uniform(key, d) >= see * presence[r]:
                        continue
            else:  # a victim who lives outside the radius still finds out (their home, their bag)
                if v < 0 or victim_done:
                    break
                r = v
                is_victim = True
            if is_victim:
                victim_done = True
            else:
                witnessed[r] += 1.0
            z = (report_base + report_trust * (trust_police[r] - 0.5) + (report_active if state[r] == ACTIVE else 0.0)
                 - (report_withdrawn if state[r] == WITHDRAWN else 0.0) + (report_victim if is_victim else 0.0)
                 + (report_focus[r] if kinds[t] == NUISANCE else 0.0))
            if quiet != 0.0:
                z -= quiet * felt[r]
            d += 1
            if uniform(key, d) * (1.0 + math.exp(-z)) < 1.0:
                reported[t] = True
                rep_inc[n_rep] = t
                rep_res[n_rep] = r
                n_rep += 1
                reports[r] += 1.0
        if v >= 0:
            victimised[v] += 1.0
        incidents_map[c] += 1.0
        if reported[t]:
            reported_map[c] += 1.0
    return victim, reported, rep_inc[:n_rep].copy(), rep_res[:n_rep].copy()


#: what a week without youths passes as the intimidation felt (never read: its weight is 0)
_NO_FELT = np.zeros(0)


def witness_and_report(kind: np.ndarray, cell: np.ndarray, near: NearMatrix, dwelling_resident: np.ndarray,
                       rs: ResidentStateLike, bushes: np.ndarray, incidents_map: np.ndarray, reported_map: np.ndarray,
                       p: dict[str, Any], rng: np.random.Generator,
                       intimidation: np.ndarray | None = None) -> WeekIncidents:
    """This week's victims, witnesses and reports (formula: module docstring). Updates the exposures of
    the households ``rs`` (witnessed, victim, reports) and the incident and report maps in place.
    ``intimidation``: the intimidation each household has felt (youth on), or None (youth off)."""
    quiet = 0.0 if intimidation is None else float(p["youth_intimidation_reporting"])
    visibility = 1.0 - p["bush_sightline"] * bushes
    victim, reported, rep_inc, rep_res = report_kernel(
        cell, kind, near.indptr, near.indices, dwelling_resident, rs.presence, visibility.ravel(), rs.state,
        np.ascontiguousarray(rs.trust[:, POLICE]), rs.report_focus, rs.witnessed, rs.victim, rs.reports,
        incidents_map.ravel(), reported_map.ravel(), p["p_witness"], p["report_base"], p["report_trust"],
        p["report_active"], p["report_withdrawn"], p["report_victim"], p["share_passer_by"], stream_key(rng),
        _NO_FELT if intimidation is None else intimidation, quiet)
    return WeekIncidents(cell=cell, kind=kind, victim=victim, reported=reported, report_inc=rep_inc,
                         report_res=rep_res)


def choose_victims(resident_at: np.ndarray, cells: np.ndarray, first: np.ndarray, count: np.ndarray,
                   rng: np.random.Generator) -> None:
    """Stage 5a on a map with flats: this week's household struck by a burglary at each stacked cell,
    equally likely among its households (in place: ``resident_at`` is what the witnessing kernel reads)."""
    resident_at[cells] = first + np.minimum((rng.random(len(cells)) * count).astype(np.int64), count - 1)

"""Stage 1b, maintenance: the housing corporation and the municipality work through routine rounds and
their queues of residents' complaints (made in earlier weeks, stage 5e).

Each partner has ``capacity = capacity parameter · households / 1000`` jobs a week (the fraction carried by
chance); under mutual support the municipality lends ``municipal_support`` of its capacity to the
corporation (under blame-shifting only ``cooperation`` of that: source 002). A share ``routine_share`` of the
jobs goes to routine rounds (uniform over the partner's cells, or weighted
``routine_weight_floor + incidents + routine_damage_weight · damage`` with ``shared_measurement``), the rest to
the oldest complaints. A job works a patch within ``maintenance_job_radius``, each cell once a week:

    damage ×= maintenance_damage_left;  litter ×= maintenance_litter_left;
    bushes = min(bushes, maintenance_bushes_pruned);  locks += maintenance_lock_repair (dwellings, at most 1)

A complainant who is served gains ``feedback_trust_gain`` in that partner (spilling over under mutual
support) and keeps ``feedback_fatigue_kept`` of its fatigue. Under mutual support, spare capacity takes
part of the other partner's queue (each complaint with chance ``cooperation``). A complaint that waited
``complaint_patience`` weeks expires: silence costs ``silence_trust_loss`` and adds ``fatigue_silence``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

from ..types import MaintainerLike, NeighbourhoodLike
from .trust import lower_trust, raise_one, raise_trust, tire

PER_HOUSEHOLDS = 1000.0  # capacities are given per 1000 households


@njit(cache=True)
def maintenance_jobs(cells: np.ndarray, radius: int, damage: np.ndarray, litter: np.ndarray, bushes: np.ndarray,
                     hardening: np.ndarray, repaired: np.ndarray, has_bushes: np.ndarray, is_dwelling: np.ndarray,
                     damage_left: float, litter_left: float, bushes_pruned: float, lock_repair: float) -> None:
    """Maintenance on the union of the jobs' patches, each cell once (formula: module docstring)."""
    w, h = damage.shape
    done = np.zeros((w, h), np.bool_)
    for k in range(len(cells)):
        cx, cy = cells[k] // h, cells[k] % h
        for x in range(max(0, cx - radius), min(w - 1, cx + radius) + 1):
            for y in range(max(0, cy - radius), min(h - 1, cy + radius) + 1):
                if done[x, y]:
                    continue
                done[x, y] = True
                damage[x, y] *= damage_left
                litter[x, y] *= litter_left
                if has_bushes[x, y]:
                    bushes[x, y] = min(bushes[x, y], bushes_pruned)
                if is_dwelling[x, y]:
                    hardening[x, y] = min(1.0, hardening[x, y] + lock_repair)
                repaired[x, y] += 1.0


class Layers:
    """The cell layers maintenance works on (a view on the neighbourhood's arrays)."""

    def __init__(self, nb: NeighbourhoodLike) -> None:
        self.damage, self.litter, self.bushes, self.hardening = nb.damage, nb.litter, nb.bushes, nb.hardening
        self.repaired, self.has_bushes, self.is_dwelling = nb.repaired_recent, nb.has_bushes, nb.is_dwelling
        self.incidents_recent = nb.incidents_recent


def do_jobs(cells: np.ndarray, layers: Layers, p: dict[str, Any]) -> None:
    """Carry out maintenance jobs on the patches around ``cells`` (overlapping patches worked once)."""
    if not len(cells):
        return
    maintenance_jobs(np.asarray(cells, dtype=np.int64), p["maintenance_job_radius"], layers.damage, layers.litter,
                     layers.bushes, layers.hardening, layers.repaired, layers.has_bushes, layers.is_dwelling,
                     p["maintenance_damage_left"], p["maintenance_litter_left"], p["maintenance_bushes_pruned"],
                     p["maintenance_lock_repair"])


def serve(cells: np.ndarray, routine: np.ndarray, res: np.ndarray, partner: int, layers: Layers, trust: np.ndarray,
          fatigue: np.ndarray, spill: float, p: dict[str, Any]) -> None:
    """A partner's week of jobs: the complaints' patches ``cells``, then the ``routine`` rounds; the complainants
    ``res`` it served gain trust and rest (:func:`serve_kernel`, one compiled call: issue #25)."""
    serve_kernel(np.asarray(cells, dtype=np.int64), np.asarray(routine, dtype=np.int64),
                 np.asarray(res, dtype=np.int64), partner, p["maintenance_job_radius"], layers.damage, layers.litter,
                 layers.bushes, layers.hardening, layers.repaired, layers.has_bushes, layers.is_dwelling,
                 np.array([p["maintenance_damage_left"], p["maintenance_litter_left"], p["maintenance_bushes_pruned"],
                           p["maintenance_lock_repair"], p["feedback_trust_gain"], spill, p["feedback_fatigue_kept"]]),
                 trust, fatigue)


@njit(cache=True)
def serve_kernel(cells: np.ndarray, routine: np.ndarray, res: np.ndarray, partner: int, radius: int,
                 damage: np.ndarray, litter: np.ndarray, bushes: np.ndarray, hardening: np.ndarray,
                 repaired: np.ndarray, has_bushes: np.ndarray, is_dwelling: np.ndarray, coef: np.ndarray,
                 trust: np.ndarray, fatigue: np.ndarray) -> None:
    """What ``do_jobs`` on the complaints' and routine cells, ``raise_trust`` of the served and their
    ``fatigue[res] *= kept`` did, in that order and with the same operations. ``coef``: (damage left, litter
    left, bushes pruned, lock repair, feedback trust gain, spill, fatigue kept)."""
    jobs = np.concatenate((cells, routine))
    if len(jobs):
        maintenance_jobs(jobs, radius, damage, litter, bushes, hardening, repaired, has_bushes, is_dwelling,
                         coef[0], coef[1], coef[2], coef[3])
    if len(res) and coef[4] != 0.0:
        for k in range(len(res)):
            raise_one(trust, res[k], partner, coef[4], coef[5])
    kept = fatigue[res] * coef[6]  # as numpy's ``fatigue[res] *= kept``: a household served twice rests once
    for k in range(len(res)):
        fatigue[res[k]] = kept[k]


def routine_targets(own_cells: np.ndarray, n: int, layers: Layers, p: dict[str, Any],
                    rng: np.random.Generator) -> np.ndarray:
    """Cells for ``n`` routine jobs: uniform, or by the shared incident and damage map."""
    if n <= 0 or not len(own_cells):
        return np.empty(0, dtype=np.int64)
    if p["shared_measurement"]:
        weight = p["routine_weight_floor"] + (
            layers.incidents_recent.ravel() + p["routine_damage_weight"] * layers.damage.ravel())[own_cells]
        cw = np.cumsum(weight)
        idx = np.searchsorted(cw, rng.random(n) * cw[-1], side="right")
        return own_cells[np.minimum(idx, len(own_cells) - 1)]
    return own_cells[rng.integers(0, len(own_cells), n)]


def capacity(partner: MaintainerLike, p: dict[str, Any], n_households: int) -> float:
    """Jobs a week of a partner (``partner.capacity_param`` is its registry key)."""
    return p[partner.capacity_param] * n_households / PER_HOUSEHOLDS


def maintain(corp: MaintainerLike, muni: MaintainerLike, nb: NeighbourhoodLike, trust: np.ndarray,
             fatigue: np.ndarray, n_households: int, week: int, p: dict[str, Any], rng_corp: np.random.Generator,
             rng_muni: np.random.Generator) -> None:
    """One week of maintenance by the corporation ``corp`` and the municipality ``muni`` (their complaint
    queues: ``queue_res``/``take``/``expire``), on the layers of ``nb`` (formula: module docstring).

    Each partner draws from its own stream (``rng_corp``, ``rng_muni``; capacity flowing under mutual
    support from the giver's), so one partner's work does not shift the other's random numbers.
    """
    layers = Layers(nb)
    rngs = {corp: rng_corp, muni: rng_muni}
    mutual = p["collaboration"] == "mutual_support"
    spill = p["trust_spillover"] * p["cooperation"] if mutual else 0.0
    lent = capacity(muni, p, n_households) * p["municipal_support"] * (1.0 if mutual else p["cooperation"])
    cap = {corp: capacity(corp, p, n_households) + lent, muni: capacity(muni, p, n_households) - lent}
    served = {}
    for partner in (corp, muni):
        rng = rngs[partner]
        total = cap[partner] + rng.random()  # fractional capacity carried by chance
        n_total = int(total)
        n_complaints = min(len(partner.queue_res), round(n_total * (1.0 - p["routine_share"])))
        res, cells = partner.take(n_complaints)
        routine = routine_targets(partner.own_cells, n_total - n_complaints, layers, p, rng)
        serve(cells, routine, res, partner.partner, layers, trust, fatigue, spill, p)
        served[partner] = len(res)
    if mutual:
        # capacity flows: the partner with spare capacity takes part of the other's queue (prob c)
        for giver, taker in ((muni, corp), (corp, muni)):
            spare = max(0, round(cap[giver] * (1 - p["routine_share"])) - served[giver])
            if spare and len(taker.queue_res):
                n = int(rngs[giver].binomial(min(spare, len(taker.queue_res)), p["cooperation"]))
                res, cells = taker.take(n)
                do_jobs(cells, layers, p)
                raise_trust(trust, res, taker.partner, p["feedback_trust_gain"], spill)
    for partner in (corp, muni):
        ignored = partner.expire(week, p["complaint_patience"])
        lower_trust(trust, ignored, (partner.partner,), p["silence_trust_loss"])
        tire(fatigue, ignored, p["fatigue_silence"])

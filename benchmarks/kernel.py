"""The pure kernel bound: wijksim's weekly numeric update without Mesa objects, plumbing or data.

:func:`extract` takes a constructed :class:`wijksim.model.WijkModel` and copies its state into a
:class:`Kernel`: plain numpy arrays, the scipy sparse tie matrix, the complaint queues, the named random
streams. :func:`kernel_week` then runs the *same* stage functions as ``WijkModel._advance`` on them
(``residents.update_presence``, ``incidents.hazards``, ``partners.maintain`` and so on, shared code), but
leaves out everything that is not arithmetic on the state:

* no Mesa agents (patrol units are not moved as ``CellAgent`` objects, the patrol field is computed
  from their coordinates), no property-layer copy, no ``mesa.Model`` bookkeeping;
* no data collection (``metrics.collect``), no event log, no programmes or interventions.

Because it draws from the same streams in the same order, a kernel run reproduces the model's state
bit for bit (``tests/test_reference_model.py`` checks this), so the time it takes is a lower bound for
the model's step written with the same numpy operations: the difference is framework overhead.
If ``WijkModel._advance`` changes, mirror the change here (the test will say so).
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np

from wijksim import incidents as inc_mod
from wijksim import residents
from wijksim.model import WijkModel
from wijksim.neighbourhood import local_mean, local_sum
from wijksim.partners import Maintainer, Police, complaint_hazard, handle_complaints, maintain, raise_trust
from wijksim.residents import POLICE


class KMaintainer:
    """A maintenance queue without the Mesa agent: the same methods as wijksim's ``Maintainer``."""

    enqueue = Maintainer.enqueue
    take = Maintainer.take
    expire = Maintainer.expire
    routine_targets = Maintainer.routine_targets
    capacity = Maintainer.capacity

    def __init__(self, src: Maintainer, kernel: Kernel) -> None:
        self.model = kernel
        self.partner = src.partner
        self.capacity_param = src.capacity_param
        self.own_cells = src.own_cells
        self.queue_res = src.queue_res.copy()
        self.queue_cell = src.queue_cell.copy()
        self.queue_week = src.queue_week.copy()
        self.jobs_done = src.jobs_done
        self.complaints_done = src.complaints_done


class KPolice:
    """Police follow-up without the Mesa agent (``Police.follow_up`` itself); patrols as coordinates."""

    follow_up = Police.follow_up

    def __init__(self, src: Police, kernel: Kernel) -> None:
        self.model = kernel
        self.public_cells = src.public_cells
        self.beats = np.array([u.beat for u in src.units], dtype=np.int64).reshape(-1, 2)
        self.n = len(src.units)
        self.field = src.field.copy()
        self.followed_up = self.referred = 0

    def plan(self, rng: np.random.Generator) -> None:
        """``Police.plan`` with the units as an (n, 2) coordinate array instead of agents."""
        m = self.model
        nb = m.nb
        strategy = m.p["patrol_strategy"]
        n = self.n
        counts = np.zeros(nb.shape)
        if n:
            u = rng.random(n)
            jitter = rng.integers(-2, 3, size=(n, 2))
            if strategy == "community":
                xy = self.beats + jitter
                xy[:, 0] = np.clip(xy[:, 0], 0, nb.shape[0] - 1)
                xy[:, 1] = np.clip(xy[:, 1], 0, nb.shape[1] - 1)
            else:
                if strategy == "hotspot":
                    hot = nb.incidents_recent if m.p["shared_measurement"] else nb.reported_recent
                    weight = 0.2 + hot.ravel()[self.public_cells] + local_sum(hot, 2).ravel()[self.public_cells]
                else:
                    weight = np.ones(len(self.public_cells))
                cw = np.cumsum(weight)
                idx = np.searchsorted(cw, u * cw[-1], side="right")
                flat = self.public_cells[np.minimum(idx, len(self.public_cells) - 1)]
                xy = np.stack(np.unravel_index(flat, nb.shape), axis=1)
            np.add.at(counts, (xy[:, 0], xy[:, 1]), 1.0)
        self.field = local_sum(counts, m.p["guardianship_radius"] + 1)
        if strategy == "community" and n:
            near = self.field.ravel()[m.home_cell] > 0
            raise_trust(m.residents, np.flatnonzero(near), POLICE, m.p["community_policing_trust"], 0.0)


class Kernel:
    """The model's state as plain arrays (attribute names as on ``WijkModel``, so the stage functions
    that take the model accept it)."""

    _conflict = WijkModel._conflict
    _coordinators_near = WijkModel._coordinators_near

    def __init__(self, m: WijkModel) -> None:
        self.p = dict(m.p)
        self.week = m.week
        self.streams = m.streams
        self.nb = copy.deepcopy(m.nb)  # its layers become plain arrays, detached from the Mesa grid
        self.residents = copy.deepcopy(m.residents)
        self.network = copy.deepcopy(m.network)
        self.near = m.near
        self.n_residents = m.n_residents
        self.home_cell = m.home_cell
        self.dwelling_resident = m.dwelling_resident
        self.is_home = m._is_home
        self.coordinator_near = m.coordinator_near.copy()
        self.worry = m.worry.copy()
        self.split_constant = getattr(m, "split_constant", 0.5)
        self.crime_multiplier = m.crime_multiplier
        self.guardianship = m.guardianship.copy()
        self.police = KPolice(m.police, self)
        self.housing = KMaintainer(m.housing, self)
        self.municipality = KMaintainer(m.municipality, self)
        self.week_complaints = self.week_referrals = 0


def extract(m: WijkModel) -> Kernel:
    """A kernel holding a copy of the model's current state (the model itself is not touched)."""
    return Kernel(m)


def kernel_week(k: Kernel) -> inc_mod.WeekIncidents:
    """One week: ``WijkModel._advance`` without programmes, Mesa agents, layer copies and data."""
    k.week += 1
    rng = k.streams.week
    w = k.week
    rs = k.residents
    p = k.p
    nb = k.nb
    rs.clear_exposures()
    k.worry[:] = 0.0
    # 1. partners plan
    k.police.plan(rng("patrol", w))
    maintain(k, rng("maintenance", w))  # type: ignore[arg-type]
    # 2. presence
    neglect = nb.disorder + 0.5 * nb.bushes
    neglect_home = local_mean(neglect, np.ones(nb.shape), 2).ravel()[k.home_cell]
    residents.update_presence(rs, neglect_home, p)
    # 3. guardianship
    vigilance = 1.0 + (p["vigilance_active"] - 1.0) * rs.active
    eyes = np.zeros(nb.shape)
    eyes[rs.x, rs.y] = rs.presence * vigilance
    eyes_near = local_sum(eyes, p["guardianship_radius"]) * nb.visibility(p["bush_sightline"])
    k.guardianship = 1.0 - np.exp(-(p["kappa_residents"] * eyes_near + p["kappa_patrol"] * k.police.field))
    # 4. incidents
    lam = inc_mod.hazards(nb, k.guardianship, k.crime_multiplier, p)
    kind, cell = inc_mod.draw_incidents(lam, rng("incidents", w))
    # 5. witnessing, reporting, complaints, follow-up and feedback
    week_inc = inc_mod.witness_and_report(nb, rs, kind, cell, k.near, k.dwelling_resident, p, rng("reporting", w))
    inc_mod.apply_physical_effects(nb, week_inc, k.guardianship, p)
    k.police.follow_up(week_inc, rng("police", w))
    k._conflict(week_inc, rng("reporting", w + 7919))
    disorder_home = local_mean(nb.disorder, np.ones(nb.shape), 1).ravel()[k.home_cell]
    c_rng = rng("complaints", w)
    complainers = np.flatnonzero(c_rng.random(rs.n) < complaint_hazard(k, disorder_home))  # type: ignore[arg-type]
    rs.complaints[complainers] += 1
    rs.last_complaint[complainers] = w
    handle_complaints(k, complainers, c_rng)  # type: ignore[arg-type]
    # 6. gossip
    rs.heard = p["gossip_rate"] * k.network.weighted_sum(rs.witnessed + 2.0 * rs.victim)
    # 7. fear
    active_ties = k.network.weighted_sum(rs.active.astype(float))
    k._coordinators_near()
    residents.update_support(rs, active_ties, k.coordinator_near, p)
    residents.update_fear(rs, neglect_home, k.guardianship.ravel()[k.home_cell], k.worry, p)
    # 8. decision
    active_grid = np.zeros(nb.shape)
    active_grid[rs.x, rs.y] = rs.active
    norm = local_mean(active_grid, k.is_home, p["tie_radius"]).ravel()[k.home_cell]
    d_rng = rng("decisions", w)
    residents.decide(rs, norm, p, d_rng.random(rs.n), d_rng.random(rs.n), d_rng.random(rs.n), k.split_constant)
    # 9. cohesion
    k.network.update(rs.presence, rs.withdrawn, p["tie_meet_gain"], p["tie_decay"], p["tie_decay_withdrawn"],
                     p["courtyard_tie_factor"])
    # 10. slow variables and physical layers
    residents.relax(rs, p)
    out_active = np.zeros(nb.shape)
    out_active[rs.x, rs.y] = rs.presence * rs.active
    nb.litter *= np.exp(-p["tidy_rate"] * local_sum(out_active, 1))
    nb.grow_and_fade(p["litter_decay"], p["bush_growth"], p["damage_wear"])
    nb.spread_risk(p["risk_decay"], p["risk_spread"])
    return week_inc


def run_kernel(k: Kernel, weeks: int) -> Kernel:
    for _ in range(weeks):
        kernel_week(k)
    return k


def state_fingerprint(obj: Any) -> dict[str, np.ndarray]:
    """The dynamic state of a model or a kernel, for an exact comparison."""
    rs, nb = obj.residents, obj.nb
    return {
        "fear": rs.fear, "state": rs.state, "trust": rs.trust, "presence": rs.presence, "fatigue": rs.fatigue,
        "support": rs.support, "ties": obj.network.w, "litter": np.asarray(nb.litter),
        "damage": np.asarray(nb.damage), "bushes": np.asarray(nb.bushes), "risk": np.asarray(nb.risk),
        "hardening": np.asarray(nb.hardening), "guardianship": obj.guardianship,
    }

"""The safety partners: police, municipality and housing corporation, and how they work together.

* The **police** run patrol units on the grid (random, hotspot-by-reports, or community policing with
  fixed faces), follow up reports up to a weekly capacity, and give feedback or not.
* The **municipality** maintains public space and, under mutual support, lends capacity to the
  housing corporation (paying for pruning, locks).
* The **housing corporation** maintains its complexes: damage, bushes in its courtyards, locks.

Between them sits the collaboration mode (source 002): under *blame-shifting* a complaint or a
nuisance report is referred to another partner with probability ``1 − cooperation``, nothing happens,
and the resident's trust in both falls ("Onveiligheid? Daar is de politie toch van?"). Under *mutual
support* the receiving partner acts, capacity flows to where the queue is, and trust spills over.

Partners read their levers (mode, cooperation, feedback, strategy, capacities) from the model's
parameter dict every week, so interventions change behaviour by changing levers only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import mesa
import numpy as np
from mesa.discrete_space import CellAgent

from . import kernels
from .incidents import NUISANCE, WeekIncidents
from .neighbourhood import CORPORATION, GREEN, PUBLIC, stamp
from .neighbourhood import STREET as STREET_CELL
from .residents import HOUSING, MUNICIPALITY, POLICE, ResidentState

if TYPE_CHECKING:
    from .model import WijkModel

COMPLAINT_PATIENCE = 6  # weeks a complaint waits before the complainant counts it as ignored
JOB_RADIUS = 1  # a maintenance job covers a 3×3 patch


def raise_trust(rs: ResidentState, who: np.ndarray, partner: int, amount: float, spill: float) -> None:
    """Raise trust of households ``who`` in ``partner`` (saturating); spill a share to the others."""
    if len(who) and amount != 0:
        kernels.raise_trust(rs.trust, np.asarray(who, dtype=np.int64), partner, amount, spill)


def lower_trust(rs: ResidentState, who: np.ndarray, partners: tuple[int, ...], amount: float) -> None:
    """Lower trust of households ``who`` in each of ``partners`` (proportional to current trust)."""
    if len(who) and amount != 0:
        kernels.lower_trust(rs.trust, np.asarray(who, dtype=np.int64), partners[0],
                            partners[1] if len(partners) > 1 else -1, amount)


def share_experiences(m: WijkModel, partner: int, who: np.ndarray, delta: np.ndarray) -> None:
    """Reporters ``who`` tell their ties how a partner treated them: ``trust_gossip`` of each trust
    change ``delta`` spreads along ties (weighted by tie strength), so a partner's reputation is social,
    not only personal. A household told Σ = told moves its trust by told·(1 − t) up or told·t down."""
    k = m.p["trust_gossip"]
    if k <= 0 or not len(who):
        return
    m.network.share_along_ties(who, delta, k, m.residents.trust, partner)


#: ``patrol_strategy`` as :func:`wijksim.kernels.patrol_positions` numbers it
STRATEGY_CODE = {"community": 0, "hotspot": 1, "random": 2}


class PatrolUnit(CellAgent):
    """One police patrol unit; moves on the grid each week according to the strategy."""

    def __init__(self, model: WijkModel, cell: Any, beat: tuple[int, int]) -> None:
        super().__init__(model)
        self.cell = cell
        self.beat = beat  # fixed area under community policing


class Police(mesa.Agent):
    """Patrol allocation, report follow-up and feedback."""

    def __init__(self, model: WijkModel, n_units: int) -> None:
        super().__init__(model)
        nb = model.nb
        w, h = nb.shape
        self.public_cells = np.flatnonzero(nb.is_public.ravel())
        # fixed beats: units spread evenly over the wijk (fixed faces under community policing)
        cols = max(1, int(np.ceil(np.sqrt(n_units * w / h)))) if n_units else 1
        rows = max(1, int(np.ceil(n_units / cols))) if n_units else 1
        beats = [(int((i % cols + 0.5) * w / cols), int((i // cols + 0.5) * h / rows)) for i in range(n_units)]
        self.units = [PatrolUnit(model, model.grid[b], b) for b in beats]
        self.beats = np.array(beats, dtype=np.int64).reshape(-1, 2)
        self.positions = self.beats.copy()  # this week's unit positions (x, y)
        self.field = np.zeros(nb.shape)
        self.followed_up = 0
        self.referred = 0

    def place_units(self) -> None:
        """Move the patrol agents to this week's planned positions (for the UI and agent queries)."""
        grid = self.model.grid
        for unit, (x, y) in zip(self.units, self.positions.tolist(), strict=True):
            unit.cell = grid[(x, y)]

    def plan(self, rng: np.random.Generator) -> None:
        """Choose every unit's position for this week and compute the patrol presence field."""
        m = self.model
        nb = m.nb
        strategy = m.p["patrol_strategy"]
        hot = nb.incidents_recent if m.p["shared_measurement"] else nb.reported_recent
        xy = kernels.patrol_positions(STRATEGY_CODE[strategy], self.beats, self.public_cells, hot,
                                      kernels.stream_key(rng))
        self.positions = xy
        self.field = stamp(nb.shape, xy[:, 0].copy(), xy[:, 1].copy(), m.p["guardianship_radius"] + 1)
        n = len(xy)
        if strategy == "community" and n:
            # fixed faces: households around a beat come to know and trust their officer
            near = self.field.ravel()[m.home_cell] > 0.5
            raise_trust(m.residents, np.flatnonzero(near), POLICE, m.p["community_policing_trust"], 0.0)

    def follow_up(self, inc: WeekIncidents, rng: np.random.Generator) -> None:
        """Follow up this week's reported incidents up to capacity; feed back or stay silent.

        Under blame-shifting, nuisance reports are referred to the municipality with probability
        1 − cooperation ("that is for the municipality"): nothing is done, and the reporter's trust
        in police and municipality falls. Followed-up burglary and street crime dampen the risk
        field at the spot (offenders caught or deterred).
        """
        m = self.model
        p = m.p
        rs = m.residents
        mutual = p["collaboration"] == "mutual_support"
        spill = p["trust_spillover"] * p["cooperation"] if mutual else 0.0
        capacity = round(p["police_capacity"] * m.n_residents / 1000.0)
        referred, done = kernels.triage(inc.kind, inc.reported, 0.0 if mutual else 1.0 - p["cooperation"],
                                        capacity, kernels.stream_key(rng))
        self.followed_up = int(np.count_nonzero(done))
        self.referred = int(np.count_nonzero(referred))
        crime_done = done & (inc.kind != NUISANCE)
        if crime_done.any():
            flat = m.nb.risk.ravel()
            flat[inc.cell[crime_done]] *= 0.5
        reporters = np.unique(inc.report_res)
        before = rs.trust[reporters, POLICE]
        kernels.answer_reporters(inc.report_inc, inc.report_res, referred, done, bool(p["police_feedback"]),
                                 rs.trust, rs.fatigue, p["referral_trust_loss"], p["fatigue_silence"],
                                 p["feedback_trust_gain"], spill, p["silence_trust_loss"])
        share_experiences(m, POLICE, reporters, rs.trust[reporters, POLICE] - before)


class Maintainer(mesa.Agent):
    """A partner that maintains property: routine rounds plus a queue of residents' complaints."""

    partner: int = HOUSING
    capacity_param: str = "maintenance_capacity"

    def __init__(self, model: WijkModel, own_cells: np.ndarray) -> None:
        super().__init__(model)
        self.own_cells = own_cells  # flat indices of the cells this partner maintains
        self.queue_res = np.empty(0, dtype=np.int64)
        self.queue_cell = np.empty(0, dtype=np.int64)
        self.queue_week = np.empty(0, dtype=np.int64)
        self.jobs_done = 0
        self.complaints_done = 0

    @property
    def capacity(self) -> float:
        m = self.model
        return m.p[self.capacity_param] * m.n_residents / 1000.0

    def enqueue(self, res: np.ndarray, cell: np.ndarray, week: int) -> None:
        self.queue_res = np.concatenate([self.queue_res, res])
        self.queue_cell = np.concatenate([self.queue_cell, cell])
        self.queue_week = np.concatenate([self.queue_week, np.full(len(res), week)])

    def take(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """Remove and return the ``n`` oldest complaints (res, cell)."""
        res, cell = self.queue_res[:n], self.queue_cell[:n]
        self.queue_res, self.queue_cell, self.queue_week = self.queue_res[n:], self.queue_cell[n:], self.queue_week[n:]
        return res, cell

    def expire(self, week: int) -> np.ndarray:
        """Drop complaints that waited too long; return the households who were ignored."""
        old = self.queue_week <= week - COMPLAINT_PATIENCE
        ignored = self.queue_res[old]
        keep = ~old
        self.queue_res, self.queue_cell = self.queue_res[keep], self.queue_cell[keep]
        self.queue_week = self.queue_week[keep]
        return ignored

    def routine_targets(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """Cells for routine rounds: uniform, or by the shared incident and disorder map."""
        if n <= 0 or not len(self.own_cells):
            return np.empty(0, dtype=np.int64)
        nb = self.model.nb
        if self.model.p["shared_measurement"]:
            weight = 0.05 + (nb.incidents_recent.ravel() + 5 * nb.damage.ravel())[self.own_cells]
            cw = np.cumsum(weight)
            idx = np.searchsorted(cw, rng.random(n) * cw[-1], side="right")
            return self.own_cells[np.minimum(idx, len(self.own_cells) - 1)]
        return self.own_cells[rng.integers(0, len(self.own_cells), n)]


class HousingCorporation(Maintainer):
    """Maintains its complexes (dwellings and courtyards): damage, bushes, locks."""

    partner = HOUSING
    capacity_param = "maintenance_capacity"


class Municipality(Maintainer):
    """Maintains public space; convenes partners; may lend capacity to the corporation."""

    partner = MUNICIPALITY
    capacity_param = "municipal_capacity"


def do_jobs(m: WijkModel, cells: np.ndarray) -> None:
    """Carry out maintenance jobs, each on a 3×3 patch: damage ×0.2, litter ×0.5, bushes pruned to 0.1,
    locks +0.15. Overlapping patches are worked once."""
    if not len(cells):
        return
    nb = m.nb
    kernels.maintenance_jobs(np.asarray(cells, dtype=np.int64), JOB_RADIUS, nb.damage, nb.litter, nb.bushes,
                             nb.hardening, nb.repaired_recent, nb.has_bushes, nb.is_dwelling)


def handle_complaints(m: WijkModel, complainers: np.ndarray, rng: np.random.Generator) -> None:
    """Route this week's complaints through the collaboration mode into the partners' queues."""
    p = m.p
    rs = m.residents
    if not len(complainers):
        return
    owner = rs.home_owner[complainers]
    to_corp = owner == CORPORATION
    cell = m.home_cell[complainers]
    if p["collaboration"] == "blame_shifting":
        # a best person nearby knows which partner to go to: no referral for what they relay
        p_refer = (1.0 - p["cooperation"]) * (1.0 - m.coordinator_near[complainers])
        refer = rng.random(len(complainers)) < p_refer
        ref = complainers[refer]
        # referred on: trust in both the receiving partner and the one pointed at falls
        lower_trust(rs, ref, (HOUSING, MUNICIPALITY), p["referral_trust_loss"])
        kernels.tire(rs.fatigue, ref, p["fatigue_silence"])
        keep = ~refer
    else:
        keep = np.ones(len(complainers), dtype=bool)
    m.housing.enqueue(complainers[keep & to_corp], cell[keep & to_corp], m.week)
    m.municipality.enqueue(complainers[keep & ~to_corp], cell[keep & ~to_corp], m.week)


def maintain(m: WijkModel, rng: np.random.Generator) -> None:
    """Weekly maintenance: routine rounds plus complaints, with capacity flowing under mutual support."""
    p = m.p
    rs = m.residents
    mutual = p["collaboration"] == "mutual_support"
    spill = p["trust_spillover"] * p["cooperation"] if mutual else 0.0
    corp, muni = m.housing, m.municipality
    # the municipality can pay for part of the corporation's work (pruning, locks): source 002
    lent = muni.capacity * p["municipal_support"] * (1.0 if mutual else p["cooperation"])
    cap = {corp: corp.capacity + lent, muni: muni.capacity - lent}
    for partner in (corp, muni):
        total = cap[partner] + rng.random()  # fractional capacity carried by chance
        n_total = int(total)
        n_complaints = min(len(partner.queue_res), round(n_total * (1.0 - p["routine_share"])))
        res, cells = partner.take(n_complaints)
        routine = partner.routine_targets(n_total - n_complaints, rng)
        do_jobs(m, np.concatenate([cells, routine]))
        partner.jobs_done = n_total
        partner.complaints_done = len(res)
        raise_trust(rs, res, partner.partner, p["feedback_trust_gain"], spill)
        rs.fatigue[res] *= 0.5
    if mutual:
        # capacity flows: the partner with spare capacity takes part of the other's queue (prob c)
        for giver, taker in ((muni, corp), (corp, muni)):
            spare = max(0, round(cap[giver] * (1 - p["routine_share"])) - giver.complaints_done)
            if spare and len(taker.queue_res):
                n = int(rng.binomial(min(spare, len(taker.queue_res)), p["cooperation"]))
                res, cells = taker.take(n)
                do_jobs(m, cells)
                raise_trust(rs, res, taker.partner, p["feedback_trust_gain"], spill)
    for partner in (corp, muni):
        ignored = partner.expire(m.week)
        lower_trust(rs, ignored, (partner.partner,), p["silence_trust_loss"])
        kernels.tire(rs.fatigue, ignored, p["fatigue_silence"])


def who_complains(m: WijkModel, disorder_home: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The households that complain this week about disorder around their home.

    Weekly chance ``1 − exp(−complaint_rate·drive·will·(½ + trust in the owner))`` with drive =
    5·disorder + incidents witnessed, and will 2 for active, 1 for passive and 0.15 for withdrawn
    households (they have given up); trust in whoever owns the home (corporation or municipality)
    helps. An absolute threshold on disorder would leave the channel dead at ordinary disorder levels.
    """
    rs = m.residents
    return kernels.complainers(rs.state, rs.home_owner, rs.trust, disorder_home, rs.witnessed,
                               m.p["complaint_rate"], kernels.stream_key(rng))


def public_cells_of(kind: np.ndarray, owner: np.ndarray) -> np.ndarray:
    """Cells the municipality maintains: streets and public green."""
    return np.flatnonzero(((kind == STREET_CELL) | (kind == GREEN) | (owner == PUBLIC)).ravel())

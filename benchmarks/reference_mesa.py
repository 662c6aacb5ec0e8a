"""The wijksim dynamics written the plain Mesa way: the reference for the benchmarks (issue #6).

Every household is a :class:`ReferenceResident` (a Mesa ``CellAgent``) with its own Python attributes
and its own ties (a dict ``{other agent: tie}``, the tie a small list shared by both ends). The weekly
update is Python code per agent and per cell, activated with ``agents.shuffle_do(...)`` and recorded
by a Mesa ``DataCollector``: the honest "how a Mesa user would write it" version of the same equations
and parameters (``wijksim.params.defaults()``), used to measure how much the array formulation of
:class:`wijksim.model.WijkModel` gains.

Structure: :meth:`ReferenceModel.step` follows the stage order of ``WijkModel._advance`` one to one
(the numbered comments match), so that a change of mechanism in the model can be mirrored here stage
by stage. Stages that depend on everyone's state of the same week (presence before guardianship,
support and the local norm before anyone decides, the new states before ties fade) are separate
activation passes, as in Mesa's staged activation (``shuffle_do("step")`` then ``do("advance")``).

What is deliberately the same as wijksim (so the two can be compared statistically, not bit-wise):

* the layout generator and the potential-tie structure (construction, not dynamics), drawn from the
  same seeds, so a seed gives the same wijk and the same initial ties in both;
* the order of effects where it matters: trust and fatigue changes act once per occurrence, one
  after the other (as wijksim's compiled loops apply them), while a maintenance job's rest
  (``x[idx] *= 0.5`` with repeated indices) acts once per household.

What differs: the random numbers (Python's ``random`` through ``model.random``, one draw per decision,
in activation order) and hence the individual trajectories. The test in
``tests/test_reference_model.py`` checks that the outputs agree in distribution on a small case.

Not mirrored (the benchmark runs the default scenario without interventions): programmes, campaigns,
coordinators being appointed, crime waves, residential turnover (off by default). Coordinators and
the community-policing strategy are handled where they enter the weekly update, so the reference stays
correct if they are switched on through parameters.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import mesa
import numpy as np
from mesa.discrete_space import CellAgent, OrthogonalMooreGrid

from wijksim.model import Streams, seed_from
from wijksim.neighbourhood import (
    CORPORATION,
    COURTYARD,
    DWELLING,
    GREEN,
    PUBLIC,
    STREET,
    Neighbourhood,
    generate_layout,
)
from wijksim.network import build_network
from wijksim.params import PARAMS, resolve

BREAK_BELOW = PARAMS["tie_break_below"].default  # the registry's defaults (the reference runs at defaults)
NEW_TIE = PARAMS["new_tie_strength"].default

WITHDRAWN, PASSIVE, ACTIVE = 0, 1, 2
POLICE, MUNICIPALITY, HOUSING = 0, 1, 2
NUISANCE, BURGLARY, STREET_CRIME = 0, 1, 2
COMPLAINT_PATIENCE = 6


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


class Patch:
    """The changing state of one grid cell (what wijksim holds in its cell layers)."""

    __slots__ = (
        "bushes",
        "count",
        "damage",
        "dwelling",
        "eyes",
        "g",
        "hardening",
        "has_bushes",
        "idx",
        "incidents_recent",
        "litter",
        "near",
        "near1",
        "near2",
        "near_g",
        "near_p",
        "owner",
        "public",
        "repaired_recent",
        "reported_recent",
        "residents_near",
        "risk",
        "x",
        "y",
    )

    def __init__(self, idx: int, x: int, y: int) -> None:
        self.idx, self.x, self.y = idx, x, y
        self.litter = self.damage = self.bushes = self.hardening = self.risk = 0.0
        self.incidents_recent = self.reported_recent = self.repaired_recent = 0.0
        self.g = 0.0
        self.eyes = 0.0
        self.count = 0

    @property
    def disorder(self) -> float:
        return 1.0 - (1.0 - self.litter) * (1.0 - self.damage)


class ReferenceResident(CellAgent):
    """One household, with its state as plain Python attributes and its ties in a dict."""

    def __init__(self, model: ReferenceModel, cell: Any, patch: Patch, owner: int) -> None:
        super().__init__(model)
        p = model.p
        r = model.random
        self.cell = cell
        self.patch = patch
        self.owner = owner
        sigma = p["fear_sensitivity_sigma"]
        self.sensitivity = r.lognormvariate(-0.5 * sigma**2, sigma)
        u = r.random()
        self.state = (WITHDRAWN if u < p["initial_share_withdrawn"]
                      else ACTIVE if u > 1 - p["initial_share_active"] else PASSIVE)
        self.fear = min(1.0, r.betavariate(1.2, 5.0) * (0.6 + 0.8 * (self.state == WITHDRAWN)))
        self.trust = [min(1.0, max(0.0, r.gauss(p["trust_baseline"], 0.1))) for _ in range(3)]
        self.trust_base = list(self.trust)
        self.awareness = self.fatigue = self.participating = self.report_focus = 0.0
        self.coordinator = False
        self.coordinator_near = 0.0
        self.presence = self.support = self.neglect_home = 0.0
        self.victim = self.witnessed = self.heard = self.reports = 0.0
        self.complaints = 0
        self.last_complaint = -(10**6)
        self.next_state = self.state
        self.ties: dict[ReferenceResident, list[Any]] = {}  # other -> [weight, meeting factor]
        self.tie_list: list[ReferenceResident] = []  # the same, in a fixed order (for a random pick)

    # --- stage 0 and 2 ---------------------------------------------------------------------------
    def clear(self) -> None:
        self.victim = self.witnessed = self.heard = self.reports = 0.0

    def update_presence(self) -> None:
        """Expected share of time out, from own state and neglect around home (radius 2)."""
        p = self.model.p
        near = self.patch.near2
        self.neglect_home = sum(c.disorder + 0.5 * c.bushes for c in near) / len(near)
        z = (p["presence_base"] + p["presence_active"] * (self.state == ACTIVE)
             - p["presence_withdrawn"] * (self.state == WITHDRAWN) - p["presence_fear"] * self.fear
             - p["presence_disorder"] * self.neglect_home
             + p["presence_participation"] * min(self.participating, 1.0))
        self.presence = sigmoid(z)

    # --- stage 5: complaints ---------------------------------------------------------------------
    def consider_complaint(self) -> None:
        m = self.model
        p = m.p
        near = self.patch.near1
        disorder_home = sum(c.disorder for c in near) / len(near)
        will = 2.0 if self.state == ACTIVE else 1.0 if self.state == PASSIVE else 0.15
        owner_trust = self.trust[HOUSING] if self.owner == CORPORATION else self.trust[MUNICIPALITY]
        drive = 5.0 * disorder_home + self.witnessed
        hazard = -math.expm1(-p["complaint_rate"] * drive * will * (0.5 + owner_trust))
        if m.random.random() < hazard:
            self.complaints += 1
            self.last_complaint = m.week
            m.complainers.append(self)

    # --- stages 6-8: gossip, fear, decision (step), then the new state (advance) -------------------
    def step(self) -> None:
        m = self.model
        p = m.p
        r = m.random
        heard = active_ties = coord_ties = strength = 0.0
        for other, tie in self.ties.items():
            w = tie[0]
            strength += w
            heard += w * (other.witnessed + 2.0 * other.victim)
            active_ties += w * (other.state == ACTIVE)
            coord_ties += w * other.coordinator
        # 6. gossip
        self.heard = p["gossip_rate"] * heard
        # 7. support and fear
        if m.any_coordinator:
            via_home = any(a.coordinator for c in self.patch.near2 for a in c.residents_near)
            self.coordinator_near = float((coord_ties > 0 or via_home) and not self.coordinator)
        else:
            self.coordinator_near = 0.0
        part = min(self.participating, 1.0)
        share = active_ties / strength if strength > 0 else 0.0
        from_ties = 1.0 - math.exp(-(share + p["support_participation"] * part) / p["support_scale"])
        self.support = min(1.0, from_ties + p["coordinator_support"] * self.coordinator_near)
        threat = (p["fear_victim"] * min(self.victim, 1.0)
                  + p["fear_witness"] * (1.0 - math.exp(-self.witnessed)) * 2.0
                  + p["fear_hear"] * (1.0 - math.exp(-self.heard)) * 2.0
                  + p["fear_disorder"] * self.neglect_home
                  + p["fear_worry"] * m.worry.get(self, 0.0))
        fear = self.fear
        fear += min(1.0, self.sensitivity * threat) * (1.0 - fear)
        fear -= p["fear_decay"] * (1.0 + p["reassure_support"] * self.support
                                   + p["reassure_guardianship"] * self.patch.g) * fear
        self.fear = min(1.0, max(0.0, fear))
        # 8. decision: the local norm is the share active among households within tie_radius
        homes = self.patch.near_p
        norm = sum(a.state == ACTIVE for c in homes for a in c.residents_near) / max(
            sum(len(c.residents_near) for c in homes), 1)
        split = self.support if p["community_split"] else m.split_constant
        trust = sum(self.trust) / 3.0
        active, withdrawn = self.state == ACTIVE, self.state == WITHDRAWN
        committed = self.coordinator and p["coordinator_commitment"] > 0  # the role adds to U_active
        u_act = (committed * p["coordinator_commitment"]
                 + p["b0_active"] + p["b_support"] * self.support + p["b_norm"] * norm
                 + p["b_trust"] * (trust - 0.5) + p["b_awareness"] * self.awareness
                 - p["b_fatigue"] * self.fatigue + p["fear_to_action"] * self.fear * split + p["habit"] * active)
        u_wd = p["w0_withdrawn"] + p["fear_to_withdrawal"] * self.fear * (1.0 - split) + p["habit"] * withdrawn
        u_pas = p["habit"] * (self.state == PASSIVE)
        top = max(u_act, u_wd, u_pas)
        e_w, e_p, e_a = math.exp(u_wd - top), math.exp(u_pas - top), math.exp(u_act - top)
        new = self.state
        if r.random() < p["p_reconsider"]:
            u = r.random() * (e_w + e_p + e_a)
            new = WITHDRAWN if u < e_w else PASSIVE if u < e_w + e_p else ACTIVE
        elif active and not committed and r.random() < p["attrition"] + p["attrition_crowding"] * norm:
            new = PASSIVE
        self.next_state = ACTIVE if self.coordinator and p["coordinator_commitment"] < 0 else new

    def advance(self) -> None:
        self.state = self.next_state

    # --- stage 9: ties (each tie once, by its lower-id end) --------------------------------------
    def update_ties(self) -> None:
        p = self.model.p
        gain, decay, decay_wd = p["tie_meet_gain"], p["tie_decay"], p["tie_decay_withdrawn"]
        me = self.unique_id
        for other, tie in self.ties.items():
            if other.unique_id < me:
                continue
            w = tie[0]
            meet = math.sqrt(self.presence * other.presence) * tie[1]
            fade = decay + decay_wd * ((self.state == WITHDRAWN) + (other.state == WITHDRAWN))
            w += w * (gain * meet * (1.0 - w) - fade)
            w = min(1.0, max(0.0, w))
            tie[0] = 0.0 if w < BREAK_BELOW else w

    def form_ties(self) -> None:
        """Neighbours out at the same time start new ties (the model's ``SocialNetwork.form``)."""
        p = self.model.p
        r = self.model.random
        me = self.unique_id
        for other, tie in self.ties.items():
            if other.unique_id < me or tie[0] > 0 or not tie[2]:
                continue
            meet = math.sqrt(self.presence * other.presence) * (tie[1] if tie[1] > 1.0 else 1.0)
            if r.random() < p["tie_formation"] * meet:
                tie[0] = NEW_TIE

    # --- stage 10: slow variables ----------------------------------------------------------------
    def relax(self) -> None:
        p = self.model.p
        for k in range(3):
            t = self.trust[k] + (self.trust_base[k] - self.trust[k]) / p["trust_relax_weeks"]
            self.trust[k] = min(1.0, max(0.0, t))
        self.fatigue *= 1.0 - p["fatigue_recovery"]
        self.awareness *= 1.0 - p["awareness_decay"]
        self.participating = max(0.0, self.participating - 1.0)
        self.report_focus *= 0.95


class PatrolUnit(CellAgent):
    """A police patrol unit that moves each week."""

    def __init__(self, model: ReferenceModel, cell: Any, beat: tuple[int, int]) -> None:
        super().__init__(model)
        self.cell = cell
        self.beat = beat


class Maintainer:
    """A partner's maintenance: own cells and a queue of (household, cell, week) complaints."""

    def __init__(self, partner: int, capacity_param: str, own: list[Patch]) -> None:
        self.partner = partner
        self.capacity_param = capacity_param
        self.own = own
        self.queue: list[tuple[ReferenceResident, Patch, int]] = []
        self.complaints_done = 0


# --- trust and fatigue changes, one occurrence after the other (as wijksim's kernels apply them) -----
def raise_trust(who: list[ReferenceResident], partner: int, amount: float, spill: float) -> None:
    if amount == 0:
        return
    for a in who:
        for k in range(3):
            gain = amount if k == partner else spill * amount
            if gain:
                a.trust[k] = min(1.0, max(0.0, a.trust[k] + gain * (1.0 - a.trust[k])))


def lower_trust(who: list[ReferenceResident], partners: tuple[int, ...], amount: float) -> None:
    if amount == 0:
        return
    for a in who:
        for k in partners:
            a.trust[k] -= amount * a.trust[k]


def tire(who: list[ReferenceResident], amount: float) -> None:
    """Fatigue from silence or referral: once per occurrence."""
    for a in who:
        a.fatigue = min(1.0, a.fatigue + amount)


def referral_fatigue(who: list[ReferenceResident], p: dict[str, Any]) -> None:
    """Referred on: extra fatigue for the household and, by tie strength, for its ties (they hear it)."""
    amount, share = p["referral_fatigue"], p["referral_fatigue_ties"]
    if amount <= 0 or not who:
        return
    tire(who, amount)
    heard: dict[ReferenceResident, float] = {}
    for a in who:
        for other, tie in a.ties.items():
            if tie[0] > 0:
                heard[other] = heard.get(other, 0.0) + tie[0]
    for other, h in heard.items():
        other.fatigue = min(1.0, other.fatigue + amount * share * h)


def rest(who: list[ReferenceResident]) -> None:
    for a in set(who):
        a.fatigue *= 0.5


class ReferenceModel(mesa.Model):
    """The same neighbourhood as :class:`wijksim.model.WijkModel`, written agent by agent."""

    def __init__(self, rng: Any = None, **params: Any) -> None:
        p = resolve(params)
        seed = seed_from(rng)
        super().__init__(rng=seed)
        self.p = p
        self.week = -p["burn_in"]
        streams = Streams(seed)
        w, h = p["width"], p["height"]
        layout = generate_layout(w, h, p["block_size"], p["share_corporation"], p["share_courtyard"],
                                 p["share_green"], streams.init("layout"))
        init = Neighbourhood(layout, p, streams.init("layout"))
        self.grid = OrthogonalMooreGrid((w, h), torus=False, capacity=None, random=self.random)
        self.patches: list[Patch] = []
        self.patch_of: dict[Any, Patch] = {}
        for x in range(w):
            for y in range(h):
                pa = Patch(x * h + y, x, y)
                kind = int(layout.kind[x, y])
                pa.dwelling = kind == DWELLING
                pa.public = kind != DWELLING
                pa.has_bushes = kind in (GREEN, COURTYARD)
                pa.owner = int(layout.owner[x, y])
                pa.bushes = float(init.bushes[x, y])
                pa.hardening = float(init.hardening[x, y])
                pa.residents_near = []  # the households living on this cell (0 or 1)
                self.patches.append(pa)
                self.patch_of[self.grid[(x, y)]] = pa
        # neighbourhoods from the Mesa grid (Chebyshev boxes, clipped at the edge)
        radii = {1, 2, p["tie_radius"], p["witness_radius"], p["guardianship_radius"],
                 p["guardianship_radius"] + 1}
        hood = {r: {} for r in radii}
        for cell, pa in self.patch_of.items():
            for r in radii:
                hood[r][pa] = [self.patch_of[c] for c in cell.get_neighborhood(radius=r, include_center=True)]
        for pa in self.patches:
            pa.near1, pa.near2 = hood[1][pa], hood[2][pa]
            pa.near_p = hood[p["tie_radius"]][pa]
            pa.near = hood[p["witness_radius"]][pa]
            pa.near_g = hood[p["guardianship_radius"]][pa]
        self.patrol_hood = hood[p["guardianship_radius"] + 1]
        # households: one per dwelling, in the same order as wijksim (x-major)
        xs, ys = np.nonzero(layout.kind == DWELLING)
        self.households: list[ReferenceResident] = []
        for x, y in zip(xs.tolist(), ys.tolist(), strict=True):
            pa = self.patches[x * h + y]
            a = ReferenceResident(self, self.grid[(x, y)], pa, int(layout.owner[x, y]))
            pa.residents_near.append(a)
            self.households.append(a)
        self.n_residents = n = len(self.households)
        # ties: the same potential-tie structure as wijksim (construction), kept per agent
        block = layout.block[xs, ys]
        block_has_court = np.zeros(max(int(layout.block.max()) + 1, 1), dtype=bool)
        block_has_court[np.unique(layout.block[layout.kind == COURTYARD])] = True
        court_block = np.where(block_has_court[block], block, -1)
        net = build_network(xs, ys, court_block, (w, h), tie_radius=p["tie_radius"],
                            mean_degree=p["mean_degree"], courtyard_tie_factor=p["courtyard_tie_factor"],
                            share_distant_ties=p["share_distant_ties"], max_degree=p["max_degree"],
                            initial_tie_strength=p["initial_tie_strength"],
                            tie_concentration=p["tie_concentration"], min_initial_tie=p["min_initial_tie"],
                            rng=streams.init("network"))
        hh = self.households
        for i, j, wt, same, local in zip(net.ei.tolist(), net.ej.tolist(), net.w.tolist(),
                                         net.same_court.tolist(), net.local.tolist(), strict=True):
            factor = (p["courtyard_tie_factor"] if same else 1.0) * (1.0 if local else 0.3)
            tie = [wt, factor, local]
            hh[i].ties[hh[j]] = tie
            hh[j].ties[hh[i]] = tie
        for a in hh:
            a.tie_list = sorted(a.ties, key=lambda o: o.unique_id)
        self.initial_strength = max(sum(t[0] for a in hh for t in a.ties.values()) / max(n, 1), 1e-9)
        # partners
        n_units = round(p["patrols_per_1000"] * n / 1000.0)
        if p["patrols_per_1000"] > 0 and n:
            n_units = max(1, n_units)
        cols = max(1, int(np.ceil(np.sqrt(n_units * w / h)))) if n_units else 1
        rows = max(1, int(np.ceil(n_units / cols))) if n_units else 1
        beats = [(int((i % cols + 0.5) * w / cols), int((i // cols + 0.5) * h / rows)) for i in range(n_units)]
        self.units = [PatrolUnit(self, self.grid[b], b) for b in beats]
        self.public = [pa for pa in self.patches if pa.public]
        self.housing = Maintainer(HOUSING, "maintenance_capacity",
                                  [pa for pa in self.patches if pa.owner == CORPORATION])
        self.municipality = Maintainer(MUNICIPALITY, "municipal_capacity",
                                       [pa for pa in self.patches if self._municipal(pa, layout)])
        self.worry: dict[ReferenceResident, float] = {}
        self.complainers: list[ReferenceResident] = []
        self.any_coordinator = False
        self.split_constant = 0.5
        self.week_incidents = self.week_reports = 0
        self.datacollector = mesa.DataCollector(model_reporters={
            "week": "week",
            "fear_mean": lambda m: sum(a.fear for a in m.households) / m.n_residents,
            "share_unsafe": lambda m: sum(a.fear > m.p["unsafe_threshold"] for a in m.households) / m.n_residents,
            "share_withdrawn": lambda m: m.share(WITHDRAWN),
            "share_passive": lambda m: m.share(PASSIVE),
            "share_active": lambda m: m.share(ACTIVE),
            "incidents": "week_incidents",
            "reports": "week_reports",
            "reporting_rate": lambda m: (m.week_reports / m.week_incidents if m.week_incidents
                                         else float("nan")),
            "trust_police": lambda m: sum(a.trust[POLICE] for a in m.households) / m.n_residents,
            "disorder_mean": lambda m: sum(c.disorder for c in m.patches) / len(m.patches),
            "presence_mean": lambda m: sum(a.presence for a in m.households) / m.n_residents,
            "guardianship_mean": lambda m: sum(c.g for c in m.patches) / len(m.patches),
            "cohesion": lambda m: sum(10.0 * (1.0 - math.exp(-1.02 * sum(t[0] for t in a.ties.values())
                                                             / m.initial_strength)) for a in m.households)
            / m.n_residents,
        })
        for _ in range(p["burn_in"]):
            self.advance_week()
        self.split_constant = sum(a.support for a in hh) / n if n else 0.5

    @staticmethod
    def _municipal(pa: Patch, layout: Any) -> bool:
        kind = int(layout.kind[pa.x, pa.y])
        return kind in (STREET, GREEN) or pa.owner == PUBLIC

    def share(self, state: int) -> float:
        return sum(a.state == state for a in self.households) / self.n_residents

    def step(self) -> None:
        self.advance_week()
        self.datacollector.collect(self)

    def run(self, weeks: int) -> ReferenceModel:
        for _ in range(weeks):
            self.step()
        return self

    def timeseries(self) -> Any:
        return self.datacollector.get_model_vars_dataframe()

    # --- the week, in the order of WijkModel._advance ----------------------------------------------
    def advance_week(self) -> None:
        self.week += 1
        p = self.p
        r = self.random
        agents = self.agents_by_type[ReferenceResident]
        agents.do("clear")
        self.worry.clear()
        # 1. partners plan: patrols, maintenance
        self.plan_patrols()
        self.maintain()
        # 2. presence
        agents.shuffle_do("update_presence")
        # 3. guardianship, per cell
        va = p["vigilance_active"]
        for pa in self.patches:
            pa.eyes = sum(a.presence * (va if a.state == ACTIVE else 1.0) for a in pa.residents_near)
        kr, kp, bs = p["kappa_residents"], p["kappa_patrol"], p["bush_sightline"]
        for pa in self.patches:
            eyes = sum(c.eyes for c in pa.near_g) * (1.0 - bs * pa.bushes)
            pa.g = 1.0 - math.exp(-(kr * eyes + kp * pa.count))
        # 4. incidents, per cell and type
        cap = p["offender_capacity"]
        mult = cap * math.tanh(p["crime_rate"] / cap)
        incidents: list[tuple[int, Patch]] = []
        ge = p["guardianship_effect"]
        for pa in self.patches:
            unguarded = (1.0 - ge * pa.g) * (1.0 + pa.risk) * mult
            lam_n = p["rate_nuisance"] * (1.0 + p["disorder_attraction"] * pa.disorder) * unguarded
            lam_b = p["rate_burglary"] * 2.0 * (1.0 - pa.hardening) * unguarded if pa.dwelling else 0.0
            lam_s = (p["rate_street"] * (1.0 + p["bush_attraction"] * pa.bushes) * unguarded
                     if pa.public else 0.0)
            for kind, lam in ((NUISANCE, lam_n), (BURGLARY, lam_b), (STREET_CRIME, lam_s)):
                if r.random() < -math.expm1(-lam):
                    incidents.append((kind, pa))
        # 5. witnessing, reporting, physical traces, follow-up, conflict, complaints
        reports = self.witness_and_report(incidents)
        self.physical_effects(incidents)
        self.follow_up(incidents, reports)
        self.conflict(incidents, reports)
        self.complainers = []
        agents.shuffle_do("consider_complaint")
        self.handle_complaints()
        # 6-8. gossip, support, fear, decision (everyone reads last week's states), then the new states
        self.any_coordinator = any(a.coordinator for a in self.households)
        agents.shuffle_do("step")
        agents.do("advance")
        # 9. ties
        agents.shuffle_do("update_ties")
        agents.shuffle_do("form_ties")
        # 10. slow variables, tidying, physical layers
        agents.do("relax")
        out = {pa: 0.0 for pa in self.patches}
        for a in self.households:
            if a.state == ACTIVE:
                out[a.patch] += a.presence
        for pa in self.patches:
            tidy = sum(out[c] for c in pa.near1)
            pa.litter *= math.exp(-p["tidy_rate"] * tidy)
        ld, bg, dw, lw = p["litter_decay"], p["bush_growth"], p["damage_wear"], p["lock_wear"]
        for pa in self.patches:
            pa.litter *= 1.0 - ld
            pa.damage += dw * (1.0 - pa.damage)
            pa.hardening *= 1.0 - lw
            if pa.has_bushes:
                pa.bushes = min(1.0, pa.bushes + bg)
        spread, decay = p["risk_spread"], p["risk_decay"]
        if spread > 0:
            new = {pa: (1 - spread) * pa.risk + spread * (sum(c.risk for c in pa.near1) - pa.risk) / 8.0
                   for pa in self.patches}
            for pa, v in new.items():
                pa.risk = v
        for pa in self.patches:
            pa.risk *= 1.0 - decay
            pa.incidents_recent *= 0.8
            pa.reported_recent *= 0.8
            pa.repaired_recent *= 0.8
        self.week_incidents = len(incidents)

    # --- 1. partners plan ------------------------------------------------------------------------
    def plan_patrols(self) -> None:
        p = self.p
        r = self.random
        w, h = p["width"], p["height"]
        strategy = p["patrol_strategy"]
        for pa in self.patches:
            pa.count = 0
        if not self.units:
            return
        if strategy == "community":
            for unit in self.units:
                x = min(max(unit.beat[0] + r.randint(-2, 2), 0), w - 1)
                y = min(max(unit.beat[1] + r.randint(-2, 2), 0), h - 1)
                unit.cell = self.grid[(x, y)]
        else:
            if strategy == "hotspot":
                hot = "incidents_recent" if p["shared_measurement"] else "reported_recent"
                weights = [0.2 + getattr(pa, hot) + sum(getattr(c, hot) for c in pa.near2) for pa in self.public]
            else:
                weights = None
            for unit, pa in zip(self.units, r.choices(self.public, weights=weights, k=len(self.units)),
                                strict=True):
                unit.cell = self.grid[(pa.x, pa.y)]
        for unit in self.units:
            for pa in self.patrol_hood[self.patch_of[unit.cell]]:
                pa.count += 1
        if strategy == "community":
            near = [a for a in self.households if a.patch.count > 0]
            raise_trust(near, POLICE, p["community_policing_trust"], 0.0)

    def maintain(self) -> None:
        p = self.p
        r = self.random
        mutual = p["collaboration"] == "mutual_support"
        spill = p["trust_spillover"] * p["cooperation"] if mutual else 0.0
        corp, muni = self.housing, self.municipality
        capacity = {m: p[m.capacity_param] * self.n_residents / 1000.0 for m in (corp, muni)}
        lent = capacity[muni] * p["municipal_support"] * (1.0 if mutual else p["cooperation"])
        cap = {corp: capacity[corp] + lent, muni: capacity[muni] - lent}
        for partner in (corp, muni):
            n_total = int(cap[partner] + r.random())
            n_complaints = min(len(partner.queue), round(n_total * (1.0 - p["routine_share"])))
            taken, partner.queue = partner.queue[:n_complaints], partner.queue[n_complaints:]
            n_routine = n_total - n_complaints
            routine: list[Patch] = []
            if n_routine > 0 and partner.own:
                if p["shared_measurement"]:
                    weights = [0.05 + c.incidents_recent + 5 * c.damage for c in partner.own]
                    routine = r.choices(partner.own, weights=weights, k=n_routine)
                else:
                    routine = [r.choice(partner.own) for _ in range(n_routine)]
            self.do_jobs([c for _, c, _ in taken] + routine)
            partner.complaints_done = len(taken)
            who = [a for a, _, _ in taken]
            raise_trust(who, partner.partner, p["feedback_trust_gain"], spill)
            rest(who)
        if mutual:
            for giver, taker in ((muni, corp), (corp, muni)):
                spare = max(0, round(cap[giver] * (1 - p["routine_share"])) - giver.complaints_done)
                if spare and taker.queue:
                    k = sum(r.random() < p["cooperation"] for _ in range(min(spare, len(taker.queue))))
                    taken, taker.queue = taker.queue[:k], taker.queue[k:]
                    self.do_jobs([c for _, c, _ in taken])
                    raise_trust([a for a, _, _ in taken], taker.partner, p["feedback_trust_gain"], spill)
        for partner in (corp, muni):
            ignored = [a for a, _, wk in partner.queue if wk <= self.week - COMPLAINT_PATIENCE]
            partner.queue = [q for q in partner.queue if q[2] > self.week - COMPLAINT_PATIENCE]
            lower_trust(ignored, (partner.partner,), p["silence_trust_loss"])
            tire(ignored, p["fatigue_silence"])

    def do_jobs(self, cells: list[Patch]) -> None:
        area = {c for pa in cells for c in pa.near1}
        for c in area:
            c.damage *= 0.2
            c.litter *= 0.5
            if c.has_bushes:
                c.bushes = min(c.bushes, 0.1)
            if c.dwelling:
                c.hardening = min(1.0, c.hardening + 0.15)
            c.repaired_recent += 1.0

    # --- 5. witnessing and reporting -------------------------------------------------------------
    def witness_and_report(self, incidents: list[tuple[int, Patch]]) -> list[tuple[int, ReferenceResident]]:
        """Victims, witnesses and reports; returns (incident index, reporter) per report."""
        p = self.p
        r = self.random
        reports: list[tuple[int, ReferenceResident]] = []
        self.reported = [False] * len(incidents)
        for k, (kind, pa) in enumerate(incidents):
            near = [a for c in pa.near for a in c.residents_near]
            victim = None
            if kind == BURGLARY:
                victim = pa.residents_near[0] if pa.residents_near else None
            elif kind == STREET_CRIME and r.random() >= 0.5:  # half the time a passer-by from outside
                total = sum(a.presence for a in near)
                if total > 0:
                    victim = r.choices(near, weights=[a.presence for a in near])[0]
            see = p["p_witness"] * (1.0 - p["bush_sightline"] * pa.bushes)
            for a in near:
                is_victim = a is victim
                if not (r.random() < see * a.presence or is_victim):
                    continue
                if not is_victim:
                    a.witnessed += 1.0
                z = (p["report_base"] + p["report_trust"] * (a.trust[POLICE] - 0.5)
                     + p["report_active"] * (a.state == ACTIVE) - p["report_withdrawn"] * (a.state == WITHDRAWN)
                     + p["report_victim"] * is_victim + a.report_focus * (kind == NUISANCE))
                if r.random() < sigmoid(z):
                    reports.append((k, a))
                    a.reports += 1.0
                    self.reported[k] = True
            if victim is not None:
                victim.victim += 1.0
            pa.incidents_recent += 1.0
            if self.reported[k]:
                pa.reported_recent += 1.0
        self.week_reports = sum(self.reported)
        return reports

    def physical_effects(self, incidents: list[tuple[int, Patch]]) -> None:
        p = self.p
        nuis = Counter(pa for kind, pa in incidents if kind == NUISANCE)
        if nuis:
            lit = Counter()
            for pa, c in nuis.items():
                for q in pa.near1:
                    lit[q] += c
            for q in set(nuis) | set(lit):
                q.litter += p["litter_per_nuisance"] * (0.5 * nuis.get(q, 0) + 0.5 * lit.get(q, 0) / 9.0)
                q.litter = min(1.0, max(0.0, q.litter))
            for q, c in nuis.items():
                q.damage += p["damage_per_nuisance"] * c * (1.0 - q.damage)
        for pa, c in Counter(pa for _, pa in incidents).items():
            pa.risk += p["risk_boost"] * c * (1.0 - p["guardianship_effect"] * pa.g)

    def follow_up(self, incidents: list[tuple[int, Patch]], reports: list[tuple[int, ReferenceResident]]) -> None:
        p = self.p
        r = self.random
        mutual = p["collaboration"] == "mutual_support"
        spill = p["trust_spillover"] * p["cooperation"] if mutual else 0.0
        cases = [k for k in range(len(incidents)) if self.reported[k]]
        referred = set()
        if not mutual:
            referred = {k for k in cases if incidents[k][0] == NUISANCE and r.random() < 1.0 - p["cooperation"]}
        open_cases = [k for k in cases if k not in referred]
        rank = {BURGLARY: 0, STREET_CRIME: 1, NUISANCE: 2}
        order = sorted(open_cases, key=lambda k: (rank[incidents[k][0]], r.random()))
        capacity = round(p["police_capacity"] * self.n_residents / 1000.0)
        done = set(order[:capacity])
        for pa in {incidents[k][1] for k in done if incidents[k][0] != NUISANCE}:
            pa.risk *= 0.5
        before = {a: a.trust[POLICE] for _, a in reports}
        feedback = bool(p["police_feedback"])
        for k, a in reports:  # report by report, in the order they were made
            if k in referred:
                lower_trust([a], (POLICE, MUNICIPALITY), p["referral_trust_loss"])
                tire([a], p["fatigue_silence"])
            elif k in done and feedback:
                raise_trust([a], POLICE, p["feedback_trust_gain"], spill)
                a.fatigue *= 0.5
            else:
                lower_trust([a], (POLICE,), p["silence_trust_loss"])
                tire([a], p["fatigue_silence"])
        # reporters tell their ties how the police treated them
        k_g = p["trust_gossip"]
        told: dict[ReferenceResident, float] = {}
        for a, t0 in before.items():
            delta = a.trust[POLICE] - t0
            if delta and k_g > 0:
                for other, tie in a.ties.items():
                    if tie[0] > 0:
                        told[other] = told.get(other, 0.0) + k_g * tie[0] * delta
        for other, d in told.items():
            t = other.trust[POLICE]
            other.trust[POLICE] = min(1.0, max(0.0, t + (d * (1.0 - t) if d > 0 else d * t)))
        referral_fatigue(list({a for k, a in reports if k in referred}), p)
        if feedback and p["feedback_visible_gain"] > 0:  # the result is seen around the incident
            seen = {a for k in done for c in incidents[k][1].near for a in c.residents_near}
            raise_trust(list(seen), POLICE, p["feedback_visible_gain"], spill)

    def conflict(self, incidents: list[tuple[int, Patch]], reports: list[tuple[int, ReferenceResident]]) -> None:
        """Nuisance reports that point at a neighbour strain that tie and that neighbour's trust."""
        p = self.p
        r = self.random
        amount = p["conflict_strain"]
        about = [a for k, a in reports if incidents[k][0] == NUISANCE
                 and r.random() < min(1.0, p["conflict_share"] * (1.0 + a.report_focus))]
        if not about or amount <= 0:
            return
        targets = []
        for a in about:
            known = [o for o in a.tie_list if a.ties[o][0] > 0 and a.ties[o][2]]
            if not known:
                continue
            other = known[r.randrange(len(known))]
            tie = a.ties[other]
            w = min(1.0, max(0.0, tie[0] - amount))
            tie[0] = 0.0 if w < BREAK_BELOW else w
            targets.append(other)
        lower_trust(targets, (POLICE,), amount * 0.5)

    def handle_complaints(self) -> None:
        p = self.p
        r = self.random
        keep = []
        if p["collaboration"] == "blame_shifting":
            ref = []
            for a in self.complainers:
                if r.random() < (1.0 - p["cooperation"]) * (1.0 - a.coordinator_near):
                    ref.append(a)
                else:
                    keep.append(a)
            lower_trust(ref, (HOUSING, MUNICIPALITY), p["referral_trust_loss"])
            tire(ref, p["fatigue_silence"])
            referral_fatigue(ref, p)
        else:
            keep = list(self.complainers)
        for a in keep:
            target = self.housing if a.owner == CORPORATION else self.municipality
            target.queue.append((a, a.patch, self.week))


def main() -> None:  # pragma: no cover - a quick look from the command line
    import sys
    import time

    size = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    t0 = time.perf_counter()
    m = ReferenceModel(rng=1, width=size, height=size, burn_in=5)
    t1 = time.perf_counter()
    m.run(5)
    t2 = time.perf_counter()
    print(f"{m.n_residents} households: build {t1 - t0:.2f} s, {(t2 - t1) / 5 * 1000:.1f} ms per week")
    print(m.timeseries().round(3).to_string())


if __name__ == "__main__":  # pragma: no cover
    main()

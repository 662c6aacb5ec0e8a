"""Interventions: the levers a scenario pulls, as a timeline.

Each intervention is a small validated class with a start week (``start``) and an optional duration
(``weeks``; without it the intervention lasts to the end of the run). ``attach`` schedules its begin
and end through Mesa's event API (``model.schedule_event``): an intervention with ``start = s`` is in
force from week ``s`` on, and for ``weeks = d`` up to and including week ``s + d − 1``.

Every intervention acts only through the model's mechanisms — levers the partners read (mode,
cooperation, feedback, patrol strategy, capacities), reach and awareness, ties, participation,
coordinators, the crime multiplier — and restores the levers it changed when it ends. None of them
sets an outcome (fear, state, incidents) directly.

Overlapping interventions (the rule, also in the ODD). Interventions that *set* a lever (a
registry parameter such as ``cooperation``, ``collaboration``, ``police_feedback``,
``patrol_strategy``, ``maintenance_capacity``, ``municipal_support``, ``shared_measurement``) each
hold a claim on it while they are in force. The lever takes the value of the most recently started
intervention that is still in force and claims it; when that one ends, the lever returns to the value
of the next most recent one still in force, and when none is left, to its value before the first
claim (the base value). An intervention that changes its value while in force (Collective Impact's
rising cooperation) changes its own claim, which shows only while no later-started claim covers it.
Interventions that *scale* (crime waves) combine by multiplication: the crime multiplier is
``crime_rate`` times the multipliers of every crime wave in force, at most
:data:`wijksim.model.MAX_CRIME_MULTIPLIER` (10⁶: offending saturates far below it). Programmes (activities,
campaigns, best persons) run side by side, each with its own participants. Two interventions that
start in the same week count as started in the order they appear in the scenario.

An intervention can be removed while it runs (``stop``: it ends from the next week on exactly as at its
scheduled end, claims released, logged as "removed") or extended (``extend``: its end moves, nothing
else changes); what a repeated live click does is each class's ``on_repeat``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Union, cast

import numpy as np
from pydantic import Field, SerializerFunctionWrapHandler, model_serializer, model_validator

from .activities import near_and_pull
from .lifecycle import MAX_WEEK, Intervention, LeverBook, lever_book  # noqa: F401 - re-exported
from .neighbourhood import local_sum
from .residents import ACTIVE, MUNICIPALITY, POLICE, sigmoid
from .text.events import PHASE
from .text.messages import error
from .validation import Flag, Number, WholeNumber
from .youth_interventions import YOUTH_INTERVENTIONS

if TYPE_CHECKING:
    from .model import WijkModel


def per_households(rate: float, households: int) -> float:
    """A reach given per 1,000 households, for a wijk of ``households``: why a share and not a count -- a fixed
    count reaches a larger share of a small wijk, so a programme's effect grew as the wijk shrank (issue 26,
    finding 7: +25.9 pp at 30 × 30 against +21.7 at 40 × 40)."""
    return rate * households / 1000.0


def one_reach(iv: Intervention, fixed: str, per: str) -> None:
    """Refuse a programme given both as a number and per 1,000 households (which one would hold?); given per
    1,000, the number's default is cleared (``None``), so that lists and saved files show only what was given."""
    if getattr(iv, per) is None:
        return
    if fixed in iv.model_fields_set and getattr(iv, fixed) is not None:
        raise error(ValueError, "reach_both", what=iv.type, fixed=fixed, per=per)
    iv.__dict__[fixed] = None  # not an assignment: that would validate again and mark the field as given


def without_unset(data: dict[str, Any], per: str) -> dict[str, Any]:
    """A dump without the per-1,000 field while it is not used: a programme given as a number dumps (and so
    fingerprints, in every saved table's settings) exactly as before the field existed."""
    return {k: v for k, v in data.items() if k != per or v is not None}

class CrimeWave(Intervention):
    """An exogenous shock: all base rates multiplied for a while (offenders come to the wijk).

    Repeated: *extend* — the wave goes on for its duration from now, with the same multiplier. A second
    wave on top would multiply the rates again (eight clicks once made 3^8); the user means "longer".
    """

    type: Literal["crime_wave"] = "crime_wave"
    shown: ClassVar[tuple[str, ...]] = ("multiplier",)
    buttons: ClassVar[dict[str, dict[str, Any]]] = {"crime_wave": {"multiplier": 3.0, "weeks": 12}}
    shock: ClassVar[bool] = True
    multiplier: Number = Field(3.0, ge=0, le=20, description="multiplier on all base incident rates")
    weeks: WholeNumber | None = Field(12, ge=1, le=MAX_WEEK, description="duration in weeks")
    on_repeat: ClassVar[Literal["extend", "replace"]] = "extend"

    def begin(self, model: WijkModel) -> None:
        model.crime_factors[self._id] = self.multiplier

    def end(self, model: WijkModel) -> None:
        model.crime_factors.pop(self._id, None)


class InformationCampaign(Intervention):
    """Voorlichting: a message about risks, through flyers or through the community's own channel.

    Reach is equal by construction: ``reach`` share of households is *reached* over the campaign
    through either channel (for flyers: reads it), so channels can be compared fairly. Flyers go to
    random letterboxes, as many as it takes, and are read by ``attention`` of the recipients;
    credibility is trust in the sender (police, municipality). The community channel spreads from
    best persons and active households along ties; credibility is the strength of the tie it came
    through, and it comes with an invitation to take part. With an action perspective the message
    raises awareness (what you can do: 112, locks, joining) and people fix their locks; without one
    it mostly raises worry (source 002; Pate et al. 1986).

    Repeated: *replace* — a campaign is a fixed message to ``reach`` of the households over its weeks;
    extending it would spread the same reach thinner, so a repeat is a new round (the old one stops,
    a new one reaches ``reach`` again from next week). Two campaigns never run in the same weeks.
    """

    type: Literal["information_campaign"] = "information_campaign"
    shown: ClassVar[tuple[str, ...]] = ("channel", "action_perspective", "reach")
    buttons: ClassVar[dict[str, dict[str, Any]]] = {
        "information_campaign": {"channel": "community", "action_perspective": True},
        "flyer_campaign": {"channel": "flyer", "action_perspective": False},
    }
    channel: Literal["flyer", "community"] = "flyer"
    action_perspective: Flag = True
    reach: Number = Field(0.5, gt=0, le=1, description="share of households reached over the campaign")
    weeks: WholeNumber | None = Field(8, ge=1, le=MAX_WEEK, description="duration in weeks")
    attention: Number = Field(0.3, ge=0, le=1, description="share of flyer recipients who read it")
    lock_fix: Number = Field(0.2, ge=0, le=1, description="lock quality a household adds when it acts on the message")
    on_repeat: ClassVar[Literal["extend", "replace"]] = "replace"

    def begin(self, model: WijkModel) -> None:
        self._reached = np.zeros(model.n_residents, dtype=bool)  # households the message reached (read)
        self._delivered = np.zeros(model.n_residents, dtype=bool)  # flyers: letterboxes already done
        model.programmes.append(self)

    @property
    def reached(self) -> int:
        """How many households the message has reached so far (for flyers: read it)."""
        return int(self._reached.sum()) if hasattr(self, "_reached") else 0

    def _flyer_readers(self, rng: np.random.Generator, wanted: int) -> np.ndarray:
        """Equal reach in households reached, not in paper: flyers go through as many new letterboxes
        as it takes for ``wanted`` households to read one, given that ``attention`` of recipients read
        (so a flyer campaign reaches as many households as a community one; it differs in whom, how
        credibly and without an invitation). When every letterbox has had one, a new round goes to those
        who have not read it."""
        if self.attention <= 0:
            return np.empty(0, dtype=np.int64)
        n = int(np.ceil(wanted / self.attention * 1.5)) + 5
        pool = np.flatnonzero(~self._delivered)
        if len(pool) < n:  # every letterbox had one: a new round to those who have not read it yet
            self._delivered &= self._reached
            pool = np.flatnonzero(~self._delivered)
        n = min(n, len(pool))
        box = rng.choice(pool, size=n, replace=False)
        read = rng.random(n) < self.attention
        last = np.flatnonzero(read)[:wanted]
        upto = last[-1] + 1 if len(last) else n
        self._delivered[box[:upto]] = True  # flyers past the last needed reader stay undelivered
        return box[last]

    def weekly(self, model: WijkModel) -> None:
        rs = model.residents
        rng = model.streams.week("campaigns", model.week)
        n = rs.n
        duration = self.weeks or 8
        target = round(self.reach * n)
        per_week = int(np.ceil(target / duration))
        left = min(per_week, target - int(self._reached.sum()))
        if left <= 0:
            return
        if self.channel == "flyer":
            who = self._flyer_readers(rng, left)
            strength = rs.trust[who][:, [POLICE, MUNICIPALITY]].mean(axis=1)
            invited = np.zeros(len(who), dtype=bool)
        else:
            net = model.network
            messenger = (rs.coordinator | (rs.state == ACTIVE) | self._reached).astype(float)
            pull = net.weighted_sum(messenger)  # tie strength to messengers
            pull[self._reached] = 0.0
            cand = np.flatnonzero(pull > 0)
            if not len(cand):
                return
            key = rng.random(len(cand)) ** (1.0 / pull[cand])  # weighted sampling without replacement
            who = cand[np.argsort(-key)[:left]]
            strength = np.minimum(1.0, pull[who])
            invited = np.ones(len(who), dtype=bool)
        self._reached[who] = True
        if self.action_perspective:
            rs.awareness[who] += strength * (1.0 - rs.awareness[who])
            homes = model.home_cell[who]
            flat = model.nb.hardening.ravel()
            flat[homes] = np.minimum(1.0, flat[homes] + self.lock_fix * strength)
            rs.participating[who] += invited * strength * 2.0
        else:
            rs.awareness[who] += model.p["awareness_without_action"] * strength * (1.0 - rs.awareness[who])
            model.worry[who] += strength


class CommunityActivities(Intervention):
    """Joint activities in the wijk: people meet, ties form, public space is used and tidied.

    ``goal = "broad"``: positive activities (clean-ups, greening, a courtyard party): litter is
    cleared where they happen. ``goal = "narrow"``: meetings about reporting nuisance: participation
    and tie-building are the same, but participants report nuisance more, and each nuisance report
    about a neighbour strains that tie (source 001: the narrow goal created opposition).
    Participation has diminishing returns: one activity holds at most ``size`` households, drawn
    from those living near it, and willingness falls with fatigue and withdrawal.

    Repeated: *extend* — the same activities go on for their duration from now (venues, participants'
    memory and ties kept); a second programme at once would double the activities per week.
    """

    type: Literal["community_activities"] = "community_activities"
    shown: ClassVar[tuple[str, ...]] = ("goal", "per_week", "per_week_per_1000")
    #: the live buttons give the reach per 1,000 households: 2 a week in a 40 × 40 wijk of 890 households, in
    #: proportion elsewhere (a count would reach a larger share of a smaller wijk; issue 26, finding 7)
    buttons: ClassVar[dict[str, dict[str, Any]]] = {
        "community_activities": {"goal": "broad", "per_week_per_1000": 2.25, "weeks": 52},
        "community_narrow": {"goal": "narrow", "per_week_per_1000": 2.25, "weeks": 52},
    }
    goal: Literal["broad", "narrow"] = "broad"
    per_week: Number | None = Field(1.0, ge=0, le=20, description="activities per week (none: per_week_per_1000)")
    per_week_per_1000: Number | None = Field(None, ge=0, le=40, description="activities per week per 1,000 "
                                             "households (instead of per_week; resolved when it starts, to 0.01)")
    size: WholeNumber = Field(15, ge=2, le=200, description="households per activity at most")
    radius: WholeNumber = Field(4, ge=1, le=20, description="cells from the activity that households come from")
    memory: WholeNumber = Field(4, ge=1, le=52, description="weeks a participation counts for presence and support")
    cleanup: Number = Field(0.7, ge=0, le=1, description="share of litter a broad activity clears around it")
    focus: Number = Field(2.0, ge=0, le=5, description="extra logit of reporting nuisance after a narrow activity")
    on_repeat: ClassVar[Literal["extend", "replace"]] = "extend"

    @model_validator(mode="after")
    def _one_reach(self) -> CommunityActivities:
        one_reach(self, "per_week", "per_week_per_1000")
        return self

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return without_unset(handler(self), "per_week_per_1000")

    def begin(self, model: WijkModel) -> None:
        per = self.per_week_per_1000
        self._rate = float(self.per_week or 0.0) if per is None else round(per_households(per, model.residents.n), 2)
        model.programmes.append(self)
        nb = model.nb
        homes = np.zeros(nb.shape)
        homes[model.residents.x, model.residents.y] = 1.0
        near_homes = local_sum(homes, self.radius)
        venues = nb.is_public & (near_homes >= self.size)
        self._venues = np.flatnonzero(venues.ravel())
        if not len(self._venues):
            self._venues = np.flatnonzero(nb.is_public.ravel())

    def weekly(self, model: WijkModel) -> None:
        rs = model.residents
        rng = model.streams.week("activities", model.week)
        n_act = int(self._rate) + int(rng.random() < self._rate - int(self._rate))
        if not len(self._venues):
            return
        for venue in rng.choice(self._venues, size=n_act):
            vx, vy = np.unravel_index(venue, model.nb.shape)
            close, z = near_and_pull(rs.x, rs.y, int(vx), int(vy), self.radius, rs.state, rs.awareness, rs.support,
                                     rs.fatigue)
            if not len(close):
                continue
            willing = close[rng.random(len(close)) < sigmoid(z)]
            if len(willing) > self.size:
                willing = rng.choice(willing, size=self.size, replace=False)
            rs.participating[willing] = np.maximum(rs.participating[willing], float(self.memory))
            rs.awareness[willing] += 0.1 * (1.0 - rs.awareness[willing])
            model.network.strengthen_among(willing, model.p["tie_activity_gain"])
            if self.goal == "broad":  # the 5 × 5 cells around the venue, clipped at the wijk's edge
                model.nb.litter[max(0, vx - 2): vx + 3, max(0, vy - 2): vy + 3] *= 1.0 - self.cleanup
            else:
                rs.report_focus[willing] = np.maximum(rs.report_focus[willing], self.focus)


class BestPersons(Intervention):
    """Best persons: residents who become contact points between neighbours and partners (source 004).

    Chosen among active households with the most ties. The role raises their utility of being active
    (``coordinator_commitment``), so they become and stay active through the decision rule; they give
    households around them community support (capped) and real access: complaints they relay are
    not referred on. A coordinator who burns out (fatigue above ``burnout``) stops.

    Repeated: *extend* — the same coordinators stay (open-ended: nothing changes); choosing new ones
    would drop the people the neighbours know.
    """

    type: Literal["best_persons"] = "best_persons"
    shown: ClassVar[tuple[str, ...]] = ("count", "per_1000")
    buttons: ClassVar[dict[str, dict[str, Any]]] = {"best_persons": {"per_1000": 7.0}}  # 6 in 890 households
    count: WholeNumber | None = Field(4, ge=1, le=1000, description="number of coordinators (none: per_1000)")
    per_1000: Number | None = Field(None, gt=0, le=100, description="coordinators per 1,000 households (instead "
                                    "of count; resolved when it starts, rounded, at least 1)")
    burnout: Number = Field(0.8, ge=0, le=1, description="fatigue at which a coordinator stops")
    on_repeat: ClassVar[Literal["extend", "replace"]] = "extend"

    @model_validator(mode="after")
    def _one_reach(self) -> BestPersons:
        one_reach(self, "count", "per_1000")
        return self

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return without_unset(handler(self), "per_1000")

    def begin(self, model: WijkModel) -> None:
        rs = model.residents
        rng = model.streams.week("coordinators", model.week)
        score = model.network.strength() + 2.0 * (rs.state == ACTIVE) + rng.random(rs.n) * 0.5
        score[rs.coordinator] = -np.inf
        wanted = int(self.count or 0) if self.per_1000 is None else max(1, round(per_households(self.per_1000, rs.n)))
        k = min(wanted, rs.n)
        self._chosen = np.argsort(-score)[:k]
        rs.coordinator[self._chosen] = True  # the role raises their utility of being active (decision)
        if model.p["coordinator_commitment"] < 0:
            rs.state[self._chosen] = ACTIVE  # the older rule: best persons are assigned active
        model.programmes.append(self)

    def weekly(self, model: WijkModel) -> None:
        rs = model.residents
        tired = self._chosen[rs.fatigue[self._chosen] > self.burnout]
        rs.coordinator[tired] = False

    def end(self, model: WijkModel) -> None:
        super().end(model)
        model.residents.coordinator[self._chosen] = False


class Collaboration(Intervention):
    """Change how the partners work together: blame-shifting or mutual support, and how well.

    Repeated: *replace* (as every lever-setting intervention: police feedback, patrol strategy,
    maintenance) — the newest claim on a lever wins, so a repeat click makes this choice the newest
    again, e.g. after "blame-shifting" was clicked in between; its value is set, never added up.
    """

    type: Literal["collaboration"] = "collaboration"
    shown: ClassVar[tuple[str, ...]] = ("mode", "cooperation")
    buttons: ClassVar[dict[str, dict[str, Any]]] = {
        "mutual_support": {"mode": "mutual_support", "cooperation": 0.8},
        "blame_shifting": {"mode": "blame_shifting", "cooperation": 0.3},
    }
    mode: Literal["blame_shifting", "mutual_support"] = "mutual_support"
    cooperation: Number | None = Field(None, ge=0, le=1, description="cooperation level (none: unchanged)")
    on_repeat: ClassVar[Literal["extend", "replace"]] = "replace"
    levers: ClassVar[tuple[str, ...]] = ("collaboration", "cooperation")

    def begin(self, model: WijkModel) -> None:
        self.claim(model, "collaboration", self.mode)
        if self.cooperation is not None:
            self.claim(model, "cooperation", self.cooperation)


class CollectiveImpact(Intervention):
    """Collective Impact in four phases (source 002; Kania & Kramer 2011).

    *relations* (build relations: continuous communication, a common agenda; cooperation rises),
    *roles* (divide roles: mutual support instead of referral, the police give feedback, the
    municipality backs the corporation), *pace* (find each other's pace: shared measurement targets
    patrols and maintenance), *cycle* (build a cycle: learning keeps raising cooperation; the
    backbone is in place). Phases only move levers; no budget is added.

    Repeated: *extend* — open-ended, so nothing changes; replacing it would restart the phases and
    throw away the conditions already built.
    """

    type: Literal["collective_impact"] = "collective_impact"
    shown: ClassVar[tuple[str, ...]] = ("target_cooperation",)
    buttons: ClassVar[dict[str, dict[str, Any]]] = {"collective_impact": {}}
    relations: WholeNumber = Field(26, ge=1, le=520, description="weeks of the relations phase")
    roles: WholeNumber = Field(26, ge=1, le=520, description="weeks of the roles phase")
    pace: WholeNumber = Field(26, ge=1, le=520, description="weeks of the pace phase")
    cycle: WholeNumber = Field(52, ge=1, le=520, description="weeks of the cycle phase (then it continues)")
    target_cooperation: Number = Field(0.9, ge=0, le=1, description="cooperation reached at the end of the cycle")
    municipal_support: Number = Field(0.3, ge=0, le=1, description="municipal capacity share lent once roles divided")
    levers: ClassVar[tuple[str, ...]] = ("collaboration", "cooperation", "police_feedback", "shared_measurement",
                                         "municipal_support")

    def begin(self, model: WijkModel) -> None:
        self._conditions = {"common_agenda": False, "shared_measurement": False, "mutually_reinforcing": False,
                           "continuous_communication": False, "backbone": False}
        self._start_coop = model.p["cooperation"]
        self._elapsed = 0
        model.programmes.append(self)

    @property
    def conditions(self) -> dict[str, bool]:
        """Kania & Kramer's five conditions, as far as the phases have built them."""
        return dict(getattr(self, "_conditions", {}))

    def phase(self) -> str:
        """The current phase: relations, roles, pace or cycle."""
        e = self._elapsed
        for name, length in (("relations", self.relations), ("roles", self.roles), ("pace", self.pace)):
            if e < length:
                return name
            e -= length
        return "cycle"

    def weekly(self, model: WijkModel) -> None:
        self._elapsed += 1
        total = self.relations + self.roles + self.pace + self.cycle
        frac = min(1.0, self._elapsed / total)
        self.claim(model, "cooperation", max(self.claimed(model, "cooperation"), self._start_coop
                                             + (self.target_cooperation - self._start_coop) * frac))
        phase = self.phase()
        c = self._conditions
        c["common_agenda"] = c["continuous_communication"] = True
        if phase in ("roles", "pace", "cycle") and not c["mutually_reinforcing"]:
            c["mutually_reinforcing"] = True
            self.claim(model, "collaboration", "mutual_support")
            self.claim(model, "police_feedback", True)
            self.claim(model, "municipal_support", max(self.claimed(model, "municipal_support"),
                                                       self.municipal_support))
            model.log_event(self.type, PHASE, phase="roles")
        if phase in ("pace", "cycle") and not c["shared_measurement"]:
            c["shared_measurement"] = True
            self.claim(model, "shared_measurement", True)
            model.log_event(self.type, PHASE, phase="pace")
        if phase == "cycle" and not c["backbone"]:
            c["backbone"] = True
            model.log_event(self.type, PHASE, phase="cycle")


class PoliceFeedback(Intervention):
    """Reporters hear back what was done with their report (real access; Sjoberg et al. 2017)."""

    type: Literal["police_feedback"] = "police_feedback"
    shown: ClassVar[tuple[str, ...]] = ("enabled",)
    buttons: ClassVar[dict[str, dict[str, Any]]] = {"police_feedback": {"enabled": True}}
    enabled: Flag = True
    on_repeat: ClassVar[Literal["extend", "replace"]] = "replace"
    levers: ClassVar[tuple[str, ...]] = ("police_feedback",)

    def begin(self, model: WijkModel) -> None:
        self.claim(model, "police_feedback", self.enabled)


class PatrolStrategy(Intervention):
    """Change where patrols go: random, hotspots by reports, or community policing with fixed faces."""

    type: Literal["patrol_strategy"] = "patrol_strategy"
    shown: ClassVar[tuple[str, ...]] = ("strategy",)
    buttons: ClassVar[dict[str, dict[str, Any]]] = {"community_policing": {"strategy": "community"}}
    strategy: Literal["random", "hotspot", "community"] = "community"
    on_repeat: ClassVar[Literal["extend", "replace"]] = "replace"
    levers: ClassVar[tuple[str, ...]] = ("patrol_strategy",)

    def begin(self, model: WijkModel) -> None:
        self.claim(model, "patrol_strategy", self.strategy)


class Maintenance(Intervention):
    """Change maintenance capacity and the municipality's support to the corporation (pruning, locks)."""

    type: Literal["maintenance"] = "maintenance"
    shown: ClassVar[tuple[str, ...]] = ("capacity", "municipal_support")
    buttons: ClassVar[dict[str, dict[str, Any]]] = {"maintenance": {"capacity": 15.0, "municipal_support": 0.4}}
    capacity: Number | None = Field(None, ge=0, le=100, description="corporation jobs/week/1000 households")
    municipal_support: Number | None = Field(None, ge=0, le=1, description="share of municipal capacity lent")
    on_repeat: ClassVar[Literal["extend", "replace"]] = "replace"
    levers: ClassVar[tuple[str, ...]] = ("maintenance_capacity", "municipal_support")

    def begin(self, model: WijkModel) -> None:
        if self.capacity is not None:
            self.claim(model, "maintenance_capacity", self.capacity)
        if self.municipal_support is not None:
            self.claim(model, "municipal_support", self.municipal_support)


#: the one table of intervention types: type -> class. Scenario files, the validator, the live buttons
#: (:func:`live_buttons`) and the texts (:mod:`wijksim.text.interventions`, keyed by it) all follow it. In
#: the order of the explorer's buttons: the programmes and levers first, the exogenous shock last.
INTERVENTIONS: dict[str, type[Intervention]] = {
    cls.model_fields["type"].default: cls
    for cls in cast(tuple[type[Intervention], ...], (
        CommunityActivities, InformationCampaign, BestPersons, Collaboration, CollectiveImpact, PoliceFeedback,
        PatrolStrategy, Maintenance, *YOUTH_INTERVENTIONS, CrimeWave))
}

if TYPE_CHECKING:
    InterventionSpec = Intervention
else:  # a discriminated union of the table's classes: a scenario entry validates as its ``type`` says
    InterventionSpec = Annotated[Union[tuple(INTERVENTIONS.values())], Field(discriminator="type")]  # noqa: UP007


def live_buttons() -> dict[str, dict[str, Any]]:
    """The explorer's start buttons: key -> the spec a click starts (``type`` included; start omitted =
    next week), from each class's ``buttons`` in the table's order."""
    return {key: {"type": kind, **spec} for kind, cls in INTERVENTIONS.items() for key, spec in cls.buttons.items()}


def make(spec: dict[str, Any]) -> Intervention:
    """Build an intervention from a dict like ``{"type": "crime_wave", "start": 20, "multiplier": 3}``."""
    kind = spec.get("type")
    if kind not in INTERVENTIONS:
        raise ValueError(f"unknown intervention type {kind!r}: allowed {', '.join(INTERVENTIONS)}")
    return INTERVENTIONS[kind].model_validate(spec)

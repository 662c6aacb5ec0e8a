"""The room's decision table: each role's decisions, their options, and what each option sets or starts.

Every option maps onto something the model already has (``wijksim.interventions.INTERVENTIONS`` or a
registry parameter); nothing here adds a mechanism. Where the room offers a lever the model does not have
as such, the option is mapped to the nearest existing one and :attr:`Option.sets` says so (the trainers'
guide prints this table).

The first option of every decision is ``usual`` ("as usual"): the model's own rule, which sets nothing,
so the scenario's value stays. An empty seat plays ``usual`` everywhere, and so does a seat that never
chose; a seat that chose once keeps its last choice.

Two decisions share one lever: police and corporation both "take up or refer complaints", but the model
has one collaboration mode for all partners (``collaboration``, ``cooperation``). Each partner's option
stands for a mode and a cooperation level (refer: blame-shifting at 0.3, take up: mutual support at 0.8,
usual: the scenario's own); the room starts one ``collaboration`` intervention with mutual support only if
both partners take up, and the mean of the two cooperation levels. Both refer is exactly the explorer's
blame-shifting button, both take up exactly its mutual-support button.

Resident seats (two to six) play one block's residents together: an option's strength is the number of
seats that chose it (``n`` of ``seats``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..interventions import (
    BestPersons,
    Collaboration,
    CommunityActivities,
    InformationCampaign,
    Intervention,
    Maintenance,
    PatrolStrategy,
    PoliceFeedback,
)

USUAL = "usual"
ROLES: tuple[str, ...] = ("police", "municipality", "corporation", "residents")
RESIDENT_SEATS = (2, 6)  # allowed number of resident seats
#: what the two collaboration options stand for: (mode, cooperation), the explorer's two buttons
REFER = ("blame_shifting", 0.3)
TAKE_UP = ("mutual_support", 0.8)
ACTIVITIES_PER_SEAT = 0.5  # residents' own activities per week per seat that joins
APP_REACH_PER_SEAT = 0.1  # share of households an app group reaches per seat that starts one
REPORT_LOGIT_PER_SEAT = 1.0  # change of report_base (logit) when every seat reports (or stays out)

ROLE_LABELS: dict[str, tuple[str, str]] = {
    "police": ("Police", "Politie"),
    "municipality": ("Municipality", "Gemeente"),
    "corporation": ("Housing corporation", "Woningcorporatie"),
    "residents": ("Residents of one block", "Bewoners van één blok"),
}


@dataclass(frozen=True)
class Option:
    """One option of a decision: its key, its words, and what it sets or starts (the guide's table)."""

    key: str
    en: str
    nl: str
    sets: str  # what the option does in the model, in English (the table in the guides)
    starts: type[Intervention] | None = None  # the intervention it starts, if any (a class of INTERVENTIONS)
    fields: dict[str, Any] = field(default_factory=dict)  # that intervention's fields
    params: dict[str, Any] = field(default_factory=dict)  # registry parameters it sets, if any

    @property
    def spec(self) -> dict[str, Any] | None:
        """What it starts as an intervention spec (``interventions.make``), or None."""
        return None if self.starts is None else {"type": self.starts.model_fields["type"].default, **self.fields}


@dataclass(frozen=True)
class Decision:
    """One decision of a role, with its options (the first is ``usual``)."""

    role: str
    key: str
    en: str
    nl: str
    options: tuple[Option, ...]

    def option(self, key: str) -> Option:
        return next(o for o in self.options if o.key == key)

    @property
    def keys(self) -> list[str]:
        return [o.key for o in self.options]


def _usual(what: str) -> Option:
    return Option(USUAL, "As usual", "Zoals altijd", f"nothing: the scenario's own {what} stays")


def _complaints(role: str) -> Decision:
    return Decision(role, "complaints", "Take up or refer complaints", "Klachten oppakken of doorverwijzen", (
        _usual("collaboration mode and cooperation"),
        Option("refer", "Refer them on", "Doorverwijzen",
               "collaboration: blame-shifting, cooperation 0.3 (shared with the other partner: one "
               "collaboration intervention, mode mutual support only if both take up, cooperation their mean)",
               Collaboration, {"mode": REFER[0], "cooperation": REFER[1]}),
        Option("take_up", "Take them up", "Oppakken",
               "collaboration: mutual support, cooperation 0.8 (shared with the other partner, as above)",
               Collaboration, {"mode": TAKE_UP[0], "cooperation": TAKE_UP[1]}),
    ))


DECISIONS: tuple[Decision, ...] = (
    Decision("police", "feedback", "Feedback on reports", "Terugkoppeling op meldingen", (
        _usual("police_feedback"),
        Option("give", "Give feedback", "Terugkoppelen", "police_feedback intervention: police_feedback = true",
               PoliceFeedback, {"enabled": True}),
    )),
    Decision("police", "patrol", "Patrol strategy", "Surveillance", (
        _usual("patrol_strategy"),
        *(Option(s, en, nl, f"patrol_strategy intervention: patrol_strategy = {s}",
                 PatrolStrategy, {"strategy": s})
          for s, en, nl in (("random", "Random", "Willekeurig"), ("hotspot", "Hotspots", "Hotspots"),
                            ("community", "Community policing (fixed faces)", "Wijkgericht (vaste gezichten)"))),
    )),
    _complaints("police"),
    Decision("municipality", "lend", "Lend capacity to the corporation", "Capaciteit lenen aan de corporatie", (
        _usual("municipal_support"),
        Option("lend", "Lend capacity", "Capaciteit lenen",
               "maintenance intervention: municipal_support = 0.4 (pruning, locks; under blame-shifting only "
               "cooperation times that is lent)", Maintenance, {"municipal_support": 0.4}),
    )),
    Decision("municipality", "activities", "Fund activities", "Activiteiten financieren", (
        _usual("programme (none)"),
        Option("broad", "Broad activities (clean-ups, a party)", "Brede activiteiten (opruimen, buurtfeest)",
               "community_activities intervention: goal broad, 2 per week",
               CommunityActivities, {"goal": "broad", "per_week": 2.0}),
        Option("narrow", "Meetings about reporting nuisance", "Bijeenkomsten over overlast melden",
               "community_activities intervention: goal narrow, 2 per week",
               CommunityActivities, {"goal": "narrow", "per_week": 2.0}),
    )),
    Decision("municipality", "voorlichting", "Information (voorlichting)", "Voorlichting", (
        _usual("campaign (none)"),
        Option("flyers", "Flyers", "Folders",
               "information_campaign intervention: channel flyer, no action perspective",
               InformationCampaign, {"channel": "flyer", "action_perspective": False}),
        Option("community", "The community's own channel", "Het eigen kanaal van de buurt",
               "information_campaign intervention: channel community, with an action perspective",
               InformationCampaign, {"channel": "community", "action_perspective": True}),
    )),
    Decision("municipality", "best_persons", "Appoint best persons", "Beste buren aanstellen", (
        _usual("coordinators (none)"),
        Option("appoint", "Appoint six", "Zes aanstellen", "best_persons intervention: 6 coordinators",
               BestPersons, {"count": 6}),
    )),
    Decision("corporation", "maintenance", "What maintenance comes first", "Welk onderhoud eerst", (
        _usual("routine_share"),
        Option("rounds_first", "Routine rounds first", "Vaste rondes eerst",
               "parameter routine_share = 0.8 (nearest lever: the model has no per-job priority)",
               params={"routine_share": 0.8}),
        Option("complaints_first", "Complaints first", "Klachten eerst",
               "parameter routine_share = 0.2 (nearest lever, as above)", params={"routine_share": 0.2}),
    )),
    _complaints("corporation"),
    Decision("residents", "activity", "Join an activity", "Meedoen aan een activiteit", (
        _usual("programme (none)"),
        Option("join", "Join", "Meedoen",
               f"community_activities intervention: goal broad, {ACTIVITIES_PER_SEAT} per week per seat that "
               "joins (nearest lever: households' own willingness to join is the model's rule)",
               CommunityActivities, {"goal": "broad"}),
    )),
    Decision("residents", "app_group", "Start a neighbourhood app group", "Een buurtappgroep beginnen", (
        _usual("campaign (none)"),
        Option("start", "Start one", "Beginnen",
               f"information_campaign intervention: channel community with an action perspective, reach "
               f"{APP_REACH_PER_SEAT} per seat that starts (nearest lever: the model has no app group)",
               InformationCampaign, {"channel": "community", "action_perspective": True}),
    )),
    Decision("residents", "reporting", "Report or stay out of it", "Melden of erbuiten blijven", (
        _usual("report_base"),
        Option("report", "Report", "Melden",
               f"parameter report_base + {REPORT_LOGIT_PER_SEAT} x (seats that report - seats that stay out) "
               "/ seats (logit of reporting a witnessed incident)"),
        Option("stay_out", "Stay out of it", "Erbuiten blijven", "parameter report_base, as above (lowered)"),
    )),
)

BY_ROLE: dict[str, dict[str, Decision]] = {r: {d.key: d for d in DECISIONS if d.role == r} for r in ROLES}
#: the parameters the room sets directly (restored to the scenario's value under ``usual``)
ROOM_PARAMS: tuple[str, ...] = ("routine_share", "report_base")


def role_label(role: str, lang: str = "en") -> str:
    """A role's name in ``lang``."""
    en, nl = ROLE_LABELS[role]
    return nl if lang == "nl" else en


def decision_label(role: str, decision: str, lang: str = "en") -> str:
    """A decision's words in ``lang``."""
    d = BY_ROLE[role][decision]
    return d.nl if lang == "nl" else d.en


def option_label(role: str, decision: str, option: str, lang: str = "en") -> str:
    """An option's words in ``lang``."""
    o = BY_ROLE[role][decision].option(option)
    return o.nl if lang == "nl" else o.en


def defaults(role: str) -> dict[str, str]:
    """A seat's choices before it chooses (and an empty seat's): ``usual`` for every decision."""
    return {d: USUAL for d in BY_ROLE[role]}


def table() -> list[dict[str, str]]:
    """The decision table as rows (role, decision, option, sets): what the guides print."""
    return [{"role": d.role, "decision": d.key, "option": o.key, "sets": o.sets} for d in DECISIONS for o in d.options]

"""The one parameter registry.

Every model parameter is declared here once, with its type, default, allowed range, unit, a one-line
meaning and the group it belongs to. The command line (`--set name=value`), the scenario files
(`[params]`), the sweep designs, the EMA Workbench adapter, the browser UI and the ODD parameter table
all read this registry, so a default or a range can never disagree between them.

Values are validated by :func:`validate`, which raises :class:`ParamError` with one line naming the
parameter, the offending value and the allowed range.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .params_nl import NL, range_facts
from .text.messages import attach, error

Kind = Literal["float", "int", "bool", "choice"]


class ParamError(ValueError):
    """A parameter name or value that the registry does not accept (one clear line)."""


@dataclass(frozen=True)
class Param:
    """One model parameter: what it is, its default and what values it may take."""

    name: str
    kind: Kind
    default: Any
    meaning: str
    unit: str = "-"
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    group: str = "general"
    source: str = ""
    ui: bool = True  # shown as a control in the browser UI
    label_nl: str = ""  # the control's label in Dutch, next to the English (texts: :mod:`wijksim.params_nl`)
    meaning_nl: str = ""  # the meaning in Dutch
    #: a structural constant of a mechanism (a weight, a radius, a share in a formula), not a lever: swept
    advanced: bool = False  # and calibrated like any parameter, but hidden by default in the UI

    def range_text(self) -> str:
        """Human-readable allowed range, used in every error message and in the docs."""
        if self.kind == "bool":
            return "true or false"
        if self.kind == "choice":
            return "one of " + ", ".join(repr(c) for c in self.choices)
        return f"{self.low:g} to {self.high:g}" + ("" if self.kind == "float" else " (whole number)")


def _p(name: str, kind: Kind, default: Any, meaning: str, unit: str = "-", low: float | None = None,
       high: float | None = None, choices: Iterable[str] = (), group: str = "general", source: str = "",
       ui: bool = True, advanced: bool = False) -> Param:
    label_nl, meaning_nl = NL.get(name, ("", ""))
    return Param(name, kind, default, meaning, unit, low, high, tuple(choices), group, source, ui, label_nl,
                 meaning_nl, advanced)


def _a(name: str, kind: Kind, default: Any, meaning: str, unit: str, low: float, high: float, group: str,
       source: str = "calibration (structural assumption, docs/design-notes.md)") -> Param:
    """An advanced parameter (see :attr:`Param.advanced`)."""
    return _p(name, kind, default, meaning, unit, low, high, group=group, source=source, advanced=True)


_REGISTRY: list[Param] = [
    # --- run -------------------------------------------------------------------------------------
    _p("burn_in", "int", 260, "weeks simulated (and not recorded) before week 1, so runs start near a steady state "
       "(ties, damage backlog and locks settle over years; after 78 weeks withdrawn still drifted +11 % from year 1 "
       "to year 3)", "weeks", 0, 1040, group="run", ui=False),
    # --- neighbourhood layout ----------------------------------------------------------------------
    _p("width", "int", 40, "grid width", "cells (≈ 15 m)", 10, 400, group="layout"),
    _p("height", "int", 40, "grid height", "cells (≈ 15 m)", 10, 400, group="layout"),
    _p("block_size", "int", 6, "side of a building block between streets", "cells", 4, 12, group="layout"),
    _p("share_corporation", "float", 0.5, "share of dwelling blocks owned by the housing corporation",
       "fraction", 0, 1, group="layout"),
    _p("share_courtyard", "float", 0.35, "share of dwelling blocks built around a courtyard (hofje)",
       "fraction", 0, 1, group="layout", source="001 (hofjes)"),
    _p("share_green", "float", 0.12, "share of blocks that are public green with bushes", "fraction", 0, 0.6,
       group="layout"),
    _p("initial_bushes", "float", 0.45, "initial overgrowth of bushes on green cells", "0-1", 0, 1, group="layout"),
    _p("initial_hardening", "float", 0.5, "initial quality of locks and doors on dwellings", "0-1", 0, 1,
       group="layout"),
    # --- social network ---------------------------------------------------------------------------
    _p("tie_radius", "int", 2, "distance within which neighbours can know each other", "cells", 1, 5, group="network"),
    _p("mean_degree", "float", 6.0, "mean number of social ties per household", "ties", 1, 20, group="network"),
    _p("courtyard_tie_factor", "float", 3.0, "how much likelier a tie is between two households of one courtyard",
       "ratio", 1, 10, group="network", source="001 (hofjes, positive social control)"),
    _p("share_distant_ties", "float", 0.1, "share of ties to households elsewhere in the wijk (small world)",
       "fraction", 0, 0.5, group="network"),
    _p("max_degree", "int", 24, "cap on potential ties per household (keeps cohesion from saturating)",
       "ties", 4, 60, group="network", ui=False),
    _p("initial_tie_strength", "float", 0.5, "mean initial strength of an existing tie", "0-1", 0.05, 1,
       group="network"),
    # --- residents --------------------------------------------------------------------------------
    _p("initial_share_active", "float", 0.15, "share of residents active at the start", "fraction", 0, 1,
       group="residents"),
    _p("initial_share_withdrawn", "float", 0.12, "share of residents withdrawn at the start", "fraction", 0, 1,
       group="residents"),
    _p("fear_sensitivity_sigma", "float", 1.0, "spread (lognormal sigma) of residents' sensitivity to threats",
       "-", 0, 1.5, group="residents", source="Prieto Curiel & Bishop 2017"),
    _p("trust_baseline", "float", 0.5, "trust in each partner that residents relax towards", "0-1", 0, 1,
       group="residents"),
    _p("trust_relax_weeks", "float", 35.0, "time scale on which trust relaxes towards its baseline", "weeks",
       5, 200, group="residents"),
    # --- presence (time out in public space) -----------------------------------------------------
    _p("presence_base", "float", -0.4, "logit of a passive resident's share of time out nearby", "logit", -4, 2,
       group="presence"),
    _p("presence_active", "float", 0.7, "extra logit of time out for an active resident", "logit", 0, 3,
       group="presence"),
    _p("presence_withdrawn", "float", 1.8, "logit less time out for a withdrawn resident", "logit", 0, 4,
       group="presence"),
    _p("presence_fear", "float", 1.0, "logit less time out per unit fear", "logit", 0, 4, group="presence"),
    _p("presence_disorder", "float", 1.2, "logit less time out per unit disorder and bushes near home", "logit",
       0, 4, group="presence", source="Branas et al. 2018"),
    _p("presence_participation", "float", 0.8, "extra logit of time out while taking part in activities", "logit",
       0, 3, group="presence"),
    # --- guardianship -----------------------------------------------------------------------------
    _p("guardianship_radius", "int", 2, "how far residents' eyes on the street reach", "cells", 1, 5,
       group="guardianship"),
    _p("kappa_residents", "float", 0.4, "guardianship per present resident-equivalent nearby", "1/person", 0, 5,
       group="guardianship", source="calibrated: baseline eyes leave room for what active residents add"),
    _p("kappa_patrol", "float", 1.0, "guardianship per patrol unit nearby", "1/unit", 0, 10,
       group="guardianship"),
    _p("vigilance_active", "float", 5.0, "how much more vigilant an active resident is than a passive one (watches, "
       "alerts the network, reports quickly)", "ratio", 1, 10, group="guardianship",
       source="Bennett, Holloway & Farrington 2008; Akkermans & Vollaard 2015"),
    _p("bush_sightline", "float", 0.7, "share of sight lost at a fully overgrown cell", "fraction", 0, 1,
       group="guardianship"),
    _p("guardianship_effect", "float", 0.7, "share of offending prevented by full guardianship", "fraction", 0, 1,
       group="guardianship", source="routine activity theory"),
    # --- incidents --------------------------------------------------------------------------------
    _p("crime_rate", "float", 1.0, "multiplier on all base incident rates", "x", 0, 10, group="incidents"),
    _p("rate_nuisance", "float", 0.0105, "base weekly nuisance rate per public or dwelling cell", "1/week", 0, 0.5,
       group="incidents"),
    _p("rate_burglary", "float", 0.0009, "base weekly burglary rate per dwelling", "1/week", 0, 0.1,
       group="incidents"),
    _p("rate_street", "float", 0.004, "base weekly street-crime rate per public cell", "1/week", 0, 0.2,
       group="incidents"),
    _p("offender_capacity", "float", 4.0, "multiplier at which offending saturates (offenders are finite)", "x",
       1, 50, group="incidents"),
    _p("disorder_attraction", "float", 1.0, "extra nuisance per unit disorder (1 = doubles at full disorder)",
       "ratio", 0, 5, group="incidents", source="Keizer et al. 2008"),
    _p("bush_attraction", "float", 1.0, "extra street crime per unit bush overgrowth", "ratio", 0, 5,
       group="incidents"),
    _p("risk_boost", "float", 10.0, "attractiveness added at a cell by an unguarded incident", "-", 0, 30,
       group="incidents", source="Short et al. 2008; Johnson et al. 2007"),
    _p("risk_decay", "float", 0.35, "weekly decay of the attractiveness (near-repeat) field", "1/week", 0.01, 1,
       group="incidents"),
    _p("risk_spread", "float", 0.3, "weekly share of attractiveness that spreads to the 8 neighbouring cells",
       "fraction", 0, 1, group="incidents"),
    # --- disorder and maintenance -----------------------------------------------------------------
    _p("litter_per_nuisance", "float", 0.15, "litter added to a cell by a nuisance incident", "0-1", 0, 1,
       group="disorder"),
    _p("damage_per_nuisance", "float", 0.2, "expected damage (graffiti, broken lights) per nuisance incident",
       "0-1", 0, 1, group="disorder"),
    _p("damage_wear", "float", 0.0025, "weekly wear and tear (broken lights, graffiti) on every cell", "1/week",
       0, 0.1, group="disorder"),
    _p("lock_wear", "float", 0.002, "weekly share of lock and door quality lost to wear", "1/week", 0, 0.1,
       group="disorder"),
    _p("litter_decay", "float", 0.05, "weekly share of litter that fades by itself", "1/week", 0, 1,
       group="disorder"),
    _p("tidy_rate", "float", 0.08, "weekly share of litter tidied per active resident-equivalent nearby",
       "1/week", 0, 1, group="disorder"),
    _p("bush_growth", "float", 0.005, "weekly regrowth of bushes on green cells", "1/week", 0, 0.1,
       group="disorder"),
    _p("maintenance_capacity", "float", 6.0, "housing corporation repairs per week per 1000 households",
       "jobs/week/1000 hh", 0, 100, group="partners"),
    _p("municipal_capacity", "float", 4.0, "municipal maintenance jobs on public space per week per 1000 households",
       "jobs/week/1000 hh", 0, 100, group="partners"),
    _p("municipal_support", "float", 0.0, "share of municipal capacity lent to the corporation (pruning, locks)",
       "fraction", 0, 1, group="partners", source="002 (municipality helps prune)"),
    _p("routine_share", "float", 0.5, "share of maintenance capacity spent on routine rounds, not complaints",
       "fraction", 0, 1, group="partners"),
    # --- police -----------------------------------------------------------------------------------
    _p("patrols_per_1000", "float", 2.0, "police patrol units per 1000 households", "units/1000 hh", 0, 20,
       group="police"),
    _p("patrol_strategy", "choice", "hotspot", "how patrols choose where to be",
       choices=("random", "hotspot", "community"), group="police", source="Pate et al. 1986"),
    _p("police_capacity", "float", 3.0, "reports the police can follow up per week per 1000 households",
       "reports/week/1000 hh", 0, 200, group="police"),
    _p("police_feedback", "bool", False, "does a reporter hear back what was done with the report?",
       group="police", source="002 (real access: feedback on reports); Sjoberg et al. 2017"),
    _p("feedback_trust_gain", "float", 0.12, "trust gained by a report that got feedback", "0-1", 0, 1,
       group="police"),
    _p("feedback_visible_gain", "float", 0.4, "trust in the police gained (once a week) by households living near a "
       "followed-up incident when the police give feedback: the result is seen beyond the reporter; 0 = reporters "
       "only", "0-1", 0, 1, group="police", source="Veiligheidsmonitor 2009 ('won't help anyway', 36 %); "
       "Sjoberg, Mellon & Peixoto 2017"),
    _p("silence_trust_loss", "float", 0.04, "trust lost by a report or complaint met with silence", "0-1", 0, 1,
       group="police"),
    _p("trust_gossip", "float", 0.3, "share of a reporter's trust change in the police passed on to each tie",
       "fraction", 0, 1, group="police", source="Sjoberg et al. 2017; Veiligheidsmonitor ('won't help anyway')"),
    _p("community_policing_trust", "float", 0.01, "weekly trust gained from a fixed-face patrol nearby", "0-1",
       0, 0.2, group="police"),
    # --- partners ---------------------------------------------------------------------------------
    _p("collaboration", "choice", "blame_shifting", "how police, municipality and housing corporation work together",
       choices=("blame_shifting", "mutual_support"), group="partners", source="002 (elkaar aanwijzen)"),
    _p("cooperation", "float", 0.5, "cooperation level between the partners", "0-1", 0, 1, group="partners",
       source="000, 003, 004"),
    _p("shared_measurement", "bool", False, "do partners target maintenance and patrols with a shared incident map?",
       group="partners", source="Kania & Kramer 2011"),
    _p("referral_trust_loss", "float", 0.08, "trust lost in both partners when a complaint is referred on", "0-1",
       0, 1, group="partners", source="002"),
    _p("trust_spillover", "float", 0.5, "share of a trust change spilling to the other partners under mutual support",
       "fraction", 0, 1, group="partners"),
    # --- witnessing and reporting -------------------------------------------------------------------
    _p("witness_radius", "int", 2, "distance within which present residents can witness an incident", "cells",
       0, 5, group="reporting"),
    _p("p_witness", "float", 0.25, "chance that a present resident nearby sees an incident", "probability", 0, 1,
       group="reporting"),
    _p("report_base", "float", 0.05, "logit of reporting a witnessed incident for a passive resident at trust ½",
       "logit", -6, 3, group="reporting", source="CBS 2017 (34 % reported)"),
    _p("report_trust", "float", 2.5, "logit of reporting per unit trust in the police", "logit", 0, 8,
       group="reporting", source="Veiligheidsmonitor 2009 ('won't help anyway')"),
    _p("report_active", "float", 0.8, "extra logit of reporting for an active resident", "logit", 0, 3,
       group="reporting"),
    _p("report_withdrawn", "float", 1.2, "logit less reporting for a withdrawn resident", "logit", 0, 4,
       group="reporting"),
    _p("report_victim", "float", 1.2, "extra logit of reporting for the victim", "logit", 0, 4, group="reporting"),
    _p("complaint_rate", "float", 0.005, "weekly complaint hazard per unit disorder near home and witnessed incident",
       "1/week", 0, 1, group="reporting"),
    _p("conflict_share", "float", 0.3, "share of nuisance reports that point at a neighbour", "fraction", 0, 1,
       group="reporting", source="001 (a narrow reporting goal created opposition)"),
    _p("conflict_strain", "float", 0.5, "tie strength lost, and trust lost by the neighbour, per report about them",
       "0-1", 0, 1, group="reporting", source="001"),
    # --- fear ------------------------------------------------------------------------------------
    _p("fear_victim", "float", 0.5, "fear gained by being victimised (times sensitivity)", "0-1", 0, 1,
       group="fear"),
    _p("fear_witness", "float", 0.3, "fear gained per witnessed incident", "0-1", 0, 1, group="fear"),
    _p("fear_hear", "float", 0.1, "fear gained per incident heard about from a tie", "0-1", 0, 1, group="fear"),
    _p("fear_disorder", "float", 0.07, "weekly fear gained per unit disorder near home", "1/week", 0, 0.5,
       group="fear", source="Skogan 1990"),
    _p("fear_worry", "float", 0.08, "fear gained from a warning without an action perspective", "0-1", 0, 1,
       group="fear", source="002 (voorlichting)"),
    _p("awareness_without_action", "float", 0.1, "awareness (share of a message's strength) raised by a warning "
       "without an action perspective: it names risks, not what to do", "0-1", 0, 1, group="fear",
       source="002 (voorlichting); Pate et al. 1986"),
    _p("fear_decay", "float", 0.02, "weekly share of fear that fades", "1/week", 0, 1, group="fear"),
    _p("reassure_support", "float", 1.0, "extra fear decay with full community support", "ratio", 0, 5,
       group="fear"),
    _p("reassure_guardianship", "float", 0.5, "extra fear decay with full guardianship at home", "ratio", 0, 5,
       group="fear"),
    _p("unsafe_threshold", "float", 0.39, "fear above which a resident says 'I feel unsafe' in a survey", "0-1",
       0.05, 0.95, group="fear", ui=False),
    _p("gossip_rate", "float", 0.5, "chance per tie per week that a witness tells about an incident",
       "probability", 0, 1, group="fear"),
    # --- decision (bonus/malus) ------------------------------------------------------------------
    _p("p_reconsider", "float", 0.15, "weekly share of residents who reconsider withdraw / stay passive / act",
       "1/week", 0.01, 1, group="decision"),
    _p("b0_active", "float", -1.8, "base utility of being active", "utility", -6, 3, group="decision"),
    _p("b_support", "float", 1.2, "utility of being active per unit community support", "utility", 0, 5,
       group="decision"),
    _p("b_norm", "float", 1.2, "utility of being active per share active around home (the local norm)",
       "utility", 0, 5, group="decision", source="002 (norms are group products)"),
    _p("b_trust", "float", 1.0, "utility of being active per unit trust in partners", "utility", 0, 5,
       group="decision"),
    _p("b_awareness", "float", 1.5, "utility of being active per unit action perspective", "utility", 0, 5,
       group="decision"),
    _p("b_fatigue", "float", 2.0, "disutility of being active per unit fatigue", "utility", 0, 8, group="decision"),
    _p("fear_to_action", "float", 3.0, "utility of being active per unit fear x community support", "utility", 0, 10,
       group="decision", source="002 (onveiligheid in een actieve community -> actie)"),
    _p("w0_withdrawn", "float", -3.0, "base utility of withdrawing", "utility", -6, 3, group="decision"),
    _p("fear_to_withdrawal", "float", 6.0, "utility of withdrawing per unit fear x lack of support", "utility", 0, 10,
       group="decision", source="002 (onveiligheid zonder community -> terugtrekken)"),
    _p("b_norm_withdrawn", "float", 1.0, "utility of withdrawing once withdrawing is the buurt's norm (0: off)",
       "utility", 0, 5, group="decision", source="Granovetter 1978; Cialdini et al. 1990; size as b_norm"),
    _p("withdrawal_norm_threshold", "float", 0.3, "share of the buurt withdrawn above which withdrawing becomes the "
       "norm", "fraction", 0, 1, group="decision", source="Quercia & Galster 2000 (thresholds); level a choice"),
    _a("withdrawal_norm_span", "float", 0.1, "further share withdrawn over which the withdrawal norm grows from "
       "nothing to full strength", "fraction", 0.01, 1, "decision"),
    _a("withdrawal_norm_radius", "int", 40, "radius within which residents read how many households keep to "
       "themselves (a buurt: 40 cells ≈ 600 m)", "cells", 1, 400, "decision"),
    _p("community_split", "bool", True, "does community support split fear between action and withdrawal?",
       group="decision", source="002", ui=False),
    _p("habit", "float", 1.0, "utility bonus for the current state (habit, cost of change)", "utility", 0, 5,
       group="decision"),
    _p("support_scale", "float", 0.4, "weighted share of active ties at which support reaches 63 %", "fraction",
       0.02, 2, group="decision"),
    _p("support_participation", "float", 0.15, "support from recent participation, as a share of active ties",
       "fraction", 0, 1, group="decision", source="001 (joint activities)"),
    _p("coordinator_support", "float", 0.35, "support added by a best person nearby (capped)", "0-1", 0, 1,
       group="decision", source="004 (best persons)"),
    _p("coordinator_commitment", "float", 4.0, "utility of being active added by the role of best person (asked, "
       "expected): they become active through the decision; negative = assigned active (older rule)", "utility",
       -1, 10, group="decision", source="004 (best persons)"),
    _p("attrition", "float", 0.01, "weekly chance that an active resident stops for private reasons", "1/week",
       0, 0.5, group="decision"),
    _p("attrition_crowding", "float", 0.08, "extra weekly attrition per share active around home (diminishing returns)",
       "1/week", 0, 1, group="decision"),
    _p("fatigue_silence", "float", 0.15, "fatigue from a report or complaint met with silence or referral", "0-1",
       0, 1, group="decision"),
    _p("referral_fatigue", "float", 0.15, "extra fatigue from a complaint or report referred on to another partner "
       "(sent from pillar to post); 0 = referral tires like silence", "0-1", 0, 1, group="decision",
       source="002 (residents drop out when partners point at each other)"),
    _p("referral_fatigue_ties", "float", 0.3, "share of a referral's extra fatigue passed to each tie (weighted by "
       "tie strength): the neighbours hear the story", "fraction", 0, 1, group="decision", source="002"),
    _p("fatigue_recovery", "float", 0.04, "weekly share of fatigue that fades", "1/week", 0, 1, group="decision"),
    _p("awareness_decay", "float", 0.02, "weekly share of awareness (action perspective) that fades", "1/week",
       0, 1, group="decision"),
    # --- residential turnover (off by default) ------------------------------------------------------
    _p("turnover", "bool", False, "do households move out and newcomers with weak ties move in? Off by default: on, "
       "cohesion falls to ≈ 5.6 and unsafe to ≈ 14 %, and it gives no tipping region", group="turnover",
       source="Skogan 1990; Sampson, Raudenbush & Earls 1997 (residential stability)", ui=False),
    _a("move_base", "float", 0.0008, "weekly chance that a household moves out for reasons unrelated to the wijk",
       "1/week", 0, 0.05, "turnover", "CBS moving rates (≈ 5-10 % of households a year)"),
    _a("move_fear", "float", 0.003, "extra weekly chance of moving out per unit fear", "1/week", 0, 0.05, "turnover",
       "Skogan 1990"),
    _a("move_withdrawn", "float", 0.002, "extra weekly chance of moving out for a withdrawn household", "1/week",
       0, 0.05, "turnover", "Skogan 1990"),
    _a("newcomer_tie_strength", "float", 0.05, "strength of a newcomer's ties to the dwelling's neighbours (known "
       "by sight); they grow by meeting", "0-1", 0, 1, "turnover", "Sampson, Raudenbush & Earls 1997"),
    # --- cohesion -------------------------------------------------------------------------------
    _p("tie_meet_gain", "float", 0.12, "weekly logistic tie growth per unit of joint time out nearby", "1/week",
       0, 1, group="cohesion"),
    _p("tie_activity_gain", "float", 0.12, "tie strengthening from taking part in the same activity", "0-1", 0, 1,
       group="cohesion", source="001 (joint activities build cohesion)"),
    _p("tie_formation", "float", 0.0015, "weekly chance that two neighbours out at the same time start a tie",
       "1/week", 0, 0.5, group="cohesion"),
    _p("tie_decay", "float", 0.008, "weekly fading of a tie without contact", "1/week", 0, 0.2, group="cohesion"),
    _p("tie_decay_withdrawn", "float", 0.04, "extra weekly fading of ties of a withdrawn household", "1/week",
       0, 0.2, group="cohesion"),
    # --- advanced: the structural constants of the mechanisms (docs/design-notes.md) ---------------
    _a("fear_init_alpha", "float", 1.2, "initial fear ~ Beta(alpha, beta) x scale: alpha", "-", 0.1, 20, "residents"),
    _a("fear_init_beta", "float", 5.0, "initial fear ~ Beta(alpha, beta) x scale: beta", "-", 0.1, 50, "residents"),
    _a("fear_init_scale", "float", 0.6, "initial fear ~ Beta(alpha, beta) x scale: scale for a non-withdrawn household",
       "-", 0, 2, "residents"),
    _a("fear_init_withdrawn", "float", 0.8, "extra initial fear scale for a withdrawn household", "-", 0, 2,
       "residents"),
    _a("trust_init_sd", "float", 0.1, "spread (sd) of households' initial and baseline trust around trust_baseline",
       "0-1", 0, 0.5, "residents"),
    _a("bush_init_sd", "float", 0.15, "spread (sd) of initial overgrowth on green cells", "0-1", 0, 0.5, "layout"),
    _a("courtyard_bush_factor", "float", 0.6, "initial overgrowth in courtyards relative to green", "ratio", 0, 2,
       "layout"),
    _a("courtyard_bush_sd", "float", 0.1, "spread (sd) of initial overgrowth in courtyards", "0-1", 0, 0.5, "layout"),
    _a("hardening_init_sd", "float", 0.15, "spread (sd) of initial lock quality on dwellings", "0-1", 0, 0.5,
       "layout"),
    _a("tie_concentration", "float", 4.0, "concentration of the Beta distribution of initial tie strengths",
       "-", 0.5, 50, "network"),
    _a("min_initial_tie", "float", 0.05, "lowest initial strength of an existing tie", "0-1", 0, 0.5, "network"),
    _a("neglect_bush_weight", "float", 0.5, "weight of bush overgrowth next to disorder in the neglect people see",
       "ratio", 0, 2, "presence"),
    _a("neglect_radius", "int", 2, "radius around home over which neglect (presence, fear) is averaged", "cells",
       0, 5, "presence"),
    _a("burglary_target_factor", "float", 2.0, "burglary hazard of an unlocked dwelling relative to rate_burglary",
       "ratio", 0, 10, "incidents"),
    _a("litter_on_cell_share", "float", 0.5, "share of a nuisance's litter left on its own cell (the rest spreads "
       "over the 3x3 patch)", "fraction", 0, 1, "disorder"),
    _a("share_passer_by", "float", 0.5, "share of street crimes whose victim is a passer-by, not a household nearby",
       "fraction", 0, 1, "reporting"),
    _a("followup_risk_left", "float", 0.5, "share of the risk field left at a cell where police followed up a crime",
       "fraction", 0, 1, "police"),
    _a("feedback_fatigue_kept", "float", 0.5, "share of fatigue left when a report or complaint is answered",
       "fraction", 0, 1, "decision"),
    _a("complaint_disorder_weight", "float", 5.0, "weight of disorder near home against witnessed incidents in the "
       "complaint hazard", "incidents per unit disorder", 0, 20, "reporting"),
    _a("complaint_radius", "int", 1, "radius around home over which disorder drives complaints", "cells", 0, 5,
       "reporting"),
    _a("complaint_will_active", "float", 2.0, "willingness to complain of an active household", "ratio", 0, 5,
       "reporting"),
    _a("complaint_will_passive", "float", 1.0, "willingness to complain of a passive household", "ratio", 0, 5,
       "reporting"),
    _a("complaint_will_withdrawn", "float", 0.15, "willingness to complain of a withdrawn household (given up)",
       "ratio", 0, 5, "reporting"),
    _a("complaint_patience", "int", 6, "weeks a complaint waits before it expires and counts as ignored", "weeks",
       1, 52, "partners"),
    _a("maintenance_job_radius", "int", 1, "radius of the patch one maintenance job works (1: 3x3)", "cells", 0, 3,
       "partners"),
    _a("maintenance_damage_left", "float", 0.2, "share of damage left on a cell after a maintenance job", "fraction",
       0, 1, "partners"),
    _a("maintenance_litter_left", "float", 0.5, "share of litter left on a cell after a maintenance job", "fraction",
       0, 1, "partners"),
    _a("maintenance_bushes_pruned", "float", 0.1, "overgrowth to which a maintenance job prunes bushes", "0-1", 0, 1,
       "partners"),
    _a("maintenance_lock_repair", "float", 0.15, "lock quality a maintenance job adds to a dwelling", "0-1", 0, 1,
       "partners"),
    _a("routine_weight_floor", "float", 0.05, "weight of a quiet cell in routine rounds targeted by the shared map",
       "-", 0, 5, "partners"),
    _a("routine_damage_weight", "float", 5.0, "weight of damage against recent incidents in routine rounds targeted "
       "by the shared map", "incidents per unit damage", 0, 20, "partners"),
    _a("map_memory", "float", 0.8, "weekly share kept of the incident, report and repair maps (patrol and "
       "shared-measurement targeting)", "fraction", 0, 1, "partners"),
    _a("patrol_hotspot_radius", "int", 2, "radius over which hotspot patrols sum the report map", "cells", 0, 5,
       "police"),
    _a("patrol_hotspot_floor", "float", 0.2, "weight of a cell without reports in hotspot patrol choice", "-", 0, 5,
       "police"),
    _a("patrol_beat_range", "int", 2, "how far a community-policing unit walks off its beat", "cells", 0, 5,
       "police"),
    _a("conflict_trust_factor", "float", 0.5, "trust a neighbour reported about loses, as a share of conflict_strain",
       "ratio", 0, 1, "reporting"),
    _a("conflict_behaviour_rate", "float", 0.01, "weekly chance, per unit of nuisance-reporting focus, that a "
       "focused household complains about a neighbour's behaviour", "1/week per logit", 0, 1, "reporting",
       source="001 (the narrow goal created divisions and involved people negatively)"),
    _a("conflict_side", "float", 1.0, "share of conflict_strain that a reported neighbour's tie k, per unit of "
       "w_jk, takes off its own tie to the reporter", "ratio", 0, 5, "reporting",
       source="001; disputes draw in third parties and polarise (Coleman 1957, Community Conflict)"),
    _a("report_focus_decay", "float", 0.05, "weekly share of a narrow-goal reporting focus that fades", "1/week",
       0, 1, "reporting"),
    _a("gossip_victim_weight", "float", 2.0, "how many stories a victim tells per story a witness tells", "ratio",
       0, 10, "fear"),
    _a("fear_exposure_weight", "float", 2.0, "weight of (saturated) witnessing and hearing in the threat", "ratio",
       0, 10, "fear"),
    _a("coordinator_reach", "int", 2, "distance from home within which a best person counts as near", "cells", 0, 5,
       "decision"),
    _a("tie_break_below", "float", 0.02, "tie strength below which a tie breaks (set to zero)", "0-1", 0, 0.5,
       "cohesion"),
    _a("new_tie_strength", "float", 0.1, "strength of a tie neighbours start by meeting in the street", "0-1", 0.01,
       1, "cohesion"),
    _a("distant_meet_factor", "float", 0.3, "how often two distantly tied households meet, relative to neighbours",
       "ratio", 0, 1, "cohesion"),
]

PARAMS: dict[str, Param] = {p.name: p for p in _REGISTRY}

GROUPS: tuple[str, ...] = tuple(dict.fromkeys(p.group for p in _REGISTRY))


def defaults() -> dict[str, Any]:
    """A fresh dict of every parameter at its default."""
    return {p.name: p.default for p in _REGISTRY}


def coerce(name: str, value: Any, source: str | None = None) -> Any:
    """Check one value against the registry and return it in its canonical Python type.

    Strings are accepted (they come from `--set name=value` and UI text fields) and parsed by kind.
    """
    if name not in PARAMS:
        close = [n for n in PARAMS if n.startswith(name[:4])] if name else []
        raise error(ParamError, "unknown_param", source, name=name, close=close[:3])
    p = PARAMS[name]
    bad = error(ParamError, "bad_param", source, name=name, value=repr(value), **range_facts(p))
    if p.kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in {"true", "1", "yes", "on"}:
            return True
        if isinstance(value, str) and value.strip().lower() in {"false", "0", "no", "off"}:
            return False
        if isinstance(value, int | float) and value in (0, 1):
            return bool(value)
        raise bad
    if p.kind == "choice":
        if isinstance(value, str) and value.strip() in p.choices:
            return value.strip()
        raise bad
    if isinstance(value, bool):
        raise bad
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise bad from None
    if not isinstance(value, int | float):
        try:  # numpy scalars
            value = float(value)
        except (TypeError, ValueError):
            raise bad from None
    value = float(value)
    if value != value or value in (float("inf"), float("-inf")):
        raise bad
    if p.kind == "int":
        if value != int(value):
            raise bad
        value = int(value)
    assert p.low is not None and p.high is not None
    if not (p.low <= value <= p.high):
        raise bad
    return value


def validate(values: Mapping[str, Any], source: str | None = None) -> dict[str, Any]:
    """Validate a partial mapping of parameter values; returns the canonical values."""
    return {name: coerce(name, value, source) for name, value in values.items()}


def resolve(values: Mapping[str, Any] | None = None, source: str | None = None) -> dict[str, Any]:
    """Defaults overlaid with validated `values`: the full parameter set of one run."""
    full = defaults()
    full.update(validate(values or {}, source))
    from .validation import inconsistency_problems  # cross-field rules; imports this module, so imported here

    bad = inconsistency_problems(full)
    if bad:
        raise attach(ParamError, bad[0].within(source) if source else bad[0])
    return full


def parse_assignment(text: str, source: str = "--set") -> tuple[str, Any]:
    """Parse a `name=value` assignment from the command line into a validated pair."""
    if "=" not in text:
        raise error(ParamError, "assignment", source, text=text)
    name, _, value = text.partition("=")
    name = name.strip()
    return name, coerce(name, value, source)

"""Playing a room's rounds on a model: the one path the live room, its replay and every debrief arm take.

A round's choices (role -> each seat's decision -> option) become *targets*: the interventions the room
wants in force (one slot per decision, or the partners' shared collaboration slot) and the values of the
parameters the room sets (:data:`.roles.ROOM_PARAMS`). :class:`Levers` moves a model to its targets at a
round's start: an intervention whose spec changed is stopped (``Intervention.stop``: released from the next
week on) and the new one added with ``model.add_intervention`` (in force from the next week on); an
unchanged choice keeps its running intervention (a programme keeps its participants). Slots are visited in
sorted order, so the lever claims are made in the same order every time (determinism).

:func:`play` builds a model for a :class:`RoomConfig` and seed and plays a schedule of rounds; the live
room does the same one round at a time, so replicate 0 of the room's own debrief arm is the room itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..interventions import Collaboration, CommunityActivities, CrimeWave, InformationCampaign, Intervention
from ..model import WijkModel
from ..runner import model_kwargs
from ..scenarios import Scenario
from .roles import (
    ACTIVITIES_PER_SEAT,
    APP_REACH_PER_SEAT,
    BY_ROLE,
    REFER,
    REPORT_LOGIT_PER_SEAT,
    ROLES,
    TAKE_UP,
    USUAL,
    defaults,
)

#: one round's choices: role -> one dict (decision -> option) per seat (residents: one per resident seat)
Choices = Mapping[str, Sequence[Mapping[str, str]]]
#: what a slot asks for: an intervention class of ``INTERVENTIONS`` and its fields
Want = tuple[type[Intervention], dict[str, Any]]
WAVE_MULTIPLIER = 3.0  # a scheduled crime wave: the workshop's wave (×3 for 16 weeks)
WAVE_WEEKS = 16


@dataclass(frozen=True)
class RoomConfig:
    """What a room is played on: everything but the seed and the choices (plain data, picklable)."""

    scenario: Scenario
    rounds: int
    weeks_per_round: int
    resident_seats: int
    wave_round: int | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def seats(self, role: str) -> int:
        return self.resident_seats if role == "residents" else 1

    def empty(self) -> dict[str, tuple[dict[str, str], ...]]:
        """A round in which every seat plays the model's own rule."""
        return {r: tuple(defaults(r) for _ in range(self.seats(r))) for r in ROLES}


def burnt_in(config: RoomConfig, seed: int) -> WijkModel:
    """The room's wijk with ``seed`` after its burn-in, before any intervention is attached.

    Why apart from :func:`prepare`: the burn-in is most of a run's cost (260 weeks against a room's few dozen)
    and the same for every debrief arm of a replicate, so the debrief copies this model for each arm. A copy
    must be taken before any intervention is scheduled: Mesa holds scheduled callbacks weakly, and a copied
    model's copied events would not fire (its scenario's crime wave lost)."""
    kwargs = model_kwargs(config.scenario, config.params)
    kwargs["interventions"] = ()
    return WijkModel(rng=seed, **kwargs)


def prepare(model: WijkModel, config: RoomConfig) -> WijkModel:
    """Attach the scenario's timeline and the trainer's crime wave to a burnt-in model (from week 1 on, as
    :func:`wijksim.runner.build_model` would)."""
    for intervention in config.scenario.build_interventions():
        model.add_intervention(intervention)
    if config.wave_round is not None:
        start = (config.wave_round - 1) * config.weeks_per_round + 1
        model.add_intervention(CrimeWave(start=start, weeks=WAVE_WEEKS, multiplier=WAVE_MULTIPLIER))
    return model


def build(config: RoomConfig, seed: int) -> WijkModel:
    """A fresh model for the room: the scenario (and parameters on top), burn-in done, the wave scheduled."""
    return prepare(burnt_in(config, seed), config)


def _partner(choice: str, base: Mapping[str, Any]) -> tuple[str, float]:
    if choice == "refer":
        return REFER
    if choice == "take_up":
        return TAKE_UP
    return str(base["collaboration"]), float(base["cooperation"])


def _count(choices: Choices, role: str, decision: str, option: str) -> int:
    return sum(1 for seat in choices[role] if seat.get(decision, USUAL) == option)


def targets(choices: Choices, base: Mapping[str, Any], seats: int) -> tuple[dict[str, Want], dict[str, Any]]:
    """The interventions (slot -> (class, fields)) and room parameters (name -> value) a round's choices ask for.

    ``base`` is the model's own parameters (the scenario's, with overrides), ``seats`` the resident seats."""
    wanted: dict[str, Want] = {}
    for role in ("police", "municipality", "corporation"):
        seat = choices[role][0]
        for key, decision in BY_ROLE[role].items():
            option = decision.option(seat.get(key, USUAL))
            if option.starts is not None and key != "complaints":
                wanted[f"{role}.{key}"] = (option.starts, dict(option.fields))
    police, corp = (choices[r][0].get("complaints", USUAL) for r in ("police", "corporation"))
    if (police, corp) != (USUAL, USUAL):
        (m1, c1), (m2, c2) = _partner(police, base), _partner(corp, base)
        mode = "mutual_support" if m1 == m2 == "mutual_support" else "blame_shifting"
        wanted["partners.collaboration"] = (Collaboration, {"mode": mode, "cooperation": round((c1 + c2) / 2, 6)})
    joined = _count(choices, "residents", "activity", "join")
    if joined:
        per_week = ACTIVITIES_PER_SEAT * joined
        wanted["residents.activity"] = (CommunityActivities, {"goal": "broad", "per_week": per_week})
    started = _count(choices, "residents", "app_group", "start")
    if started:
        wanted["residents.app_group"] = (InformationCampaign, {"channel": "community", "action_perspective": True,
                                                               "reach": min(1.0, APP_REACH_PER_SEAT * started)})
    params: dict[str, Any] = {"routine_share": base["routine_share"]}
    for option in BY_ROLE["corporation"]["maintenance"].options:
        if choices["corporation"][0].get("maintenance", USUAL) == option.key:
            params.update(option.params)
    net = _count(choices, "residents", "reporting", "report") - _count(choices, "residents", "reporting", "stay_out")
    params["report_base"] = float(base["report_base"]) + REPORT_LOGIT_PER_SEAT * net / seats
    return wanted, params


class Levers:
    """What the room has started in one model (slot -> (what was asked, intervention)), moved to each round's
    targets."""

    def __init__(self) -> None:
        self.running: dict[str, tuple[Want, Intervention]] = {}

    def apply(self, model: WijkModel, choices: Choices, seats: int) -> None:
        """Move ``model`` to the targets of ``choices`` from its next week on."""
        wanted, params = targets(choices, model.base_params, seats)
        for slot in sorted(set(self.running) | set(wanted)):
            want, have = wanted.get(slot), self.running.get(slot)
            if have is not None and have[0] == want:
                continue
            if have is not None:
                have[1].stop(model)
                del self.running[slot]
            if want is not None:
                cls, fields = want
                self.running[slot] = (want, model.add_intervention(cls(start=None, **fields)))
        for name, value in params.items():
            model.p[name] = value


def play(config: RoomConfig, seed: int, schedule: Sequence[Choices], model: WijkModel | None = None) -> pd.DataFrame:
    """The weekly timeseries of the room's wijk with ``seed`` played through ``schedule`` (one entry a round);
    ``model``: a prepared model of that seed to play on (default: built here)."""
    model = build(config, seed) if model is None else model
    levers = Levers()
    for choices in schedule:
        levers.apply(model, choices, config.resident_seats)
        model.run(config.weeks_per_round)
    return model.timeseries()

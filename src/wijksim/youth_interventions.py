"""The youth interventions (issue 28): levers on the youth stage (:mod:`wijksim.submodels.youth`).

Each one only claims ``youth_`` levers of the registry while it is in force (the overlap rule of
:mod:`wijksim.interventions`), and the youth stage reads them: a programme changes who is reached and how
their bonds, peers and protection move, never anyone's involvement directly. They do nothing in a run
without ``youth_enabled`` (there are no youths to reach); the shipped ``scenarios/youth_*.toml`` switch it on.
Their live buttons act only once youth are switched on (``youth_enabled``, the explorer's youth group).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

import numpy as np
from pydantic import Field

from .lifecycle import MAX_WEEK, Intervention
from .validation import Flag, Number, WholeNumber

if TYPE_CHECKING:
    from .model import WijkModel


class YouthMentoring(Intervention):
    """Role models and mentors for at-risk youths (Tolan et al. 2014): a mentor with emotional support and
    advocacy protects more than one who only does activities with the youth."""

    type: Literal["youth_mentoring"] = "youth_mentoring"
    shown: ClassVar[tuple[str, ...]] = ("coverage", "emotional_support")
    buttons: ClassVar[dict[str, dict[str, Any]]] = {"youth_mentoring": {"coverage": 0.5, "emotional_support": True}}
    coverage: Number = Field(0.5, ge=0, le=1, description="share of at-risk youths with a mentor")
    emotional_support: Flag = True
    levers: ClassVar[tuple[str, ...]] = ("youth_mentor_coverage", "youth_mentor_emotional")

    def begin(self, model: WijkModel) -> None:
        self.claim(model, "youth_mentor_coverage", self.coverage)
        self.claim(model, "youth_mentor_emotional", self.emotional_support)


class PeerEducation(Intervention):
    """Peer education: young trainers with lived experience reach youths (source 003)."""

    type: Literal["youth_peer_education"] = "youth_peer_education"
    shown: ClassVar[tuple[str, ...]] = ("reach",)
    buttons: ClassVar[dict[str, dict[str, Any]]] = {"youth_peer_education": {"reach": 0.5}}
    reach: Number = Field(0.5, ge=0, le=1, description="share of youths reached")
    levers: ClassVar[tuple[str, ...]] = ("youth_peer_education",)

    def begin(self, model: WijkModel) -> None:
        self.claim(model, "youth_peer_education", self.reach)


class FamilySupport(Intervention):
    """Family support for the families of at-risk youths: the family bond grows while it lasts."""

    type: Literal["youth_family_support"] = "youth_family_support"
    shown: ClassVar[tuple[str, ...]] = ("reach",)
    buttons: ClassVar[dict[str, dict[str, Any]]] = {"youth_family_support": {"reach": 0.5}}
    reach: Number = Field(0.5, ge=0, le=1, description="share of at-risk youths' families supported")
    levers: ClassVar[tuple[str, ...]] = ("youth_family_support",)

    def begin(self, model: WijkModel) -> None:
        self.claim(model, "youth_family_support", self.reach)


class YouthActivities(Intervention):
    """Youth work activities, open to all youths or only for at-risk youths. Grouping at-risk youths puts
    deviant peers together (deviant peer contagion, Dishion, McCord & Poulin 1999)."""

    type: Literal["youth_activities"] = "youth_activities"
    shown: ClassVar[tuple[str, ...]] = ("places", "at_risk_only")
    buttons: ClassVar[dict[str, dict[str, Any]]] = {
        "youth_activities": {"places": 0.2, "at_risk_only": False},
        "youth_activities_at_risk": {"places": 0.2, "at_risk_only": True},
    }
    places: Number = Field(0.2, ge=0, le=1, description="places as a share of all youths")
    at_risk_only: Flag = False
    levers: ClassVar[tuple[str, ...]] = ("youth_activity_places", "youth_activity_at_risk_only")

    def begin(self, model: WijkModel) -> None:
        self.claim(model, "youth_activity_places", self.places)
        self.claim(model, "youth_activity_at_risk_only", self.at_risk_only)


class RecruiterPressure(Intervention):
    """Police pressure on recruiters: a share of the approaches to youths is prevented."""

    type: Literal["youth_recruiter_pressure"] = "youth_recruiter_pressure"
    shown: ClassVar[tuple[str, ...]] = ("pressure",)
    buttons: ClassVar[dict[str, dict[str, Any]]] = {"youth_recruiter_pressure": {"pressure": 0.5}}
    pressure: Number = Field(0.5, ge=0, le=0.95, description="share of approaches prevented")
    levers: ClassVar[tuple[str, ...]] = ("youth_police_pressure",)

    def begin(self, model: WijkModel) -> None:
        self.claim(model, "youth_police_pressure", self.pressure)


#: the programme lever a coalition puts its capacity into for each measured risk factor
COALITION_LEVERS: dict[str, str] = {"family": "youth_family_support", "school": "youth_school_support",
                                    "peers": "youth_activity_places"}


class CommunityCoalition(Intervention):
    """A community coalition working from measured local risk factors (Communities That Care, Hawkins et al.
    2009): after an assessment phase it measures, every ``every`` weeks, how common each risk factor is among
    the wijk's youths — a weak family bond, a weak school bond, deviant peers around them — and puts its
    ``capacity`` (coverage units) into the tested programme against each, in proportion: family support,
    a school programme, youth work activities open to all. It sets no outcome; when it
    measures differently, its programmes follow.
    """

    type: Literal["youth_coalition"] = "youth_coalition"
    shown: ClassVar[tuple[str, ...]] = ("capacity",)
    buttons: ClassVar[dict[str, dict[str, Any]]] = {"youth_coalition": {}}
    assessment: WholeNumber = Field(26, ge=0, le=MAX_WEEK, description="weeks of the assessment phase")
    every: WholeNumber = Field(13, ge=1, le=520, description="weeks between two measurements")
    capacity: Number = Field(1.0, ge=0, le=4, description="coverage units over the programmes")
    levers: ClassVar[tuple[str, ...]] = tuple(COALITION_LEVERS.values())

    def begin(self, model: WijkModel) -> None:
        self._weeks = 0
        model.programmes.append(self)

    def profile(self, model: WijkModel) -> dict[str, float]:
        """The share of youths with each risk factor now (what the coalition's youth survey measures)."""
        ys = model.youth
        if ys is None or ys.n == 0:
            return dict.fromkeys(COALITION_LEVERS, 0.0)
        return {"family": float(np.mean(ys.family < 0.5)), "school": float(np.mean(ys.school < 0.5)),
                "peers": float(np.mean(ys.exposure > 0.1))}

    def weekly(self, model: WijkModel) -> None:
        self._weeks += 1
        if self._weeks <= self.assessment or (self._weeks - self.assessment - 1) % self.every:
            return
        shares = self.profile(model)
        total = sum(shares.values())
        for factor, lever in COALITION_LEVERS.items():
            value = min(1.0, self.capacity * shares[factor] / total) if total > 0 else 0.0
            self.claim(model, lever, value)


YOUTH_INTERVENTIONS: tuple[type[Intervention], ...] = (YouthMentoring, PeerEducation, FamilySupport, YouthActivities,
                                                       CommunityCoalition, RecruiterPressure)

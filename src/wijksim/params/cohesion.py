"""Stage ``cohesion`` (cohesie) of the parameter registry: 5 levers and 4 advanced constants.

Cohesion: how ties grow by meeting and joint activities, form, fade and break.

Each entry carries its English and Dutch texts side by side, so a change of meaning is made in both languages at
once; the entries are listed in the registry's order (:data:`wijksim.params.registry.ORDER`).
"""

from __future__ import annotations

from .core import Group, param

GROUP = Group(name="cohesion", name_nl="cohesie", params=(
    param(name="tie_meet_gain", kind="float", default=0.12, unit="1/week", low=0, high=1,
          meaning="weekly logistic tie growth per unit of joint time out nearby",
          label_nl="groei van banden door elkaar te zien",
          meaning_nl="wekelijkse (logistische) groei van een band per eenheid samen buiten doorgebrachte tijd"),
    param(name="tie_activity_gain", kind="float", default=0.12, unit="0-1", low=0, high=1,
          meaning="tie strengthening from taking part in the same activity",
          label_nl="groei van banden door samen mee te doen",
          meaning_nl="versterking van een band door mee te doen aan dezelfde activiteit",
          source="001 (joint activities build cohesion)"),
    param(name="tie_formation", kind="float", default=0.0015, unit="1/week", low=0, high=0.5,
          meaning="weekly chance that two neighbours out at the same time start a tie",
          label_nl="kans dat buren een band aangaan",
          meaning_nl="wekelijkse kans dat twee buren die tegelijk buiten zijn een band aangaan"),
    param(name="tie_decay", kind="float", default=0.008, unit="1/week", low=0, high=0.2,
          meaning="weekly fading of a tie without contact",
          label_nl="afname van banden zonder contact",
          meaning_nl="wekelijkse afname van een band zonder contact"),
    param(name="tie_decay_withdrawn", kind="float", default=0.04, unit="1/week", low=0, high=0.2,
          meaning="extra weekly fading of ties of a withdrawn household",
          label_nl="extra afname banden bij terugtrekken",
          meaning_nl="extra wekelijkse afname van de banden van een teruggetrokken huishouden"),
    param(name="tie_break_below", kind="float", default=0.02, unit="0-1", low=0, high=0.5, advanced=True,
          meaning="tie strength below which a tie breaks (set to zero)",
          label_nl="sterkte waaronder een band breekt",
          meaning_nl="sterkte waaronder een band breekt (op nul gezet)"),
    param(name="new_tie_strength", kind="float", default=0.1, unit="0-1", low=0.01, high=1, advanced=True,
          meaning="strength of a tie neighbours start by meeting in the street",
          label_nl="sterkte van een nieuwe band",
          meaning_nl="sterkte van een band die buren op straat aangaan"),
    param(name="tie_end_rate", kind="float", default=0.00025, unit="1/week", low=0, high=0.05, advanced=True,
          meaning="weekly chance that a tie ends for reasons outside the wijk (turnover of ties); set so that ties "
                  "formed and ended balance near the initial degree (issue 25: without it the degree grows for as "
                  "long as a run lasts); 0 = ties end only by fading",
          label_nl="kans dat een band eindigt",
          meaning_nl="wekelijkse kans dat een band eindigt om redenen buiten de wijk (verloop van banden); zo gekozen "
                     "dat gevormde en beëindigde banden elkaar rond de begingraad in evenwicht houden (issue 25: "
                     "zonder groeit de graad zolang een run duurt); 0 = banden eindigen alleen door te vervagen",
          source="calibration (issue 25: the reference's degree steady after the burn-in); the order of turnover in "
                 "personal networks: Mollenhorst, Volker & Flap 2014, Social Networks 37 (about half of the ties "
                 "replaced in seven years, faster than here)"),
    param(name="distant_meet_factor", kind="float", default=0.3, unit="ratio", low=0, high=1, advanced=True,
          meaning="how often two distantly tied households meet, relative to neighbours",
          label_nl="hoe vaak verre kennissen elkaar zien",
          meaning_nl="hoe vaak twee huishoudens met een band op afstand elkaar zien, vergeleken met buren"),
))

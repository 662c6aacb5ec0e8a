"""Stage ``turnover`` (verhuizingen) of the parameter registry: 1 lever and 4 advanced constants.

Residential turnover (off by default): households moving out and newcomers with weak ties moving in.

Each entry carries its English and Dutch texts side by side, so a change of meaning is made in both languages at
once; the entries are listed in the registry's order (:data:`wijksim.params.registry.ORDER`).
"""

from __future__ import annotations

from .core import Group, param

GROUP = Group(name="turnover", name_nl="verhuizingen", params=(
    param(name="turnover", kind="bool", default=False, ui=False,
          meaning="do households move out and newcomers with weak ties move in? Off by default: on, cohesion falls to "
                  "≈ 5.6 and unsafe to ≈ 14 %, and it gives no tipping region",
          label_nl="verhuizingen (in- en uitstroom)",
          meaning_nl="verhuizen huishoudens en komen er nieuwkomers met zwakke banden voor terug? Standaard uit: aan "
                     "daalt de cohesie tot ≈ 5,6 en het onveiligheidsgevoel tot ≈ 14 %, zonder kantelgebied",
          source="Skogan 1990; Sampson, Raudenbush & Earls 1997 (residential stability)"),
    param(name="move_base", kind="float", default=0.0008, unit="1/week", low=0, high=0.05, advanced=True,
          meaning="weekly chance that a household moves out for reasons unrelated to the wijk",
          label_nl="basiskans op verhuizen per week",
          meaning_nl="wekelijkse kans dat een huishouden verhuist om redenen die los staan van de wijk",
          source="CBS moving rates (≈ 5-10 % of households a year)"),
    param(name="move_fear", kind="float", default=0.003, unit="1/week", low=0, high=0.05, advanced=True,
          meaning="extra weekly chance of moving out per unit fear",
          label_nl="extra verhuiskans door angst",
          meaning_nl="extra wekelijkse kans om te verhuizen per eenheid angst",
          source="Skogan 1990"),
    param(name="move_withdrawn", kind="float", default=0.002, unit="1/week", low=0, high=0.05, advanced=True,
          meaning="extra weekly chance of moving out for a withdrawn household",
          label_nl="extra verhuiskans bij terugtrekking",
          meaning_nl="extra wekelijkse kans om te verhuizen voor een teruggetrokken huishouden",
          source="Skogan 1990"),
    param(name="newcomer_tie_strength", kind="float", default=0.05, unit="0-1", low=0, high=1, advanced=True,
          meaning="strength of a newcomer's ties to the dwelling's neighbours (known by sight); they grow by meeting",
          label_nl="sterkte van banden van nieuwkomers",
          meaning_nl="sterkte van de banden van een nieuwkomer met de buren van de woning (kennen elkaar van gezicht); "
                     "ze groeien door elkaar te ontmoeten",
          source="Sampson, Raudenbush & Earls 1997"),
))

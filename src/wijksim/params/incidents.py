"""Stage ``incidents`` (incidenten) of the parameter registry: 10 levers and 1 advanced constant.

Incidents: the base rates, what attracts offending and the near-repeat attractiveness field.

Each entry carries its English and Dutch texts side by side, so a change of meaning is made in both languages at
once; the entries are listed in the registry's order (:data:`wijksim.params.registry.ORDER`).
"""

from __future__ import annotations

from .core import Group, param

GROUP = Group(name="incidents", name_nl="incidenten", params=(
    param(name="crime_rate", kind="float", default=1.0, unit="x", low=0, high=10,
          meaning="multiplier on all base incident rates",
          label_nl="criminaliteitsniveau (vermenigvuldiger)",
          meaning_nl="vermenigvuldiger op alle basiskansen op incidenten"),
    param(name="rate_nuisance", kind="float", default=0.0105, unit="1/week", low=0, high=0.5,
          meaning="base weekly nuisance rate per public or dwelling cell",
          label_nl="basiskans overlast per cel per week",
          meaning_nl="basiskans per week op overlast per openbare cel of woningcel"),
    param(name="rate_burglary", kind="float", default=0.0009, unit="1/week", low=0, high=0.1,
          meaning="base weekly burglary rate per dwelling",
          label_nl="basiskans inbraak per woning per week",
          meaning_nl="basiskans per week op inbraak per woning"),
    param(name="rate_street", kind="float", default=0.004, unit="1/week", low=0, high=0.2,
          meaning="base weekly street-crime rate per public cell",
          label_nl="basiskans straatcriminaliteit per cel per week",
          meaning_nl="basiskans per week op straatcriminaliteit per openbare cel"),
    param(name="offender_capacity", kind="float", default=4.0, unit="x", low=1, high=50,
          meaning="multiplier at which offending saturates (offenders are finite)",
          label_nl="verzadiging van daders (vermenigvuldiger)",
          meaning_nl="vermenigvuldiger waarbij de criminaliteit verzadigt (er zijn niet oneindig veel daders)"),
    param(name="disorder_attraction", kind="float", default=1.0, unit="ratio", low=0, high=5,
          meaning="extra nuisance per unit disorder (1 = doubles at full disorder)",
          label_nl="extra overlast door verloedering",
          meaning_nl="extra overlast per eenheid verloedering (1 = verdubbeld bij volledige verloedering)",
          source="Keizer et al. 2008"),
    param(name="bush_attraction", kind="float", default=1.0, unit="ratio", low=0, high=5,
          meaning="extra street crime per unit bush overgrowth",
          label_nl="extra straatcriminaliteit door bosjes",
          meaning_nl="extra straatcriminaliteit per eenheid overwoekering van bosjes"),
    param(name="risk_boost", kind="float", default=10.0, low=0, high=30,
          meaning="attractiveness added at a cell by an unguarded incident",
          label_nl="aantrekkelijkheid na een incident zonder toezicht",
          meaning_nl="aantrekkelijkheid voor daders die een incident zonder toezicht aan een cel toevoegt",
          source="Short et al. 2008; Johnson et al. 2007"),
    param(name="risk_decay", kind="float", default=0.35, unit="1/week", low=0.01, high=1,
          meaning="weekly decay of the attractiveness (near-repeat) field",
          label_nl="afname van die aantrekkelijkheid per week",
          meaning_nl="wekelijkse afname van die aantrekkelijkheid (herhaald slachtofferschap in de buurt)"),
    param(name="risk_spread", kind="float", default=0.3, unit="fraction", low=0, high=1,
          meaning="weekly share of attractiveness that spreads to the 8 neighbouring cells",
          label_nl="verspreiding naar buurcellen per week",
          meaning_nl="deel van de aantrekkelijkheid dat elke week overslaat naar de 8 omliggende cellen"),
    param(name="burglary_target_factor", kind="float", default=2.0, unit="ratio", low=0, high=10, advanced=True,
          meaning="burglary hazard of an unlocked dwelling relative to rate_burglary",
          label_nl="inbraakkans van een slecht afgesloten woning",
          meaning_nl="inbraakkans van een onafgesloten woning vergeleken met rate_burglary"),
))

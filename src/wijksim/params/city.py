"""Stage ``city`` (stad) of the parameter registry: what crosses the boundaries between the wijken of a city.

A city (:mod:`wijksim.city`) runs every wijk as a full :class:`wijksim.model.WijkModel` and couples them only
through these constants: an offender pool choosing where to offend (distance decay, perceived risk, its reach
past an intervention's boundary, the share of deterred effort abandoned), the police capacity shared by rule,
and moving house driven by crime.

Why this group is not in :data:`wijksim.params.PARAMS`: a single-wijk run must stay byte-identical (its
``summary.json`` lists every parameter of ``PARAMS``, and sweep designs, the ODD table and ``wijksim params``
iterate it). The city's constants are registered next to it, in :data:`wijksim.params.registry.CITY_PARAMS`,
with the same :class:`~wijksim.params.core.Param` entries (unit, range, meaning in English and Dutch, source).
"""

from __future__ import annotations

from .core import Group, param

GROUP = Group(name="city", name_nl="stad", params=(
    param(name="offender_distance_decay", kind="float", default=0.9, unit="1/km", low=0, high=5,
          meaning="how fast offenders' choice of a target wijk falls with distance from home: weight exp(−decay·km)",
          label_nl="afstandsverval van daders",
          meaning_nl="hoe snel de keuze van daders voor een doelwijk afneemt met de afstand tot hun woonwijk: "
                     "gewicht exp(−verval·km)",
          source="Bernasco & Nieuwbeerta 2005 (burglars in The Hague, conditional logit: distance coefficient ≈ −0.9 "
                 "per km)"),
    param(name="within_wijk_km", kind="float", default=0.4, unit="km", low=0.05, high=5, advanced=True,
          meaning="typical journey of an offender who offends in the home wijk",
          label_nl="typische afstand binnen de eigen wijk",
          meaning_nl="typische afstand van een dader die in de eigen wijk toeslaat",
          source="structural: about half a wijk's radius (Bernasco & Nieuwbeerta 2005: most journeys < 2 km)"),
    param(name="risk_sensitivity", kind="float", default=1.0, unit="1/risk score", low=0, high=10, advanced=True,
          meaning="how strongly perceived risk (guardianship + hardening + patrols − disorder) deters: a target's "
                  "chance of being kept is exp(−sensitivity·risk)",
          label_nl="gevoeligheid voor risico",
          meaning_nl="hoe sterk waargenomen risico (toezicht + inbraakwering + surveillance − verloedering) afschrikt: "
                     "de kans dat een doelwijk gekozen blijft is exp(−gevoeligheid·risico)",
          source="structural (rational choice: Cornish & Clarke 1986); swept in the city corroboration"),
    param(name="risk_reach", kind="float", default=0.25, unit="0-1", low=0, high=1,
          meaning="how far offenders' perception of risk reaches past a wijk's boundary: the perceived risk of a wijk "
                  "is (1 − reach)·its own + reach·its neighbours' mean (the mechanism of diffusion of benefits)",
          label_nl="reikwijdte van waargenomen risico",
          meaning_nl="hoe ver de risicoperceptie van daders over de wijkgrens reikt: het waargenomen risico van een "
                     "wijk is (1 − reikwijdte)·het eigen + reikwijdte·het gemiddelde van de buren (het mechanisme van "
                     "uitstraling van baten)",
          source="Clarke & Weisburd 1994 (offenders overestimate the reach of prevention); Guerette & Bowers 2009 "
                 "(diffusion in 27 % of observations)"),
    param(name="abandon_share", kind="float", default=0.6, unit="0-1", low=0, high=1,
          meaning="share of deterred offending effort that is given up rather than moved to another wijk (the "
                  "mechanism against displacement)",
          label_nl="aandeel opgegeven inzet",
          meaning_nl="aandeel van afgeschrikte daderinzet dat wordt opgegeven in plaats van verplaatst naar een andere "
                     "wijk (het mechanisme tegen verplaatsing)",
          source="Guerette & Bowers 2009 (displacement in 26 % of observations and, where found, smaller than the "
                 "gain: more than half of deterred effort is not moved); structural within that bracket"),
    param(name="police_rule", kind="choice", default="fixed", choices=("fixed", "incidents", "reports"),
          meaning="how the city's police capacity is shared each week: fixed (by households, as each wijk alone), "
                  "by recent incidents or by recent reports",
          label_nl="verdeling van de politiecapaciteit",
          meaning_nl="hoe de politiecapaciteit van de stad elke week wordt verdeeld: vast (naar huishoudens, zoals "
                     "elke wijk alleen), naar recente incidenten of naar recente meldingen",
          source="scenario choice (Braga et al. 2019 for hot-spot allocation)"),
    param(name="police_floor_share", kind="float", default=0.5, unit="0-1", low=0, high=1, advanced=True,
          meaning="under the incidents or reports rule, the share of units still allocated by households",
          label_nl="vast deel van de politiecapaciteit",
          meaning_nl="bij verdeling naar incidenten of meldingen: het deel van de eenheden dat toch naar huishoudens "
                     "wordt verdeeld",
          source="structural (basic police care is everywhere)"),
    param(name="city_window_weeks", kind="int", default=4, unit="weeks", low=1, high=52, advanced=True,
          meaning="weeks of recent incidents and reports the city's police rule and moving house look back on",
          label_nl="terugkijkvenster van de stad",
          meaning_nl="aantal weken recente incidenten en meldingen waarop de politieverdeling en het verhuizen "
                     "terugkijken",
          source="structural"),
    param(name="moving_house", kind="bool", default=True, ui=False,
          meaning="do households move house (each wijk's turnover, driven by the city's crime)?",
          label_nl="verhuizen",
          meaning_nl="verhuizen huishoudens (de in- en uitstroom van elke wijk, gedreven door de criminaliteit in de "
                     "stad)?",
          source="Skogan 1990; Hipp 2010 (crime drives instability)"),
    param(name="move_crime_elasticity", kind="float", default=0.8, unit="-", low=0, high=3,
          meaning="elasticity of a wijk's moving-out chance to its crime relative to its own start",
          label_nl="elasticiteit van verhuizen voor criminaliteit",
          meaning_nl="elasticiteit van de verhuiskans van een wijk voor de criminaliteit ten opzichte van het begin",
          source="bracketed by Cullen & Levitt 1999 (10 % more crime, ≈ 1 % fewer residents: ≈ 1.7 on a 6 %/year "
                 "moving rate) and Foote 2015 (far smaller, ≈ 0); mechanism check: 0.47 % of households a year more "
                 "leave per 10 % more incidents (tests/test_city_moving.py); held out (docs/corroboration.md, M1): "
                 "+0.044 % a year leave the city per 10 % more incidents after a crime wave, +0.165 % under more "
                 "offender effort, both in the predicted band (0, 1 %]"),
    param(name="settle_in_city", kind="float", default=0.6, unit="0-1", low=0, high=1,
          meaning="share of the households leaving a wijk who settle in another wijk of the city (the rest leave "
                  "the city); where they settle falls with distance and with the destination's offending pressure",
          label_nl="aandeel verhuizers dat in de stad blijft",
          meaning_nl="aandeel van de huishoudens die een wijk verlaten dat zich in een andere wijk van de stad vestigt "
                     "(de rest verlaat de stad); waar ze zich vestigen neemt af met de afstand en met de druk van "
                     "daders op de bestemming",
          source="order of magnitude: most Dutch moves stay within the municipality (CBS, verhuisde personen); "
                 "structural"),
    param(name="move_distance_decay", kind="float", default=0.5, unit="1/km", low=0, high=5, advanced=True,
          meaning="how fast movers' choice of a destination wijk falls with distance: weight households·exp(−decay·km)"
                  "/pressure",
          label_nl="afstandsverval van verhuizingen",
          meaning_nl="hoe snel de keuze van verhuizers voor een bestemmingswijk afneemt met de afstand: gewicht "
                     "huishoudens·exp(−verval·km)/druk",
          source="structural (most moves are short: Clark & Huang 2004)"),
))

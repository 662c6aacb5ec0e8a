"""Stage ``layout`` (wijkindeling) of the parameter registry: 8 levers and 5 advanced constants.

The neighbourhood's layout: grid, building blocks, courtyards, green, and the initial state of bushes and locks.

Each entry carries its English and Dutch texts side by side, so a change of meaning is made in both languages at
once; the entries are listed in the registry's order (:data:`wijksim.params.registry.ORDER`).
"""

from __future__ import annotations

from .core import Group, param

GROUP = Group(name="layout", name_nl="wijkindeling", params=(
    param(name="width", kind="int", default=40, unit="cells (≈ 15 m)", low=10, high=400,
          meaning="grid width",
          label_nl="breedte van de wijk (cellen)",
          meaning_nl="breedte van het rooster"),
    param(name="height", kind="int", default=40, unit="cells (≈ 15 m)", low=10, high=400,
          meaning="grid height",
          label_nl="hoogte van de wijk (cellen)",
          meaning_nl="hoogte van het rooster"),
    param(name="block_size", kind="int", default=6, unit="cells", low=4, high=12,
          meaning="side of a building block between streets",
          label_nl="blokgrootte tussen straten",
          meaning_nl="zijde van een bouwblok tussen de straten"),
    param(name="share_corporation", kind="float", default=0.5, unit="fraction", low=0, high=1,
          meaning="share of dwelling blocks owned by the housing corporation",
          label_nl="aandeel corporatiebezit",
          meaning_nl="aandeel woonblokken in bezit van de woningcorporatie"),
    param(name="share_courtyard", kind="float", default=0.35, unit="fraction", low=0, high=1,
          meaning="share of dwelling blocks built around a courtyard (hofje)",
          label_nl="aandeel hofjes",
          meaning_nl="aandeel woonblokken dat rond een binnenhof (hofje) is gebouwd",
          source="001 (hofjes)"),
    param(name="share_green", kind="float", default=0.12, unit="fraction", low=0, high=0.6,
          meaning="share of blocks that are public green with bushes",
          label_nl="aandeel groen",
          meaning_nl="aandeel blokken dat openbaar groen met bosjes is"),
    param(name="initial_bushes", kind="float", default=0.45, unit="0-1", low=0, high=1,
          meaning="initial overgrowth of bushes on green cells",
          label_nl="begroeiing bosjes bij de start",
          meaning_nl="hoe overwoekerd de bosjes op groene cellen bij de start zijn"),
    param(name="initial_hardening", kind="float", default=0.9, unit="0-1", low=0, high=1,
          meaning="initial quality of locks and doors on dwellings (near where maintenance holds them: at the "
                  "defaults the dwellings' mean settles at 0.93; started at 0.5 it took 500 weeks, longer than the "
                  "burn-in, and burglary fell through the recorded years)",
          label_nl="kwaliteit sloten en deuren bij de start",
          meaning_nl="kwaliteit van sloten en deuren van de woningen bij de start (dicht bij waar onderhoud ze houdt: "
                     "bij de standaardwaarden komt het gemiddelde van de woningen op 0,93; vanaf 0,5 duurde dat 500 "
                     "weken, langer dan de inloop, en daalden inbraken nog in de vastgelegde jaren)",
          source="calibration (issue 25: a steady start)"),
    param(name="bush_init_sd", kind="float", default=0.15, unit="0-1", low=0, high=0.5, advanced=True,
          meaning="spread (sd) of initial overgrowth on green cells",
          label_nl="spreiding in begroeiing bij de start",
          meaning_nl="spreiding (sd) van de beginbegroeiing op groene cellen"),
    param(name="courtyard_bush_factor", kind="float", default=0.6, unit="ratio", low=0, high=2, advanced=True,
          meaning="initial overgrowth in courtyards relative to green",
          label_nl="begroeiing in hofjes (factor)",
          meaning_nl="beginbegroeiing in hofjes vergeleken met groen"),
    param(name="courtyard_bush_sd", kind="float", default=0.1, unit="0-1", low=0, high=0.5, advanced=True,
          meaning="spread (sd) of initial overgrowth in courtyards",
          label_nl="spreiding begroeiing in hofjes",
          meaning_nl="spreiding (sd) van de beginbegroeiing in hofjes"),
    param(name="hardening_init_sd", kind="float", default=0.15, unit="0-1", low=0, high=0.5, advanced=True,
          meaning="spread (sd) of initial lock quality on dwellings",
          label_nl="spreiding kwaliteit sloten bij de start",
          meaning_nl="spreiding (sd) van de beginkwaliteit van sloten van woningen"),
    param(name="initial_damage", kind="float", default=0.12, unit="0-1", low=0, high=1, advanced=True,
          meaning="damage on every cell at the start, near the backlog wear and maintenance settle at (the "
                  "reference's mean is 0.12 over 128 seeds); from zero the backlog was still growing after the "
                  "burn-in, and disorder and withdrawal with it (issue 25)",
          label_nl="schade bij de start",
          meaning_nl="schade op elke cel bij de start, dicht bij de achterstand waarop slijtage en onderhoud uitkomen "
                     "(gemiddeld 0,12 in de referentie over 128 seeds); vanaf nul groeide de achterstand na de "
                     "inloop nog, en verloedering en terugtrekken mee (issue 25)",
          source="calibration (issue 25: a steady start)"),
))

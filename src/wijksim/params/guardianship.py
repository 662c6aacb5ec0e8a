"""Stage ``guardianship`` (toezicht) of the parameter registry: 6 levers and 0 advanced constants.

Guardianship: residents' and patrols' eyes on the street, and what bushes hide.

Each entry carries its English and Dutch texts side by side, so a change of meaning is made in both languages at
once; the entries are listed in the registry's order (:data:`wijksim.params.registry.ORDER`).
"""

from __future__ import annotations

from .core import Group, param

GROUP = Group(name="guardianship", name_nl="toezicht", params=(
    param(name="guardianship_radius", kind="int", default=2, unit="cells", low=1, high=5,
          meaning="how far residents' eyes on the street reach",
          label_nl="bereik van ogen op straat",
          meaning_nl="hoe ver de ogen van bewoners op straat reiken"),
    param(name="kappa_residents", kind="float", default=0.4, unit="1/person", low=0, high=5,
          meaning="guardianship per present resident-equivalent nearby",
          label_nl="toezicht per aanwezige bewoner",
          meaning_nl="toezicht per aanwezige bewoner(-equivalent) in de buurt",
          source="calibrated: baseline eyes leave room for what active residents add"),
    param(name="kappa_patrol", kind="float", default=1.0, unit="1/unit", low=0, high=10,
          meaning="guardianship per patrol unit nearby",
          label_nl="toezicht per surveillance-eenheid",
          meaning_nl="toezicht per surveillance-eenheid in de buurt"),
    param(name="vigilance_active", kind="float", default=5.0, unit="ratio", low=1, high=10,
          meaning="how much more vigilant an active resident is than a passive one (watches, alerts the network, "
                  "reports quickly)",
          label_nl="extra waakzaamheid van actieve bewoners",
          meaning_nl="hoeveel waakzamer een actieve bewoner is dan een passieve (let op, waarschuwt het netwerk, meldt "
                     "snel)",
          source="Bennett, Holloway & Farrington 2008; Akkermans & Vollaard 2015"),
    param(name="bush_sightline", kind="float", default=0.7, unit="fraction", low=0, high=1,
          meaning="share of sight lost at a fully overgrown cell",
          label_nl="zicht verloren door overwoekerde bosjes",
          meaning_nl="deel van het zicht dat verloren gaat op een volledig overwoekerde cel"),
    param(name="guardianship_effect", kind="float", default=0.7, unit="fraction", low=0, high=1,
          meaning="share of offending prevented by full guardianship",
          label_nl="voorkomen criminaliteit bij vol toezicht",
          meaning_nl="deel van de criminaliteit dat volledig toezicht voorkomt",
          source="routine activity theory"),
))

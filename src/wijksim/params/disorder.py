"""Stage ``disorder`` (verloedering) of the parameter registry: 7 levers and 1 advanced constant.

Disorder: litter, damage, wear and bush growth, and how they fade or are tidied.

Each entry carries its English and Dutch texts side by side, so a change of meaning is made in both languages at
once; the entries are listed in the registry's order (:data:`wijksim.params.registry.ORDER`).
"""

from __future__ import annotations

from .core import Group, param

GROUP = Group(name="disorder", name_nl="verloedering", params=(
    param(name="litter_per_nuisance", kind="float", default=0.15, unit="0-1", low=0, high=1,
          meaning="litter added to a cell by a nuisance incident",
          label_nl="zwerfvuil per overlastincident",
          meaning_nl="zwerfvuil dat een overlastincident op een cel achterlaat"),
    param(name="damage_per_nuisance", kind="float", default=0.2, unit="0-1", low=0, high=1,
          meaning="expected damage (graffiti, broken lights) per nuisance incident",
          label_nl="schade per overlastincident",
          meaning_nl="verwachte schade (graffiti, kapotte lantaarns) per overlastincident"),
    param(name="damage_wear", kind="float", default=0.0025, unit="1/week", low=0, high=0.1,
          meaning="weekly wear and tear (broken lights, graffiti) on every cell",
          label_nl="slijtage per week",
          meaning_nl="wekelijkse slijtage (kapotte lantaarns, graffiti) op elke cel"),
    param(name="lock_wear", kind="float", default=0.002, unit="1/week", low=0, high=0.1,
          meaning="weekly share of lock and door quality lost to wear",
          label_nl="slijtage van sloten per week",
          meaning_nl="deel van de kwaliteit van sloten en deuren dat elke week slijt"),
    param(name="litter_decay", kind="float", default=0.05, unit="1/week", low=0, high=1,
          meaning="weekly share of litter that fades by itself",
          label_nl="zwerfvuil dat vanzelf verdwijnt per week",
          meaning_nl="deel van het zwerfvuil dat elke week vanzelf verdwijnt"),
    param(name="tidy_rate", kind="float", default=0.08, unit="1/week", low=0, high=1,
          meaning="weekly share of litter tidied per active resident-equivalent nearby",
          label_nl="opruimen door actieve bewoners",
          meaning_nl="deel van het zwerfvuil dat per week wordt opgeruimd per actieve bewoner(-equivalent) in de "
                     "buurt"),
    param(name="bush_growth", kind="float", default=0.005, unit="1/week", low=0, high=0.1,
          meaning="weekly regrowth of bushes on green cells",
          label_nl="aangroei van bosjes per week",
          meaning_nl="wekelijkse aangroei van bosjes op groene cellen"),
    param(name="litter_on_cell_share", kind="float", default=0.5, unit="fraction", low=0, high=1, advanced=True,
          meaning="share of a nuisance's litter left on its own cell (the rest spreads over the 3x3 patch)",
          label_nl="aandeel zwerfvuil op de eigen cel",
          meaning_nl="deel van het zwerfvuil van overlast dat op de eigen cel blijft (de rest verspreidt zich over het "
                     "3x3-vlak)"),
))

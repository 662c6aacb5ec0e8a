"""Stage ``run`` (simulatie) of the parameter registry: 1 lever and 0 advanced constants.

How a run is simulated, not what it simulates: the weeks run before recording starts.

Each entry carries its English and Dutch texts side by side, so a change of meaning is made in both languages at
once; the entries are listed in the registry's order (:data:`wijksim.params.registry.ORDER`).
"""

from __future__ import annotations

from .core import Group, param

GROUP = Group(name="run", name_nl="simulatie", params=(
    param(name="burn_in", kind="int", default=260, unit="weeks", low=0, high=1040, ui=False,
          meaning="weeks simulated (and not recorded) before week 1, so runs start near a steady state (ties, damage "
                  "backlog and locks settle over years; after 78 weeks withdrawn still drifted +11 % from year 1 to "
                  "year 3)",
          label_nl="inloopweken (niet vastgelegd)",
          meaning_nl="weken die vóór week 1 worden doorgerekend maar niet vastgelegd, zodat een run begint in een "
                     "bijna-evenwicht (banden, achterstallig herstel en sloten komen pas na jaren tot rust; na 78 "
                     "weken groeide het aandeel teruggetrokken van jaar 1 tot jaar 3 nog 11 %)"),
))

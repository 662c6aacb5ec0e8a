"""Stage ``network`` (sociaal netwerk) of the parameter registry: 6 levers and 2 advanced constants.

The social network: who can know whom and how strong ties start.

Each entry carries its English and Dutch texts side by side, so a change of meaning is made in both languages at
once; the entries are listed in the registry's order (:data:`wijksim.params.registry.ORDER`).
"""

from __future__ import annotations

from .core import Group, param

GROUP = Group(name="network", name_nl="sociaal netwerk", params=(
    param(name="tie_radius", kind="int", default=2, unit="cells", low=1, high=5,
          meaning="distance within which neighbours can know each other",
          label_nl="afstand waarbinnen buren elkaar kennen",
          meaning_nl="afstand waarbinnen buren elkaar kunnen kennen"),
    param(name="mean_degree", kind="float", default=6.0, unit="ties", low=1, high=20,
          meaning="mean number of social ties per household",
          label_nl="gemiddeld aantal sociale banden",
          meaning_nl="gemiddeld aantal sociale banden per huishouden"),
    param(name="courtyard_tie_factor", kind="float", default=3.0, unit="ratio", low=1, high=10,
          meaning="how much likelier a tie is between two households of one courtyard",
          label_nl="kans op een band binnen een hofje (factor)",
          meaning_nl="hoeveel waarschijnlijker een band is tussen twee huishoudens van één hofje",
          source="001 (hofjes, positive social control)"),
    param(name="share_distant_ties", kind="float", default=0.1, unit="fraction", low=0, high=0.5,
          meaning="share of ties to households elsewhere in the wijk (small world)",
          label_nl="aandeel banden elders in de wijk",
          meaning_nl="aandeel banden met huishoudens elders in de wijk (kleine wereld)"),
    param(name="max_degree", kind="int", default=24, unit="ties", low=4, high=60, ui=False,
          meaning="cap on potential ties per household (keeps cohesion from saturating)",
          label_nl="maximum aantal mogelijke banden",
          meaning_nl="bovengrens op mogelijke banden per huishouden (zodat cohesie niet verzadigt)"),
    param(name="initial_tie_strength", kind="float", default=0.5, unit="0-1", low=0.05, high=1,
          meaning="mean initial strength of an existing tie",
          label_nl="sterkte van een band bij de start",
          meaning_nl="gemiddelde beginsterkte van een bestaande band"),
    param(name="tie_concentration", kind="float", default=4.0, low=0.5, high=50, advanced=True,
          meaning="concentration of the Beta distribution of initial tie strengths",
          label_nl="concentratie van beginsterkte banden",
          meaning_nl="concentratie van de Beta-verdeling van de beginsterkte van banden"),
    param(name="min_initial_tie", kind="float", default=0.05, unit="0-1", low=0, high=0.5, advanced=True,
          meaning="lowest initial strength of an existing tie",
          label_nl="minimale beginsterkte van een band",
          meaning_nl="laagste beginsterkte van een bestaande band"),
))

"""Stage ``presence`` (aanwezigheid op straat) of the parameter registry: 6 levers and 2 advanced constants.

Presence: how much time residents spend out in the public space near home.

Each entry carries its English and Dutch texts side by side, so a change of meaning is made in both languages at
once; the entries are listed in the registry's order (:data:`wijksim.params.registry.ORDER`).
"""

from __future__ import annotations

from .core import Group, param

GROUP = Group(name="presence", name_nl="aanwezigheid op straat", params=(
    param(name="presence_base", kind="float", default=-0.4, unit="logit", low=-4, high=2,
          meaning="logit of a passive resident's share of time out nearby",
          label_nl="tijd buiten (passieve bewoner, logit)",
          meaning_nl="logit van het deel van de tijd dat een passieve bewoner buiten in de buurt is"),
    param(name="presence_active", kind="float", default=0.7, unit="logit", low=0, high=3,
          meaning="extra logit of time out for an active resident",
          label_nl="extra tijd buiten (actieve bewoner)",
          meaning_nl="extra logit tijd buiten voor een actieve bewoner"),
    param(name="presence_withdrawn", kind="float", default=1.8, unit="logit", low=0, high=4,
          meaning="logit less time out for a withdrawn resident",
          label_nl="minder tijd buiten (teruggetrokken)",
          meaning_nl="logit minder tijd buiten voor een teruggetrokken bewoner"),
    param(name="presence_fear", kind="float", default=1.0, unit="logit", low=0, high=4,
          meaning="logit less time out per unit fear",
          label_nl="minder tijd buiten per eenheid angst",
          meaning_nl="logit minder tijd buiten per eenheid angst"),
    param(name="presence_disorder", kind="float", default=1.2, unit="logit", low=0, high=4,
          meaning="logit less time out per unit disorder and bushes near home",
          label_nl="minder tijd buiten door verloedering",
          meaning_nl="logit minder tijd buiten per eenheid verloedering en bosjes rond de woning",
          source="Branas et al. 2018"),
    param(name="presence_participation", kind="float", default=0.8, unit="logit", low=0, high=3,
          meaning="extra logit of time out while taking part in activities",
          label_nl="extra tijd buiten bij activiteiten",
          meaning_nl="extra logit tijd buiten zolang iemand meedoet aan activiteiten"),
    param(name="neglect_bush_weight", kind="float", default=0.5, unit="ratio", low=0, high=2, advanced=True,
          meaning="weight of bush overgrowth next to disorder in the neglect people see",
          label_nl="gewicht van bosjes in zichtbare verwaarlozing",
          meaning_nl="gewicht van overwoekerde bosjes naast verloedering in de verwaarlozing die men ziet"),
    param(name="neglect_radius", kind="int", default=2, unit="cells", low=0, high=5, advanced=True,
          meaning="radius around home over which neglect (presence, fear) is averaged",
          label_nl="straal van zichtbare verwaarlozing",
          meaning_nl="straal rond de woning waarover verwaarlozing (aanwezigheid, angst) wordt gemiddeld"),
))

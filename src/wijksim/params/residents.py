"""Stage ``residents`` (bewoners) of the parameter registry: 5 levers and 5 advanced constants.

The residents at the start: shares active and withdrawn, sensitivity to threats, initial fear and trust.

Each entry carries its English and Dutch texts side by side, so a change of meaning is made in both languages at
once; the entries are listed in the registry's order (:data:`wijksim.params.registry.ORDER`).
"""

from __future__ import annotations

from .core import Group, param

GROUP = Group(name="residents", name_nl="bewoners", params=(
    param(name="initial_share_active", kind="float", default=0.15, unit="fraction", low=0, high=1,
          meaning="share of residents active at the start",
          label_nl="aandeel actief bij de start",
          meaning_nl="aandeel bewoners dat bij de start actief is"),
    param(name="initial_share_withdrawn", kind="float", default=0.12, unit="fraction", low=0, high=1,
          meaning="share of residents withdrawn at the start",
          label_nl="aandeel teruggetrokken bij de start",
          meaning_nl="aandeel bewoners dat zich bij de start heeft teruggetrokken"),
    param(name="fear_sensitivity_sigma", kind="float", default=1.0, low=0, high=1.5,
          meaning="spread (lognormal sigma) of residents' sensitivity to threats",
          label_nl="spreiding in gevoeligheid voor dreiging",
          meaning_nl="spreiding (lognormale sigma) van hoe gevoelig bewoners zijn voor dreiging",
          source="Prieto Curiel & Bishop 2017"),
    param(name="trust_baseline", kind="float", default=0.5, unit="0-1", low=0, high=1,
          meaning="trust in each partner that residents relax towards",
          label_nl="basisvertrouwen in partners",
          meaning_nl="vertrouwen in elke partner waar bewoners na verloop van tijd naar terugkeren"),
    param(name="trust_relax_weeks", kind="float", default=52.0, unit="weeks", low=5, high=200,
          meaning="time scale on which trust relaxes towards its baseline (a year: surveys of trust in the police ask "
                  "about contacts and victimisation in the past twelve months)",
          label_nl="weken waarin vertrouwen terugveert",
          meaning_nl="tijdschaal waarop vertrouwen terugkeert naar het basisvertrouwen (een jaar: enquêtes naar "
                     "vertrouwen in de politie vragen naar contacten en slachtofferschap in de afgelopen twaalf "
                     "maanden)",
          source="Skogan 2006 (contacts in the past year); Veiligheidsmonitor (victimisation in the past 12 months)"),
    param(name="fear_init_alpha", kind="float", default=1.2, low=0.1, high=20, advanced=True,
          meaning="initial fear ~ Beta(alpha, beta) x scale: alpha",
          label_nl="beginangst: Beta-alpha",
          meaning_nl="beginangst ~ Beta(alpha, beta) maal schaal: alpha"),
    param(name="fear_init_beta", kind="float", default=5.0, low=0.1, high=50, advanced=True,
          meaning="initial fear ~ Beta(alpha, beta) x scale: beta",
          label_nl="beginangst: Beta-beta",
          meaning_nl="beginangst ~ Beta(alpha, beta) maal schaal: beta"),
    param(name="fear_init_scale", kind="float", default=0.6, low=0, high=2, advanced=True,
          meaning="initial fear ~ Beta(alpha, beta) x scale: scale for a non-withdrawn household",
          label_nl="beginangst: schaal",
          meaning_nl="beginangst ~ Beta(alpha, beta) maal schaal: schaal voor een niet-teruggetrokken huishouden"),
    param(name="fear_init_withdrawn", kind="float", default=0.8, low=0, high=2, advanced=True,
          meaning="extra initial fear scale for a withdrawn household",
          label_nl="extra beginangst teruggetrokken",
          meaning_nl="extra schaal van de beginangst voor een teruggetrokken huishouden"),
    param(name="trust_init_sd", kind="float", default=0.1, unit="0-1", low=0, high=0.5, advanced=True,
          meaning="spread (sd) of households' initial and baseline trust around trust_baseline",
          label_nl="spreiding in beginvertrouwen",
          meaning_nl="spreiding (sd) van het begin- en basisvertrouwen van huishoudens rond trust_baseline"),
))

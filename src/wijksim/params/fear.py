"""Stage ``fear`` (onveiligheidsgevoel) of the parameter registry: 11 levers and 2 advanced constants.

Fear: what raises it (victimisation, witnessing, hearing, disorder, warnings) and what lets it fade.

Each entry carries its English and Dutch texts side by side, so a change of meaning is made in both languages at
once; the entries are listed in the registry's order (:data:`wijksim.params.registry.ORDER`).
"""

from __future__ import annotations

from .core import Group, param

GROUP = Group(name="fear", name_nl="onveiligheidsgevoel", params=(
    param(name="fear_victim", kind="float", default=0.5, unit="0-1", low=0, high=1,
          meaning="fear gained by being victimised (times sensitivity)",
          label_nl="angst door slachtofferschap",
          meaning_nl="angst door slachtofferschap (maal de gevoeligheid)"),
    param(name="fear_witness", kind="float", default=0.3, unit="0-1", low=0, high=1,
          meaning="fear gained per witnessed incident",
          label_nl="angst per gezien incident",
          meaning_nl="angst per zelf gezien incident"),
    param(name="fear_hear", kind="float", default=0.1, unit="0-1", low=0, high=1,
          meaning="fear gained per incident heard about from a tie",
          label_nl="angst per gehoord incident",
          meaning_nl="angst per incident waarover iemand hoort van een bekende"),
    param(name="fear_disorder", kind="float", default=0.07, unit="1/week", low=0, high=0.5,
          meaning="weekly fear gained per unit disorder near home",
          label_nl="angst door verloedering per week",
          meaning_nl="wekelijkse angst per eenheid verloedering rond de woning",
          source="Skogan 1990"),
    param(name="fear_worry", kind="float", default=0.08, unit="0-1", low=0, high=1,
          meaning="fear gained from a warning without an action perspective",
          label_nl="angst door waarschuwing zonder handelingsperspectief",
          meaning_nl="angst door een waarschuwing zonder handelingsperspectief",
          source="002 (voorlichting)"),
    param(name="awareness_without_action", kind="float", default=0.1, unit="0-1", low=0, high=1,
          meaning="awareness (share of a message's strength) raised by a warning without an action perspective: it "
                  "names risks, not what to do",
          label_nl="bewustzijn uit waarschuwing zonder handelingsperspectief",
          meaning_nl="bewustzijn (deel van de kracht van een boodschap) door een waarschuwing zonder "
                     "handelingsperspectief: die noemt risico's, niet wat je kunt doen",
          source="002 (voorlichting); Pate et al. 1986"),
    param(name="fear_decay", kind="float", default=0.02, unit="1/week", low=0, high=1,
          meaning="weekly share of fear that fades",
          label_nl="afname van angst per week",
          meaning_nl="deel van de angst dat elke week wegebt"),
    param(name="reassure_support", kind="float", default=1.0, unit="ratio", low=0, high=5,
          meaning="extra fear decay with full community support",
          label_nl="extra afname angst bij steun uit de buurt",
          meaning_nl="extra afname van angst bij volledige steun uit de buurt"),
    param(name="reassure_guardianship", kind="float", default=0.5, unit="ratio", low=0, high=5,
          meaning="extra fear decay with full guardianship at home",
          label_nl="extra afname angst bij toezicht",
          meaning_nl="extra afname van angst bij volledig toezicht rond huis"),
    param(name="unsafe_threshold", kind="float", default=0.39, unit="0-1", low=0.05, high=0.95, ui=False,
          meaning="fear above which a resident says 'I feel unsafe' in a survey",
          label_nl="drempel voor 'ik voel me onveilig'",
          meaning_nl="angst waarboven een bewoner in een enquête zegt 'ik voel me onveilig'"),
    param(name="gossip_rate", kind="float", default=0.5, unit="probability", low=0, high=1,
          meaning="chance per tie per week that a witness tells about an incident",
          label_nl="kans dat een getuige het doorvertelt",
          meaning_nl="kans per band per week dat een getuige over een incident vertelt"),
    param(name="gossip_victim_weight", kind="float", default=2.0, unit="ratio", low=0, high=10, advanced=True,
          meaning="how many stories a victim tells per story a witness tells",
          label_nl="verhalen van een slachtoffer t.o.v. een getuige",
          meaning_nl="hoeveel verhalen een slachtoffer vertelt per verhaal van een getuige"),
    param(name="fear_exposure_weight", kind="float", default=2.0, unit="ratio", low=0, high=10, advanced=True,
          meaning="weight of (saturated) witnessing and hearing in the threat",
          label_nl="gewicht van zien en horen in de dreiging",
          meaning_nl="gewicht van (verzadigd) zien en horen van incidenten in de dreiging"),
))

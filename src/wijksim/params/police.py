"""Stage ``police`` (politie) of the parameter registry: 9 levers and 5 advanced constants.

The police: patrols, follow-up capacity, feedback to reporters and what it does to trust.

Each entry carries its English and Dutch texts side by side, so a change of meaning is made in both languages at
once; the entries are listed in the registry's order (:data:`wijksim.params.registry.ORDER`).
"""

from __future__ import annotations

from .core import Group, param

GROUP = Group(name="police", name_nl="politie", params=(
    param(name="patrols_per_1000", kind="float", default=2.0, unit="units/1000 hh", low=0, high=20,
          meaning="police patrol units per 1000 households",
          label_nl="surveillances per 1000 huishoudens",
          meaning_nl="surveillance-eenheden van de politie per 1000 huishoudens"),
    param(name="patrol_strategy", kind="choice", default="hotspot", choices=("random", "hotspot", "community"),
          meaning="how patrols choose where to be",
          label_nl="surveillancestrategie",
          meaning_nl="hoe de surveillance kiest waar ze is: willekeurig ('random'), op brandpunten ('hotspot') of als "
                     "vaste wijkagent ('community')",
          source="Pate et al. 1986"),
    param(name="police_capacity", kind="float", default=3.0, unit="reports/week/1000 hh", low=0, high=200,
          meaning="reports the police can follow up per week per 1000 households",
          label_nl="opvolgcapaciteit politie per 1000 huishoudens",
          meaning_nl="meldingen die de politie per week per 1000 huishoudens kan opvolgen"),
    param(name="police_feedback", kind="bool", default=False,
          meaning="does a reporter hear back what was done with the report?",
          label_nl="terugkoppeling op meldingen",
          meaning_nl="hoort een melder terug wat er met de melding is gedaan?",
          source="002 (real access: feedback on reports); Sjoberg et al. 2017"),
    param(name="feedback_trust_gain", kind="float", default=0.03, unit="0-1", low=0, high=1,
          meaning="trust gained by a report that got feedback (a good contact: a tenth of what a bad one costs)",
          label_nl="vertrouwenswinst door terugkoppeling",
          meaning_nl="vertrouwen dat een melding met terugkoppeling oplevert (een goed contact: een tiende van wat een "
                     "slecht contact kost)",
          source="Skogan 2006, Policing & Society 16(2): 99–126, abstract p. 99: a bad experience "
                 "with the police weighs 4–14 times a good one (good experiences barely register)"),
    param(name="feedback_visible_gain", kind="float", default=0.4, unit="0-1", low=0, high=1,
          meaning="trust in the police gained (once a week) by households living near a followed-up incident when the "
                  "police give feedback: the result is seen beyond the reporter; 0 = reporters only",
          label_nl="vertrouwen door zichtbare terugkoppeling (buren)",
          meaning_nl="vertrouwen in de politie dat huishoudens rond een opgevolgd incident (eens per week) winnen als "
                     "de politie terugkoppelt: ook buiten de melder ziet men het resultaat; 0 = alleen melders",
          source="Veiligheidsmonitor 2009 ('won't help anyway', 36 %); Sjoberg, Mellon & Peixoto 2017"),
    param(name="silence_trust_loss", kind="float", default=0.3, unit="0-1", low=0, high=1,
          meaning="trust lost by a report or complaint met with silence (a bad experience: 10 times the good contact "
                  "feedback_trust_gain)",
          label_nl="vertrouwensverlies door stilte",
          meaning_nl="vertrouwen dat verloren gaat als op een melding of klacht niets terugkomt (een slechte ervaring: "
                     "10 keer het goede contact feedback_trust_gain)",
          source="Skogan 2006, Policing & Society 16(2): 99–126, abstract p. 99: a bad "
                 "experience with the police weighs 4–14 times a good one"),
    param(name="trust_gossip", kind="float", default=0.3, unit="fraction", low=0, high=1,
          meaning="share of a reporter's trust change in the police passed on to each tie",
          label_nl="doorgegeven vertrouwensverandering aan banden",
          meaning_nl="deel van de verandering in vertrouwen in de politie van een melder dat via elke band doorgaat",
          source="Sjoberg et al. 2017; Veiligheidsmonitor ('won't help anyway')"),
    param(name="community_policing_trust", kind="float", default=0.01, unit="0-1", low=0, high=0.2,
          meaning="weekly trust gained from a fixed-face patrol nearby",
          label_nl="vertrouwenswinst door een vast gezicht",
          meaning_nl="wekelijkse winst in vertrouwen door een wijkagent (vast gezicht) in de buurt"),
    param(name="followup_risk_left", kind="float", default=0.5, unit="fraction", low=0, high=1, advanced=True,
          meaning="share of the risk field left at a cell where police followed up a crime",
          label_nl="risico dat blijft na opvolging door politie",
          meaning_nl="deel van het risico dat blijft op een cel waar de politie een delict heeft opgevolgd"),
    param(name="patrol_hotspot_radius", kind="int", default=2, unit="cells", low=0, high=5, advanced=True,
          meaning="radius over which hotspot patrols sum the report map",
          label_nl="straal van hotspot-surveillance",
          meaning_nl="straal waarover surveillance op brandpunten de meldingenkaart optelt"),
    param(name="patrol_hotspot_floor", kind="float", default=0.2, low=0, high=5, advanced=True,
          meaning="weight of a cell without reports in hotspot patrol choice",
          label_nl="gewicht van een cel zonder meldingen",
          meaning_nl="gewicht van een cel zonder meldingen bij de keuze van surveillance op brandpunten"),
    param(name="patrol_beat_range", kind="int", default=2, unit="cells", low=0, high=5, advanced=True,
          meaning="how far a community-policing unit walks off its beat",
          label_nl="loopafstand van de wijkagent",
          meaning_nl="hoe ver een wijkagent van zijn vaste route afwijkt"),
    param(name="victim_trust_loss", kind="float", default=0.3, unit="0-1", low=0, high=1, advanced=True,
          meaning="trust in the police lost by a household that suffers a burglary or street crime (a bad experience: "
                  "not protected), trust −= loss·trust once a week it is victimised; 0 = victimisation leaves trust "
                  "alone",
          label_nl="vertrouwensverlies door slachtofferschap",
          meaning_nl="vertrouwen in de politie dat een huishouden verliest als het slachtoffer wordt van inbraak of "
                     "straatcriminaliteit (een slechte ervaring: niet beschermd), vertrouwen −= "
                     "verlies·vertrouwen, eens per week; 0 = slachtofferschap laat het vertrouwen ongemoeid",
          source="Skogan 2006, Policing & Society 16(2): 99–126, abstract p. 99 (a bad experience weighs 4–14 times a "
                 "good one); Veiligheidsmonitor (victims trust the police less than non-victims)"),
))

"""Stage ``partners`` (partners) of the parameter registry: 9 levers and 9 advanced constants.

The partners (housing corporation, municipality, police together): maintenance capacity, collaboration and the
shared map.

Each entry carries its English and Dutch texts side by side, so a change of meaning is made in both languages at
once; the entries are listed in the registry's order (:data:`wijksim.params.registry.ORDER`).
"""

from __future__ import annotations

from .core import Group, param

GROUP = Group(name="partners", name_nl="partners", params=(
    param(name="maintenance_capacity", kind="float", default=6.0, unit="jobs/week/1000 hh", low=0, high=100,
          meaning="housing corporation repairs per week per 1000 households",
          label_nl="onderhoudscapaciteit corporatie",
          meaning_nl="reparaties van de woningcorporatie per week per 1000 huishoudens"),
    param(name="municipal_capacity", kind="float", default=4.0, unit="jobs/week/1000 hh", low=0, high=100,
          meaning="municipal maintenance jobs on public space per week per 1000 households",
          label_nl="onderhoudscapaciteit gemeente",
          meaning_nl="onderhoudsklussen van de gemeente in de openbare ruimte per week per 1000 huishoudens"),
    param(name="municipal_support", kind="float", default=0.0, unit="fraction", low=0, high=1,
          meaning="share of municipal capacity lent to the corporation (pruning, locks)",
          label_nl="steun gemeente aan corporatie",
          meaning_nl="deel van de capaciteit van de gemeente dat zij de corporatie leent (snoeien, sloten)",
          source="002 (municipality helps prune)"),
    param(name="routine_share", kind="float", default=0.5, unit="fraction", low=0, high=1,
          meaning="share of maintenance capacity spent on routine rounds, not complaints",
          label_nl="aandeel onderhoud in vaste rondes",
          meaning_nl="deel van de onderhoudscapaciteit dat naar vaste rondes gaat in plaats van naar klachten"),
    param(name="collaboration", kind="choice", default="blame_shifting", choices=("blame_shifting", "mutual_support"),
          meaning="how police, municipality and housing corporation work together",
          label_nl="samenwerking partners",
          meaning_nl="hoe politie, gemeente en woningcorporatie samenwerken: elkaar aanwijzen ('blame_shifting') of "
                     "elkaar steunen ('mutual_support')",
          source="002 (elkaar aanwijzen)"),
    param(name="cooperation", kind="float", default=0.5, unit="0-1", low=0, high=1,
          meaning="cooperation level between the partners",
          label_nl="mate van samenwerking",
          meaning_nl="mate van samenwerking tussen de partners",
          source="000, 003, 004"),
    param(name="shared_measurement", kind="bool", default=False,
          meaning="do partners target maintenance and patrols with a shared incident map?",
          label_nl="gedeelde incidentenkaart van partners",
          meaning_nl="sturen de partners onderhoud en surveillance met een gedeelde incidentenkaart?",
          source="Kania & Kramer 2011"),
    param(name="referral_trust_loss", kind="float", default=0.3, unit="0-1", low=0, high=1,
          meaning="trust lost in both partners when a complaint is referred on (a bad experience: 10 times the good "
                  "contact feedback_trust_gain)",
          label_nl="vertrouwensverlies bij doorverwijzen",
          meaning_nl="vertrouwen dat in beide partners verloren gaat als een klacht wordt doorverwezen (een slechte "
                     "ervaring: 10 keer het goede contact feedback_trust_gain)",
          source="002; size: Skogan 2006, Policing & Society 16(2): 99–126, abstract p. 99: a "
                 "bad experience with the police weighs 4–14 times a good one"),
    param(name="trust_spillover", kind="float", default=0.5, unit="fraction", low=0, high=1,
          meaning="share of a trust change spilling to the other partners under mutual support",
          label_nl="overslaan van vertrouwen tussen partners",
          meaning_nl="deel van een verandering in vertrouwen dat bij wederzijdse steun overslaat op de andere "
                     "partners"),
    param(name="complaint_patience", kind="int", default=6, unit="weeks", low=1, high=52, advanced=True,
          meaning="weeks a complaint waits before it expires and counts as ignored",
          label_nl="weken dat een klacht wacht",
          meaning_nl="weken dat een klacht wacht voordat ze vervalt en als genegeerd telt"),
    param(name="maintenance_job_radius", kind="int", default=1, unit="cells", low=0, high=3, advanced=True,
          meaning="radius of the patch one maintenance job works (1: 3x3)",
          label_nl="straal van één onderhoudsklus",
          meaning_nl="straal van het vlak dat één onderhoudsklus aanpakt (1: 3x3)"),
    param(name="maintenance_damage_left", kind="float", default=0.2, unit="fraction", low=0, high=1, advanced=True,
          meaning="share of damage left on a cell after a maintenance job",
          label_nl="schade die blijft na een klus",
          meaning_nl="deel van de schade dat na een onderhoudsklus blijft"),
    param(name="maintenance_litter_left", kind="float", default=0.5, unit="fraction", low=0, high=1, advanced=True,
          meaning="share of litter left on a cell after a maintenance job",
          label_nl="zwerfvuil dat blijft na een klus",
          meaning_nl="deel van het zwerfvuil dat na een onderhoudsklus blijft"),
    param(name="maintenance_bushes_pruned", kind="float", default=0.1, unit="0-1", low=0, high=1, advanced=True,
          meaning="overgrowth to which a maintenance job prunes bushes",
          label_nl="begroeiing na snoeien",
          meaning_nl="begroeiing waartoe een onderhoudsklus de bosjes snoeit"),
    param(name="maintenance_lock_repair", kind="float", default=0.15, unit="0-1", low=0, high=1, advanced=True,
          meaning="lock quality a maintenance job adds to a dwelling",
          label_nl="slotkwaliteit erbij na een klus",
          meaning_nl="kwaliteit van sloten die een onderhoudsklus aan een woning toevoegt"),
    param(name="routine_weight_floor", kind="float", default=0.05, low=0, high=5, advanced=True,
          meaning="weight of a quiet cell in routine rounds targeted by the shared map",
          label_nl="gewicht van een rustige cel in vaste rondes",
          meaning_nl="gewicht van een rustige cel in vaste rondes die de gedeelde kaart volgen"),
    param(name="routine_damage_weight", kind="float", default=5.0, unit="incidents per unit damage", low=0, high=20,
          advanced=True,
          meaning="weight of damage against recent incidents in routine rounds targeted by the shared map",
          label_nl="gewicht van schade in vaste rondes",
          meaning_nl="gewicht van schade tegenover recente incidenten in vaste rondes die de gedeelde kaart volgen"),
    param(name="map_memory", kind="float", default=0.8, unit="fraction", low=0, high=1, advanced=True,
          meaning="weekly share kept of the incident, report and repair maps (patrol and shared-measurement targeting)",
          label_nl="geheugen van de incidentenkaarten per week",
          meaning_nl="deel van de kaarten van incidenten, meldingen en reparaties dat elke week bewaard blijft (voor "
                     "surveillance en gedeelde meting)"),
))

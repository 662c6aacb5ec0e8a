"""The parameter registry in Dutch: a short label and the meaning of every parameter, units and ranges.

The registry (:mod:`wijksim.params`) attaches these texts to each :class:`~wijksim.params.Param` as
``label_nl`` and ``meaning_nl`` when it builds the entry, so an entry carries its English and its Dutch
side by side (``PARAMS[name].meaning`` / ``PARAMS[name].meaning_nl``). They live in this module, keyed
by name, only because the registry module would otherwise pass the 500-line limit that keeps the core
readable; a test fails when a parameter lacks its Dutch texts or when a key here names no parameter.

The audience is a Dutch policy advisor, wijkagent or corporation employee: the texts use their words
(wijk, buurtpreventie, wijkagent, woningcorporatie, gemeente, melding, verloedering, terugtrekken,
sleutelpersonen, voorlichting) and say what the number does in the model, as the English does.
"""

from __future__ import annotations

from typing import Any

from .text.numbers import number

#: name -> (short label for a control, meaning), in the registry's order
NL: dict[str, tuple[str, str]] = {
    # --- run
    "burn_in": ("inloopweken (niet vastgelegd)",
                "weken die vóór week 1 worden doorgerekend maar niet vastgelegd, zodat een run begint in een "
                "bijna-evenwicht (banden, achterstallig herstel en sloten komen pas na jaren tot rust; na 78 weken "
                "groeide het aandeel teruggetrokken van jaar 1 tot jaar 3 nog 11 %)"),
    # --- layout
    "width": ("breedte van de wijk (cellen)", "breedte van het rooster"),
    "height": ("hoogte van de wijk (cellen)", "hoogte van het rooster"),
    "block_size": ("blokgrootte tussen straten", "zijde van een bouwblok tussen de straten"),
    "share_corporation": ("aandeel corporatiebezit", "aandeel woonblokken in bezit van de woningcorporatie"),
    "share_courtyard": ("aandeel hofjes", "aandeel woonblokken dat rond een binnenhof (hofje) is gebouwd"),
    "share_green": ("aandeel groen", "aandeel blokken dat openbaar groen met bosjes is"),
    "initial_bushes": ("begroeiing bosjes bij de start",
                       "hoe overwoekerd de bosjes op groene cellen bij de start zijn"),
    "initial_hardening": ("kwaliteit sloten en deuren bij de start",
                          "kwaliteit van sloten en deuren van de woningen bij de start"),
    # --- network
    "tie_radius": ("afstand waarbinnen buren elkaar kennen", "afstand waarbinnen buren elkaar kunnen kennen"),
    "mean_degree": ("gemiddeld aantal sociale banden", "gemiddeld aantal sociale banden per huishouden"),
    "courtyard_tie_factor": ("kans op een band binnen een hofje (factor)",
                             "hoeveel waarschijnlijker een band is tussen twee huishoudens van één hofje"),
    "share_distant_ties": ("aandeel banden elders in de wijk",
                           "aandeel banden met huishoudens elders in de wijk (kleine wereld)"),
    "max_degree": ("maximum aantal mogelijke banden",
                   "bovengrens op mogelijke banden per huishouden (zodat cohesie niet verzadigt)"),
    "initial_tie_strength": ("sterkte van een band bij de start", "gemiddelde beginsterkte van een bestaande band"),
    # --- residents
    "initial_share_active": ("aandeel actief bij de start", "aandeel bewoners dat bij de start actief is"),
    "initial_share_withdrawn": ("aandeel teruggetrokken bij de start",
                                "aandeel bewoners dat zich bij de start heeft teruggetrokken"),
    "fear_sensitivity_sigma": ("spreiding in gevoeligheid voor dreiging",
                               "spreiding (lognormale sigma) van hoe gevoelig bewoners zijn voor dreiging"),
    "trust_baseline": ("basisvertrouwen in partners",
                       "vertrouwen in elke partner waar bewoners na verloop van tijd naar terugkeren"),
    "trust_relax_weeks": ("weken waarin vertrouwen terugveert",
                          "tijdschaal waarop vertrouwen terugkeert naar het basisvertrouwen"),
    # --- presence
    "presence_base": ("tijd buiten (passieve bewoner, logit)",
                      "logit van het deel van de tijd dat een passieve bewoner buiten in de buurt is"),
    "presence_active": ("extra tijd buiten (actieve bewoner)", "extra logit tijd buiten voor een actieve bewoner"),
    "presence_withdrawn": ("minder tijd buiten (teruggetrokken)",
                           "logit minder tijd buiten voor een teruggetrokken bewoner"),
    "presence_fear": ("minder tijd buiten per eenheid angst", "logit minder tijd buiten per eenheid angst"),
    "presence_disorder": ("minder tijd buiten door verloedering",
                          "logit minder tijd buiten per eenheid verloedering en bosjes rond de woning"),
    "presence_participation": ("extra tijd buiten bij activiteiten",
                               "extra logit tijd buiten zolang iemand meedoet aan activiteiten"),
    # --- guardianship
    "guardianship_radius": ("bereik van ogen op straat", "hoe ver de ogen van bewoners op straat reiken"),
    "kappa_residents": ("toezicht per aanwezige bewoner", "toezicht per aanwezige bewoner(-equivalent) in de buurt"),
    "kappa_patrol": ("toezicht per surveillance-eenheid", "toezicht per surveillance-eenheid in de buurt"),
    "vigilance_active": ("extra waakzaamheid van actieve bewoners",
                         "hoeveel waakzamer een actieve bewoner is dan een passieve (let op, waarschuwt het netwerk, "
                         "meldt snel)"),
    "bush_sightline": ("zicht verloren door overwoekerde bosjes",
                       "deel van het zicht dat verloren gaat op een volledig overwoekerde cel"),
    "guardianship_effect": ("voorkomen criminaliteit bij vol toezicht",
                            "deel van de criminaliteit dat volledig toezicht voorkomt"),
    # --- incidents
    "crime_rate": ("criminaliteitsniveau (vermenigvuldiger)", "vermenigvuldiger op alle basiskansen op incidenten"),
    "rate_nuisance": ("basiskans overlast per cel per week",
                      "basiskans per week op overlast per openbare cel of woningcel"),
    "rate_burglary": ("basiskans inbraak per woning per week", "basiskans per week op inbraak per woning"),
    "rate_street": ("basiskans straatcriminaliteit per cel per week",
                    "basiskans per week op straatcriminaliteit per openbare cel"),
    "offender_capacity": ("verzadiging van daders (vermenigvuldiger)",
                          "vermenigvuldiger waarbij de criminaliteit verzadigt (er zijn niet oneindig veel daders)"),
    "disorder_attraction": ("extra overlast door verloedering",
                            "extra overlast per eenheid verloedering (1 = verdubbeld bij volledige verloedering)"),
    "bush_attraction": ("extra straatcriminaliteit door bosjes",
                        "extra straatcriminaliteit per eenheid overwoekering van bosjes"),
    "risk_boost": ("aantrekkelijkheid na een incident zonder toezicht",
                   "aantrekkelijkheid voor daders die een incident zonder toezicht aan een cel toevoegt"),
    "risk_decay": ("afname van die aantrekkelijkheid per week",
                   "wekelijkse afname van die aantrekkelijkheid (herhaald slachtofferschap in de buurt)"),
    "risk_spread": ("verspreiding naar buurcellen per week",
                    "deel van de aantrekkelijkheid dat elke week overslaat naar de 8 omliggende cellen"),
    # --- disorder
    "litter_per_nuisance": ("zwerfvuil per overlastincident",
                            "zwerfvuil dat een overlastincident op een cel achterlaat"),
    "damage_per_nuisance": ("schade per overlastincident",
                            "verwachte schade (graffiti, kapotte lantaarns) per overlastincident"),
    "damage_wear": ("slijtage per week", "wekelijkse slijtage (kapotte lantaarns, graffiti) op elke cel"),
    "lock_wear": ("slijtage van sloten per week", "deel van de kwaliteit van sloten en deuren dat elke week slijt"),
    "litter_decay": ("zwerfvuil dat vanzelf verdwijnt per week",
                     "deel van het zwerfvuil dat elke week vanzelf verdwijnt"),
    "tidy_rate": ("opruimen door actieve bewoners",
                  "deel van het zwerfvuil dat per week wordt opgeruimd per actieve bewoner(-equivalent) in de buurt"),
    "bush_growth": ("aangroei van bosjes per week", "wekelijkse aangroei van bosjes op groene cellen"),
    "maintenance_capacity": ("onderhoudscapaciteit corporatie",
                             "reparaties van de woningcorporatie per week per 1000 huishoudens"),
    "municipal_capacity": ("onderhoudscapaciteit gemeente",
                           "onderhoudsklussen van de gemeente in de openbare ruimte per week per 1000 huishoudens"),
    "municipal_support": ("steun gemeente aan corporatie",
                          "deel van de capaciteit van de gemeente dat zij de corporatie leent (snoeien, sloten)"),
    "routine_share": ("aandeel onderhoud in vaste rondes",
                      "deel van de onderhoudscapaciteit dat naar vaste rondes gaat in plaats van naar klachten"),
    # --- police
    "patrols_per_1000": ("surveillances per 1000 huishoudens",
                         "surveillance-eenheden van de politie per 1000 huishoudens"),
    "patrol_strategy": ("surveillancestrategie", "hoe de surveillance kiest waar ze is: willekeurig ('random'), op "
                        "brandpunten ('hotspot') of als vaste wijkagent ('community')"),
    "police_capacity": ("opvolgcapaciteit politie per 1000 huishoudens",
                        "meldingen die de politie per week per 1000 huishoudens kan opvolgen"),
    "police_feedback": ("terugkoppeling op meldingen", "hoort een melder terug wat er met de melding is gedaan?"),
    "feedback_trust_gain": ("vertrouwenswinst door terugkoppeling",
                            "vertrouwen dat een melding met terugkoppeling oplevert"),
    "feedback_visible_gain": ("vertrouwen door zichtbare terugkoppeling (buren)",
                              "vertrouwen in de politie dat huishoudens rond een opgevolgd incident (eens per week) "
                              "winnen als de politie terugkoppelt: ook buiten de melder ziet men het resultaat; "
                              "0 = alleen melders"),
    "silence_trust_loss": ("vertrouwensverlies door stilte",
                           "vertrouwen dat verloren gaat als op een melding of klacht niets terugkomt"),
    "trust_gossip": ("doorgegeven vertrouwensverandering aan banden",
                     "deel van de verandering in vertrouwen in de politie van een melder dat via elke band doorgaat"),
    "community_policing_trust": ("vertrouwenswinst door een vast gezicht",
                                 "wekelijkse winst in vertrouwen door een wijkagent (vast gezicht) in de buurt"),
    # --- partners
    "collaboration": ("samenwerking partners", "hoe politie, gemeente en woningcorporatie samenwerken: elkaar "
                      "aanwijzen ('blame_shifting') of elkaar steunen ('mutual_support')"),
    "cooperation": ("mate van samenwerking", "mate van samenwerking tussen de partners"),
    "shared_measurement": ("gedeelde incidentenkaart van partners",
                           "sturen de partners onderhoud en surveillance met een gedeelde incidentenkaart?"),
    "referral_trust_loss": ("vertrouwensverlies bij doorverwijzen",
                            "vertrouwen dat in beide partners verloren gaat als een klacht wordt doorverwezen"),
    "trust_spillover": ("overslaan van vertrouwen tussen partners",
                        "deel van een verandering in vertrouwen dat bij wederzijdse steun overslaat op de andere "
                        "partners"),
    # --- reporting
    "witness_radius": ("afstand waarbinnen men een incident ziet",
                       "afstand waarbinnen aanwezige bewoners een incident kunnen zien"),
    "p_witness": ("kans om een incident te zien", "kans dat een aanwezige bewoner in de buurt een incident ziet"),
    "report_base": ("basisgeneigdheid om te melden (logit)",
                    "logit van het melden van een gezien incident door een passieve bewoner bij vertrouwen ½"),
    "report_trust": ("melden per eenheid vertrouwen in politie", "logit melden per eenheid vertrouwen in de politie"),
    "report_active": ("extra melden door actieve bewoner", "extra logit melden voor een actieve bewoner"),
    "report_withdrawn": ("minder melden door teruggetrokken bewoner",
                         "logit minder melden voor een teruggetrokken bewoner"),
    "report_victim": ("extra melden door het slachtoffer", "extra logit melden voor het slachtoffer"),
    "complaint_rate": ("klachtkans per week",
                       "wekelijkse kans op een klacht per eenheid verloedering rond de woning en gezien incident"),
    "conflict_share": ("aandeel meldingen over een buur", "aandeel overlastmeldingen dat over een buur gaat"),
    "conflict_strain": ("schade aan een band per melding over een buur",
                        "verlies aan sterkte van de band, en aan vertrouwen bij de buur, per melding over die buur"),
    # --- fear
    "fear_victim": ("angst door slachtofferschap", "angst door slachtofferschap (maal de gevoeligheid)"),
    "fear_witness": ("angst per gezien incident", "angst per zelf gezien incident"),
    "fear_hear": ("angst per gehoord incident", "angst per incident waarover iemand hoort van een bekende"),
    "fear_disorder": ("angst door verloedering per week", "wekelijkse angst per eenheid verloedering rond de woning"),
    "fear_worry": ("angst door waarschuwing zonder handelingsperspectief",
                   "angst door een waarschuwing zonder handelingsperspectief"),
    "awareness_without_action": ("bewustzijn uit waarschuwing zonder handelingsperspectief",
                                 "bewustzijn (deel van de kracht van een boodschap) door een waarschuwing zonder "
                                 "handelingsperspectief: die noemt risico's, niet wat je kunt doen"),
    "fear_decay": ("afname van angst per week", "deel van de angst dat elke week wegebt"),
    "reassure_support": ("extra afname angst bij steun uit de buurt",
                         "extra afname van angst bij volledige steun uit de buurt"),
    "reassure_guardianship": ("extra afname angst bij toezicht",
                              "extra afname van angst bij volledig toezicht rond huis"),
    "unsafe_threshold": ("drempel voor 'ik voel me onveilig'",
                         "angst waarboven een bewoner in een enquête zegt 'ik voel me onveilig'"),
    "gossip_rate": ("kans dat een getuige het doorvertelt",
                    "kans per band per week dat een getuige over een incident vertelt"),
    # --- decision
    "p_reconsider": ("aandeel dat per week opnieuw kiest",
                     "deel van de bewoners dat elke week opnieuw kiest: terugtrekken, passief blijven of actief"),
    "b0_active": ("basisnut van actief zijn", "basisnut van actief zijn"),
    "b_support": ("nut van actief zijn per eenheid steun", "nut van actief zijn per eenheid steun uit de buurt"),
    "b_norm": ("nut van actief zijn door de buurtnorm",
               "nut van actief zijn per aandeel actieve bewoners rond de woning (de norm in de buurt)"),
    "b_norm_withdrawn": ("nut van terugtrekken als dat de norm in de buurt is",
                         "nut van terugtrekken zodra terugtrekken de norm in de buurt is geworden (0: uit)"),
    "withdrawal_norm_threshold": ("aandeel teruggetrokken waarboven terugtrekken de norm wordt",
                                  "aandeel teruggetrokken huishoudens in de buurt waarboven terugtrekken de norm "
                                  "wordt (een drempel: daaronder werkt de norm niet)"),
    "withdrawal_norm_span": ("aandeel waarover de terugtreknorm op volle sterkte komt",
                             "extra aandeel teruggetrokken huishoudens waarover de terugtreknorm van nul tot "
                             "volle sterkte groeit"),
    "withdrawal_norm_radius": ("straal waarbinnen bewoners zien wie zich terugtrekt",
                               "straal rond de woning waarbinnen bewoners zien hoeveel huishoudens zich "
                               "terugtrekken (40 cellen: ongeveer een buurt van 600 m)"),
    "b_trust": ("nut van actief zijn per eenheid vertrouwen",
                "nut van actief zijn per eenheid vertrouwen in de partners"),
    "b_awareness": ("nut van actief zijn door handelingsperspectief",
                    "nut van actief zijn per eenheid handelingsperspectief"),
    "b_fatigue": ("nadeel van actief zijn door vermoeidheid", "nadeel van actief zijn per eenheid vermoeidheid"),
    "fear_to_action": ("angst → actie (met steun van de buurt)",
                       "nut van actief zijn per eenheid angst maal steun uit de buurt"),
    "w0_withdrawn": ("basisnut van terugtrekken", "basisnut van terugtrekken"),
    "fear_to_withdrawal": ("angst → terugtrekken (zonder steun)",
                           "nut van terugtrekken per eenheid angst maal gebrek aan steun"),
    "community_split": ("steun uit de buurt splitst angst (mechanisme)",
                        "bepaalt steun uit de buurt of angst tot actie of tot terugtrekken leidt?"),
    "habit": ("gewoonte (kosten van veranderen)", "nut van de huidige toestand (gewoonte, kosten van veranderen)"),
    "support_scale": ("schaal van steun uit de buurt",
                      "gewogen aandeel actieve banden waarbij de steun 63 % bereikt"),
    "support_participation": ("steun door meedoen aan activiteiten",
                              "steun door recent meedoen, als deel van de actieve banden"),
    "coordinator_support": ("steun door een sleutelpersoon",
                            "steun die een sleutelpersoon in de buurt toevoegt (begrensd)"),
    "coordinator_commitment": ("inzet van sleutelpersonen (nut van actief zijn)",
                               "nut van actief zijn dat de rol van sleutelpersoon toevoegt (gevraagd, verwacht): "
                               "sleutelpersonen worden actief via hun eigen keuze; negatief = actief aangewezen "
                               "(oudere regel)"),
    "attrition": ("kans per week dat een actieve bewoner stopt",
                  "wekelijkse kans dat een actieve bewoner om persoonlijke redenen stopt"),
    "attrition_crowding": ("extra stoppen bij veel actieve buren",
                           "extra wekelijkse kans om te stoppen per aandeel actieve bewoners rond de woning "
                           "(afnemende meeropbrengst)"),
    "fatigue_silence": ("vermoeidheid door stilte of doorverwijzen",
                        "vermoeidheid door een melding of klacht waarop niets komt of die wordt doorverwezen"),
    "referral_fatigue": ("vermoeidheid door doorverwijzen",
                         "extra vermoeidheid door een klacht of melding die naar een andere partner wordt "
                         "doorverwezen (van het kastje naar de muur); 0 = doorverwijzen vermoeit als stilte"),
    "referral_fatigue_ties": ("vermoeidheid bij banden die het verhaal horen",
                              "deel van de extra vermoeidheid door doorverwijzen dat via elke band doorgaat (gewogen "
                              "naar sterkte): de buren horen het verhaal"),
    "fatigue_recovery": ("herstel van vermoeidheid per week", "deel van de vermoeidheid dat elke week wegebt"),
    "awareness_decay": ("afname handelingsperspectief per week",
                        "deel van het bewustzijn (handelingsperspectief) dat elke week wegebt"),
    # --- turnover
    "turnover": ("verhuizingen (in- en uitstroom)",
                 "verhuizen huishoudens en komen er nieuwkomers met zwakke banden voor terug? Standaard uit: aan "
                 "daalt de cohesie tot ≈ 5,6 en het onveiligheidsgevoel tot ≈ 14 %, zonder kantelgebied"),
    "move_base": ("basiskans op verhuizen per week",
                  "wekelijkse kans dat een huishouden verhuist om redenen die los staan van de wijk"),
    "move_fear": ("extra verhuiskans door angst", "extra wekelijkse kans om te verhuizen per eenheid angst"),
    "move_withdrawn": ("extra verhuiskans bij terugtrekking",
                       "extra wekelijkse kans om te verhuizen voor een teruggetrokken huishouden"),
    "newcomer_tie_strength": ("sterkte van banden van nieuwkomers",
                              "sterkte van de banden van een nieuwkomer met de buren van de woning (kennen elkaar van "
                              "gezicht); ze groeien door elkaar te ontmoeten"),
    # --- cohesion
    "tie_meet_gain": ("groei van banden door elkaar te zien",
                      "wekelijkse (logistische) groei van een band per eenheid samen buiten doorgebrachte tijd"),
    "tie_activity_gain": ("groei van banden door samen mee te doen",
                          "versterking van een band door mee te doen aan dezelfde activiteit"),
    "tie_formation": ("kans dat buren een band aangaan",
                      "wekelijkse kans dat twee buren die tegelijk buiten zijn een band aangaan"),
    "tie_decay": ("afname van banden zonder contact", "wekelijkse afname van een band zonder contact"),
    "tie_decay_withdrawn": ("extra afname banden bij terugtrekken",
                            "extra wekelijkse afname van de banden van een teruggetrokken huishouden"),
    # --- advanced (structural constants)
    "fear_init_alpha": ("beginangst: Beta-alpha", "beginangst ~ Beta(alpha, beta) maal schaal: alpha"),
    "fear_init_beta": ("beginangst: Beta-beta", "beginangst ~ Beta(alpha, beta) maal schaal: beta"),
    "fear_init_scale": ("beginangst: schaal",
                        "beginangst ~ Beta(alpha, beta) maal schaal: schaal voor een niet-teruggetrokken huishouden"),
    "fear_init_withdrawn": ("extra beginangst teruggetrokken", "extra schaal van de beginangst voor een teruggetrokken "
                            "huishouden"),
    "trust_init_sd": ("spreiding in beginvertrouwen",
                      "spreiding (sd) van het begin- en basisvertrouwen van huishoudens rond trust_baseline"),
    "bush_init_sd": ("spreiding in begroeiing bij de start", "spreiding (sd) van de beginbegroeiing op groene cellen"),
    "courtyard_bush_factor": ("begroeiing in hofjes (factor)", "beginbegroeiing in hofjes vergeleken met groen"),
    "courtyard_bush_sd": ("spreiding begroeiing in hofjes", "spreiding (sd) van de beginbegroeiing in hofjes"),
    "hardening_init_sd": ("spreiding kwaliteit sloten bij de start",
                          "spreiding (sd) van de beginkwaliteit van sloten van woningen"),
    "tie_concentration": ("concentratie van beginsterkte banden",
                          "concentratie van de Beta-verdeling van de beginsterkte van banden"),
    "min_initial_tie": ("minimale beginsterkte van een band", "laagste beginsterkte van een bestaande band"),
    "neglect_bush_weight": ("gewicht van bosjes in zichtbare verwaarlozing",
                            "gewicht van overwoekerde bosjes naast verloedering in de verwaarlozing die men ziet"),
    "neglect_radius": ("straal van zichtbare verwaarlozing",
                       "straal rond de woning waarover verwaarlozing (aanwezigheid, angst) wordt gemiddeld"),
    "burglary_target_factor": ("inbraakkans van een slecht afgesloten woning",
                               "inbraakkans van een onafgesloten woning vergeleken met rate_burglary"),
    "litter_on_cell_share": ("aandeel zwerfvuil op de eigen cel",
                             "deel van het zwerfvuil van overlast dat op de eigen cel blijft (de rest verspreidt zich "
                             "over het 3x3-vlak)"),
    "share_passer_by": ("aandeel slachtoffers dat voorbijganger is",
                        "deel van de straatcriminaliteit waarvan het slachtoffer een voorbijganger is, geen buur"),
    "followup_risk_left": ("risico dat blijft na opvolging door politie",
                           "deel van het risico dat blijft op een cel waar de politie een delict heeft opgevolgd"),
    "feedback_fatigue_kept": ("vermoeidheid die blijft na een antwoord",
                              "deel van de vermoeidheid dat blijft als op een melding of klacht antwoord komt"),
    "complaint_disorder_weight": ("gewicht van verloedering in klachten",
                                  "gewicht van verloedering rond de woning tegenover geziene incidenten in de "
                                  "klachtkans"),
    "complaint_radius": ("straal van verloedering die tot klachten leidt",
                         "straal rond de woning waarover verloedering tot klachten leidt"),
    "complaint_will_active": ("klaagbereidheid actieve bewoner", "bereidheid tot klagen van een actief huishouden"),
    "complaint_will_passive": ("klaagbereidheid passieve bewoner", "bereidheid tot klagen van een passief huishouden"),
    "complaint_will_withdrawn": ("klaagbereidheid teruggetrokken bewoner",
                                 "bereidheid tot klagen van een teruggetrokken huishouden (heeft het opgegeven)"),
    "complaint_patience": ("weken dat een klacht wacht",
                           "weken dat een klacht wacht voordat ze vervalt en als genegeerd telt"),
    "maintenance_job_radius": ("straal van één onderhoudsklus", "straal van het vlak dat één onderhoudsklus aanpakt "
                               "(1: 3x3)"),
    "maintenance_damage_left": ("schade die blijft na een klus", "deel van de schade dat na een onderhoudsklus blijft"),
    "maintenance_litter_left": ("zwerfvuil dat blijft na een klus",
                                "deel van het zwerfvuil dat na een onderhoudsklus blijft"),
    "maintenance_bushes_pruned": ("begroeiing na snoeien", "begroeiing waartoe een onderhoudsklus de bosjes snoeit"),
    "maintenance_lock_repair": ("slotkwaliteit erbij na een klus",
                                "kwaliteit van sloten die een onderhoudsklus aan een woning toevoegt"),
    "routine_weight_floor": ("gewicht van een rustige cel in vaste rondes",
                             "gewicht van een rustige cel in vaste rondes die de gedeelde kaart volgen"),
    "routine_damage_weight": ("gewicht van schade in vaste rondes",
                              "gewicht van schade tegenover recente incidenten in vaste rondes die de gedeelde kaart "
                              "volgen"),
    "map_memory": ("geheugen van de incidentenkaarten per week",
                   "deel van de kaarten van incidenten, meldingen en reparaties dat elke week bewaard blijft "
                   "(voor surveillance en gedeelde meting)"),
    "patrol_hotspot_radius": ("straal van hotspot-surveillance",
                              "straal waarover surveillance op brandpunten de meldingenkaart optelt"),
    "patrol_hotspot_floor": ("gewicht van een cel zonder meldingen",
                             "gewicht van een cel zonder meldingen bij de keuze van surveillance op brandpunten"),
    "patrol_beat_range": ("loopafstand van de wijkagent", "hoe ver een wijkagent van zijn vaste route afwijkt"),
    "conflict_trust_factor": ("vertrouwensverlies van een gemelde buur",
                              "vertrouwen dat een buur over wie gemeld wordt verliest, als deel van conflict_strain"),
    "conflict_behaviour_rate": ("klachten over gedrag van buren (smal doel)",
                                "wekelijkse kans, per eenheid focus op overlastmeldingen, dat een gefocust huishouden "
                                "klaagt over het gedrag van een buur"),
    "conflict_side": ("omstanders kiezen partij in een conflict",
                      "deel van conflict_strain dat een band k van de gemelde buur, per eenheid w_jk, van de eigen "
                      "band met de melder afhaalt"),
    "report_focus_decay": ("afname van de meldfocus per week",
                           "deel van een smalle focus op melden dat elke week wegebt"),
    "gossip_victim_weight": ("verhalen van een slachtoffer t.o.v. een getuige",
                             "hoeveel verhalen een slachtoffer vertelt per verhaal van een getuige"),
    "fear_exposure_weight": ("gewicht van zien en horen in de dreiging",
                             "gewicht van (verzadigd) zien en horen van incidenten in de dreiging"),
    "coordinator_reach": ("bereik van een sleutelpersoon",
                          "afstand tot de woning waarbinnen een sleutelpersoon als dichtbij telt"),
    "tie_break_below": ("sterkte waaronder een band breekt", "sterkte waaronder een band breekt (op nul gezet)"),
    "new_tie_strength": ("sterkte van een nieuwe band", "sterkte van een band die buren op straat aangaan"),
    "distant_meet_factor": ("hoe vaak verre kennissen elkaar zien",
                            "hoe vaak twee huishoudens met een band op afstand elkaar zien, vergeleken met buren"),
}

#: the registry's units in Dutch (a unit missing here is shown as it is, and a test fails)
UNITS_NL: dict[str, str] = {
    "-": "-",
    "0-1": "0-1",
    "1/person": "1/persoon",
    "1/unit": "1/eenheid",
    "1/week": "1/week",
    "1/week per logit": "1/week per logit",
    "cells": "cellen",
    "cells (≈ 15 m)": "cellen (≈ 15 m)",
    "fraction": "fractie",
    "incidents per unit damage": "incidenten per eenheid schade",
    "incidents per unit disorder": "incidenten per eenheid verloedering",
    "jobs/week/1000 hh": "klussen per week per 1000 huishoudens",
    "logit": "logit",
    "probability": "kans",
    "ratio": "verhouding",
    "reports/week/1000 hh": "meldingen per week per 1000 huishoudens",
    "ties": "banden",
    "units/1000 hh": "eenheden per 1000 huishoudens",
    "utility": "nut",
    "weeks": "weken",
    "x": "x",
}

#: sources (``Param.source``) with English words, in Dutch; a pure citation ("Skogan 1990") stays as it is
SOURCES_NL: dict[str, str] = {
    "Quercia & Galster 2000 (thresholds); level a choice": "Quercia & Galster 2000 (drempels); de hoogte is een keuze",
    "Granovetter 1978; Cialdini et al. 1990; size as b_norm":
        "Granovetter 1978; Cialdini e.a. 1990; even groot als b_norm",
    "001 (a narrow reporting goal created opposition)": "001 (een smal meldgericht doel wekte tegenstand)",
    "001 (hofjes, positive social control)": "001 (hofjes, positieve sociale controle)",
    "001 (joint activities build cohesion)": "001 (gezamenlijke activiteiten bouwen cohesie)",
    "001 (joint activities)": "001 (gezamenlijke activiteiten)",
    "001 (the narrow goal created divisions and involved people negatively)":
        "001 (het smalle doel verdeelde de buurt en betrok mensen op een negatieve manier)",
    "001; disputes draw in third parties and polarise (Coleman 1957, Community Conflict)":
        "001; conflicten trekken derden mee en polariseren (Coleman 1957, Community Conflict)",
    "002 (municipality helps prune)": "002 (de gemeente helpt snoeien)",
    "002 (norms are group products)": "002 (normen ontstaan in de groep)",
    "002 (real access: feedback on reports); Sjoberg et al. 2017":
        "002 (echte toegang: terugkoppeling op meldingen); Sjoberg et al. 2017",
    "002 (residents drop out when partners point at each other)":
        "002 (bewoners haken af als partners naar elkaar wijzen)",
    "004 (best persons)": "004 (sleutelpersonen)",
    "CBS 2017 (34 % reported)": "CBS 2017 (34 % gemeld)",
    "CBS moving rates (≈ 5-10 % of households a year)": "CBS-verhuiscijfers (≈ 5-10 % van de huishoudens per jaar)",
    "Sjoberg et al. 2017; Veiligheidsmonitor ('won't help anyway')":
        "Sjoberg et al. 2017; Veiligheidsmonitor ('het helpt toch niet')",
    "Skogan 1990; Sampson, Raudenbush & Earls 1997 (residential stability)":
        "Skogan 1990; Sampson, Raudenbush & Earls 1997 (woonstabiliteit)",
    "Veiligheidsmonitor 2009 ('won't help anyway')": "Veiligheidsmonitor 2009 ('het helpt toch niet')",
    "Veiligheidsmonitor 2009 ('won't help anyway', 36 %); Sjoberg, Mellon & Peixoto 2017":
        "Veiligheidsmonitor 2009 ('het helpt toch niet', 36 %); Sjoberg, Mellon & Peixoto 2017",
    "calibrated: baseline eyes leave room for what active residents add":
        "gekalibreerd: het basistoezicht laat ruimte voor wat actieve bewoners toevoegen",
    "calibration (structural assumption, docs/design-notes.md)":
        "kalibratie (structurele aanname, docs/design-notes.md)",
    "routine activity theory": "routine-activiteitentheorie",
}

#: choice values as a Dutch reader sees them (the value itself is what a file must contain)
CHOICES_NL: dict[str, str] = {
    "random": "willekeurig", "hotspot": "brandpunten", "community": "vaste wijkagent",
    "blame_shifting": "elkaar aanwijzen", "mutual_support": "wederzijdse steun",
}


def number_nl(x: float) -> str:
    """A number as ``{x:g}`` writes it, in Dutch, with wijksim's one formatter (:func:`wijksim.text.numbers.number`)."""
    return number(x, "nl", None)


def range_text_nl(p: Any) -> str:
    """:meth:`wijksim.params.Param.range_text` in Dutch: what a value may be."""
    if p.kind == "bool":
        return "waar of onwaar (true of false)"
    if p.kind == "choice":
        return "een van " + ", ".join(f"{c!r} ({CHOICES_NL[c]})" if c in CHOICES_NL else repr(c) for c in p.choices)
    return f"{number_nl(p.low)} tot en met {number_nl(p.high)}" + ("" if p.kind == "float" else " (geheel getal)")


def range_facts(p: Any) -> dict[str, str]:
    """What a value of ``p`` may be, in English and in Dutch: the facts of a ``bad_param`` problem, so its Dutch
    message (:mod:`wijksim.text.messages`) needs no registry."""
    return {"allowed": p.range_text(), "allowed_nl": range_text_nl(p)}


def unit_nl(unit: str) -> str:
    """A registry unit in Dutch."""
    return UNITS_NL.get(unit, unit)


def source_nl(source: str) -> str:
    """A registry source in Dutch (citations unchanged)."""
    return SOURCES_NL.get(source, source)

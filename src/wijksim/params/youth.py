"""Stage ``youth`` (jongeren en ondermijning) of the parameter registry: young people (12–23) drawn into
undermining crime, what protects them, and the levers of the youth interventions. Off by default
(``youth_enabled``); with it off no other output changes by a single bit (the stage is skipped).

The mechanism is :mod:`wijksim.submodels.youth` (formulas in its docstring, docs/ODD.md "Youth and undermining
crime"). Population shares follow CBS; the weights of the uptake logit are structural assumptions in the
direction the cited literature gives, never tuned to the corroboration targets (docs/corroboration.md).
Each entry carries its English and Dutch texts side by side.
"""

from __future__ import annotations

from .core import Group, Param, param

_CBS_2023 = "CBS 2023, Rotterdam-Rijnmond: kinderen met een verdacht familielid"
_RISK = "Farrington 2005; Loeber & Farrington 1998 (risk and protective factors); structural weight"


def _logit(name: str, default: float, meaning: str, label_nl: str, meaning_nl: str, source: str) -> Param:
    """A weight (logit units) of the uptake or reporting formula: an advanced constant from 0 to 6."""
    return param(name=name, kind="float", default=default, unit="logit", low=0, high=6, advanced=True,
                 meaning=meaning, label_nl=label_nl, meaning_nl=meaning_nl, source=source)


def _rate(name: str, default: float, meaning: str, label_nl: str, meaning_nl: str, source: str | None = None,
          high: float = 1.0, unit: str = "1/week") -> Param:
    """A weekly rate or chance (advanced constant)."""
    return param(name=name, kind="float", default=default, unit=unit, low=0, high=high, advanced=True,
                 meaning=meaning, label_nl=label_nl, meaning_nl=meaning_nl, source=source)


def _lever(name: str, default: float, meaning: str, label_nl: str, meaning_nl: str, source: str,
           high: float = 1.0) -> Param:
    """A share an intervention sets (0 = not in force)."""
    return param(name=name, kind="float", default=default, unit="share", low=0, high=high, ui=False,
                 meaning=meaning, label_nl=label_nl, meaning_nl=meaning_nl, source=source)


GROUP = Group(name="youth", name_nl="jongeren en ondermijning", params=(
    param(name="youth_enabled", kind="bool", default=False,
          meaning="are young people (12–23) and their recruitment into undermining crime simulated? Off by default: "
                  "off, every other output is byte-identical",
          label_nl="jongeren en ondermijning",
          meaning_nl="worden jongeren (12–23) en hun werving voor ondermijnende criminaliteit gesimuleerd? Standaard "
                     "uit: dan verandert geen enkele andere uitkomst",
          source="issue 28; Ministerie SZW kennissessie 2024 (source 003)"),
    param(name="youth_per_household", kind="float", default=0.30, unit="youths/household", low=0, high=3,
          meaning="mean number of young people aged 12–23 per household (Poisson)",
          label_nl="jongeren (12–23) per huishouden",
          meaning_nl="gemiddeld aantal jongeren van 12–23 jaar per huishouden (Poisson)",
          source="CBS StatLine 2023: ≈ 2.5 M persons aged 12–23 in ≈ 8.1 M households"),
    param(name="youth_share_suspected_household", kind="float", default=0.057, unit="share", low=0, high=1,
          meaning="share of households whose youths live with an adult family member suspected of a serious crime",
          label_nl="aandeel met verdacht volwassen gezinslid",
          meaning_nl="aandeel huishoudens waarin jongeren wonen met een volwassen gezinslid dat verdacht is van een "
                     "ernstig misdrijf", source=_CBS_2023 + " (5.7 %)"),
    param(name="youth_share_suspected_relative", kind="float", default=0.22, unit="share", low=0, high=1,
          meaning="share of households whose youths have at least one suspected adult relative in the region "
                  "(those living with one included)",
          label_nl="aandeel met verdacht familielid in de regio",
          meaning_nl="aandeel huishoudens waarvan de jongeren ten minste één verdacht volwassen familielid in de regio "
                     "hebben (inclusief wie er mee samenwoont)", source=_CBS_2023 + " (≈ 22 %)"),
    _rate("youth_recruit_base", 0.004, "weekly chance that the criminal network outside the wijk approaches a youth",
          "basiskans op benadering", "wekelijkse kans dat het criminele netwerk van buiten een jongere benadert"),
    _rate("youth_recruit_peer", 0.08, "weekly rate of approaches per unit exposure to deviant peers (involved peers "
          "recruit)", "benadering via vrienden", "wekelijkse kans op benadering per eenheid blootstelling aan "
          "betrokken leeftijdgenoten", "Haynie 2001 (peer networks)"),
    _rate("youth_recruit_household", 0.03, "weekly rate of approaches by a suspected adult in the household",
          "benadering via gezinslid", "wekelijkse kans op benadering door een verdacht volwassen gezinslid",
          _CBS_2023),
    _rate("youth_recruit_relative", 0.008, "weekly rate of approaches by a suspected relative outside the household",
          "benadering via familie", "wekelijkse kans op benadering door een verdacht familielid buiten het gezin",
          _CBS_2023),
    param(name="youth_uptake_base", kind="float", default=-1.5, unit="logit", low=-6, high=6, advanced=True,
          meaning="logit of taking an approach up (one step: none → on the edge → involved) for an average youth",
          label_nl="basisgeneigdheid om in te gaan op benadering",
          meaning_nl="logit van ingaan op een benadering (één stap: niet → op de rand → betrokken) voor een "
                     "gemiddelde jongere"),
    _logit("youth_uptake_relative", 0.7, "extra uptake logit with a suspected adult relative (norms, opportunity)",
           "risico: verdacht familielid", "extra logit bij een verdacht volwassen familielid (normen, gelegenheid)",
           _CBS_2023),
    _logit("youth_uptake_peer", 2.0, "extra uptake logit per unit exposure to deviant peers",
           "risico: afwijkende vrienden", "extra logit per eenheid blootstelling aan afwijkende leeftijdgenoten",
           "Haynie 2001; Dishion et al. 1999"),
    _logit("youth_uptake_family", 2.0, "uptake logit lowered per unit family bond above ½ (raised below)",
           "bescherming: band met gezin", "verlaging van de logit per eenheid gezinsband boven ½", _RISK),
    _logit("youth_uptake_school", 1.2, "uptake logit lowered per unit school bond above ½",
           "bescherming: band met school", "verlaging van de logit per eenheid schoolband boven ½", _RISK),
    _logit("youth_uptake_prosocial", 0.8, "uptake logit lowered per unit prosocial ties of the household above ½",
           "bescherming: prosociale banden", "verlaging van de logit per eenheid prosociale banden van het huishouden",
           _RISK),
    _logit("youth_uptake_efficacy", 1.5, "uptake logit lowered per unit collective efficacy around home (share of "
           "active households nearby) above ¼", "bescherming: collectieve zelfredzaamheid",
           "verlaging van de logit per eenheid collectieve zelfredzaamheid rond het huis", "Sampson et al. 1997"),
    _logit("youth_uptake_activity", 0.5, "uptake logit lowered for a youth taking part in youth work activities",
           "bescherming: activiteiten", "verlaging van de logit voor wie meedoet aan jongerenwerkactiviteiten",
           "source 003 (activities, positive approach)"),
    _logit("youth_uptake_mentor", 0.6, "uptake logit lowered by a mentor or role model who gives emotional support",
           "bescherming: mentor met steun", "verlaging van de logit door een mentor of rolmodel met emotionele steun",
           "Tolan et al. 2014 (larger with emotional support)"),
    param(name="youth_mentor_plain_factor", kind="float", default=0.4, unit="share", low=0, high=1, advanced=True,
          meaning="share of a mentor's protective effect left without emotional support and advocacy",
          label_nl="effect mentor zonder emotionele steun",
          meaning_nl="deel van het beschermende effect van een mentor dat overblijft zonder emotionele steun",
          source="Tolan et al. 2014"),
    _logit("youth_uptake_peer_education", 0.4, "uptake logit lowered for a youth reached by peer education",
           "bescherming: peer education", "verlaging van de logit voor wie bereikt is door peer education",
           "source 003 (peer education); structural weight"),
    _rate("youth_desist_base", 0.015, "weekly chance that a youth on the edge or involved steps one level back",
          "basiskans op terugtreden", "wekelijkse kans dat een jongere een stap terug doet", "Moffitt 1993 (most "
          "adolescent offending is limited in time)"),
    _rate("youth_desist_protective", 0.03, "extra weekly chance of stepping back, times the youth's protection "
          "(1 − uptake probability)", "extra terugtreden door bescherming",
          "extra wekelijkse kans op terugtreden, maal de bescherming van de jongere"),
    _rate("youth_bond_relax", 0.01, "weekly pull of a youth's family and school bond back to its own baseline",
          "terugkeer van banden", "wekelijkse terugkeer van gezins- en schoolband naar het eigen niveau"),
    param(name="youth_bond_gap_suspected", kind="float", default=0.15, unit="0-1", low=0, high=1, advanced=True,
          meaning="how much lower the family bond starts in a household with a suspected adult (supervision)",
          label_nl="lagere gezinsband bij verdacht gezinslid",
          meaning_nl="hoeveel lager de gezinsband begint in een huishouden met een verdacht volwassen gezinslid",
          source="Farrington 2005 (parental criminality, supervision)"),
    _rate("youth_incident_rate", 0.25, "undermining incidents per involved youth per week (dealing, intimidation, "
          "damage); a youth on the edge commits a fifth of it", "ondermijningsincidenten per betrokken jongere",
          "ondermijningsincidenten per betrokken jongere per week (dealen, intimidatie, vernieling); op de rand een "
          "vijfde", high=5.0),
    param(name="youth_edge_incident_share", kind="float", default=0.2, unit="share", low=0, high=1, advanced=True,
          meaning="a youth on the edge commits this share of an involved youth's undermining incidents",
          label_nl="incidenten op de rand", meaning_nl="een jongere op de rand pleegt dit deel van de "
          "ondermijningsincidenten van een betrokken jongere"),
    param(name="youth_signal_memory", kind="float", default=0.25, unit="1/week", low=0.01, high=1, advanced=True,
          meaning="weight of this week's reported undermining signals in what the police know (about a month's memory)",
          label_nl="geheugen van de politie voor signalen",
          meaning_nl="gewicht van de signalen van deze week in wat de politie weet (ongeveer een maand geheugen)"),
    param(name="youth_efficacy_centre", kind="float", default=0.25, unit="share", low=0, high=1, advanced=True,
          meaning="share of active households nearby at which collective efficacy neither protects nor adds risk",
          label_nl="neutraal niveau collectieve zelfredzaamheid",
          meaning_nl="aandeel actieve huishoudens in de buurt waarbij collectieve zelfredzaamheid niet beschermt en "
                     "geen risico toevoegt"),
    param(name="youth_share_intimidation", kind="float", default=0.3, unit="share", low=0, high=1, advanced=True,
          meaning="share of undermining incidents that are intimidation of residents",
          label_nl="aandeel intimidatie", meaning_nl="aandeel ondermijningsincidenten dat intimidatie van bewoners is"),
    param(name="youth_share_damage", kind="float", default=0.3, unit="share", low=0, high=1, advanced=True,
          meaning="share of undermining incidents that damage property (the rest is dealing)",
          label_nl="aandeel vernieling", meaning_nl="aandeel ondermijningsincidenten dat vernieling is (de rest "
          "dealen)"),
    _rate("youth_damage_per_incident", 0.2, "damage added to the cell of a damaging undermining incident",
          "schade per vernieling", "schade die een vernieling aan de cel toevoegt", unit="0-1"),
    _logit("youth_intimidation_effect", 1.5, "reporting logit lowered per unit intimidation a household has felt",
           "intimidatie remt melden", "verlaging van de meldingslogit per eenheid ervaren intimidatie",
           "source 003; 'de stille wijk' in Dutch practice; structural weight"),
    _logit("youth_intimidation_reporting", 1.0, "reporting logit of ordinary incidents (nuisance, street crime, "
           "burglary) lowered per unit intimidation a household has felt: the quiet wijk; acts only with youth on",
           "intimidatie remt gewone meldingen", "verlaging van de meldingslogit van gewone incidenten (overlast, "
           "straatcriminaliteit, inbraak) per eenheid ervaren intimidatie: de stille wijk; alleen met jongeren aan",
           "source 003; 'de stille wijk' in Dutch practice (fear of retaliation keeps residents from reporting); "
           "structural weight, below youth_intimidation_effect: the threat aims at signals of undermining"),
    _rate("youth_intimidation_decay", 0.08, "weekly decay of a household's felt intimidation",
          "afname van intimidatie", "wekelijkse afname van de ervaren intimidatie"),
    _rate("youth_signal_policing", 0.15, "pressure on recruiters per reported undermining signal per week (the "
          "police act on what residents report)", "politiedruk door meldingen",
          "druk op ronselaars per gemelde ondermijningssignaal per week", high=5.0, unit="1/signal"),
    param(name="youth_efficacy_radius", kind="int", default=3, unit="cells", low=1, high=10, advanced=True,
          meaning="radius around home over which collective efficacy protects a youth",
          label_nl="straal collectieve zelfredzaamheid",
          meaning_nl="straal rond het huis waarover collectieve zelfredzaamheid een jongere beschermt"),
    param(name="youth_peer_prior", kind="float", default=2.0, unit="youths", low=0, high=20, advanced=True,
          meaning="prosocial peers every youth counts besides the neighbourhood's (school, sport): exposure is "
                  "never a share of one or two peers only",
          label_nl="prosociale leeftijdgenoten buiten de wijk",
          meaning_nl="prosociale leeftijdgenoten die elke jongere naast die in de wijk heeft (school, sport)"),
    param(name="youth_at_risk_share", kind="float", default=0.25, unit="share", low=0.01, high=1, advanced=True,
          meaning="the share of youths with the highest risk that programmes for 'at-risk youths' select",
          label_nl="aandeel risicojongeren",
          meaning_nl="aandeel jongeren met het hoogste risico dat programmen voor 'risicojongeren' selecteren"),
    param(name="youth_group_contact", kind="float", default=0.5, unit="share", low=0, high=1, advanced=True,
          meaning="weight of the activity group among a participant's peers (deviant peer contagion when the group "
                  "is at risk)", label_nl="gewicht van de activiteitengroep",
          meaning_nl="gewicht van de activiteitengroep onder de leeftijdgenoten van een deelnemer",
          source="Dishion, McCord & Poulin 1999"),
    _rate("youth_support_rate", 0.02, "weekly growth of a reached youth's family bond (family support) or school "
          "bond (school programme) towards 1", "groei van banden door steun",
          "wekelijkse groei van de gezinsband (gezinsondersteuning) of schoolband (schoolprogramma) richting 1"),
    # --- levers set by the interventions (0: not in force) ---
    _lever("youth_police_pressure", 0.0, "pressure on recruiters: the share of approaches prevented",
           "druk op ronselaars", "politiedruk op ronselaars: het deel van de benaderingen dat wordt voorkomen",
           "police pressure on recruiters (Pauwels, Moors & Van Deuren 2021)", high=0.95),
    _lever("youth_mentor_coverage", 0.0, "share of at-risk youths with a mentor or role model",
           "bereik mentoring", "aandeel risicojongeren met een mentor of rolmodel", "Tolan et al. 2014"),
    param(name="youth_mentor_emotional", kind="bool", default=True, ui=False,
          meaning="do mentors give emotional support and advocacy (else: activities only)?",
          label_nl="mentoren geven emotionele steun",
          meaning_nl="geven mentoren emotionele steun en komen ze op voor de jongere (anders: alleen activiteiten)?",
          source="Tolan et al. 2014"),
    _lever("youth_peer_education", 0.0, "share of youths reached by peer education", "bereik peer education",
           "aandeel jongeren bereikt door peer education", "source 003"),
    _lever("youth_family_support", 0.0, "share of at-risk youths' families given family support",
           "bereik gezinsondersteuning", "aandeel gezinnen van risicojongeren met gezinsondersteuning", _RISK),
    _lever("youth_school_support", 0.0, "share of youths in a school-based prevention programme",
           "bereik schoolprogramma", "aandeel jongeren in een preventieprogramma op school",
           "Hawkins et al. 2009 (CTC's tested programmes)"),
    _lever("youth_activity_places", 0.0, "places in youth work activities as a share of all youths",
           "plaatsen jongerenwerk", "plaatsen in jongerenwerkactiviteiten als aandeel van alle jongeren",
           "source 003", high=1.0),
    param(name="youth_activity_at_risk_only", kind="bool", default=False, ui=False,
          meaning="are the activity places filled with at-risk youths only (else: open to all)?",
          label_nl="activiteiten alleen voor risicojongeren",
          meaning_nl="gaan de plaatsen alleen naar risicojongeren (anders: open voor iedereen)?",
          source="Dishion, McCord & Poulin 1999"),
))

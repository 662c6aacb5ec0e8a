"""The intervention types and their live buttons in words, Dutch and English.

Keyed by the one table of intervention types, :data:`wijksim.interventions.INTERVENTIONS` (each class's
``type``) and by the live buttons its classes declare (``buttons``); a test checks every type and every
button has both languages. This module does not import that table (the text layer imports nothing of the
model): the keys are the table's, the words are ours.
"""

from __future__ import annotations

#: intervention type -> (Dutch, English): the list of what is in force, the event log, chart markers. The
#: English label is also the event log's English head (``"crime wave starts"``).
TYPE_LABELS: dict[str, tuple[str, str]] = {
    "crime_wave": ("criminaliteitsgolf", "crime wave"),
    "information_campaign": ("voorlichting", "information campaign"),
    "community_activities": ("buurtactiviteiten", "community activities"),
    "best_persons": ("sleutelpersonen", "best persons"),
    "collaboration": ("samenwerking partners", "collaboration"),
    "collective_impact": ("Collective Impact", "Collective Impact"),
    "police_feedback": ("terugkoppeling politie", "police feedback"),
    "patrol_strategy": ("surveillancestrategie", "patrol strategy"),
    "maintenance": ("onderhoud", "maintenance"),
    "youth_mentoring": ("mentoren en rolmodellen", "mentoring and role models"),
    "youth_peer_education": ("peer education", "peer education"),
    "youth_family_support": ("gezinsondersteuning", "family support"),
    "youth_activities": ("jongerenwerkactiviteiten", "youth work activities"),
    "youth_coalition": ("buurtcoalitie (Communities That Care)", "community coalition (Communities That Care)"),
    "youth_recruiter_pressure": ("politiedruk op ronselaars", "police pressure on recruiters"),
}

#: live button (a key of some class's ``buttons``) -> (Dutch, English): the explorer's start buttons
BUTTON_LABELS: dict[str, tuple[str, str]] = {
    "community_activities": ("Buurtactiviteiten (breed)", "Community activities (broad)"),
    "community_narrow": ("Buurtactiviteiten (meldgericht)", "Community activities (nuisance reporting)"),
    "information_campaign": ("Voorlichting via de buurt", "Community information campaign"),
    "flyer_campaign": ("Voorlichting met flyers", "Flyer campaign"),
    "best_persons": ("Sleutelpersonen", "Best persons"),
    "mutual_support": ("Partners: wederzijdse steun", "Partners: mutual support"),
    "blame_shifting": ("Partners: elkaar aanwijzen", "Partners: blame-shifting"),
    "collective_impact": ("Collective Impact", "Collective Impact"),
    "police_feedback": ("Terugkoppeling politie", "Police feedback"),
    "community_policing": ("Wijkagent (vaste gezichten)", "Community policing"),
    "maintenance": ("Extra onderhoud en snoeien", "Extra maintenance and pruning"),
    "youth_mentoring": ("Jongeren: mentoren met steun", "Youth: mentors with support"),
    "youth_peer_education": ("Jongeren: peer education", "Youth: peer education"),
    "youth_family_support": ("Jongeren: gezinsondersteuning", "Youth: family support"),
    "youth_activities": ("Jongeren: jongerenwerk voor iedereen", "Youth: youth work open to all"),
    "youth_activities_at_risk": ("Jongeren: jongerenwerk alleen risicojongeren", "Youth: youth work, at-risk only"),
    "youth_coalition": ("Jongeren: buurtcoalitie (CTC)", "Youth: community coalition (CTC)"),
    "youth_recruiter_pressure": ("Jongeren: druk op ronselaars", "Youth: pressure on recruiters"),
    "crime_wave": ("Criminaliteitsgolf", "Crime wave"),
}


def type_label(kind: str, lang: str) -> str:
    """An intervention type's name in ``lang`` (an unknown type: its name with spaces)."""
    pair = TYPE_LABELS.get(kind)
    return kind.replace("_", " ") if pair is None else pair[0 if lang == "nl" else 1]

"""The youth outputs' words in the UI (issue 28): the youth charts of the explorer (shown only for a run with
``youth_enabled``, :data:`wijksim.plots.YOUTH_PANELS`) and the youth outcomes of the Compare page. The series'
own labels are the registry of outputs' (:data:`wijksim.outputs.YOUTH_OUTPUTS`).
"""

from __future__ import annotations

#: key -> (Dutch, English)
STRINGS: dict[str, tuple[str, str]] = {
    "youth_charts": ("Jongeren en ondermijning", "Youth and undermining crime"),
    "panel_youth_involvement": ("Jongeren die erin worden getrokken", "Youths drawn in"),
    "panel_youth_involvement.y": ("% van de jongeren", "% of youths"),
    "panel_youth_initiation": ("Instroom", "Initiation"),
    "panel_youth_initiation.y": ("per jongere per jaar", "per youth per year"),
    "panel_youth_contacts": ("Benaderingen en ondermijning", "Approaches and undermining"),
    "panel_youth_contacts.y": ("per week", "per week"),
    "panel_youth_signals": ("Ondermijning signaleren", "Signalling undermining"),
    "panel_youth_signals.y": ("% bereid te melden", "% willing to report"),
    "explain_youth_charts": (
        "Jongeren van 12–23 jaar in de huishoudens: het aandeel op de rand van en betrokken bij ondermijnende "
        "criminaliteit, de instroom per jongere per jaar, de benaderingen door ronselaars en de "
        "ondermijningsincidenten per week, en de bereidheid van bewoners om signalen te melden (intimidatie "
        "verlaagt haar: de stille wijk). Let op: één run met één seed; de gewichten zijn aannames in de richting "
        "van de literatuur, geen metingen in uw wijk.",
        "Young people aged 12–23 in the households: the share on the edge of and involved in undermining crime, "
        "initiation per youth per year, recruiters' approaches and undermining incidents per week, and residents' "
        "willingness to report signals (intimidation lowers it: the quiet wijk). Caution: one run with one seed; "
        "the weights are assumptions in the direction of the literature, not measurements in your wijk.",
    ),
    "youth_outcomes": ("Jongeren en ondermijning: gepaarde verschillen", "Youth and undermining: paired differences"),
    "youth_outcomes_note": (
        "Alleen als elke vergeleken run jongeren simuleert. Verschil met de referentie over dezelfde seeds, met "
        "interval; groen is beter, rood slechter, alleen als het interval nul uitsluit en de marge overschrijdt.",
        "Only when every compared run simulates youths. Difference from the reference over the same seeds, with "
        "its interval; green is better, red worse, only when the interval excludes zero and exceeds the margin.",
    ),
}

"""The charts: the weekly outputs and panels of :data:`wijksim.plots.PANELS` (titles, y labels,
series), the values beside the charts and what each chart means.
"""

from __future__ import annotations

#: key -> (Dutch, English)
STRINGS: dict[str, tuple[str, str]] = {
    "withdrawn": ("teruggetrokken", "withdrawn"),
    "passive": ("passief", "passive"),
    "active": ("actief", "active"),
    "fear_mean": ("angst (gem.)", "mean fear"),
    "share_unsafe": ("voelt zich onveilig", "feels unsafe"),
    "cohesion": ("sociale cohesie (0–10)", "social cohesion (0–10)"),
    "collective_efficacy": ("collectieve zelfredzaamheid", "collective efficacy"),
    "share_withdrawn": ("aandeel teruggetrokken", "share withdrawn"),
    "share_active": ("aandeel actief", "share active"),
    "incidents": ("incidenten per week", "incidents per week"),
    "reporting_rate": ("meldingsbereidheid", "reporting rate"),
    "trust_police": ("politie", "police"),
    "trust_municipality": ("gemeente", "municipality"),
    "trust_housing": ("woningcorporatie", "housing corporation"),
    "disorder_mean": ("verloedering (gem.)", "mean disorder"),
    "incidents_nuisance": ("overlast", "nuisance"),
    "incidents_street": ("straatcriminaliteit", "street crime"),
    "incidents_burglary": ("inbraak", "burglary"),
    "damage_mean": ("schade (gem.)", "mean damage"),
    "cooperation": ("samenwerking partners", "cooperation of partners"),
    "panel_unsafe": ("Onveiligheidsgevoel", "Feeling unsafe"),
    "panel_unsafe.y": ("% / gem. angst × 100", "% / mean fear × 100"),
    "panel_states": ("Terugtrekken of actief worden", "Withdraw or engage"),
    "panel_states.y": ("% van de huishoudens", "% of households"),
    "panel_incidents": ("Incidenten per week", "Incidents per week"),
    "panel_incidents.y": ("aantal", "count"),
    "panel_reporting": ("Melden", "Reporting"),
    "panel_reporting.y": ("% van de incidenten gemeld", "% of incidents reported"),
    "panel_cohesion": ("Sociale cohesie (0–10)", "Cohesion (0–10)"),
    "panel_cohesion.y": ("index", "index"),
    "panel_efficacy": ("Collectieve zelfredzaamheid", "Collective efficacy"),
    "panel_efficacy.y": ("index", "index"),
    "panel_trust": ("Vertrouwen in partners", "Trust in partners"),
    "panel_trust.y": ("gem. vertrouwen", "mean trust"),
    "panel_disorder": ("Verloedering en samenwerking", "Disorder and cooperation"),
    "panel_disorder.y": ("0–1", "0–1"),
    "chart_means": ("Wat deze grafiek betekent", "What this chart means"),
    "now": ("nu", "now"),
    "vs_13": ("t.o.v. 13 weken eerder", "vs 13 weeks earlier"),
    "mean_of": ("gem. {n} wk", "{n}-wk mean"),
    "explain_caution": (
        "Deze grafieken tonen één run met één seed: één mogelijke geschiedenis van deze wijk. Verschillen "
        "tussen twee runs kunnen toeval zijn; gebruik Vergelijken (veel gepaarde seeds, met intervallen) voor "
        "verschillen tussen scenario's. Stippellijnen: een interventie begint, wordt verlengd, verwijderd of "
        "eindigt.",
        "These charts show one run with one seed: one possible history of this wijk. Differences between two "
        "runs can be chance; use Compare (many paired seeds, with intervals) for differences between "
        "scenarios. Dashed lines: an intervention starts, is extended, removed or ends.",
    ),
    "explain_panel_unsafe": (
        "Aandeel huishoudens dat zich onveilig voelt (angst boven een drempel) en de gemiddelde angst (0–1). "
        "Kijk hoe snel het na een schok daalt: angst blijft langer dan criminaliteit. Let op: het aandeel hangt "
        "af van de drempel; vergelijk veranderingen met enquêtecijfers, niet het niveau.",
        "Share of households feeling unsafe (fear above a threshold) and mean fear (0–1). Watch how fast it "
        "falls after a shock: fear outlasts crime. Caution: the share depends on the threshold; compare "
        "changes with survey figures, not the level.",
    ),
    "explain_panel_states": (
        "Aandeel huishoudens dat zich terugtrekt, passief blijft of actief is (samen 100 %): de twee antwoorden "
        "op angst in het model. Let op: toestanden veranderen langzaam; een paar weken zeggen weinig.",
        "Shares of households that withdraw, stay passive or are active (together 100 %): the model's two "
        "answers to fear. Caution: states change slowly; a few weeks say little.",
    ),
    "explain_panel_incidents": (
        "Incidenten per week naar soort (overlast, straatcriminaliteit, inbraak), gemeld of niet. Weekcijfers "
        "schommelen: kijk naar het verloop over maanden. Let op: de politie ziet alleen wat gemeld wordt.",
        "Incidents per week by kind (nuisance, street crime, burglary), reported or not. Weekly counts are "
        "noisy: read the course over months. Caution: the police see only what is reported.",
    ),
    "explain_panel_reporting": (
        "Aandeel van de incidenten van de week dat iemand meldde; stijgt met vertrouwen in de politie en met "
        "actieve buren. Let op: meer meldingen kan meer meldingsbereidheid betekenen, niet meer criminaliteit.",
        "Share of the week's incidents that someone reported; rises with trust in the police and with active "
        "neighbours. Caution: more reports can mean more willingness to report, not more crime.",
    ),
    "explain_panel_cohesion": (
        "Sociale cohesie (0–10) uit banden en vertrouwen tussen buren; het Nederlandse gemiddelde is ongeveer "
        "6,4. Verandert langzaam. Let op: een index van het model, geen enquêtescore van uw wijk.",
        "Social cohesion (0–10) from ties and trust between neighbours; the Dutch average is about 6.4. "
        "Changes slowly. Caution: an index of the model, not a survey score of your wijk.",
    ),
    "explain_panel_efficacy": (
        "Collectieve zelfredzaamheid (0–1): cohesie samen met de bereidheid van buren om samen op te treden. "
        "Lees haar naast het aandeel actief. Let op: een index van het model, geen gemeten cijfer.",
        "Collective efficacy (0–1): cohesion together with neighbours' willingness to act together. Read it "
        "next to the active share. Caution: an index of the model, not a measured figure.",
    ),
    "explain_panel_trust": (
        "Gemiddeld vertrouwen in politie, gemeente en woningcorporatie (0–1). Terugkoppeling verhoogt het; "
        "stilte en doorverwijzen verlagen het. Let op: alleen wat de partners in het model doen telt mee.",
        "Mean trust in the police, the municipality and the housing corporation (0–1). Feedback raises it; "
        "silence and referral lower it. Caution: only what partners do in the model counts.",
    ),
    "explain_panel_disorder": (
        "Gemiddelde verloedering en schade, en de samenwerking van de partners (alle 0–1). Schade verdwijnt "
        "alleen door onderhoud. Let op: samenwerking is een knop die u instelt, geen uitkomst.",
        "Mean disorder and damage, and the partners' cooperation (all 0–1). Damage goes only through "
        "maintenance. Caution: cooperation is a lever you set, not an outcome.",
    ),
    "explain_map": (
        "Eén cel per woning of stuk straat, kleuren zoals in de legenda. Zoek clusters: incidenten en "
        "verloedering hopen zich op waar weinig mensen kijken. Let op: één mogelijke wijk bij deze seed, geen "
        "kaart van een echte plek.",
        "One cell per dwelling or piece of street, colours as in the legend. Look for clusters: incidents and "
        "disorder gather where few people watch. Caution: one possible wijk for this seed, not a map of a real "
        "place.",
    ),
    "explain_network": (
        "Wie kent wie: elke stip een huishouden, elke lijn een band. Wie zich terugtrekt verliest banden; "
        "activiteiten maken nieuwe. Let op: de ligging is om te lezen, afstanden betekenen niets.",
        "Who knows whom: each dot a household, each line a tie. Those who withdraw lose ties; activities make "
        "new ones. Caution: the layout is for reading, distances mean nothing.",
    ),
    # the youth charts (issue 28): only for a run with youth_enabled; series labels are the registry of outputs'
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
}

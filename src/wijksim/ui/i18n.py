"""Dutch and English strings of the browser UI.

The audience of a workshop is usually Dutch: policy advisors, wijkagenten, corporation staff. Domain
words they use (*wijk*, *hofje*, *voorlichting*, *terugtrekken*) stay Dutch in the Dutch interface;
the English interface is for the international research audience. Every visible string goes through
:func:`tr`, so a missing translation falls back to English instead of failing.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")

#: key -> (Dutch, English)
STRINGS: dict[str, tuple[str, str]] = {
    "app_title": ("wijksim — veiligheid in de wijk", "wijksim — neighbourhood safety"),
    "tab_explorer": ("Verkennen", "Explore"),
    "tab_compare": ("Vergelijken", "Compare"),
    "tab_workshop": ("Workshop", "Workshop"),
    "scenario": ("Scenario", "Scenario"),
    "scenario_path": ("of pad naar een TOML-bestand", "or path to a TOML file"),
    "load": ("Laden", "Load"),
    "upload": ("Sleep een TOML-bestand hierheen", "Drop a TOML file here"),
    "seed": ("Seed (toevalsgetal)", "Seed"),
    "weeks": ("Weken", "Weeks"),
    "apply_reset": ("Toepassen en opnieuw beginnen", "Apply and restart"),
    "params": ("Parameters", "Parameters"),
    "params_note": (
        "Wijzigingen gelden na 'Toepassen' of 'Opnieuw'. • = anders dan in het scenario.",
        "Changes take effect on 'Apply' or 'Reset'. • = differs from the scenario.",
    ),
    "changed": ("gewijzigd", "changed"),
    "reset_params": ("Terug naar het scenario", "Back to the scenario's values"),
    "scenario_value": ("waarde in het scenario", "scenario's value"),
    # play controls (our own: Mesa's cards cannot be translated)
    "play": ("Afspelen", "Play"),
    "pause": ("Pauze", "Pause"),
    "step_one": ("Eén week", "One week"),
    "reset": ("Opnieuw", "Reset"),
    "continue_past_end": ("Doorspelen na week {last}", "Continue after week {last}"),
    "at_end": ("Einde van het scenario (week {last})", "End of the scenario (week {last})"),
    "of_weeks": ("van", "of"),
    "posterior_path": (
        "Onze wijk, gekalibreerd: posterior.parquet (leeg = standaardwaarden)",
        "Our wijk, calibrated: posterior.parquet (empty = defaults)",
    ),
    "show_advanced": ("Ook geavanceerde (structurele) parameters", "Also advanced (structural) parameters"),
    "week": ("Week", "Week"),
    "households": ("huishoudens", "households"),
    "frame": ("stap + tekenen", "step + redraw"),
    "map": ("Wijkkaart", "Neighbourhood map"),
    "network": ("Sociaal netwerk", "Social network"),
    "charts": ("Verloop", "Time series"),
    "interventions_live": ("Interventies — nu starten", "Interventions — start now"),
    "already_running": ("loopt al; nog een klik stapelt niet", "already running; another click does not stack"),
    "until_week": ("tot en met week", "up to week"),
    "no_events": ("Nog geen interventies.", "No interventions yet."),
    "downloads": ("Downloaden", "Download"),
    "dl_toml": ("Deze instellingen als scenario (TOML)", "These settings as a scenario (TOML)"),
    "dl_csv": ("Data (CSV)", "Data (CSV)"),
    "dl_parquet": ("Data (Parquet)", "Data (Parquet)"),
    "dl_map": ("Kaart (PNG)", "Map (PNG)"),
    "dl_network": ("Netwerk (PNG)", "Network (PNG)"),
    "dl_charts": ("Grafieken (PNG)", "Charts (PNG)"),
    "uploaded": ("geüpload", "uploaded"),
    # map legend
    "legend_map": (
        "Cellen: rood = verloedering, groen = bosjes, paars = recente incidenten. Bewoners: grijs = "
        "teruggetrokken, blauw = passief, oranje = actief, goudrand = sleutelpersoon. "
        "Zwarte ruit = surveillance.",
        "Cells: red = disorder, green = bushes, purple = recent incidents. Residents: grey = withdrawn, "
        "blue = passive, orange = active, gold ring = best person. Black diamond = patrol.",
    ),
    "legend_network": (
        "Banden: donkerder = sterker. Knopen: kleur naar toestand. Elke 4 weken bijgewerkt.",
        "Ties: darker = stronger. Nodes: colour by state. Updated every 4 weeks.",
    ),
    # states
    "withdrawn": ("teruggetrokken", "withdrawn"),
    "passive": ("passief", "passive"),
    "active": ("actief", "active"),
    # metrics
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
    # chart panels (wijksim.plots.PANELS): titles and y-axis labels
    "panel_unsafe": ("Onveiligheidsgevoel", "Feeling unsafe"),
    "panel_unsafe.y": ("aandeel / gem. angst", "share / mean fear"),
    "panel_states": ("Terugtrekken of actief worden", "Withdraw or engage"),
    "panel_states.y": ("aandeel huishoudens", "share of households"),
    "panel_incidents": ("Incidenten per week", "Incidents per week"),
    "panel_incidents.y": ("aantal", "count"),
    "panel_reporting": ("Melden", "Reporting"),
    "panel_reporting.y": ("aandeel incidenten gemeld", "share of incidents reported"),
    "panel_cohesion": ("Sociale cohesie (0–10)", "Cohesion (0–10)"),
    "panel_cohesion.y": ("index", "index"),
    "panel_efficacy": ("Collectieve zelfredzaamheid", "Collective efficacy"),
    "panel_efficacy.y": ("index", "index"),
    "panel_trust": ("Vertrouwen in partners", "Trust in partners"),
    "panel_trust.y": ("gem. vertrouwen", "mean trust"),
    "panel_disorder": ("Verloedering en samenwerking", "Disorder and cooperation"),
    "panel_disorder.y": ("0–1", "0–1"),
    # interventions
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
    "crime_wave": ("Criminaliteitsgolf", "Crime wave"),
    # comparison
    "compare_title": ("Scenario's naast elkaar (zelfde seed)", "Scenarios side by side (same seed)"),
    "compare_pick": ("Scenario's (2 of 3)", "Scenarios (2 or 3)"),
    "reference": ("Referentie", "Reference"),
    "run": ("Doorrekenen", "Run"),
    "running": ("Bezig met rekenen…", "Running…"),
    "replicates": ("Herhalingen (seeds)", "Replicates (seeds)"),
    "window": ("Meetperiode", "Window"),
    "level": ("Betrouwbaarheid", "Interval level"),
    "win_year_after": ("het jaar na de golf", "the year after the wave"),
    "win_wave": ("tijdens de golf", "during the wave"),
    "win_end": ("laatste 13 weken", "last 13 weeks"),
    "weeks_range": ("weken {a}–{b}", "weeks {a}–{b}"),
    "no_clear": ("geen duidelijk verschil", "no clear difference"),
    "no_interval": ("geen interval (1 herhaling)", "no interval (1 replicate)"),
    "verdict_note": (
        "Bonus of malus alleen als het {level}-interval nul uitsluit; anders 'geen duidelijk verschil'. "
        "Gepaard verschil (scenario min referentie) van het gemiddelde in de meetperiode, over {n} "
        "herhalingen met dezelfde seeds. + is minder veilig (malus), − veiliger (bonus).",
        "Bonus or malus only when the {level} interval excludes zero; otherwise 'no clear difference'. "
        "Paired difference (scenario minus reference) of the window mean, over {n} replicates with the "
        "same seeds. + is less safe (malus), − safer (bonus).",
    ),
    "need_two_reps": (
        "Minstens 2 herhalingen nodig voor een interval (10 of meer aanbevolen).",
        "At least 2 replicates are needed for an interval (10 or more recommended).",
    ),
    "need_reps": ("Herhalingen: 1 tot 200.", "Replicates: 1 to 200."),
    "from_explore": ("Zoals in Verkennen ingesteld", "As set in Explore"),
    "vs": ("t.o.v.", "vs"),
    "per_week": ("/week", "/wk"),
    "starts": ("begint", "starts"),
    "ends": ("eindigt", "ends"),
    "figure": ("Figuur", "Figure"),
    "bonus_malus_table": ("Bonus/malus-tabel", "Bonus/malus table"),
    "runs_data": ("Alle runs", "All runs"),
    "metadata": ("Herkomst: seed, herhalingen, meetperiode, parameters, versie",
                 "Provenance: seed, replicates, window, parameters, version"),
    "interval": ("interval", "interval"),
    "paired_reps": ("gepaarde herhalingen", "paired replicates"),
    "within_full": ("in het volledige model", "in the full model"),
    "within_off": ("met het mechanisme uit", "with the mechanism off"),
    "bonus_malus": (
        "Bonus / malus (gepaard verschil met de referentie)",
        "Bonus / malus (paired difference against the reference)",
    ),
    "better": ("beter", "better"),
    "worse": ("slechter", "worse"),
    "mean_window": ("gemiddelde in meetperiode", "mean in window"),
    "seeds_note": (
        "Herhaling k van elk scenario gebruikt dezelfde seed en toevalsstromen (gepaarde vergelijking).",
        "Replicate k of every scenario uses the same seed and random streams (a paired comparison).",
    ),
    # workshop
    "workshop_title": ("Workshop: de bonus en de malus", "Workshop: the bonus and the malus"),
    "step": ("Stap", "Step"),
    "next": ("Volgende", "Next"),
    "previous": ("Vorige", "Previous"),
    "start_step": ("Start deze stap", "Start this step"),
    # --- ui-nl ---
    "need_weeks": ("Weken: 1 tot en met 5200.", "Weeks: 1 to 5200."),
    "pp": (" %-punt", " pp"),
    "file_comparison": ("vergelijking", "comparison"),
    "file_map": ("kaart", "map"),
    "file_network": ("netwerk", "network"),
    "file_charts": ("grafieken", "charts"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    # --- end ui-nl ---
}

#: Dutch names of the parameter groups of the registry
GROUPS_NL: dict[str, str] = {
    "run": "simulatie",
    "layout": "wijkindeling",
    "network": "sociaal netwerk",
    "residents": "bewoners",
    "presence": "aanwezigheid op straat",
    "guardianship": "toezicht",
    "incidents": "incidenten",
    "disorder": "verloedering",
    "partners": "partners",
    "police": "politie",
    "reporting": "melden",
    "fear": "onveiligheidsgevoel",
    "decision": "terugtrekken of actief worden",
    "cohesion": "cohesie",
    "turnover": "verhuizingen",
}

#: the event log's words (interventions' English labels, :mod:`wijksim.interventions`) in Dutch
EVENT_NL: dict[str, str] = {
    "crime wave": "criminaliteitsgolf",
    "information campaign": "voorlichting",
    "community activities": "buurtactiviteiten",
    "best persons": "sleutelpersonen",
    "collaboration": "samenwerking partners",
    "police feedback": "terugkoppeling politie",
    "intervention": "interventie",
    "Collective Impact: roles divided": "Collective Impact: rollen verdeeld",
    "Collective Impact: shared measurement": "Collective Impact: gedeelde meting",
    "Collective Impact: cycle": "Collective Impact: cyclus",
}
#: intervention types (scenario files) in both languages
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
}


def event_text(text: str, lang: str) -> str:
    """One event-log entry (``"crime wave starts"``) in ``lang``."""
    if lang != "nl":
        return text
    if text in EVENT_NL:
        return EVENT_NL[text]
    for end, nl in ((" starts", " begint"), (" ends", " eindigt")):
        if text.endswith(end):
            head = text[: -len(end)]
            return EVENT_NL.get(head, head) + nl
    return text


def type_label(kind: str, lang: str) -> str:
    """An intervention type's name in ``lang``."""
    pair = TYPE_LABELS.get(kind)
    return kind.replace("_", " ") if pair is None else pair[0 if lang == "nl" else 1]


def scenario_name(sc: object, lang: str) -> str:
    """A scenario's title in ``lang`` (``name_nl`` where the file has it)."""
    nl = getattr(sc, "name_nl", None)
    return str(nl) if lang == "nl" and nl else str(getattr(sc, "name", ""))


def scenario_description(sc: object, lang: str) -> str:
    """A scenario's description in ``lang`` (``description_nl`` where the file has it)."""
    nl = getattr(sc, "description_nl", None)
    return str(nl) if lang == "nl" and nl else str(getattr(sc, "description", "") or "")


def tr(key: str, lang: str) -> str:
    """The string ``key`` in ``lang`` (English if the key or language is unknown, the key if both are)."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "nl" else pair[1]


def panel_labels(lang: str) -> dict[str, str]:
    """Texts for the chart panels of :mod:`wijksim.plots` (titles, y labels, series) in ``lang``."""
    from ..plots import label_keys

    return {key: tr(key, lang) for key in label_keys() if key in STRINGS}


def group_label(group: str, lang: str) -> str:
    """A parameter group's name in ``lang``."""
    return GROUPS_NL.get(group, group) if lang == "nl" else group


def param_label(name: str, lang: str) -> str:
    """A parameter's control label: its short Dutch label (registry) in Dutch, else the registry's name."""
    from ..params import PARAMS

    if lang == "nl":
        return PARAMS[name].label_nl or name.replace("_", " ")
    return name.replace("_", " ")


def param_help(name: str, lang: str) -> str:
    """Help text under a control: meaning, unit, allowed range and source, straight from the registry (its
    Dutch texts in Dutch mode, :mod:`wijksim.params_nl`)."""
    from ..params import PARAMS
    from ..params_nl import range_text_nl, source_nl, unit_nl

    p = PARAMS[name]
    if lang == "nl":
        meaning, unit, allowed = p.meaning_nl or p.meaning, unit_nl(p.unit), range_text_nl(p)
        source = source_nl(p.source)
    else:
        meaning, unit, allowed, source = p.meaning, p.unit, p.range_text(), p.source
    unit = "" if unit in ("-", "") else f" [{unit}]"
    src = f" — {source}" if source else ""
    return f"{meaning}{unit}; {allowed}{src}"

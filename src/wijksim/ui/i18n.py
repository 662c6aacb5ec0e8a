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
    "pick_file": ("Kies een bestand…", "Choose a file…"),
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
    # --- ui-desk --- (live list, repeated clicks, values beside the charts, what each chart means)
    "in_force": ("Gepland of lopend", "Scheduled or in force"),
    "none_in_force": ("Niets gepland of lopend.", "Nothing scheduled or in force."),
    "remove": ("Verwijderen", "Remove"),
    "status_scheduled": ("gepland", "scheduled"),
    "status_running": ("loopt", "running"),
    "from_week_on": ("vanaf week {w} tot het einde", "from week {w} to the end"),
    "weeks_left": ("nog {n} wk", "{n} wk left"),
    "extended_to": ("verlengd tot en met week {w} (zelfde sterkte)", "extended up to week {w} (same strength)"),
    "replaced_from": ("vervangen; de nieuwe begint in week {w}", "replaced; the new one starts in week {w}"),
    "already_scheduled": ("staat al gepland voor week {w}", "already scheduled for week {w}"),
    "kept_open_ended": ("loopt al tot het einde van de run; verwijderen kan met ✕",
                        "already in force to the end of the run; remove it with ✕"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "field_multiplier": ("factor", "multiplier"),
    "field_channel": ("kanaal", "channel"),
    "field_action_perspective": ("handelingsperspectief", "action perspective"),
    "field_reach": ("bereik", "reach"),
    "field_goal": ("doel", "goal"),
    "field_per_week": ("per week", "per week"),
    "field_count": ("aantal", "count"),
    "field_mode": ("werkwijze", "mode"),
    "field_cooperation": ("samenwerking", "cooperation"),
    "field_target_cooperation": ("doel samenwerking", "target cooperation"),
    "field_enabled": ("aan", "on"),
    "field_strategy": ("strategie", "strategy"),
    "field_capacity": ("capaciteit", "capacity"),
    "field_municipal_support": ("steun gemeente", "municipal support"),
    "val_flyer": ("flyers", "flyers"),
    "val_community": ("via de buurt", "community"),
    "val_broad": ("breed", "broad"),
    "val_narrow": ("meldgericht", "nuisance reporting"),
    "val_mutual_support": ("wederzijdse steun", "mutual support"),
    "val_blame_shifting": ("elkaar aanwijzen", "blame-shifting"),
    "val_random": ("willekeurig", "random"),
    "val_hotspot": ("hotspots", "hotspots"),
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
    "explain_compare": (
        "Wat deze grafiek betekent: per scenario de mediaan over de herhalingen (lijn) en de spreiding tussen "
        "runs (band), met de gekozen meetperiode gearceerd. Lees verschillen af in de tabel, met het interval; "
        "overlappende banden alleen zeggen niet of een verschil echt is. Let op: verschillen in het model, "
        "geen voorspelling voor een echte wijk.",
        "What this chart means: per scenario the median over the replicates (line) and the spread between "
        "runs (band), with the chosen window shaded. Read differences in the table, with their interval; "
        "overlapping bands alone do not tell whether a difference is real. Caution: differences in the model, "
        "not a forecast for a real wijk.",
    ),
    "metadata_run": ("Herkomst: scenario, seed, week, parameters, versie",
                     "Provenance: scenario, seed, week, parameters, version"),
    # --- end ui-desk ---
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
    # --- end ui-nl ---
    # --- ui-workshop ---
    "ws_presenter": ("Presentatie", "Presenter view"),
    "ws_no_result": (
        "Druk op 'Start deze stap' voor de vergelijking over {n} gepaarde herhalingen.",
        "Press 'Start this step' for the comparison over {n} paired replicates.",
    ),
    "ws_play_weeks": ("{n} weken afspelen", "Play {n} weeks"),
    "ws_play_to": ("Tot week {w}: {what}", "To week {w}: {what}"),
    "ws_stop_wave_start": ("de golf begint", "the wave starts"),
    "ws_stop_wave_end": ("einde golf", "end of the wave"),
    "ws_stop_invest_end": ("einde investering", "end of the investment"),
    "ws_stop_end": ("einde", "the end"),
    "ws_with_wave": ("Met golf", "With the wave"),
    "ws_without_wave": ("Zonder golf", "Without the wave"),
    "ws_invest": ("Investeren in de buurt", "Invest in the community"),
    "ws_no_invest": ("Niet investeren", "Don't invest"),
    "ws_mech_on": ("Mechanisme aan", "Mechanism on"),
    "ws_mech_off": ("Mechanisme uit", "Mechanism off"),
    "ws_run_no_wave": ("geen golf", "no wave"),
    "ws_run_wave": ("golf, niet investeren", "wave, no investment"),
    "ws_run_invest": ("golf + investering", "wave + investment"),
    "ws_run_wave_off": ("golf, niet investeren (community_split = false)",
                        "wave, no investment (community_split = false)"),
    "ws_run_invest_off": ("golf + investering (community_split = false)",
                          "wave + investment (community_split = false)"),
    # --- end ui-workshop ---
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
    for end, nl in ((" starts", " begint"), (" ends", " eindigt"), (" removed", " verwijderd"),
                    (" extended", " verlengd")):
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
    """Texts for the chart panels of :mod:`wijksim.plots` in ``lang``: titles and y labels from
    :data:`STRINGS`, each series (keyed by its column) by its short label in the registry of outputs."""
    from ..outputs import output
    from ..plots import PANELS, label_keys

    series = {s.column for p in PANELS for s in p.series}
    return {key: output(key).short(lang) if key in series else tr(key, lang)
            for key in label_keys() if key in series or key in STRINGS}


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

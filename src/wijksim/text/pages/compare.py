"""The compare page: scenarios side by side, windows, the bonus/malus table and figure, downloads
(the workshop's comparisons show them too).
"""

from __future__ import annotations

#: key -> (Dutch, English)
STRINGS: dict[str, tuple[str, str]] = {
    "compare_title": ("Scenario's naast elkaar (zelfde seed)", "Scenarios side by side (same seed)"),
    "compare_pick": ("Scenario's (2 of 3)", "Scenarios (2 or 3)"),
    "reference": ("Referentie", "Reference"),
    "run": ("Doorrekenen", "Run"),
    "win_year_after": ("het jaar na de golf", "the year after the wave"),
    "win_wave": ("tijdens de golf", "during the wave"),
    "win_end": ("laatste 13 weken", "last 13 weeks"),
    "weeks_range": ("weken {a}–{b}", "weeks {a}–{b}"),
    "no_clear": ("geen duidelijk verschil", "no clear difference"),
    "negligible": ("verwaarloosbaar", "negligible"),
    "margin": ("marge", "margin"),
    "margin_relative": ("{p} % van de referentie", "{p} % of the reference"),
    # how many judgements the table makes: "6 oordelen: 1 bonus, 0 malus, 3 verwaarloosbaar, 2 geen ..."
    "tally": ("{n} oordelen: {bonus} bonus, {malus} malus, {negligible} verwaarloosbaar, {unclear} geen duidelijk "
              "verschil",
              "{n} judgements: {bonus} bonus, {malus} malus, {negligible} negligible, {unclear} no clear difference"),
    "no_interval": ("geen interval (1 herhaling)", "no interval (1 replicate)"),
    "verdict_note": (
        "Bonus of malus alleen als het {level}-interval nul uitsluit én het verschil groter is dan de marge van "
        "de uitkomst (het kleinste verschil dat ertoe doet, onder elke kolomkop); 'verwaarloosbaar' als het hele "
        "interval binnen ± de marge ligt; anders 'geen duidelijk verschil'. "
        "Gepaard verschil (scenario min referentie) van het gemiddelde in de meetperiode, over {n} "
        "herhalingen met dezelfde seeds. + is minder veilig (malus), − veiliger (bonus).",
        "Bonus or malus only when the {level} interval excludes zero and the difference exceeds the outcome's "
        "margin (the smallest difference that matters, under each column heading); 'negligible' when the whole "
        "interval lies within ± the margin; otherwise 'no clear difference'. "
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
    "posterior_path": (
        "Onze wijk, gekalibreerd: posterior.parquet (leeg = standaardwaarden)",
        "Our wijk, calibrated: posterior.parquet (empty = defaults)",
    ),
    "need_weeks": ("Weken: 1 tot en met 5200.", "Weeks: 1 to 5200."),
    "pp": (" %-punt", " pp"),
    "runs_done": ("{done} van {total} runs klaar", "{done} of {total} runs done"),
    "time_left": ("nog ongeveer {s} s", "about {s} s left"),
    "compare_pairs": ("Ook vergelijken: B t.o.v. A", "Also contrast: B vs A"),
    "pairs_hint": (
        "Elke rij is standaard t.o.v. het eerste scenario; kies hier een paar om bijvoorbeeld de bonus te zien "
        "(investering t.o.v. golf zonder investering), zoals wijksim compare --pair.",
        "Every row is against the first scenario by default; pick a pair here to see e.g. the bonus "
        "(investment vs the wave without investment), as wijksim compare --pair.",
    ),
    "explore_includes": ("met de interventies", "with the interventions"),
    "file_comparison": ("vergelijking", "comparison"),
    # the caption line under the comparison figure (plots.comparison), also in the CLI's comparison.png
    "caption_median": ("Lijnen: mediaan over {n} gepaarde herhalingen per scenario{smooth}",
                       "Lines: median over {n} paired replicates per scenario{smooth}"),
    "caption_smooth": (" ({w} weken voortschrijdend gemiddeld)", " ({w}-week rolling mean)"),
    "caption_band": ("; banden: de middelste {band} % van de herhalingen ({lo}e tot {hi}e percentiel).",
                     "; bands: the middle {band} % of replicates ({lo}th to {hi}th percentile)."),
    "caption_one": ("Lijnen: één herhaling per scenario{smooth}; geen band (daarvoor zijn 2 of meer herhalingen "
                    "nodig).",
                    "Lines: one replicate per scenario{smooth}; no band (a band needs 2 or more replicates)."),
    "caption_level": (" Oordelen: {level} %-intervallen van het gepaarde verschil.",
                      " Verdicts: {level} % paired t-intervals."),
    "caption_chance": (" Alleen toeval (seeds): de parameters liggen vast (geen posterior).",
                       " Chance only (seeds): parameters fixed (no calibration posterior)."),
    "caption_posterior": (" Toeval én parameteronzekerheid: elke herhaling trekt haar parameters uit de "
                          "posterior van een kalibratie.",
                          " Chance and parameter uncertainty: each replicate draws its parameters from a "
                          "calibration's posterior."),
    # the youth outcomes (issue 28): only when every compared run simulates youths
    "youth_outcomes": ("Jongeren en ondermijning: gepaarde verschillen", "Youth and undermining: paired differences"),
    "youth_outcomes_note": (
        "Alleen als elke vergeleken run jongeren simuleert. Verschil met de referentie over dezelfde seeds, met "
        "interval; groen is beter, rood slechter, alleen als het interval nul uitsluit en de marge overschrijdt.",
        "Only when every compared run simulates youths. Difference from the reference over the same seeds, with "
        "its interval; green is better, red worse, only when the interval excludes zero and exceeds the margin.",
    ),
}

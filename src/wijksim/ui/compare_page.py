"""The trainer's pages: scenarios side by side with the same seed, and the guided bonus/malus workshop.

Runs go through :func:`wijksim.compare.run_comparison` (common random numbers: replicate ``k`` of
every scenario uses seed ``seed + k``), and the numbers shown are :func:`wijksim.compare.summarize`'s
paired differences against the first scenario — the same numbers ``wijksim compare`` prints.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import solara

from ..compare import BONUS_MALUS_OUTPUTS, read_posterior, run_comparison, summarize
from ..interventions import CrimeWave
from ..plots import comparison, png_bytes
from ..scenarios import Scenario, ScenarioError, list_scenarios
from .i18n import tr
from .session import shipped_scenarios

#: the workshop's bonus/malus trio: shipped scenario files (``scenarios/<stem>.toml``), the same three
#: runs as ``docs/guide-trainers.md`` and ``wijksim compare``
NO_WAVE, WAVE, INVESTMENT = "no_wave", "wave_no_investment", "wave_community_investment"
#: the last step's extra run: the investment file with the bonus mechanism switched off
SPLIT_OFF = f"{INVESTMENT}:community_split=false"


def workshop_scenarios(directory: str | Path | None = None) -> dict[str, Scenario]:
    """The runs the workshop needs, by key, loaded from the shipped scenario files.

    The trio is the files as they are; the fourth run is the investment file with one parameter
    changed (``community_split = false``), named so that the chart and table say so.
    """
    shipped = {Path(p).stem: sc for p, sc in list_scenarios(directory)}
    missing = [stem for stem in (NO_WAVE, WAVE, INVESTMENT) if stem not in shipped]
    if missing:
        raise ScenarioError(f"scenarios/: the workshop needs {', '.join(f'{m}.toml' for m in missing)}")
    out = {stem: shipped[stem] for stem in (NO_WAVE, WAVE, INVESTMENT)}
    inv = shipped[INVESTMENT]
    out[SPLIT_OFF] = Scenario.model_validate(
        {
            **inv.model_dump(),
            "name": f"{inv.name} (community_split = false)",
            "description": "As the investment scenario, but fear no longer turns into action inside an active "
            "community (community_split = false): the mechanism behind the bonus switched off.",
            "params": {**inv.params, "community_split": False},
        }
    )
    return out


def workshop_facts(scs: dict[str, Scenario]) -> dict[str, Any]:
    """The numbers the workshop's texts quote, read from the scenario files (so the texts cannot drift)."""
    wave = next((iv for iv in scs[WAVE].interventions if isinstance(iv, CrimeWave)), None)
    starts = [iv.start for iv in scs[INVESTMENT].interventions if not isinstance(iv, CrimeWave)]
    if wave is None or wave.start is None or wave.weeks is None or None in starts or not starts:
        raise ScenarioError(
            f"scenarios/{WAVE}.toml needs a crime_wave with start and weeks, and scenarios/{INVESTMENT}.toml "
            "interventions with a start week"
        )
    return {
        "wave_start": wave.start,
        "wave_end": wave.start + wave.weeks - 1,
        "wave_weeks": wave.weeks,
        "multiplier": f"{wave.multiplier:g}",
        "invest_start": min(s for s in starts if s is not None),
    }


#: a finished comparison as the pages keep it: runs, summary, chart markers, replicates
Result = tuple[pd.DataFrame, pd.DataFrame, list[tuple[int, str]], int]


@dataclass(frozen=True)
class WorkshopStep:
    """One step: its text in both languages (``{...}`` filled by :func:`workshop_facts`) and the runs it
    starts (the first is the reference)."""

    title: tuple[str, str]
    text: tuple[str, str]
    runs: tuple[str, ...]


WORKSHOP: tuple[WorkshopStep, ...] = (
    WorkshopStep(
        ("De wijk in rust", "The wijk at rest"),
        (
            "Een gewone wijk, drie jaar lang. Kijk naar het aandeel bewoners dat zich onveilig voelt en "
            "het aandeel dat zich terugtrekt: dit is het ijkpunt voor alle andere runs.",
            "An ordinary wijk for three years. Look at the share feeling unsafe and the share withdrawn: "
            "this is the yardstick for every other run.",
        ),
        (NO_WAVE,),
    ),
    WorkshopStep(
        ("Een criminaliteitsgolf: de malus", "A crime wave: the malus"),
        (
            "In week {wave_start} komt een golf van inbraken en overlast ({wave_weeks} weken, tot en met "
            "week {wave_end}, {multiplier} keer zoveel). Zonder investering trekken bewoners zich terug; ook "
            "een jaar na de golf blijft de wijk onveiliger dan zonder golf. Dat verschil is de malus.",
            "In week {wave_start} a wave of burglary and nuisance arrives ({wave_weeks} weeks, up to week "
            "{wave_end}, {multiplier} times the rate). Without investment residents withdraw; a year after the "
            "wave the wijk is still less safe than without it. That difference is the malus.",
        ),
        (NO_WAVE, WAVE),
    ),
    WorkshopStep(
        ("Investeren in de buurt: de bonus", "Investing in the community: the bonus"),
        (
            "Dezelfde golf, maar vanaf week {invest_start} een jaar lang buurtactiviteiten, sleutelpersonen en "
            "voorlichting via de buurt. Angst in een actieve gemeenschap wordt actie: de wijk eindigt "
            "veiliger dan zonder investering — de bonus.",
            "The same wave, but from week {invest_start} a year of community activities, best persons and a "
            "community campaign. Fear inside an active community turns into action: the wijk ends safer "
            "than without investment — the bonus.",
        ),
        (WAVE, INVESTMENT),
    ),
    WorkshopStep(
        ("Waarom het werkt", "Why it works"),
        (
            "Zet het mechanisme uit: angst splitst niet meer naar actie bij steun uit de buurt. Dezelfde "
            "investering levert dan veel minder op. De bonus komt uit de gemeenschap, niet uit het geld.",
            "Switch the mechanism off: fear no longer splits towards action with community support. The "
            "same investment then yields much less. The bonus comes from the community, not the money.",
        ),
        (WAVE, INVESTMENT, SPLIT_OFF),
    ),
)


def run_and_summarize(
    scenarios: list[tuple[str, Scenario]],
    seed: int,
    weeks: int,
    replicates: int,
    overrides: dict[str, Any] | None = None,
    posterior: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run the scenarios with paired seeds (in this process: the server's workers belong to sessions);
    with a calibration's ``posterior``, each replicate draws its parameters from it ("our wijk,
    calibrated": the intervals then carry what the survey figures leave uncertain)."""
    runs = run_comparison(
        scenarios, replicates=replicates, seed=seed, weeks=weeks, workers=1, overrides=overrides,
        posterior=posterior,
    )
    return runs, summarize(runs)


def scenario_events(scenario: Scenario) -> list[tuple[int, str]]:
    """Start and end weeks of a scenario's interventions (chart markers for runs whose model is gone)."""
    out: list[tuple[int, str]] = []
    for iv in scenario.interventions:
        if iv.start is None:
            continue
        out.append((int(iv.start), f"{iv.type} starts"))
        if iv.weeks is not None:
            out.append((int(iv.start + iv.weeks), f"{iv.type} ends"))
    return sorted(set(out))


@solara.component
def ComparisonFigure(runs: pd.DataFrame, events: list[tuple[int, str]]) -> None:
    """The CLI's comparison figure (:func:`wijksim.plots.comparison`), drawn once per result, large."""

    def draw() -> bytes:
        return png_bytes(comparison(runs, events={"all": events}), dpi=100)

    png = solara.use_memo(draw, [id(runs)])
    solara.Image(png, width="100%", classes=["wijk-compare-figure"])
    solara.FileDownload(png, "wijksim-comparison.png", label="PNG", mime_type="image/png")
    solara.FileDownload(
        lambda: runs.to_csv(index=False).encode(), "wijksim-comparison.csv", label="CSV", mime_type="text/csv"
    )


def _fmt(out: str, m: float, lo: float, hi: float, replicates: int, lang: str) -> str:
    if math.isnan(m):
        return "–"
    scale, unit = (1.0, "/wk") if out == "incidents" else (100.0, " pp")
    word = tr("better", lang) if m < 0 else tr("worse", lang)
    tag = "bonus" if m < 0 else "malus"
    ci = f" [{lo * scale:+.2f}, {hi * scale:+.2f}]" if replicates > 1 else ""
    return f"{m * scale:+.2f}{unit}{ci} — {tag} ({word})"


@solara.component
def BonusMalusTable(summary: pd.DataFrame, replicates: int, lang: str) -> None:
    """The paired differences against the reference, in plain words, large enough for a projector."""
    ref = summary["reference"].iloc[0]
    head = ["", *(tr(o, lang) for o in BONUS_MALUS_OUTPUTS)]
    rows = []
    for _, row in summary.iterrows():
        if row["scenario"] == ref:
            cells = [
                f"{row[f'{o}_mean'] * (1 if o == 'incidents' else 100):.2f}"
                f"{'/wk' if o == 'incidents' else ' %'} ({tr('reference', lang).lower()})"
                for o in BONUS_MALUS_OUTPUTS
            ]
        else:
            cells = [
                _fmt(
                    o,
                    row[f"bonus_malus_{o}"],
                    row[f"bonus_malus_{o}_lo"],
                    row[f"bonus_malus_{o}_hi"],
                    replicates,
                    lang,
                )
                for o in BONUS_MALUS_OUTPUTS
            ]
        rows.append([str(row["scenario"]), *cells])
    html = [
        "<table class='wijk-bonus-malus' style='font-size: 18px; border-collapse: collapse; width: 100%;'>",
        "<tr>"
        + "".join(
            f"<th style='text-align:left; padding: 6px 12px; border-bottom: 2px solid #444;'>{h}</th>"
            for h in head
        )
        + "</tr>",
    ]
    for r in rows:
        tds = []
        for c in r:
            color = "#1e8449" if "bonus" in c else ("#b03a2e" if "malus" in c else "#222")
            tds.append(
                f"<td style='padding: 6px 12px; border-bottom: 1px solid #ddd; color: {color};'>{c}</td>"
            )
        html.append("<tr>" + "".join(tds) + "</tr>")
    html.append("</table>")
    solara.HTML(tag="div", unsafe_innerHTML="".join(html))


@solara.component
def ResultsView(
    runs: pd.DataFrame, summary: pd.DataFrame, events: list[tuple[int, str]], replicates: int, lang: str
) -> None:
    """Numbers first (what a trainer points at), then the large charts."""
    tail = 13
    solara.Markdown(
        f"### {tr('bonus_malus', lang)}\n{tr('mean_window', lang)}: "
        f"{tr('week', lang).lower()} {int(runs['week'].max()) - tail + 1}–{int(runs['week'].max())}"
    )
    BonusMalusTable(summary, replicates, lang)
    solara.Text(tr("seeds_note", lang), style="color: #666; font-size: 13px;")
    ComparisonFigure(runs, events)


@solara.component
def ComparePage(lang: str) -> None:
    """Two or three scenarios side by side, same seed; the first is the reference."""
    options = solara.use_memo(shipped_scenarios, [])
    by_key = dict(options)
    picked = solara.use_reactive([k for k in (NO_WAVE, WAVE, INVESTMENT) if k in by_key])
    seed = solara.use_reactive(1)
    weeks = solara.use_reactive(156)
    replicates = solara.use_reactive(1)
    posterior_path = solara.use_reactive("")
    result: solara.Reactive[Result | None] = solara.use_reactive(None)
    error = solara.use_reactive("")

    def run() -> None:
        keys = [k for k in picked.value if k in by_key][:3]
        if len(keys) < 2:
            error.set(tr("compare_pick", lang))
            return
        error.set("")
        scs = [(by_key[k].name, by_key[k]) for k in keys]
        try:
            post = read_posterior(posterior_path.value.strip()) if posterior_path.value.strip() else None
            runs, summary = run_and_summarize(scs, int(seed.value), int(weeks.value), int(replicates.value),
                                              posterior=post)
        except ValueError as e:
            error.set(str(e))
            return
        events = sorted({e for _, sc in scs for e in scenario_events(sc)})
        result.set((runs, summary, events, int(replicates.value)))

    task = solara.lab.use_task(run, dependencies=None, prefer_threaded=True)
    with solara.Column(style="padding: 12px; max-width: 1400px;"):
        solara.Markdown(f"## {tr('compare_title', lang)}")
        with solara.Row(style="flex-wrap: wrap; align-items: center;"):
            solara.SelectMultiple(
                tr("compare_pick", lang),
                values=picked.value,
                on_value=picked.set,
                all_values=list(by_key),
                classes=["wijk-compare-pick"],
            )
            solara.InputInt(tr("seed", lang), value=seed, continuous_update=False)
            solara.InputInt(tr("weeks", lang), value=weeks, continuous_update=False)
            solara.InputInt("replicates", value=replicates, continuous_update=False)
            solara.InputText(tr("posterior_path", lang), value=posterior_path, continuous_update=False,
                             classes=["wijk-compare-posterior"])
            solara.Button(
                tr("run", lang),
                on_click=task,
                color="primary",
                classes=["wijk-compare-run"],
                disabled=task.pending,
            )
        if task.pending:
            solara.ProgressLinear(True)
            solara.Text(tr("running", lang))
        if error.value:
            solara.Error(error.value)
        if result.value is not None:
            ResultsView(*result.value, lang=lang)


def _load_workshop() -> tuple[dict[str, Scenario], dict[str, Any]] | str:
    """The workshop's scenarios and the numbers its texts quote, or the error that prevents them."""
    try:
        scs = workshop_scenarios()
        return scs, workshop_facts(scs)
    except ScenarioError as e:
        return str(e)


@solara.component
def WorkshopPage(lang: str) -> None:
    """A guided sequence through the bonus/malus effect; each step starts the runs it needs."""
    idx = solara.use_reactive(0)
    result: solara.Reactive[Result | None] = solara.use_reactive(None)
    done_for = solara.use_reactive(-1)
    loaded = solara.use_memo(_load_workshop, [])
    scs, facts = loaded if isinstance(loaded, tuple) else ({}, {})
    step = WORKSHOP[idx.value]
    k = 0 if lang == "nl" else 1

    def run() -> None:
        chosen = [(scs[key].name, scs[key]) for key in step.runs]
        runs, summary = run_and_summarize(chosen, seed=1, weeks=156, replicates=1)
        events = sorted({e for _, sc in chosen for e in scenario_events(sc)})
        result.set((runs, summary, events, 1))
        done_for.set(idx.value)

    task = solara.lab.use_task(run, dependencies=None, prefer_threaded=True)

    def go(delta: int) -> None:
        idx.set(max(0, min(len(WORKSHOP) - 1, idx.value + delta)))
        result.set(None)

    if isinstance(loaded, str):  # a shipped file is broken: say which, instead of a dead page
        solara.Error(loaded)
        return
    with solara.Column(style="padding: 12px; max-width: 1400px;"):
        solara.Markdown(f"## {tr('workshop_title', lang)}")
        solara.Markdown(f"### {tr('step', lang)} {idx.value + 1}/{len(WORKSHOP)}: {step.title[k]}")
        solara.Markdown(step.text[k].format(**facts), style="font-size: 18px; max-width: 900px;")
        with solara.Row():
            solara.Button(tr("previous", lang), on_click=lambda: go(-1), disabled=idx.value == 0)
            solara.Button(
                tr("start_step", lang),
                on_click=task,
                color="primary",
                classes=["wijk-workshop-run"],
                disabled=task.pending,
            )
            solara.Button(tr("next", lang), on_click=lambda: go(1), disabled=idx.value == len(WORKSHOP) - 1)
        if task.pending:
            solara.ProgressLinear(True)
        if result.value is not None and done_for.value == idx.value:
            runs, summary, events, reps = result.value
            if len(step.runs) > 1:
                ResultsView(runs, summary, events, reps, lang)
            else:
                ComparisonFigure(runs, events)

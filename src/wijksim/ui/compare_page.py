"""The trainer's pages: scenarios side by side with the same seed, and the guided bonus/malus workshop.

Runs go through :func:`wijksim.compare.run_comparison` (common random numbers: replicate ``k`` of
every scenario uses seed ``seed + k``), and the numbers shown are :func:`wijksim.compare.summarize`'s
paired differences against the first scenario — the same numbers ``wijksim compare`` prints.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd
import solara

from ..compare import BONUS_MALUS_OUTPUTS, run_comparison, summarize
from ..scenarios import Scenario
from .i18n import tr
from .session import shipped_scenarios

#: built-in scenarios of the workshop (and offered on the comparison page): the bonus/malus triple
WAVE = {"type": "crime_wave", "start": 26, "weeks": 12, "multiplier": 3.0}
INVEST = [
    {"type": "community_activities", "start": 30, "weeks": 52, "goal": "broad", "per_week": 2},
    {"type": "best_persons", "start": 30, "weeks": 52, "count": 6},
    {"type": "information_campaign", "start": 30, "channel": "community", "action_perspective": True},
]


def workshop_scenarios() -> dict[str, Scenario]:
    """The runs the workshop needs, by key (built in code so the workshop never depends on file names)."""
    return {
        "rust": Scenario(
            name="Geen golf / no wave", description="The reference wijk, nothing happens.", weeks=156
        ),
        "golf": Scenario(
            name="Golf zonder investering / wave, no investment",
            description="A crime wave in weeks 26–37 (×3), nobody invests.",
            weeks=156,
            interventions=[WAVE],
        ),
        "golf_investering": Scenario(
            name="Golf met investering / wave + investment",
            description="The same wave; from week 30 community activities, best persons "
            "and a community campaign for a year.",
            weeks=156,
            interventions=[WAVE, *INVEST],
        ),
        "golf_investering_zonder_split": Scenario(
            name="Investering zonder buurtsteun-split / investment, split off",
            description="As above, but fear no longer turns into action inside an active community "
            "(community_split = false): the mechanism behind the bonus switched off.",
            weeks=156,
            params={"community_split": False},
            interventions=[WAVE, *INVEST],
        ),
    }


@dataclass(frozen=True)
class WorkshopStep:
    """One step: its text in both languages and the runs it starts (the first is the reference)."""

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
        ("rust",),
    ),
    WorkshopStep(
        ("Een criminaliteitsgolf: de malus", "A crime wave: the malus"),
        (
            "In week 26 komt een golf van inbraken en overlast (12 weken, drie keer zoveel). Zonder "
            "investering trekken bewoners zich terug; ook een jaar na de golf blijft de wijk onveiliger "
            "dan zonder golf. Dat verschil is de malus.",
            "In week 26 a wave of burglary and nuisance arrives (12 weeks, three times the rate). Without "
            "investment residents withdraw; a year after the wave the wijk is still less safe than without "
            "it. That difference is the malus.",
        ),
        ("rust", "golf"),
    ),
    WorkshopStep(
        ("Investeren in de buurt: de bonus", "Investing in the community: the bonus"),
        (
            "Dezelfde golf, maar vanaf week 30 buurtactiviteiten, sleutelpersonen en voorlichting via de "
            "buurt. Angst in een actieve gemeenschap wordt actie: de wijk eindigt veiliger dan zonder "
            "investering — de bonus.",
            "The same wave, but from week 30 community activities, best persons and a community "
            "campaign. Fear inside an active community turns into action: the wijk ends safer than "
            "without investment — the bonus.",
        ),
        ("golf", "golf_investering"),
    ),
    WorkshopStep(
        ("Waarom het werkt", "Why it works"),
        (
            "Zet het mechanisme uit: angst splitst niet meer naar actie bij steun uit de buurt. Dezelfde "
            "investering levert dan veel minder op. De bonus komt uit de gemeenschap, niet uit het geld.",
            "Switch the mechanism off: fear no longer splits towards action with community support. The "
            "same investment then yields much less. The bonus comes from the community, not the money.",
        ),
        ("golf", "golf_investering", "golf_investering_zonder_split"),
    ),
)


def run_and_summarize(
    scenarios: list[tuple[str, Scenario]],
    seed: int,
    weeks: int,
    replicates: int,
    overrides: dict[str, Any] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run the scenarios with paired seeds (in this process: the server's workers belong to sessions)."""
    runs = run_comparison(
        scenarios, replicates=replicates, seed=seed, weeks=weeks, workers=1, overrides=overrides
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
        from ..plots import comparison

        buf = io.BytesIO()
        comparison(runs, events={"all": events}).savefig(buf, format="png", dpi=100)
        return buf.getvalue()

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
    options = solara.use_memo(lambda: shipped_scenarios() + list(workshop_scenarios().items()), [])
    by_key = dict(options)
    picked = solara.use_reactive(["rust", "golf", "golf_investering"])
    seed = solara.use_reactive(1)
    weeks = solara.use_reactive(156)
    replicates = solara.use_reactive(1)
    result = solara.use_reactive(None)
    error = solara.use_reactive("")

    def run() -> None:
        keys = [k for k in picked.value if k in by_key][:3]
        if len(keys) < 2:
            error.set(tr("compare_pick", lang))
            return
        error.set("")
        scs = [(by_key[k].name, by_key[k]) for k in keys]
        try:
            runs, summary = run_and_summarize(scs, int(seed.value), int(weeks.value), int(replicates.value))
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
                values=picked,
                all_values=list(by_key),
                classes=["wijk-compare-pick"],
            )
            solara.InputInt(tr("seed", lang), value=seed, continuous_update=False)
            solara.InputInt(tr("weeks", lang), value=weeks, continuous_update=False)
            solara.InputInt("replicates", value=replicates, continuous_update=False)
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


@solara.component
def WorkshopPage(lang: str) -> None:
    """A guided sequence through the bonus/malus effect; each step starts the runs it needs."""
    idx = solara.use_reactive(0)
    result = solara.use_reactive(None)
    done_for = solara.use_reactive(-1)
    scs = solara.use_memo(workshop_scenarios, [])
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

    with solara.Column(style="padding: 12px; max-width: 1400px;"):
        solara.Markdown(f"## {tr('workshop_title', lang)}")
        solara.Markdown(f"### {tr('step', lang)} {idx.value + 1}/{len(WORKSHOP)}: {step.title[k]}")
        solara.Markdown(step.text[k], style="font-size: 18px; max-width: 900px;")
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

"""Scenarios side by side with the same seed, and the pieces the workshop shows (:mod:`wijksim.ui.workshop`).

Runs go through :func:`wijksim.compare.run_comparison` (common random numbers: replicate ``k`` of
every scenario uses seed ``seed + k``), and the numbers shown are :func:`wijksim.compare.summarize`'s
paired differences against the first scenario — the same numbers ``wijksim compare`` prints.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from html import escape
from typing import Any

import pandas as pd
import solara
from solara import v

from ..compare import (
    BONUS,
    BONUS_MALUS_OUTPUTS,
    DEFAULT_LEVEL,
    MALUS,
    NEGLIGIBLE,
    UNCLEAR,
    CompareError,
    contrasts,
    judge,
    read_posterior,
    row_margin,
    run_comparison,
    summarize,
    tally,
    windows_for,
)
from ..outputs import output
from ..plots import COMPARE_PANELS, Figure, comparison
from ..scenarios import Scenario
from ..text.events import Event, rendered
from ..text.interventions import type_label
from ..text.messages import text as error_text
from ..text.numbers import number, tick_number
from . import compare_files, youth_views
from .compare_files import download_info, figure_png, provenance_line, summary_table, unbroken, with_titles
from .components import scenario_items
from .i18n import LANGS, STRINGS, scenario_name, tr
from .results import Busy, SessionResults, use_results
from .session import shipped_scenarios

#: the workshop's bonus/malus trio: shipped scenario files (``scenarios/<stem>.toml``), the same three
#: runs as ``docs/guide-trainers.md`` and ``wijksim compare``
NO_WAVE, WAVE, INVESTMENT = "no_wave", "wave_no_investment", "wave_community_investment"
#: replicates a comparison runs by default: enough for an interval that can exclude zero (~5 s)
DEFAULT_REPLICATES = 10
MAX_REPLICATES = 200


#: a finished comparison as the pages keep it: runs, summary (every window), chart markers, replicates
Result = tuple[pd.DataFrame, pd.DataFrame, list[tuple[int, str]], int]


#: the longest run the page accepts: a scenario file's limit (``Scenario.weeks``)
MAX_WEEKS = next(int(m.le) for m in Scenario.model_fields["weeks"].metadata if getattr(m, "le", None))


def run_and_summarize(
    scenarios: list[tuple[str, Scenario]],
    seed: int,
    weeks: int,
    replicates: int,
    overrides: dict[str, Any] | None = None,
    posterior: pd.DataFrame | None = None,
    pairs: Sequence[tuple[str, str]] | None = None,
    level: float = DEFAULT_LEVEL,
    progress: Any = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run the scenarios with paired seeds (in this process: the server's workers belong to sessions)
    and judge them as ``wijksim compare`` does: in every window of :func:`wijksim.compare.windows_for`,
    with :func:`wijksim.compare.summarize`'s paired differences and ``level`` intervals.

    ``pairs`` are the contrasts (default: every scenario against the first). With a calibration's
    ``posterior``, each replicate draws its parameters from it ("our wijk, calibrated"). ``progress(done,
    total)`` hears of every finished run (:meth:`~wijksim.ui.results.SessionResults.reporter`)."""
    if not 1 <= int(replicates) <= MAX_REPLICATES:
        raise CompareError(f"replicates = {replicates} is invalid: allowed 1 to {MAX_REPLICATES}")
    runs = run_comparison(
        scenarios, replicates=replicates, seed=seed, weeks=weeks, workers=1, overrides=overrides,
        posterior=posterior, progress=progress,
    )
    n_weeks = int(runs["week"].max())
    return runs, summarize(runs, windows_for(scenarios, n_weeks), list(pairs) if pairs else None, level)


def scenario_events(scenario: Scenario, lang: str = "en") -> list[tuple[int, str]]:
    """Start and end weeks of a scenario's interventions (chart markers for runs whose model is gone)."""
    out: list[Event] = []
    for iv in scenario.interventions:
        if iv.start is None:
            continue
        out.append(Event(iv.type, "starts", int(iv.start)))
        if iv.weeks is not None:
            out.append(Event(iv.type, "ends", int(iv.start + iv.weeks)))
    return sorted(set(rendered(out, lang)))


def window_text(name: str, first: int, last: int, lang: str) -> str:
    """A window as the page names it: ``het jaar na de golf (weken 42–93)``."""
    key = f"win_{name}"
    head = tr(key, lang) if key in STRINGS else name
    return f"{head} ({tr('weeks_range', lang).format(a=first, b=last)})"


def verdict_word(m: float, lo: float, hi: float, margin: float, lang: str) -> str:
    """:func:`wijksim.compare.judge`'s verdict in ``lang`` (bonus / malus only beyond the ``margin``)."""
    word = judge(m, lo, hi, margin)
    if word == BONUS:
        return f"bonus ({tr('better', lang)})"
    if word == MALUS:
        return f"malus ({tr('worse', lang)})"
    return tr("negligible" if word == NEGLIGIBLE else "no_clear", lang)


def margin_label(out: str, lang: str) -> str:
    """An outcome's margin as a column heading names it: ``marge 1 %-punt``, ``margin 2 % of the reference``."""
    o, m = output(out), output(out).margin
    what = (tr("margin_relative", lang).format(p=number(m.value * 100, lang, None)) if m.relative
            else number(m.value * o.scale, lang, None) + (tr("pp", lang) if o.percent else ""))
    return f"{tr('margin', lang)} {what}"


def tally_text(summary: pd.DataFrame, window: str, lang: str) -> str:
    """How many judgements the table of ``window`` makes, by word (:func:`wijksim.compare.tally`)."""
    c = tally(summary[summary["window"] == window])
    return tr("tally", lang).format(n=sum(c.values()), bonus=c[BONUS], malus=c[MALUS], negligible=c[NEGLIGIBLE],
                                    unclear=c[UNCLEAR])


def level_text(level: float, lang: str) -> str:
    """An interval level as the page names it: ``95 %``, ``99,5 %`` in Dutch."""
    return f"{number(level * 100, lang, None)} %"


def scenario_titles(scenarios: Sequence[tuple[str, Scenario]], lang: str) -> dict[str, str]:
    """Each compared scenario's title in ``lang`` by its key (the file name, :func:`shipped_scenarios`): how
    tables, figures and downloads name a run; the key stays the machine-readable name beside it."""
    return {key: scenario_name(sc, lang) or key for key, sc in scenarios}


def _cell(out: str, m: float, lo: float, hi: float, margin: float, lang: str) -> tuple[str, str]:
    """One outcome of one contrast: the number with its interval, and the verdict word (its colour key).
    In Dutch the interval's bounds are separated by a semicolon (the comma is the decimal sign)."""
    if math.isnan(m):
        return "–", ""
    scale, unit = (1.0, tr("per_week", lang)) if out == "incidents" else (100.0, tr("pp", lang))
    sep = "; " if lang == "nl" else ", "
    ci = (f" [{number(lo * scale, lang, 2, sign=True)}{sep}{number(hi * scale, lang, 2, sign=True)}]"
          if not math.isnan(lo) else f" ({tr('no_interval', lang)})")
    return (f"{number(m * scale, lang, 2, sign=True)}{unit}{ci} — {verdict_word(m, lo, hi, margin, lang)}",
            judge(m, lo, hi, margin))


def table_rows(summary: pd.DataFrame, window: str, lang: str, names: dict[str, str] | None = None
               ) -> list[list[tuple[str, str]]]:
    """The bonus/malus table of one window: per contrast a row of (text, verdict) cells; the first
    scenario against itself shows its own levels. Runs are named by ``names`` (key -> title in ``lang``,
    :func:`scenario_titles`), a key without a name by itself."""
    names = names or {}
    rows = []
    for _, row in summary[summary["window"] == window].iterrows():
        sc, ref = str(row["scenario"]), str(row["reference"])
        if sc == ref:
            head = f"{names.get(sc, sc)} ({tr('reference', lang).lower()})"
            cells = [(number(row[f"{o}_mean"] * (1 if o == "incidents" else 100), lang, 2)
                      + (tr("per_week", lang) if o == "incidents" else " %"), "") for o in BONUS_MALUS_OUTPUTS]
        else:
            head = f"{names.get(sc, sc)} {tr('vs', lang)} {names.get(ref, ref)}"
            cells = [_cell(o, float(row[f"bonus_malus_{o}"]), float(row[f"bonus_malus_{o}_lo"]),
                           float(row[f"bonus_malus_{o}_hi"]), row_margin(row, o), lang) for o in BONUS_MALUS_OUTPUTS]
        rows.append([(head, ""), *cells])
    return rows


@solara.component
def BonusMalusTable(summary: pd.DataFrame, window: str, lang: str, names: dict[str, str] | None = None,
                    levels: bool = True, stems: bool = False) -> None:
    """The paired differences of one window in plain words, large enough for a projector; ``levels``:
    also the references' own levels (rows of a reference against itself). Rows are named by ``names``
    (titles); each row keeps its runs' keys in ``data-scenario`` / ``data-reference``, and with ``stems``
    also shows them (the file names, as the scenario lists do), small under the titles. Each heading names
    its outcome's margin; under the table, how many judgements it makes (:func:`tally_text`)."""
    head = [""] + [f"{escape(tr(o, lang))}<br><span class='wijk-margin' style='font-size: 13px; font-weight: 400; "
                   f"color: #666;'>{escape(margin_label(o, lang))}</span>" for o in BONUS_MALUS_OUTPUTS]
    colors = {BONUS: "#1e6b3a", MALUS: "#9b2c20", NEGLIGIBLE: "#666", UNCLEAR: "#333"}
    html = [
        "<table class='wijk-bonus-malus' style='font-size: 18px; border-collapse: collapse; width: 100%;'>",
        "<tr>" + "".join(f"<th style='text-align:left; padding: 6px 10px; border-bottom: 2px solid #444;'>"
                         f"{h}</th>" for h in head) + "</tr>",
    ]
    pairs = summary[summary["window"] == window][["scenario", "reference"]].astype(str).itertuples(index=False)
    for r, (sc, ref) in zip(table_rows(summary, window, lang, names), pairs, strict=True):
        if sc == ref and not levels:
            continue
        tds = [f"<td class='wijk-verdict-{(w or 'none').replace(' ', '-')}' style='padding: 6px 10px; "
               f"border-bottom: 1px solid #ddd; color: {colors.get(w, '#222')};'>{unbroken(t)}</td>" for t, w in r]
        if stems:
            keys = sc if sc == ref else f"{sc} {tr('vs', lang)} {ref}"
            tds[0] = tds[0].replace("</td>", f"<br><span class='wijk-stem' style='font-size: 13px; color: #666;'>"
                                              f"{escape(keys)}</span></td>")
        html.append(f"<tr data-scenario='{escape(sc)}' data-reference='{escape(ref)}'>" + "".join(tds) + "</tr>")
    html.append("</table>")
    html.append(f"<div class='wijk-tally' style='font-size: 15px; color: #444; margin-top: 4px;'>"
                f"{escape(tally_text(summary, window, lang))}</div>")
    solara.HTML(tag="div", unsafe_innerHTML="".join(html))


def compare_labels(lang: str) -> list[tuple[str, str]]:
    """The comparison figure's panels with their titles in ``lang``."""
    return [(col, tr(col, lang)) for col, _ in COMPARE_PANELS]


def window_spans(summary: pd.DataFrame, window: str, lang: str) -> list[tuple[str, int, int]]:
    """The chosen window as the figure shades it: (its name in ``lang``, first week, last week)."""
    rows = summary[summary["window"] == window]
    if not len(rows):
        return []
    first, last = int(rows["week_from"].iloc[0]), int(rows["week_to"].iloc[0])
    return [(window_text(window, first, last, lang), first, last)]


def comparison_figure(runs: pd.DataFrame, summary: pd.DataFrame, events: list[tuple[int, str]], window: str,
                      lang: str, names: dict[str, str] | None = None) -> Figure:
    """The figure the Compare page and the workshop show and offer for download, in ``lang``: panel titles, legend
    (``names``), window label, caption, ticks (a decimal comma in Dutch: :func:`tick_number`)."""
    level = float(summary["level"].iloc[0]) if "level" in summary.columns and len(summary) else None
    return comparison(runs, events={"all": events}, columns=compare_labels(lang) + youth_views.youth_labels(runs, lang),
                      windows=window_spans(summary, window, lang), fontsize=16, xlabel=tr("week", lang).lower(),
                      names=names, number=tick_number(lang), level=level, lang=lang)


@solara.component
def ComparisonFigure(runs: pd.DataFrame, summary: pd.DataFrame, events: list[tuple[int, str]], window: str,
                     lang: str, meta: dict[str, Any] | None = None, names: dict[str, str] | None = None,
                     downloads: bool = True) -> None:
    """The comparison figure (:func:`wijksim.plots.comparison`, the CLI's) with the chosen window shaded,
    in ``lang`` (texts, ``names`` in the legend, decimal comma on the axes in Dutch); the downloads are this
    figure (with its provenance, :func:`figure_png`) and this table (:func:`summary_table`), with a JSON
    sidecar of how they were made. The tables carry each run's key (``scenario``, ``reference``) and its
    name in ``lang`` (``scenario_title``, ``reference_title``)."""
    win = window_spans(summary, window, lang)

    def draw(dpi: int) -> bytes:
        words = {k: tr(k, lang) for k in ("seed", "replicates", "weeks")}
        line = provenance_line(meta, window, tr("window", lang), words)
        return figure_png(comparison_figure(runs, summary, events, window, lang, names), line, meta, window, dpi)

    from ..provenance import versions  # the page's figure is drawn 1:1 (legible); the download larger, when asked
    png = solara.use_memo(lambda: draw(compare_files.SCREEN_DPI),
                          [id(runs), window, lang, tuple(sorted((names or {}).items()))])
    solara.Image(png, width="100%", classes=["wijk-compare-figure"])
    if not downloads:
        return
    solara.Text(tr("explain_compare", lang), style="color: #444; font-size: 15px;", classes=["wijk-explain-compare"])
    titles = {str(k): (names or {}).get(str(k), str(k)) for k in dict.fromkeys(runs["scenario"])}
    info = download_info(meta, window, [w[1:] for w in win], lang, titles, versions())
    stem = f"wijksim-{tr('file_comparison', lang)}"
    with solara.Row():
        solara.FileDownload(lambda: draw(compare_files.FIGURE_DPI), f"{stem}.png",
                            label=f"{tr('figure', lang)} (PNG)", mime_type="image/png")
        solara.FileDownload(lambda: summary_table(summary, titles, meta).to_csv(index=False).encode(),
                            "wijksim-bonus-malus.csv",
                            label=f"{tr('bonus_malus_table', lang)} (CSV)", mime_type="text/csv")
        solara.FileDownload(lambda: with_titles(runs, titles).to_csv(index=False).encode(), f"{stem}-runs.csv",
                            label=f"{tr('runs_data', lang)} (CSV)", mime_type="text/csv")
        solara.FileDownload(lambda: json.dumps(info, indent=2, default=str).encode(), f"{stem}.json",
                            label=f"{tr('metadata', lang)} (JSON)", mime_type="application/json")


@solara.component
def WindowBar(summary: pd.DataFrame, lang: str, window: solara.Reactive[str], title: bool = True,
              picker: bool = True) -> None:
    """The window picker and the label naming the window, the interval level and the replicates."""
    present = list(dict.fromkeys(summary["window"]))
    current = window.value if window.value in present else present[0]
    rows = summary[summary["window"] == current]
    level = float(rows["level"].iloc[0])
    with solara.Row(style="align-items: center; flex-wrap: wrap; gap: 12px;"):
        if title:
            solara.Text(tr("bonus_malus", lang), style="font-size: 20px; font-weight: 600;")
        if picker:
            solara.ToggleButtonsSingle(
                value=current, on_value=window.set, classes=["wijk-window"],
                children=[solara.Button(tr(f"win_{w}", lang) if f"win_{w}" in STRINGS else w, value=w,
                                        classes=[f"wijk-window-{w}"]) for w in present],
            )
    where = window_text(current, int(rows["week_from"].iloc[0]), int(rows["week_to"].iloc[0]), lang)
    solara.Text(
        f"{tr('window', lang)}: {where}"
        f" · {level_text(level, lang)} {tr('interval', lang)} · {int(rows['pairs'].max())} {tr('paired_reps', lang)}",
        classes=["wijk-window-label"], style="font-size: 18px; font-weight: 600;",
    )


@solara.component
def ResultsView(runs: pd.DataFrame, summary: pd.DataFrame, events: list[tuple[int, str]], replicates: int,
                lang: str, window: solara.Reactive[str], names: dict[str, str] | None = None,
                meta: dict[str, Any] | None = None) -> None:
    """The window picker, the numbers with the window and interval level named beside them, the chart."""
    present = list(dict.fromkeys(summary["window"]))
    if window.value not in present:
        window.set(present[0])
        return
    level = float(summary[summary["window"] == window.value]["level"].iloc[0])
    WindowBar(summary, lang, window)
    BonusMalusTable(summary, window.value, lang, names, stems=True)
    youth_views.YouthOutcomes(runs, summary, window.value, lang, names)  # only when every run simulates youths
    if replicates < 2:
        solara.Warning(tr("need_two_reps", lang), dense=True)
    solara.Text(tr("verdict_note", lang).format(level=level_text(level, lang), n=replicates),
                style="color: #444; font-size: 15px;")
    solara.Text(tr("seeds_note", lang), style="color: #444; font-size: 15px;")
    ComparisonFigure(runs, summary, events, window.value, lang, meta, names)


def _with_overrides(sc: Scenario, overrides: dict[str, Any], name: str, name_nl: str | None = None,
                    interventions: list[dict[str, Any]] | None = None) -> Scenario:
    """``sc`` with the explorer's parameter changes written into it (a scenario built in Explore) and,
    given, the explorer run's ``interventions`` as they are in force (live ones included,
    :meth:`~wijksim.ui.session.SessionModel.interventions_as_run`) instead of the file's own."""
    data = {**sc.model_dump(), "name": name, "params": {**sc.params, **overrides}}
    data["name_nl"] = name_nl
    if interventions is not None:
        data["interventions"] = interventions
    return Scenario.model_validate(data)


def keep_result(store: dict[str, Any], scs: Sequence[tuple[str, Scenario]], runs: pd.DataFrame,
                summary: pd.DataFrame, replicates: int, meta: dict[str, Any]) -> Result:
    """Keep a finished comparison in the session's ``store`` (it outlives the page: switching tabs or
    language shows it again), with what the language may change afterwards in both languages: the
    chart's event labels and the runs' titles (:func:`scenario_titles`; the explorer's scenario is "As set
    in Explore: <its title>"). ``meta`` (seed, replicates, weeks, posterior) goes into the downloads."""
    res: Result = (runs, summary, sorted({e for _, sc in scs for e in scenario_events(sc, "en")}), replicates)
    store["compare"] = res
    store["compare_events"] = {x: sorted({e for _, sc in scs for e in scenario_events(sc, x)}) for x in LANGS}
    store["compare_names"] = {x: scenario_titles(scs, x) for x in LANGS}
    store["compare_meta"] = {"scenarios": {k: sc.model_dump(mode="json") for k, sc in scs}, **meta}
    return res


def explore_interventions(explore_config: Any, explore_model: Any) -> list[dict[str, Any]] | None:
    """The explorer run's interventions as in force (live ones too), if its model runs the scenario the
    sidebar shows; None (the file's own) when there is no model or the sidebar holds another scenario."""
    if explore_model is None or explore_config is None:
        return None
    if explore_model.config_snapshot.scenario is not explore_config.scenario:
        return None
    with explore_model.lock:
        return list(explore_model.interventions_as_run())


def offered_scenarios(shipped: Sequence[tuple[str, Scenario]], explore_config: Any,
                      explore_model: Any = None) -> dict[str, Scenario]:
    """What the page can compare, by key: the shipped scenarios and, when there is one, the scenario built
    in Explore (its file or upload with the parameters changed there, and the interventions of the run on
    screen, live ones included: :func:`explore_interventions`) under the key ``explore``."""
    by_key = dict(shipped)
    if explore_config is not None:
        base = explore_config.scenario
        by_key["explore"] = _with_overrides(base, explore_config.overrides,
                                            f"{tr('from_explore', 'en')}: {scenario_name(base, 'en')}",
                                            f"{tr('from_explore', 'nl')}: {scenario_name(base, 'nl')}",
                                            explore_interventions(explore_config, explore_model))
    return by_key


def request_problem(keys: Sequence[str], replicates: int, weeks: int) -> str:
    """Why a comparison cannot run as asked (the i18n key of the message), or "" when it can: checked before
    any run starts, so a bad number costs no waiting."""
    if len(keys) < 2:
        return "compare_pick"
    if not 1 <= replicates <= MAX_REPLICATES:
        return "need_reps"
    if not 1 <= weeks <= MAX_WEEKS:
        return "need_weeks"
    return ""


def pair_items(keys: Sequence[str], names: dict[str, str], lang: str) -> list[dict[str, str]]:
    """Every contrast the picked scenarios allow beyond "each against the first", as the pair picker offers
    it: ``B vs A`` (B − A, as ``wijksim compare --pair B:A``), its value ``"B:A"``."""
    return [{"text": f"{names.get(b, b)} {tr('vs', lang)} {names.get(a, a)}", "value": f"{b}:{a}"}
            for b in keys for a in keys if a != b and a != keys[0]]


def chosen_pairs(keys: Sequence[str], pairs: Sequence[str]) -> list[tuple[str, str]] | None:
    """The contrasts to judge: every scenario against the first, then each picked pair (``"B:A"``) whose
    runs are both picked (:func:`wijksim.compare.contrasts`); None when no pair is picked."""
    picked = [tuple(p.split(":", 1)) for p in pairs if p.count(":") == 1]
    kept = [(b, a) for b, a in picked if b in keys and a in keys and a != b]
    return contrasts(list(keys), kept) if kept else None


def compare_job(store: Any, scs: list[tuple[str, Scenario]], seed: int, weeks: int, replicates: int,
                posterior_path: str, pairs: list[tuple[str, str]] | None) -> Any:
    """The comparison as the session's results run it (:meth:`SessionResults.run`, in its own thread):
    its result lands in ``store["compare"]`` whatever the page does meanwhile."""
    def job() -> Result:
        post = read_posterior(posterior_path) if posterior_path else None
        runs, summary = run_and_summarize(scs, seed, weeks, replicates, posterior=post, pairs=pairs,
                                          progress=store.reporter("compare"))
        return keep_result(store, scs, runs, summary, replicates, {
            "seed": seed, "replicates": replicates, "weeks": weeks, "posterior": posterior_path or None,
            "pairs": [f"{b}:{a}" for b, a in pairs or []]})
    return job


@solara.component
def ComparePage(lang: str, results: dict[str, Any] | SessionResults | None = None, explore_config: Any = None,
                explore_model: Any = None) -> None:
    """Two or three scenarios side by side with paired seeds; the first is the reference, and pairs (B
    against A) can be added. The scenario set up in Explore (file or upload, changed parameters and the
    run's interventions, live ones included) can be one of them. The comparison runs in the session's
    results (:mod:`wijksim.ui.results`): it lands on this page whatever the tabs do, also after a reload."""
    options = solara.use_memo(shipped_scenarios, [])
    store = use_results(results)
    by_key = offered_scenarios(options, explore_config, explore_model)
    picked = solara.use_reactive([k for k in (NO_WAVE, WAVE, INVESTMENT) if k in by_key])
    pairs = solara.use_reactive(list(store.get("compare_pairs", [])))
    seed = solara.use_reactive(1)
    weeks = solara.use_reactive(156)
    replicates = solara.use_reactive(DEFAULT_REPLICATES)
    posterior_path = solara.use_reactive("")
    window = solara.use_reactive("year_after")
    # an i18n key (a request refused before running), else the computation's own error
    problem = solara.use_reactive("")
    busy = "compare" in store.busy

    def start() -> None:
        keys = [k for k in picked.value if k in by_key][:3]
        problem.set(request_problem(keys, int(replicates.value), int(weeks.value)))
        if problem.value:
            return
        store["compare_pairs"] = list(pairs.value)
        store.run("compare", compare_job(store, [(k, by_key[k]) for k in keys], int(seed.value), int(weeks.value),
                                         int(replicates.value), posterior_path.value.strip(),
                                         chosen_pairs(keys, pairs.value)))

    labels = {k: (tr("from_explore", lang) if k == "explore" else k) for k in by_key}
    named = {k: sc for k, sc in by_key.items() if k != "explore"}
    titles = {**scenario_titles(list(named.items()), lang), "explore": labels.get("explore", "explore")}
    with solara.Column(style="padding: 12px; max-width: 1400px;"):
        solara.Text(tr("compare_title", lang), classes=["wijk-compare-title"],
                    style="font-size: 24px; font-weight: 600; margin: 8px 0;")
        with solara.Row(style="flex-wrap: wrap; align-items: center;"):
            v.Select(label=tr("compare_pick", lang), v_model=picked.value, on_v_model=picked.set, multiple=True,
                     items=[*scenario_items([k for k in by_key if k != "explore"], named, lang),
                            *([{"text": labels["explore"], "value": "explore"}] if "explore" in by_key else [])],
                     class_="wijk-compare-pick")
            solara.InputInt(tr("seed", lang), value=seed, continuous_update=False)
            solara.InputInt(tr("weeks", lang), value=weeks, continuous_update=False)
            solara.InputInt(tr("replicates", lang), value=replicates, continuous_update=False,
                            classes=["wijk-compare-replicates"])
            solara.InputText(tr("posterior_path", lang), value=posterior_path, continuous_update=False,
                             classes=["wijk-compare-posterior"])
            solara.Button(tr("run", lang), on_click=start, color="primary", classes=["wijk-compare-run"], disabled=busy)
        keys = [k for k in picked.value if k in by_key][:3]
        if len(keys) > 2:
            v.Select(label=tr("compare_pairs", lang), v_model=pairs.value, on_v_model=pairs.set, multiple=True,
                     items=pair_items(keys, titles, lang), class_="wijk-compare-pairs", hint=tr("pairs_hint", lang),
                     persistent_hint=True)
        if "explore" in picked.value:
            ExploreNote(by_key["explore"], explore_config, lang)
        if busy:
            Busy(store, "compare", lang, "wijk-compare-busy")
        shown = tr(problem.value, lang) if problem.value else (
            error_text(store.errors["compare"], lang) if "compare" in store.errors else "")
        if shown:
            solara.Error(shown, classes=["wijk-compare-error"])
        res = store.get("compare")
        if res is not None:
            runs_, summary_, events_, reps_ = res
            events_ = store.get("compare_events", {}).get(lang, events_)
            names_ = store.get("compare_names", {}).get(lang, {"explore": tr("from_explore", lang)})
            ResultsView(runs_, summary_, events_, reps_, lang=lang, window=window, meta=store.get("compare_meta"),
                        names=names_)


@solara.component
def ExploreNote(sc: Scenario, explore_config: Any, lang: str) -> None:
    """What "as set in Explore" runs: its scenario, and the interventions it includes (the file's and
    those started live, with their weeks as they are in force)."""
    ivs = [f"{type_label(iv.type, lang)} ("
           + (f"{tr('weeks', lang).lower()} {iv.start}–{iv.end_week})" if iv.end_week is not None
              else f"{tr('from_week_on', lang).format(w=iv.start)})") for iv in sc.interventions]
    listed = "; ".join(ivs) if ivs else tr("none_in_force", lang)
    solara.Text(f"{tr('from_explore', lang)}: {scenario_name(explore_config.scenario, lang)} · "
                f"{tr('explore_includes', lang)}: {listed}", style="font-size: 13px; color: #444;",
                classes=["wijk-compare-explore"])


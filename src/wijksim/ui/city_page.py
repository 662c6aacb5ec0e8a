"""The city page: a city of wijken on a map, a target wijk and an intervention, and the waterbed numbers.

What the advisor's council asks first about any wijk programme is the waterbed: does it push the problem next
door? This page asks the question the way ``wijksim city compare`` does (:func:`wijksim.city.runs.compare`): the
city without the intervention (A) and with it in the target wijk (B), on the same paired seeds, WDQ and total net
effect with bootstrap intervals (:mod:`wijksim.city.waterbed`). Nothing is computed here that the CLI does not
compute; the page only builds city B from city A and shows the numbers in Dutch or English.

Why the cities are small here: a browser comparison should finish in seconds, so the page runs the example city
with small wijken and a short burn-in (:data:`UI_SIZE`); the numbers that count come from ``wijksim city
compare`` on the full city. Both computations land in the browser session's results
(:mod:`wijksim.ui.results`), so switching tabs or reloading keeps them, and a progress bar shows while they run.
"""

from __future__ import annotations

import dataclasses
import html
import math
import tomllib
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import solara

from ..city.cityfile import City, CityError, load_city
from ..city.runs import Comparison, compare, run_city
from ..city.waterbed import verdict
from ..scenarios import load_scenario
from ..text.numbers import number
from .i18n import tr
from .results import Busy, SessionResults, use_results
from .room_views import heading

#: the shipped example city (``scenarios/city_example.toml``)
EXAMPLE = Path(__file__).resolve().parents[3] / "scenarios" / "city_example.toml"
#: the interventions' scenario files (``scenarios/city/programme_<kind>.toml``, from week 1)
PROGRAMMES = EXAMPLE.parent / "city"
#: wijk size, burn-in and recorded weeks of the page's cities: small, so a comparison takes seconds
UI_SIZE: dict[str, Any] = {"width": 10, "height": 10, "burn_in": 4}
UI_WEEKS = 20
DEFAULT_SEEDS = 4
MAX_SEEDS = 40
#: the outputs the map can be coloured by (a wijk output or the city's own)
MAP_OUTPUTS = ("incidents", "reports", "fear_mean", "offender_effort", "patrol_units", "moved_out")
INTERVENTIONS = ("engagement", "maintenance", "hotspot")
#: the hot-spot programme: the target's weight in the (fixed) police rule, as in scripts/city_corroboration.py
HOTSPOT_PRIORITY = 4.0
MAP_KEY, COMPARE_KEY = "city_map", "city_compare"
SCENARIOS = EXAMPLE.parent


def shipped_cities() -> dict[str, Path]:
    """The city files shipped in ``scenarios/`` by their name there: the example first, then every
    ``scenarios/city/*.toml`` that is a city (has ``[[wijken]]``; the programmes there are wijk scenarios)."""
    files = [EXAMPLE, *sorted(PROGRAMMES.glob("*.toml"))]
    return {f.relative_to(SCENARIOS).as_posix(): f for f in files if _is_city(f)}


def _is_city(path: Path) -> bool:
    try:
        return "wijken" in tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def ui_city(path: Path = EXAMPLE) -> City:
    """The city file with the page's small wijken (every wijk's own parameters kept)."""
    city = load_city(path)
    wijken = tuple(dataclasses.replace(w, params={**w.params, **UI_SIZE}) for w in city.wijken)
    return dataclasses.replace(city, wijken=wijken, weeks=UI_WEEKS)


def with_intervention(city: City, target: str, kind: str) -> tuple[City, City]:
    """City A (as is) and B (``kind`` in ``target``). Hot-spot patrols share a fixed police capacity in both
    cities and concentrate it on the target in B, so the other wijken are thinned; the other interventions
    replace the target's scenario by ``scenarios/city/programme_<kind>.toml`` (the wijk's parameters kept)."""
    t = city.index(target)
    if kind not in INTERVENTIONS:
        raise ValueError(f"intervention {kind!r}: allowed {', '.join(INTERVENTIONS)}")
    if kind == "hotspot":
        a = dataclasses.replace(city, params={**city.params, "police_rule": "fixed"})
        spec = dataclasses.replace(a.wijken[t], police_priority=HOTSPOT_PRIORITY)
    else:
        a = city
        scenario = load_scenario(PROGRAMMES / f"programme_{kind}.toml")
        spec = dataclasses.replace(a.wijken[t], scenario=scenario)
    wijken = (*a.wijken[:t], spec, *a.wijken[t + 1:])
    return a, dataclasses.replace(a, wijken=wijken, name=f"{a.name} ({kind} in {target})")


def map_values(city: City, seed: int, progress: Any = None) -> pd.DataFrame:
    """Per wijk, the mean per week of every :data:`MAP_OUTPUTS` in one run of the city (wijk × output)."""
    table = run_city(city, seed, progress=progress).table()
    rows = table[table["output"].isin(MAP_OUTPUTS)]
    return rows.pivot_table(index="wijk", columns="output", values="value", aggfunc="mean").reindex(city.names)


def run_comparison(city: City, target: str, kind: str, seeds: int, progress: Any = None) -> dict[str, Any]:
    """The waterbed numbers of ``kind`` in ``target`` over ``seeds`` paired seeds (1..seeds), as kept."""
    if not 1 <= int(seeds) <= MAX_SEEDS:
        raise ValueError(f"seeds = {seeds}: allowed 1 to {MAX_SEEDS}")
    a, b = with_intervention(city, target, kind)
    got: Comparison = compare(a, b, target, list(range(1, int(seeds) + 1)), progress=progress)
    return {"target": target, "kind": kind, "seeds": int(seeds), "weeks": city.weeks, "result": got.result,
            "verdict": verdict(got.result), "buffer": [got.names[i] for i in got.areas.buffer]}


def _colour(value: float, low: float, high: float) -> str:
    """A light-to-dark red for ``value`` between ``low`` and ``high`` (grey if unknown)."""
    if not math.isfinite(value):
        return "#ddd"
    f = 0.0 if high <= low else (value - low) / (high - low)
    r, g, b = (np.array([253, 236, 220]) * (1 - f) + np.array([165, 30, 30]) * f).astype(int)
    return f"rgb({r},{g},{b})"


def tile_positions(city: City) -> dict[str, tuple[float, float]]:
    """Each wijk's tile position on the map in % of its box (x to the right, north up)."""
    xs = np.array([w.x_km for w in city.wijken])
    ys = np.array([w.y_km for w in city.wijken])

    def scale(v: np.ndarray) -> np.ndarray:
        span = float(v.max() - v.min())
        return np.full(len(v), 40.0) if span == 0 else 5.0 + 70.0 * (v - v.min()) / span

    px, py = scale(xs), scale(-ys)
    return {w.name: (float(px[i]), float(py[i])) for i, w in enumerate(city.wijken)}


def interval_text(m: float, lo: float, hi: float, lang: str, digits: int = 2) -> str:
    """``+0,12 [−0,05; +0,30]`` (Dutch: semicolon between the bounds, the comma being the decimal sign)."""
    if not math.isfinite(m):
        return "–"
    sep = "; " if lang == "nl" else ", "
    ci = (f" [{number(lo, lang, digits, sign=True)}{sep}{number(hi, lang, digits, sign=True)}]"
          if math.isfinite(lo) and math.isfinite(hi) else "")
    return f"{number(m, lang, digits, sign=True)}{ci}"


@solara.component
def CityMap(city: City, values: pd.DataFrame | None, colour_by: str, target: str, buffer: list[str],
            on_target: Any, lang: str) -> None:
    """The wijken as tiles at their positions, coloured by ``colour_by``; a click makes a wijk the target."""
    pos = tile_positions(city)
    col = values[colour_by] if values is not None and colour_by in values else None
    low, high = (float(col.min()), float(col.max())) if col is not None else (0.0, 0.0)
    with solara.Div(style={"position": "relative", "width": "100%", "max-width": "560px", "height": "420px",
                           "border": "1px solid #bbb", "background": "#f7f7f4"}, classes=["wijk-city-map"]):
        for w in city.wijken:
            x, y = pos[w.name]
            value = float(col[w.name]) if col is not None else float("nan")
            ring = "3px solid #1a3d8f" if w.name == target else ("2px dashed #1a3d8f" if w.name in buffer else
                                                                  "1px solid #888")
            label = w.name if col is None else f"{w.name}\n{number(value, lang, 1)}"
            solara.Button(label, on_click=lambda n=w.name: on_target(n), text=True,
                          classes=["wijk-city-tile", f"wijk-city-tile-{w.name}"],
                          style={"position": "absolute", "left": f"{x}%", "top": f"{y}%", "width": "20%",
                                 "height": "18%", "background": _colour(value, low, high), "border": ring,
                                 "white-space": "pre-line", "text-transform": "none"})


@solara.component
def WaterbedResult(got: dict[str, Any], lang: str) -> None:
    """WDQ and total net effect with their intervals, the target's and buffer's change and the verdict."""
    r = got["result"]
    said = tr("ct_result_of", lang).format(iv=tr("ct_iv_" + got["kind"], lang), target=got["target"], n=got["seeds"],
                                           a=1, b=got["weeks"])
    solara.HTML(tag="div", unsafe_innerHTML=f"<b>{html.escape(said)}</b>")
    rows = [("ct_wdq", "wdq", 2), ("ct_tne", "tne", 1), ("ct_target_effect", "target_effect", 3),
            ("ct_buffer_effect", "buffer_effect", 3)]
    cells = ["<table class='wijk-city-result' style='font-size: 17px; border-collapse: collapse;'>",
            f"<tr><th></th><th style='text-align:left; padding: 4px 10px;'>{tr('ct_interval', lang)}</th></tr>"]
    for key, name, digits in rows:
        text = interval_text(float(r[name]), float(r[name + "_lo"]), float(r[name + "_hi"]), lang, digits)
        cells.append(f"<tr><td style='padding: 4px 10px;'>{tr(key, lang)}</td>"
                    f"<td class='wijk-city-{name}' style='padding: 4px 10px;'>{text}</td></tr>")
    cells.append(f"<tr><td style='padding: 4px 10px;'>{tr('ct_verdict', lang)}</td><td class='wijk-city-verdict' "
                f"data-verdict='{got['verdict']}' style='padding: 4px 10px; font-weight: 600;'>"
                f"{tr('ct_v_' + got['verdict'], lang)}</td></tr></table>")
    solara.HTML(unsafe_innerHTML="".join(cells))
    solara.Text(tr("ct_wdq_reading", lang), style={"color": "#555"})


@solara.component
def CityPage(lang: str, results: SessionResults | dict[str, Any] | None = None) -> None:
    """Map, target, intervention and the comparison; what is computed is kept in the session's results."""
    store = use_results(results)
    shipped = solara.use_memo(shipped_cities, [])
    files: dict[str, Path] = {**shipped, **store.get("city_paths", {})}
    chosen = solara.use_reactive(str(store.get("city_file", next(iter(files)))))
    city = solara.use_memo(lambda: ui_city(files[chosen.value]), [chosen.value])
    target = solara.use_reactive(str(store.get("city_target", city.names[0])))
    if target.value not in city.names:
        target.set(city.names[0])
    kind = solara.use_reactive(str(store.get("city_kind", INTERVENTIONS[0])))
    colour_by = solara.use_reactive(str(store.get("city_colour", MAP_OUTPUTS[0])))
    seeds = solara.use_reactive(int(store.get("city_seeds", DEFAULT_SEEDS)))
    buffer = [city.names[i] for i, near in enumerate(city.adjacency()[city.index(target.value)]) if near]

    def keep(key: str, r: solara.Reactive[Any]) -> Any:
        def set_(v: Any) -> None:
            store[key] = v
            r.set(v)
        return set_

    def start_map() -> None:
        store.run(MAP_KEY, lambda: map_values(city, 1, store.reporter(MAP_KEY)))

    def start_compare() -> None:
        t, k, n = target.value, kind.value, seeds.value
        store.run(COMPARE_KEY, lambda: run_comparison(city, t, k, n, store.reporter(COMPARE_KEY)))

    def choose(name: str, path: Path | None = None) -> None:
        """Another city: its file remembered in the session, the old city's map and comparison dropped."""
        if path is not None:
            store["city_paths"] = {**store.get("city_paths", {}), name: path}
        for key in (MAP_KEY, COMPARE_KEY):
            store.data.pop(key, None)
        store["city_file"] = name
        chosen.set(name)

    heading(tr("ct_title", lang), 2)
    solara.Text(tr("ct_intro", lang))
    CityFileChoice(list(files), chosen.value, choose, bool(store.busy & {MAP_KEY, COMPARE_KEY}), lang)
    with solara.Columns([1, 1]):
        with solara.Column():
            solara.HTML(tag="div", unsafe_innerHTML=f"<b>{html.escape(tr('ct_map', lang))}</b> — "
                                                    f"{html.escape(tr('ct_click_hint', lang))}")
            solara.Text(tr("ct_colour_by", lang))
            solara.ToggleButtonsSingle(
                value=colour_by.value, on_value=keep("city_colour", colour_by),
                classes=["wijk-city-colour"], style={"flex-wrap": "wrap"},
                children=[solara.Button(tr(f"ct_out_{o}", lang), value=o, text=True, classes=[f"wijk-city-out-{o}"])
                          for o in MAP_OUTPUTS])
            values = store.get(MAP_KEY)
            CityMap(city, values, colour_by.value, target.value, buffer, keep("city_target", target), lang)
            solara.Text(f"{tr('ct_out_' + colour_by.value, lang)}: {tr('ct_mean_over', lang).format(a=1, b=city.weeks)}"
                        if values is not None else tr("ct_no_map", lang))
            solara.Button(tr("ct_run_map", lang), on_click=start_map, disabled=MAP_KEY in store.busy,
                          classes=["wijk-city-run-map"])
            if MAP_KEY in store.busy:
                Busy(store, MAP_KEY, lang, "wijk-city-map-busy")
        with solara.Column():
            solara.Select(label=tr("ct_target", lang), value=target.value, values=list(city.names),
                          on_value=keep("city_target", target), classes=["wijk-city-target"])
            solara.Text(f"{tr('ct_buffer', lang)}: {', '.join(buffer)}", classes=["wijk-city-buffer"])
            solara.ToggleButtonsSingle(
                value=kind.value, on_value=keep("city_kind", kind),
                classes=["wijk-city-kind"], style={"flex-wrap": "wrap"},
                children=[solara.Button(tr(f"ct_iv_{k}", lang), value=k, text=True, classes=[f"wijk-city-iv-{k}"])
                          for k in INTERVENTIONS])
            solara.SliderInt(tr("ct_seeds", lang), value=seeds.value, min=1, max=MAX_SEEDS,
                             on_value=keep("city_seeds", seeds))
            solara.Button(tr("ct_compare", lang), on_click=start_compare, disabled=COMPARE_KEY in store.busy,
                          color="primary", classes=["wijk-city-compare"])
            _Outcome(store, lang, seeds.value)


@solara.component
def CityFileChoice(names: list[str], chosen: str, on_choose: Any, busy: bool, lang: str) -> None:
    """The city: a shipped file from a list, or a city file on this computer by its path (a city file names its
    wijken's scenario files relative to itself, so it is read where it lies, not uploaded); a bad file is
    refused in one line naming the file, the field and the allowed range, and the city shown stays."""
    path = solara.use_reactive("")
    problem = solara.use_reactive("")

    def load() -> None:
        typed = Path(path.value.strip()).expanduser()
        try:
            load_city(typed)
        except CityError as e:
            problem.set(str(e))
            return
        problem.set("")
        on_choose(str(typed), typed.resolve())

    with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
        solara.Select(label=tr("ct_city_file", lang), value=chosen, values=names, on_value=on_choose,
                      disabled=busy, classes=["wijk-city-file"], style={"min-width": "320px"})
        solara.InputText(tr("ct_city_path", lang), value=path, continuous_update=False,
                         classes=["wijk-city-path"])
        solara.Button(tr("ct_city_load", lang), on_click=load, disabled=busy, small=True, outlined=True,
                      classes=["wijk-city-load"])
    if problem.value:
        solara.Error(tr("ct_city_error", lang).format(e=problem.value), dense=True, classes=["wijk-city-file-error"])


@solara.component
def _Outcome(store: SessionResults, lang: str, seeds: int) -> None:
    """What the comparison button brought: progress, an error in one line, or the waterbed numbers (redrawn on
    every change of the session's results, like the page)."""
    store = use_results(store)
    if COMPARE_KEY in store.busy:
        Busy(store, COMPARE_KEY, lang, "wijk-city-busy")
        return
    for key in (MAP_KEY, COMPARE_KEY):
        if key in store.errors:
            solara.Error(tr("ct_error", lang).format(e=store.errors[key]))
    got = store.get(COMPARE_KEY)
    if got is None:
        solara.Text(tr("ct_no_result", lang).format(n=seeds), classes=["wijk-city-idle"])
        return
    WaterbedResult(got, lang)

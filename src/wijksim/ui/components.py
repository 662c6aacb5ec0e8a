"""Explorer building blocks: parameter controls, scenario picker, live interventions, downloads, views.

The views subscribe to Mesa's ``update_counter`` (bumped by the play loop after each step), so they
redraw once per frame; the controls do not, so play never re-renders 100 sliders.
"""

from __future__ import annotations

import html
import io
import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import solara
from mesa.visualization.utils import update_counter
from solara import v

from ..params import GROUPS, PARAMS, ParamError, coerce
from ..plots import Figure, LiveOverview, overview
from ..scenarios import Scenario, ScenarioError, load_scenario, parse_scenario_text
from ..text.events import rendered
from ..text.interventions import type_label
from ..text.messages import error
from ..text.messages import text as error_text
from ..text.numbers import number, tick_number
from ..validation import MAX_FILE_BYTES
from .charts import ChartValues, explanation
from .file_picker import FilePicker
from .i18n import (
    group_label,
    panel_labels,
    param_help,
    param_label,
    scenario_description,
    scenario_name,
    tr,
)
from .live import LIVE_INTERVENTIONS, LiveInterventions, live_running, start_live  # noqa: F401 - re-exported
from .rasters import MapRaster, NetworkRaster, encode
from .session import RunConfig, SessionModel, shipped_scenarios

#: the network picture is redrawn every this many weeks (it is the costliest view; ties change slowly)
NETWORK_EVERY = 4

SMALL = "font-size: 11px; color: #666; line-height: 1.2; margin: -6px 0 8px 0;"
NOTE = "font-size: 12px; color: #444; line-height: 1.3; max-width: 480px;"


def scenario_toml(scenario: Scenario, overrides: dict[str, Any], seed: int | None = None,
                  interventions: list[dict[str, Any]] | None = None) -> str:
    """The explorer's current settings as a scenario file: the picked scenario with the changed
    parameters written into ``[params]`` (``wijksim run`` and the compare page read it back) and, given
    ``interventions`` (:meth:`SessionModel.interventions_as_run`), the run's interventions as they are in
    force — the live ones too — so that the file reproduces the run on screen."""
    import tomli_w

    data = scenario.model_dump(mode="json", exclude_none=True)
    data["params"] = {**scenario.params, **overrides}
    if interventions is not None:
        data["interventions"] = interventions
    if seed is not None:
        data["description"] = (data.get("description") or "") + f" (saved from the UI; seed {seed})"
    data["interventions"] = [{k: v for k, v in iv.items() if v is not None} for iv in data.get("interventions", [])]
    if not data["interventions"]:
        del data["interventions"]
    return tomli_w.dumps(data)


def slider_step(values: list[float], lo: float, hi: float) -> float | None:
    """A slider step on which ``lo``, ``hi`` and every one of ``values`` lie exactly (a power of ten,
    at most 2000 steps over the range), or None when there is none: then a number field is used.

    A slider whose step does not fit its value snaps it when drawn (0.0009 became 0.001): the user
    would see, and the next run would use, a value nobody chose."""
    if not hi > lo:
        return None
    top = math.floor(math.log10(hi - lo))
    for k in range(top - 2, top - 6, -1):
        step = 10.0 ** k
        if (hi - lo) / step > 2000:
            break
        if all(abs(x / step - round(x / step)) < 1e-6 for x in (lo, hi, *values)):
            return step
    return None


def _control(p: Any, label: str, value: Any, base: Any, set_value: Callable[..., None], lang: str = "en") -> None:
    """The widget for one parameter: a slider only where its step fits the values, else a number field."""
    if p.kind == "bool":
        solara.Checkbox(label=label, value=bool(value), on_value=set_value)
    elif p.kind == "choice":  # the value is the file's word; in Dutch the list shows what it means
        items = [{"text": choice_text(c, lang), "value": c} for c in p.choices]
        v.Select(label=label, v_model=value, items=items, on_v_model=set_value)
    elif p.kind == "int":
        lo_i, hi_i = int(p.low if p.low is not None else 0), int(p.high if p.high is not None else 0)
        if p.low is not None and p.high is not None and hi_i - lo_i <= 2000 and lo_i <= int(value) <= hi_i:
            solara.SliderInt(label=label, value=int(value), min=lo_i, max=hi_i, on_value=set_value,
                             thumb_label="always")
        else:
            solara.InputInt(label=label, value=int(value), on_value=set_value, continuous_update=False)
    else:
        lo, hi = p.low, p.high
        step = None
        if lo is not None and hi is not None and float(lo) <= float(value) <= float(hi):
            step = slider_step([float(value), float(base), float(p.default)], float(lo), float(hi))
        if step is not None:
            solara.SliderFloat(label=label, value=float(value), min=float(lo), max=float(hi), step=step,
                               on_value=lambda v: set_value(v, step / 2), thumb_label="always")
        else:
            solara.InputFloat(label=label, value=float(value), on_value=set_value, continuous_update=False)


def choice_text(choice: str, lang: str) -> str:
    """A choice parameter's value as the list shows it: the value, with its Dutch meaning in Dutch."""
    from ..text.params import CHOICES_NL

    return f"{CHOICES_NL[choice]} ({choice})" if lang == "nl" and choice in CHOICES_NL else choice


def value_text(value: Any, lang: str) -> str:
    """A parameter value in words of ``lang``: yes/no for true/false, a decimal comma in Dutch."""
    if isinstance(value, bool):
        return tr("yes" if value else "no", lang)
    if isinstance(value, float):
        return number(value, lang, None)
    return str(value)


def use_frame_throttle(m: SessionModel) -> None:
    """A hook for a view that draws the live run: while it is shown, play waits until the render pass that
    drew the last week is done before taking the next step (``m.throttle``; released when the view goes).
    Play may step only once the whole pass is done (effects run after it), not from inside it: a step
    during the pass of another thread (a click handler) hands the next pass to that thread, and if that
    repeats every pass reacton stops with "Too many renders triggered"."""

    def attach() -> Callable[[], None]:
        m.throttle = True

        def detach() -> None:
            m.throttle = False
            m.frame_shown()

        return detach

    solara.use_effect(attach, [id(m)])
    solara.use_effect(m.frame_shown, None)


@solara.component
def ParamControl(name: str, overrides: solara.Reactive[dict[str, Any]], base: Any, lang: str) -> None:
    """One control generated from the registry: slider, number field, checkbox or select, with its
    help text. ``base`` is the picked scenario's value; the control shows the user's own value where
    there is one and marks it (•) when it differs from the scenario's."""
    p = PARAMS[name]
    value = overrides.value.get(name, base)
    differs = name in overrides.value and overrides.value[name] != base
    label = param_label(name, lang) + (" •" if differs else "")

    def set_value(new: Any, tolerance: float = 0.0) -> None:
        try:
            new = coerce(name, new)
        except ParamError:
            return
        cur = overrides.value.get(name, base)
        if new == cur or (tolerance and isinstance(new, float) and abs(new - float(cur)) < tolerance):
            return  # not a change by the user (a control echoing or rounding its value)
        d = dict(overrides.value)
        if new == base:
            d.pop(name, None)
        else:
            d[name] = new
        overrides.set(d)

    cls = [f"wijk-param-{name}"] + (["wijk-param-changed"] if differs else [])
    with solara.Div(classes=cls):
        _control(p, label, value, base, set_value, lang)
    if differs:
        solara.Text(f"{tr('scenario_value', lang)}: {value_text(base, lang)}", style=SMALL,
                    classes=["wijk-param-base"])
    solara.Text(param_help(name, lang), style=SMALL)


@solara.component
def ParamControls(overrides: solara.Reactive[dict[str, Any]], scenario: Scenario, lang: str) -> None:
    """Every registry parameter with ``ui=True``, grouped as in the registry; a group opens on demand.
    Values are the picked scenario's; advanced parameters (structural constants) are shown only after
    ticking the box for them. Opening a group never changes a value."""
    open_groups: solara.Reactive[list[int]] = solara.use_reactive([])
    advanced = solara.use_reactive(False)  # the registry's structural constants: hidden unless asked for
    base = {n: scenario.params.get(n, p.default) for n, p in PARAMS.items()}
    changed = {n: v for n, v in overrides.value.items() if base.get(n) != v}
    solara.Text(tr("params_note", lang), style=SMALL)
    solara.Checkbox(label=tr("show_advanced", lang), value=advanced)
    with solara.Row():
        solara.Button(
            tr("reset_params", lang),
            text=True,
            small=True,
            on_click=lambda: overrides.set({}),
            disabled=not overrides.value,
            classes=["wijk-params-reset"],
        )
        solara.Text(f"{len(changed)} {tr('changed', lang)}", style=SMALL, classes=["wijk-params-changed"])
    with v.ExpansionPanels(
        multiple=True, accordion=True, v_model=open_groups.value, on_v_model=open_groups.set
    ):
        visible = {n for n, p in PARAMS.items() if p.ui and (advanced.value or not p.advanced)}
        shown = [g for g in GROUPS if any(PARAMS[n].group == g for n in visible)]
        for i, group in enumerate(shown):
            names = [n for n in PARAMS if n in visible and PARAMS[n].group == group]
            with v.ExpansionPanel():
                v.ExpansionPanelHeader(children=[group_label(group, lang)], class_=f"wijk-group-{group}")
                with v.ExpansionPanelContent():
                    if i in open_groups.value:  # build the controls only when the group is open
                        for name in names:
                            ParamControl(name, overrides, base[name], lang)


def scenario_items(keys: list[str], scenarios: dict[str, Any], lang: str) -> list[dict[str, str]]:
    """The entries of a scenario list: the title in the page's language, then the file name it comes from
    (what the command line and the guides use); an entry without a scenario (an upload) shows its name."""
    # the defaults come from no file: their title alone (not "defaults — defaults")
    return [{"text": (f"{scenario_name(scenarios[k], lang)} — {k}" if k != "defaults" else
                      scenario_name(scenarios[k], lang)) if k in scenarios else k, "value": k} for k in keys]


@solara.component
def ScenarioPicker(
    config: RunConfig, pending: solara.Reactive[Scenario], source: solara.Reactive[str], lang: str
) -> None:
    """Pick a shipped scenario, drop a TOML file or give a path; shows the description."""
    choices = solara.use_memo(shipped_scenarios, [])
    # the exception itself, shown in the page's language (also after switching language)
    error: solara.Reactive[Exception | None] = solara.use_reactive(None)
    path = solara.use_reactive("")
    names = [k for k, _ in choices]
    if source.value not in names:
        names = [*names, source.value]

    def pick(key: str) -> None:
        for k, sc in choices:
            if k == key:
                pending.set(sc)
                source.set(k)
                error.set(None)

    def on_file(info: Any) -> None:
        try:
            sc = parse_upload(info["name"], info["data"])
        except ScenarioError as e:
            error.set(e)
            return
        pending.set(sc)
        source.set(f"{info['name']} ({tr('uploaded', lang)})")
        error.set(None)

    def load_path() -> None:
        try:
            sc = load_scenario(Path(path.value).expanduser())
        except ScenarioError as e:
            error.set(e)
            return
        pending.set(sc)
        source.set(Path(path.value).expanduser().name)  # the file name: a long path would widen the sidebar
        error.set(None)

    by_key = dict(choices)
    v.Select(label=tr("scenario", lang), v_model=source.value, items=scenario_items(names, by_key, lang),
             on_v_model=pick)
    sc = pending.value
    # plain HTML, not solara.Markdown: that one fetches KaTeX and mermaid from a CDN on every page load (a
    # 404 offline), and a scenario's description (an upload) is text, not markup
    solara.HTML(tag="div", unsafe_innerHTML=(
        f"<b>{html.escape(scenario_name(sc, lang))}</b> — {sc.weeks} {html.escape(tr('weeks', lang).lower())}"
        f"<br><br>{html.escape(scenario_description(sc, lang))}"), style="font-size: 13px;",
        classes=["wijk-scenario-about"])
    if sc.interventions:
        solara.Text(", ".join(f"{type_label(iv.type, lang)} @ {tr('week', lang).lower()} {iv.start}"
                              for iv in sc.interventions), style=SMALL)
    def on_pick(info: dict[str, Any]) -> None:
        if info.get("text") is None:  # the browser did not send it: larger than the limit
            error.set(too_large(str(info.get("name", "?"))))
            return
        on_file({"name": info.get("name", "?"), "data": str(info["text"]).encode("utf-8")})

    solara.FileDrop(label=tr("upload", lang), on_file=on_file, lazy=False)
    FilePicker(label=tr("pick_file", lang), accept=".toml", max_bytes=MAX_FILE_BYTES, event_file=on_pick)
    with solara.Row():
        solara.InputText(tr("scenario_path", lang), value=path, continuous_update=False,
                         classes=["wijk-scenario-path"])
        solara.Button(tr("load", lang), on_click=load_path, small=True, outlined=True, classes=["wijk-load"])
    if error.value is not None:
        solara.Error(error_text(error.value, lang), dense=True, classes=["wijk-scenario-error"])


def too_large(name: str) -> ScenarioError:
    """The error for a scenario file over :data:`MAX_FILE_BYTES` (the same words as the command line's)."""
    return error(ScenarioError, "too_large", name, mb=MAX_FILE_BYTES // 1_000_000, what="scenario")


def parse_upload(name: str, data: bytes) -> Scenario:
    """A dropped scenario file, checked like one read from disk (size, UTF-8, TOML, fields); raises
    :class:`ScenarioError` carrying the problem, so the page can show it in Dutch."""
    if len(data) > MAX_FILE_BYTES:
        raise too_large(name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error(ScenarioError, "not_utf8", name) from None
    return parse_scenario_text(text, name)


def run_metadata(m: SessionModel, lang: str) -> dict[str, Any]:
    """How the explorer's downloads were made: scenario, seed, the week they show, every parameter (as
    resolved, and the user's changes), the interventions with their status, the event log and the
    versions (:func:`wijksim.provenance.versions`). Goes into every PNG and the JSON sidecar."""
    from ..provenance import model_version, versions

    cfg = m.config_snapshot
    return {"wijksim_version": model_version(), "scenario": scenario_name(cfg.scenario, lang),
            "scenario_source": cfg.source, "seed": int(m.seed), "week": int(m.week),
            "scenario_weeks": int(cfg.scenario.weeks), "overrides": dict(cfg.overrides), "params": dict(m.base_params),
            "interventions": [{**iv.describe(), "status": iv.status} for iv in m.interventions],
            "events": [[int(w), t] for w, t in rendered(m.events_log, "en")], "language": lang, "versions": versions()}


def png_with_text(png: bytes, text: dict[str, str]) -> bytes:
    """``png`` with an iTXt chunk (UTF-8 text) per item right after its header, where image viewers and
    PIL (``Image.info``) find them; the pixels are not re-encoded."""
    import struct
    import zlib

    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    head = 8 + 12 + int.from_bytes(png[8:12], "big")  # signature, then IHDR (length, type, data, crc)
    chunks = b""
    for key, value in text.items():
        data = key.encode("latin-1") + b"\0\0\0\0\0" + value.encode("utf-8")  # no compression, no language
        chunks += struct.pack(">I", len(data)) + b"iTXt" + data + struct.pack(">I", zlib.crc32(b"iTXt" + data))
    return png[:head] + chunks + png[head:]


#: the explorer's downloads: kind -> (file name suffix, mime type, label key)
DOWNLOADS: dict[str, tuple[str, str, str]] = {
    "toml": (".toml", "application/toml", "dl_toml"),
    "csv": (".csv", "text/csv", "dl_csv"),
    "parquet": (".parquet", "application/octet-stream", "dl_parquet"),
    "map": ("-map.png", "image/png", "dl_map"),
    "network": ("-network.png", "image/png", "dl_network"),
    "charts": ("-charts.png", "image/png", "dl_charts"),
    "json": (".json", "application/json", "metadata_run"),
}


def charts_figure(ts: pd.DataFrame, events: list[tuple[int, str]], title: str, lang: str) -> Figure:
    """The charts download: the explorer's panels as a static figure in ``lang`` (texts and tick labels)."""
    return overview(ts, events, title=title, labels=panel_labels(lang), number=tick_number(lang))


def live_charts(weeks: int, lang: str) -> LiveOverview:
    """The explorer's live charts in ``lang``: panel texts, and tick labels with a decimal comma in Dutch."""
    return LiveOverview(panel_labels(lang), weeks=weeks, number=tick_number(lang))


def download_bytes(m: SessionModel, kind: str, lang: str) -> bytes:
    """The bytes of one of the explorer's :data:`DOWNLOADS` for the model as it is now. Every PNG carries
    :func:`run_metadata` in its metadata (``wijksim``, as JSON); the JSON download is the same record."""
    import json

    with m.lock:
        ts, info = m.timeseries(), run_metadata(m, lang)
        events = rendered(m.events_log, lang)
        png = MapRaster(m).render(m) if kind == "map" else NetworkRaster(m).render(m) if kind == "network" else b""
    title = f"{scenario_name(m.config_snapshot.scenario, lang)} — seed {m.seed}, {tr('week', lang).lower()} {m.week}"
    if kind == "toml":
        cfg = m.config_snapshot
        with m.lock:
            ivs = m.interventions_as_run()
        return scenario_toml(cfg.scenario, cfg.overrides, m.seed, ivs).encode()
    if kind == "csv":
        return ts.to_csv(index=False).encode()
    if kind == "parquet":
        buf = io.BytesIO()
        ts.to_parquet(buf, index=False)
        return buf.getvalue()
    if kind == "json":
        return json.dumps(info, indent=2, default=str).encode()
    if kind == "charts":
        buf = io.BytesIO()  # as plots.png_bytes, without matplotlib's own "Software" entry (ours follows)
        charts_figure(ts, events, title, lang).savefig(buf, format="png", dpi=110, metadata={"Software": None})
        png = buf.getvalue()
    elif kind not in ("map", "network"):
        raise ValueError(f"unknown download {kind!r}: allowed {', '.join(DOWNLOADS)}")
    return png_with_text(png, {"Title": f"{tr(kind, lang)}: {title}", "Software": f"wijksim {info['wijksim_version']}",
                               "wijksim": json.dumps(info, default=str)})


@solara.component
def Downloads(model: solara.Reactive[SessionModel], lang: str) -> None:
    """The run's data (CSV, Parquet), the current figures (PNG) and how they were made (JSON), made when
    clicked (not per frame); see :func:`download_bytes`."""
    m = model.value
    stem = f"wijksim-seed{m.seed}"
    with solara.Column(gap="2px"):
        for kind, (suffix, mime, label) in DOWNLOADS.items():
            if kind in ("map", "network", "charts"):  # the file name in the page's language
                suffix = f"-{tr('file_' + kind, lang)}.png"
            solara.FileDownload(lambda kind=kind: download_bytes(m, kind, lang), f"{stem}{suffix}",
                                label=tr(label, lang) + (" (JSON)" if kind == "json" else ""), mime_type=mime)


@solara.component
def ModelViews(model: solara.Reactive[SessionModel], lang: str) -> None:
    """Map, network and time series of the session's model; redrawn after every step."""
    update_counter.get()
    m = model.value
    t0 = time.perf_counter()
    map_r = solara.use_memo(lambda: MapRaster(m), [id(m)])
    net_r = solara.use_memo(lambda: NetworkRaster(m), [id(m)])
    net_cache: dict[int, bytes] = solara.use_memo(lambda: {}, [id(m)])
    charts_r = solara.use_memo(
        lambda: live_charts(m.config_snapshot.scenario.weeks, lang), [id(m), lang]
    )
    with m.lock:
        map_png = map_r.render(m)
        key = m.week // NETWORK_EVERY  # ties change slowly: redraw the network every few weeks
        if key not in net_cache:
            net_cache.clear()
            net_cache[key] = net_r.render(m)
        net_png = net_cache[key]
        ts = m.timeseries()
        events = rendered(m.events_log, lang)
        charts_rgb = charts_r.render(ts, events)
        week, step_ms = m.week, m.step_ms
        youth_on = getattr(m, "youth", None) is not None  # the youth charts only in a youth run (issue 28)
    charts_jpg = encode(charts_rgb, "JPEG")  # outside the lock: the model is not read
    redraw_ms = (time.perf_counter() - t0) * 1000.0

    use_frame_throttle(m)
    rs = m.residents
    with solara.Column(gap="8px", style="padding: 8px;"):
        with solara.Row(style="align-items: baseline; flex-wrap: wrap;"):
            solara.Text(
                f"{tr('week', lang)} {week}",
                classes=["wijk-week"],
                style="font-size: 20px; font-weight: 600;",
            )
            solara.Text(f"{tr('of_weeks', lang)} {m.config_snapshot.scenario.weeks}",
                        style="font-size: 16px; color: #555;")
            solara.Text(
                f"{scenario_name(m.config_snapshot.scenario, lang)} · seed {m.seed} · {rs.n} "
                f"{tr('households', lang)}"
            )
            solara.Text(
                f"{tr('frame', lang)}: {step_ms + redraw_ms:.0f} ms ({step_ms:.0f} + {redraw_ms:.0f})",
                classes=["wijk-frame"],
                style="color: #888; font-size: 12px;",
            )
        with solara.Row(style="flex-wrap: wrap; gap: 12px;"):
            with solara.Column(style="max-width: 500px;"):
                solara.Text(tr("map", lang), style="font-weight: 600;")
                solara.Image(map_png, width="480px", classes=["wijk-map"])
                solara.Text(tr("legend_map", lang), style=SMALL + "max-width: 480px; margin-top: 2px;")
                solara.Text(explanation("map", lang), style=NOTE, classes=["wijk-explain-map"])
            with solara.Column(style="max-width: 500px;"):
                solara.Text(tr("network", lang), style="font-weight: 600;")
                solara.Image(net_png, width="480px", classes=["wijk-network"])
                solara.Text(tr("legend_network", lang), style=SMALL + "margin-top: 2px;")
                solara.Text(explanation("network", lang), style=NOTE, classes=["wijk-explain-network"])
        solara.Text(tr("charts", lang), style="font-weight: 600;")
        solara.Image(charts_jpg, format="jpeg", width="945px", classes=["wijk-charts"])
        ChartValues(ts, week, lang)
        if youth_on:
            from .youth_views import YouthCharts

            YouthCharts(id(m), ts, events, m.config_snapshot.scenario.weeks, week, lang)

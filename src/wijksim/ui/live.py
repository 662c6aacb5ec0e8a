"""Live interventions in the explorer: start buttons, the list of what is in force with a remove
button per item, and the event log.

A click starts an intervention next week on the running model (no restart). A repeated click while
one of that kind is pending or in force (started by the button, or the scenario's own: see
:func:`live_running`) does what its class's ``on_repeat`` says
(:mod:`wijksim.interventions`): *extend* keeps it and restarts its duration from now (a crime wave
keeps its multiplier: clicks never multiply), *replace* stops it and starts a new one next week
(campaigns: a new round; levers: the newest claim wins again). An open-ended intervention has nothing
to extend: the click changes nothing and says so. Neither does a click while the intervention already
runs longer than the button's weeks from now (the scenario's own wave of weeks 26–41 clicked at week 25):
extending never shortens, and the page says it kept the later end. Remove (✕) ends any scheduled or running
intervention — live or from the scenario — through :meth:`Intervention.stop`.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

import solara
from mesa.visualization.utils import force_update, update_counter

from ..interventions import INTERVENTIONS, Intervention, live_buttons, make
from ..text.events import rendered
from ..text.interventions import type_label
from ..text.numbers import number
from .i18n import tr
from .session import SessionModel

#: live interventions offered in the explorer: key -> spec (start omitted = next week), from the table of
#: intervention types (each class's ``buttons``; their words: :mod:`wijksim.text.interventions`)
LIVE_INTERVENTIONS: dict[str, dict[str, Any]] = live_buttons()

SMALL = "font-size: 11px; color: #666; line-height: 1.2; margin: -6px 0 8px 0;"


#: fields that make two interventions of one type different kinds (a broad and a narrow programme);
#: strengths (multiplier, reach, count, cooperation, capacity) do not
KIND_FIELDS = ("goal", "channel", "action_perspective", "mode", "strategy", "enabled")


def same_kind(iv: Intervention, spec: dict[str, Any]) -> bool:
    """Is ``iv`` of the kind button ``spec`` starts (same type and the same :data:`KIND_FIELDS`)?"""
    return iv.type == spec["type"] and all(getattr(iv, f, None) == spec[f] for f in KIND_FIELDS if f in spec)


def live_running(model: SessionModel, key: str) -> Intervention | None:
    """The intervention of button ``key``'s kind that is scheduled or in force, or None: the one the
    button started, else the latest of that kind in the run (e.g. the scenario's own crime wave, so a
    click extends it instead of adding a second wave on top)."""
    iv = model.live.get(key)
    if iv is not None and iv.status in ("scheduled", "running"):
        return iv
    spec = LIVE_INTERVENTIONS[key]
    found = [iv for iv in model.interventions if iv.status in ("scheduled", "running") and same_kind(iv, spec)]
    return found[-1] if found else None


def start_live(model: SessionModel, key: str) -> str:
    """Click on button ``key``: ``"started"`` (next week), ``"extended"``, ``"replaced"``, ``"longer"``
    (in force beyond the button's weeks from now: left as it is, since an extension must never shorten)
    or ``"kept"`` (one is pending, or open-ended and in force: nothing to extend). See the module docstring."""
    with model.lock:
        new = make({**LIVE_INTERVENTIONS[key], "start": None})
        old = live_running(model, key)
        if old is None:
            model.live[key] = model.add_intervention(new)
            return "started"
        if old.on_repeat == "replace":
            _stop(model, old)
            model.live[key] = model.add_intervention(new)
            return "replaced"
        if new.weeks is not None and old.end_week is not None and old.status == "running" \
                and old.end_week > model.week + int(new.weeks):
            model.live[key] = old
            return "longer"
        if new.weeks is not None and old.extend(model, new.weeks):
            model.live[key] = old
            return "extended"
        return "kept"


def _stop(model: SessionModel, iv: Intervention) -> bool:
    """Stop ``iv`` and note the week (a saved file then says how long it was in force)."""
    if iv.stop(model):
        model.removed_at[id(iv)] = int(model.week)
        return True
    return False


def remove_live(model: SessionModel, iv: Intervention) -> bool:
    """Remove (✕) one scheduled or running intervention of the model (see :meth:`Intervention.stop`)."""
    with model.lock:
        return _stop(model, iv)


def _value(v: Any, lang: str) -> str:
    if isinstance(v, bool):
        return tr("yes" if v else "no", lang)
    if isinstance(v, int | float):
        return number(float(v), lang, 0 if float(v).is_integer() else 2)
    key = f"val_{v}"
    return tr(key, lang) if key != tr(key, lang) else str(v).replace("_", " ")


def describe_live(iv: Intervention, week: int, lang: str, title: str | None = None) -> str:
    """One line of the list: name, scheduled or running, its weeks (and weeks left), key parameters."""
    name = title or type_label(iv.type, lang)
    # an intervention starting in week s begins once week s-1 is done: at "week s-1" it is what the
    # coming week brings, so the list calls it scheduled (the header and the list agree on the week)
    status = "scheduled" if iv.status == "running" and iv.start is not None and week < iv.start else iv.status
    if iv.end_week is None:
        when = tr("from_week_on", lang).format(w=iv.start)
    else:
        when = f"{tr('weeks', lang).lower()} {iv.start}–{iv.end_week}"
        if status == "running":
            when += f", {tr('weeks_left', lang).format(n=iv.end_week - week)}"
    params = ", ".join(f"{tr(f'field_{f}', lang)} {_value(getattr(iv, f), lang)}" for f in type(iv).shown
                       if getattr(iv, f, None) is not None)
    return f"{name} — {tr(f'status_{status}', lang)}: {when}" + (f" · {params}" if params else "")


def notice_text(outcome: str, key: str, iv: Intervention | None, lang: str) -> str:
    """What the page says after a click (nothing for a plain start: the list shows it)."""
    if outcome == "started" or iv is None:
        return ""
    if outcome == "extended":
        return f"{tr(key, lang)}: {tr('extended_to', lang).format(w=iv.end_week)}"
    if outcome == "longer":
        return f"{tr(key, lang)}: {tr('kept_longer', lang).format(w=iv.end_week)}"
    if outcome == "replaced":
        return f"{tr(key, lang)}: {tr('replaced_from', lang).format(w=iv.start)}"
    if iv.status == "scheduled":
        return f"{tr(key, lang)}: {tr('already_scheduled', lang).format(w=iv.start)}"
    return f"{tr(key, lang)}: {tr('kept_open_ended', lang)}"


@solara.component
def LiveInterventions(model: solara.Reactive[SessionModel], lang: str) -> None:
    """Buttons that start an intervention next week on the running model, the list of interventions in
    force with a remove button each, and the event log. The buttons do not redraw per frame (only the
    list and the log do), to keep play cheap."""
    notice = solara.use_reactive("")

    def starter(key: str) -> Callable[[], None]:
        def go() -> None:
            outcome = start_live(model.value, key)
            notice.set(notice_text(outcome, key, live_running(model.value, key), lang))
            force_update()

        return go

    with solara.Column(gap="4px"):
        for key, spec in LIVE_INTERVENTIONS.items():
            color = "error" if INTERVENTIONS[spec["type"]].shock else "success"
            solara.Button(tr(key, lang), on_click=starter(key), small=True, outlined=True, color=color,
                          classes=[f"iv-{key}"])
    if notice.value:
        solara.Text(notice.value, style=SMALL + "color: #9b2c20; margin: 4px 0;", classes=["wijk-live-notice"])
    LiveList(model, lang)
    EventLog(model, lang)


@solara.component
def LiveList(model: solara.Reactive[SessionModel], lang: str) -> None:
    """Every intervention of the model that is scheduled or in force, with a remove button (✕)."""
    update_counter.get()
    m = model.value
    keys = {id(iv): k for k, iv in m.live.items()}
    with m.lock:
        items = [iv for iv in m.interventions if iv.status in ("scheduled", "running")]
        rows = [(iv, keys.get(id(iv)), describe_live(iv, m.week, lang, tr(keys[id(iv)], lang)
                                                      if id(iv) in keys else None)) for iv in items]
    solara.Text(tr("in_force", lang), style="font-weight: 600; font-size: 13px; margin-top: 8px;")
    if not rows:
        solara.Text(tr("none_in_force", lang), style=SMALL + "margin: 0;", classes=["wijk-live-empty"])

    def remover(iv: Intervention) -> Callable[[], None]:
        def go() -> None:
            remove_live(m, iv)
            force_update()

        return go

    for iv, key, text in rows:
        cls = ["wijk-live-item", f"wijk-live-{key or iv.type}", f"wijk-live-{iv.status}"]
        with solara.Row(style="align-items: center; gap: 4px; flex-wrap: nowrap;", classes=cls):
            solara.Button(icon_name="mdi-close", on_click=remover(iv), icon=True, small=True,
                          classes=["wijk-live-remove"], attributes={"title": tr("remove", lang)})
            solara.Text(text, style="font-size: 12px; line-height: 1.25;", classes=["wijk-live-text"])


@solara.component
def EventLog(model: solara.Reactive[SessionModel], lang: str) -> None:
    """The starts, extensions, removals and ends so far (the chart markers, in words)."""
    update_counter.get()
    m = model.value
    if m.events_log:
        # a plain list (solara.Markdown would fetch KaTeX and mermaid from a CDN)
        items = "".join(f"<li>{escape(tr('week', lang).lower())} {w}: {escape(t)}</li>"
                        for w, t in rendered(m.events_log[-8:], lang))
        solara.HTML(tag="ul", unsafe_innerHTML=items, style="font-size: 12px; padding-left: 18px; margin: 0;",
                    classes=["wijk-event-log"])
    else:
        solara.Text(tr("no_events", lang), style=SMALL)

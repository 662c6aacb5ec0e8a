"""Dutch and English strings of the browser UI.

The audience of a workshop is usually Dutch: policy advisors, wijkagenten, corporation staff. Domain
words they use (*wijk*, *hofje*, *voorlichting*, *terugtrekken*) stay Dutch in the Dutch interface;
the English interface is for the international research audience. Every visible string goes through
:func:`tr`, so a missing translation falls back to English instead of failing. The strings themselves are
in the text layer, one module per page (:mod:`wijksim.text.pages`); the intervention types' and the event
log's words in :mod:`wijksim.text.interventions` and :mod:`wijksim.text.events`.
"""

from __future__ import annotations

from typing import Literal

from ..text.pages import STRINGS, tr

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")


def scenario_name(sc: object, lang: str) -> str:
    """A scenario's title in ``lang`` (``name_nl`` where the file has it)."""
    nl = getattr(sc, "name_nl", None)
    return str(nl) if lang == "nl" and nl else str(getattr(sc, "name", ""))


def scenario_description(sc: object, lang: str) -> str:
    """A scenario's description in ``lang`` (``description_nl`` where the file has it)."""
    nl = getattr(sc, "description_nl", None)
    return str(nl) if lang == "nl" and nl else str(getattr(sc, "description", "") or "")


def panel_labels(lang: str) -> dict[str, str]:
    """Texts for the chart panels of :mod:`wijksim.plots` in ``lang``: titles and y labels from
    :data:`STRINGS`, each series (keyed by its column) by its short label in the registry of outputs."""
    from ..outputs import output
    from ..plots import PANELS, YOUTH_PANELS, label_keys

    series = {s.column for p in PANELS + YOUTH_PANELS for s in p.series}
    youth = [k for p in YOUTH_PANELS for k in (p.key, f"{p.key}.y", *(s.key for s in p.series))]
    return {key: output(key).short(lang) if key in series else tr(key, lang)
            for key in label_keys() + youth if key in series or key in STRINGS}


def group_label(group: str, lang: str) -> str:
    """A parameter group's name in ``lang`` (the Dutch name is the stage's own, in the registry)."""
    from ..params.registry import GROUPS_NL

    return GROUPS_NL.get(group, group) if lang == "nl" else group


def param_label(name: str, lang: str) -> str:
    """A parameter's control label: its short Dutch label (registry) in Dutch, else the registry's name."""
    from ..params import PARAMS

    if lang == "nl":
        return PARAMS[name].label_nl or name.replace("_", " ")
    return name.replace("_", " ")


def param_help(name: str, lang: str) -> str:
    """Help text under a control: meaning, unit, allowed range and source, straight from the registry (its
    Dutch texts in Dutch mode, with units, ranges and sources rendered by :mod:`wijksim.text.params`)."""
    from ..params import PARAMS
    from ..text.params import range_text_nl, source_nl, unit_nl

    p = PARAMS[name]
    if lang == "nl":
        meaning, unit, allowed = p.meaning_nl or p.meaning, unit_nl(p.unit), range_text_nl(p)
        source = source_nl(p.source)
    else:
        meaning, unit, allowed, source = p.meaning, p.unit, p.range_text(), p.source
    unit = "" if unit in ("-", "") else f" [{unit}]"
    src = f" — {source}" if source else ""
    return f"{meaning}{unit}; {allowed}{src}"

"""The Compare page's downloads: the figure with its provenance, and the bonus/malus table with the
columns ``wijksim compare`` writes (``file``, ``verdict``, ``uncertainty``), so that a file taken from the
page says what the CLI's says; and the table's number cells as HTML (:func:`unbroken`), as the page and the
workshop show them. Kept apart from :mod:`wijksim.ui.compare_page` (the page itself)."""

from __future__ import annotations

import json
from html import escape
from typing import Any

import pandas as pd

from ..compare import verdict
from ..plots import Figure, png_bytes
from ..provenance import model_version
from .components import png_with_text


def with_titles(table: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    """``table`` (runs or summary) with each key column's titles beside it: ``scenario_title`` after
    ``scenario``, ``reference_title`` after ``reference`` (keys without a title keep the key)."""
    out = table.copy()
    for col in ("scenario", "reference"):
        if col in out.columns:
            out.insert(out.columns.get_loc(col) + 1, f"{col}_title",
                       [titles.get(str(k), str(k)) for k in out[col]])
    return out


#: the comparison figure's download resolution (a projector or a report page; the page shows it scaled)
FIGURE_DPI = 150
#: the figure as the page shows it: drawn at the size it is shown (1:1 at 1280 px), so its text stays legible
SCREEN_DPI = 80


def provenance_line(meta: dict[str, Any] | None, window: str, window_word: str = "window",
                    words: dict[str, str] | None = None) -> str:
    """The line under the downloaded figure saying how it was made: version, seed, replicates, weeks, window,
    and the runs' keys (so a figure passed on can be re-made); ``words`` name the fields in the page's
    language (default: the keys)."""
    m, words = meta or {}, words or {}
    parts = [f"wijksim {model_version()}"]
    parts += [f"{words.get(k, k).lower()} {m[k]}" for k in ("seed", "replicates", "weeks") if m.get(k) is not None]
    parts.append(f"{window_word.lower()} {window}")
    if m.get("scenarios"):
        parts.append(", ".join(m["scenarios"]))
    if m.get("posterior"):
        parts.append(f"posterior {m['posterior']}")
    return " · ".join(parts)


def figure_png(fig: Figure, line: str, meta: dict[str, Any] | None, window: str, dpi: int = FIGURE_DPI) -> bytes:
    """The comparison figure ``fig`` as the page offers it: at ``dpi`` (:data:`FIGURE_DPI` for the download,
    :data:`SCREEN_DPI` on the page), the provenance ``line``
    (:func:`provenance_line`) along its foot and the record in the PNG's metadata (``wijksim``, as JSON)."""
    engine: Any = fig.get_layout_engine()
    if engine is not None:  # room for the line under the axes' labels
        try:
            engine.set(rect=(0, 0.03, 1, 0.97))
        except TypeError:  # an engine without ``rect``: the line may touch the labels, never hide data
            pass
    fig.text(0.005, 0.003, line, fontsize=9, color="#555", ha="left", va="bottom")
    png = png_bytes(fig, dpi=dpi)
    return png_with_text(png, {"Software": f"wijksim {model_version()}", "Description": line,
                               "wijksim": json.dumps({**(meta or {}), "window": window}, default=str)})


def summary_table(summary: pd.DataFrame, titles: dict[str, str], meta: dict[str, Any] | None) -> pd.DataFrame:
    """The bonus/malus CSV with the columns ``wijksim compare``'s ``summary.csv`` has: ``file`` (the
    scenario file, empty for the one built in Explore), the titles, ``verdict`` and ``uncertainty``."""
    m = meta or {}
    files = {k: ("" if k == "explore" else f"scenarios/{k}.toml") for k in (m.get("scenarios") or {})}
    out = with_titles(summary, titles)
    out.insert(1, "file", [files.get(str(k), "") for k in out["scenario"]])
    out["verdict"] = summary.apply(verdict, axis=1).to_numpy() if len(summary) else []
    out["uncertainty"] = ("chance (paired seeds)" if not m.get("posterior") else
                          f"chance and parameters (one draw per replicate from {m['posterior']})")
    return out


def download_info(meta: dict[str, Any] | None, window: str, window_weeks: list[tuple[int, int]], lang: str,
                  titles: dict[str, str], versions: dict[str, Any]) -> dict[str, Any]:
    """The JSON sidecar of the Compare downloads: how the comparison was made (``meta``: seed, replicates,
    ``weeks`` = the runs' length, scenarios, posterior, pairs), the window with its own weeks
    (``window_weeks``: ``weeks`` is not overwritten by it), the language, the runs' titles and versions."""
    return {**(meta or {}), "window": window, "window_weeks": [list(w) for w in window_weeks], "language": lang,
            "titles": titles, "versions": versions}


def unbroken(cell: str) -> str:
    """A table cell as HTML; in a number cell the number with its unit, and its interval, each stay on one line.

    Why: at presenter width the browser broke "+2,10 %-punt" after "%-" and "[+1,0; +3,0]" after ";", so a
    room read "%-" at a line's end and "punt" under it; a line may still break between the parts and before
    the verdict. A cell that does not start with a number (a row's name, "–") is only escaped."""
    if not cell[:1] or cell[0] not in "+−-±0123456789":
        return escape(cell)
    value, dash, verdict = cell.partition(" — ")
    head, bracket, rest = value.partition(" [") if " [" in value else value.partition(" (")
    parts = [head] + ([bracket.strip() + rest] if bracket else [])
    kept = " ".join(f"<span class='wijk-nowrap' style='white-space: nowrap;'>{escape(p)}</span>" for p in parts)
    return kept + (f"{dash}{escape(verdict)}" if dash else "")

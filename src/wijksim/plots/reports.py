"""The figures of reports: the user guides (``scripts/make_docs.py``), a calibration's posterior
(``wijksim calibrate``) and the distance to the edge (``wijksim edge``, ``scripts/make_bifurcation.py``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .panels import NumberText, number_ticks, y_limits


# --- the user guides' figures (scripts/make_docs.py) -------------------------------------------------
def band(ax: Any, runs: Sequence[pd.DataFrame], col: str, label: str, color: str, scale: float = 1.0,
         smooth: int = 1, quantiles: tuple[float, float] = (0.1, 0.9)) -> list[np.ndarray]:
    """Median over runs of one column (rolling mean of ``smooth`` weeks) and, from three runs, a band;
    returns what it drew (in the shown unit, ``scale`` applied), for :func:`_span`."""
    mat = np.stack([ts[col].to_numpy(dtype=float) for ts in runs]) * scale
    if smooth > 1:
        mat = pd.DataFrame(mat.T).rolling(smooth, min_periods=1, center=True).mean().to_numpy().T
    weeks = runs[0]["week"].to_numpy()
    drawn = [np.nanmedian(mat, axis=0)]
    ax.plot(weeks, drawn[0], color=color, label=label, lw=1.6)
    if len(runs) > 2:
        drawn += [np.nanquantile(mat, quantiles[0], axis=0), np.nanquantile(mat, quantiles[1], axis=0)]
        ax.fill_between(weeks, drawn[1], drawn[2], color=color, alpha=0.18, lw=0)
    return drawn


def _span(ax: Any, columns: Sequence[str], drawn: Sequence[Any], scale: float = 1.0) -> None:
    """The panel's y-axis from :func:`~wijksim.plots.panels.y_limits` (``drawn`` in the shown unit): a guide
    figure's flat line stays flat (cohesion 6.2–6.4 is not a collapse)."""
    low, high = y_limits(columns, [np.asarray(d, dtype=float) / scale for d in drawn])
    ax.set_ylim(low * scale, high * scale)


def _shade(ax: Any, first: int, last: int, label: str | None, color: str) -> None:
    ax.axvspan(first - 0.5, last + 0.5, color=color, alpha=0.12, lw=0, label=label)


def guide_reference(runs: Sequence[pd.DataFrame], unsafe_target: tuple[float, float] = (15, 20),
                    cohesion_target: float = 6.4) -> Figure:
    """The reference wijk over many seeds: unsafe (with the Dutch target band), states, incidents, cohesion."""
    fig = Figure(figsize=(10, 6.4), layout="tight")
    axes = fig.subplots(2, 2, sharex=True)
    ax = axes[0, 0]
    ax.axhspan(*unsafe_target, color="0.85", label=f"Dutch target {unsafe_target[0]:g}–{unsafe_target[1]:g} %")
    _span(ax, ["share_unsafe"], [*band(ax, runs, "share_unsafe", "feel unsafe", "C3", 100), list(unsafe_target)], 100)
    ax.set_ylabel("% of households")
    ax.set_title("Feeling unsafe")
    ax.legend(fontsize=8, loc="upper right")
    ax = axes[0, 1]
    drawn = [d for col, c in (("share_withdrawn", "C1"), ("share_active", "C2"))
             for d in band(ax, runs, col, col.removeprefix("share_"), c, 100)]
    _span(ax, ["share_withdrawn", "share_active"], drawn, 100)
    ax.set_title("Withdrawn and active households")
    ax.set_ylabel("% of households")
    ax.legend(fontsize=8)
    ax = axes[1, 0]
    drawn = [*band(ax, runs, "incidents", "incidents per week (4-week mean)", "C0", smooth=4),
             *band(ax, runs, "reports", "reported to the police", "C4", smooth=4)]
    _span(ax, ["incidents", "reports"], drawn)
    ax.set_title("Incidents and reports")
    ax.legend(fontsize=8)
    ax = axes[1, 1]
    ax.axhline(cohesion_target, color="0.5", ls="--", lw=1, label=f"CBS mean {cohesion_target:g}")
    _span(ax, ["cohesion"], [*band(ax, runs, "cohesion", "cohesion (0–10)", "C5"), [cohesion_target]])
    ax.set_title("Social cohesion")
    ax.legend(fontsize=8)
    for a in axes[1]:
        a.set_xlabel("week")
    fig.suptitle(f"Reference wijk, default parameters: median and 10–90 % band over {len(runs)} seeds", fontsize=11)
    return fig


#: the bonus/malus guide figure's words (English); a caller passes its own for another language
BONUS_MALUS_WORDS: dict[str, str] = {
    "share_withdrawn": "Withdrawn households (%)",
    "share_active": "Active households (%)",
    "incidents": "Incidents per week (8-week mean)",
    "share_unsafe": "Feeling unsafe (%)",
    "wave": "crime wave",
    "investment_ends": "investment ends",
    "week": "week",
    "title": "Bonus and malus: one wijk, three histories, paired seeds (median, 10–90 % band, {n} seeds)",
}


def guide_bonus_malus(groups: Mapping[str, Sequence[pd.DataFrame]], wave: tuple[int, int],
                      investment_end: int | None = None, colors: Sequence[str] = ("0.35", "C3", "C2"),
                      words: Mapping[str, str] | None = None, number: NumberText | None = None) -> Figure:
    """Three histories of one wijk with paired seeds (no wave, wave, wave + investment): states,
    incidents and fear, with the wave (first, last week) shaded and the end of the investment marked.
    ``words`` (:data:`BONUS_MALUS_WORDS`' keys) and ``number`` (tick labels) make it in another language:
    the Dutch guide projects a Dutch figure."""
    w = {**BONUS_MALUS_WORDS, **(words or {})}
    fig = Figure(figsize=(10, 6.4), layout="tight")
    axes = fig.subplots(2, 2, sharex=True)
    spec = (
        ("share_withdrawn", 100, 1),
        ("share_active", 100, 1),
        ("incidents", 1, 8),
        ("share_unsafe", 100, 1),
    )
    for ax, (col, scale, smooth) in zip(axes.ravel(), spec, strict=True):
        _shade(ax, wave[0], wave[1], w["wave"], "C3")
        if investment_end is not None:
            ax.axvline(investment_end + 0.5, color="C2", ls=":", lw=1.2, label=w["investment_ends"])
        drawn = [d for (label, runs), color in zip(groups.items(), colors, strict=False)
                 for d in band(ax, runs, col, label, color, scale, smooth)]
        _span(ax, [col], drawn, scale)
        ax.set_title(w[col], fontsize=10)
    axes[0, 0].legend(fontsize=8, loc="upper right")
    for a in axes[1]:
        a.set_xlabel(w["week"])
    n = len(next(iter(groups.values())))
    fig.suptitle(w["title"].format(n=n), fontsize=11)
    return number_ticks(fig, number)


def guide_collaboration(groups: Mapping[str, Sequence[pd.DataFrame]], colors: Sequence[str] = ("C3", "C0")) -> Figure:
    """Partners blaming each other versus supporting each other: trust, active households, damage."""
    fig = Figure(figsize=(11, 3.4), layout="tight")
    axes = fig.subplots(1, 3, sharex=True)
    spec = (
        ("trust_housing", "Trust in the housing corporation", 1),
        ("share_active", "Active households (%)", 100),
        ("damage_mean", "Damage backlog (mean, 0–1)", 1),
    )
    for ax, (col, title, scale) in zip(axes, spec, strict=True):
        drawn = [d for (label, runs), color in zip(groups.items(), colors, strict=False)
                 for d in band(ax, runs, col, label, color, scale)]
        _span(ax, [col], drawn, scale)
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("week")
    axes[0].legend(fontsize=8)
    return fig


def guide_fear_lag(pairs: Sequence[tuple[pd.DataFrame, pd.DataFrame]], wave: tuple[int, int]) -> Figure:
    """Fear outlasts crime: the wave run minus the no-wave run of the same seed, for incidents and for
    the share feeling unsafe, each as a share of its peak (mean over pairs, 4-week smoothing)."""
    first, last = wave
    ex_i, ex_f = [], []
    for base, run in pairs:
        base, run = base.set_index("week"), run.set_index("week")
        ex_i.append(run["incidents"] - base["incidents"])
        ex_f.append(run["share_unsafe"] - base["share_unsafe"])
    fig = Figure(figsize=(8, 3.6), layout="tight")
    ax = fig.subplots()
    _shade(ax, first, last, "crime wave", "C3")
    end = last + 80
    for series, label, c in ((ex_i, "excess incidents", "C0"), (ex_f, "excess share feeling unsafe", "C3")):
        mean = pd.concat(series, axis=1).mean(axis=1).rolling(4, min_periods=1, center=True).mean()
        ax.plot(mean.index, mean / mean.max(), color=c, label=label)
        end = min(end, int(mean.index.max()))
    ax.axhline(0.5, color="0.6", lw=0.8, ls=":")
    ax.set_xlim(first - 10, end)
    ax.set_ylabel("share of its peak")
    ax.set_xlabel("week")
    ax.set_title(
        f"After a crime wave: wave − no wave, paired seeds (mean of {len(pairs)}), 4-week smoothing", fontsize=10
    )
    ax.legend(fontsize=8)
    return fig


def posterior_marginals(post: pd.DataFrame, priors: dict[str, tuple[float, float]], title: str = "") -> Figure:
    """Weighted histogram of each fitted parameter over its prior range (flat = the data say little)."""
    names = list(priors)
    fig = Figure(figsize=(4.2 * min(len(names), 3), 3.4 * ((len(names) + 2) // 3)), layout="constrained")
    axes = np.ravel(fig.subplots((len(names) + 2) // 3, min(len(names), 3), squeeze=False))
    w = post["weight"].to_numpy(dtype=float)
    for ax, name in zip(axes, names, strict=False):
        lo, hi = priors[name]
        ax.hist(post[name], bins=20, range=(lo, hi), weights=w / w.sum(), color="C0", alpha=0.8)
        ax.axhline(1 / 20, color="0.4", ls="--", lw=1, label="prior")
        ax.set_xlim(lo, hi)
        ax.set_title(name, fontsize=10)
        ax.set_ylabel("posterior weight per bin", fontsize=8)
        ax.legend(fontsize=7)
    for ax in axes[len(names):]:
        ax.set_visible(False)
    if title:
        fig.suptitle(title, fontsize=12)
    return fig


def posterior_pairs(post: pd.DataFrame, priors: dict[str, tuple[float, float]], title: str = "") -> Figure:
    """Every pair of fitted parameters as a weighted scatter: ridges show what trades off against what. The
    diagonal holds each parameter's weighted histogram (its y-axis is posterior weight, labelled so)."""
    names = list(priors)
    n = len(names)
    fig = Figure(figsize=(2.8 * n + 1, 2.8 * n + 0.5), layout="constrained")
    axes = fig.subplots(n, n, squeeze=False)
    w = post["weight"].to_numpy(dtype=float)
    size = 6 + 60 * w / w.max()
    for i, a in enumerate(names):
        for j, b in enumerate(names):
            ax = axes[i, j]
            if i == j:
                ax.hist(post[a], bins=20, range=priors[a], weights=w, color="C0", alpha=0.8)
            else:
                ax.scatter(post[b], post[a], s=size, alpha=0.5, color="C0", lw=0)
                ax.set_xlim(*priors[b])
                ax.set_ylim(*priors[a])
            if i == n - 1:
                ax.set_xlabel(b, fontsize=8)
            if i == j:  # the diagonal's y axis is weight, not a parameter: it says so; its title names it
                ax.set_title(a, fontsize=8)
                if j == 0:
                    ax.set_ylabel("posterior weight per bin", fontsize=8)
            elif j == 0 or (i == 0 and j == n - 1):  # row 0's parameter: named at the row's right end
                ax.set_ylabel(a, fontsize=8)
                if i == 0:
                    ax.yaxis.set_label_position("right")
            ax.tick_params(labelsize=7)
    if title:
        fig.suptitle(title, fontsize=12)
    return fig


#: texts of :func:`bifurcation` (keys a ``labels`` mapping may translate)
BIFURCATION_LABELS: dict[str, str] = {
    "crime_rate": "crime_rate (base incident rate, × default)",
    "withdrawn": "share withdrawn (%)",
    "up": "slow ramp, way up", "down": "slow ramp, way down",
    "calm": "calm run (two histories)", "crisis": "two years after a year-long crisis (×3)",
    "persistence": "persistence: crisis − calm, % of calm",
    "gap": "ramp: down − up, % of up",
    "recovers": "recovers (< 5 %)", "tipped": "tipped (≥ 20 %)",
    "panel_state": "Share withdrawn along the crime rate",
    "panel_edge": "How much of a crisis stays (95 % intervals)",
    "panel_pace": "Ramp loop against its pace",
    "pace": "weeks the ramp holds each level",
    "at_rate": "crime_rate",
}


def bifurcation(branches: pd.DataFrame, histories: pd.DataFrame, hysteresis: pd.DataFrame | None = None,
                title: str = "", labels: Mapping[str, str] | None = None,
                thresholds: tuple[float, float] = (0.05, 0.20), pace: pd.DataFrame | None = None) -> Figure:
    """The bifurcation figure of :mod:`wijksim.edge`: left, share withdrawn against ``crime_rate`` on the slow
    ramp's way up and way down (mean and 95 % band over seeds) with the two histories' end states; right, the
    persistence of a crisis (relative withdrawn excess two years after) and the ramp's hysteresis gap, with the
    verdict thresholds. Hysteresis or a tipping region shows as the branches parting and the persistence
    crossing the upper threshold. ``branches`` may be empty and ``hysteresis`` None (no ramp run). With
    ``pace`` (:func:`wijksim.edge.pace_series`) a third panel shows the ramp's gap against its pace: a loop that
    closes as the ramp slows is slow recovery, one that stays open is a second stable state."""
    t = {**BIFURCATION_LABELS, **(labels or {})}
    fig = Figure(figsize=(17 if pace is not None else 12, 4.8), layout="constrained")
    axes = fig.subplots(1, 3 if pace is not None else 2)
    left, right = axes[0], axes[1]
    for leg, color, marker in (("up", "#c0392b", "^"), ("down", "#1f618d", "v")):
        b = branches[branches["leg"] == leg].sort_values("crime_rate") if len(branches) else branches
        if leg == "down" and len(b):  # the way down starts at the top of the way up
            up = branches[branches["leg"] == "up"]
            b = pd.concat([b, up[up["crime_rate"] == up["crime_rate"].max()]]).sort_values("crime_rate")
        if len(b):
            left.plot(b["crime_rate"], b["mean"] * 100, color=color, marker=marker, label=t[leg])
            left.fill_between(b["crime_rate"], b["lo"] * 100, b["hi"] * 100, color=color, alpha=0.15, lw=0)
    h = histories.sort_values("crime_rate")
    left.plot(h["crime_rate"], h["calm_withdrawn"] * 100, "o", color="0.2", mfc="white", label=t["calm"])
    left.plot(h["crime_rate"], h["crisis_withdrawn"] * 100, "x", color="0.2", ms=8, label=t["crisis"])
    left.set_xlabel(t["crime_rate"])
    left.set_ylabel(t["withdrawn"])
    left.set_title(t["panel_state"], fontsize=10)
    left.legend(fontsize=8)
    x = h["crime_rate"].to_numpy(dtype=float)
    m, err = _pct_err(h, "persistence")
    right.errorbar(x, m, yerr=err, fmt="o-", color="0.15", capsize=3, label=t["persistence"])
    if hysteresis is not None and len(hysteresis):
        g = hysteresis.sort_values("crime_rate")
        gm, gerr = _pct_err(g, "gap_rel")
        right.errorbar(g["crime_rate"], gm, yerr=gerr, fmt="s--", color="#1f618d", capsize=3, alpha=0.8,
                       label=t["gap"])
    lo, hi = thresholds
    shown = [m - err[0], m + err[1]]
    if hysteresis is not None and len(hysteresis):
        shown += [gm - gerr[0], gm + gerr[1]]
    ymin = min(-2.0, float(np.nanmin(np.concatenate(shown))) - 1)
    right.set_ylim(ymin, max(hi * 100 + 5, float(np.nanmax(np.concatenate(shown))) + 2))
    right.axhspan(ymin, lo * 100, color="#27ae60", alpha=0.08, lw=0)
    right.axhline(lo * 100, color="#27ae60", ls=":", lw=1, label=t["recovers"])
    right.axhline(hi * 100, color="#c0392b", ls=":", lw=1, label=t["tipped"])
    right.axhline(0, color="0.6", lw=0.8)
    right.set_xlabel(t["crime_rate"])
    right.set_ylabel("%")
    right.set_title(t["panel_edge"], fontsize=10)
    right.legend(fontsize=8)
    if pace is not None:
        _pace_panel(axes[2], pace, t)
    if title:
        fig.suptitle(title, fontsize=12)
    return fig


def _pct_err(df: pd.DataFrame, col: str) -> tuple[np.ndarray, np.ndarray]:
    """``col`` in % and its interval (``col_lo``, ``col_hi``) as error-bar lengths below and above."""
    m, lo, hi = (df[c].to_numpy(dtype=float) * 100 for c in (col, f"{col}_lo", f"{col}_hi"))
    return m, np.vstack([m - lo, hi - m])


def _pace_panel(ax: Any, pace: pd.DataFrame, t: Mapping[str, str]) -> None:
    """The ramp's relative gap (down − up) against weeks a level, one line per crime rate (log x axis)."""
    rates = sorted(pace["crime_rate"].unique())
    colors = [f"C{i % 10}" for i in range(len(rates))]
    for rate, color in zip(rates, colors, strict=True):
        g = pace[pace["crime_rate"] == rate].sort_values("step_weeks")
        m, err = _pct_err(g, "gap_rel")
        ax.errorbar(g["step_weeks"], m, yerr=err, fmt="o-", color=color, capsize=2, lw=1, ms=4,
                    label=f"{t['at_rate']} {rate:g}")
    ax.axhline(0, color="0.6", lw=0.8)
    ax.set_xscale("log")
    steps = sorted(pace["step_weeks"].unique())
    ax.set_xticks(steps, [str(int(w)) for w in steps])
    ax.minorticks_off()
    ax.set_xlabel(t["pace"])
    ax.set_ylabel(t["gap"])
    ax.set_title(t["panel_pace"], fontsize=10)
    ax.legend(fontsize=7, ncol=2)

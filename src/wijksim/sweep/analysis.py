"""``wijksim analyze DIR``: the figures and tables a researcher wants for the sweep's design.

- every design: ``runs.csv`` (one row per run, summary outputs) and ``output_correlations.csv``
  (Spearman ρ and p between outputs across runs: e.g. collective efficacy vs incidents, fact 5);
- grid: ``summary_by_point.csv`` (mean, sd, 95 % CI over replicates), ``lines.png`` (each output
  against the first factor, one line per level of the second, replicate bands), and for two numeric
  factors a response surface per output (``surface_<output>.png``); ``slope_changes.csv`` tests
  whether each output steepens past some level of the first factor (:func:`slope_change`); for
  weekly records also
  ``timeseries.png`` (mean per design point with bands);
- lhs: ``correlations.csv`` (Spearman ρ, p between each factor and output) and ``scatter.png``;
- sobol: ``sobol_indices.csv`` (S1, ST with confidence intervals; S2 if asked) and ``sobol.png``;
- morris: ``morris_indices.csv`` (μ*, its confidence interval, σ) and ``morris.png``.

Sensitivity indices need the complete design (SALib reads the sample matrix in order), so they are
refused on an unfinished sweep; the descriptive tables work on whatever runs are done.

Noise: the model is stochastic, so part of the spread of a design's outputs is seed noise, not the
factors. For sobol and morris, ``noise.csv`` estimates it from the replicates (the mean variance
between replicates of one design point, divided by the number of replicates averaged per point, as
a share of the variance of the point means) and says when it dominates (share above
:data:`NOISE_DOMINATES`): then the indices mostly measure noise (every total index near 1). With one
replicate it cannot be estimated, and the table and figure say so.

Damaged parts (checksum) are set aside before anything is read, and the analysis stops with a line
saying which, so that it never runs on part of the data without saying so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .. import plots
from . import storage
from .design import Experiment
from .names import readable_names
from .noise import NOISE_DOMINATES, _noise_notes, noise_table
from .stats import slope_change, spearman

__all__ = ["NOISE_DOMINATES", "AnalysisError", "analyze", "load", "noise_table", "per_run"]

CONF_LEVEL = 0.95
NUM_RESAMPLES = 1000


class AnalysisError(ValueError):
    """A directory that cannot be analysed, explained in one line."""


def load(directory: Path) -> tuple[Experiment, pd.DataFrame, dict[str, Any]]:
    """The experiment (from the manifest), its results (summary rows per run) and the manifest.

    Only reads (a read-only finished sweep is analysable), except to set damaged parts aside; every way
    the directory can be unreadable or its manifest garbage is an :class:`AnalysisError` of one line."""
    directory = Path(directory)
    try:
        manifest = _read_manifest(directory)
        exp = _manifest_experiment(directory, manifest)
        storage.migrate_layout(directory)
        _, damaged = storage.verify_parts(directory, manifest.get("checksums"))
        if damaged:
            names = storage.set_aside(directory, damaged)
            shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
            raise AnalysisError(
                f"{directory}: {len(names)} damaged part(s) set aside in {directory / storage.DAMAGED} ({shown}); "
                "run the same `wijksim sweep` command again to re-run their runs, then analyze"
            )
        df = storage.read_results(directory)
    except OSError as e:
        raise AnalysisError(f"{e.filename or directory}: cannot be read ({e.strerror or e})") from None
    if df.empty:
        raise AnalysisError(f"{directory}: no finished runs yet")
    return exp, df, manifest


def _read_manifest(directory: Path) -> dict[str, Any]:
    """``manifest.json`` as a JSON object (OSError passes up: the caller names the file)."""
    path = directory / storage.MANIFEST
    if directory.exists() and not directory.is_dir():
        raise AnalysisError(f"{directory}: not a directory; give a sweep's results directory")
    try:
        manifest = storage.read_manifest(directory)
    except (UnicodeDecodeError, ValueError) as e:  # json.JSONDecodeError is a ValueError
        raise AnalysisError(f"{path}: not a sweep manifest (not valid JSON: {str(e)[:80]})") from None
    except RecursionError:
        raise AnalysisError(f"{path}: not a sweep manifest (nested too deeply)") from None
    if manifest is None:
        raise AnalysisError(
            f"{directory}: no manifest.json; not a sweep directory (run `wijksim sweep` first)"
        )
    if not isinstance(manifest, dict) or not isinstance(manifest.get("experiment"), dict):
        raise AnalysisError(f"{path}: not a sweep manifest (no \"experiment\" object); was it written by "
                            "`wijksim sweep`?")
    if not isinstance(manifest.get("checksums") or {}, dict):
        raise AnalysisError(f"{path}: not a sweep manifest (\"checksums\" is not an object)")
    return manifest


def _manifest_experiment(directory: Path, manifest: dict[str, Any]) -> Experiment:
    """The manifest's experiment, validated; a damaged one is one line naming the first bad field."""
    from pydantic import ValidationError

    path = directory / storage.MANIFEST
    try:
        return Experiment.model_validate({**manifest["experiment"], "source": str(path)})
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(x) for x in first.get("loc", ())) or "experiment"
        raise AnalysisError(f"{path}: damaged experiment in the manifest: {where}: {first.get('msg', '')[:100]}"
                            ) from None
    except (TypeError, ValueError, RecursionError) as e:
        raise AnalysisError(f"{path}: damaged experiment in the manifest ({str(e)[:100]})") from None


def per_run(exp: Experiment, df: pd.DataFrame) -> pd.DataFrame:
    """One row per run: weekly records are summarised over the last ``summary_weeks`` weeks."""
    if "week" not in df.columns:
        return df
    last = df["week"].max() - exp.summary_weeks
    tail = df[df["week"] > last]
    keys = [c for c in df.columns if c not in exp.outputs and c != "week"]
    return tail.groupby(keys, sort=True, dropna=False)[exp.outputs].mean().reset_index()


def analyze(directory: Path, out: Path | None = None) -> list[Path]:
    """Write the analysis of a sweep directory; returns the files written."""
    import matplotlib

    matplotlib.use("Agg")
    exp, raw, _ = load(directory)
    out = Path(out) if out else Path(directory) / "analysis"
    try:
        return _write_all(exp, raw, out)
    except OSError as e:
        target = e.filename or out
        raise AnalysisError(f"cannot write the analysis to {target} ({e.strerror or e}); give --out with a "
                            "folder you can write to") from None


def _write_all(exp: Experiment, raw: pd.DataFrame, out: Path) -> list[Path]:
    """The design's figures and tables into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    runs = per_run(exp, raw)
    written: list[Path] = []
    path = out / "runs.csv"
    runs.to_csv(path, index=False)
    written.append(path)
    written.append(_output_correlations(exp, runs, out))
    kind = exp.design.kind
    if kind == "grid":
        written += _grid(exp, runs, raw, out)
    elif kind == "lhs":
        written += _lhs(exp, runs, out)
    elif kind == "sobol":
        written += _sobol(exp, runs, out)
    else:
        written += _morris(exp, runs, out)
    return written


def point_summary(exp: Experiment, runs: pd.DataFrame) -> pd.DataFrame:
    """Mean, sd, n and a normal-approximation 95 % CI of each output per design point."""
    factors = exp.factor_names
    g = runs.groupby(["point", *factors], sort=True, dropna=False)[exp.outputs]
    mean, sd, n = g.mean(), g.std(ddof=1), g.count()
    half = 1.96 * sd / np.sqrt(n.clip(lower=1))
    parts = {}
    for o in exp.outputs:
        parts[f"{o}_mean"] = mean[o]
        parts[f"{o}_sd"] = sd[o]
        parts[f"{o}_ci_low"] = mean[o] - half[o]
        parts[f"{o}_ci_high"] = mean[o] + half[o]
    parts["n"] = n[exp.outputs[0]]
    return pd.DataFrame(parts).reset_index()


def _output_correlations(exp: Experiment, runs: pd.DataFrame, out: Path) -> Path:
    rows = []
    outs = exp.outputs
    for i, a in enumerate(outs):
        for b in outs[i + 1 :]:
            rho, p = spearman(runs[a].to_numpy(), runs[b].to_numpy())
            rows.append({"output_a": a, "output_b": b, "spearman_rho": rho, "p_value": p, "n": len(runs)})
    path = out / "output_correlations.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def _is_numeric(s: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)


def _subplots(n: int, width: float = 4.0, height: float = 3.0):
    import matplotlib.pyplot as plt

    cols = min(n, 3)
    rows = int(np.ceil(n / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(width * cols, height * rows), squeeze=False)
    for ax in axes.ravel()[n:]:
        ax.set_visible(False)
    return fig, axes.ravel()


def _save_figure(fig: Any, path: Path) -> Path:
    """A figure of :mod:`wijksim.plots` (object API, its own layout) written to ``path``."""
    fig.savefig(path, dpi=110)
    return path


def _save(fig: Any, path: Path) -> Path:
    import matplotlib.pyplot as plt

    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


# --- grid ---------------------------------------------------------------------------------------
def _grid(exp: Experiment, runs: pd.DataFrame, raw: pd.DataFrame, out: Path) -> list[Path]:
    written = []
    summ = point_summary(exp, runs)
    path = out / "summary_by_point.csv"
    summ.to_csv(path, index=False)
    written.append(path)
    factors = exp.factor_names
    numeric = [f for f in factors if _is_numeric(runs[f])]
    x = numeric[0] if numeric else factors[0]
    hue = next((f for f in factors if f != x), None)
    names = readable_names(exp)
    fig = plots.sweep_lines(summ, exp.outputs, x, hue, names, exp.name)
    written.append(_save_figure(fig, out / "lines.png"))
    if numeric and runs[x].nunique() >= 5:
        written.append(_slope_changes(exp, runs, x, hue, out))
    if len(numeric) >= 2 and runs[numeric[0]].nunique() >= 2 and runs[numeric[1]].nunique() >= 2:
        written += _surfaces(exp, summ, numeric[0], numeric[1], out)
    if "week" in raw.columns and exp.n_points <= 24:
        written.append(_timeseries(exp, raw, out))
    return written


def _slope_changes(exp: Experiment, runs: pd.DataFrame, x: str, hue: str | None, out: Path) -> Path:
    rows = []
    groups = runs.groupby(hue, sort=True) if hue else [(None, runs)]
    for level, sub in groups:
        for o in exp.outputs:
            row = {"factor": x, **({hue: level} if hue else {}), "output": o}
            row.update(slope_change(sub[x].to_numpy(), sub[o].to_numpy()))
            rows.append(row)
    path = out / "slope_changes.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def _surfaces(exp: Experiment, summ: pd.DataFrame, x: str, y: str, out: Path) -> list[Path]:
    import matplotlib.pyplot as plt

    written = []
    for o in exp.outputs:
        table = summ.groupby([y, x])[f"{o}_mean"].mean().unstack(x).sort_index()
        fig, ax = plt.subplots(figsize=(5.5, 4.2))
        im = ax.pcolormesh(
            np.arange(table.shape[1] + 1),
            np.arange(table.shape[0] + 1),
            table.to_numpy(),
            shading="flat",
            cmap="viridis",
        )
        ax.set_xticks(np.arange(table.shape[1]) + 0.5, [f"{v:g}" for v in table.columns], rotation=45)
        ax.set_yticks(np.arange(table.shape[0]) + 0.5, [f"{v:g}" for v in table.index])
        ax.set_xlabel(x)
        ax.set_ylabel(y)
        ax.set_title(f"{o} (mean over replicates)")
        fig.colorbar(im, ax=ax)
        written.append(_save(fig, out / f"surface_{o}.png"))
    return written


def _timeseries(exp: Experiment, raw: pd.DataFrame, out: Path) -> Path:
    fig, axes = _subplots(len(exp.outputs))
    factors = exp.factor_names
    for ax, o in zip(axes, exp.outputs, strict=False):
        for key, sub in raw.groupby(factors, sort=True):
            g = sub.groupby("week")[o]
            m, lo, hi = g.mean(), g.quantile(0.1), g.quantile(0.9)
            label = ", ".join(f"{f}={v}" for f, v in zip(factors, np.atleast_1d(key), strict=False))
            ax.plot(m.index, m.to_numpy(), lw=1, label=label)
            ax.fill_between(m.index, lo.to_numpy(), hi.to_numpy(), alpha=0.15)
        ax.set_title(o)
        ax.set_xlabel("week")
        if ax is axes[0]:
            ax.legend(fontsize=6)
    fig.suptitle(f"{exp.name}: mean per design point, 10–90 % band over replicates")
    return _save(fig, out / "timeseries.png")


# --- lhs ----------------------------------------------------------------------------------------
def _lhs(exp: Experiment, runs: pd.DataFrame, out: Path) -> list[Path]:
    rows = []
    ranks: dict[tuple[str, str], tuple[float, float]] = {}  # (factor, output) -> (Spearman ρ, p), per panel
    for f in exp.factor_names:
        for o in exp.outputs:
            xs = runs[f].to_numpy() if _is_numeric(runs[f]) else pd.factorize(runs[f], sort=True)[0]
            rho, p = spearman(xs, runs[o].to_numpy())
            ranks[f, o] = (rho, p)
            rows.append({"factor": f, "output": o, "spearman_rho": rho, "p_value": p, "n": len(runs)})
    path = out / "correlations.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    fig = plots.sweep_scatter(runs, exp.factor_names, exp.outputs, readable_names(exp), ranks,
                              f"{exp.name}: each output against each factor")
    return [path, _save_figure(fig, out / "scatter.png")]


# --- sobol and morris ---------------------------------------------------------------------------
def _point_means(exp: Experiment, runs: pd.DataFrame, design: str) -> pd.DataFrame:
    means = runs.groupby("point")[exp.outputs].mean()
    missing = exp.n_points - len(means)
    if missing:
        raise AnalysisError(
            f"{exp.source}: {design} indices need every design point; {missing} of "
            f"{exp.n_points} have no finished run yet (resume the sweep first)"
        )
    return means.sort_index()


def _salib_seed(exp: Experiment) -> int:
    return int(np.random.SeedSequence([exp.seed, 0xA11]).generate_state(1)[0]) or 1


def _sobol(exp: Experiment, runs: pd.DataFrame, out: Path) -> list[Path]:
    from SALib.analyze import sobol

    means = _point_means(exp, runs, "Sobol")
    noise = noise_table(exp, runs)
    problem = exp.salib_problem()
    rows = []
    s2_rows = []
    for o in exp.outputs:
        y = means[o].to_numpy(dtype=float)
        if not np.isfinite(y).all() or np.ptp(y) == 0:
            continue
        res = sobol.analyze(
            problem,
            y,
            calc_second_order=exp.design.second_order,
            num_resamples=NUM_RESAMPLES,
            conf_level=CONF_LEVEL,
            seed=_salib_seed(exp),
        )
        for j, f in enumerate(problem["names"]):
            rows.append(
                {
                    "output": o,
                    "factor": f,
                    "S1": res["S1"][j],
                    "S1_conf": res["S1_conf"][j],
                    "ST": res["ST"][j],
                    "ST_conf": res["ST_conf"][j],
                }
            )
        if exp.design.second_order:
            names = problem["names"]
            for a in range(len(names)):
                for b in range(a + 1, len(names)):
                    s2_rows.append(
                        {
                            "output": o,
                            "factor_a": names[a],
                            "factor_b": names[b],
                            "S2": res["S2"][a, b],
                            "S2_conf": res["S2_conf"][a, b],
                        }
                    )
    table = pd.DataFrame(rows)
    if not table.empty:
        table = table.merge(noise[["output", "noise_share"]], on="output", how="left")
    path = out / "sobol_indices.csv"
    table.to_csv(path, index=False)
    noise_path = out / "noise.csv"
    noise.to_csv(noise_path, index=False)
    written = [path, noise_path]
    if s2_rows:
        p2 = out / "sobol_second_order.csv"
        pd.DataFrame(s2_rows).to_csv(p2, index=False)
        written.append(p2)
    if not table.empty:
        written.append(
            _index_bars(
                exp, table, ("S1", "ST"), out / "sobol.png", "Sobol indices (first order, total), 95 % CI",
                _noise_notes(noise),
            )
        )
    return written


def _morris(exp: Experiment, runs: pd.DataFrame, out: Path) -> list[Path]:
    from SALib.analyze import morris

    means = _point_means(exp, runs, "Morris")
    noise = noise_table(exp, runs)
    problem = exp.salib_problem()
    x = exp.unit_points()
    assert x is not None
    rows = []
    for o in exp.outputs:
        y = means[o].to_numpy(dtype=float)
        if not np.isfinite(y).all():
            continue
        res = morris.analyze(
            problem,
            x,
            y,
            num_resamples=NUM_RESAMPLES,
            conf_level=CONF_LEVEL,
            num_levels=exp.design.levels,
            seed=_salib_seed(exp),
        )
        for j, f in enumerate(problem["names"]):
            rows.append(
                {
                    "output": o,
                    "factor": f,
                    "mu": res["mu"][j],
                    "mu_star": res["mu_star"][j],
                    "mu_star_conf": res["mu_star_conf"][j],
                    "sigma": res["sigma"][j],
                }
            )
    table = pd.DataFrame(rows)
    if not table.empty:
        table = table.merge(noise[["output", "noise_share"]], on="output", how="left")
    path = out / "morris_indices.csv"
    table.to_csv(path, index=False)
    noise_path = out / "noise.csv"
    noise.to_csv(noise_path, index=False)
    written = [path, noise_path]
    if not table.empty:
        written.append(
            _index_bars(
                exp,
                table,
                ("mu_star",),
                out / "morris.png",
                "Morris μ* (elementary effect over the factor's range), 95 % CI",
                _noise_notes(noise),
            )
        )
    return written


def _index_bars(exp: Experiment, table: pd.DataFrame, cols: tuple[str, ...], path: Path, title: str,
                notes: dict[str, str] | None = None) -> Path:
    outs = list(dict.fromkeys(table["output"]))
    fig, axes = _subplots(len(outs), width=4.5, height=0.35 * len(exp.factor_names) + 1.2)
    for ax, o in zip(axes, outs, strict=False):
        sub = table[table["output"] == o]
        ys = np.arange(len(sub))
        h = 0.8 / len(cols)
        for k, c in enumerate(cols):
            ax.barh(ys + k * h, sub[c], height=h, xerr=sub[f"{c}_conf"], label=c, capsize=2)
        ax.set_yticks(ys + 0.4 - h / 2, sub["factor"], fontsize=7)
        ax.invert_yaxis()
        note = (notes or {}).get(o)
        ax.set_title(f"{o}\n{note}" if note else o, fontsize=9,
                     color="firebrick" if note and not note.startswith("noise ") else "black")
        if ax is axes[0]:
            ax.legend(fontsize=7)
    fig.suptitle(f"{exp.name}: {title}")
    return _save(fig, path)

"""Runs: scenarios with paired seeds (common random numbers) in a process pool, and posterior draws.

Arms of one replicate that would run the same burn-in (same seed, parameters and map: only their
interventions differ) run in one job and share it (:mod:`wijksim.burn_in`): byte-identical to running
them separately, at one burn-in instead of one per arm.

Replicate ``k`` of every scenario runs with seed ``seed + k``; with a calibration's posterior, replicate
``k`` of every scenario also uses the same parameter draw, so the pairs stay paired. The pool itself
(and what Ctrl-C does in it) is :mod:`.pool`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..burn_in import arm_key, shared_models
from ..runner import model_kwargs
from ..scenarios import Scenario, ScenarioError
from .pool import run_all
from .windows import CompareError

POSTERIOR_STREAM = 0x9057  # the key of the posterior-draw generator beside a run's seed (its own stream)


# --- runs ---------------------------------------------------------------------------------------
Arm = tuple[str, Scenario]
#: one job: the arms of one replicate that share a burn-in (one arm when it shares with none), the replicate,
#: its seed, the run length, the replicate's overrides and the arms' burn-in key (:func:`wijksim.burn_in.arm_key`)
Job = tuple[tuple[Arm, ...], int, int, int, dict[str, Any], str]
#: one arm's run as a job hands it back: scenario label, replicate, seed, the output columns and the recorded
#: weeks (a float array, one row per week: :meth:`wijksim.model.WijkModel.recorded`)
ArmRun = tuple[str, int, int, tuple[str, ...], np.ndarray]


def _one(job: Job) -> list[ArmRun]:
    """Run one job's arms, continuing each from the one burn-in they share (:mod:`wijksim.burn_in`).

    Each arm comes back as its recorded array, not as a table: :func:`assemble` makes one table of all arms.
    A table per arm (built, given three id columns, pickled back and concatenated) cost about 1 ms an arm, as
    much as copying the shared burn-in for it (issue #25)."""
    arms, rep, seed, weeks, overrides, key = job
    for _, sc in arms:
        sc.check_weeks(weeks)
    models = shared_models(seed, [model_kwargs(sc, overrides) for _, sc in arms], weeks, keys=[key] * len(arms))
    out: list[ArmRun] = []
    for (label, _), model in zip(arms, models, strict=True):
        model.run(weeks - model.week)  # an arm may start at a shared week (prefix_weeks)
        out.append((label, rep, seed, *model.recorded()))
    return out


def assemble(runs: Sequence[ArmRun]) -> pd.DataFrame:
    """One long table of arm runs: ``scenario``, ``replicate``, ``seed``, then each run's ``timeseries()``
    columns, the runs' rows one after another. Equal, column for column and dtype for dtype, to concatenating
    each run's ``timeseries()`` with the three id columns inserted in front; built from one array when the
    runs have the same outputs, and so per run only when they do not (youth outputs in some arms: concatenated
    as tables, missing outputs NaN)."""
    if len({run[3] for run in runs}) > 1:
        return pd.concat([assemble([run]) for run in runs], ignore_index=True)
    lengths = [len(run[4]) for run in runs]
    df = pd.DataFrame(np.concatenate([run[4] for run in runs]), columns=list(runs[0][3]))
    df["week"] = df["week"].astype("int64")
    df.insert(0, "seed", np.repeat(np.array([run[2] for run in runs], dtype=np.int64), lengths))
    df.insert(0, "replicate", np.repeat(np.array([run[1] for run in runs], dtype=np.int64), lengths))
    df.insert(0, "scenario", pd.Series(np.repeat(np.array([run[0] for run in runs], dtype=object), lengths),
                                       dtype="str"))
    return df


def paired_jobs(scenarios: Sequence[Arm], replicates: int, seed: int, weeks: int,
                overrides: Sequence[dict[str, Any]]) -> list[Job]:
    """The comparison's jobs: per replicate, the scenarios grouped by burn-in key (:func:`wijksim.burn_in.arm_key`),
    so arms that would run the same burn-in run in one job and share it; the rest run on their own, in
    parallel. Groups keep the scenarios' order. Each job carries its key, so its worker does not hash the
    settings again."""
    jobs: list[Job] = []
    for k in range(replicates):
        groups: dict[str, list[Arm]] = {}
        for label, sc in scenarios:
            groups.setdefault(arm_key(seed + k, model_kwargs(sc, overrides[k])), []).append((label, sc))
        jobs += [(tuple(arms), k, seed + k, weeks, overrides[k], key) for key, arms in groups.items()]
    return jobs


def run_length(scenarios: Sequence[tuple[str, Scenario]], weeks: int | None = None) -> int:
    """The common run length: ``weeks`` if given, else the scenarios' own (which must then agree).

    Known before any run, so windows can be checked against it before anything is computed."""
    lengths = {sc.weeks for _, sc in scenarios}
    if weeks is None and len(lengths) > 1:
        raise ScenarioError("the scenarios have different lengths (" + ", ".join(
            f"{label}: {sc.weeks}" for label, sc in scenarios) + "): give --weeks to compare them at equal length")
    n_weeks = weeks if weeks is not None else lengths.pop()
    for _, sc in scenarios:
        sc.check_weeks(n_weeks)
    return n_weeks


def run_comparison(scenarios: Sequence[tuple[str, Scenario]], replicates: int, seed: int, weeks: int | None = None,
                   workers: int | None = None, overrides: dict[str, Any] | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   posterior: pd.DataFrame | None = None) -> pd.DataFrame:
    """Run every scenario ``replicates`` times with paired seeds; one long table of weekly rows.

    With ``posterior`` (a calibration's ``posterior.parquet``: a column per parameter and ``weight``),
    replicate ``k`` also draws one parameter set from it — the same draw for every scenario of that
    replicate, so the pairs stay paired — and the intervals then carry what the calibration left
    uncertain as well as chance. The draws are columns ``posterior_<parameter>`` of the result."""
    n_weeks = run_length(scenarios, weeks)
    draws = posterior_draws(posterior, replicates, seed) if posterior is not None else [{}] * replicates
    jobs = paired_jobs(scenarios, replicates, seed, n_weeks, [{**(overrides or {}), **d} for d in draws])
    sizes = [len(job[0]) for job in jobs]
    results: list[ArmRun] = []
    if workers == 1 or len(jobs) == 1:
        for i, job in enumerate(jobs):
            results += _one(job)
            if progress:
                progress(sum(sizes[:i + 1]), sum(sizes))
    else:
        results = [arm for done in run_all(_one, jobs, workers, progress, sizes) for arm in done]
    order = {label: i for i, (label, _) in enumerate(scenarios)}
    runs = assemble(results)
    for name in draws[0]:
        runs[f"posterior_{name}"] = runs["replicate"].map({k: d[name] for k, d in enumerate(draws)})
    runs["_o"] = runs["scenario"].map(order)
    return runs.sort_values(["_o", "replicate", "week"]).drop(columns="_o").reset_index(drop=True)


def read_posterior(path: str | Path) -> pd.DataFrame:
    """A calibration's ``posterior.parquet``, checked: a ``weight`` column and registry parameters whose
    values the registry accepts (raises :class:`CompareError` with one line)."""
    from ..posterior_file import load_posterior

    return load_posterior(path, CompareError)


def posterior_draws(posterior: pd.DataFrame, replicates: int, seed: int) -> list[dict[str, Any]]:
    """One parameter set per replicate, drawn by weight; replicate ``k``'s draw depends only on
    ``seed + k`` (the replicate's own seed), so adding replicates keeps the earlier ones."""
    records = posterior.to_dict("records")
    return [draw_for_seed(records, seed + k) for k in range(replicates)]


def draw_for_seed(records: Sequence[dict[str, Any]], seed: int) -> dict[str, Any]:
    """The posterior particle (a dict with ``weight``) that a run with ``seed`` uses, chosen by weight from
    a generator of its own keyed by the seed: every run with that seed draws the same set, whatever else
    is computed (a comparison's scenarios, a sweep's design points under common random numbers)."""
    from ..params import PARAMS

    w = np.array([float(r["weight"]) for r in records])
    cum = np.cumsum(w / w.sum())
    u = np.random.default_rng(np.random.SeedSequence([seed, POSTERIOR_STREAM])).random()
    row = records[min(int(np.searchsorted(cum, u, side="right")), len(cum) - 1)]
    return {n: (round(float(v)) if PARAMS[n].kind == "int" else float(v)) for n, v in row.items() if n != "weight"}


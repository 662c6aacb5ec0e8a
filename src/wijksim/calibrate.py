"""Calibrating a wijk to local survey figures with approximate Bayesian computation (ABC-SMC).

A municipality knows a few aggregate figures of its wijk — the share who feel unsafe, the reporting
rate, cohesion, complaints — each with the uncertainty of a survey. ``wijksim calibrate TARGETS.toml``
finds which values of chosen parameters make the model produce those figures, as a *posterior
distribution*, not a point: ABC-SMC (pyabc) draws parameter sets from uniform priors, simulates each,
keeps those whose figures land near the observed ones (a Euclidean distance with each figure divided
by its standard error), and narrows the tolerance over generations. What the figures do not pin down
stays wide in the posterior, and :func:`wijksim.compare.run_comparison` can carry that uncertainty
into a policy comparison (``--posterior``).

The targets file (TOML; paths relative to it)::

    scenario = "../scenarios/reference.toml"  # base scenario; its [params] and layout apply
    weeks = 104             # each simulation; a figure is the mean over the last summary_weeks
    summary_weeks = 52
    replicates = 1          # seeds per particle, averaged
    population = 200
    generations = 5
    seed = 1
    [fit]                   # parameters to fit, uniform priors (an empty table: the registry's range)
    fear_decay = { low = 0.01, high = 0.06 }
    report_base = {}
    [targets]               # any timeseries column; observed value and its standard error
    share_unsafe = { value = 0.18, sd = 0.02 }

Simulations run on the same Dask cluster as sweeps (a local one with ``--workers N`` or a real one by
``--scheduler``). pyabc keeps every generation in an SQLite database in the output directory, so a
stopped calibration resumes where it was. Reproducible *in distribution*: the simulation seeds follow
from the calibration's seed and each particle's parameter values, but the order in which pyabc's
workers propose particles depends on timing, so two runs give statistically equivalent, not identical,
posteriors. The seed, the versions (with wijksim's git commit) and the number of simulations are recorded in
``calibration.json``, with the verdict per parameter and the posterior predictive check
(:mod:`wijksim.calibrate_report` says how both are judged).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import math
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .calibrate_report import Progress, judge, predictive_rows, shape, time_left
from .calibrate_report import weighted_quantile as weighted_quantile  # re-exported: it lived here first
from .metrics import ALL_COLUMNS
from .params import PARAMS, ParamError, validate
from .runner import model_kwargs, run_scenario
from .scenarios import Scenario, ScenarioError, load_scenario
from .validation import InputFileError, clip, fits, parse_toml, read_text

SEED_LIMIT = 2**63
DB_NAME = "abc.db"
PREDICTIVE_DRAWS = 40  # posterior draws simulated again for the posterior predictive check


class CalibrationError(ValueError):
    """A targets file or option the calibration cannot use (one clear line; exit 2)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Prior(_Strict):
    """A uniform prior; missing bounds default to the registry's allowed range."""

    low: float | int | None = None
    high: float | int | None = None


class Target(_Strict):
    """An observed figure and the standard error of its observation."""

    value: float | int
    sd: float | int = Field(gt=0)


class TargetsFile(_Strict):
    """The validated targets file (see the module docstring)."""

    scenario: str = Field(min_length=1)
    weeks: int = Field(104, ge=1, le=5200)
    summary_weeks: int = Field(52, ge=1, le=5200)
    replicates: int = Field(1, ge=1, le=100)
    population: int = Field(200, ge=2, le=100_000)
    generations: int = Field(5, ge=1, le=100)
    seed: int = Field(1, ge=0, lt=SEED_LIMIT)
    fit: dict[str, Prior]
    targets: dict[str, Target]

    @field_validator("fit")
    @classmethod
    def _fit_known(cls, v: dict[str, Prior]) -> dict[str, Prior]:
        if not v:
            raise ValueError("name at least one parameter to fit")
        for name in v:
            if name not in PARAMS:
                raise ValueError(f"{name!r} is not a parameter (`wijksim params` lists them)")
            if PARAMS[name].kind not in ("float", "int"):
                raise ValueError(f"{name!r} is a {PARAMS[name].kind} parameter; only numbers can be fitted")
        return v

    @field_validator("targets")
    @classmethod
    def _targets_known(cls, v: dict[str, Target]) -> dict[str, Target]:
        if not v:
            raise ValueError("name at least one observed figure")
        for name in v:
            if name not in ALL_COLUMNS or name == "week":
                raise ValueError(f"{name!r} is not a timeseries column (e.g. share_unsafe, reporting_rate, "
                                 "cohesion, share_complained_year)")
        return v

    @model_validator(mode="after")
    def _summary_within_run(self) -> TargetsFile:
        if self.summary_weeks > self.weeks:
            raise ValueError(f"summary_weeks ({self.summary_weeks}) must be at most weeks ({self.weeks})")
        return self


@dataclass(frozen=True)
class Calibration:
    """Everything one calibration needs, resolved: base scenario, priors, targets, settings."""

    source: str
    scenario: Scenario
    overrides: dict[str, Any]
    priors: dict[str, tuple[float, float]]
    targets: dict[str, tuple[float, float]]  # name -> (value, sd)
    weeks: int
    summary_weeks: int
    replicates: int
    population: int
    generations: int
    seed: int


def load_targets(path: str | Path, overrides: dict[str, Any] | None = None) -> Calibration:
    """Read and validate a targets file; ``overrides`` (``--set``) go on top of the base scenario."""
    path = Path(path)
    try:
        data = parse_toml(read_text(path, "targets"), str(path))
    except InputFileError as e:
        raise CalibrationError(str(e)) from None
    try:
        spec = TargetsFile.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        loc = ".".join(str(p) for p in err["loc"]) or "file"
        got = str(err.get("input"))[:60]
        raise CalibrationError(f"{path}: {loc}: {err['msg']} (got {got})") from None
    _check_numbers(spec, str(path))
    base = (path.parent / spec.scenario).resolve()
    try:
        scenario = load_scenario(base)
        extra = validate(overrides or {}, "--set")
        model_kwargs(scenario, extra)  # --set width on a map scenario: refused here, not in every worker
    except (ScenarioError, ParamError) as e:
        raise CalibrationError(f"{path}: scenario: {e}") from None
    priors: dict[str, tuple[float, float]] = {}
    for name, prior in spec.fit.items():
        reg = PARAMS[name]
        assert reg.low is not None and reg.high is not None  # numeric registry parameters have both bounds
        low = float(reg.low if prior.low is None else prior.low)
        high = float(reg.high if prior.high is None else prior.high)
        if not (reg.low <= low < high <= reg.high):
            raise CalibrationError(f"{path}: fit.{name}: the prior must satisfy {reg.low:g} <= low < high <= "
                                   f"{reg.high:g} (the registry's range; got low = {low:g}, high = {high:g})")
        if name in extra:
            raise CalibrationError(f"{path}: fit.{name} is also given with --set; a fitted parameter is not fixed")
        priors[name] = (low, high)
    try:
        scenario.check_weeks(spec.weeks)
    except ScenarioError as e:
        raise CalibrationError(f"{path}: weeks: {e}") from None
    return Calibration(
        source=str(path), scenario=scenario, overrides=extra, priors=priors,
        targets={k: (float(t.value), float(t.sd)) for k, t in spec.targets.items()},
        weeks=spec.weeks, summary_weeks=spec.summary_weeks, replicates=spec.replicates,
        population=spec.population, generations=spec.generations, seed=spec.seed)


def output_range(name: str) -> tuple[float, float]:
    """The values an output can take, so that an observed figure outside them is refused before any
    simulation (a share of 5.0 can never be matched; ABC would only report the prior back).

    Shares and rates are shares of households or incidents (0 to 1, as is collective efficacy, cohesion/10
    × a willingness of at most 1, and the cooperation level); cohesion is on its 0 to 10 scale; every other
    output is a count or a mean of non-negative quantities.
    """
    if name.startswith("share_") or name in ("reporting_rate", "collective_efficacy", "cooperation"):
        return 0.0, 1.0
    if name == "cohesion":
        return 0.0, 10.0
    return 0.0, math.inf


def _finite(value: Any) -> bool:
    return fits(value) and math.isfinite(float(value))


def _check_numbers(spec: TargetsFile, path: str) -> None:
    """Every number of the targets file usable before anything runs: prior bounds that a float holds, observed
    figures finite and within their output's range, standard errors finite, above 0 and no wider than the
    output's range (``sd = inf`` would
    weigh a figure by 0 and hand back the prior as the "posterior"; ``value = nan`` fails inside pyabc after a
    whole generation)."""
    for name, prior in spec.fit.items():
        for side in ("low", "high"):
            v = getattr(prior, side)
            if v is not None and not _finite(v):
                raise CalibrationError(f"{path}: fit.{name}.{side} = {clip(v)} is invalid: allowed a finite number "
                                       "within the registry's range (`wijksim params`)")
    for name, t in spec.targets.items():
        lo, hi = output_range(name)
        if not (_finite(t.value) and lo <= t.value <= hi):
            allowed = f"{lo:g} to {hi:g}" if math.isfinite(hi) else f"{lo:g} or more"
            kind = "a share" if hi == 1.0 else "a score on its 0 to 10 scale" if hi == 10.0 else "a count or mean"
            raise CalibrationError(f"{path}: targets.{name}.value = {clip(t.value)} is invalid: allowed {allowed} "
                                   f"({name} is {kind})")
        if not (_finite(t.sd) and t.sd > 0 and math.isfinite(1.0 / t.sd)):
            raise CalibrationError(f"{path}: targets.{name}.sd = {clip(t.sd)} is invalid: allowed a finite number "
                                   "above 0 (the standard error of the observed figure)")
        if math.isfinite(hi) and t.sd > hi - lo:
            # an error wider than everything the output can be says nothing: every particle would fit, and the
            # "posterior" would be the prior
            raise CalibrationError(f"{path}: targets.{name}.sd = {clip(t.sd)} is invalid: allowed above 0 and at "
                                   f"most {hi - lo:g}, the width of {name}'s range (the standard error of the "
                                   "observed figure)")


def particle_seed(seed: int, values: dict[str, float]) -> int:
    """The simulation seed of one particle: fixed by the calibration's seed and the parameter values, so
    the same particle always simulates the same wijk (and a resumed calibration reproduces it)."""
    key = json.dumps([seed, sorted((k, float(v)) for k, v in values.items())]).encode()
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "little") % SEED_LIMIT


class Simulator:
    """The model as pyabc sees it: parameter values in, the observed figures out (picklable for Dask)."""

    def __init__(self, cal: Calibration) -> None:
        self.scenario = cal.scenario
        self.overrides = cal.overrides
        self.kinds = {k: PARAMS[k].kind for k in cal.priors}
        self.targets = list(cal.targets)
        self.weeks, self.summary_weeks = cal.weeks, cal.summary_weeks
        self.replicates, self.seed = cal.replicates, cal.seed

    def values(self, parameter: Any) -> dict[str, Any]:
        """pyabc's parameter (floats) as registry values (whole numbers rounded)."""
        return {k: (round(float(parameter[k])) if kind == "int" else float(parameter[k]))
                for k, kind in self.kinds.items()}

    def __call__(self, parameter: Any, seed: int | None = None) -> dict[str, float]:
        values = self.values(parameter)
        first = particle_seed(self.seed, values) if seed is None else seed
        sums = dict.fromkeys(self.targets, 0.0)
        for r in range(self.replicates):
            ts = run_scenario(self.scenario, seed=(first + r) % SEED_LIMIT, weeks=self.weeks,
                              overrides={**self.overrides, **values})
            tail = ts.tail(self.summary_weeks)
            for k in self.targets:
                x = float(tail[k].mean())
                sums[k] += x if math.isfinite(x) else 0.0  # an empty week's rate counts as zero
        return {k: v / self.replicates for k, v in sums.items()}


def run_calibration(cal: Calibration, out: Path, workers: int | None = None, scheduler: str | None = None,
                    log: Callable[[str], None] = print, progress: Callable[[Progress], None] | None = None,
                    in_process: bool = False) -> pd.DataFrame:
    """Run (or resume) ABC-SMC into ``out``; returns the last generation's particles with weights.

    pyabc runs one generation per call, so that ``progress`` hears after each one where the calibration
    stands (pyabc's own log stays off: its lines are for pyabc's developers). ``in_process`` simulates in
    this process without Dask (tests and tiny pilots).
    """
    import pyabc

    logging.getLogger("ABC").setLevel(logging.WARNING)
    out.mkdir(parents=True, exist_ok=True)
    db = f"sqlite:///{(out / DB_NAME).resolve()}"
    prior = pyabc.Distribution(**{k: pyabc.RV("uniform", lo, hi - lo) for k, (lo, hi) in cal.priors.items()})
    distance = pyabc.PNormDistance(p=2, fixed_weights={k: 1.0 / sd for k, (_, sd) in cal.targets.items()})
    observed = {k: v for k, (v, _) in cal.targets.items()}
    with _sampler(cal, workers, scheduler, in_process) as sampler:
        abc = pyabc.ABCSMC(Simulator(cal), prior, distance, population_size=cal.population, sampler=sampler)
        done = 0
        if (out / DB_NAME).is_file() and _generations_done(out) > 0:
            abc.load(db, 1)
            done = _generations_done(out)
            log(f"resuming: {done} of {cal.generations} generations done")
        else:
            (out / DB_NAME).unlink(missing_ok=True)
            abc.new(db, observed)
            log(f"first {cal.population} simulations from the prior set the first acceptance threshold")
        _generations(abc, cal, done, progress or (lambda p: None))
    return posterior(out)


@contextlib.contextmanager
def _sampler(cal: Calibration, workers: int | None, scheduler: str | None, in_process: bool) -> Iterator[Any]:
    """pyabc's sampler: on the sweeps' Dask cluster, or (``in_process``) in this process."""
    from pyabc.sampler import DaskDistributedSampler, SingleCoreSampler

    from .sweep.execute import dask_client

    if in_process:
        yield SingleCoreSampler()
        return
    with dask_client(workers, scheduler) as client:
        yield DaskDistributedSampler(dask_client=client, batch_size=max(1, cal.population // 50))


def _generations(abc: Any, cal: Calibration, done: int, progress: Callable[[Progress], None]) -> None:
    """The remaining generations, as ``abc.run`` runs them (set up once, then one generation at a time until
    pyabc says stop, and its clean-up in any case), each followed by a :class:`Progress` read from the
    history: threshold, simulations, acceptance, time.

    Not ``abc.run`` once per generation: a second ``run`` on the same object sets its threshold again from
    the prior draws it cached, so the threshold would never shrink.
    """
    if done >= cal.generations:  # all done already (a resume after the last generation): nothing to run
        return
    start = last = time.monotonic()
    sims: list[int] = []
    seconds: list[float] = []
    total = int(abc.history.total_nr_simulations or 0) if done else 0
    t = abc.initialize_components_before_run(minimum_epsilon=None, max_nr_populations=cal.generations - done,
                                             min_acceptance_rate=0.0, max_total_nr_simulations=np.inf,
                                             max_walltime=None, min_eps_diff=0.0)
    try:
        while True:
            ret = abc.run_generation(t=t)
            if not ret["successful"]:  # pyabc gave up on this generation (no usable sample)
                return
            h = abc.history
            row = h.get_all_populations().set_index("t").loc[t]
            now, clock = int(h.total_nr_simulations), time.monotonic()
            sims.append(now - total)
            seconds.append(clock - last)
            total, last = now, clock
            progress(Progress(generation=t + 1, generations=cal.generations, epsilon=float(row["epsilon"]),
                              simulations=now, acceptance=float(row["particles"]) / max(1, int(row["samples"])),
                              elapsed=clock - start, left=time_left(sims, seconds, cal.generations - t - 1)))
            if abc.check_terminate(t=t, acceptance_rate=ret["acceptance_rate"]):
                return
            t += 1
    finally:  # what pyabc's own run does after its loop: close the history, stop the sampler's work
        abc.history.done(end_time=datetime.now())
        abc.sampler.stop()


def _generations_done(out: Path) -> int:
    import pyabc

    try:
        h = pyabc.History(f"sqlite:///{(out / DB_NAME).resolve()}", _id=1)
        return int(h.max_t) + 1 if h.max_t is not None else 0
    except Exception:  # an empty or foreign database: start afresh
        return 0


def posterior(out: Path) -> pd.DataFrame:
    """The accepted particles of the last generation: a column per parameter and ``weight``."""
    import pyabc

    h = pyabc.History(f"sqlite:///{(out / DB_NAME).resolve()}", _id=1)
    df, w = h.get_distribution(m=0, t=h.max_t)
    df = df.reset_index(drop=True)
    df["weight"] = np.asarray(w, dtype=float)
    return df


def generation_posteriors(out: Path) -> list[pd.DataFrame]:
    """Every generation's particles with weights, first to last (the verdict's hysteresis reads them all)."""
    import pyabc

    h = pyabc.History(f"sqlite:///{(out / DB_NAME).resolve()}", _id=1)
    gens = []
    for t in range(int(h.max_t) + 1):
        df, w = h.get_distribution(m=0, t=t)
        df = df.reset_index(drop=True)
        df["weight"] = np.asarray(w, dtype=float)
        gens.append(df)
    return gens


def summarize_posterior(post: pd.DataFrame, cal: Calibration, earlier: Sequence[pd.DataFrame] = ()) -> pd.DataFrame:
    """Per parameter: median, 90 % interval, prior range, the shares at the prior's ends and the verdict
    (:mod:`wijksim.calibrate_report`), judged over ``earlier`` generations and then ``post`` (hysteresis)."""
    rows = []
    for name, (lo, hi) in cal.priors.items():
        shapes = [shape(g[name], g["weight"], lo, hi) for g in (*earlier, post)]
        verdicts = judge(shapes)
        s, v = shapes[-1], verdicts[-1]
        reg = PARAMS[name]
        assert reg.low is not None and reg.high is not None  # numeric registry parameters have both bounds
        at_limit = (v.side == "lower" and lo <= reg.low) or (v.side == "upper" and hi >= reg.high)
        rows.append({"parameter": name, "median": s.median, "lo90": s.lo90, "hi90": s.hi90, "prior_low": lo,
                     "prior_high": hi, "width_vs_prior": s.width, "low_edge_share": s.low_share,
                     "high_edge_share": s.high_share, "verdict": v.label, "edge": v.side,
                     "can_widen": not at_limit, "constrained": v.label == "constrained",
                     "per_generation": [x.label + (f" ({x.side})" if x.side else "") for x in verdicts]})
    return pd.DataFrame(rows)


def predictive_check(post: pd.DataFrame, cal: Calibration, draws: int = PREDICTIVE_DRAWS) -> pd.DataFrame:
    """Simulate posterior draws again with fresh seeds; per target the 95 % posterior predictive interval
    and whether the observed figure lies inside it (:func:`wijksim.calibrate_report.predictive_rows`)."""
    rng = np.random.default_rng(np.random.SeedSequence([cal.seed, 1]))
    w = post["weight"].to_numpy(dtype=float)
    picks = rng.choice(len(post), size=draws, p=w / w.sum())
    sim = Simulator(cal)
    seeds = rng.integers(0, SEED_LIMIT, size=draws)
    got = pd.DataFrame([sim(post.iloc[int(i)], seed=int(s)) for i, s in zip(picks, seeds, strict=True)])
    return predictive_rows(got, cal.targets, rng, {k: output_range(k) for k in cal.targets})


# --- the output directory ---------------------------------------------------------------------------
SPEC_FILE = "calibration.json"


def spec_record(cal: Calibration) -> dict[str, Any]:
    """What defines a calibration (to refuse resuming another one into the same directory)."""
    return {"source": cal.source, "scenario": cal.scenario.model_dump(mode="json"), "overrides": cal.overrides,
            "priors": cal.priors, "targets": cal.targets, "weeks": cal.weeks, "summary_weeks": cal.summary_weeks,
            "replicates": cal.replicates, "population": cal.population, "generations": cal.generations,
            "seed": cal.seed}


def check_out_dir(cal: Calibration, out: Path) -> bool:
    """True when ``out`` holds this same calibration (resume); raises when it holds something else."""
    spec = out / SPEC_FILE
    if not out.exists():
        return False
    if not out.is_dir():
        raise CalibrationError(f"--out {out}: exists and is not a directory")
    if spec.is_file():
        try:
            old = json.loads(spec.read_text(encoding="utf-8"))["definition"]
        except (ValueError, KeyError):
            raise CalibrationError(f"--out {out}: {SPEC_FILE} is damaged; use another --out") from None
        new = json.loads(json.dumps(spec_record(cal)))
        keep = ("generations",)  # more generations may be asked for on resume
        if {k: v for k, v in old.items() if k not in keep} != {k: v for k, v in new.items() if k not in keep}:
            changed = sorted(k for k in new if k not in keep and old.get(k) != new[k])
            raise CalibrationError(f"--out {out} holds a calibration with other settings ({', '.join(changed)}); "
                                   "use another --out to start a new one")
        return True
    if any(out.iterdir()):
        raise CalibrationError(f"--out {out}: not empty and not a wijksim calibration; use another --out")
    return False


#: what a finished calibration recorded about its posterior; kept while a resume runs, since the
#: posterior.parquet beside it is still that one (``--posterior`` reads ``predictive_check``)
RESULT_KEYS = ("predictive_check", "verdicts", "simulations")


def write_spec(cal: Calibration, out: Path, extra: dict[str, Any], keep_results: bool = False) -> None:
    """``calibration.json``: the definition (what a resume must match) and ``extra`` (status, versions,
    results); with ``keep_results`` the results of the finished run before it stay."""
    from .jsonfiles import write_json

    out.mkdir(parents=True, exist_ok=True)
    old: dict[str, Any] = {}
    if keep_results and (out / SPEC_FILE).is_file():
        with contextlib.suppress(OSError, ValueError):
            loaded = json.loads((out / SPEC_FILE).read_text(encoding="utf-8"))
            old = {k: loaded[k] for k in RESULT_KEYS if isinstance(loaded, dict) and k in loaded}
    tmp = out / f".{SPEC_FILE}.tmp"
    write_json(tmp, {"definition": spec_record(cal), **old, **extra})
    tmp.replace(out / SPEC_FILE)


def total_simulations(out: Path) -> int | None:
    """How many simulations the whole calibration took (pyabc counts them per generation)."""
    import pyabc

    try:
        h = pyabc.History(f"sqlite:///{(out / DB_NAME).resolve()}", _id=1)
        return int(h.total_nr_simulations)
    except Exception:  # an unreadable history: the count is missing, the results are not
        return None

"""Experiment files: validation, designs and per-run seeds.

An experiment is a TOML file (``experiments/*.toml``) validated like a scenario file: pydantic with
``extra="forbid"``, every value checked against the parameter registry, and any problem reported as
one line naming the file, the field and the allowed range (:class:`ExperimentError`, exit 2 in the
CLI). :meth:`Experiment.points` expands the design into a table of factor values and
:meth:`Experiment.runs` into runs (point × replicate), each with a seed derived from the master seed
and the run's index through :class:`numpy.random.SeedSequence`, so re-running an experiment — or
resuming it on another machine — reproduces every run exactly without any global random state.

Factors are parameters of the registry (``crime_rate``) or, when the base scenario has interventions,
fields of one of them (``interventions.0.per_week``): "community investment" is an intervention, and
a sweep over its intensity is a sweep over such a field.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from ..metrics import ALL_COLUMNS, KEY_OUTPUTS
from ..params import PARAMS, ParamError
from ..validation import (
    MAX_SEED,
    Flag,
    InputFileError,
    Number,
    WholeNumber,
    check_consistent,
    clip,
    parse_toml,
    read_text,
    strict_param,
)
from ..validation import RULES as CONSISTENCY_RULES
from .base import INTERVENTION_PREFIX, ExperimentError, load_base_scenario, plain, scenario_with
from .sampling import MAX_POINTS, _grid_values, _make_points, check_design_size

DesignKind = Literal["grid", "lhs", "sobol", "morris"]
__all__ = ["INTERVENTION_PREFIX", "Experiment", "ExperimentError", "RunSpec", "derive_seed", "load_experiment"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FactorSpec(_Strict):
    """How one factor varies: explicit ``values``, a ``linspace`` [start, stop, num], or ``low``/``high``.

    Grids need ``values`` or ``linspace``. Sampling designs (lhs, sobol, morris) draw between ``low``
    and ``high`` (default: the registry's range); for a choice or bool parameter they draw among
    ``values`` (default: every allowed value).
    """

    values: list[Any] | None = None
    linspace: tuple[Number, Number, WholeNumber] | None = None
    low: Number | None = None
    high: Number | None = None

    @model_validator(mode="after")
    def _one_way(self) -> FactorSpec:
        if self.values is not None and self.linspace is not None:
            raise ValueError("give either values or linspace, not both")
        if self.values is not None and len(self.values) == 0:
            raise ValueError("values must not be empty")
        if self.linspace is not None and not (1 <= self.linspace[2] <= 10_000):
            raise ValueError("linspace = [start, stop, num] needs num between 1 and 10000")
        return self


class DesignSpec(_Strict):
    """The design: which factors vary and how they are combined."""

    kind: DesignKind = Field(description="grid, lhs (Latin hypercube), sobol (Saltelli) or morris")
    samples: WholeNumber | None = Field(
        None, ge=1, le=1_000_000, description="lhs: points; sobol: base samples N; morris: trajectories"
    )
    levels: WholeNumber = Field(4, ge=2, le=20, description="morris: grid levels")
    second_order: Flag = Field(False, description="sobol: also estimate second-order indices")
    factors: dict[str, FactorSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _samples_needed(self) -> DesignSpec:
        if self.kind != "grid" and self.samples is None:
            raise ValueError(f"a {self.kind} design needs samples")
        if self.kind == "sobol" and len(self.factors) < 2:
            raise ValueError("a sobol design needs at least 2 factors")
        return self


class EmaSpec(_Strict):
    """Settings for the EMA Workbench adapter (:mod:`wijksim.ema`): levers and PRIM target."""

    levers: list[str] = Field(default_factory=list, description="factors that are policy levers")
    prim_outcome: str = "share_withdrawn"
    prim_threshold: Number = 0.2
    prim_above: Flag = True


class Experiment(_Strict):
    """One experiment file, after validation (and after command-line overrides)."""

    name: str = Field(min_length=1)
    description: str = ""
    question: str = Field("", description="the research question the experiment answers")
    scenario: str | None = Field(None, description="base scenario TOML, relative to the experiment file")
    city: str | None = Field(None, description="city TOML (docs/city.md): every run is a city run of its wijken")
    weeks: WholeNumber = Field(104, ge=1, le=5200)
    replicates: WholeNumber = Field(1, ge=1, le=100_000)
    seed: WholeNumber = Field(0, ge=0, le=MAX_SEED, description="master seed; every run's seed derives from it")
    common_random_numbers: Flag = Field(
        False, description="replicate r of every design point shares one seed (sharper contrasts)"
    )
    record: Literal["summary", "weekly"] = Field("summary", description="end-of-run summary or every week")
    summary_weeks: WholeNumber = Field(52, ge=1, le=5200, description="summary = mean over the last N weeks")
    outputs: list[str] = Field(default_factory=lambda: list(KEY_OUTPUTS), min_length=1)
    params: dict[str, Any] = Field(default_factory=dict, description="fixed parameter values for every run")
    interventions: list[dict[str, Any]] = Field(
        default_factory=list, description="interventions appended to the base scenario's (same format)"
    )
    design: DesignSpec
    ema: EmaSpec | None = None
    #: particles of a calibration's posterior (each a dict of parameters and ``weight``), set by
    #: ``wijksim sweep --posterior``: every run draws one set by its seed; part of the fingerprint
    posterior: list[dict[str, float]] | None = None
    source: str = Field("", exclude=True)  # the file it came from, for error messages
    _points: pd.DataFrame | None = PrivateAttr(None)
    _unit: np.ndarray | None = PrivateAttr(None)

    @field_validator("outputs")
    @classmethod
    def _known_outputs(cls, v: list[str]) -> list[str]:
        for o in v:
            if o not in ALL_COLUMNS or o == "week":
                raise ValueError(f"unknown output {o!r}; allowed: {', '.join(ALL_COLUMNS[1:])}")
        return list(dict.fromkeys(v))

    # --- derived ------------------------------------------------------------------------------
    @property
    def factor_names(self) -> list[str]:
        return list(self.design.factors)

    @property
    def param_factors(self) -> list[str]:
        return [f for f in self.factor_names if not f.startswith(INTERVENTION_PREFIX)]

    def config(self) -> dict[str, Any]:
        """The effective experiment as plain data (stored in the manifest)."""
        return self.model_dump(mode="json", exclude={"source"})

    def fingerprint(self) -> str:
        """A hash of everything that decides which runs exist and what they compute.

        Resume refuses a directory whose fingerprint differs: its runs would not be the same runs.
        """
        cfg = self.config()
        for k in ("description", "question", "ema"):
            cfg.pop(k, None)
        return hashlib.sha256(json.dumps(cfg, sort_keys=True).encode()).hexdigest()[:16]

    @property
    def n_points(self) -> int:
        return len(self.points())

    @property
    def n_runs(self) -> int:
        return self.n_points * self.replicates

    def points(self) -> pd.DataFrame:
        """The design matrix: one row per design point, one column per factor (cached)."""
        if self._points is None:
            self._points = _make_points(self)
        return self._points

    def unit_points(self) -> np.ndarray | None:
        """For sobol and morris: the SALib sample in the unit cube, in point order (for analysis)."""
        self.points()
        return self._unit

    def salib_problem(self) -> dict[str, Any]:
        """The SALib problem over the unit cube; factor values are mapped from it by :func:`_map_unit`."""
        names = self.factor_names
        return {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}

    def run_seed(self, run_id: int) -> int:
        """The seed of one run, from the master seed and the run's index (or replicate, under CRN)."""
        key = run_id % self.replicates if self.common_random_numbers else run_id
        return derive_seed(self.seed, key)

    def runs(self, run_ids: Iterator[int] | list[int] | range | None = None) -> Iterator[RunSpec]:
        """Run specifications, lazily (memory stays flat however many runs there are)."""
        pts = self.points()
        cols = list(pts.columns)
        values = pts.to_numpy(dtype=object)
        for rid in range(self.n_runs) if run_ids is None else run_ids:
            point, rep = divmod(int(rid), self.replicates)
            yield RunSpec(
                int(rid),
                point,
                rep,
                self.run_seed(int(rid)),
                {c: plain(values[point, j]) for j, c in enumerate(cols)},
            )


@dataclass(frozen=True)
class RunSpec:
    """One run of an experiment: which design point, which replicate, which seed."""

    run_id: int
    point: int
    replicate: int
    seed: int
    values: dict[str, Any]

    def params(self, fixed: Mapping[str, Any]) -> dict[str, Any]:
        """Registry parameters of this run: the experiment's fixed values overlaid with its factors."""
        out = dict(fixed)
        out.update({k: v for k, v in self.values.items() if not k.startswith(INTERVENTION_PREFIX)})
        return out

    def intervention_values(self) -> dict[str, Any]:
        return {k: v for k, v in self.values.items() if k.startswith(INTERVENTION_PREFIX)}


def derive_seed(master: int, key: int) -> int:
    """A 63-bit seed for child ``key`` of ``master``: equal to ``SeedSequence(master).spawn(...)[key]``."""
    ss = np.random.SeedSequence(master, spawn_key=(key,))
    hi, lo = ss.generate_state(2, dtype=np.uint32)
    return int((int(hi) << 31) ^ int(lo)) & (2**63 - 1)


# --- loading ------------------------------------------------------------------------------------
def load_experiment(
    path: str | Path,
    *,
    weeks: int | None = None,
    replicates: int | None = None,
    sets: Mapping[str, Any] | None = None,
) -> Experiment:
    """Read, override and validate an experiment file; raises :class:`ExperimentError` (one line).

    ``weeks``, ``replicates`` and ``sets`` (parameter values) override the file, for quick pilots.
    """
    path = Path(path)
    src = str(path)
    try:
        raw = parse_toml(read_text(path, "experiment"), src)
    except InputFileError as e:
        raise ExperimentError(str(e)) from None
    if weeks is not None:
        raw["weeks"] = weeks
    if replicates is not None:
        raw["replicates"] = replicates
    if sets:
        factors = raw.get("design", {}).get("factors", {}) if isinstance(raw.get("design"), dict) else {}
        for name, value in sets.items():
            if name in factors:
                raise ExperimentError(
                    f"{src}: --set {name}: '{name}' is a factor of this experiment's design "
                    "and cannot be fixed; edit the file instead"
                )
            raw.setdefault("params", {})[name] = value
    return experiment_from_dict(raw, src, base_dir=path.parent)


def experiment_from_dict(
    raw: dict[str, Any], source: str = "<experiment>", base_dir: Path | None = None
) -> Experiment:
    """Validate experiment data (as read from TOML); see :func:`load_experiment`."""
    try:
        exp = Experiment.model_validate({**raw, "source": source})
    except ValidationError as e:
        errors = sorted(e.errors(), key=lambda er: er["type"] != "extra_forbidden")  # typos first
        err = errors[0]
        loc = ".".join(clip(str(p))[1:-1] if len(str(p)) > 40 else str(p) for p in err["loc"]) or "file"
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown field (check its spelling)"
        elif err["type"] == "missing":
            msg = "required field is missing"
        elif err["type"] == "bool_type":
            loc, msg = f"{loc} = {clip(err.get('input'))}", "allowed true or false"
        elif not isinstance(err.get("input"), dict | list):
            loc = f"{loc} = {clip(err.get('input'))}"
        raise ExperimentError(f"{source}: {loc}: {msg}") from None
    if exp.scenario is not None and base_dir is not None:
        resolved = _resolve_scenario_path(exp.scenario, base_dir)
        exp = exp.model_copy(update={"scenario": resolved})
    if exp.city is not None:
        exp = _with_city(exp, base_dir)
    try:
        fixed = {k: strict_param(k, v, f"{source}: params") for k, v in exp.params.items()}
    except ParamError as e:
        raise ExperimentError(str(e)) from None
    exp = exp.model_copy(update={"params": fixed})
    check_design_size(exp)  # from the design's formula, before any factor value or sample is built
    _check_factors(exp)
    base = load_base_scenario(exp)  # validates scenario file and inline interventions now
    try:
        base.check_weeks(exp.weeks)
    except ValueError as e:
        raise ExperimentError(
            f"{source}: weeks = {exp.weeks} ends too early: {str(e).split(': ', 1)[-1]}"
        ) from None
    if exp.summary_weeks > exp.weeks:
        exp = exp.model_copy(update={"summary_weeks": exp.weeks})
    exp.points()  # builds the design now, so that a bad factor fails before any run starts
    if exp.n_runs > MAX_POINTS:
        raise ExperimentError(f"{source}: design: {exp.n_runs} runs is more than the allowed {MAX_POINTS}")
    _check_consistency(exp, base.params)
    if exp.ema is not None:
        for lever in exp.ema.levers:
            if lever not in exp.design.factors:
                raise ExperimentError(f"{source}: ema.levers: {lever!r} is not a factor of the design")
        if exp.ema.prim_outcome not in exp.outputs:
            raise ExperimentError(
                f"{source}: ema.prim_outcome: {exp.ema.prim_outcome!r} is not among outputs"
            )
    return exp


def _check_consistency(exp: Experiment, scenario_params: Mapping[str, Any]) -> None:
    """Every design point's parameters (scenario, fixed, factors) must agree with each other
    (``initial_share_active + initial_share_withdrawn <= 1``, ...): refuse the experiment, naming the
    first design point that breaks a rule, before any run starts."""
    fixed = {**scenario_params, **exp.params}
    ruled = {f for fields, _ in CONSISTENCY_RULES for f in fields}
    varied = [f for f in exp.param_factors if f in ruled]
    try:
        check_consistent(fixed, f"{exp.source}: params")
    except ParamError as e:
        if not varied:
            raise ExperimentError(str(e)) from None
    if not varied:
        return
    pts = exp.points()[varied].drop_duplicates()
    for i, row in zip(pts.index, pts.to_dict("records"), strict=True):
        try:
            check_consistent({**fixed, **{k: plain(v) for k, v in row.items()}},
                             f"{exp.source}: design point {i}")
        except ParamError as e:
            raise ExperimentError(f"{e} (narrow the factors' ranges)") from None


def _with_city(exp: Experiment, base_dir: Path | None) -> Experiment:
    """A city experiment: the city file resolved and read now (a bad one fails before any run); a city has its
    wijken's own scenarios, so a base scenario, inline interventions or intervention factors are refused."""
    from ..city.cityfile import CityError, load_city

    for name, given in (("scenario", exp.scenario), ("interventions", exp.interventions),
                        ("design.factors", [f for f in exp.factor_names if f.startswith(INTERVENTION_PREFIX)])):
        if given:
            raise ExperimentError(f"{exp.source}: {name}: not allowed with city (the city file names each "
                                  f"wijk's scenario); allowed: registry parameters as factors and params")
    path = _resolve_scenario_path(exp.city, base_dir) if exp.city and base_dir is not None else str(exp.city)
    try:
        city = load_city(path)
        for w in city.wijken:
            w.scenario.check_weeks(exp.weeks)
    except (CityError, ValueError) as e:
        raise ExperimentError(f"{exp.source}: city: {e}") from None
    return exp.model_copy(update={"city": path})


def _resolve_scenario_path(text: str, base_dir: Path) -> str:
    p = Path(text)
    if p.is_absolute():
        return str(p)
    for cand in (base_dir / p, Path.cwd() / p):
        if cand.exists():
            return str(cand.resolve())
    return str((base_dir / p).resolve())  # the scenario loader reports it missing, naming the path


def _check_factors(exp: Experiment) -> None:
    src = exp.source
    for name, f in exp.design.factors.items():
        where = f"{src}: design.factors.{name}"
        if name.startswith(INTERVENTION_PREFIX):
            _check_intervention_factor(exp, name, f, where)
            continue
        if name not in PARAMS:
            try:
                strict_param(name, None, f"{src}: design.factors")
            except ParamError as e:
                raise ExperimentError(str(e)) from None
        if name in exp.params:
            raise ExperimentError(f"{where}: also fixed in [params]; a parameter is either fixed or varied")
        p = PARAMS[name]
        if exp.design.kind == "grid":
            if f.values is None and f.linspace is None:
                raise ExperimentError(f"{where}: a grid factor needs values or linspace")
            if f.low is not None or f.high is not None:
                raise ExperimentError(
                    f"{where}: low/high are for sampling designs; a grid uses values or linspace"
                )
            if f.linspace is not None and p.kind not in ("float", "int"):
                raise ExperimentError(f"{where}: linspace needs a numeric parameter; '{name}' is {p.kind}")
            for v in _grid_values(name, f):
                _coerce(name, v, where)
            continue
        if f.linspace is not None:
            raise ExperimentError(f"{where}: linspace is for grids; a {exp.design.kind} design uses low/high")
        if p.kind in ("float", "int"):
            if f.values is not None:
                raise ExperimentError(
                    f"{where}: a numeric factor of a {exp.design.kind} design takes low/high"
                )
            lo = p.low if f.low is None else f.low
            hi = p.high if f.high is None else f.high
            _coerce(name, lo, f"{where}.low")
            _coerce(name, hi, f"{where}.high")
            assert lo is not None and hi is not None  # numeric registry parameters have both bounds
            if not lo < hi:
                raise ExperimentError(f"{where}: low ({lo:g}) must be below high ({hi:g})")
        else:
            if f.low is not None or f.high is not None:
                raise ExperimentError(f"{where}: '{name}' is {p.kind}; give values, not low/high")
            for v in f.values or []:
                _coerce(name, v, where)


def _coerce(name: str, value: Any, where: str) -> Any:
    try:
        return strict_param(name, value)
    except ParamError as e:
        raise ExperimentError(f"{where}: {e}") from None


def _check_intervention_factor(exp: Experiment, name: str, f: FactorSpec, where: str) -> None:
    parts = name.split(".")
    if len(parts) != 3 or not parts[1].isdigit():
        raise ExperimentError(f"{where}: write intervention factors as interventions.<index>.<field>")
    if exp.design.kind == "grid":
        if f.values is None and f.linspace is None:
            raise ExperimentError(f"{where}: a grid factor needs values or linspace")
        samples = _grid_values(name, f)
    else:
        if f.low is None or f.high is None:
            if f.values is None:
                raise ExperimentError(
                    f"{where}: an intervention factor of a sampling design needs low and high"
                )
            samples = list(f.values)
        else:
            samples = [f.low, f.high]
    base = load_base_scenario(exp)
    for v in samples:
        scenario_with(base, {name: v}, where)

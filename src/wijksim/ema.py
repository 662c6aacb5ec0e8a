"""Adapter to EMA Workbench (``ema-workbench`` 3.x, the optional extra ``wijksim[ema]``).

Exploratory modelling is how Dutch policy analysts treat deep uncertainty; this module lets them use
EMA's samplers, evaluators and PRIM scenario discovery on wijksim without writing glue code:

- uncertainties and levers are built from the parameter registry (:func:`parameter`), so their kinds
  and ranges can never disagree with the model's own validation;
- outcomes are the model's weekly outputs, summarised as the mean over the last weeks of a run
  (an ``ArrayOutcome`` of one value per replication) (replication seeds derive from a master seed);
- the model function is a picklable callable, so EMA's multiprocessing evaluator works.

An experiment file (``experiments/ema_prim.toml``) configures it: its design factors are the
uncertainties, those listed in ``[ema] levers`` are levers, and ``[ema]`` names the PRIM target::

    python -m wijksim.ema experiments/ema_prim.toml --out out/ema [--scenarios N] [--policies K]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .params import PARAMS
from .sweep.design import (
    INTERVENTION_PREFIX,
    Experiment,
    ExperimentError,
    RunSpec,
    derive_seed,
    load_experiment,
)
from .text.numbers import counted

SEED_KEY = "wijksim_seed"


def _ema() -> Any:
    try:
        import ema_workbench
    except ImportError:  # pragma: no cover - depends on the environment
        raise ExperimentError("EMA Workbench is not installed: pip install 'wijksim[ema]'") from None
    return ema_workbench


def ema_name(factor: str) -> str:
    """EMA names must be identifiers: ``interventions.0.per_week`` -> ``interventions__0__per_week``."""
    return factor.replace(".", "__")


def factor_name(name: str) -> str:
    return name.replace("__", ".") if name.startswith("interventions__") else name


def parameter(
    name: str, low: float | None = None, high: float | None = None, values: list[Any] | None = None
) -> Any:
    """An EMA parameter for registry parameter ``name`` (range: ``low``/``high`` or the registry's)."""
    ema = _ema()
    p = PARAMS[name]
    lo = p.low if low is None else low
    hi = p.high if high is None else high
    if p.kind in ("float", "int"):
        if lo is None or hi is None:
            raise ValueError(f"{name}: the registry gives no range: set low and high in the experiment file")
        if p.kind == "float":
            return ema.RealParameter(name, float(lo), float(hi))
        return ema.IntegerParameter(name, int(lo), int(hi))
    if p.kind == "bool":
        return ema.BooleanParameter(name)
    return ema.CategoricalParameter(name, list(values) if values else list(p.choices))


def _parameters(exp: Experiment, names: list[str]) -> list[Any]:
    ema = _ema()
    out = []
    for n in names:
        f = exp.design.factors[n]
        if n.startswith(INTERVENTION_PREFIX):
            if f.low is None or f.high is None:
                raise ExperimentError(f"{exp.source}: design.factors.{n}: EMA needs low and high")
            out.append(ema.RealParameter(ema_name(n), float(f.low), float(f.high)))
        else:
            out.append(parameter(n, f.low, f.high, f.values))
    return out


class WijkFunction:
    """The model as EMA sees it: keyword arguments in, a dict of scalar outcomes out (picklable)."""

    def __init__(self, exp: Experiment) -> None:
        from .sweep.execute import load_base_scenario

        self.scenario = load_base_scenario(exp).model_dump(mode="json")
        self.fixed = dict(exp.params)
        self.weeks = exp.weeks
        self.summary_weeks = exp.summary_weeks
        self.outputs = tuple(exp.outputs)
        self._parsed: Any = None

    def __call__(self, **kwargs: Any) -> dict[str, float]:
        from .scenarios import parse_scenario
        from .sweep.execute import run_one

        if self._parsed is None:
            self._parsed = parse_scenario(self.scenario, "ema")
        seed = int(kwargs.pop(SEED_KEY))
        values = {factor_name(k): (v.item() if isinstance(v, np.generic) else v) for k, v in kwargs.items()}
        for k, v in values.items():  # EMA hands bools and ints back as numbers: coerce by the registry
            if k in PARAMS and PARAMS[k].kind in ("bool", "int"):
                values[k] = bool(v) if PARAMS[k].kind == "bool" else round(v)
        spec = RunSpec(-1, -1, -1, seed, values)
        row = run_one(self._parsed, spec, self.fixed, self.weeks, "summary", self.summary_weeks, self.outputs)
        return {o: float(row[o].iloc[0]) for o in self.outputs}


def make_model(exp: Experiment, name: str = "wijksim") -> Any:
    """An EMA ``ReplicatorModel`` for the experiment: uncertainties, levers, outcomes, replications."""
    ema = _ema()
    levers = list(exp.ema.levers) if exp.ema else []
    unc = [f for f in exp.factor_names if f not in levers]
    model = ema.ReplicatorModel(name, function=WijkFunction(exp))
    model.uncertainties = _parameters(exp, unc)
    model.levers = _parameters(exp, levers)
    # a replicated scalar is an array (one value per replication); process_replications averages it
    model.outcomes = [ema.ArrayOutcome(o) for o in exp.outputs]
    model.replications = [{SEED_KEY: derive_seed(exp.seed, r)} for r in range(exp.replicates)]
    return model


def perform(
    exp: Experiment, scenarios: int | None = None, policies: int | None = None, processes: int = 1
) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """Run the experiment through EMA (LHS over uncertainties and levers); replications are averaged."""
    ema = _ema()
    from ema_workbench.util import process_replications

    model = make_model(exp)
    n_scen = scenarios if scenarios is not None else int(exp.design.samples or 100)
    n_pol = policies if policies is not None else (4 if model.levers else 0)
    rng = np.random.default_rng(np.random.SeedSequence([exp.seed, 0xE3A]))
    kwargs: dict[str, Any] = {
        "uncertainty_sampling_kwargs": {"rng": rng},
        "lever_sampling_kwargs": {"rng": rng},
    }
    if processes > 1:
        with ema.MultiprocessingEvaluator(model, n_processes=processes) as evaluator:
            results = evaluator.perform_experiments(scenarios=n_scen, policies=n_pol or 0, **kwargs)
    else:
        with ema.SequentialEvaluator(model) as evaluator:
            results = evaluator.perform_experiments(scenarios=n_scen, policies=n_pol or 0, **kwargs)
    return process_replications(results)


def prim(
    exp: Experiment,
    experiments: pd.DataFrame,
    outcomes: dict[str, np.ndarray],
    threshold: float | None = None,
) -> Any:
    """PRIM scenario discovery for the experiment's target (``[ema] prim_outcome`` above/below threshold)."""
    from ema_workbench.analysis import prim as ema_prim

    spec = exp.ema
    outcome = spec.prim_outcome if spec else exp.outputs[0]
    thr = (
        threshold
        if threshold is not None
        else (spec.prim_threshold if spec else float(np.median(outcomes[outcome])))
    )
    y = outcomes[outcome] > thr if (spec is None or spec.prim_above) else outcomes[outcome] < thr
    x = experiments.drop(columns=[c for c in ("scenario", "policy", "model") if c in experiments.columns])
    if not y.any():
        raise ExperimentError(
            f"{exp.source}: no experiment has {outcome} beyond {thr:g}; PRIM has nothing to find"
        )
    return ema_prim.Prim(x, y, peel_alpha=0.1).find_box()


def main(argv: list[str] | None = None) -> int:
    """``python -m wijksim.ema EXPERIMENT --out DIR``: experiments, outcomes and a PRIM box as CSV/PNG."""
    ap = argparse.ArgumentParser(prog="python -m wijksim.ema", description=__doc__.split("\n\n")[0])
    ap.add_argument("experiment", type=Path)
    ap.add_argument("--out", type=Path, default=Path("out/ema"))
    ap.add_argument(
        "--scenarios", type=int, default=None, help="number of scenarios (default: design.samples)"
    )
    ap.add_argument("--policies", type=int, default=None, help="number of policies (default: 4 if levers)")
    ap.add_argument("--processes", type=int, default=1, help="EMA multiprocessing evaluator processes")
    ap.add_argument("--weeks", type=int, default=None)
    ap.add_argument("--replicates", type=int, default=None)
    ap.add_argument(
        "--threshold", type=float, default=None, help="PRIM threshold (default: [ema] prim_threshold)"
    )
    ap.add_argument("--set", dest="sets", action="append", default=[], help="fix a parameter: name=value")
    args = ap.parse_args(argv)
    from .params import ParamError, parse_assignment

    try:
        sets = dict(parse_assignment(s) for s in args.sets)
        exp = load_experiment(args.experiment, weeks=args.weeks, replicates=args.replicates, sets=sets)
        experiments, outcomes = perform(exp, args.scenarios, args.policies, args.processes)
    except (ExperimentError, ParamError) as e:
        print(f"wijksim: error: {e}", file=sys.stderr)
        return 2
    import matplotlib

    matplotlib.use("Agg")
    args.out.mkdir(parents=True, exist_ok=True)
    table = experiments.copy()
    for k, v in outcomes.items():
        table[k] = v
    table.to_csv(args.out / "ema_experiments.csv", index=False)
    try:
        box = prim(exp, experiments, outcomes, args.threshold)
    except ExperimentError as e:
        print(f"wijksim: {e}", file=sys.stderr)
        return 0
    box.peeling_trajectory.to_csv(args.out / "prim_trajectory.csv", index=False)
    box.box_lims[box._cur_box].to_csv(args.out / "prim_box.csv")  # the selected box (the last peel)
    import matplotlib.pyplot as plt

    box.show_tradeoff()
    plt.savefig(args.out / "prim_tradeoff.png", dpi=110)
    plt.close("all")
    print(
        f"{counted(len(table), 'experiment')} -> {args.out}/ema_experiments.csv; PRIM box "
        f"(coverage {box.coverage:.2f}, density {box.density:.2f}) -> {args.out}/prim_box.csv"
    )
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

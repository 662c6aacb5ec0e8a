"""How far a wijk is from the edge of a spiral of decline: two-history runs and a slow crime ramp.

A spiral of decline (Skogan 1990) is a wijk that, once pushed far enough, does not come back: fear
empties the street, fewer eyes let more happen, more happening feeds fear. In a model that has such a
region, two things show along the base crime rate:

* **two histories** (:func:`two_history`): the same wijk with the same seeds, once calm and once after a
  year-long crisis (crime ×3 for 52 weeks from week 13), judged two years after the crisis ended (the
  half-year of weeks 144–169). Where the wijk recovers, the two histories meet again; where it has tipped,
  the crisis leaves it in another state — the *persistence* (withdrawn excess, relative to the calm run)
  stays large. These are exactly the definitions of issue 14's target 4 and of
  ``tests/test_validity.py`` (relative paired difference, 95 % t-interval), computed with
  :mod:`wijksim.compare`'s paired machinery;
* **a slow ramp** (:func:`ramp`): in one run per seed the crime rate is raised in steps, each held long
  enough to settle, and lowered again along the same levels. Share withdrawn at the end of each step
  traces an upward and a downward branch; a bistable region shows as a *hysteresis gap* between them
  (the way down stays higher than the way up at the same rate).

The ramp uses only the intervention machinery: the run's ``crime_rate`` is the ramp's lowest level (so the
burn-in settles there), and each further step is a ``crime_wave`` whose multiplier is that step's level
divided by the lowest (waves multiply onto ``crime_rate``, docs/ODD.md). The ``crime_multiplier`` column
of the timeseries therefore shows the schedule as run. Seeds are paired (replicate ``k`` uses ``seed + k``
in every arm), every draw comes from the model's named streams: same inputs, same bytes.

Nothing here assumes whether the model tips: verdicts are computed from the runs (:func:`verdict`), and a rate
at which the calm wijk is already past the withdrawal norm's threshold is *already past the edge*, not a
wijk that recovers (both of its histories end high).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .compare import Window, interval, paired_diffs, run_comparison, window_values
from .interventions import MAX_WEEK, make
from .params import PARAMS
from .params.registry import defaults_sha256
from .scenarios import Scenario
from .tipping import TARGETS, TOLERANCE, Crossing, crossings, seed_states, tip_summary

#: the crisis of issue 14's target 4: crime ×3 for a year, starting after a quarter of calm
CRISIS_MULTIPLIER = 3.0
CRISIS_START = 13
CRISIS_WEEKS = 52
#: judged two years after the crisis ended, over the half-year that ends there (weeks 144-169)
AFTER_WEEKS = 104
JUDGE_WEEKS = 26
#: verdict thresholds on the persistence (relative withdrawn excess two years after): issue 14, target 4
RECOVERS_BELOW = 0.05
TIPPED_FROM = 0.20
#: multiples of the wijk's own crime rate the advisor command tests: the crisis itself is ×3 for a year, so
#: ×1.5-×2 ask "what if the wijk became permanently somewhat worse" and ×3-×4 "what if the crisis stayed"
DEFAULT_MULTIPLES: tuple[float, ...] = (1.0, 1.5, 2.0, 3.0, 4.0)
#: levels of the slow ramp, as multiples of the wijk's own crime rate (up, then back down the same levels)
DEFAULT_RAMP: tuple[float, ...] = (0.5, 1.0, 1.5, 2.0, 3.0, 4.0)
#: weeks each ramp level is held, and the last weeks of a step that are measured. Slow variables (damage only
#: maintenance repairs, ties, locks) make recovery take years: on the reference wijk the gap between the ramp's
#: legs narrows by a third to a half each time the weeks a level double, and only at about 400 weeks a level is
#: the ramp close to quasi-static (docs/tipping.md, the pace table); faster ramps measure slow recovery, not a
#: second stable state. The figure's 400 weeks × 13 steps (seven levels up, six down) fill the longest run
RAMP_STEP_WEEKS = 400
RAMP_MEASURE_WEEKS = 52  # at most: the last quarter of a step (measure_weeks_for)
#: paces (weeks a level) at which the docs' figure repeats the ramp, to show the loop closing as it slows
PACES: tuple[int, ...] = (26, 52, 104, 208)
#: a crime wave's largest multiplier (CrimeWave.multiplier in interventions.py): bounds the ramp's span
PARAMS_WAVE_MAX = 20.0
LEVEL = 0.95
OUTCOME = "share_withdrawn"
TEXT_FIELDS = {"name", "name_nl", "description", "description_nl", "source"}


class EdgeError(ValueError):
    """Settings the edge measurement cannot use, in one line (the CLI exits with code 2)."""


@dataclass(frozen=True)
class EdgeSettings:
    """Everything the numbers depend on besides the scenario: grid, seeds and the ramp's pace."""

    multiples: tuple[float, ...] = DEFAULT_MULTIPLES
    ramp_levels: tuple[float, ...] = DEFAULT_RAMP
    seeds: int = 8
    seed: int = 1000
    step_weeks: int = RAMP_STEP_WEEKS
    measure_weeks: int = RAMP_MEASURE_WEEKS  # use measure_weeks_for(step_weeks) with another pace
    ramp: bool = True
    bisect: bool = True  # bisect the multiples where the share of seeds that tip crosses 10 % and 50 %
    tolerance: float = TOLERANCE

    def check(self, base_rate: float) -> None:
        """Refuse a grid that leaves ``crime_rate``'s range or a ramp that cannot settle (one line)."""
        high = PARAMS["crime_rate"].high
        top = float("inf") if high is None else float(high)
        if base_rate <= 0:
            raise EdgeError("crime_rate = 0: the edge is measured in multiples of the wijk's own crime rate; "
                            "give the scenario a crime_rate above 0")
        for name, values in (("multiples", self.multiples), ("ramp levels", self.ramp_levels)):
            if not values or any(not (v > 0) for v in values):
                raise EdgeError(f"{name} must be positive numbers (got {list(values)})")
            if max(values) * base_rate > top:
                raise EdgeError(f"{name}: ×{max(values):g} of crime_rate {base_rate:g} is {max(values) * base_rate:g}, "
                                f"above crime_rate's allowed range 0 to {top:g}")
        if self.ramp and len(self.ramp_levels) < 2:
            raise EdgeError("the ramp needs at least two levels")
        if self.ramp and max(self.ramp_levels) / min(self.ramp_levels) > PARAMS_WAVE_MAX:
            raise EdgeError(f"ramp levels span more than ×{PARAMS_WAVE_MAX:g} (a crime wave's largest multiplier)")
        if self.ramp and len(ramp_schedule(self.ramp_levels)) * self.step_weeks > MAX_WEEK:
            n = len(ramp_schedule(self.ramp_levels))
            raise EdgeError(f"the ramp runs {n} levels × {self.step_weeks} weeks = {n * self.step_weeks} weeks, "
                            f"above the longest run ({MAX_WEEK} weeks): fewer levels or fewer weeks a level")
        if not 1 <= self.measure_weeks <= self.step_weeks:
            raise EdgeError(f"measure_weeks {self.measure_weeks} must be 1 to step_weeks ({self.step_weeks})")
        if self.bisect and not 0.001 <= self.tolerance <= 1:
            raise EdgeError(f"--tolerance {self.tolerance:g} is invalid: allowed 0.001 to 1 (multiples of crime_rate)")
        if not 2 <= self.seeds <= 10000:
            raise EdgeError(f"--seeds {self.seeds} is invalid: allowed 2 to 10000 (an interval needs two pairs)")


def measure_weeks_for(step_weeks: int) -> int:
    """Weeks measured at the end of a ramp step: its last quarter, at most a year (the step's start is
    still moving; a year averages the weekly noise)."""
    return min(RAMP_MEASURE_WEEKS, max(1, step_weeks // 4))


def base_rate(scenario: Scenario) -> float:
    """The scenario's own crime rate (the registry's default when it does not set one)."""
    return float(scenario.params.get("crime_rate", PARAMS["crime_rate"].default))


def ramp_weeks(s: EdgeSettings) -> int:
    """Length of a ramp run: every level up and back down, ``step_weeks`` each."""
    return len(ramp_schedule(s.ramp_levels)) * s.step_weeks


# --- two histories ---------------------------------------------------------------------------------
def history_weeks() -> int:
    """Run length of the two-history runs: the crisis, then two years (169 weeks)."""
    return CRISIS_START + CRISIS_WEEKS + AFTER_WEEKS


def judge_window() -> Window:
    """The half-year ending two years after the crisis ended (weeks 144-169)."""
    n = history_weeks()
    return Window("two_years_after", n - JUDGE_WEEKS + 1, n)


def norm_threshold(params: dict[str, Any]) -> float | None:
    """The share withdrawn at which the buurt's withdrawal norm starts (docs/ODD.md, stage 8a) for a scenario's
    parameters, or None when the scenario switches the norm off (``b_norm_withdrawn`` = 0): the edge."""
    strength = float(params.get("b_norm_withdrawn", PARAMS["b_norm_withdrawn"].default))
    threshold = float(params.get("withdrawal_norm_threshold", PARAMS["withdrawal_norm_threshold"].default))
    return threshold if strength > 0 else None


def tip_threshold(params: dict[str, Any]) -> float:
    """The share withdrawn past which a seed's history counts as tipped (:mod:`wijksim.tipping`): the withdrawal
    norm's threshold, kept as the yardstick when a scenario switches the norm off (then nothing should cross it)."""
    return float(params.get("withdrawal_norm_threshold", PARAMS["withdrawal_norm_threshold"].default))


def with_rate(scenario: Scenario, rate: float, extra: Sequence[dict[str, Any]] = ()) -> Scenario:
    """``scenario`` at base crime rate ``rate`` with ``extra`` interventions added after its own."""
    params = {**scenario.params, "crime_rate": float(rate)}
    return scenario.model_copy(update={"params": params,
                                       "interventions": [*scenario.interventions, *(make(dict(d)) for d in extra)]})


def crisis() -> dict[str, Any]:
    """The year-long crisis as an intervention spec."""
    return {"type": "crime_wave", "start": CRISIS_START, "weeks": CRISIS_WEEKS, "multiplier": CRISIS_MULTIPLIER}


def history_arms(scenario: Scenario, rates: Sequence[float]) -> list[tuple[str, Scenario]]:
    """The paired arms: ``calm@RATE`` and ``crisis@RATE`` for every rate."""
    arms = []
    for r in rates:
        arms.append((f"calm@{r:g}", with_rate(scenario, r)))
        arms.append((f"crisis@{r:g}", with_rate(scenario, r, [crisis()])))
    return arms


#: the verdict of a rate at which the calm wijk, without any crisis, is already past the withdrawal norm's threshold
PAST_EDGE = "already past the edge"
#: a small mean persistence whose interval still reaches 5 %, or with a seed that tipped: not shown to recover
MAY_NOT_RECOVER = "may not recover"


def verdict(gap: float, lo: float, calm: float | None = None, threshold: float | None = None,
            hi: float | None = None, tipped: int | None = None) -> str:
    """``recovers`` below 5 % persistence, ``tipped`` from 20 % with the interval above 0, else ``scarred``
    (the thresholds of issue 14's target 4, as asserted in tests/test_validity.py); ``undetermined`` when the
    calm run has nobody withdrawn to compare with (no relative gap).

    Given the interval's upper bound ``hi`` and the number of seeds that ``tipped`` (issue 26), *recovers* needs
    the whole interval under 5 % and no seed tipped: a mean under 5 % whose interval reaches it, or with one seed
    in twenty tipping, is :data:`MAY_NOT_RECOVER` (a mean hides the seeds that do not come back).

    :data:`PAST_EDGE` when the calm history itself (share withdrawn ``calm``) is at or above the buurt's
    withdrawal norm's ``threshold`` (None: the norm is off): withdrawing is already the norm there without any
    crisis, so both histories end high and the crisis adds little. A small persistence then means "nothing
    left to tip", not "recovers" (issue 23: ×3 and ×4 of a wijk's rate, 38-44 % withdrawn calm, were labelled
    so)."""
    if calm is not None and threshold is not None and np.isfinite(calm) and calm >= threshold:
        return PAST_EDGE
    if not np.isfinite(gap):
        return "undetermined"
    if gap < RECOVERS_BELOW:
        shown = (hi is None or hi < RECOVERS_BELOW) and not tipped
        return "recovers" if shown else MAY_NOT_RECOVER
    if gap >= TIPPED_FROM and lo > 0:
        return "tipped"
    return "scarred"


def caveat(verdict_: str, lo: float, hi: float) -> str:
    """What the interval leaves open about a verdict (empty when it lies wholly inside the verdict's band)."""
    if verdict_ == "recovers" and hi >= RECOVERS_BELOW:
        return f"the interval reaches {RECOVERS_BELOW:.0%}: more seeds to be sure"
    if verdict_ == "scarred" and hi >= TIPPED_FROM:
        return f"the interval reaches {TIPPED_FROM:.0%}: it may tip; more seeds to be sure"
    if verdict_ == "scarred" and lo < RECOVERS_BELOW:
        return f"the interval reaches below {RECOVERS_BELOW:.0%}: it may recover; more seeds to be sure"
    if verdict_ == "tipped" and lo < TIPPED_FROM:
        return f"the interval reaches below {TIPPED_FROM:.0%}"
    return ""


def history_table(runs: pd.DataFrame, rates: Sequence[float], base_rate: float,
                  threshold: float | None = None, tip_at: float | None = None) -> pd.DataFrame:
    """Per rate: both histories' withdrawn two years after, the persistence (crisis − calm) / calm with its
    95 % interval over paired seeds, the seeds that tip past ``tip_at`` (default: ``threshold``, else the
    registry's norm threshold) with ``p_tip`` and its Wilson interval (:mod:`wijksim.tipping`), and the verdict
    (:func:`verdict`; ``threshold`` is the withdrawal norm's, None when the scenario switches the norm off)."""
    line = tip_at if tip_at is not None else threshold if threshold is not None else tip_threshold({})
    values = window_values(runs, judge_window())
    rows = []
    for r in rates:
        calm, hit = f"calm@{r:g}", f"crisis@{r:g}"
        d = paired_diffs(values, hit, calm, OUTCOME)
        scale = float(values.loc[calm, OUTCOME].mean())
        m, lo, hi = (v / scale if scale > 0 else float("nan") for v in interval(d, LEVEL))
        tips = tip_summary(seed_states(values.loc[calm, OUTCOME], values.loc[hit, OUTCOME], line), LEVEL)
        rows.append({"crime_rate": float(r), "multiple": float(r) / base_rate, "pairs": len(d),
                     "calm_withdrawn": scale, "crisis_withdrawn": float(values.loc[hit, OUTCOME].mean()),
                     "persistence": m, "persistence_lo": lo, "persistence_hi": hi,
                     "tipped": tips["tipped"], "past": tips["past"], "p_tip": tips["p_tip"],
                     "p_tip_lo": tips["p_tip_lo"], "p_tip_hi": tips["p_tip_hi"],
                     "verdict": verdict(m, lo, scale, threshold, hi, tips["tipped"])})
    return pd.DataFrame(rows)


# --- the slow ramp ---------------------------------------------------------------------------------
def ramp_schedule(levels: Sequence[float]) -> list[float]:
    """The levels up (sorted) and back down, the top visited once: 0.5, 1, 2, 1, 0.5."""
    up = sorted(set(float(v) for v in levels))
    return up + up[-2::-1]


def ramp_interventions(schedule: Sequence[float], step_weeks: int) -> list[dict[str, Any]]:
    """Crime waves that hold ``schedule[i]`` for weeks ``i·step+1`` to ``(i+1)·step`` in a run whose
    ``crime_rate`` is ``schedule[0]`` (the lowest level): each wave's multiplier is its level over that base."""
    base = schedule[0]
    return [{"type": "crime_wave", "start": i * step_weeks + 1, "weeks": step_weeks, "multiplier": level / base}
            for i, level in enumerate(schedule) if level != base]


def ramp_scenario(scenario: Scenario, schedule: Sequence[float], step_weeks: int) -> Scenario:
    """``scenario`` at the ramp's lowest level with the ramp's waves; as long as the ramp."""
    sc = with_rate(scenario, schedule[0], ramp_interventions(schedule, step_weeks))
    return sc.model_copy(update={"weeks": len(schedule) * step_weeks})


def ramp_table(runs: pd.DataFrame, schedule: Sequence[float], step_weeks: int, measure_weeks: int) -> pd.DataFrame:
    """Per seed and step: the leg (up/down), the crime rate and share withdrawn over the step's last weeks."""
    top = int(np.argmax(schedule))
    rows = []
    for i, level in enumerate(schedule):
        end = (i + 1) * step_weeks
        v = window_values(runs, Window(f"step{i}", end - measure_weeks + 1, end))
        for (_, rep), x in v[OUTCOME].items():
            rows.append({"replicate": int(rep), "step": i, "leg": "up" if i <= top else "down",
                         "crime_rate": float(level), OUTCOME: float(x)})
    return pd.DataFrame(rows)


def branches(table: pd.DataFrame) -> pd.DataFrame:
    """Per leg and level: mean share withdrawn over seeds with a 95 % t-interval of the mean."""
    rows = []
    for (leg, rate), g in table.groupby(["leg", "crime_rate"], sort=False):
        m, lo, hi = interval(g[OUTCOME].to_numpy(dtype=float), LEVEL)
        rows.append({"leg": leg, "crime_rate": rate, "mean": m, "lo": lo, "hi": hi})
    return pd.DataFrame(rows)


def hysteresis(table: pd.DataFrame) -> pd.DataFrame:
    """Per level visited on both legs: the gap down − up (same seed, paired) in points and relative to the way
    up, with 95 % intervals. A bistable region shows as a gap whose interval lies above zero."""
    rows = []
    for rate, g in table.groupby("crime_rate"):
        legs = g.pivot(index="replicate", columns="leg", values=OUTCOME)
        if not {"up", "down"} <= set(legs.columns):
            continue
        m, lo, hi = interval((legs["down"] - legs["up"]).to_numpy(dtype=float), LEVEL)
        up = float(legs["up"].mean())
        scale = up if up > 0 else float("nan")
        rows.append({"crime_rate": float(rate), "up": up, "down": float(legs["down"].mean()), "gap": m,
                     "gap_lo": lo, "gap_hi": hi, "gap_rel": m / scale, "gap_rel_lo": lo / scale,
                     "gap_rel_hi": hi / scale})
    return pd.DataFrame(rows)


def pace_series(scenario: Scenario, levels: Sequence[float], paces: Sequence[int], seeds: int, seed: int,
                workers: int | None = None) -> pd.DataFrame:
    """The hysteresis gap at every level for ramps of different pace (weeks a level): a loop that closes as the
    ramp slows is slow recovery; a loop that stays open however slow the ramp is a second stable state."""
    schedule = ramp_schedule(levels)
    out = []
    for pace in paces:
        runs = run_comparison([("ramp", ramp_scenario(scenario, schedule, pace))], seeds, seed, workers=workers)
        h = hysteresis(ramp_table(runs, schedule, pace, measure_weeks_for(pace)))
        out.append(h.assign(step_weeks=pace))
    return pd.concat(out, ignore_index=True)


# --- the whole measurement --------------------------------------------------------------------------
@dataclass
class EdgeResult:
    """The measurement: its settings, the two-history table and the ramp (per seed, branches, gaps)."""

    settings: dict[str, Any]
    histories: pd.DataFrame
    ramp: pd.DataFrame = field(default_factory=pd.DataFrame)
    branches: pd.DataFrame = field(default_factory=pd.DataFrame)
    hysteresis: pd.DataFrame = field(default_factory=pd.DataFrame)
    crossings: list[Crossing] = field(default_factory=list)

    def own(self) -> dict[str, Any]:
        """The row at the wijk's own crime rate (multiple 1, else the smallest multiple tested)."""
        h = self.histories
        return h.iloc[int(np.argmin(np.abs(h["multiple"].to_numpy() - 1.0)))].to_dict()

    def headroom(self) -> dict[str, Any]:
        """How far the calm wijk's share withdrawn (at its own crime rate) lies below the threshold where the
        buurt's withdrawal norm starts (docs/ODD.md, stage 8a): the state variable the tipping runs through.
        ``headroom`` is None when the scenario switches the norm off (``b_norm_withdrawn`` = 0)."""
        params = self.settings["scenario"].get("params", {})
        threshold = float(params.get("withdrawal_norm_threshold", PARAMS["withdrawal_norm_threshold"].default))
        on = norm_threshold(params) is not None
        now = float(self.own()["calm_withdrawn"])
        return {"withdrawn": now, "threshold": threshold, "norm_on": on, "headroom": threshold - now if on else None}

    def tips_at(self) -> float | None:
        """The smallest multiple of the wijk's crime rate at which it tips, or None."""
        tipped = self.histories[self.histories["verdict"] == "tipped"]
        return float(tipped["multiple"].min()) if len(tipped) else None

    def past_edge_at(self) -> float | None:
        """The smallest multiple of the wijk's crime rate at which the calm wijk is already past the edge, or None."""
        past = self.histories[self.histories["verdict"] == PAST_EDGE]
        return float(past["multiple"].min()) if len(past) else None

    def largest_gap(self) -> dict[str, Any] | None:
        """The ramp level with the largest relative hysteresis gap (None without a ramp)."""
        if self.hysteresis.empty:
            return None
        return self.hysteresis.iloc[int(np.nanargmax(self.hysteresis["gap_rel"].to_numpy()))].to_dict()

    def to_dict(self) -> dict[str, Any]:
        """Settings and numbers for a JSON file (rounded to 6 digits so the text is stable)."""
        def records(df: pd.DataFrame) -> list[dict[str, Any]]:
            return json.loads(df.round(6).to_json(orient="records")) if not df.empty else []

        tips, past = self.tips_at(), self.past_edge_at()
        top = float(self.histories["multiple"].max())
        return {"settings": self.settings, "histories": records(self.histories), "branches": records(self.branches),
                "hysteresis": records(self.hysteresis),
                "edge": {"own": json.loads(pd.Series(self.own()).to_json()), "tips_at_multiple": tips,
                         "past_edge_at_multiple": past,
                         "margin_at_least": None if tips is not None or past is not None else top,
                         "norm_headroom": {k: (round(v, 6) if isinstance(v, float) else v)
                                           for k, v in self.headroom().items()}},
                "tipping": tipping_dict(self)}


# --- tipping as a probability (wijksim.tipping) ----------------------------------------------------
def tipping_dict(result: EdgeResult) -> dict[str, Any]:
    """edge.json's ``tipping``: what counts as a tip, and the bisected multiples where 10 % and 50 % of seeds tip."""
    params = result.settings["scenario"].get("params", {})
    return {"threshold": tip_threshold(params), "judged_weeks": [judge_window().first, judge_window().last],
            "interval": "Wilson score, 95 %", "tolerance": result.settings.get("tolerance", TOLERANCE),
            "crossings": [c.to_dict() for c in result.crossings]}


def p_tip_at(scenario: Scenario, rate: float, s: EdgeSettings, workers: int | None = None) -> float:
    """The share of ``s.seeds`` paired seeds that tip at base crime rate ``rate`` (fresh calm and crisis runs)."""
    runs = run_comparison(history_arms(scenario, [rate]), s.seeds, s.seed, weeks=history_weeks(), workers=workers)
    values = window_values(runs, judge_window())
    states = seed_states(values.loc[f"calm@{rate:g}", OUTCOME], values.loc[f"crisis@{rate:g}", OUTCOME],
                         tip_threshold(scenario.params))
    return float(tip_summary(states)["p_tip"])


def tipping_crossings(scenario: Scenario, s: EdgeSettings, histories: pd.DataFrame,
                      workers: int | None = None, targets: tuple[float, ...] = TARGETS) -> list[Crossing]:
    """The multiples where the share of seeds that tip crosses each target: bracketed by the grid's ``p_tip``,
    narrowed by bisection on fresh paired runs to ``s.tolerance`` (:func:`wijksim.tipping.crossings`)."""
    base = base_rate(scenario)
    return crossings(histories["multiple"].to_numpy(dtype=float), histories["p_tip"].to_numpy(dtype=float),
                     lambda m: p_tip_at(scenario, round(m * base, 10), s, workers), targets, s.tolerance)


def settings_of(scenario: Scenario, s: EdgeSettings) -> dict[str, Any]:
    """What the numbers depend on: the scenario as run (without its texts), the registry's defaults (hashed),
    the grids, seeds and the ramp's pace. A saved result whose settings differ from these is stale."""
    base = base_rate(scenario)
    grid = asdict(s)
    if not s.bisect:  # no crossings are measured, so neither setting changes a number: not recorded
        del grid["bisect"], grid["tolerance"]
    return {"scenario": scenario.model_dump(mode="json", exclude=TEXT_FIELDS), "crime_rate": base,
            "defaults_sha256": defaults_sha256(),
            "crisis": crisis(), "judged_weeks": [judge_window().first, judge_window().last],
            "history_weeks": history_weeks(), **grid,
            "multiples": list(s.multiples), "ramp_levels": list(s.ramp_levels)}


def measure(scenario: Scenario, s: EdgeSettings, workers: int | None = None,
            progress: Callable[[int, int], None] | None = None) -> EdgeResult:
    """Run the two histories at ``s.multiples`` of the scenario's crime rate and (with ``s.ramp``) the slow
    ramp over ``s.ramp_levels``; paired seeds ``s.seed`` … ``s.seed + s.seeds − 1`` throughout."""
    base = base_rate(scenario)
    s.check(base)
    rates = [round(m * base, 10) for m in s.multiples]
    arms = history_arms(scenario, rates)
    schedule = ramp_schedule([round(m * base, 10) for m in s.ramp_levels])
    n_hist = len(arms) * s.seeds
    total = n_hist + (s.seeds if s.ramp else 0)
    done = [0]

    def tick(k: int, _n: int) -> None:
        if progress:
            progress(done[0] + k, total)

    runs = run_comparison(arms, s.seeds, s.seed, weeks=history_weeks(), workers=workers, progress=tick)
    result = EdgeResult(settings_of(scenario, s), history_table(runs, rates, base, norm_threshold(scenario.params),
                                                                 tip_threshold(scenario.params)))
    if s.bisect:
        result.crossings = tipping_crossings(scenario, s, result.histories, workers)
    if s.ramp:
        done[0] = n_hist
        sc = ramp_scenario(scenario, schedule, s.step_weeks)
        rr = run_comparison([("ramp", sc)], s.seeds, s.seed, workers=workers, progress=tick)
        result.ramp = ramp_table(rr, schedule, s.step_weeks, s.measure_weeks)
        result.branches = branches(result.ramp)
        result.hysteresis = hysteresis(result.ramp)
    return result

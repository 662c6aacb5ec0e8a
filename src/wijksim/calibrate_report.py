"""What a calibration tells, said honestly: the verdict per parameter, the predictive check per target, the
progress line per generation and the report ``calibration.md``.

**The verdict per parameter.** Two numbers of a posterior (weighted particles) against its uniform prior:

- *width*: the posterior's 90 % interval divided by the prior's (0.9 × its range; a flat posterior gives
  about 1);
- *edge share*: the posterior weight in the outer :data:`EDGE_BAND` (5 %) of the prior's range at either
  end (a flat posterior gives 0.05 at each end).

A parameter is *at the prior's edge* when one end holds at least :data:`EDGE_IN` (20 %, four times what a
flat posterior puts there): its mass piles against a bound, so a narrow interval there means "cut off by
the prior", not "learned" — widen the prior (or, when the bound is the registry's own limit, the model
cannot go further and the figure is out of its reach). Otherwise it is *constrained* when its width is
below :data:`NARROW_IN` (0.4) and *not constrained* when it is not.

**Hysteresis.** The label is computed for every generation in turn, and a label changes only when its
number crosses the far threshold: *constrained* is entered below 0.4 and left only above
:data:`NARROW_OUT` (0.6); *at the prior's edge* is entered at 20 % and left only below :data:`EDGE_OUT`
(12 %). A posterior of 200 particles moves its width and its edge shares by a few points between
generations by chance; with one threshold (the old 0.5) the label flipped back and forth at it.

**The predictive check.** Parameter sets drawn from the posterior are simulated again with fresh seeds,
and each simulated figure gets a survey's error (normal, the target's own ``sd``), since the observed
figure carries that error too. The 95 % posterior predictive interval is the 2.5 % and 97.5 % quantiles of
those figures; a target is *inside* when its observed value lies in it. The fit *passed* when every target
is inside; otherwise the posterior is the best the fitted parameters can do, not a fit, and ``compare`` /
``sweep --posterior`` say so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

NARROW_IN = 0.4  # constrained once the 90 % interval is below 40 % of the prior's ...
NARROW_OUT = 0.6  # ... and no longer only once it is above 60 %
EDGE_BAND = 0.05  # the outer 5 % of the prior's range at either end
EDGE_IN = 0.20  # at the prior's edge once one outer band holds 20 % of the weight ...
EDGE_OUT = 0.12  # ... and no longer only once it holds less than 12 %
PREDICTIVE_LEVEL = 0.95
NOISE_DRAWS = 200  # survey errors drawn per simulated figure (smooths the interval's ends)

CONSTRAINED, FREE, EDGE = "constrained", "not constrained", "at the prior's edge"


@dataclass(frozen=True)
class Shape:
    """One parameter's posterior in one generation, against its prior."""

    median: float
    lo90: float
    hi90: float
    width: float  # 90 % interval / the prior's 90 %
    low_share: float  # weight in the lowest EDGE_BAND of the prior
    high_share: float  # weight in the highest EDGE_BAND of the prior


@dataclass(frozen=True)
class Verdict:
    """A label and, at the prior's edge, which end (``"lower"`` or ``"upper"``)."""

    label: str
    side: str | None = None


def weighted_quantile(x: Any, w: Any, q: float) -> float:
    """Quantile ``q`` of ``x`` under weights ``w`` (interpolated between sorted particles)."""
    order = np.argsort(x)
    xs, ws = np.asarray(x, dtype=float)[order], np.asarray(w, dtype=float)[order]
    cw = np.cumsum(ws) - 0.5 * ws
    cw /= ws.sum()
    return float(np.interp(q, cw, xs))


def shape(x: Any, w: Any, low: float, high: float) -> Shape:
    """The numbers the verdict rests on (see the module docstring)."""
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    w = w / w.sum()
    q05, q50, q95 = (weighted_quantile(x, w, q) for q in (0.05, 0.5, 0.95))
    band = EDGE_BAND * (high - low)
    return Shape(median=q50, lo90=q05, hi90=q95, width=(q95 - q05) / (0.9 * (high - low)),
                 low_share=float(w[x <= low + band].sum()), high_share=float(w[x >= high - band].sum()))


def judge(shapes: Sequence[Shape]) -> list[Verdict]:
    """The verdict after each generation, with hysteresis (two thresholds per label; module docstring).

    Before the first generation nothing is learned: not constrained, not at an edge.
    """
    narrow, edge = False, False
    out = []
    for s in shapes:
        pile = max(s.low_share, s.high_share)
        edge = pile >= EDGE_OUT if edge else pile >= EDGE_IN
        narrow = s.width <= NARROW_OUT if narrow else s.width < NARROW_IN
        if edge:
            out.append(Verdict(EDGE, "lower" if s.low_share >= s.high_share else "upper"))
        else:
            out.append(Verdict(CONSTRAINED if narrow else FREE))
    return out


def edge_of(value: Any) -> str | None:
    """The edge column of a table as a side or None (pandas stores a missing side as NaN)."""
    return value if isinstance(value, str) else None


def verdict_text(v: Verdict, can_widen: bool = True) -> str:
    """The verdict as the terminal prints it (what to do included)."""
    if v.label == CONSTRAINED:
        return "constrained"
    if v.label == FREE:
        return "NOT constrained (the figures say little about it)"
    if can_widen:
        return f"AT THE PRIOR'S {(v.side or '').upper()} EDGE: mass piles against the bound; widen the prior"
    return (f"AT THE PRIOR'S {(v.side or '').upper()} EDGE, which is the registry's limit: the model cannot "
            "reach the figures by this parameter")


# --- the posterior predictive check ------------------------------------------------------------------------
def predictive_rows(simulated: pd.DataFrame, targets: dict[str, tuple[float, float]], rng: np.random.Generator,
                    bounds: dict[str, tuple[float, float]]) -> pd.DataFrame:
    """Per target: the simulated median and the 95 % posterior predictive interval (simulated figures plus a
    survey's error of the target's ``sd``, kept within what the figure can be, ``bounds``: a share is never
    below 0), and whether the observed value lies inside it."""
    rows = []
    tail = (1 - PREDICTIVE_LEVEL) / 2
    for name, (value, sd) in targets.items():
        x = simulated[name].to_numpy(dtype=float)
        noisy = np.clip((x[:, None] + rng.normal(0.0, sd, size=(len(x), NOISE_DRAWS))).ravel(), *bounds[name])
        lo, hi = np.quantile(noisy, [tail, 1 - tail])
        rows.append({"target": name, "observed": value, "sd": sd, "predicted": float(np.median(x)),
                     "lo95": float(lo), "hi95": float(hi), "inside": bool(lo <= value <= hi)})
    return pd.DataFrame(rows)


def check_line(r: Any) -> str:
    """``<target>: predicted x [lo, hi], target v — inside|outside`` (one target of the check)."""
    return (f"{r.target}: predicted {r.predicted:.3g} [{r.lo95:.3g}, {r.hi95:.3g}], target {r.observed:.3g} — "
            f"{'inside' if r.inside else 'outside'}")


def check_record(check: pd.DataFrame, draws: int) -> dict[str, Any]:
    """The check as ``calibration.json`` records it (``passed`` is what ``--posterior`` reads)."""
    return {"passed": bool(check["inside"].all()), "level": PREDICTIVE_LEVEL, "draws": draws,
            "targets": {r.target: {"predicted": r.predicted, "lo": r.lo95, "hi": r.hi95, "target": r.observed,
                                   "sd": r.sd, "inside": bool(r.inside)} for r in check.itertuples()}}


def verdict_record(table: pd.DataFrame) -> dict[str, Any]:
    """The verdicts as ``calibration.json`` records them."""
    keys = ("verdict", "edge", "median", "lo90", "hi90", "width_vs_prior", "low_edge_share", "high_edge_share",
            "per_generation")
    return {r["parameter"]: {k: edge_of(r[k]) if k == "edge" else r[k] for k in keys}
            for r in table.to_dict("records")}


# --- progress -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Progress:
    """Where a calibration stands after a generation (from pyabc's history)."""

    generation: int  # 1-based
    generations: int
    epsilon: float
    simulations: int  # all so far, the first threshold's prior draws included
    acceptance: float  # accepted / simulated in this generation
    elapsed: float  # seconds since this command started
    left: float | None  # estimated seconds to go (None: unknown)


def duration(seconds: float) -> str:
    """``45 s``, ``3 min 10 s``, ``1 h 05 min``."""
    s = max(0, round(seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {(s % 3600) // 60:02d} min"


def progress_line(p: Progress) -> str:
    """One generation's line (plain text: logs, CI and tests read it; a terminal shows a bar as well)."""
    left = ("done" if p.generation >= p.generations else
            f"about {duration(p.left)} left" if p.left is not None else "time left unknown")
    return (f"generation {p.generation} of {p.generations}: threshold ε {p.epsilon:.3g}, {p.simulations} "
            f"simulations so far, acceptance {100 * p.acceptance:.0f} %, elapsed {duration(p.elapsed)}, {left}")


def time_left(sims: Sequence[int], seconds: Sequence[float], remaining: int) -> float | None:
    """Seconds for ``remaining`` generations, from the generations run so far in this command.

    Later generations accept less and so simulate more: each is taken to need the last one's simulations
    times the growth between the last two (1 to 3 ×), at the last one's seconds per simulation.
    """
    if remaining <= 0:
        return 0.0
    if not sims or sims[-1] <= 0 or seconds[-1] <= 0:
        return None
    growth = min(3.0, max(1.0, sims[-1] / sims[-2])) if len(sims) > 1 and sims[-2] > 0 else 1.0
    per_sim = seconds[-1] / sims[-1]
    return float(sum(sims[-1] * growth ** k * per_sim for k in range(1, remaining + 1)))


# --- the report -----------------------------------------------------------------------------------------
def report_markdown(cal: Any, table: pd.DataFrame, check: pd.DataFrame, n_sims: int | None, draws: int) -> str:
    """``calibration.md``: the posterior and verdict per parameter, the predictive check, what is (not) learned."""
    lines = [f"# Calibration of `{cal.scenario.name}`", "",
             f"Targets file `{Path(cal.source).name}`; ABC-SMC with {cal.population} particles (parameter sets) × "
             f"{cal.generations} generations, {cal.replicates} seed(s) per particle, figures are means over "
             f"the last {cal.summary_weeks} of {cal.weeks} weeks; calibration seed {cal.seed}"
             + (f"; {n_sims} simulations." if n_sims else "."), "", *_parameter_part(table), "",
             *_check_part(check, draws), "", "## What the figures tell and what they leave open", ""]
    groups = {label: [f"`{r.parameter}`" for r in table.itertuples() if r.verdict == label]
              for label in (CONSTRAINED, FREE, EDGE)}
    if groups[CONSTRAINED]:
        lines.append("Constrained by these figures: " + ", ".join(groups[CONSTRAINED]) + ".")
    if groups[FREE]:
        lines.append("Not constrained (the posterior is about as wide as the prior, so the figures say little "
                     "about them; a comparison with `--posterior` carries that uncertainty on): "
                     + ", ".join(groups[FREE]) + ".")
    if groups[EDGE]:
        lines.append("At the prior's edge (the posterior piles against a bound: what looks narrow is cut off by "
                     "the prior, not learned; widen the prior and calibrate again): " + ", ".join(groups[EDGE])
                     + ".")
    return "\n".join(lines) + "\n"


def _parameter_part(table: pd.DataFrame) -> list[str]:
    lines = ["## Posterior per parameter", "",
             "| parameter | median | 90 % interval | prior range | interval / prior | weight in outer 5 % "
             "(low / high) | verdict |", "|---|---|---|---|---|---|---|"]
    for r in table.itertuples():
        side = edge_of(r.edge)
        label = r.verdict + (f" ({side})" if side else "")
        lines.append(f"| `{r.parameter}` | {r.median:.4g} | {r.lo90:.4g} – {r.hi90:.4g} | "
                     f"{r.prior_low:.4g} – {r.prior_high:.4g} | {r.width_vs_prior:.2f} | "
                     f"{100 * r.low_edge_share:.0f} % / {100 * r.high_edge_share:.0f} % | {label} |")
    lines += ["", f"The verdict: *at the prior's edge* when at least {100 * EDGE_IN:.0f} % of the posterior weight "
              f"lies in the outer {100 * EDGE_BAND:.0f} % of the prior's range at one end (a flat posterior puts "
              f"{100 * EDGE_BAND:.0f} % there); else *constrained* when the 90 % interval is under {NARROW_IN:g} of "
              f"the prior's, *not constrained* otherwise. With hysteresis over the generations: *constrained* is "
              f"left only above {NARROW_OUT:g}, *at the prior's edge* only below {100 * EDGE_OUT:.0f} %.", "",
              "Verdict per generation:", ""]
    for r in table.itertuples():
        lines.append(f"- `{r.parameter}`: " + " → ".join(r.per_generation))
    return lines


def _check_part(check: pd.DataFrame, draws: int) -> list[str]:
    passed = bool(check["inside"].all())
    lines = ["## Posterior predictive check", "",
             f"{draws} parameter sets drawn from the posterior, each simulated again with a fresh seed; each "
             "simulated figure gets a survey's error of the target's sd. A target is *inside* when its observed "
             f"value lies in the {100 * PREDICTIVE_LEVEL:.0f} % posterior predictive interval.", "",
             "| figure | target ± sd | predicted (median) | 95 % predictive interval | inside |",
             "|---|---|---|---|---|"]
    for r in check.itertuples():
        lines.append(f"| `{r.target}` | {r.observed:.4g} ± {r.sd:.2g} | {r.predicted:.4g} | "
                     f"{r.lo95:.4g} – {r.hi95:.4g} | {'yes' if r.inside else '**no**'} |")
    lines.append("")
    if passed:
        lines.append("**Passed**: every target lies inside its predictive interval.")
    else:
        misses = ", ".join(f"`{r.target}`" for r in check.itertuples() if not r.inside)
        lines.append(f"**Failed**: the model does not reproduce {misses} at any fitted value. This posterior is "
                     "the best the fitted parameters can do, not a fit: do not use it for comparisons before "
                     "looking at the priors (a parameter at the prior's edge), the mechanisms or the base scenario.")
    return lines

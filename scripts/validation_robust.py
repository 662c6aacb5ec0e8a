"""Robust rows of the evidence table: each row re-measured at −25 % and +25 % of every parameter tuned for it.

A row that holds only at the tuned value shows that the calibration worked, not that the mechanism carries the
effect. Which parameters were tuned for which row is read from the commit history (the message of each commit
that set or added them) and listed in :data:`TUNED` with that reason; rows no parameter was tuned for (the
malus rows, collective efficacy) get no variants. A variant scales the parameter in every arm of the row's
experiment -- the arm's own value, so a value a scenario file sets is scaled too -- and re-runs the experiment
with the row's seeds; its verdict uses the row's own floor (``make_validation.judge``). The evidence table's
column "holds in k of m variants" is rendered from ``docs/data/validation.json``'s ``robust`` entry.

Run as ``.venv/bin/python scripts/make_validation.py --robust`` (about 40 minutes of one core's time); it saves
after each experiment and, run again, resumes where it stopped. A re-run of the main table keeps the robust rows
of every experiment whose settings (:func:`robust_settings`, per experiment) are unchanged and drops the others.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from typing import Any

from wijksim.compare import run_comparison
from wijksim.params import PARAMS

#: the factors of a variant: −25 % and +25 % of the tuned value
FACTORS = (0.75, 1.25)

#: experiment -> (parameters tuned for its rows, why: the commit that set them and what it moved); measured in
#: this order, cheapest and most fragile rows first (issue 26 found the mode-alone and narrow-goal rows on their
#: floors), the 128-seed burglary experiment last, each experiment saved as it completes
TUNED: dict[str, tuple[tuple[str, ...], str]] = {
    "partners": (("referral_fatigue", "referral_fatigue_ties"),
                 "87d1c16 added referral fatigue: mutual vs blame +0.34 → +2.6 pp, the mode alone +0.16 → +1.5 pp"),
    "feedback": (("feedback_visible_gain",),
                 "87d1c16 added visible feedback: reporting in year 2 +0.6 → +4.1 pp"),
    "goals": (("conflict_behaviour_rate", "conflict_side"),
              "263492d added them for target 6: the conflict carries the cohesion gap"),
    "narrow_reports": (("conflict_behaviour_rate", "conflict_side"), "as goals (the same commit)"),
    "steady": (("burn_in",), "87d1c16 raised burn_in 78 → 260: the reference drifted +8 % in withdrawn"),
    "voorlichting": (("awareness_without_action",),
                     "87d1c16 added it with flyers at truly equal reach (the flyer rows)"),
    "spiral": (("b_norm_withdrawn", "withdrawal_norm_threshold"),
               "7dbbc1a added the buurt's withdrawal norm for the tipping rows (crisis +7 % → +45 % at crime_rate 2)"),
    "recovery": (("b_norm_withdrawn", "withdrawal_norm_threshold"), "as spiral (the same commit)"),
    "engagement": (("kappa_residents", "vigilance_active"),
                   "87d1c16 moved kappa_residents 0.9 → 0.4 and vigilance_active 2 → 5 to bring the programme's "
                   "incident effect from −8.5 % to −17.8 % (guardianship balance)"),
    "engagement_burglary": (("kappa_residents", "vigilance_active"), "as engagement (the same commit)"),
}


def robust_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """What the robust numbers depend on, per experiment: its seeds and arms as run (the main table's settings)
    and the registry's defaults, with the tuned list and the factors. Per experiment, so that re-running one
    experiment of the main table (new seeds) leaves the other experiments' robust rows valid."""
    tuned = json.dumps({k: list(v[0]) for k, v in TUNED.items()}, sort_keys=True)
    exps = {name: _digest({"defaults_sha256": settings["defaults_sha256"],
                           "experiment": settings["experiments"][name], "tuned": list(TUNED[name][0])})
            for name in TUNED if name in settings["experiments"]}
    return {"experiments": exps, "tuned": tuned, "factors": list(FACTORS)}


def _digest(obj: Any) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True).encode()).hexdigest()[:16]


def still_valid(mv: Any, robust: dict[str, Any] | None, settings: dict[str, Any]) -> dict[str, Any]:
    """The robust rows of ``robust`` (saved) that the code would still measure the same way: those of every
    experiment whose settings hash is unchanged (the factors too); the rest are dropped, to be re-measured."""
    new = robust_settings(settings)
    if not robust or robust.get("settings", {}).get("factors") != new["factors"]:
        return {}
    old = robust["settings"].get("experiments", {})
    exp_of = {r["claim"]: r["exp"] for r in mv.ROWS}
    return {claim: entry for claim, entry in robust.get("rows", {}).items()
            if claim in exp_of and exp_of[claim] in new["experiments"]
            and old.get(exp_of[claim]) == new["experiments"][exp_of[claim]]}


def scaled(value: Any, name: str, factor: float) -> Any:
    """``value`` × ``factor``, rounded for a whole-number parameter and kept inside the registry's range."""
    p = PARAMS[name]
    v = value * factor
    if p.kind == "int":
        v = round(v)
    return min(max(v, p.low), p.high) if p.low is not None and p.high is not None else v


def variant_arms(mv: Any, name: str, param: str, factor: float) -> list[tuple[str, Any]]:
    """The experiment's arms with ``param`` scaled by ``factor`` in each (from the arm's own value)."""
    arms = []
    for label, spec in mv.EXPERIMENTS[name]["arms"].items():
        sc = mv.arm_scenario(spec)
        own = sc.params.get(param, PARAMS[param].default)
        arms.append((label, sc.model_copy(update={"params": {**sc.params, param: scaled(own, param, factor)}})))
    return arms


def _complete(done: dict[str, Any], claims: list[str], variants: int) -> bool:
    return all(c in done and done[c]["of"] == variants for c in claims)


def measure_robust(mv: Any, workers: int, done: dict[str, Any] | None = None,
                   save: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """Every variant of every tuned experiment: per row, the variants' effects and verdicts, and k of m.

    Experiments whose rows are all in ``done`` (saved by an earlier, interrupted run with the same settings) are
    kept; after each experiment ``save`` gets everything so far, so a long run can be stopped and resumed.
    """
    out: dict[str, Any] = dict(done or {})
    for name, (params, why) in TUNED.items():
        e = mv.EXPERIMENTS[name]
        rows = [r for r in mv.ROWS if r["exp"] == name]
        if _complete(out, [r["claim"] for r in rows], len(params) * len(FACTORS)):
            continue
        for row in rows:
            out[row["claim"]] = {"why": why, "variants": []}
        for param in params:
            for factor in FACTORS:
                t0 = time.time()
                runs = run_comparison(variant_arms(mv, name, param, factor), replicates=e["seeds"], seed=mv.SEED0,
                                      workers=workers)
                print(f"  robust {name}: {param} ×{factor:g} in {time.time() - t0:.0f} s", flush=True)
                for row in rows:
                    how = mv.gap_share if row.get("kind") == "gap_share" else mv.effect
                    m, lo, hi = how(runs, row)
                    out[row["claim"]]["variants"].append({"param": param, "factor": factor,
                                                          "effect": [round(m, 6), round(lo, 6), round(hi, 6)],
                                                          "verdict": mv.judge(row["floor"], m, lo, hi)})
        for row in rows:
            entry = out[row["claim"]]
            entry["holds"] = sum(v["verdict"] == "met" for v in entry["variants"])
            entry["of"] = len(entry["variants"])
        if save is not None:
            save(out)
    return out


def holds_text(robust: dict[str, Any] | None, claim: str, experiment: str) -> str:
    """The table's cell "holds in k of m variants" for one row."""
    if experiment not in TUNED:
        return "— (no parameter tuned for it)"
    if not robust or claim not in robust.get("rows", {}):
        return "not run"
    r = robust["rows"][claim]
    failing = [f"{v['param']} ×{v['factor']:g}" for v in r["variants"] if v["verdict"] != "met"]
    return f"{r['holds']} of {r['of']}" + (f" (fails: {', '.join(failing)})" if failing else "")

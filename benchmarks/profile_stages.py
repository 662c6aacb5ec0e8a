"""Where a week's time goes (issue #25): CPU time per stage of ``simulate_week`` at 2 k, 10 k and 50 k households.

Each stage function of :func:`wijksim.model.simulate_week` (and the observer's work: the week's random
generators, ``metrics.collect``) is wrapped with a CPU timer for the measured weeks; the wrappers change
nothing the stages compute. ``rest`` is the week's time not inside any wrapped function (the glue in
``simulate_week`` and Mesa's step).

What bounds a stage is read from two columns:

* **µs / 1k hh at each size**: a stage whose cost per household falls steeply with size is paying a fixed
  cost per call (Python, numpy dispatch, small allocations): at 2 k it is *overhead-bound*;
* **passes** (at 50 k): the stage's time expressed in full passes over one float64 array per household at the
  machine's measured copy bandwidth (``np.copyto`` of 50 k doubles, in cache and from memory). A stage that
  reads and writes a handful of household arrays and takes about that many passes is near the *memory*
  bound; one that takes far more is bound by arithmetic, random draws or scattered access (network edges,
  cell lookups) — it is not waiting on streaming memory.

    .venv/bin/python benchmarks/profile_stages.py [--weeks 20] [--sides 63 140 310] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from wijksim import metrics
from wijksim.model import Streams, WijkModel
from wijksim.network import SocialNetwork as Network
from wijksim.submodels import (
    complaints,
    conflict,
    decision,
    fear,
    followup,
    gossip,
    guardianship,
    incidents,
    maintenance,
    patrol,
    presence,
    reporting,
    slow,
    support,
    ties,
    turnover,
    withdrawal_norm,
)

#: (module or class, function name): every call simulate_week makes, in its order (docs/ODD.md §3)
STAGES: tuple[tuple[Any, str], ...] = (
    (patrol, "plan_patrols"), (maintenance, "maintain"), (presence, "neglect_at_homes"), (presence, "presence"),
    (guardianship, "guardianship"), (incidents, "draw_incidents"), (reporting, "choose_victims"),
    (reporting, "witness_and_report"), (incidents, "leave_traces"), (followup, "follow_up"),
    (conflict, "conflict"), (complaints, "who_complains"), (complaints, "route_complaints"), (gossip, "hear"),
    (Network, "active_sum"), (support, "coordinators_near"), (support, "support"), (fear, "update_fear"),
    (withdrawal_norm, "withdrawal_pull"), (decision, "local_norm"), (decision, "decide"), (ties, "update_ties"),
    (slow, "relax"), (slow, "physical_week"), (turnover, "move"), (Streams, "week"), (metrics, "collect"),
)


def instrument(spent: dict[str, float]) -> Callable[[], None]:
    """Wrap every stage with a CPU timer adding to ``spent``; returns the function that undoes it."""
    saved = []
    for owner, name in STAGES:
        fn = getattr(owner, name)
        label = f"{getattr(owner, '__name__', owner).rsplit('.', 1)[-1]}.{name}"

        def timed(*a: Any, _fn: Any = fn, _label: str = label, **k: Any) -> Any:
            t0 = time.process_time()
            try:
                return _fn(*a, **k)
            finally:
                spent[_label] += time.process_time() - t0

        saved.append((owner, name, fn))
        setattr(owner, name, timed)
    return lambda: [setattr(o, n, f) for o, n, f in saved] and None


def copy_bandwidth(n: int, reps: int = 200) -> float:
    """Seconds for one pass (read + write) over ``n`` float64: the memory yardstick."""
    a, b = np.random.default_rng(0).random(n), np.empty(n)
    np.copyto(b, a)
    t0 = time.process_time()
    for _ in range(reps):
        np.copyto(b, a)
    return (time.process_time() - t0) / reps


def profile(side: int, weeks: int, warm: int = 2) -> dict[str, Any]:
    model = WijkModel(rng=1, width=side, height=side, burn_in=5)
    model.run(warm)
    spent: dict[str, float] = defaultdict(float)
    undo = instrument(spent)
    t0 = time.process_time()
    try:
        model.run(weeks)
    finally:
        undo()
    total = (time.process_time() - t0) / weeks
    per_week = {k: v / weeks for k, v in spent.items()}
    per_week["rest"] = total - sum(per_week.values())
    n = model.n_residents
    return {"side": side, "households": n, "week_s": total, "stage_s": per_week, "pass_s": copy_bandwidth(n),
            "edges": len(model.network.live())}


def table(rows: list[dict[str, Any]]) -> str:
    big = rows[-1]
    head = "| stage | " + " | ".join(f"µs / 1k hh at {r['households'] // 1000} k" for r in rows)
    lines = [head + f" | ms / week at {big['households'] // 1000} k | share | passes |",
             "|---|" + "---:|" * (len(rows) + 3)]
    order = sorted(big["stage_s"], key=lambda k: -big["stage_s"][k])
    for k in order:
        per = " | ".join(f"{r['stage_s'].get(k, 0.0) / r['households'] * 1e9:.1f}" for r in rows)
        s = big["stage_s"][k]
        lines.append(f"| {k} | {per} | {s * 1e3:.2f} | {s / big['week_s']:.0%} | {s / big['pass_s']:.0f} |")
    per = " | ".join(f"{r['week_s'] / r['households'] * 1e9:.1f}" for r in rows)
    lines.append(f"| **week** | {per} | {big['week_s'] * 1e3:.2f} | 100% | {big['week_s'] / big['pass_s']:.0f} |")
    lines.append("")
    lines.append(f"One pass over a float64 per household at {big['households']:,} households: "
                 f"{big['pass_s'] * 1e6:.0f} µs; live ties {big['edges']:,}. M household-updates / s: "
                 + ", ".join(f"{r['households'] / r['week_s'] / 1e6:.2f} at {r['households']:,}" for r in rows) + ".")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--weeks", type=int, default=20)
    ap.add_argument("--sides", type=int, nargs="+", default=[63, 140, 310])
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    rows = [profile(s, args.weeks) for s in args.sides]
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

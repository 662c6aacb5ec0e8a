"""Per-seed effect and sd of the stylised-fact tests that test an evidence row's claim with their own seeds
(issue 26: a power note beside every test's seed count). Runs each test's experiment with its own seeds and
prints, per asserted comparison, d (mean paired difference), sd (per seed) and the seeds a one-sided paired test
at 5 % needs for 80 % power, n80 = ((z.95 + z.80)·sd/d)². Not a test; the notes in the tests quote its output.

    nice -n 10 .venv/bin/python experiments/probes/test_power_probe.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from scipy import stats

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from facts import paired_runs, scenario, window  # noqa: E402

from wijksim.interventions import make  # noqa: E402

Z = stats.norm.ppf(0.95) + stats.norm.ppf(0.80)


def note(runs, a, b, col, lo, hi, label):  # noqa: ANN001, ANN201 - a probe
    d = window(runs, a, col, lo, hi) - window(runs, b, col, lo, hi)
    m, sd = d.mean(), d.std(ddof=1)
    print(f"{label}: {a} - {b} {col} weeks {lo + 1}-{hi}: d {m:+.4g}, sd {sd:.4g}, n {len(d)}, "
          f"n80 {np.ceil((Z * sd / m) ** 2) if m else float('inf'):.0f}", flush=True)


runs = paired_runs({"no_wave": scenario("no_wave"), "wave": scenario("wave_no_investment")}, 12)
for col in ("incidents", "share_withdrawn"):
    note(runs, "wave", "no_wave", col, 41, 93, "fact1 (12)")
note(runs, "wave", "no_wave", "share_withdrawn", 80, 93, "fact1 (12)")
runs = paired_runs({"mutual": scenario("mutual_support"), "blame": scenario("blame_shifting")}, 48, weeks=104)
for col in ("trust_municipality", "trust_housing", "share_active"):
    note(runs, "mutual", "blame", col, 52, 104, "fact2 (48)")
note(runs, "blame", "mutual", "disorder_mean", 52, 104, "fact2 (48)")
runs = paired_runs({"flyer": scenario("flyer_campaign"), "community": scenario("community_campaign")}, 12, weeks=78)
note(runs, "community", "flyer", "share_active", 34, 78, "fact3 (12)")
base = scenario("reference")
fb = base.model_copy(update={"interventions": [make({"type": "police_feedback", "start": 1})]})
runs = paired_runs({"silence": base, "feedback": fb}, 128, weeks=104)
for col in ("trust_police", "reporting_rate"):
    note(runs, "feedback", "silence", col, 52, 104, "fact6 (128)")

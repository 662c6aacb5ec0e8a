"""The benchmark references (issue #6) compute the same dynamics as wijksim.

* ``benchmarks/reference_mesa.py``, the plain-Mesa version (Python ``step()`` per household), must
  produce statistically matching outputs on a small case: per-seed means over 40 weeks of the key
  outputs, compared with Welch's t-test (a statistical experiment, so a slow test). The check is not
  toothless: the slow test below shows that one coefficient changed in the reference only
  (``b0_active`` −1.8 → −1.0) makes it fail.
* ``benchmarks/kernel.py``, the pure kernel bound, must reproduce the model's state bit for bit.

Neither test times anything: timings belong to ``benchmarks/run.py``.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from kernel import extract, run_kernel, state_fingerprint
from reference_mesa import ReferenceModel

from wijksim.model import WijkModel

OUTPUTS = ("share_unsafe", "share_active", "share_withdrawn", "incidents", "reporting_rate")
CASE = {"width": 20, "height": 20, "burn_in": 40}  # ~200 households
WEEKS = 40
SEEDS = tuple(range(10))
ALPHA = 0.002  # per output; five outputs -> about 1 % chance of a false alarm when the two agree


def _means(ts: pd.DataFrame) -> dict[str, float]:
    return {k: float(ts[k].mean()) for k in OUTPUTS}  # reporting_rate: NaN weeks (no incident) skipped


@functools.cache
def wijksim_sample() -> pd.DataFrame:
    return pd.DataFrame([_means(WijkModel(rng=s, **CASE).run(WEEKS).timeseries()) for s in SEEDS])


def reference_sample(**overrides: float) -> pd.DataFrame:
    return pd.DataFrame([_means(ReferenceModel(rng=s, **CASE, **overrides).run(WEEKS).timeseries())
                         for s in SEEDS])


def welch_pvalues(a: pd.DataFrame, b: pd.DataFrame) -> dict[str, float]:
    return {k: float(stats.ttest_ind(a[k], b[k], equal_var=False).pvalue) for k in OUTPUTS}


# a statistical experiment (Welch's t-test over 10 seeds of each model, the plain-Mesa reference in pure Python:
# ~8 s CPU), so it runs with its companion below in the slow suite (issue #25: fast tests stay under ~2 s)
@pytest.mark.slow
def test_reference_matches_wijksim_statistically() -> None:
    a, b = wijksim_sample(), reference_sample()
    p = welch_pvalues(a, b)
    table = pd.DataFrame({"wijksim": a.mean(), "reference": b.mean(), "p": pd.Series(p)})
    assert all(v > ALPHA for v in p.values()), f"reference and wijksim disagree:\n{table}"
    # and they are not trivially equal because both are flat: the outputs move between seeds
    assert (a.std() > 0).all() and (b.std() > 0).all()


@pytest.mark.slow
def test_reference_check_detects_a_changed_coefficient() -> None:
    """Shows the statistical check can fail: the same reference with one coefficient changed."""
    p = welch_pvalues(wijksim_sample(), reference_sample(b0_active=-1.0))
    assert min(p.values()) < ALPHA, p


def test_kernel_reproduces_the_model_bit_for_bit() -> None:
    m = WijkModel(rng=5, width=30, height=30, burn_in=5)
    k = run_kernel(extract(m), 12)
    m.run(12)
    a, b = state_fingerprint(m), state_fingerprint(k)
    for name in a:
        assert np.array_equal(a[name], b[name]), f"kernel and model differ in {name}: mirror _advance in kernel.py"

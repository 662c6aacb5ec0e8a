"""The registry of outputs (:mod:`wijksim.outputs`): one entry per timeseries column, in its order, with
both labels; the column tuples of :mod:`wijksim.metrics` are derived from it; ranges hold on a run."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from wijksim import WijkModel, metrics
from wijksim.compare import BONUS_MALUS_OUTPUTS, reference_line, verdict
from wijksim.outputs import BY_NAME, OUTPUTS, output


@pytest.fixture(scope="module")
def timeseries() -> pd.DataFrame:
    return WijkModel(rng=3, width=12, height=12, burn_in=4).run(20).timeseries()


def test_every_timeseries_column_is_in_the_registry_with_both_labels(timeseries: pd.DataFrame) -> None:
    assert list(timeseries.columns) == [o.name for o in OUTPUTS]
    for name in timeseries.columns:
        o = output(name)
        assert o.label_en and o.label_nl and o.short("en") and o.short("nl"), name
        assert o.unit and o.kind, name


def test_registry_order_is_the_metrics_column_order() -> None:
    assert tuple(o.name for o in OUTPUTS) == metrics.ALL_COLUMNS
    assert len(BY_NAME) == len(OUTPUTS)  # no name twice
    assert metrics.COLUMNS[:3] == ("week", "fear_mean", "share_unsafe")  # the promised columns come first
    assert metrics.KEY_OUTPUTS == ("incidents", "share_unsafe", "share_withdrawn", "share_active", "cohesion",
                                   "collective_efficacy", "reporting_rate", "disorder_mean")


def test_values_of_a_run_lie_in_the_registry_ranges(timeseries: pd.DataFrame) -> None:
    for o in OUTPUTS:
        col = [x for x in timeseries[o.name] if not math.isnan(x)]  # reporting_rate: NaN in a week without incidents
        if o.low is not None:
            assert min(col) >= o.low, o.name
        if o.high is not None:
            assert max(col) <= o.high, o.name
    assert all(o.low == 0.0 and o.high == 1.0 for o in OUTPUTS if o.kind == "share")


def test_verdicts_name_and_scale_outputs_as_the_registry_says() -> None:
    assert all(output(o).better == "lower" for o in BONUS_MALUS_OUTPUTS)  # + reads as a malus for each
    row = {"scenario": "b", "reference": "a"}
    for o, m in zip(BONUS_MALUS_OUTPUTS, (1.5, 0.02, -0.03), strict=True):
        row |= {f"bonus_malus_{o}": m, f"bonus_malus_{o}_lo": m - 0.001, f"bonus_malus_{o}_hi": m + 0.001,
                f"margin_{o}": 0.01}
    text = verdict(row)
    assert "incidents/week +1.50 [" in text and "feeling unsafe +2.00 pp" in text and "withdrawn -3.00 pp" in text
    own = pd.DataFrame([{"scenario": "a", "reference": "a", "window": "end", "week_from": 1, "week_to": 13,
                         "replicates": 2, "incidents_mean": 4.0, "share_unsafe_mean": 0.25,
                         "share_withdrawn_mean": 0.1}])
    assert reference_line(own) == ("a (reference, mean of 2 replicates): end (weeks 1-13): incidents/week 4.00, "
                                   "feeling unsafe 25.00 %, withdrawn 10.00 %")

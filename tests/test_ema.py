"""The EMA Workbench adapter: registry-built uncertainties and levers, a real EMA run, PRIM on it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from wijksim import ema
from wijksim.sweep.design import load_experiment

# skipped without the package, found without importing it: ema_workbench costs ~2 s to import (it inspects
# the call stack of every decorated method), paid by every xdist worker at collection if imported here
# found without importing it; both tests on one xdist worker (conftest.py), so one worker imports it
pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("ema_workbench") is None, reason="ema_workbench not installed"),
    pytest.mark.xdist_group("ema"),
]

EXPERIMENT = Path(__file__).resolve().parents[1] / "experiments" / "ema_prim.toml"
TINY = {"width": 16, "height": 16, "burn_in": 5}


def test_parameters_come_from_the_registry() -> None:
    import ema_workbench as ew

    assert isinstance(ema.parameter("crime_rate"), ew.RealParameter)
    assert isinstance(ema.parameter("tie_radius"), ew.IntegerParameter)
    assert isinstance(ema.parameter("police_feedback"), ew.BooleanParameter)
    assert isinstance(ema.parameter("patrol_strategy"), ew.CategoricalParameter)
    exp = load_experiment(EXPERIMENT, sets=TINY)
    model = ema.make_model(exp)
    assert {p.name for p in model.levers} == {"police_feedback", "cooperation", "municipal_support"}
    assert "crime_rate" in {p.name for p in model.uncertainties}
    assert [o.name for o in model.outcomes] == exp.outputs


def test_ema_run_and_prim(tmp_path: Path) -> None:
    exp = load_experiment(EXPERIMENT, weeks=6, replicates=2, sets=TINY)
    experiments, outcomes = ema.perform(exp, scenarios=8, policies=2)
    assert len(experiments) == 16 and outcomes["share_withdrawn"].shape == (16,)
    _, outcomes2 = ema.perform(exp, scenarios=8, policies=2)
    np.testing.assert_allclose(outcomes["incidents"], outcomes2["incidents"])  # seeded sampling and runs
    box = ema.prim(exp, experiments, outcomes, threshold=float(np.median(outcomes["share_withdrawn"])))
    assert 0 < box.coverage <= 1
    rc = ema.main(
        [
            str(EXPERIMENT),
            "--out",
            str(tmp_path),
            "--scenarios",
            "6",
            "--policies",
            "1",
            "--weeks",
            "6",
            "--threshold",
            "0.0",
            "--set",
            "width=16",
            "--set",
            "height=16",
            "--set",
            "burn_in=5",
        ]
    )
    assert rc == 0 and (tmp_path / "ema_experiments.csv").exists()

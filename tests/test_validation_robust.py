"""Robust rows of the evidence table (scripts/validation_robust.py): variants scale each tuned parameter from
the arm's own value, the column says k of m (or why there are none), and saved variants are current."""

from __future__ import annotations

import json
from pathlib import Path

from scripts_loader import load_script

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "docs" / "data" / "validation.json"


def test_every_tuned_parameter_and_experiment_exists() -> None:
    mv = load_script("make_validation")
    vr = load_script("validation_robust")
    from wijksim.params import PARAMS

    for name, (params, why) in vr.TUNED.items():
        assert name in mv.EXPERIMENTS and why
        assert set(params) <= set(PARAMS), params


def test_a_variant_scales_the_arms_own_value() -> None:
    """An ablated arm (the conflict switched off, 0) stays off; an int parameter stays whole."""
    mv = load_script("make_validation")
    vr = load_script("validation_robust")
    arms = dict(vr.variant_arms(mv, "goals", "conflict_side", 1.25))
    assert arms["broad"].params["conflict_side"] == 1.25 and arms["broad_no_conflict"].params["conflict_side"] == 0
    (_, steady), = vr.variant_arms(mv, "steady", "burn_in", 0.75)
    assert steady.params["burn_in"] == 195


def test_the_column_says_k_of_m_or_why_not() -> None:
    vr = load_script("validation_robust")
    failing = [{"param": "x", "factor": 0.75, "verdict": "not met"}]
    variants = failing + [{"param": "x", "factor": 1.25, "verdict": "met"}] * 3
    robust = {"rows": {"c": {"holds": 3, "of": 4, "variants": variants}}}
    assert vr.holds_text(robust, "c", "engagement") == "3 of 4 (fails: x ×0.75)"
    assert vr.holds_text(robust, "other", "engagement") == "not run"
    assert vr.holds_text(robust, "c", "malus").startswith("—")


def test_saved_variants_are_current() -> None:
    """Saved robust numbers belong to the saved table and the code's tuned list, or the column is stale."""
    mv = load_script("make_validation")
    vr = load_script("validation_robust")
    data = json.loads(DATA.read_text())
    if "robust" in data:
        assert data["robust"]["settings"] == vr.robust_settings(json.loads(json.dumps(mv.settings()))), (
            "robust rows are stale: run `.venv/bin/python scripts/make_validation.py --robust`")

"""Fixed-seed baseline: any change in model output shows up here and must be regenerated on purpose
with ``scripts/update_baseline.py`` (and named in review)."""

from __future__ import annotations

import json

import pytest

from baseline_run import BASELINE_FILE, baseline_summary


def test_model_output_matches_the_stored_baseline():
    stored = json.loads(BASELINE_FILE.read_text())
    now = baseline_summary()
    assert now["weekly"] and len(now["weekly"]) == len(stored["weekly"])
    for old, new in zip(stored["weekly"], now["weekly"], strict=True):
        for key, value in old.items():
            assert new[key] == pytest.approx(value, rel=1e-9, abs=1e-12), (
                f"week {old['week']}: {key} {value} -> {new[key]}; if intended, run scripts/update_baseline.py")

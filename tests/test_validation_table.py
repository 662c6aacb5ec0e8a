"""The evidence table (docs/validation.md) is generated and current: its text is what the saved numbers
render to, the saved settings are what the code would run now (scenarios, seeds, defaults), and (slow) a
re-run with the recorded seeds gives the saved numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts_loader import load_script

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "docs" / "data" / "validation.json"
STALE = "the evidence table is stale: run `.venv/bin/python scripts/make_validation.py`"


def _script():
    return load_script("make_validation")


def test_the_table_is_rendered_from_the_saved_numbers() -> None:
    mv = _script()
    data = json.loads(DATA.read_text())
    text = (ROOT / "docs" / "validation.md").read_text()
    body = mv.MARKER.search(text)
    assert body, "docs/validation.md has lost its markers"
    assert body.group("body") == mv.render(data), STALE
    assert {r["claim"] for r in data["rows"]} == {r["claim"] for r in mv.ROWS}, STALE


def test_the_saved_settings_are_what_the_code_would_run() -> None:
    mv = _script()
    data = json.loads(DATA.read_text())
    assert data["settings"] == json.loads(json.dumps(mv.settings())), STALE


def test_verdicts_follow_the_floors() -> None:
    """The verdict rule can fail: an interval that includes zero does not meet a directional floor."""
    mv = _script()
    assert mv.judge(("min", 0.01), 0.02, 0.01, 0.03) == "met"
    assert mv.judge(("min", 0.01), 0.02, -0.01, 0.05) == "not met"
    assert mv.judge(("band", -0.5, -0.1), -0.2, -0.25, -0.15) == "met"
    assert mv.judge(("band", -0.5, -0.1), -0.05, -0.07, -0.03) == "not met"
    assert mv.judge(("within", 0.03), 0.04, 0.0, 0.08) == "not met"


@pytest.mark.slow
def test_a_rerun_gives_the_saved_numbers() -> None:
    mv = _script()
    data = json.loads(DATA.read_text())
    rows = mv.measure(workers=2)
    got = {r["claim"]: (r["effect"], r["verdict"]) for r in rows}
    want = {r["claim"]: (r["effect"], r["verdict"]) for r in data["rows"]}
    assert got == want, STALE


def test_every_tuned_row_has_its_robust_variants() -> None:
    """The column "holds in k of m variants" is filled for every row a parameter was tuned for (−25 % and +25 % of
    each), measured with the saved settings of its experiment; rows with no tuned parameter keep "—"."""
    mv = _script()
    vr = mv.validation_robust
    data = json.loads(DATA.read_text())
    robust = data.get("robust") or {}
    stale = "robust rows stale: run `.venv/bin/python scripts/make_validation.py --robust`"
    assert robust.get("settings") == vr.robust_settings(data["settings"]), stale
    for r in data["rows"]:
        cell = vr.holds_text(robust, r["claim"], r["experiment"])
        if r["experiment"] not in vr.TUNED:
            assert cell.startswith("—"), (r["claim"], cell)
            continue
        entry = robust["rows"].get(r["claim"])
        assert entry and entry["of"] == len(vr.FACTORS) * len(vr.TUNED[r["experiment"]][0]), (r["claim"], stale)
        assert entry["holds"] == sum(v["verdict"] == "met" for v in entry["variants"]), r["claim"]

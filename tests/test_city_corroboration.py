"""The city's moving-house corroboration (docs/corroboration.md, "Moving house"): the page is what the saved sums
render to, the saved settings and verdicts are what the code gives now, the verdict rules can fail and can pass,
and (slow) a recorded pair re-runs to the saved sums."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scripts_loader import load_script
from wijksim.city import moving_check

ROOT = Path(__file__).resolve().parents[1]
STALE = "the moving-house results are stale: run `.venv/bin/python scripts/city_corroboration.py --moving`"


def _script() -> Any:
    return load_script("city_corroboration")


def _data() -> dict[str, Any]:
    return json.loads((ROOT / "docs" / "data" / "city_moving_corroboration.json").read_text())


def test_the_page_is_rendered_from_the_saved_sums() -> None:
    cc = _script()
    body = cc.MOVING_MARKER.search((ROOT / "docs" / "corroboration.md").read_text())
    assert body, "docs/corroboration.md has lost its city-moving-results markers"
    assert body.group("body") == cc.render_moving(_data()), STALE


def test_the_saved_settings_and_verdicts_are_what_the_code_gives() -> None:
    cc = _script()
    data = _data()
    assert data["settings"] == json.loads(json.dumps(cc.moving_settings())), STALE
    assert [(p["city"], p["seed"]) for p in data["pairs"]] == [
        (c, s) for c in data["settings"]["cities"] for s in cc.MOVING_SEEDS], STALE
    assert json.loads(json.dumps(cc._moving_results(data)))["results"] == data["results"], STALE


def _sums(incidents: float, moved_out: float, in_city: float) -> dict[str, Any]:
    return {"incidents": incidents, "moved_out": moved_out, "moved_in_city": in_city, "households": 1000}


def _pairs(extra: dict[str, float], n: int = 8) -> list[dict[str, Any]]:
    """Pairs where every B arm has 1.5 × the incidents of its A arm and ``extra[arm]`` more households leave
    the city (and its wijk); the A arms have 100 movers, 60 of them settling in the city."""
    out = []
    for k in range(n):
        arms = {}
        for arm in moving_check.ARMS:
            more = extra.get(arm, 0.0) + 0.1 * (k - 3.5)  # a little spread between pairs, around the extra
            if arm.startswith("A"):
                arms[arm] = _sums(400.0, 100.0, 60.0)
            else:
                arms[arm] = _sums(600.0, 100.0 + more, 60.0)
        out.append({"city": "c", "seed": k, "arms": arms})
    return out


def _verdicts(pairs: list[dict[str, Any]]) -> list[str]:
    return [r["verdict"] for r in moving_check.evaluate(pairs, 52)]


def test_the_verdicts_can_fail() -> None:
    """No more leaving with more crime: M1 and M2 are not met, and so is O's ablation difference."""
    verdicts = _verdicts(_pairs({}))
    assert verdicts[:4] == ["not met"] * 4 and verdicts[5] == "not met"


def test_the_verdicts_can_pass() -> None:
    """More leaving with crime in both routes, none with the fear route off, less with the elasticity off."""
    verdicts = _verdicts(_pairs({"W": 5.0, "O": 10.0, "O_elasticity_off": 5.0}))
    assert verdicts == ["met"] * 6


def test_far_more_leaving_than_cullen_and_levitt_is_not_met() -> None:
    """50 more leaving per 1,000 households for a 50 % rise (≈ 1.2 % a year per 10 %): above the band's 1 %."""
    rows = moving_check.evaluate(_pairs({"W": 50.0, "O": 50.0}), 52)
    assert rows[0]["estimate"] > 0.01 and rows[0]["verdict"] == "not met"


@pytest.mark.slow
def test_a_recorded_pair_reruns_to_the_saved_sums() -> None:
    """The example city at the first recorded seed, every arm re-run with the saved settings (≈ 10 s)."""
    cc = _script()
    saved = _data()["pairs"][0]
    city = cc.moving_cities()[0]
    assert saved["city"] == city.name
    got = moving_check.observe(city, saved["seed"], cc.WEEKS)
    assert json.loads(json.dumps(got)) == saved["arms"], STALE

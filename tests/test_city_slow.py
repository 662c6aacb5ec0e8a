"""The city's coupling mechanisms end to end, over paired seeds (slow: about a minute each on one core).

City A is the tiny example city; city B the same with 4 extra patrol units in the centre from week 1 (its own
capacity: no other wijk loses units; police rule fixed), so the centre becomes riskier for offenders. Each
test removes or switches one mechanism and asserts what must follow, with an effect floor and its interval.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from city_helpers import tiny_city
from wijksim.city.cityfile import load_city
from wijksim.city.runs import run_city

pytestmark = pytest.mark.slow

SEEDS = list(range(100, 110))
BUFFER = ["noord", "oost", "zuid", "west"]


def _effort(tmp: Path, params: dict, seeds: list[int] = SEEDS) -> tuple[np.ndarray, np.ndarray, list]:
    """Offender effort into each wijk summed over the run, per seed, in A and B (and the A models' tables)."""
    base = {"police_rule": "fixed", **params}
    a = load_city(tiny_city(tmp, "a.toml", weeks=30, params=base))
    b = load_city(tiny_city(tmp, "b.toml", weeks=30, params=base, extra_units=4))
    out_a, out_b, tables = [], [], []
    for seed in seeds:
        for city, into in ((a, out_a), (b, out_b)):
            t = run_city(city, seed).table()
            tables.append((city is a, t))
            e = t[t["output"] == "offender_effort"].groupby("wijk")["value"].sum()
            into.append(e)
    return np.array([e[BUFFER].sum() for e in out_a]), np.array([e[BUFFER].sum() for e in out_b]), tables


def _interval(rel: np.ndarray) -> tuple[float, float, float]:
    """Mean and 95 % t-interval of paired relative differences."""
    from scipy import stats

    m, se = float(rel.mean()), float(rel.std(ddof=1) / np.sqrt(len(rel)))
    t = float(stats.t.ppf(0.975, len(rel) - 1))
    return m, m - t * se, m + t * se


def test_all_deterred_effort_abandoned_and_no_reach_leaves_every_other_wijk_exactly_as_it_was(tmp_path: Path) -> None:
    _, _, tables = _effort(tmp_path, {"abandon_share": 1.0, "risk_reach": 0.0}, SEEDS[:3])
    for (_, ta), (_, tb) in zip(tables[0::2], tables[1::2], strict=True):
        # every other wijk's own outputs byte for byte; not moved_in_city, the record of where the centre's movers
        # settle (the centre changed, so its movers did; it changes no wijk's households)
        others_a = ta[(ta["wijk"] != "centrum") & (ta["output"] != "moved_in_city")]
        others_b = tb[(tb["wijk"] != "centrum") & (tb["output"] != "moved_in_city")]
        assert others_a.reset_index(drop=True).equals(others_b.reset_index(drop=True))  # byte for byte
        eff_a = ta[(ta["wijk"] == "centrum") & (ta["output"] == "offender_effort")]["value"].sum()
        eff_b = tb[(tb["wijk"] == "centrum") & (tb["output"] == "offender_effort")]["value"].sum()
        assert eff_b < 0.97 * eff_a  # while the centre itself gains


def test_deterred_effort_that_moves_displaces_offending_into_the_buffer(tmp_path: Path) -> None:
    a, b, _ = _effort(tmp_path, {"abandon_share": 0.0, "risk_reach": 0.0})
    mean, lo, hi = _interval(b / a - 1)
    # measured: +11.8 % [10.6, 13.1] over 10 paired seeds
    assert lo > 0.05, f"buffer effort +{mean:.2%} [{lo:.2%}, {hi:.2%}]: expected displacement of at least 5 %"


def test_risk_perception_reaching_past_the_boundary_spreads_the_benefit_to_the_buffer(tmp_path: Path) -> None:
    a, b, _ = _effort(tmp_path, {"abandon_share": 1.0, "risk_reach": 0.6})
    mean, lo, hi = _interval(b / a - 1)
    # measured: −24.6 % [−26.1, −23.1] over 10 paired seeds
    assert hi < -0.10, f"buffer effort {mean:+.2%} [{lo:+.2%}, {hi:+.2%}]: expected diffusion of at least 10 %"


def test_journeys_to_crime_fall_with_distance(tmp_path: Path) -> None:
    city = load_city(tiny_city(tmp_path, weeks=30))
    journeys = sum(run_city(city, s).journeys for s in SEEDS[:4])
    d = np.array(city.distances())
    np.fill_diagonal(d, city.params["within_wijk_km"])
    per_pair = {band: journeys[(d > lo) & (d <= hi)].mean() for band, (lo, hi) in
                {"own": (0, 0.5), "next": (1.0, 1.3), "far": (2.0, 9.0)}.items()}
    assert per_pair["own"] > 1.5 * per_pair["next"] > 1.5 * per_pair["far"], per_pair


def test_compare_on_a_dask_cluster_writes_the_same_bytes_as_here(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    import wijksim.city.commands  # noqa: F401
    from wijksim.cli import app

    a = tiny_city(tmp_path, "a.toml", weeks=6, first=4)
    b = tiny_city(tmp_path, "b.toml", weeks=6, first=4, extra_units=3)
    base = ["city", "compare", str(a), str(b), "--target", "centrum", "--seeds", "3"]
    for name, extra in (("here", []), ("dask", ["--workers", "2"])):
        result = CliRunner().invoke(app, [*base, "--out", str(tmp_path / name), *extra])
        assert result.exit_code == 0, result.output
    for f in ("summary.csv", "counts.csv"):
        assert (tmp_path / "here" / f).read_bytes() == (tmp_path / "dask" / f).read_bytes()

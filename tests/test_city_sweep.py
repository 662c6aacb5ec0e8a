"""Sweeps of cities through the existing sweep path: an experiment names a city file, every run is a city run.

The fast tests use the example city at 10×10 wijken (``city_helpers.tiny_city``); the Dask run with resume is
``slow``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from city_helpers import tiny_city
from wijksim.city.cityfile import load_city
from wijksim.city.runs import city_timeseries
from wijksim.sweep import storage
from wijksim.sweep.design import ExperimentError, experiment_from_dict
from wijksim.sweep.execute import run_serial


def _experiment(tmp_path: Path, **extra: object) -> dict:
    tiny_city(tmp_path, weeks=4, first=4)
    return {"name": "city sweep", "city": "city.toml", "weeks": 4, "replicates": 1, "seed": 3,
            "record": "summary", "summary_weeks": 2,
            "design": {"kind": "grid", "factors": {"crime_rate": {"values": [0.5, 2.0]}}}, **extra}


def test_a_city_sweep_runs_city_runs_exactly(tmp_path: Path) -> None:
    exp = experiment_from_dict(_experiment(tmp_path), "exp.toml", base_dir=tmp_path)
    assert exp.city == str((tmp_path / "city.toml").resolve())
    df = run_serial(exp)
    assert len(df) == 2 and list(df["crime_rate"]) == [0.5, 2.0]
    # each row is the mean wijk of a city run at the run's seed with the factor set in every wijk
    city = load_city(tmp_path / "city.toml")
    for row in df.itertuples():
        ts = city_timeseries(city, int(row.seed), 4, {"crime_rate": row.crime_rate})
        assert row.incidents == pytest.approx(ts["incidents"].tail(2).mean())
    assert df["incidents"].iloc[1] > df["incidents"].iloc[0]  # the factor reaches every wijk
    pd.testing.assert_frame_equal(df, run_serial(exp))  # same seeds, same numbers


@pytest.mark.parametrize("extra, field", [({"scenario": "x.toml"}, "scenario"),
                                          ({"interventions": [{"type": "crime_wave"}]}, "interventions"),
                                          ({"city": "missing.toml"}, "city")])
def test_a_city_sweep_refuses_what_does_not_fit(tmp_path: Path, extra: dict, field: str) -> None:
    with pytest.raises(ExperimentError, match=rf"exp.toml: {field}"):
        experiment_from_dict(_experiment(tmp_path, **extra), "exp.toml", base_dir=tmp_path)


@pytest.mark.slow
def test_a_city_sweep_on_dask_matches_serial_and_resumes(tmp_path: Path) -> None:
    from wijksim.sweep.execute import dask_client, run_sweep

    exp = experiment_from_dict(_experiment(tmp_path, replicates=2), "exp.toml", base_dir=tmp_path)
    out = tmp_path / "sweep"
    with dask_client(2) as client:
        res = run_sweep(exp, out, client=client)
        assert (res.done, res.total, res.status) == (4, 4, "complete")
        expected = run_serial(exp)
        pd.testing.assert_frame_equal(storage.read_results(out), expected, check_dtype=False)
        part = storage.part_files(out)[0]
        lost = set(pd.read_parquet(part)["run_id"])
        part.unlink()
        assert run_sweep(exp, out, client=client).ran == len(lost)
        pd.testing.assert_frame_equal(storage.read_results(out), expected, check_dtype=False)

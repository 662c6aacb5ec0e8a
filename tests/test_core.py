"""Core model: API, reproducibility, outputs, parameter registry and CLI errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from wijksim import PARAMS, ParamError, WijkModel
from wijksim.metrics import COLUMNS
from wijksim.params import coerce, defaults

SMALL = {"width": 20, "height": 20, "burn_in": 10}
ROOT = Path(__file__).resolve().parents[1]


def wijksim(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wijksim", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600)


def test_api_and_columns():
    m = WijkModel(rng=3, **SMALL)
    assert m.n_residents > 50
    m.run(8)
    ts = m.timeseries()
    assert list(ts.columns[: len(COLUMNS)]) == list(COLUMNS)
    assert len(ts) == 8 and ts["week"].tolist() == list(range(1, 9))
    shares = ts[["share_withdrawn", "share_passive", "share_active"]].sum(axis=1)
    assert np.allclose(shares, 1.0)
    assert ts["incidents"].eq(ts["incidents_nuisance"] + ts["incidents_burglary"] + ts["incidents_street"]).all()
    assert len(m.agents_by_type) >= 3  # residents, patrol units, partners


def test_same_seed_same_output_different_seed_differs():
    a = WijkModel(rng=11, **SMALL).run(20).timeseries()
    b = WijkModel(rng=11, **SMALL).run(20).timeseries()
    c = WijkModel(rng=12, **SMALL).run(20).timeseries()
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)


def test_common_random_numbers_layout_shared_across_params():
    """Same seed, different levers: the same wijk, households and network (CRN)."""
    a = WijkModel(rng=5, **SMALL)
    b = WijkModel(rng=5, collaboration="mutual_support", police_feedback=True, **SMALL)
    assert np.array_equal(a.nb.layout.kind, b.nb.layout.kind)
    assert np.array_equal(a.residents.sensitivity, b.residents.sensitivity)
    assert np.array_equal(a.network.ei, b.network.ei)


def test_registry_is_complete_and_consistent():
    for p in PARAMS.values():
        assert p.meaning and p.group
        assert coerce(p.name, p.default) == p.default
        if p.kind in ("float", "int"):
            assert p.low <= p.default <= p.high, p.name
        if p.kind == "choice":
            assert p.default in p.choices
    with pytest.raises(ParamError, match="crime_rate"):
        coerce("crime_rate", -1)
    with pytest.raises(ParamError, match="unknown parameter"):
        WijkModel(rng=1, no_such=1)
    with pytest.raises(ParamError, match="whole number"):
        coerce("width", 10.5)


def test_every_registry_parameter_is_read_by_the_code():
    """A parameter that nothing reads is a lie in the UI (avoid Epstein's dead slider)."""
    registry = ROOT / "src" / "wijksim" / "params"  # where every name is declared, so it does not count as read
    src = "\n".join(f.read_text() for f in (ROOT / "src" / "wijksim").rglob("*.py") if registry not in f.parents)
    unused = [name for name in defaults() if f'"{name}"' not in src and f"'{name}'" not in src]
    assert not unused, f"parameters never read: {unused}"


@pytest.mark.parametrize("strategy", ["random", "hotspot", "community"])
@pytest.mark.parametrize("mode", ["blame_shifting", "mutual_support"])
def test_every_enum_and_bool_option_runs(strategy, mode):
    m = WijkModel(rng=1, patrol_strategy=strategy, collaboration=mode, police_feedback=True,
                  shared_measurement=True, community_split=False, **SMALL)
    ts = m.run(5).timeseries()
    assert len(ts) == 5 and ts["fear_mean"].between(0, 1).all()


def test_cli_run_writes_outputs_and_is_reproducible(tmp_path, warm_wijksim):
    """Run a in a fresh interpreter, b as a fork of the warmed one (tests/cli_server.py): two processes with
    their own string-hash seeds, the same bytes."""
    for name, cli in (("a", wijksim), ("b", warm_wijksim)):
        r = cli("run", "--weeks", "6", "--seed", "4", "--out", str(tmp_path / name), "--set", "width=16",
                "--set", "height=16", "--set", "burn_in=4", cwd=ROOT)
        assert r.returncode == 0, r.stderr
    for f in ("timeseries.parquet", "timeseries.csv", "summary.json", "overview.png"):
        assert (tmp_path / "a" / f).is_file()
    assert (tmp_path / "a" / "timeseries.parquet").read_bytes() == (tmp_path / "b" / "timeseries.parquet").read_bytes()
    summary = json.loads((tmp_path / "a" / "summary.json").read_text())
    assert summary["seed"] == 4 and summary["params"]["width"] == 16 and "final" in summary


@pytest.mark.parametrize(("args", "needle"), [
    (["--set", "crime_rate=-1"], "crime_rate"),
    (["--set", "no_such_parameter=1"], "unknown parameter"),
    (["--set", "width=wide"], "width"),
    (["--set", "police_feedback=maybe"], "police_feedback"),
    (["--set", "patrol_strategy=everywhere"], "patrol_strategy"),
    (["--weeks", "0"], "--weeks"),
    (["missing.toml"], "missing.toml"),
])
def test_cli_bad_input_is_one_line_exit_2_nothing_written(tmp_path, args, needle):
    """In-process (typer's runner): a refusal is SystemExit(2), not an exception. The real process's
    refusals are test_scenarios.py's test_real_cli_subprocess_errors_have_no_traceback."""
    from typer.testing import CliRunner

    from wijksim.cli import app

    out = tmp_path / "out"
    r = CliRunner().invoke(app, ["run", *args, "--out", str(out)])
    assert r.exit_code == 2 and isinstance(r.exception, SystemExit), r.output
    assert "Traceback" not in r.output
    lines = [x for x in r.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and needle in lines[0]
    assert not out.exists()
    assert not list(tmp_path.glob(".out.tmp-*"))


def test_python_dash_m_and_params_listing():
    r = wijksim("params")
    assert r.returncode == 0
    assert all(name in r.stdout for name in ("crime_rate", "collaboration", "cooperation", "police_feedback",
                                             "patrol_strategy", "width", "height"))

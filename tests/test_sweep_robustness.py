"""Issue 15 for sweeps: damaged parts, the runs/ dataset and its compaction, versions, noise, strict
experiment files, the import structure, and a fault-injection test (slow) that kills, damages,
deletes and changes and still ends with the data of an uninterrupted sweep.
"""

from __future__ import annotations

import ast
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from wijksim.sweep import storage
from wijksim.sweep.design import ExperimentError, experiment_from_dict, load_experiment
from wijksim.sweep.execute import run_serial, run_sweep

TINY = {"width": 12, "height": 12, "burn_in": 2}
SRC = Path(__file__).resolve().parents[1] / "src" / "wijksim"


def tiny(design: dict, **extra: object) -> dict:
    return {"name": "tiny", "weeks": 5, "replicates": 2, "seed": 7, "params": dict(TINY), "design": design, **extra}


GRID = {"kind": "grid", "factors": {"crime_rate": {"values": [0.5, 1.0, 2.0]}}}


@pytest.fixture
def client(sweep_client):
    """The embedded cluster of ``wijksim sweep --workers 2``, shared with the other sweep modules
    (conftest.py's ``sweep_client``)."""
    return sweep_client


def _raw_ids(out: Path) -> list[int]:
    return sorted(pd.concat([pd.read_parquet(p, columns=["run_id"]) for p in storage.part_files(out)])["run_id"])


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "flip":
        mid = len(data) // 2
        path.write_bytes(data[:mid] + bytes(b ^ 0xFF for b in data[mid : mid + 8]) + data[mid + 8 :])
    else:
        path.unlink()


# --- 2. damaged parts ------------------------------------------------------------------------------------
def test_damaged_parts_are_set_aside_and_their_runs_run_again(tmp_path: Path, client, monkeypatch) -> None:
    monkeypatch.setattr(storage, "COMPACT_ROWS", 1)  # keep one part per batch, to damage them one by one
    exp = experiment_from_dict(tiny(GRID))
    out = tmp_path / "s"
    run_sweep(exp, out, client=client, batch_size=1)
    parts = storage.part_files(out)
    assert len(parts) == 6
    manifest = storage.read_manifest(out)
    assert set(manifest["checksums"]) == {p.name for p in parts}
    for part, how in zip(parts, ["truncate", "empty", "flip", "delete"], strict=False):
        _damage(part, how)
    res = run_sweep(exp, out, client=client, batch_size=1)
    assert sorted(res.damaged) == sorted(p.name for p in parts[:3])
    assert res.ran == 4 and res.status == "complete"
    assert sorted(p.name for p in (out / storage.DAMAGED).iterdir()) == sorted(res.damaged)
    expected = run_serial(exp)
    pd.testing.assert_frame_equal(storage.read_results(out), expected, check_dtype=False)
    assert _raw_ids(out) == list(range(6))
    assert storage.read_manifest(out)["damaged"] == res.damaged


def test_analyze_sets_damaged_parts_aside_and_says_which(tmp_path: Path, client) -> None:
    from wijksim.sweep.analysis import AnalysisError, analyze

    exp = experiment_from_dict(tiny(GRID))
    out = tmp_path / "s"
    run_sweep(exp, out, client=client)
    part = storage.part_files(out)[0]
    _damage(part, "flip")
    with pytest.raises(AnalysisError, match="damaged part") as e:
        analyze(out)
    assert part.name in str(e.value) and "\n" not in str(e.value)
    assert (out / storage.DAMAGED / part.name).exists() and not part.exists()
    run_sweep(exp, out, client=client)  # the resume re-runs them; then analysis works
    assert analyze(out)


# --- 9. the runs/ dataset and compaction ---------------------------------------------------------------------
def test_runs_dataset_reads_in_one_line_and_small_parts_are_compacted(tmp_path: Path, client) -> None:
    exp = experiment_from_dict(tiny(GRID, record="weekly"))
    out = tmp_path / "s"
    res = run_sweep(exp, out, client=client, batch_size=1)
    assert res.status == "complete"
    df = pd.read_parquet(out / "runs")
    assert len(df) == 6 * 5 and sorted(df["run_id"].unique()) == list(range(6))
    assert len(storage.part_files(out)) == 1  # six one-run parts merged at completion
    assert (out / "design.csv").exists() and (out / "manifest.json").exists()
    pd.testing.assert_frame_equal(storage.read_results(out), run_serial(exp), check_dtype=False)
    # a compaction killed after writing the merged part leaves its sources: the next start drops them
    extra = df[df["run_id"] < 2]
    storage.write_part(out, extra)
    assert len(storage.part_files(out)) == 2
    assert run_sweep(exp, out, client=client).ran == 0
    assert len(storage.part_files(out)) == 1 and len(pd.read_parquet(out / "runs")) == 30


def test_a_sweep_of_the_old_layout_is_moved_into_runs(tmp_path: Path, client) -> None:
    exp = experiment_from_dict(tiny(GRID))
    out = tmp_path / "s"
    run_sweep(exp, out, client=client)
    for p in storage.part_files(out):
        os.replace(p, out / p.name)  # where format 1 kept them
    assert run_sweep(exp, out, client=client).ran == 0
    assert len(pd.read_parquet(out / "runs")) == 6 and not list(out.glob("part-*.parquet"))


# --- 10. versions ----------------------------------------------------------------------------------------
def test_resume_refuses_another_model_version_unless_allowed(tmp_path: Path, client) -> None:
    exp = experiment_from_dict(tiny(GRID))
    out = tmp_path / "s"
    run_sweep(exp, out, client=client)
    m = storage.read_manifest(out)
    for k in ("wijksim", "git_commit", "numpy", "numba", "mesa", "pandas", "pyarrow", "dask", "python"):
        assert k in m["versions"], k
    m["versions"]["model_version"] = "0.0.1+gdeadbeef0000"
    (out / "manifest.json").write_text(json.dumps(m))
    with pytest.raises(ExperimentError, match="--allow-version-change"):
        run_sweep(exp, out, client=client)
    assert run_sweep(exp, out, client=client, allow_version_change=True).status == "complete"


# --- 9. noise in Sobol / Morris ----------------------------------------------------------------------------
@pytest.mark.parametrize("replicates", [1, 2])
def test_sobol_analysis_says_how_much_is_seed_noise(tmp_path: Path, client, replicates: int) -> None:
    from wijksim.sweep.analysis import analyze

    design = {"kind": "sobol", "samples": 4, "factors": {"crime_rate": {"low": 0.5, "high": 2}, "cooperation": {}}}
    exp = experiment_from_dict(tiny(design, replicates=replicates, outputs=["incidents", "share_unsafe"]))
    run_sweep(exp, tmp_path / "s", client=client)
    names = {p.name for p in analyze(tmp_path / "s")}
    assert {"noise.csv", "sobol.png", "sobol_indices.csv"} <= names
    noise = pd.read_csv(tmp_path / "s" / "analysis" / "noise.csv")
    assert list(noise["output"]) == ["incidents", "share_unsafe"]
    if replicates == 1:
        assert noise["noise_share"].isna().all() and noise["verdict"].str.contains("cannot be estimated").all()
    else:
        assert noise["noise_share"].between(0, 1).all() and noise["within_variance"].notna().all()
    r = CliRunner().invoke(_cli(), ["analyze", str(tmp_path / "s"), "--out", str(tmp_path / "a2")])
    assert r.exit_code == 0
    if replicates == 1:
        assert "cannot be estimated" in r.output


def test_noise_share_is_high_for_pure_noise_and_low_for_a_strong_factor() -> None:
    import numpy as np

    from wijksim.sweep.analysis import noise_table

    exp = experiment_from_dict(tiny({"kind": "grid", "factors": {"crime_rate": {"values": [0.5, 1, 2, 4]}}},
                                    outputs=["incidents"]))
    rng = np.random.default_rng(0)
    point = np.repeat(np.arange(20), 4)
    noise_only = pd.DataFrame({"point": point, "incidents": rng.normal(size=80)})
    strong = pd.DataFrame({"point": point, "incidents": point * 10 + rng.normal(size=80)})
    assert noise_table(exp, noise_only)["noise_share"].iloc[0] > 0.5
    assert "dominates" in noise_table(exp, noise_only)["verdict"].iloc[0]
    assert noise_table(exp, strong)["noise_share"].iloc[0] < 0.01


# --- 5. strict experiment files, >= 50 bad ones in process -----------------------------------------------------
def _cli():
    import wijksim.sweep.commands  # noqa: F401
    from wijksim.cli import app

    return app


@st.composite
def bad_experiments(draw) -> dict:
    raw = tiny(dict(GRID))
    kind = draw(st.sampled_from(["bool_int", "text_int", "seed", "flag", "param_text", "param_bool", "factor_text",
                                 "cross", "cross_design", "unknown", "long_key", "linspace_bool"]))
    if kind == "bool_int":
        raw[draw(st.sampled_from(["weeks", "replicates", "seed", "summary_weeks"]))] = draw(st.booleans())
    elif kind == "text_int":
        raw[draw(st.sampled_from(["weeks", "replicates", "seed"]))] = draw(st.sampled_from(["10", "1_0", "x"]))
    elif kind == "seed":
        raw["seed"] = draw(st.one_of(st.integers(2**63, 2**80), st.integers(-(2**40), -1)))
    elif kind == "flag":
        raw["common_random_numbers"] = draw(st.sampled_from([1, 0, "true", "yes"]))
    elif kind == "param_text":
        raw["params"]["crime_rate"] = draw(st.sampled_from(["1_0", "1.0", "2"]))
    elif kind == "param_bool":
        raw["params"][draw(st.sampled_from(["crime_rate", "width", "cooperation"]))] = draw(st.booleans())
    elif kind == "factor_text":
        raw["design"] = {"kind": "grid", "factors": {"crime_rate": {"values": [draw(st.sampled_from(["1", "2.5"]))]}}}
    elif kind == "cross":
        raw["params"].update({"initial_share_active": 0.7, "initial_share_withdrawn": draw(st.floats(0.31, 1))})
    elif kind == "cross_design":
        raw["design"] = {"kind": "lhs", "samples": draw(st.integers(4, 20)),
                         "factors": {"initial_share_active": {"low": 0.5, "high": 1.0},
                                     "initial_share_withdrawn": {"low": 0.6, "high": 1.0}}}
    elif kind == "unknown":
        raw["zz" + draw(st.text("abcdef", min_size=1, max_size=5))] = 1
    elif kind == "long_key":
        raw["params"]["p" * draw(st.integers(200, 20_000))] = 1
    else:
        raw["design"] = {"kind": "grid", "factors": {"crime_rate": {"linspace": [True, 2.0, 3]}}}
    return raw


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(raw=bad_experiments())
def test_property_bad_experiment_files_are_refused_in_one_line(raw: dict) -> None:
    with pytest.raises(ExperimentError) as e:
        experiment_from_dict(raw, "bad.toml")
    msg = str(e.value)
    assert msg.startswith("bad.toml") and "\n" not in msg and len(msg) < 500, msg


@settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(raw=bad_experiments())
def test_property_bad_experiment_files_through_the_real_cli(tmp_path_factory, raw: dict) -> None:
    d = tmp_path_factory.mktemp("e")
    (d / "e.toml").write_text(tomli_w.dumps(raw))
    r = CliRunner().invoke(_cli(), ["sweep", str(d / "e.toml"), "--out", str(d / "o"), "--quiet"])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert len([x for x in r.output.splitlines() if x.startswith("wijksim: error")]) == 1, r.output


def test_experiment_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    f = tmp_path / "e.toml"
    f.write_bytes(b"\xef\xbb\xbf" + tomli_w.dumps(tiny(GRID)).encode())
    assert load_experiment(f).n_runs == 6


def test_intervention_factor_with_a_whole_number_field_from_linspace() -> None:
    exp = experiment_from_dict(tiny({"kind": "grid", "factors": {"interventions.0.count": {"linspace": [2, 4, 2]}}},
                                    interventions=[{"type": "best_persons", "start": 1, "count": 3}]))
    assert len(run_serial(exp, [0, 3])) == 2


# --- the sweep package has no import circle ----------------------------------------------------------------
def test_sweep_modules_import_without_a_circle() -> None:
    def imports(name: str) -> set[str]:
        tree = ast.parse((SRC / "sweep" / f"{name}.py").read_text())
        found = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                found.add(node.module.split(".")[0] if node.module else "")
        return found

    mods = sorted(f.stem for f in (SRC / "sweep").glob("*.py") if f.stem != "__init__")
    assert {"base", "design", "execute", "stats"} <= set(mods)
    graph = {m: imports(m) & set(mods) for m in mods}
    assert graph["base"] == set() and "execute" not in graph["design"]

    def reach(start: str, seen: set[str]) -> set[str]:
        for nxt in graph[start]:
            if nxt not in seen:
                seen.add(nxt)
                reach(nxt, seen)
        return seen

    assert all(m not in reach(m, set()) for m in mods), graph
    assert sum("def _plain" in (SRC / "sweep" / f"{m}.py").read_text() for m in mods) == 0


# --- fault injection -------------------------------------------------------------------------------------
EXPERIMENT = {
    "name": "faults", "weeks": 6, "replicates": 6, "seed": 99, "outputs": ["incidents", "share_withdrawn"],
    "params": {"width": 12, "height": 12, "burn_in": 3},
    "design": {"kind": "grid", "factors": {"crime_rate": {"values": [0.5, 1.0, 2.0, 4.0]},
                                           "police_feedback": {"values": [False, True]}}},
}


@pytest.mark.slow
def test_fault_injection_kill_damage_delete_change_ends_with_the_uninterrupted_data(tmp_path: Path) -> None:
    """SIGKILL the sweep (its whole process group) at seeded random moments, damage parts in three
    ways, delete one, try to resume with a changed experiment (refused), then resume to the end: the
    data equal an uninterrupted sweep's, every run exactly once."""
    rng = random.Random(15)
    exp_file = tmp_path / "exp.toml"
    exp_file.write_text(tomli_w.dumps(EXPERIMENT))
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "wijksim", "sweep", str(exp_file), "--out", str(out), "--workers", "2",
           "--batch-size", "1", "--quiet"]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    damaged_rounds = 0
    for _ in range(3):
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, env=env)
        target = len(storage.part_files(out)) + rng.randint(2, 8)
        deadline = time.monotonic() + 120
        while len(storage.part_files(out)) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(rng.uniform(0.0, 0.05))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        parts = storage.part_files(out)
        if len(parts) >= 4:
            victims = rng.sample(parts, 4)
            for part, how in zip(victims, ["truncate", "empty", "flip", "delete"], strict=True):
                _damage(part, how)
            damaged_rounds += 1
    assert damaged_rounds >= 1, "no kill left enough parts to damage"
    changed = tmp_path / "changed.toml"
    changed.write_text(tomli_w.dumps({**EXPERIMENT, "weeks": 7}))
    refused = subprocess.run([*cmd[:4], str(changed), *cmd[5:]], capture_output=True, text=True, timeout=300)
    assert refused.returncode == 2 and "different sweep" in refused.stderr
    final = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env)
    assert final.returncode == 0, final.stderr
    assert "48/48 runs done" in final.stdout
    assert _raw_ids(out) == list(range(48))
    expected = run_serial(load_experiment(exp_file))
    pd.testing.assert_frame_equal(storage.read_results(out), expected, check_dtype=False)
    pd.testing.assert_frame_equal(pd.read_parquet(out / "runs").sort_values("run_id").reset_index(drop=True),
                                  expected, check_dtype=False)
    assert storage.read_manifest(out)["status"] == "complete"


@pytest.mark.slow
def test_ctrl_c_in_a_sweep_prints_one_line(tmp_path: Path) -> None:
    exp_file = tmp_path / "exp.toml"
    exp_file.write_text(tomli_w.dumps({**EXPERIMENT, "replicates": 200, "weeks": 30}))
    proc = subprocess.Popen([sys.executable, "-m", "wijksim", "sweep", str(exp_file), "--out", str(tmp_path / "o"),
                             "--workers", "2", "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while len(storage.part_files(tmp_path / "o")) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole foreground group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    lines = [x for x in err.splitlines() if x.strip()]
    assert "Traceback" not in err and len(lines) == 2, err  # the start line and the one interrupt line
    assert "interrupted" in lines[-1]




def test_ctrl_c_is_taken_where_the_sweep_is_ready_for_it() -> None:
    """The first press is only noted (Dask's client is never interrupted mid-call, which once left a
    tornado traceback under the interrupt line); ``check`` raises it; a second press interrupts at
    once; the previous handler is back afterwards."""
    from wijksim.sweep.cluster import CtrlC

    # Python's own handler before it, whatever an earlier test in this worker left there (an in-process CLI
    # call installs wijksim's, a pool start may leave SIGINT ignored): "as usual" means this handler
    outer = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with CtrlC() as ctrl_c:
            ctrl_c.check()  # nothing pressed: no interrupt
            os.kill(os.getpid(), signal.SIGINT)
            deadline = time.monotonic() + 10
            while not ctrl_c.pressed and time.monotonic() < deadline:
                time.sleep(0.01)
            assert ctrl_c.pressed
            with pytest.raises(KeyboardInterrupt):
                ctrl_c.check()
            with pytest.raises(KeyboardInterrupt):  # the second press
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(5)
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, outer)

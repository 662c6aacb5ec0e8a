"""Batch sweeps: experiment validation, designs, seeds, execution on Dask, resume and analysis.

Tiny models (16 × 16, burn-in 5, 6–10 weeks) keep this file fast; the distributed and SIGKILL
tests are in ``test_sweep_distributed.py``, the stylized facts in ``test_sweep_facts.py``.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from wijksim.sweep import storage
from wijksim.sweep.design import ExperimentError, derive_seed, experiment_from_dict, load_experiment
from wijksim.sweep.execute import BatchPayload, load_base_scenario, run_batch, run_serial, run_sweep

EXPERIMENTS = Path(__file__).resolve().parents[1] / "experiments"
TINY = {"width": 16, "height": 16, "burn_in": 5}


def tiny(design: dict, **extra: object) -> dict:
    return {
        "name": "tiny",
        "weeks": 6,
        "replicates": 2,
        "seed": 11,
        "params": dict(TINY),
        "design": design,
        **extra,
    }


@pytest.fixture
def client(sweep_client):
    """The embedded cluster of ``wijksim sweep --workers 2``, shared with the other sweep modules
    (conftest.py's ``sweep_client``)."""
    return sweep_client


def test_embedded_cluster_workers_run_without_dask_profiling(client) -> None:
    """The workers got the sweep settings (no 10 ms stack sampling, no GIL monitor, slow polls)."""
    import dask

    from wijksim.sweep.execute import LOCAL_CLUSTER_CONFIG

    seen = client.run(lambda: {k: dask.config.get(k) for k in LOCAL_CLUSTER_CONFIG})
    assert len(seen) == 2
    for cfg in seen.values():
        assert cfg == LOCAL_CLUSTER_CONFIG
    # what the setting is for: the worker registered no stack-sampling callback
    sampling = client.run(lambda dask_worker: "profile" in dask_worker.periodic_callbacks)
    assert not any(sampling.values())


# --- seeds and designs ----------------------------------------------------------------------------
def test_seeds_derive_from_master_seed_and_run_index() -> None:
    exp = experiment_from_dict(tiny({"kind": "grid", "factors": {"crime_rate": {"values": [0.5, 1, 2]}}}))
    seeds = [s.seed for s in exp.runs()]
    assert len(set(seeds)) == exp.n_runs == 6
    assert seeds == [s.seed for s in exp.runs()]  # deterministic
    assert derive_seed(11, 3) == seeds[3]
    child = np.random.SeedSequence(11).spawn(4)[3]
    assert np.random.SeedSequence(11, spawn_key=(3,)).entropy == child.entropy
    assert all(0 <= s < 2**63 for s in seeds)
    crn = experiment_from_dict(
        tiny({"kind": "grid", "factors": {"crime_rate": {"values": [0.5, 1, 2]}}}, common_random_numbers=True)
    )
    by_rep = {(s.replicate, s.seed) for s in crn.runs()}
    assert len(by_rep) == 2  # replicate r shares its seed across design points


def test_grid_linspace_and_product() -> None:
    exp = experiment_from_dict(
        tiny(
            {
                "kind": "grid",
                "factors": {
                    "crime_rate": {"linspace": [0.5, 2.0, 4]},
                    "police_feedback": {"values": [False, True]},
                },
            }
        )
    )
    pts = exp.points()
    assert len(pts) == 8 and exp.n_runs == 16
    assert sorted(pts["crime_rate"].unique()) == [0.5, 1.0, 1.5, 2.0]
    assert pts["police_feedback"].dtype == bool


@pytest.mark.parametrize(
    "kind,samples,expected", [("lhs", 10, 10), ("sobol", 8, 8 * (3 + 2)), ("morris", 5, 5 * 4)]
)
def test_sampling_designs_respect_bounds_and_kinds(kind: str, samples: int, expected: int) -> None:
    design = {
        "kind": kind,
        "samples": samples,
        "factors": {
            "crime_rate": {"low": 0.5, "high": 2.0},
            "tie_radius": {},
            "patrol_strategy": {"values": ["random", "hotspot"]},
        },
    }
    exp = experiment_from_dict(tiny(design))
    pts = exp.points()
    assert len(pts) == expected
    assert pts["crime_rate"].between(0.5, 2.0).all()
    assert pts["tie_radius"].between(1, 5).all() and (pts["tie_radius"] % 1 == 0).all()
    assert set(pts["patrol_strategy"]) <= {"random", "hotspot"}
    again = experiment_from_dict(tiny(design)).points()
    pd.testing.assert_frame_equal(pts, again)  # the design derives from the master seed too


@pytest.mark.parametrize(
    "raw,needle",
    [
        ({"desgin": {}}, "desgin: unknown field"),
        ({"design": {"kind": "grid", "factors": {"crime_rate": {"values": [1, 20]}}}}, "allowed 0 to 10"),
        (
            {"design": {"kind": "grid", "factors": {"crim_rate": {"values": [1]}}}},
            "unknown parameter 'crim_rate'",
        ),
        ({"design": {"kind": "lhs", "factors": {"crime_rate": {}}}}, "needs samples"),
        (
            {"design": {"kind": "lhs", "samples": 4, "factors": {"crime_rate": {"high": 11}}}},
            "high: parameter",
        ),
        ({"weeks": 0, "design": {"kind": "grid", "factors": {"crime_rate": {"values": [1]}}}}, "weeks = 0"),
        (
            {
                "outputs": ["happiness"],
                "design": {"kind": "grid", "factors": {"crime_rate": {"values": [1]}}},
            },
            "unknown output 'happiness'",
        ),
        (
            {"params": {"width": 5}, "design": {"kind": "grid", "factors": {"crime_rate": {"values": [1]}}}},
            "'width' = 5 is invalid: allowed 10 to 400",
        ),
        (
            {"design": {"kind": "sobol", "samples": 6, "factors": {"crime_rate": {}, "habit": {}}}},
            "power of 2",
        ),
        (
            {"design": {"kind": "grid", "factors": {"interventions.0.per_week": {"values": [1]}}}},
            "has 0 interventions",
        ),
        (
            {
                "interventions": [{"type": "community_activities", "per_week": 1}],
                "design": {"kind": "grid", "factors": {"interventions.0.per_week": {"values": [1, 99]}}},
            },
            "per_week",
        ),
    ],
)
def test_bad_experiments_fail_with_one_line_naming_the_field(raw: dict, needle: str) -> None:
    data = {"name": "bad", **raw}
    with pytest.raises(ExperimentError) as e:
        experiment_from_dict(data, "bad.toml")
    msg = str(e.value)
    assert msg.startswith("bad.toml") and "\n" not in msg and needle in msg, msg


def test_overrides_weeks_replicates_and_set(tmp_path: Path) -> None:
    exp = load_experiment(
        EXPERIMENTS / "spiral_of_decline.toml", weeks=8, replicates=1, sets={"width": 20, "height": 20}
    )
    assert (exp.weeks, exp.replicates, exp.params["width"]) == (8, 1, 20)
    with pytest.raises(ExperimentError, match="is a factor"):
        load_experiment(EXPERIMENTS / "spiral_of_decline.toml", sets={"crime_rate": 2.0})
    with pytest.raises(ExperimentError, match="ends too early"):
        load_experiment(EXPERIMENTS / "spiral_hysteresis.toml", weeks=10)


@pytest.mark.parametrize("path", sorted(EXPERIMENTS.glob("*.toml")), ids=lambda p: p.stem)
def test_shipped_experiments_are_valid(path: Path) -> None:
    exp = load_experiment(path)
    assert exp.question, "every shipped experiment states its research question"
    assert 1 <= exp.n_runs <= 5000
    load_base_scenario(exp)


# --- execution ------------------------------------------------------------------------------------
def test_sweep_matches_serial_runs_and_resumes_only_what_is_missing(tmp_path: Path, client) -> None:
    exp = experiment_from_dict(
        tiny(
            {
                "kind": "grid",
                "factors": {
                    "crime_rate": {"values": [0.5, 2.0]},
                    "police_feedback": {"values": [False, True]},
                },
            }
        )
    )
    out = tmp_path / "sweep"
    res = run_sweep(exp, out, client=client)
    assert (res.done, res.total, res.status) == (8, 8, "complete")
    df = storage.read_results(out)
    expected = run_serial(exp)
    pd.testing.assert_frame_equal(df, expected, check_dtype=False)
    assert {"run_id", "seed", "crime_rate", "police_feedback", "incidents"} <= set(df.columns)
    manifest = storage.read_manifest(out)
    assert manifest["status"] == "complete" and manifest["run_status"]["done"] == [[0, 7]]
    assert manifest["runs"] == {"total": 8, "done": 8, "failed": 0, "pending": 0}
    # nothing missing: nothing runs
    assert run_sweep(exp, out, client=client).ran == 0
    # lose two parts: exactly their runs are redone
    parts = storage.part_files(out)
    lost = {int(i) for p in parts[:2] for i in pd.read_parquet(p)["run_id"]}
    for p in parts[:2]:
        p.unlink()
    (out / f"{storage.TMP_PREFIX}part-half-written.parquet").write_bytes(b"garbage")
    res = run_sweep(exp, out, client=client)
    assert res.ran == len(lost)
    pd.testing.assert_frame_equal(storage.read_results(out), expected, check_dtype=False)
    assert not list(out.glob(f"{storage.TMP_PREFIX}*"))


def test_weekly_records_and_intervention_factor(tmp_path: Path, client) -> None:
    exp = experiment_from_dict(
        tiny(
            {"kind": "grid", "factors": {"interventions.0.per_week": {"values": [0.0, 3.0]}}},
            record="weekly",
            outputs=["share_active", "cohesion"],
            replicates=1,
            interventions=[{"type": "community_activities", "start": 1, "per_week": 1.0}],
        )
    )
    run_sweep(exp, tmp_path / "w", client=client, batch_size=1)
    df = storage.read_results(tmp_path / "w")
    assert len(df) == 2 * 6 and set(df["week"]) == set(range(1, 7))
    assert "interventions.0.per_week" in df.columns
    by = df.groupby("interventions.0.per_week")["cohesion"].last()
    assert by[3.0] != by[0.0]  # the field reached the model


def test_refuses_a_directory_with_another_sweep(tmp_path: Path, client) -> None:
    exp = experiment_from_dict(
        tiny({"kind": "grid", "factors": {"crime_rate": {"values": [1.0]}}}, replicates=1)
    )
    run_sweep(exp, tmp_path / "d", client=client)
    other = exp.model_copy(update={"weeks": 7})
    with pytest.raises(ExperimentError, match="holds a different sweep"):
        run_sweep(other, tmp_path / "d", client=client)
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "notes.txt").write_text("mine")
    with pytest.raises(ExperimentError, match="not empty"):
        run_sweep(exp, tmp_path / "junk", client=client)


def test_a_failing_run_is_reported_not_fatal() -> None:
    exp = experiment_from_dict(
        tiny({"kind": "grid", "factors": {"crime_rate": {"values": [1.0]}}}, replicates=2)
    )
    specs = list(exp.runs())
    bad = type(specs[1])(1, 0, 1, specs[1].seed, {"crime_rate": "not a number"})
    payload = BatchPayload(
        scenario=load_base_scenario(exp).model_dump(mode="json"),
        fixed=dict(exp.params),
        weeks=exp.weeks,
        record="summary",
        summary_weeks=6,
        outputs=tuple(exp.outputs),
        runs=(specs[0], bad),
    )
    res = run_batch(payload)
    assert list(res.rows["run_id"]) == [0] and set(res.failed) == {1} and "crime_rate" in res.failed[1]


# --- analysis -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "design,files",
    [
        (
            {
                "kind": "grid",
                "factors": {"crime_rate": {"values": [0.5, 2.0]}, "cooperation": {"values": [0.0, 1.0]}},
            },
            {"summary_by_point.csv", "lines.png", "surface_incidents.png", "output_correlations.csv"},
        ),
        (
            {
                "kind": "lhs",
                "samples": 6,
                "factors": {"crime_rate": {"low": 0.5, "high": 2}, "cooperation": {}},
            },
            {"correlations.csv", "scatter.png"},
        ),
        (
            {
                "kind": "sobol",
                "samples": 4,
                "factors": {"crime_rate": {"low": 0.5, "high": 2}, "cooperation": {}},
            },
            {"sobol_indices.csv", "sobol.png"},
        ),
        (
            {
                "kind": "morris",
                "samples": 3,
                "factors": {"crime_rate": {"low": 0.5, "high": 2}, "cooperation": {}},
            },
            {"morris_indices.csv", "morris.png"},
        ),
    ],
    ids=["grid", "lhs", "sobol", "morris"],
)
def test_analyze_writes_figures_and_tables_for_each_design(
    tmp_path: Path, client, design: dict, files: set[str]
) -> None:
    from wijksim.sweep.analysis import analyze

    exp = experiment_from_dict(tiny(design, replicates=1 if design["kind"] != "grid" else 2))
    run_sweep(exp, tmp_path / "s", client=client)
    written = {p.name for p in analyze(tmp_path / "s")}
    assert files <= written
    if design["kind"] == "sobol":
        t = pd.read_csv(tmp_path / "s" / "analysis" / "sobol_indices.csv")
        assert {"S1", "S1_conf", "ST", "ST_conf"} <= set(t.columns)
    if design["kind"] == "morris":
        t = pd.read_csv(tmp_path / "s" / "analysis" / "morris_indices.csv")
        assert {"mu_star", "mu_star_conf", "sigma"} <= set(t.columns)


# --- command line ---------------------------------------------------------------------------------
def _cli():
    import wijksim.sweep.commands  # noqa: F401  (registers sweep and analyze)
    from wijksim.cli import app

    return app


def test_cli_sweep_and_analyze(tmp_path: Path, client) -> None:
    """The commands in-process, the sweep on this module's cluster through ``--scheduler``: the claim is the
    commands'; the embedded cluster of ``--workers`` is the researchers' guide's sweep block
    (tests/test_docs.py) and test_outdir.py's sweeps, each a real command (a third one here cost a worker
    interpreter, ~2.5 s of CPU)."""
    f = tmp_path / "e.toml"
    f.write_text(
        textwrap.dedent("""
        name = "cli"
        weeks = 6
        seed = 3
        [params]
        width = 16
        height = 16
        burn_in = 5
        [design]
        kind = "grid"
        [design.factors.crime_rate]
        values = [0.5, 1.0]
    """)
    )
    runner = CliRunner()
    r = runner.invoke(
        _cli(),
        [
            "sweep",
            str(f),
            "--out",
            str(tmp_path / "o"),
            "--scheduler",
            client.scheduler.address,
            "--quiet",
            "--replicates",
            "2",
            "--set",
            "burn_in=4",
        ],
    )
    assert r.exit_code == 0, r.output
    assert "4/4 runs done" in r.output
    assert (tmp_path / "o" / "manifest.json").exists() and storage.part_files(tmp_path / "o")
    r = runner.invoke(_cli(), ["analyze", str(tmp_path / "o")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "o" / "analysis" / "lines.png").exists()


@pytest.mark.parametrize(
    "args,needle",
    [
        (["--set", "width=3"], "allowed 10 to 400"),
        (["--workers", "0"], "--workers 0"),
        (["--weeks", "0"], "--weeks 0"),
        (["--scheduler", "localhost"], "--scheduler"),
    ],
)
def test_cli_bad_input_exits_2_with_one_line(tmp_path: Path, args: list[str], needle: str) -> None:
    r = CliRunner().invoke(
        _cli(), ["sweep", str(EXPERIMENTS / "cooperation_feedback.toml"), "--out", str(tmp_path / "o"), *args]
    )
    assert r.exit_code == 2
    lines = [ln for ln in r.output.splitlines() if ln.startswith("wijksim: error")]
    assert len(lines) == 1 and needle in lines[0], r.output


def test_cli_missing_file_and_analyze_of_nothing(tmp_path: Path) -> None:
    r = CliRunner().invoke(_cli(), ["sweep", str(tmp_path / "nope.toml"), "--out", str(tmp_path / "o")])
    assert r.exit_code == 2 and "no such experiment file" in r.output
    r = CliRunner().invoke(_cli(), ["analyze", str(tmp_path)])
    assert r.exit_code == 2 and "no manifest.json" in r.output


def test_sweep_draws_each_runs_parameters_from_a_posterior(tmp_path: Path, client) -> None:
    """``--posterior``: every run draws one parameter set by its seed (the same set for the design points
    of a replicate under common random numbers), the draws are columns of the data, and another
    posterior into the same directory is another sweep."""
    from wijksim.compare import draw_for_seed

    post = [{"fear_decay": 0.01, "weight": 0.5}, {"fear_decay": 0.05, "weight": 0.5}]
    exp = experiment_from_dict(tiny({"kind": "grid", "factors": {"crime_rate": {"values": [0.5, 2.0]}}},
                                    replicates=4, common_random_numbers=True, posterior=post))
    out = tmp_path / "sweep"
    run_sweep(exp, out, client=client)
    df = storage.read_results(out).sort_values("run_id")
    pd.testing.assert_frame_equal(df.reset_index(drop=True), run_serial(exp), check_dtype=False)
    assert list(df["posterior_fear_decay"]) == [draw_for_seed(post, s)["fear_decay"] for s in df["seed"]]
    per_rep = df.groupby("replicate")["posterior_fear_decay"].nunique()
    assert (per_rep == 1).all()
    assert {draw_for_seed(post, s)["fear_decay"] for s in range(40)} == {0.01, 0.05}  # both particles drawn
    other = exp.model_copy(update={"posterior": [{"fear_decay": 0.02, "weight": 1.0}]})
    with pytest.raises(ExperimentError, match="different sweep"):
        run_sweep(other, out, client=client)
    # the command line: a parameter both fixed by the experiment and drawn is refused with one line
    pd.DataFrame(post).to_parquet(tmp_path / "posterior.parquet")
    f = tmp_path / "e.toml"
    f.write_text(textwrap.dedent("""
        name = "p"
        weeks = 4
        [params]
        width = 16
        height = 16
        fear_decay = 0.02
        [design]
        kind = "grid"
        [design.factors.crime_rate]
        values = [1.0]
    """))
    import wijksim.sweep.commands  # noqa: F401 - registers `sweep` on the app
    from wijksim.cli import app

    r = CliRunner().invoke(app, ["sweep", str(f), "--out", str(tmp_path / "o"), "--posterior",
                                 str(tmp_path / "posterior.parquet")])
    assert r.exit_code == 2 and "fear_decay" in r.output, r.output

"""The sweep on a real Dask cluster, and surviving a SIGKILL.

- A real ``dask scheduler`` and ``dask worker`` processes on 127.0.0.1: the sweep through
  ``--scheduler`` equals the same runs done one by one, run for run; so it equals the same sweep on the default
  local cluster, which test_sweep.py holds to those same serial runs.
- The CLI killed with SIGKILL (its whole process group: client, scheduler and workers) part-way, then
  started again with the same command: every run present exactly once, equal to an uninterrupted sweep
  (slow, `-m slow`: issue 25).
- One worker killed with SIGKILL part-way: the sweep completes in the same session, nothing lost or
  duplicated.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from wijksim.sweep import storage
from wijksim.sweep.design import load_experiment
from wijksim.sweep.execute import run_serial

BIN = Path(sys.executable).parent
EXPERIMENT = textwrap.dedent("""
    name = "distributed test"
    weeks = 8
    replicates = 3
    seed = 424242
    outputs = ["incidents", "share_withdrawn", "collective_efficacy"]
    [params]
    width = 16
    height = 16
    burn_in = 5
    [design]
    kind = "grid"
    [design.factors]
    crime_rate = { values = [0.5, 1.0, 2.0, 4.0] }
    police_feedback = { values = [false, true] }
""")


def _sweep(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wijksim", "sweep", *args, "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
        **kw,
    )


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _scheduler_address(sched_file: Path, deadline: float) -> str:
    """The address in the scheduler's file once it is whole: the scheduler creates the file before it writes
    it, so an existing file may still be empty (a read then failed with a JSONDecodeError on an idle machine)."""
    while time.monotonic() < deadline:
        try:
            return str(json.loads(sched_file.read_text())["address"])
        except (FileNotFoundError, json.JSONDecodeError, KeyError):
            time.sleep(0.1)
    pytest.fail(f"the scheduler wrote no address to {sched_file} in time")


@pytest.fixture
def dask_cluster(tmp_path: Path) -> Iterator[str]:
    """A scheduler and two worker processes, as separate ``dask`` commands on loopback: one ``dask worker``
    per process, as on separate machines, without a nanny (a nanny is one more interpreter per worker, ~1 s
    of CPU each, and the claim here is the sweep's, not Dask's supervision of workers; the worker killed mid-
    sweep below runs under nannies)."""
    sched_file = tmp_path / "scheduler.json"
    logs = (tmp_path / "scheduler.log").open("w"), (tmp_path / "worker.log").open("w")
    scheduler = subprocess.Popen(
        [
            str(BIN / "dask"),
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--no-dashboard",
            "--scheduler-file",
            str(sched_file),
        ],
        stdout=logs[0],
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    workers: list[subprocess.Popen] = []
    try:
        deadline = time.monotonic() + 60
        address = _scheduler_address(sched_file, deadline)
        assert address.startswith("tcp://127.0.0.1:")
        workers = [
            subprocess.Popen(
                [str(BIN / "dask"), "worker", address, "--no-nanny", "--nthreads", "1", "--host", "127.0.0.1",
                 "--no-dashboard"],
                stdout=logs[1],
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            for _ in range(2)
        ]
        from distributed import Client

        with Client(address, timeout="30s") as c:
            c.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for worker in workers:
            _stop(worker)
        _stop(scheduler)
        for f in logs:
            f.close()


def test_sweep_on_a_real_scheduler_equals_the_local_cluster(tmp_path: Path, dask_cluster: str, warm_wijksim) -> None:
    """The command as a fork of the warmed ``python -m wijksim`` (tests/cli_server.py): the claim is the
    sweep's, not Python's start (the SIGKILL test below starts a fresh one). Its runs are held to the same runs
    done one by one in this process, as test_sweep.py holds the local cluster's
    (``test_sweep_matches_serial_runs_and_resumes_only_what_is_missing``): a second sweep on a local cluster
    here cost two more worker interpreters (~5 s of CPU) to check the same equality."""
    exp_file = tmp_path / "exp.toml"
    exp_file.write_text(EXPERIMENT)
    remote = warm_wijksim("sweep", str(exp_file), "--out", str(tmp_path / "remote"), "--scheduler", dask_cluster,
                          "--quiet", timeout=300)
    assert remote.returncode == 0, remote.stderr
    assert "24/24 runs done" in remote.stdout and "on 2 workers" in remote.stdout
    a = storage.read_results(tmp_path / "remote")
    assert len(a) == 24
    pd.testing.assert_frame_equal(a, run_serial(load_experiment(exp_file)), check_dtype=False)
    assert storage.read_manifest(tmp_path / "remote")["sessions"][0]["scheduler"] == dask_cluster


@pytest.mark.slow
def test_sigkill_then_resume_gives_every_run_exactly_once(tmp_path: Path, warm_wijksim) -> None:
    """The killed sweep is a fresh ``python -m wijksim`` in its own process group (SIGKILL takes the group);
    the resume, whose claim is the data it leaves, is a fork of the warmed one (tests/cli_server.py).

    Slow (issue 25: six interpreters, ~10 s of CPU): the fast suite keeps the resume of exactly the missing
    runs (test_sweep.py's ``test_sweep_matches_serial_runs_and_resumes_only_what_is_missing``) and a worker
    SIGKILLed mid-sweep (below); the whole process group SIGKILLed at random moments, damaged and resumed, is
    test_sweep_robustness.py's slow fault-injection test as well."""
    exp_file = tmp_path / "exp.toml"
    exp_file.write_text(EXPERIMENT.replace("replicates = 3", "replicates = 4"))  # 32 runs
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-m",
        "wijksim",
        "sweep",
        str(exp_file),
        "--out",
        str(out),
        "--workers",
        "2",
        "--batch-size",
        "1",
        "--quiet",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while len(storage.part_files(out)) < 6 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        assert proc.poll() is None, "the sweep finished before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    killed_at = len(storage.part_files(out))
    assert 6 <= killed_at < 32
    assert storage.read_manifest(out)["status"] == "running"  # it never got to say goodbye
    resumed = warm_wijksim(*cmd[3:], timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert "32/32 runs done" in resumed.stdout
    # exactly once: count the raw rows of every part, without read_results' de-duplication
    ids = pd.concat([pd.read_parquet(p, columns=["run_id"]) for p in storage.part_files(out)])["run_id"]
    assert sorted(ids) == list(range(32))
    manifest = storage.read_manifest(out)
    assert manifest["status"] == "complete" and manifest["run_status"]["done"] == [[0, 31]]
    assert len(manifest["sessions"]) == 2 and manifest["sessions"][1]["to_run"] < 32
    expected = run_serial(load_experiment(exp_file))
    pd.testing.assert_frame_equal(storage.read_results(out), expected, check_dtype=False)


def test_a_worker_killed_mid_sweep_costs_only_its_runs(tmp_path: Path) -> None:
    """SIGKILL one of two workers part-way: Dask reschedules its in-flight batch, the sweep completes in
    the same session, and every run is present exactly once and equal to the runs done serially. The cluster is
    the embedded one of ``wijksim sweep --workers 2`` (with its settings: no profiling), its own, as one worker
    dies in it."""
    from wijksim.sweep.execute import dask_client, run_sweep

    exp_file = tmp_path / "exp.toml"
    exp_file.write_text(EXPERIMENT.replace("replicates = 3", "replicates = 4"))  # 32 runs
    exp = load_experiment(exp_file)
    out = tmp_path / "out"
    killed: list[int] = []
    with dask_client(2) as client:
        pids = sorted(client.run(os.getpid).values())

        def kill_one_worker(done: int, total: int) -> None:
            if done >= 6 and not killed:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(done)

        res = run_sweep(exp, out, client=client, batch_size=1, progress=kill_one_worker)
        survivors = sorted(client.run(os.getpid).values())
    assert killed and killed[0] < 32, "the sweep finished before a worker could be killed"
    assert pids[0] not in survivors  # the worker really died (its nanny may have started a new one)
    assert (res.status, res.done, res.total) == ("complete", 32, 32)
    ids = pd.concat([pd.read_parquet(p, columns=["run_id"]) for p in storage.part_files(out)])["run_id"]
    assert sorted(ids) == list(range(32))  # exactly once, nothing lost
    pd.testing.assert_frame_equal(storage.read_results(out), run_serial(exp), check_dtype=False)

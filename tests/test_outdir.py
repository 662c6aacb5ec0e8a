"""Output folders (issue "nothing lost, nothing overwritten that is not ours"): one writer per folder,
never over what is not ours, one run's files per folder, temporary folders cleaned, a full disk in one
line. Each test failed on the code before :mod:`wijksim.outdir`; the locks are tested with real processes.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest
import tomli_w
from typer.testing import CliRunner

from wijksim import outdir
from wijksim.cli import _register_optional_commands, app
from wijksim.outdir import MARKER, OutputError, OutputLock, check_target, lock_path

ROOT = Path(__file__).resolve().parents[1]
FAST = ["--weeks", "3", "--set", "burn_in=0", "--set", "width=10", "--set", "height=10"]
MAP = str(ROOT / "scenarios" / "maps" / "hofjeswijk.txt")
SCENARIO = str(ROOT / "scenarios" / "no_wave.toml")
ENV = {**os.environ, "PYTHONWARNINGS": "ignore", "PYTHONPATH": os.environ.get("PYTHONPATH", str(ROOT / "src"))}
_register_optional_commands()


def _cli(*args: str):
    return CliRunner().invoke(app, list(args))


def _one_line(result, needle: str, code: int = 2) -> str:
    """The command failed with ``code`` and said why in exactly one line, without a traceback."""
    assert result.exit_code == code, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    lines = [x for x in result.output.splitlines() if x.startswith("wijksim: error")]
    assert len(lines) == 1, result.output
    assert needle in lines[0], lines[0]
    return lines[0]


def _wijksim(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "wijksim", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=ENV, start_new_session=True, **kw)


def _holder(lock: Path) -> subprocess.Popen:
    """A real second process that takes ``lock``'s folder and holds it until killed."""
    code = textwrap.dedent(f"""
        import importlib.util, sys, time
        spec = importlib.util.spec_from_file_location("outdir", {str(ROOT / "src" / "wijksim" / "outdir.py")!r})
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)  # the module alone: the package would import the model (seconds)
        with mod.OutputLock({str(lock)!r}, "test holder"):
            print("held", flush=True)
            time.sleep(120)
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=ENV)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp-" in p.name or ".old-" in p.name)


# --- 1. one writer per folder ---------------------------------------------------------------------------
def test_a_second_writer_is_refused_naming_the_holder(tmp_path: Path) -> None:
    out = tmp_path / "r"
    holder = _holder(out)
    try:
        line = _one_line(_cli("run", *FAST, "--out", str(out)), "in use by")
        assert f"pid {holder.pid} on {socket.gethostname()}, since 20" in line and "test holder" in line
        sc = SCENARIO
        _one_line(_cli("compare", sc, sc, "--replicates", "1", *FAST, "--out", str(out)), f"pid {holder.pid}")
        assert not out.exists()  # refused before anything was written
    finally:
        holder.kill()
        holder.wait()


def test_every_writing_command_waits_for_the_holder(tmp_path: Path) -> None:
    """edge, sweep, calibrate, analyze and layout take the same lock as run and compare."""
    pytest.importorskip("pyabc")
    import tests.test_calibrate as cal_tests

    targets = cal_tests._files(tmp_path)
    out, text_map = tmp_path / "o", tmp_path / "map.txt"
    holders = [_holder(out), _holder(text_map), _holder(tmp_path / "analysis")]
    try:
        for args in (["edge", SCENARIO, "--seeds", "2", "--out", str(out)],
                     ["sweep", str(ROOT / "experiments" / "cooperation_feedback.toml"), "--out", str(out), "--quiet"],
                     ["calibrate", str(targets), "--out", str(out), "--workers", "1"],
                     ["analyze", str(tmp_path), "--out", str(tmp_path / "analysis")],
                     ["layout", MAP, "--out", str(text_map)]):
            _one_line(_cli(*args), "in use by")
        assert not out.exists() and not text_map.exists()
    finally:
        for h in holders:
            h.kill()
            h.wait()


def test_a_lock_whose_process_is_gone_is_taken_over_in_one_line(tmp_path: Path) -> None:
    out = tmp_path / "r"
    holder = _holder(out)
    holder.kill()
    holder.wait()
    assert lock_path(out).exists()  # SIGKILL left it
    r = _cli("run", *FAST, "--out", str(out))
    assert r.exit_code == 0, r.output
    notes = [x for x in r.output.splitlines() if "took over the lock" in x]
    assert len(notes) == 1 and f"pid {holder.pid}" in notes[0]
    assert not lock_path(out).exists()  # released at the end


def test_a_lock_from_another_host_is_never_taken_over(tmp_path: Path) -> None:
    out = tmp_path / "r"
    lock_path(out).write_text(json.dumps({"pid": 1, "host": "elsewhere.example", "since": "2026-01-01T00:00:00+00:00"}))
    line = _one_line(_cli("run", *FAST, "--out", str(out)), "pid 1 on elsewhere.example")
    assert str(lock_path(out)) in line  # says which file to remove once that process is known to be gone
    assert lock_path(out).exists()


def test_a_lock_whose_pid_was_reused_by_another_process_is_taken_over(tmp_path: Path) -> None:
    """The pid is alive but started at another time than the holder: the holder is gone."""
    out = tmp_path / "x"
    lock_path(out).write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "started_ticks": "1",
                                          "since": "2026-01-01T00:00:00+00:00"}))
    notes: list[str] = []
    with OutputLock(out, note=notes.append):
        assert json.loads(lock_path(out).read_text())["started_ticks"] != "1"
    assert len(notes) == 1 and "took over" in notes[0]


def test_two_locks_in_one_process_exclude_each_other_and_release(tmp_path: Path) -> None:
    with OutputLock(tmp_path / "x"):
        with pytest.raises(OutputError, match="in use by"):
            OutputLock(tmp_path / "x").acquire()
    with OutputLock(tmp_path / "x"):  # released: free again
        pass
    assert not lock_path(tmp_path / "x").exists()


@pytest.mark.slow  # about 40 s on a shared 2-core machine: two sweeps, each with its Dask cluster
def test_two_concurrent_sweeps_into_one_folder_the_second_is_refused_the_first_complete(tmp_path: Path) -> None:
    """The hostile tester's case: before, both said "n/n runs done" and runs/ ended empty."""
    exp = tmp_path / "exp.toml"
    exp.write_text(tomli_w.dumps({
        "name": "two", "weeks": 4, "replicates": 2, "seed": 5, "outputs": ["incidents"],
        "params": {"width": 10, "height": 10, "burn_in": 0},
        "design": {"kind": "grid", "factors": {"crime_rate": {"values": [0.5, 1.0, 2.0, 4.0]}}}}))
    out = tmp_path / "o"
    args = ("sweep", str(exp), "--out", str(out), "--workers", "1", "--batch-size", "2", "--quiet")
    first = _wijksim(*args)
    deadline = time.monotonic() + 60
    while not lock_path(out).exists() and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    second = _wijksim(*args)
    _, err2 = second.communicate(timeout=120)
    out1, err1 = first.communicate(timeout=300)
    assert second.returncode == 2 and "in use by" in err2 and f"pid {first.pid}" in err2, err2
    assert first.returncode == 0, err1
    assert "8/8 runs done" in out1
    rows = pd.read_parquet(out / "runs")
    assert sorted(rows["run_id"]) == list(range(8))
    assert json.loads((out / "manifest.json").read_text())["status"] == "complete"


# --- 2. never write over what is not ours --------------------------------------------------------------
def test_layout_refuses_fifo_symlink_root_folder_and_foreign_file(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    target = tmp_path / "precious.txt"
    target.write_text("mine")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    for out, needle in [(fifo, "is a FIFO"), (link, "is a symlink"), (Path("/"), "root folder"),
                        (tmp_path, "is a folder")]:
        _one_line(_cli("layout", MAP, "--out", str(out)), needle)
        _one_line(_cli("layout", MAP, "--out", str(out), "--force"), needle)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and link.is_symlink() and target.read_text() == "mine"
    _one_line(_cli("layout", MAP, "--out", str(target)), "exists")
    assert target.read_text() == "mine"
    assert _cli("layout", MAP, "--out", str(target), "--force").exit_code == 0
    assert target.read_text().startswith(("H", "S", ".", "G", "Y", "#"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo", "link.txt", "precious.txt"]  # no temp, no lock


@pytest.mark.parametrize("command", ["layout", "run"])
def test_a_socket_is_refused_even_with_force(tmp_path: Path, command: str) -> None:
    """A Unix socket (a live one, bound by this test) as ``--out``: refused by its ``stat`` mode, with or without
    ``--force``, and still a socket afterwards (a rename over it would make it a regular file)."""
    sock_path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.bind(str(sock_path))
        args = ("layout", MAP) if command == "layout" else ("run", *FAST)
        for extra in ((), ("--force",)):
            _one_line(_cli(*args, "--out", str(sock_path), *extra), "is a socket")
        assert stat.S_ISSOCK(os.lstat(sock_path).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.sock"]  # no temp, no lock


def test_a_device_is_refused_even_with_force(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A character device (the null device was once replaced by a regular file), by its ``stat`` mode."""
    dev = tmp_path / "null"
    real = os.lstat

    def lstat(p, *a, **k):
        if Path(p) == dev:
            return os.stat_result((stat.S_IFCHR | 0o666, 0, 0, 1, 0, 0, 0, 0, 0, 0))
        return real(p, *a, **k)

    monkeypatch.setattr(outdir.os, "lstat", lstat)
    for kind in ("file", "dir"):
        with pytest.raises(OutputError, match="character device"):
            check_target(dev, kind, force=True)  # type: ignore[arg-type]
    _one_line(_cli("layout", MAP, "--out", str(dev), "--force"), "character device")
    _one_line(_cli("run", *FAST, "--out", str(dev), "--force"), "character device")
    assert not dev.exists()


def test_run_compare_and_edge_refuse_a_symlink_or_fifo_even_with_force(tmp_path: Path) -> None:
    real = tmp_path / "real"
    assert _cli("run", *FAST, "--out", str(real)).exit_code == 0
    link = tmp_path / "link"
    link.symlink_to(real)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for out, needle in [(link, "is a symlink"), (fifo, "is a FIFO")]:
        _one_line(_cli("run", *FAST, "--out", str(out), "--force"), needle)
        _one_line(_cli("compare", SCENARIO, SCENARIO, "--replicates", "1", *FAST, "--out", str(out), "--force"),
                  needle)
        _one_line(_cli("edge", SCENARIO, "--seeds", "2", "--out", str(out), "--force"), needle)
        _one_line(_cli("sweep", str(ROOT / "experiments" / "cooperation_feedback.toml"), "--out", str(out)), needle)
    assert link.is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)


# --- 3. one run's files per folder ----------------------------------------------------------------------
def test_a_rerun_leaves_exactly_one_runs_files(tmp_path: Path) -> None:
    out = tmp_path / "r"
    assert _cli("run", *FAST, "--agents", "--out", str(out)).exit_code == 0
    assert (out / "agents.parquet").exists()
    assert _cli("run", *FAST, "--out", str(out)).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [MARKER, "overview.png", "summary.json", "timeseries.csv", "timeseries.parquet"])
    assert _leftovers(tmp_path) == [] and not lock_path(out).exists()


def test_a_rerun_keeps_a_file_someone_put_beside_our_files(tmp_path: Path) -> None:
    out = tmp_path / "r"
    assert _cli("run", *FAST, "--agents", "--out", str(out)).exit_code == 0
    (out / "notes.md").write_text("my notes")
    assert _cli("run", *FAST, "--out", str(out)).exit_code == 0
    assert (out / "notes.md").read_text() == "my notes" and not (out / "agents.parquet").exists()


# --- 4. temporary folders of a killed run -------------------------------------------------------------
def test_temporary_folders_of_a_killed_run_are_removed_at_the_next_start(tmp_path: Path) -> None:
    out = tmp_path / "r"
    proc = _wijksim("run", "--weeks", "5200", "--set", "burn_in=0", "--out", str(out))
    deadline = time.monotonic() + 120
    while not _leftovers(tmp_path) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _leftovers(tmp_path), "the run never made its temporary folder"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    foreign = tmp_path / ".r.tmp-theirs"  # matches the pattern but holds someone's file: left alone
    foreign.mkdir()
    (foreign / "data.txt").write_text("x")
    r = _cli("run", *FAST, "--out", str(out))
    assert r.exit_code == 0, r.output
    assert _leftovers(tmp_path) == [".r.tmp-theirs"]
    assert "took over the lock" in r.output


def test_a_swap_killed_half_way_gives_the_previous_output_back(tmp_path: Path) -> None:
    out = tmp_path / "r"
    assert _cli("run", *FAST, "--out", str(out)).exit_code == 0
    before = (out / "summary.json").read_bytes()
    out.rename(tmp_path / ".r.old-12345678")  # killed between moving the old folder aside and the new in
    with OutputLock(out):
        outdir.clean_leftovers(out)
    assert (out / "summary.json").read_bytes() == before and _leftovers(tmp_path) == []


def test_ctrl_c_leaves_no_temporary_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from wijksim import model

    def interrupted(self, *a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(model.WijkModel, "run", interrupted)
    r = _cli("run", *FAST, "--out", str(tmp_path / "r"))
    assert r.exit_code != 0
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_ctrl_c_while_cleaning_up_still_cleans_up(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A second Ctrl-C that lands while the temporary folder is removed (or the new output swapped in)
    waits until that is done: before, it cut the removal short and left the folder."""
    with outdir.fresh_dir(tmp_path / "r") as tmp:  # a first run: the second swaps it out and removes it
        (tmp / "summary.json").write_text("[]")
    real = outdir.shutil.rmtree

    def pressed_meanwhile(path, *a, **k):
        os.kill(os.getpid(), signal.SIGINT)
        return real(path, *a, **k)

    monkeypatch.setattr(outdir.shutil, "rmtree", pressed_meanwhile)
    with pytest.raises(KeyboardInterrupt):
        with outdir.fresh_dir(tmp_path / "r") as tmp:
            (tmp / "summary.json").write_text("{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]  # no .r.old-*, no .r.tmp-*
    assert (tmp_path / "r" / "summary.json").read_text() == "{}"


# --- 5. a full disk -----------------------------------------------------------------------------------
def _enospc(*a, **k):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_in_run_is_one_line_and_keeps_the_previous_output(monkeypatch, tmp_path: Path) -> None:
    out = tmp_path / "r"
    assert _cli("run", *FAST, "--out", str(out)).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    monkeypatch.setattr(pd.DataFrame, "to_csv", _enospc)
    _one_line(_cli("run", *FAST, "--seed", "2", "--out", str(out)), "No space left on device")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert _leftovers(tmp_path) == [] and not lock_path(out).exists()


def test_a_full_disk_writing_comparepng_is_one_line(monkeypatch, tmp_path: Path) -> None:
    from matplotlib.figure import Figure

    monkeypatch.setattr(Figure, "savefig", _enospc)
    out = tmp_path / "c"
    line = _one_line(_cli("compare", SCENARIO, SCENARIO, "--replicates", "1", "--workers", "1", *FAST,
                          "--out", str(out)), "No space left on device")
    assert str(out) in line
    assert not out.exists() and _leftovers(tmp_path) == []


def test_a_full_disk_writing_the_sweep_manifest_is_one_line(monkeypatch, tmp_path: Path) -> None:
    from wijksim.sweep import storage

    monkeypatch.setattr(storage, "write_json_atomic", _enospc)
    out = tmp_path / "o"
    line = _one_line(_cli("sweep", str(ROOT / "experiments" / "cooperation_feedback.toml"), "--out", str(out),
                          "--quiet", "--weeks", "2", "--set", "width=10", "--set", "height=10"),
                     "No space left on device")
    assert str(out) in line and "resume" in line
    assert not lock_path(out).exists()


def test_the_manifest_writer_leaves_no_temporary_file_on_a_full_disk(monkeypatch, tmp_path: Path) -> None:
    from wijksim.sweep import storage

    storage.write_json_atomic(tmp_path / "manifest.json", {"a": 1})
    monkeypatch.setattr(storage.os, "replace", _enospc)
    with pytest.raises(OSError):
        storage.write_json_atomic(tmp_path / "manifest.json", {"a": 2})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json"]
    assert json.loads((tmp_path / "manifest.json").read_text()) == {"a": 1}

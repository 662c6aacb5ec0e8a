"""Ctrl-C in every command that can block (run, edge, analyze, check, layout): one line, exit 130, within
5 s, worker processes gone, no temporary directory left; a second press (or a cleanup that hangs) ends
the process at once.

Real subprocesses in their own session; SIGINT goes to the whole process group (what a terminal does)
once a condition says the command is busy (its temporary directory exists, its workers run, it reads a
FIFO); every wait is bounded, none is a fixed sleep. Each is run five times (``attempt``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sweep_dirs import finished_sweep

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONWARNINGS": "ignore", "PYTHONPATH": str(ROOT / "src")}
ATTEMPTS = range(5)
#: the cheap tests: the first attempt in the fast suite, the other four in the slow one
FIRST_FAST = [0, *(pytest.param(i, marks=pytest.mark.slow) for i in range(1, 5))]
#: the brief's bound from the press to the end of the process, and a margin for a loaded machine's start
END_WITHIN = 5.0


def _start(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "wijksim", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True, env=ENV)


def _wait_for(cond: Callable[[], bool], proc: subprocess.Popen[str], timeout: float = 180) -> bool:
    """Poll ``cond`` until it holds (True) or the process ended (False); fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    pytest.fail(f"condition not reached in {timeout} s")


def _live_group(pgid: int) -> list[str]:
    """Processes of the group that are still alive (zombies waiting for init to reap them are gone)."""
    ps = subprocess.run(["ps", "-o", "pid=,stat=", "-g", str(pgid)], capture_output=True, text=True).stdout
    return [line.split()[0] for line in ps.splitlines() if line.split() and not line.split()[1].startswith("Z")]


def _ctrl_c(proc: subprocess.Popen[str]) -> tuple[str, float]:
    """Press Ctrl-C (the whole group); stderr and the seconds until the process ended."""
    t0 = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("Ctrl-C did not end the command in 60 s")
    return err, time.monotonic() - t0


def _assert_one_line(proc: subprocess.Popen[str], err: str, seconds: float) -> str:
    assert proc.returncode == 130, err
    assert "Traceback" not in err, err
    said = [line for line in err.splitlines() if "interrupted" in line]
    assert len(said) == 1 and err.rstrip().splitlines()[-1] == said[0], err
    assert seconds < END_WITHIN, f"ended {seconds:.1f} s after Ctrl-C"
    return said[0]


def _assert_group_gone(pgid: int) -> None:
    deadline = time.monotonic() + END_WITHIN
    while _live_group(pgid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _live_group(pgid), "worker processes outlived the command"


def _tmp_dirs(where: Path) -> list[Path]:
    return [p for p in where.iterdir() if ".tmp" in p.name]


@pytest.mark.slow
@pytest.mark.parametrize("attempt", ATTEMPTS)
def test_ctrl_c_in_run(tmp_path: Path, attempt: int) -> None:
    proc = _start(["run", "--weeks", "5200", "--set", "width=20", "--set", "height=20", "--out", "o"], tmp_path)
    assert _wait_for(lambda: bool(_tmp_dirs(tmp_path)), proc), proc.communicate()
    err, seconds = _ctrl_c(proc)
    assert "nothing was written to o/" in _assert_one_line(proc, err, seconds)
    assert not _tmp_dirs(tmp_path) and not (tmp_path / "o").exists()
    _assert_group_gone(proc.pid)


@pytest.mark.slow
@pytest.mark.parametrize("attempt", ATTEMPTS)
def test_ctrl_c_in_edge_stops_its_workers(tmp_path: Path, attempt: int) -> None:
    scenario = tmp_path / "s.toml"
    scenario.write_text('name = "s"\n[params]\nwidth = 14\nheight = 14\n', encoding="utf-8")
    proc = _start(["edge", str(scenario), "--seeds", "2", "--workers", "2", "--multiples", "1", "--no-ramp",
                   "--out", "o"], tmp_path)
    # busy: the temporary directory exists and the two pool workers (plus forkserver, resource tracker) run
    assert _wait_for(lambda: bool(_tmp_dirs(tmp_path)) and len(_live_group(proc.pid)) >= 5, proc), proc.communicate()
    err, seconds = _ctrl_c(proc)
    _assert_one_line(proc, err, seconds)
    assert not _tmp_dirs(tmp_path) and not (tmp_path / "o").exists()
    _assert_group_gone(proc.pid)


@pytest.mark.slow
@pytest.mark.parametrize("attempt", ATTEMPTS)
def test_ctrl_c_in_calibrate_stops_its_workers_and_keeps_what_resumes(tmp_path: Path, attempt: int) -> None:
    """``calibrate --workers 2`` (a Dask cluster of two worker processes) pressed while it samples: one line
    saying what is kept, exit 130 within the bound, every worker gone, no temporary folder, and the finished
    generations' database left for the same command to resume."""
    pytest.importorskip("pyabc")
    import tests.test_calibrate as cal_tests

    targets = cal_tests._files(tmp_path, generations=50)  # far more than the test waits for
    out = tmp_path / "o"
    proc = _start(["calibrate", str(targets), "--out", str(out), "--workers", "2"], tmp_path)
    assert _wait_for(lambda: (out / "abc.db").exists() and len(_live_group(proc.pid)) >= 3, proc), proc.communicate()
    err, seconds = _ctrl_c(proc)
    line = _assert_one_line(proc, err, seconds)
    assert "finished generations are kept in" in line and "abc.db" in line and "resume" in line, line
    _assert_group_gone(proc.pid)
    assert not _tmp_dirs(tmp_path) and (out / "abc.db").exists()


@pytest.mark.slow
@pytest.mark.parametrize("attempt", ATTEMPTS)
def test_ctrl_c_in_analyze(tmp_path: Path, attempt: int) -> None:
    sweep = finished_sweep(tmp_path / "sweep")
    proc = _start(["analyze", str(sweep)], tmp_path)
    started = _wait_for(lambda: (sweep / "analysis").exists(), proc)
    err, seconds = _ctrl_c(proc)
    if not started or proc.returncode == 0:  # finished before the press: nothing to test this time
        assert proc.returncode == 0, err
        return
    assert "may be incomplete" in _assert_one_line(proc, err, seconds)


def _reader_waits(fifo: Path) -> bool:
    """Is someone reading ``fifo``? (opening it to write without blocking only works then)."""
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        return False
    os.close(fd)
    return True


@pytest.mark.parametrize("attempt", FIRST_FAST)
@pytest.mark.parametrize("command", ["check", "layout"])
def test_ctrl_c_while_reading_a_fifo(tmp_path: Path, command: str, attempt: int) -> None:
    """A FIFO as input blocks the read until a writer comes; Ctrl-C must end it. (Once FIFOs are refused
    up front, the command ends by itself with one line and exit 2: also fine.)"""
    fifo = tmp_path / ("s.toml" if command == "check" else "m.txt")
    os.mkfifo(fifo)
    proc = _start([command, str(fifo)], tmp_path)
    if not _wait_for(lambda: _reader_waits(fifo), proc):
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 2 and len(err.strip().splitlines()) == 1, err
        return
    err, seconds = _ctrl_c(proc)
    _assert_one_line(proc, err, seconds)


HANGING_CLEANUP = """
import sys, time
from wijksim import interrupt
interrupt.GRACE_SECONDS = float(sys.argv[1])
interrupt.install()
try:
    print("ready", flush=True)
    time.sleep(600)
except KeyboardInterrupt:
    print("cleaning up", flush=True)
    time.sleep(600)  # a cleanup that hangs
"""


def _hanging(tmp_path: Path, grace: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HANGING_CLEANUP, str(grace)], cwd=tmp_path, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, env=ENV)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


@pytest.mark.parametrize("attempt", FIRST_FAST)
def test_a_second_ctrl_c_ends_at_once(tmp_path: Path, attempt: int) -> None:
    proc = _hanging(tmp_path, grace=600)
    os.killpg(proc.pid, signal.SIGINT)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "cleaning up"
    err, seconds = _ctrl_c(proc)
    _assert_one_line(proc, err, seconds)
    assert seconds < 2


def test_a_cleanup_that_hangs_ends_after_the_grace_time(tmp_path: Path) -> None:
    proc = _hanging(tmp_path, grace=1.0)
    err, seconds = _ctrl_c(proc)
    _assert_one_line(proc, err, seconds)
    assert seconds >= 1.0


IN_A_GC_CALLBACK = """
import gc, signal, sys, time
from wijksim import interrupt
interrupt.GRACE_SECONDS = 600.0  # only a delivered interrupt can end this in time
interrupt.install()
def pressed_during_gc(phase, info):  # as Dask's GCDiagnosis: Python cannot raise out of a gc callback
    if phase == "start" and not interrupt.pressed():
        signal.raise_signal(signal.SIGINT)  # the handler runs here, inside the callback
gc.callbacks.append(pressed_during_gc)
try:
    gc.collect()
    time.sleep(600)
except KeyboardInterrupt:
    print("delivered", flush=True)
    interrupt.end_interrupted()
"""


def test_ctrl_c_inside_a_gc_callback_is_delivered_without_a_traceback(tmp_path: Path) -> None:
    """A press that lands in a gc callback (Dask's ``GCDiagnosis`` in ``calibrate --workers 2``: CI once
    printed "Exception ignored in ... KeyboardInterrupt" with a traceback and ended only by the watchdog)
    reaches the main flow as the interrupt, and nothing but the one line is printed."""
    proc = subprocess.run([sys.executable, "-c", IN_A_GC_CALLBACK], cwd=tmp_path, text=True, capture_output=True,
                          env=ENV, timeout=60)
    assert proc.returncode == 130, proc.stderr
    assert proc.stdout.strip() == "delivered"
    assert proc.stderr.strip() == "wijksim: interrupted (Ctrl-C)", proc.stderr


def test_every_command_is_guarded() -> None:
    """``main`` wraps every command, so none can end a Ctrl-C silently (typer's own 130 says nothing)."""
    from wijksim import cli, interrupt

    cli._register_optional_commands()
    before = signal.getsignal(signal.SIGINT)
    try:
        interrupt.guard_commands(cli.app)
        assert signal.getsignal(signal.SIGINT) is interrupt._handler
    finally:
        signal.signal(signal.SIGINT, before)  # pytest's own Ctrl-C stays pytest's
    names = {info.callback.__name__ for info in cli.app.registered_commands if info.callback}
    assert {"run_cmd", "edge_cmd", "analyze_cmd", "check_cmd", "params_cmd", "layout_cmd"} <= names
    assert all(getattr(info.callback, "_wijksim_guarded", False) for info in cli.app.registered_commands)
    try:
        interrupt.guard_commands(cli.app)  # twice is once
    finally:
        signal.signal(signal.SIGINT, before)  # (it installs the handler again: pytest's own stays pytest's)
    assert all(not hasattr(info.callback.__wrapped__, "_wijksim_guarded")  # type: ignore[union-attr]
               for info in cli.app.registered_commands)
    assert "--weeks" in CliRunner().invoke(cli.app, ["run", "--help"]).output  # options survive the wrapper


def test_the_line_says_what_was_left_alone() -> None:
    from wijksim.interrupt import interrupted_line

    assert interrupted_line("run_cmd", {"out": Path("o")}).endswith("nothing was written to o/")
    assert "analysis/ may be incomplete" in interrupted_line("analyze_cmd", {"directory": Path("s"), "out": None})
    assert "stopped before finishing" in interrupted_line("layout_cmd", {"out": Path("m.txt")})


def test_ctrl_c_that_compiled_code_turned_into_another_error_is_still_an_interrupt(
        monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    """Ctrl-C while numba loads a cached kernel arrives as ``SystemError`` with the interrupt in its chain
    (seen on CI in ``run``): after a press it ends with the one line and exit 130; before, it is an error."""
    import typer

    from wijksim import interrupt

    def compiled() -> None:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as e:
            raise SystemError("returned a result with an exception set") from e

    def run_cmd(out: Path) -> None:
        compiled()

    wrapped = interrupt.guarded(run_cmd)
    monkeypatch.setattr(interrupt._state, "presses", 0)
    with pytest.raises(SystemError):
        wrapped(out=Path("o"))
    monkeypatch.setattr(interrupt._state, "presses", 1)
    monkeypatch.setattr(interrupt, "stop_workers", lambda include_dask=False: 0)
    with pytest.raises(typer.Exit) as ended:
        wrapped(out=Path("o"))
    assert ended.value.exit_code == interrupt.EXIT_INTERRUPTED
    assert capfd.readouterr().err.strip() == "wijksim: interrupted (Ctrl-C); nothing was written to o/"
    assert interrupt.caused_by_ctrl_c(KeyboardInterrupt())

"""Ctrl-C in ``wijksim compare --workers 2``: a real process group gets SIGINT (as a terminal sends it to
every process of the foreground job) while its workers run; the command must end within 5 s with one
line and exit 130, its workers gone and no temporary folder left; a second Ctrl-C ends it at once.

The subprocess tests are Linux only (the process group is read from /proc) and slow."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")

ROOT = Path(__file__).resolve().parents[1]
TICKS = os.sysconf("SC_CLK_TCK")


def _live_group(pgid: int) -> dict[int, float]:
    """Every live (not zombie) process of process group ``pgid`` with its CPU seconds so far."""
    found = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:  # ended while we looked
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            found[int(d.name)] = (int(fields[11]) + int(fields[12])) / TICKS
    return found


def _wait_for(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.mark.slow
@needs_proc
@pytest.mark.parametrize("presses", [1, 2])
def test_ctrl_c_ends_compare_with_one_line_and_no_workers_left(tmp_path: Path, presses: int) -> None:
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "wijksim", "compare", str(ROOT / "scenarios/wave_no_investment.toml"),
           str(ROOT / "scenarios/wave_community_investment.toml"), "--replicates", "4", "--weeks", "400",
           "--workers", "2", "--out", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, "PYTHONWARNINGS": "ignore"})
    try:
        # the workers are busy: two processes besides the main one have used CPU (importing, then running)
        busy = _wait_for(lambda: sum(cpu > 0.5 for pid, cpu in _live_group(proc.pid).items() if pid != proc.pid) >= 2,
                         180)
        assert busy and proc.poll() is None, "the workers never started"
        pressed = time.monotonic()
        for _ in range(presses):
            os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        took = time.monotonic() - pressed
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
    assert took < 5.0, f"Ctrl-C took {took:.1f} s"
    assert proc.returncode == 130, err
    assert "Traceback" not in err, err
    assert err.strip().splitlines()[-1] == f"wijksim: interrupted (Ctrl-C); nothing was written to {out}/", err
    assert _wait_for(lambda: not _live_group(proc.pid), 5), f"left running: {_live_group(proc.pid)}"
    assert not out.exists() and list(tmp_path.iterdir()) == [], list(tmp_path.iterdir())  # no temp folder left


def test_ctrl_c_while_the_files_are_written_leaves_out_as_it_was(tmp_path: Path,
                                                                   capfd: pytest.CaptureFixture[str]) -> None:
    """After the runs (summary, figure) there is no pool left: the command's guard prints the line."""
    import typer

    from wijksim.cli import atomic_dir
    from wijksim.interrupt import guarded

    out = tmp_path / "out"

    def compare_cmd(out: Path) -> None:  # named as the command: the guard words its line after it
        with atomic_dir(out) as tmp:
            (tmp / "runs.parquet").write_text("half")
            raise KeyboardInterrupt

    with pytest.raises(typer.Exit) as ended:
        guarded(compare_cmd)(out=out)
    assert ended.value.exit_code == 130
    assert capfd.readouterr().err == f"wijksim: interrupted (Ctrl-C); nothing was written to {out}/\n"
    assert list(tmp_path.iterdir()) == []

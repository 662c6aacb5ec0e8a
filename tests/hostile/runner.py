"""Running one case of the hostile corpus in-process (shared by ``tests/test_hostile.py`` and
``tests/test_properties.py``): the command or validating function, a time limit, FIFOs that get an end of
file, and the judgement (refused in one line naming the file / accepted / failing)."""


from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import tomli_w
from typer.testing import CliRunner

from . import ACCEPTED, DEV_NULL, DEV_ZERO, DIRECTORY, FIFO, MISSING, REFUSED, SPECIALS, Case, all_cases
from .more import BASE_TARGETS, GEO_OK

FIFO_PATIENCE = 3.0
TIME_LIMIT = 10.0
FILE_NAMES = {
    "scenario": "s.toml",
    "experiment": "e.toml",
    "map_text": "m.txt",
    "geojson": "m.geojson",
    "targets": "t.toml",
    "posterior": "p.parquet",
}
TINY_SCENARIO = 'name = "tiny"\nweeks = 5\n[params]\nwidth = 12\nheight = 12\nburn_in = 2\n'
CASES = all_cases()


class Hang(Exception):
    """The case ran past :data:`TIME_LIMIT`."""


@dataclass
class Outcome:
    status: str  # refused | accepted | failing
    detail: str
    seconds: float


def _special(data: Any) -> str | None:
    return data if isinstance(data, str) and data in SPECIALS else None


def _write(path: Path, data: Any, kind: str) -> None:
    path.unlink(missing_ok=True)
    special = _special(data)
    if special == FIFO:
        os.mkfifo(path)
    elif special == DIRECTORY:
        path.mkdir()
    elif special in (DEV_NULL, DEV_ZERO):
        path.symlink_to("/dev/null" if special == DEV_NULL else "/dev/zero")
    elif special == MISSING:
        pass
    elif isinstance(data, pd.DataFrame):
        data.to_parquet(path, index=False)
    elif isinstance(data, bytes):
        path.write_bytes(data)
    elif isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    elif kind == "geojson":
        path.write_text(json.dumps(data, allow_nan=True), encoding="utf-8")
    else:
        path.write_text(tomli_w.dumps(data), encoding="utf-8")


def _setting(d: Path) -> None:
    """What cases refer to: a base scenario, a map, an experiment and targets, FIFOs named fifo.*."""
    (d / "base.toml").write_text(TINY_SCENARIO, encoding="utf-8")
    (d / "tiny.toml").write_text(TINY_SCENARIO, encoding="utf-8")
    (d / "ok.geojson").write_text(json.dumps(GEO_OK), encoding="utf-8")
    (d / "m.geojson").write_text(json.dumps(GEO_OK), encoding="utf-8")
    (d / "ok.txt").write_text(".HHH.SSS.G\n" * 10, encoding="utf-8")
    (d / "ok_t.toml").write_text(tomli_w.dumps(BASE_TARGETS), encoding="utf-8")
    (d / "ok_e.toml").write_text(
        tomli_w.dumps(
            {
                "name": "e",
                "weeks": 5,
                "replicates": 1,
                "params": {"width": 12, "height": 12, "burn_in": 2},
                "design": {"kind": "grid", "factors": {"crime_rate": {"values": [1.0]}}},
            }
        ),
        encoding="utf-8",
    )
    for name in ("fifo.toml", "fifo.txt"):
        os.mkfifo(d / name)


@contextlib.contextmanager
def _fifos_end(d: Path, stop: threading.Event) -> Any:
    """After FIFO_PATIENCE seconds, give every FIFO in ``d`` that has a reader an end of file."""

    def unblock() -> None:
        if stop.wait(FIFO_PATIENCE):
            return
        for p in d.iterdir():
            with contextlib.suppress(OSError):
                if p.is_fifo():
                    os.close(os.open(p, os.O_WRONLY | os.O_NONBLOCK))

    t = threading.Thread(target=unblock, daemon=True)
    t.start()
    try:
        yield
    finally:
        stop.set()
        t.join()


@contextlib.contextmanager
def _time_limit(seconds: float) -> Any:
    def ring(signum: int, frame: object) -> None:
        raise Hang(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _app() -> Any:
    from wijksim.cli import _register_optional_commands, app

    _register_optional_commands()
    return app


def _cli(args: list[str]) -> tuple[int, str]:
    r = CliRunner().invoke(_app(), args)
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        raise r.exception
    return r.exit_code, r.output


def _function(kind: str, path: Path, data: Any) -> tuple[int, str]:
    """The validating function a command calls; its error class is a refusal (exit 2), its message the line."""
    import typer

    from wijksim import calibrate, cli, compare
    from wijksim.sweep.design import ExperimentError, load_experiment
    from wijksim.terminal import clean

    calls = {
        "experiment": (lambda: load_experiment(path), ExperimentError),
        "targets": (lambda: calibrate.load_targets(path), calibrate.CalibrationError),
        "posterior": (lambda: compare.read_posterior(path), compare.CompareError),
    }
    if kind == "set":
        err = io.StringIO()
        try:
            with contextlib.redirect_stderr(err):
                cli.parse_sets([data])
        except typer.Exit as e:
            return e.exit_code, err.getvalue()
        return 0, err.getvalue()
    call, error = calls[kind]
    try:
        call()
    except error as e:  # the command prints it through cli.fail, which escapes control characters
        return 2, clean(str(e))
    return 0, ""


def _argv(case: Case, d: Path) -> list[str]:
    if case.kind == "scenario":
        return ["check", str(d / FILE_NAMES["scenario"])]
    if case.kind in ("map_text", "geojson"):
        return ["layout", str(d / FILE_NAMES[case.kind])]
    files = {"S": "tiny.toml", "E": "ok_e.toml", "M": "ok.geojson", "T": "ok_t.toml"}
    args = [str(d / files[a]) if a in files else a for a in case.data]
    if args[0] == "edge":  # small, in case a bad option were accepted and it ran
        args += [opt for pair in (["--seeds", "1"], ["--workers", "1"]) if pair[0] not in args for opt in pair]
        args += [] if "--no-ramp" in args else ["--no-ramp"]
    if args[0] in ("run", "compare", "edge") and "--out" not in args:
        args += ["--out", str(d / "out")]
    return args


def run_case(case: Case, d: Path) -> Outcome:
    """Run one case in the (fresh) directory ``d``; how it ended."""
    _setting(d)
    path = d / FILE_NAMES.get(case.kind, "x")
    if case.kind in FILE_NAMES:
        _write(path, case.data, case.kind)
    t0 = time.monotonic()
    try:
        with _fifos_end(d, threading.Event()), _time_limit(TIME_LIMIT):
            if case.kind in ("scenario", "map_text", "geojson", "cli"):
                code, text = _cli(_argv(case, d))
            else:
                code, text = _function(case.kind, path, case.data)
    except Exception as e:  # a traceback: the one thing a case must never give
        return Outcome("failing", f"{type(e).__name__}: {str(e)[:150]}", time.monotonic() - t0)
    seconds = time.monotonic() - t0
    return _judge(case, path, code, text, seconds)


def _judge(case: Case, path: Path, code: int, text: str, seconds: float) -> Outcome:
    if (seconds >= FIFO_PATIENCE and case.data == FIFO) or (seconds >= FIFO_PATIENCE and "fifo" in case.name):
        return Outcome("failing", f"waited for the FIFO ({seconds:.1f} s), exit {code}", seconds)
    if code == 0:
        return Outcome(ACCEPTED, text.strip()[:100], seconds)
    lines = [x for x in text.splitlines() if x.strip()]
    if code != 2:
        return Outcome("failing", f"exit {code}: {text.strip()[:150]}", seconds)
    if len(lines) != 1 or "Traceback" in text:
        return Outcome("failing", f"exit 2 but {len(lines)} lines: {text.strip()[:150]!r}", seconds)
    line = lines[0]
    if case.kind in FILE_NAMES and path.name not in line and _special(case.data) != MISSING and "fifo" not in case.name:
        return Outcome("failing", f"does not name the file: {line[:150]}", seconds)
    if case.names and case.names.lower() not in line.lower():
        return Outcome("failing", f"does not name {case.names!r}: {line[:150]}", seconds)
    return Outcome(REFUSED, line[:150], seconds)



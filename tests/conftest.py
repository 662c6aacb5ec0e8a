"""Shared pytest hooks: failure reports for the browser tests, one worker per shared fixture under
pytest-xdist, the fast suite's time budget printed at the end of every run, and one warmed
``python -m wijksim`` per test process (tests/cli_server.py) for the command-line tests."""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import re
import resource
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI_SERVER = Path(__file__).resolve().parent / "cli_server.py"

#: seconds: `make test` (fast tests) on an idle 2-core machine, issue 25's standing budget
FAST_SUITE_BUDGET = 120
#: the files that cost most are named in the budget line, this many
BUDGET_TOP_FILES = 6


_STARTED = time.monotonic()
_FILE_SECONDS: dict[str, float] = defaultdict(float)
_FILE_CPU: dict[str, float] = defaultdict(float)


#: the CPU files of this process's running CLI servers (:func:`cli_socket`), until each is reaped
_SERVER_CPU: list[Path] = []


def _cpu_seconds() -> float:
    """CPU seconds (user + system) of this process and its waited-for children: subprocess CLI calls and
    process pools count, other tenants' load does not (wall time on a shared machine is mostly theirs). The
    commands forked by a running CLI server count as they finish (from its CPU file); once the server is
    reaped they are in ``RUSAGE_CHILDREN`` and its file is no longer read."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    served = 0.0
    for f in _SERVER_CPU:
        with contextlib.suppress(OSError, ValueError):
            served += float(f.read_text())
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime + served


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """Measure each test's CPU time (setup, call and teardown) where it runs; the teardown report carries it
    to the controller under xdist (``user_properties`` travel with the report)."""
    item.user_properties.append(("cpu_start", _cpu_seconds()))
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """Keep each test's call report on the item, so fixtures can tell at teardown that it failed
    (the browser tests then save the page they were on: the CI log alone rarely says why)."""
    outcome = yield
    rep = outcome.get_result()
    if rep.when == "call":
        item.rep_call = rep
    if rep.when == "teardown":
        start = dict(item.user_properties).get("cpu_start")
        if start is not None:
            rep.user_properties.append(("cpu", _cpu_seconds() - float(start)))


#: a test module that defines a fixture shared by its tests (module, class or package scope), or imports
#: another test module's fixtures
_SHARED_FIXTURE = re.compile(
    r"""@pytest\.fixture\([^)]*scope\s*=\s*["'](?:module|class|package)["']|^from test_\w+ import""", re.M)


#: a test module that uses the session's embedded Dask cluster (:func:`sweep_client`)
_SWEEP_CLIENT = re.compile(r"\bsweep_client\b")
#: a test module whose tests all go to one worker, with the other modules of the same group name: for tests
#: that each import a heavy package once per process (pyabc, ema_workbench: 1–1.2 s of CPU each), not per test
_XDIST_GROUP = re.compile(r"""pytest\.mark\.xdist_group\(\s*["'](\w+)["']""")


@functools.cache
def _shares_fixtures(path: str) -> bool:
    """Does the test file at ``path`` (relative to the root) define a module-, class- or package-scoped
    fixture? Read from its text: the xdist controller has no collected items, only test ids."""
    try:
        return bool(_SHARED_FIXTURE.search((ROOT / path).read_text(encoding="utf-8")))
    except OSError:
        return False


@functools.cache
def _xdist_group(path: str) -> str | None:
    """The ``pytest.mark.xdist_group`` name in the test file at ``path`` (its module mark), if any."""
    try:
        found = _XDIST_GROUP.search((ROOT / path).read_text(encoding="utf-8"))
    except OSError:
        return None
    return found.group(1) if found else None


@functools.cache
def _uses_sweep_client(path: str) -> bool:
    """Does the test file at ``path`` use :func:`sweep_client`? Its modules run on one worker, so the
    cluster is started once (each start is two worker interpreters, ~5 s of CPU)."""
    try:
        return bool(_SWEEP_CLIENT.search((ROOT / path).read_text(encoding="utf-8")))
    except OSError:
        return False


if importlib.util.find_spec("xdist") is not None:
    from xdist.scheduler import LoadScopeScheduling  # type: ignore[import-untyped]

    class SharedFixtureScheduling(LoadScopeScheduling):
        """``--dist loadgroup`` as this suite needs it: the tests of a module with a shared fixture (a
        burn-in, a Dask cluster, a comparison) run on one worker, so it is built once; every other test is
        its own unit, spread over the workers as they free up. (xdist 3.8's own loadgroup tags test ids in
        a way pytest 9 ignores, so its groups silently do nothing.) The groups go first, largest first."""

        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            if _uses_sweep_client(path):
                return "sweep_client"  # one group for every module on the session's Dask cluster
            if group := _xdist_group(path):
                return f"group:{group}"
            return path if _shares_fixtures(path) else nodeid

    def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> LoadScopeScheduling | None:
        """Replace xdist's loadgroup scheduler by :class:`SharedFixtureScheduling`."""
        if config.getvalue("dist") != "loadgroup":
            return None
        return SharedFixtureScheduling(config, log)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Sum each file's test time (setup, call and teardown; on the controller under xdist)."""
    _FILE_SECONDS[report.nodeid.split("::")[0]] += report.duration
    cpu = dict(report.user_properties).get("cpu")
    if report.when == "teardown" and cpu is not None:
        _FILE_CPU[report.nodeid.split("::")[0]] += float(cpu)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """One line for the fast suite's budget (wall time, not a test: the machine may be busy) and the files
    that cost most. A fast-suite run over budget on an idle machine is a regression to fix, not to mark."""
    whole = config.args_source == pytest.Config.ArgsSource.TESTPATHS and not config.getoption("keyword", "")
    if not whole or not _FILE_SECONDS or "not slow" not in (config.getoption("markexpr", "") or ""):
        return  # only for the whole fast suite (`make test`), not for a file or a -k selection
    wall, total = time.monotonic() - _STARTED, sum(_FILE_SECONDS.values())
    top = sorted(_FILE_SECONDS.items(), key=lambda kv: -kv[1])[:BUDGET_TOP_FILES]
    terminalreporter.write_line(
        f"time budget: fast suite {wall:.0f} s wall (budget {FAST_SUITE_BUDGET} s on an idle 2-core machine), "
        f"{total:.0f} s in tests; most: " + ", ".join(f"{f.removeprefix('tests/')} {s:.0f} s" for f, s in top))
    cpu = sorted(_FILE_CPU.items(), key=lambda kv: -kv[1])
    terminalreporter.write_line(  # robust to the machine's load: what the tests cost, not what they waited
        f"CPU in tests: {sum(_FILE_CPU.values()):.0f} s (with their subprocesses); most: "
        + ", ".join(f"{f.removeprefix('tests/')} {s:.0f} s" for f, s in cpu[:BUDGET_TOP_FILES]))


#: the embedded Dask cluster of :func:`sweep_client` while it runs (its client, and what closes it)
_SWEEP_CLUSTER: list[tuple[object, contextlib.ExitStack]] = []


@pytest.fixture
def sweep_client() -> object:
    """The embedded cluster of ``wijksim sweep --workers 2`` (a Dask client), shared by every test module
    that runs sweeps on it (test_sweep.py, test_sweep_robustness.py): they run on one xdist worker, one after
    the other (:class:`SharedFixtureScheduling`), so its two worker interpreters (~3.5 s of CPU each) start
    once per suite, not once per module. Closed after the last test of those modules
    (:func:`pytest_runtest_teardown`), so its CPU counts for them, not for whatever test ran last. A test
    that kills a worker or needs its own cluster makes its own."""
    if not _SWEEP_CLUSTER:
        from wijksim.sweep.execute import dask_client

        stack = contextlib.ExitStack()
        _SWEEP_CLUSTER.append((stack.enter_context(dask_client(2)), stack))
    return _SWEEP_CLUSTER[0][0]


def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """Close :func:`sweep_client`'s cluster when the next test (if any) is not in a module that uses it."""
    if _SWEEP_CLUSTER and (nextitem is None or not _uses_sweep_client(nextitem.nodeid.split("::", 1)[0])):
        _SWEEP_CLUSTER.pop()[1].close()


@pytest.fixture(scope="session")
def cli_socket(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A warmed ``python -m wijksim`` (tests/cli_server.py) for this test process: each ``wijksim`` command of
    a guide block or a command-line test forks it instead of starting and importing a fresh interpreter
    (~1.5 s CPU each). Started on first use, so a worker that runs no such test pays nothing."""
    sock = str(tmp_path_factory.mktemp("cli") / "wijksim.sock")
    env = {**os.environ, "CI": "1", "MPLBACKEND": "Agg"}
    server = subprocess.Popen([sys.executable, str(CLI_SERVER), "--serve", sock], env=env, stdout=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, text=True)
    from tests.cli_server import cpu_file

    _SERVER_CPU.append(cpu_file(sock))
    try:
        assert server.stdout is not None and server.stdout.readline().strip() == "ready", "the CLI server did not start"
        yield sock
    finally:
        server.kill()
        server.wait()
        _SERVER_CPU.remove(cpu_file(sock))  # its commands' CPU is now in RUSAGE_CHILDREN


@pytest.fixture
def warm_wijksim(cli_socket: str) -> Callable[..., subprocess.CompletedProcess[str]]:
    """``warm_wijksim(*args, cwd=..., timeout=...)``: ``python -m wijksim ARGS`` as a real process (a fork of
    :func:`cli_socket`'s server), its output captured as text. For tests of what a command prints, writes and
    exits with; a test of Python's own start (signals before import, the first compile) starts a fresh one."""
    from cli_server import run

    def wijksim(*args: str, cwd: str | Path | None = None, timeout: float = 600,
                env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return run(list(args), cli_socket, cwd=cwd, timeout=timeout, env=env)

    return wijksim

"""Ctrl-C for every command: one line, exit 130, workers stopped, within seconds.

Without this, typer turns a ``KeyboardInterrupt`` into exit 130 *without a word*, and the model's
worker processes (``compare``/``edge`` pools) either keep running every queued run while the pool's
``shutdown(wait=True)`` waits for them, or print a traceback each. :func:`guarded` (installed by
:func:`wijksim.cli.main` around every command) makes the behaviour the same for all commands:

- the **first press** stops the model's worker processes (not Dask's: a Dask cluster is stopped by
  its client, see :mod:`wijksim.sweep.cluster`) and raises ``KeyboardInterrupt`` in the main thread,
  so ``finally`` blocks run (``atomic_dir`` removes its temporary directory);
- the command then prints **one line** (``wijksim: interrupted ...``) and exits **130**; commands that
  say something better themselves (``sweep``, ``calibrate``: how to resume) catch the interrupt first
  and their line is the only one;
- whatever still hangs after :data:`GRACE_SECONDS` (a cleanup that blocks) and a **second press**
  end the process at once (``os._exit``), after stopping the worker processes.

Worker processes must not act on Ctrl-C themselves (a terminal sends it to the whole process group):
fork children inherit this handler, which does nothing outside the main process, and
:func:`workers_ignore_ctrl_c` starts the forkserver (which ``compare`` uses from a threaded caller)
with Ctrl-C ignored, so its children ignore it too.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

EXIT_INTERRUPTED = 130
#: after the first press, the process ends by itself at the latest after this many seconds
GRACE_SECONDS = 4.0


class _State:
    """What the handler knows: whose process this is, whether Ctrl-C came, whether a line was printed."""

    def __init__(self) -> None:
        self.owner = os.getpid()
        self.presses = 0
        self.reported = False
        self.line = "wijksim: interrupted (Ctrl-C)"
        #: a press whose ``KeyboardInterrupt`` Python swallowed (raised inside a gc callback or ``__del__``)
        #: and that is being raised again in the main flow
        self.redeliver = False


_state = _State()


def _say(line: str) -> None:
    """Write the one line straight to stderr's descriptor (safe inside a signal handler or thread)."""
    if _state.reported:
        return
    _state.reported = True
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    with contextlib.suppress(OSError):
        os.write(2, (line + "\n").encode("utf-8", "replace"))


def stop_workers(include_dask: bool = False) -> int:
    """Terminate this process's worker processes (SIGTERM); returns how many. Dask's worker processes
    are left to their cluster unless ``include_dask`` (the second press, or the grace time is over).

    The pools' workers are children of the forkserver, not of this process, and one may be half-started
    when Ctrl-C comes (it would then print a traceback once this process is gone): the forkserver's
    children are stopped as well, and the command calls this again once the pool has unwound."""
    n = 0
    for child in multiprocessing.active_children():
        if not include_dask and "dask" in child.name.lower():
            continue
        with contextlib.suppress(Exception):
            child.terminate()
            n += 1
    return n + _stop_forkserver_children()


def _stop_forkserver_children() -> int:
    """SIGTERM to every child of this process's forkserver (only wijksim's pools use it)."""
    from multiprocessing import forkserver

    pid = getattr(forkserver._forkserver, "_forkserver_pid", None)
    if not pid:
        return 0
    try:
        import psutil  # type: ignore[import-untyped]  # distributed's dependency

        children = psutil.Process(pid).children()
    except Exception:  # no psutil, or the forkserver has gone
        return 0
    for child in children:
        with contextlib.suppress(Exception):
            child.terminate()
    return len(children)


def _end_now() -> None:
    """End the process at once: the line (if not yet printed), every worker stopped, exit 130."""
    _say(_state.line)
    stop_workers(include_dask=True)
    os._exit(EXIT_INTERRUPTED)


def _watchdog() -> None:
    """Started by the first press: a cleanup that hangs still ends within the grace time."""
    timer = threading.Timer(GRACE_SECONDS, _end_now)
    timer.daemon = True
    timer.start()


def _handler(signum: int, frame: object) -> None:
    """SIGINT: in a forked worker nothing (the main process stops it); in the main process the first
    press stops the workers and raises ``KeyboardInterrupt``, the second ends the process at once."""
    if os.getpid() != _state.owner:
        return
    if _state.redeliver:  # the same press again, where it can now surface (see _unraisable)
        _state.redeliver = False
        raise KeyboardInterrupt
    _state.presses += 1
    if _state.presses > 1:
        _end_now()
    stop_workers()
    _watchdog()
    raise KeyboardInterrupt


def _unraisable(args: Any) -> None:
    """``sys.unraisablehook``: a press that landed where Python cannot raise (a gc callback such as Dask's
    ``GCDiagnosis``, a ``__del__``) would print "Exception ignored in ..." with a traceback, and the press
    would be lost until the watchdog ends the process. Instead it is said nothing of and delivered again:
    a moment later (once the collection is over) ``interrupt_main`` runs the handler in the main thread again,
    which raises it there. Should that land in a callback once more, the same happens again."""
    if isinstance(args.exc_value, KeyboardInterrupt) and _state.presses and os.getpid() == _state.owner:
        import _thread

        _state.redeliver = True
        # not from here: the main thread would run the handler inside this hook, where it cannot raise either
        later = threading.Timer(0.02, _thread.interrupt_main)
        later.daemon = True
        later.start()
        return
    _previous_unraisable(args)


_previous_unraisable: Callable[[Any], Any] = sys.unraisablehook


def install() -> None:
    """Take over SIGINT in the main thread of the CLI's process (a no-op elsewhere, e.g. in a test's thread)."""
    global _previous_unraisable
    if threading.current_thread() is threading.main_thread():
        _state.owner = os.getpid()
        signal.signal(signal.SIGINT, _handler)
        if sys.unraisablehook is not _unraisable:
            _previous_unraisable = sys.unraisablehook
            sys.unraisablehook = _unraisable


#: commands whose ``--out`` is written through a temporary directory (``atomic_dir``): an interrupted one
#: leaves it as it was
_ATOMIC_OUT = frozenset({"run_cmd", "compare_cmd", "edge_cmd"})


def interrupted_line(command: str, kwargs: dict[str, Any]) -> str:
    """The line for a command stopped by Ctrl-C: what it left as it was, or what may be incomplete."""
    out = kwargs.get("out")
    if command in _ATOMIC_OUT and isinstance(out, Path):
        return f"wijksim: interrupted (Ctrl-C); nothing was written to {out}/"
    if command == "calibrate_cmd" and isinstance(out, Path):  # the same line whoever ends it: its handler or the
        # watchdog (a Dask cluster's teardown can outlast the grace time on a loaded machine)
        return (f"wijksim: interrupted (Ctrl-C); finished generations are kept in {out}/abc.db: run the same "
                "command to resume")
    if command == "analyze_cmd":
        target = out if isinstance(out, Path) else Path(kwargs.get("directory", ".")) / "analysis"
        return f"wijksim: interrupted (Ctrl-C); the files in {target}/ may be incomplete: run the same command again"
    return "wijksim: interrupted (Ctrl-C); stopped before finishing"


def caused_by_ctrl_c(exc: BaseException) -> bool:
    """Whether ``exc`` is how Ctrl-C surfaced: a ``KeyboardInterrupt``, or any other exception after a press.

    The handler raises ``KeyboardInterrupt`` wherever the main thread is. Inside compiled code (numba
    loading a cached kernel on its first call, say) that arrives as a ``SystemError`` "returned a result
    with an exception set", with the interrupt only in its chain; once Ctrl-C came, an exception that
    ends the command is the interrupt's doing, whatever its type."""
    return isinstance(exc, KeyboardInterrupt) or (isinstance(exc, Exception) and _state.presses > 0)


def pressed() -> bool:
    """Whether Ctrl-C came in this process."""
    return _state.presses > 0


def end_interrupted() -> None:
    """End the process after Ctrl-C: the line (unless said), the workers stopped, exit 130 at once.

    Everything the command had to clean up has run by now (``finally`` blocks, ``atomic_dir``); what is
    left is the interpreter's shutdown (joining threads, atexit), where a late ``KeyboardInterrupt`` would
    end the process by the signal itself (exit -2, seen once in 10 presses in ``analyze``) instead of 130."""
    _say(_state.line)
    stop_workers()
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(EXIT_INTERRUPTED)


def report_if_silent() -> None:
    """After exit 130: print the line if Ctrl-C came outside a guarded command (e.g. while the
    options were read) and nobody said anything."""
    if _state.presses:
        _say(_state.line)


def guarded(callback: Callable[..., Any]) -> Callable[..., Any]:
    """A command's callback that ends a Ctrl-C with one line and exit 130 (typer's own handling
    exits 130 silently). A command that catches the interrupt itself and exits 130 has said its line."""
    import typer

    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        _state.line = interrupted_line(callback.__name__, kwargs)
        _state.reported = False  # a new command has said nothing yet (several run in one test process)
        try:
            return callback(*args, **kwargs)
        except KeyboardInterrupt:
            stop_workers()
            _say(_state.line)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except typer.Exit as e:
            if e.exit_code == EXIT_INTERRUPTED:
                _state.reported = True
            raise
        except Exception as e:  # Ctrl-C that surfaced as another exception (see caused_by_ctrl_c)
            if not caused_by_ctrl_c(e):
                raise
            stop_workers()
            _say(_state.line)
            raise typer.Exit(EXIT_INTERRUPTED) from None

    return run


def guard_commands(app: Any) -> None:
    """Wrap every registered command of ``app`` with :func:`guarded` (once) and install the handler."""
    for info in app.registered_commands:
        if info.callback is not None and not getattr(info.callback, "_wijksim_guarded", False):
            info.callback = guarded(info.callback)
            info.callback._wijksim_guarded = True
    install()


@contextlib.contextmanager
def workers_ignore_ctrl_c() -> Iterator[None]:
    """Start the forkserver with SIGINT ignored (its children, the pool workers, then ignore it too);
    call before a pool starts. The worker processes are stopped by the main process instead."""
    main = threading.current_thread() is threading.main_thread()
    if main and "forkserver" in multiprocessing.get_all_start_methods():
        from multiprocessing import forkserver

        from .compare.pool import preload_workers

        preload_workers()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            forkserver.ensure_running()
        finally:
            signal.signal(signal.SIGINT, previous)
    yield

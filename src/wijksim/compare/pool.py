"""The process pool of a comparison, and Ctrl-C in it.

Ctrl-C in a terminal sends SIGINT to the whole process group. Left alone, every worker dies with a
``KeyboardInterrupt`` traceback, and the main process, leaving ``with ProcessPoolExecutor`` (which
waits for the pool), could sleep forever on a pool whose workers are gone. So: the workers ignore
SIGINT (only the main process acts on it); on Ctrl-C the main process cancels what has not started,
ends the workers itself and re-raises ``KeyboardInterrupt`` for its caller (the CLI prints one line and
exits 130). A second Ctrl-C while the workers are being stopped kills them and raises at once.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from multiprocessing.process import BaseProcess
from typing import Any

STOP_SECONDS = 2.0  # how long a terminated worker may take before it is killed


#: what the pools' workers run (``compare``, ``edge``, the UI's comparisons, the workshop room's debrief): the
#: forkserver imports these once when it starts, so each worker it forks begins with them loaded
WORKER_MODULES = ("wijksim.compare.runs", "wijksim.room.debrief")


def preload_workers() -> None:
    """Have the forkserver, once it starts, import :data:`WORKER_MODULES` (no effect once it runs).

    Without it every worker of every pool imported wijksim, pandas and scipy afresh: about 1.5 s of CPU and
    wall before its first run, paid again by each comparison the UI server or a workshop room starts. The
    workers are still separate processes that get every job pickled; only the imports are shared."""
    multiprocessing.set_forkserver_preload(list(WORKER_MODULES))


def start_context() -> multiprocessing.context.BaseContext:
    """fork where it is safe (a single-threaded caller, e.g. a plain script: no ``__main__`` guard
    needed); forkserver from a multi-threaded caller such as the UI server, where fork can deadlock."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    preload_workers()
    return multiprocessing.get_context("forkserver")


def _workers(pool: ProcessPoolExecutor) -> list[BaseProcess]:
    """The pool's worker processes: Python 3.12 has no public handle on them (3.14 adds
    ``terminate_workers``), so this reads the executor's own table (empty if it ever goes)."""
    procs: dict[int, BaseProcess] = getattr(pool, "_processes", None) or {}
    return list(procs.values())


class _CtrlC:
    """The SIGINT handler while a pool runs (main thread only: elsewhere signals cannot be handled).

    The first press raises ``KeyboardInterrupt`` where the main process waits (held while workers are
    being started: a forked worker would get it between fork and its initializer; raised right after);
    any later press kills the workers at once and raises again, so a second Ctrl-C never waits for
    anything. The previous handler is back when the ``with`` block ends."""

    def __init__(self, pool: ProcessPoolExecutor) -> None:
        self.pool = pool
        self.presses = 0
        self.holding = False
        self._previous: Any = None
        self._installed = False

    def __call__(self, signum: int, frame: object) -> None:
        self.presses += 1
        if self.presses > 1:
            for p in _workers(self.pool):
                p.kill()
        elif self.holding:
            return
        raise KeyboardInterrupt

    def __enter__(self) -> _CtrlC:
        # a process started with SIGINT ignored (``nohup``, a shell's background job) keeps ignoring it
        if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) != signal.SIG_IGN:
            self._previous = signal.signal(signal.SIGINT, self)
            self._installed = True
        return self

    def __exit__(self, *exc: object) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold a first press for the block, raise it after."""
        self.holding = True
        try:
            yield
        finally:
            self.holding = False
        if self.presses:
            raise KeyboardInterrupt


def stop(pool: ProcessPoolExecutor) -> None:
    """End a pool now: cancel what has not started, terminate the workers (kill one that lingers) and
    return without waiting for running jobs."""
    procs = _workers(pool)
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        p.terminate()
    for p in procs:
        p.join(STOP_SECONDS)
        if p.is_alive():
            p.kill()
            p.join(STOP_SECONDS)


def run_all(fn: Callable[[Any], Any], jobs: Sequence[Any], workers: int | None,
            progress: Callable[[int, int], None] | None = None, sizes: Sequence[int] | None = None) -> list[Any]:
    """``fn`` of every job in a process pool, results in the order they finish; ``progress(done, total)``
    after each, counted in ``sizes`` (how many runs each job is; one each if not given). On any exception
    (Ctrl-C among them) the pool is stopped before it propagates."""
    size = list(sizes) if sizes is not None else [1] * len(jobs)
    # the initializer is signal.signal itself: unpickling it imports nothing, so a worker ignores Ctrl-C
    # from its first moments (one of ours would first import wijksim, pandas and scipy: seconds in which
    # a press would print a worker's traceback); forkserver children do not inherit our disposition
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=start_context(), initializer=signal.signal,
                               initargs=(signal.SIGINT, signal.SIG_IGN))
    results: list[Any] = []
    with _CtrlC(pool) as ctrl_c:
        try:
            futures: dict[Future[Any], int]
            with ctrl_c.held():
                futures = {pool.submit(fn, job): i for i, job in enumerate(jobs)}
            done = 0
            for fut in as_completed(futures):
                results.append(fut.result())
                done += size[futures[fut]]
                if progress:
                    progress(done, sum(size))
        except BaseException:
            stop(pool)
            raise
    pool.shutdown()
    return results

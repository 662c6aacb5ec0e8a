"""The Dask cluster a sweep runs on: an embedded LocalCluster of processes, or an existing scheduler."""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from collections.abc import Iterator
from typing import Any

from .base import ExperimentError

#: Dask settings for the embedded cluster (its scheduler runs in this process, its workers in their
#: own). Dask's defaults suit interactive dashboards, not a sweep of CPU-bound model runs on a small
#: machine: each worker samples its threads' stacks every 10 ms for the dashboard profile and watches
#: the GIL, and every process wakes 50 times a second to check its event loop and 10 times a second to
#: poll its memory. All of it takes CPU (and the GIL) from the runs: on 2 cores these settings raised
#: a 2 k-household sweep from about 435 to 570 runs/min and halved the client's CPU time (A/B, three
#: sweeps each, see benchmarks/README.md). Memory protection still works, polled once a second. A
#: real cluster (``--scheduler``) is configured by whoever starts it (see the researchers' guide).
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.tick.interval": "500ms",
    "distributed.worker.memory.monitor-interval": "1s",
}


@contextlib.contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[Any]:
    """A Dask client: to ``scheduler`` if given, else to an embedded LocalCluster of processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as e:
            raise ExperimentError(f"--scheduler {scheduler}: cannot connect ({e})") from None
        try:
            client.wait_for_workers(1, timeout=60)
            yield client
        finally:
            client.close()
        return
    n = workers or 1
    import dask

    with dask.config.set(LOCAL_CLUSTER_CONFIG):  # the nannies hand it on to the worker processes
        with _workers_ignore_ctrl_c():
            cluster = LocalCluster(
                n_workers=n,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.ERROR,
                host="127.0.0.1",
            )
        saved = {name: logging.getLogger(name).level for name in _SHUTDOWN_LOGGERS}  # restored below
        try:
            with cluster, Client(cluster) as client:
                try:
                    yield client
                finally:
                    # Stopping the cluster races the workers' heartbeats: a worker whose heartbeat
                    # meets a scheduler that has just gone logs a CommClosedError traceback, on a
                    # sweep that ended well or was interrupted alike. Nothing in that shutdown is
                    # news to the user (a failed run reaches the client as an exception), so the
                    # workers and this process go quiet first.
                    with contextlib.suppress(Exception):
                        client.run(_quiet_logs)
                    _quiet_logs()
        finally:
            _restore_logs(saved)


#: The loggers that speak while an embedded cluster stops (tornado's reports exceptions in callbacks).
_SHUTDOWN_LOGGERS = ("distributed", "tornado")


def _quiet_logs() -> dict[str, int]:
    """Raise the Dask and tornado loggers of this process to CRITICAL; returns their old levels."""
    saved = {name: logging.getLogger(name).level for name in _SHUTDOWN_LOGGERS}
    for name in saved:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    return saved


def _restore_logs(saved: dict[str, int]) -> None:
    for name, level in saved.items():
        logging.getLogger(name).setLevel(level)


class CtrlC:
    """Ctrl-C, taken at a safe moment: a context manager whose SIGINT handler only notes the press,
    and whose :meth:`check` raises ``KeyboardInterrupt`` where the caller is ready for it.

    Python raises ``KeyboardInterrupt`` wherever the main thread happens to be, and a sweep's main
    thread spends its time inside Dask's client, whose ``sync`` leaves a callback behind when
    interrupted mid-call (tornado then logs a ``NameError`` traceback). Taking the press between
    batches instead costs a few hundredths of a second. A second press, for a sweep that does not
    stop, interrupts at once as usual. Outside the main thread (where signals cannot be handled) it
    does nothing.
    """

    def __init__(self) -> None:
        self.pressed = False
        self._previous: Any = None
        self._installed = False

    def _note(self, signum: int, frame: object) -> None:
        self.pressed = True
        signal.signal(signal.SIGINT, self._previous)

    def __enter__(self) -> CtrlC:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._note)
            self._installed = True
        return self

    def __exit__(self, *exc: object) -> None:
        if self._installed and signal.getsignal(signal.SIGINT) == self._note:
            signal.signal(signal.SIGINT, self._previous)

    def check(self) -> None:
        """Raise ``KeyboardInterrupt`` if Ctrl-C was pressed."""
        if self.pressed:
            raise KeyboardInterrupt


@contextlib.contextmanager
def _workers_ignore_ctrl_c() -> Iterator[None]:
    """Start the worker processes with SIGINT ignored (they inherit it; Python and asyncio then keep it
    ignored): Ctrl-C in a terminal goes to the whole process group, and only this process should act
    on it (one line, exit 130), not every worker with a traceback. The workers stop when the client
    closes the cluster."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _warm_up() -> None:
    """Import the model on a worker (≈ 3 s for mesa) and run a tiny one, which loads the compiled
    kernels from numba's cache (or compiles them, the first time on a machine): the first batch then
    measures a run, not start-up, and the batch sizes that follow from it are right."""
    from wijksim import WijkModel

    WijkModel(rng=0, width=12, height=12, burn_in=2).run(2)

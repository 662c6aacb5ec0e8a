"""Running an experiment on Dask distributed, in batches, streaming to Parquet, resumable.

One code path for one machine and many: by default an embedded ``LocalCluster`` with N worker
processes; with ``scheduler="tcp://host:port"`` an existing cluster. Workers run *batches* of runs
(a task costs ≈ 2 ms of scheduling, so a batch is sized from measured run times to take ≥ 0.1 s) and
return a small table per batch; only the client writes files, so workers need no shared disk.

Memory stays flat: at most a few batches per worker are in flight, each finished batch is written
as a Parquet part and dropped, and which runs are done is a one-byte-per-run mask.

Resume: the parts are the truth. Started again with the same experiment and ``DIR``, a sweep checks
every part's checksum (a damaged part is set aside in ``DIR/damaged/`` and its runs run again), reads
the run ids present in the parts and schedules only the others, so a run is never lost or repeated.
A worker that dies costs only its in-flight batch, which the scheduler reruns elsewhere. A resume
refuses when the model version (wijksim and its git commit) differs from the one that started the
sweep, unless ``allow_version_change``: one dataset should come from one model.
"""

from __future__ import annotations

import contextlib
import math
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import base as sweep_base
from . import storage
from .base import INTERVENTION_PREFIX, ExperimentError, load_base_scenario, plain, scenario_with
from .cluster import LOCAL_CLUSTER_CONFIG, CtrlC, _warm_up, dask_client
from .design import Experiment, RunSpec

__all__ = [
    "LOCAL_CLUSTER_CONFIG",
    "dask_client",
    "load_base_scenario",
    "run_batch",
    "run_one",
    "run_serial",
    "run_sweep",
    "scenario_with",
]

TARGET_TASK_SECONDS = 0.5  # comfortably above the 0.1 s needed to amortise the scheduler's overhead
MAX_BATCH = 1000
MANIFEST_EVERY_SECONDS = 2.0
FORMAT_VERSION = 2  # 2: parts in runs/, checksums, versions
# --- what a worker does -------------------------------------------------------------------------
@dataclass(frozen=True)
class BatchPayload:
    """Everything a worker needs for one batch: plain data, so any worker can run it."""

    scenario: dict[str, Any]
    fixed: dict[str, Any]
    weeks: int
    record: str
    summary_weeks: int
    outputs: tuple[str, ...]
    runs: tuple[RunSpec, ...]
    posterior: list[dict[str, float]] | None = None
    city: Any = None  #: a city experiment's City (picklable): every run is a city run


@dataclass
class BatchResult:
    rows: pd.DataFrame
    failed: dict[int, str] = field(default_factory=dict)
    seconds: float = 0.0
    n_runs: int = 0


def run_one(
    scenario: Any,
    spec: RunSpec,
    fixed: dict[str, Any],
    weeks: int,
    record: str,
    summary_weeks: int,
    outputs: tuple[str, ...],
    posterior: list[dict[str, float]] | None = None,
    city: Any = None,
) -> pd.DataFrame:
    """One run reduced to the rows the experiment keeps (every week, or one summary row); with a
    ``posterior``, parameters drawn from it by the seed (columns ``posterior_<name>``); ``city``: a city run."""
    from ..compare import draw_for_seed
    drawn = draw_for_seed(posterior, spec.seed) if posterior else {}
    ts = sweep_base.run_timeseries(scenario, spec, weeks, {**spec.params(fixed), **drawn}, city)
    if record == "weekly":
        df = ts[["week", *outputs]].copy()
    else:
        tail = ts[list(outputs)].tail(summary_weeks)
        with np.errstate(all="ignore"):
            df = pd.DataFrame(
                [
                    {
                        o: float(np.nanmean(tail[o].to_numpy(dtype=float)))
                        if np.isfinite(tail[o].to_numpy(dtype=float)).any()
                        else float("nan")
                        for o in outputs
                    }
                ]
            )
    head = {"run_id": spec.run_id, "point": spec.point, "replicate": spec.replicate, "seed": spec.seed}
    head.update({k: plain(v) for k, v in spec.values.items()})
    head.update({f"posterior_{k}": v for k, v in drawn.items()})
    for i, (k, v) in enumerate(head.items()):
        df.insert(i, k, v)
    return df


def run_batch(payload: BatchPayload) -> BatchResult:
    """Run a batch on a worker; a run that raises is reported as failed, the others still count."""
    from ..scenarios import parse_scenario

    t0 = time.perf_counter()
    scenario = parse_scenario(payload.scenario, "sweep")
    frames: list[pd.DataFrame] = []
    failed: dict[int, str] = {}
    for spec in payload.runs:
        try:
            frames.append(
                run_one(
                    scenario,
                    spec,
                    payload.fixed,
                    payload.weeks,
                    payload.record,
                    payload.summary_weeks,
                    payload.outputs,
                    payload.posterior,
                    payload.city,
                )
            )
        except Exception as e:  # a model error in one corner of the design must not sink the sweep
            last = traceback.format_exception_only(e)[-1].strip()
            failed[spec.run_id] = last[:500]
    rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return BatchResult(rows, failed, time.perf_counter() - t0, len(payload.runs))


# --- the client side ----------------------------------------------------------------------------
@dataclass
class SweepResult:
    """What a sweep did: counts for the summary line, and the status written to the manifest."""

    total: int
    done: int
    failed: dict[int, str]
    ran: int
    seconds: float
    workers: int
    status: str
    damaged: list[str] = field(default_factory=list)

    @property
    def runs_per_minute(self) -> float:
        return 60.0 * self.ran / self.seconds if self.seconds > 0 else float("nan")


class SweepDirError(ExperimentError):
    """``--out`` holds something else than this experiment's results."""


def _open_dir(out: Path) -> dict[str, Any] | None:
    """Create ``out`` or read its manifest; every file-system refusal becomes one line."""
    try:
        if out.exists() and not out.is_dir():
            raise SweepDirError(f"--out {out}: exists and is not a directory")
        out.mkdir(parents=True, exist_ok=True)
        manifest = storage.read_manifest(out)
        if manifest is None:
            others = [f for f in out.iterdir() if not f.name.startswith(storage.TMP_PREFIX)]
            if others:
                raise SweepDirError(f"--out {out}: not empty and not a sweep directory; choose a new directory")
        probe = out / f"{storage.TMP_PREFIX}probe"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        raise SweepDirError(f"--out {out}: cannot write there ({e.strerror or e})") from None
    except ValueError as e:
        if isinstance(e, SweepDirError):
            raise
        raise SweepDirError(
            f"--out {out}: manifest.json is unreadable ({clip_text(e)}); choose a new directory"
        ) from None
    return manifest


def check_out(out: Path) -> None:
    """Refuse an unusable ``--out`` before anything starts (a file, /proc, a foreign directory)."""
    _open_dir(Path(out))


def clip_text(e: Exception, limit: int = 120) -> str:
    text = str(e)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _check_version(out: Path, manifest: dict[str, Any], allow_version_change: bool) -> None:
    from .. import provenance

    recorded = manifest.get("versions", {}).get("model_version") or manifest.get("wijksim_version")
    now = provenance.model_version()
    if recorded != now and not allow_version_change:
        raise SweepDirError(
            f"--out {out}: the sweep was started with wijksim {recorded} and this is {now}; its runs would "
            "mix two model versions. Use a new directory, or add --allow-version-change to resume anyway"
        )


def prepare_dir(
    exp: Experiment, out: Path, experiment_file: str | None, allow_version_change: bool = False
) -> tuple[np.ndarray, dict[str, Any]]:
    """Create or reopen ``out``; returns the mask of finished runs and the manifest to update.

    On reopening: parts of an older layout move into ``runs/``, half-written files go, parts left
    twice by a killed compaction go, and damaged parts (checksum) are set aside; the manifest's
    ``damaged_now`` lists those (for the caller to report).
    """
    from .. import provenance

    out = Path(out)
    manifest = _open_dir(out)
    if manifest is not None and manifest.get("fingerprint") != exp.fingerprint():
        old = manifest.get("experiment", {}).get("name", "?")
        raise SweepDirError(
            f"--out {out}: holds a different sweep ('{old}', other design, weeks, replicates, "
            "seed or --set values); choose a new directory or repeat the original command"
        )
    if manifest is not None:
        _check_version(out, manifest, allow_version_change)
    storage.migrate_layout(out)
    storage.clean_tmp(out)
    checksums, damaged = storage.verify_parts(out, (manifest or {}).get("checksums"))
    set_aside = storage.set_aside(out, damaged)
    for name in storage.drop_covered_parts(out):
        checksums.pop(name, None)
    done = storage.done_mask(out, exp.n_runs)
    if manifest is None:
        manifest = {
            "format": FORMAT_VERSION,
            "experiment": exp.config(),
            "experiment_file": experiment_file,
            "fingerprint": exp.fingerprint(),
            "wijksim_version": provenance.model_version(),
            "versions": provenance.versions(),
            "layout": "runs/: Parquet dataset of the finished runs (pd.read_parquet(DIR/'runs')); "
            "design.csv: design points; damaged/: parts that failed their checksum",
            "design": {
                "kind": exp.design.kind,
                "factors": exp.factor_names,
                "points": exp.n_points,
                "replicates": exp.replicates,
                "runs": exp.n_runs,
                "record": exp.record,
                "outputs": exp.outputs,
                "seeds": "SeedSequence(seed).spawn(n)[key], key = "
                + ("replicate (common random numbers)" if exp.common_random_numbers else "run_id"),
                "run_id": "point * replicates + replicate",
            },
            "created": _now(),
            "sessions": [],
        }
        exp.points().to_csv(out / storage.DESIGN, index_label="point")
    manifest["format"] = FORMAT_VERSION
    manifest["checksums"] = checksums
    manifest["damaged_now"] = set_aside
    if set_aside:
        manifest.setdefault("damaged", []).extend(set_aside)
    return done, manifest


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _update_manifest(
    out: Path,
    manifest: dict[str, Any],
    done: np.ndarray,
    failed: dict[int, str],
    status: str,
    seconds_per_run: float | None,
) -> None:
    n = len(done)
    failed_ids = np.array(sorted(failed), dtype=np.int64)
    pending = ~done
    if failed_ids.size:
        pending[failed_ids] = False
    manifest.update(
        {
            "status": status,
            "updated": _now(),
            "runs": {
                "total": n,
                "done": int(done.sum()),
                "failed": len(failed),
                "pending": int(pending.sum()),
            },
            "run_status": {
                "done": storage.ranges(np.flatnonzero(done)),
                "failed": {str(k): v for k, v in sorted(failed.items())},
                "pending": storage.ranges(np.flatnonzero(pending)),
            },
            "parts": len(manifest.get("checksums", {})),
        }
    )
    if seconds_per_run is not None:
        manifest["seconds_per_run"] = round(seconds_per_run, 4)
    storage.write_json_atomic(out / storage.MANIFEST, manifest)


def run_sweep(
    exp: Experiment,
    out: Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    experiment_file: str | None = None,
    batch_size: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    client: Any = None,
    allow_version_change: bool = False,
) -> SweepResult:
    """Run every run of ``exp`` not yet in ``out``; see the module docstring.

    ``progress(done, total)`` is called after each finished batch. ``client`` lets a caller (tests,
    notebooks) pass its own Dask client; otherwise one is made from ``workers``/``scheduler``.
    """
    from .. import provenance

    out = Path(out)
    done, manifest = prepare_dir(exp, out, experiment_file, allow_version_change)
    damaged = manifest.pop("damaged_now", [])
    total = exp.n_runs
    todo = np.flatnonzero(~done)
    session = {"started": _now(), "model_version": provenance.model_version(), "set_aside_damaged": damaged,
               "scheduler": scheduler or f"LocalCluster({workers or 1})", "to_run": int(todo.size)}
    manifest.setdefault("sessions", []).append(session)
    failed: dict[int, str] = {}
    _update_manifest(out, manifest, done, failed, "running", None)
    if progress:
        progress(int(done.sum()), total)
    if todo.size == 0:
        manifest["checksums"] = storage.compact(out)  # again, if a kill interrupted the last compaction
        _update_manifest(out, manifest, done, failed, "complete", manifest.get("seconds_per_run"))
        return SweepResult(total, int(done.sum()), failed, 0, 0.0, 0, "complete", damaged)
    batches = _Batches(exp, out, manifest, done, failed, todo, batch_size, progress)
    with contextlib.ExitStack() as stack:
        ctrl_c = stack.enter_context(CtrlC())  # taken between batches, see CtrlC
        if client is None:
            client = stack.enter_context(dask_client(workers, scheduler))
        batches.run(client, ctrl_c, session)
    return SweepResult(total, int(done.sum()), failed, batches.ran, batches.seconds, batches.n_workers,
                       batches.status, damaged)


class _Batches:
    """The client's side of one session: submits batches (sized from measured run times), writes each
    finished batch as a part, and keeps the manifest current. State lives here so that the loop, the
    sizing and the bookkeeping can be read one at a time."""

    def __init__(self, exp: Experiment, out: Path, manifest: dict[str, Any], done: np.ndarray,
                 failed: dict[int, str], todo: np.ndarray, batch_size: int | None,
                 progress: Callable[[int, int], None] | None) -> None:
        self.exp, self.out, self.manifest, self.done, self.failed = exp, out, manifest, done, failed
        self.todo, self.batch_size, self.progress = todo, batch_size, progress
        self.checksums: dict[str, str] = manifest["checksums"]
        base = load_base_scenario(exp)
        self.template = dict(scenario=base.model_dump(mode="json"), fixed=dict(exp.params), weeks=exp.weeks,
                             record=exp.record, summary_weeks=exp.summary_weeks, outputs=tuple(exp.outputs),
                             posterior=exp.posterior, city=sweep_base.load_city_of(exp))
        self.status = "interrupted"
        self.ran = 0
        self.n_workers = 0
        self.seconds = 0.0
        self.per_run: float | None = None
        self.cursor = 0
        self.in_flight: dict[Any, tuple[int, ...]] = {}

    def _size(self) -> int:
        """Runs in the next batch: one while probing, then ≈ TARGET_TASK_SECONDS, smaller near the end."""
        if self.batch_size:
            return self.batch_size
        if self.per_run is None:
            return 1  # probe: the first batches measure how long a run takes here
        size = math.ceil(TARGET_TASK_SECONDS / max(self.per_run, 1e-6))
        remaining = self.todo.size - self.cursor
        return min(size, MAX_BATCH, max(1, remaining // (3 * self.n_workers)))  # keep the tail balanced

    def submit_next(self, client: Any, seq: Any) -> bool:
        if self.cursor >= self.todo.size:
            return False
        ids = self.todo[self.cursor : self.cursor + self._size()]
        self.cursor += len(ids)
        payload = BatchPayload(runs=tuple(self.exp.runs(ids.tolist())), **self.template)
        key = f"wijksim-batch-{self.exp.fingerprint()}-{int(ids[0])}-{time.time_ns()}"
        fut = client.submit(run_batch, payload, pure=False, key=key)
        self.in_flight[fut] = tuple(int(i) for i in ids)
        seq.add(fut)
        return True

    def collect(self, fut: Any) -> None:
        """Write a finished batch as a part (or record its runs as failed)."""
        ids = self.in_flight.pop(fut)
        try:
            res: BatchResult = fut.result()
        except Exception as e:  # e.g. KilledWorker: the batch took down workers repeatedly
            msg = f"{type(e).__name__}: {e}"[:500]
            self.failed.update({i: msg for i in ids})
            return
        if len(res.rows):
            path, digest = storage.write_part(self.out, res.rows)
            self.checksums[path.name] = digest
            finished = res.rows["run_id"].unique()
            self.done[finished] = True
            self.ran += len(finished)
        self.failed.update(res.failed)
        if res.n_runs:
            t = res.seconds / res.n_runs
            self.per_run = t if self.per_run is None else 0.7 * self.per_run + 0.3 * t

    def manifest_now(self, status: str) -> None:
        _update_manifest(self.out, self.manifest, self.done, self.failed, status, self.per_run)

    def run(self, client: Any, ctrl_c: CtrlC, session: dict[str, Any]) -> None:
        from distributed import as_completed

        self.n_workers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
        session["workers"] = self.n_workers
        with contextlib.suppress(Exception):  # import the model on every worker before timing starts
            client.run(_warm_up)
        ctrl_c.check()  # a press during start-up stops here
        t0 = time.perf_counter()  # throughput is measured from a ready cluster, not its start-up
        seq = as_completed()
        last_manifest = time.monotonic()
        try:
            for _ in range(2 * self.n_workers):
                self.submit_next(client, seq)
            for fut in _completed(seq, ctrl_c):
                self.collect(fut)
                fut.release()
                self.submit_next(client, seq)
                if self.progress:
                    self.progress(int(self.done.sum()), len(self.done))
                if time.monotonic() - last_manifest > MANIFEST_EVERY_SECONDS:
                    self.manifest_now("running")
                    last_manifest = time.monotonic()
            self.status = "complete" if not self.failed else "failed"
            if self.status == "complete":
                self.manifest_now("compacting")
                self.manifest["checksums"] = storage.compact(self.out)
        finally:
            if self.in_flight:
                with contextlib.suppress(Exception):
                    client.cancel(list(self.in_flight))
            self.seconds = time.perf_counter() - t0
            session.update({"ended": _now(), "ran": self.ran, "seconds": round(self.seconds, 2),
                            "status": self.status})
            self.manifest_now(self.status)


def _completed(seq: Any, ctrl_c: CtrlC) -> Iterator[Any]:
    """The futures of ``seq`` (a Dask ``as_completed``) as they finish, raising ``KeyboardInterrupt``
    between them once Ctrl-C was pressed (while waiting, it looks every 20 ms)."""
    while True:
        ctrl_c.check()
        if seq.has_ready():
            yield next(seq)
        elif seq.is_empty():
            return
        else:
            time.sleep(0.02)


def run_serial(exp: Experiment, run_ids: list[int] | range | None = None) -> pd.DataFrame:
    """The same runs without Dask, in this process (for benchmarks, tests and debugging)."""
    base = load_base_scenario(exp)
    city = sweep_base.load_city_of(exp)
    frames = [
        run_one(base, spec, dict(exp.params), exp.weeks, exp.record, exp.summary_weeks, tuple(exp.outputs),
                exp.posterior, city)
        for spec in exp.runs(run_ids)
    ]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def factor_columns(df: pd.DataFrame) -> list[str]:
    """Factor columns of a results table (registry parameters and intervention fields)."""
    from ..metrics import ALL_COLUMNS

    skip = {*storage.KEY_COLUMNS, *ALL_COLUMNS}
    return [c for c in df.columns if c not in skip or c.startswith(INTERVENTION_PREFIX)]

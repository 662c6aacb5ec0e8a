"""The sweep's results directory: a Parquet dataset of runs, a manifest, and what resume needs to know.

Layout of ``DIR``::

    manifest.json           experiment, versions, design, status of every run (as id ranges), part checksums
    design.csv              the design points (factor values), for reading by eye or in a spreadsheet
    runs/                   the data: ``pd.read_parquet("DIR/runs")`` (DuckDB, Dask, Arrow read it whole)
      part-<run>-<sha>.parquet   one per finished batch: run id, point, replicate, seed, factors, outputs
    damaged/                parts that failed their checksum, set aside (their runs are run again)

Why this shape: one file per run is slow to read back, one growing file cannot survive a SIGKILL.
A part is written under a temporary name and renamed into place, so it is either complete or absent;
the parts are the truth about which runs are finished, and the manifest (also replaced atomically) is
a summary of them. Resume therefore reads only the ``run_id`` column of the parts.

Damage: the first 16 hex digits of a part's SHA-256 are in its name (the manifest also lists the
full digests), so a part truncated, emptied or with flipped bytes is found on resume and on analyze
(:func:`verify_parts`) without trusting the manifest, which may be older than the newest parts.
When a sweep completes, small parts are merged (:func:`compact`); a kill in the middle of that leaves
runs in two parts, which the next start removes again (:func:`drop_covered_parts`), so resume stays
exact.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..jsonfiles import json_default

MANIFEST = "manifest.json"
DESIGN = "design.csv"
RUNS = "runs"
DAMAGED = "damaged"
PART_GLOB = "part-*.parquet"
TMP_PREFIX = ".tmp-"
KEY_COLUMNS = ("run_id", "point", "replicate", "seed")
HASH_CHARS = 16
#: parts are merged at completion into files of about this many rows
COMPACT_ROWS = 500_000
_NAME = re.compile(r"^part-(\d+)-([0-9a-f]+)\.parquet$")


def runs_dir(out: Path) -> Path:
    """The dataset directory of the runs."""
    return Path(out) / RUNS


def part_files(out: Path) -> list[Path]:
    """The finished parts, in name (= first run id) order."""
    return sorted(runs_dir(out).glob(PART_GLOB))


def migrate_layout(out: Path) -> int:
    """Move parts of a sweep started before ``runs/`` existed (format 1) into ``runs/``."""
    old = sorted(Path(out).glob(PART_GLOB))
    if old:
        runs_dir(out).mkdir(exist_ok=True)
        for f in old:
            os.replace(f, runs_dir(out) / f.name)
    return len(old)


def clean_tmp(out: Path) -> int:
    """Remove half-written files left by a killed sweep; returns how many."""
    n = 0
    for d in (Path(out), runs_dir(out)):
        for f in d.glob(f"{TMP_PREFIX}*"):
            f.unlink(missing_ok=True)
            n += 1
    return n


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def verify_parts(out: Path, known: dict[str, str] | None = None) -> tuple[dict[str, str], list[Path]]:
    """Check every part against the digest in its name (and in ``known``, the manifest's list).

    Returns (digests of the sound parts by name, damaged parts). A part named without a digest (an
    older sweep) must be listed in ``known`` or at least read back whole.
    """
    good: dict[str, str] = {}
    bad: list[Path] = []
    for f in part_files(out):
        digest = sha256(f)
        m = _NAME.match(f.name)
        want_full = (known or {}).get(f.name)
        if want_full is not None:
            ok = digest == want_full
        elif m and len(m.group(2)) == HASH_CHARS:
            ok = digest.startswith(m.group(2))
        else:
            try:
                pq.read_table(f)
                ok = True
            except Exception:  # any way a Parquet file can be unreadable
                ok = False
        if ok:
            good[f.name] = digest
        else:
            bad.append(f)
    return good, bad


def set_aside(out: Path, parts: Sequence[Path]) -> list[str]:
    """Move damaged parts to ``DIR/damaged/`` (out of the dataset); returns their names."""
    if not parts:
        return []
    target = Path(out) / DAMAGED
    target.mkdir(exist_ok=True)
    names = []
    for f in parts:
        dest = target / f.name
        if dest.exists():
            dest = target / f"{f.stem}-{uuid.uuid4().hex[:6]}{f.suffix}"
        os.replace(f, dest)
        names.append(f.name)
    return names


def _ids(f: Path) -> np.ndarray:
    return pq.read_table(f, columns=["run_id"]).column("run_id").to_numpy()


def done_mask(out: Path, n_runs: int) -> np.ndarray:
    """Which run ids are present in the parts (a boolean array: memory is one byte per run)."""
    mask = np.zeros(n_runs, dtype=bool)
    for f in part_files(out):
        ids = _ids(f)
        ids = ids[(ids >= 0) & (ids < n_runs)]
        mask[ids] = True
    return mask


def drop_covered_parts(out: Path) -> list[str]:
    """Delete parts whose runs are all in other parts (left by a compaction that was killed
    between writing the merged part and deleting its sources); biggest parts are kept first."""
    files = part_files(out)
    if len(files) < 2:
        return []
    ids = {f: np.unique(_ids(f)) for f in files}
    seen: set[int] = set()
    dropped = []
    for f in sorted(files, key=lambda p: (-len(ids[p]), p.name)):
        mine = set(ids[f].tolist())
        if mine and mine <= seen:
            f.unlink()
            dropped.append(f.name)
        seen |= mine
    return dropped


def write_part(out: Path, df: pd.DataFrame) -> tuple[Path, str]:
    """Write one batch's rows as a part, atomically; returns its path and SHA-256."""
    first = int(df["run_id"].min()) if len(df) else 0
    d = runs_dir(out)
    d.mkdir(parents=True, exist_ok=True)
    tmp = d / f"{TMP_PREFIX}part-{first:09d}-{uuid.uuid4().hex}.parquet"
    table = pa.Table.from_pandas(df, preserve_index=False)
    try:  # a full disk leaves no half-written part behind
        pq.write_table(table, tmp, compression="zstd")
        digest = sha256(tmp)
        path = d / f"part-{first:09d}-{digest[:HASH_CHARS]}.parquet"
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path, digest


def compact(out: Path, target_rows: int | None = None) -> dict[str, str]:
    """Merge consecutive small parts into parts of about ``target_rows`` rows (run order kept).

    Each merged part is written (atomically) before its sources are deleted, so a kill at any point
    loses nothing; see :func:`drop_covered_parts`. Returns the digests of the parts now present.
    """
    target_rows = target_rows or COMPACT_ROWS
    files = part_files(out)
    groups: list[list[Path]] = [[]]
    rows = 0
    for f in files:
        n = pq.ParquetFile(f).metadata.num_rows
        if groups[-1] and rows + n > target_rows:
            groups.append([])
            rows = 0
        groups[-1].append(f)
        rows += n
    for group in groups:
        if len(group) < 2:
            continue
        df = pd.concat([pd.read_parquet(f) for f in group], ignore_index=True)
        keys = [c for c in ("run_id", "week") if c in df.columns]
        df = df.drop_duplicates(subset=keys).sort_values(keys, kind="stable").reset_index(drop=True)
        write_part(out, df)
        for f in group:
            f.unlink()
    return {f.name: sha256(f) for f in part_files(out)}


def write_json_atomic(path: Path, data: Any) -> None:
    """Replace ``path`` with ``data`` as JSON so that a reader never sees half a file."""
    path = Path(path)
    tmp = path.with_name(f"{TMP_PREFIX}{path.name}")
    try:  # a full disk keeps the previous file whole, and no half-written temporary one
        tmp.write_text(json.dumps(data, indent=2, default=json_default) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def read_manifest(out: Path) -> dict[str, Any] | None:
    path = Path(out) / MANIFEST
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def read_results(out: Path, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """All finished rows, sorted by run (and week); a run present twice is kept once."""
    files = part_files(out)
    if not files:
        return pd.DataFrame(columns=list(columns) if columns else list(KEY_COLUMNS))
    import pyarrow.dataset as ds

    table = ds.dataset([str(f) for f in files], format="parquet").to_table(
        columns=list(columns) if columns else None
    )
    df = table.to_pandas()
    keys = [c for c in ("run_id", "week") if c in df.columns]
    if keys:
        df = df.drop_duplicates(subset=keys, keep="first").sort_values(keys, kind="stable")
    return df.reset_index(drop=True)


def ranges(ids: Iterable[int] | np.ndarray) -> list[list[int]]:
    """Compress sorted run ids into inclusive ``[first, last]`` ranges (the manifest stays small)."""
    arr = np.asarray(sorted(ids) if not isinstance(ids, np.ndarray) else np.sort(ids), dtype=np.int64)
    if arr.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(arr) != 1)
    starts = np.concatenate(([arr[0]], arr[breaks + 1]))
    ends = np.concatenate((arr[breaks], [arr[-1]]))
    return [[int(a), int(b)] for a, b in zip(starts, ends, strict=True)]


def expand(rngs: Iterable[Sequence[int]]) -> np.ndarray:
    """Inverse of :func:`ranges`."""
    parts = [np.arange(a, b + 1) for a, b in rngs]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

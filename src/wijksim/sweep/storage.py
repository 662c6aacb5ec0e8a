"""The sweep's results directory: Parquet parts, a manifest, and what resume needs to know.

Layout of ``DIR``::

    manifest.json           experiment, version, design, status of every run (as id ranges)
    design.csv              the design points (factor values), for reading by eye or in a spreadsheet
    part-<run>-<tag>.parquet one per finished batch: run id, point, replicate, seed, factors, outputs

Why this shape: one file per run is slow to read back, one growing file cannot survive a SIGKILL.
A part is written under a temporary name and renamed into place, so it is either complete or absent;
the parts are the truth about which runs are finished, and the manifest (also replaced atomically) is
a summary of them. Resume therefore reads only the ``run_id`` column of the parts.
"""

from __future__ import annotations

import json
import os
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
PART_GLOB = "part-*.parquet"
TMP_PREFIX = ".tmp-"
KEY_COLUMNS = ("run_id", "point", "replicate", "seed")


def part_files(out: Path) -> list[Path]:
    """The finished parts, in name (= first run id) order."""
    return sorted(Path(out).glob(PART_GLOB))


def clean_tmp(out: Path) -> int:
    """Remove half-written files left by a killed sweep; returns how many."""
    n = 0
    for f in Path(out).glob(f"{TMP_PREFIX}*"):
        f.unlink(missing_ok=True)
        n += 1
    return n


def done_mask(out: Path, n_runs: int) -> np.ndarray:
    """Which run ids are present in the parts (a boolean array: memory is one byte per run)."""
    mask = np.zeros(n_runs, dtype=bool)
    for f in part_files(out):
        ids = pq.read_table(f, columns=["run_id"]).column("run_id").to_numpy()
        ids = ids[(ids >= 0) & (ids < n_runs)]
        mask[ids] = True
    return mask


def write_part(out: Path, df: pd.DataFrame) -> Path:
    """Write one batch's rows as a part, atomically (temporary name, then rename)."""
    first = int(df["run_id"].min()) if len(df) else 0
    name = f"part-{first:09d}-{uuid.uuid4().hex[:8]}.parquet"
    tmp = Path(out) / f"{TMP_PREFIX}{name}"
    table = pa.Table.from_pandas(df, preserve_index=False)
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, Path(out) / name)
    return Path(out) / name


def write_json_atomic(path: Path, data: Any) -> None:
    """Replace ``path`` with ``data`` as JSON so that a reader never sees half a file."""
    path = Path(path)
    tmp = path.with_name(f"{TMP_PREFIX}{path.name}")
    tmp.write_text(json.dumps(data, indent=2, default=json_default) + "\n", encoding="utf-8")
    os.replace(tmp, path)


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

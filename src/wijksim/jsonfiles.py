"""JSON output files (summaries, manifests) that hold numpy scalars and paths."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np


def json_default(o: Any) -> Any:
    """Turn numpy scalars and paths into plain JSON values."""
    if isinstance(o, np.generic):
        return o.item()
    if isinstance(o, Path):
        return str(o)
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


def write_json(path: Path, data: Any) -> None:
    """Write ``data`` as indented JSON."""
    path.write_text(json.dumps(data, indent=2, default=json_default) + "\n", encoding="utf-8")

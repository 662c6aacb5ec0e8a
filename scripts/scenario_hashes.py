"""Fingerprints of every shipped scenario's output: the SHA-256 of ``timeseries.parquet`` at two seeds.

A refactoring that promises not to change model output is checked with it: run it before and after and
compare the two lists (``diff``). It writes the parquet exactly as ``wijksim run`` does (same pandas call),
so a difference here is a difference a user's files would show.

Usage::

    .venv/bin/python scripts/scenario_hashes.py > before.txt
    # ... change the code ...
    .venv/bin/python scripts/scenario_hashes.py > after.txt && diff before.txt after.txt
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wijksim.runner import run_scenario  # noqa: E402
from wijksim.scenarios import load_scenario  # noqa: E402


def fingerprint(path: Path, seed: int) -> str:
    """The SHA-256 of the scenario's ``timeseries.parquet`` at ``seed``, written as ``wijksim run`` does."""
    ts = run_scenario(load_scenario(path), seed)
    buf = io.BytesIO()
    ts.to_parquet(buf, index=False)
    return hashlib.sha256(buf.getvalue()).hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2], help="seeds to run each scenario at")
    args = ap.parse_args()
    for path in sorted(p for p in (ROOT / "scenarios").glob("*.toml") if "city" not in p.stem):  # no city files
        for seed in args.seeds:
            print(f"{path.name} seed={seed} {fingerprint(path, seed)}", flush=True)


if __name__ == "__main__":
    main()

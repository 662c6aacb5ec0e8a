"""Regenerate the fixed-seed baseline (tests/baseline/baseline.json) after an intended model change.

Run it, look at the diff of the JSON in review, and name the change in the commit message:
    .venv/bin/python scripts/update_baseline.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from baseline_run import BASELINE_FILE, baseline_summary  # noqa: E402

if __name__ == "__main__":
    summary = baseline_summary()
    BASELINE_FILE.write_text(json.dumps(summary, indent=1, sort_keys=True) + "\n")
    print(f"wrote {BASELINE_FILE.relative_to(ROOT)} ({len(summary['weekly'])} weekly rows)")

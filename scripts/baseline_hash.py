"""Print the baseline hash: the short name of "what this version of the model outputs" used in CHANGELOG.md.

Definition (the same everywhere; CHANGELOG.md repeats it): the first 12 hex digits of the SHA-256 of
the fixed-seed baseline (``tests/baseline/baseline.json``) written as canonical JSON — keys sorted, no
whitespace (``separators=(",", ":")``), ASCII escapes, UTF-8. The baseline is one rich scenario run
at a fixed seed, every 8th week, 15 outputs at 10 significant digits (``tests/baseline_run.py``), so
any change of model output changes it, while reformatting the file does not.

Usage::

    .venv/bin/python scripts/baseline_hash.py          # hash of the stored baseline
    .venv/bin/python scripts/baseline_hash.py --run    # also recompute it from the current code

``--run`` exits 1 when the current code's output differs from the stored baseline (then, if the change
is intended: ``scripts/update_baseline.py``, and a CHANGELOG entry with the hashes before and after).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BASELINE_FILE = ROOT / "tests" / "baseline" / "baseline.json"


def baseline_hash(summary: dict[str, Any]) -> str:
    """The 12-digit hash of a baseline summary (the parsed JSON), as defined above."""
    canonical = json.dumps(summary, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def stored_hash(path: Path = BASELINE_FILE) -> str:
    """The hash of the stored baseline file."""
    return baseline_hash(json.loads(path.read_text()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--run", action="store_true", help="also run the baseline scenario with the current code")
    args = ap.parse_args(argv)
    stored = stored_hash()
    print(f"stored  {stored}  ({BASELINE_FILE.relative_to(ROOT)})")
    if not args.run:
        return 0
    sys.path.insert(0, str(ROOT / "tests"))
    from baseline_run import baseline_summary

    # the file stores the summary as written by update_baseline.py: round-trip it through JSON the same way
    current = baseline_hash(json.loads(json.dumps(baseline_summary(), sort_keys=True)))
    print(f"current {current}  (the current code)")
    if current != stored:
        print("the model's output changed: if intended, run scripts/update_baseline.py and record it in CHANGELOG.md")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Is this tree's model output byte-identical to another tree's? For refactorings that promise not to change
a single number (issue #25's fused kernels): every stage rewritten must give the same bits.

Each tree is run in its own interpreter (``<tree>/src`` first on the path), on the same cases:

* shipped scenarios (``--scenarios``, default a set covering blame-shifting and mutual support, the narrow
  reporting programme, police feedback, youth, a crime wave, activities and a map): the SHA-256 of
  ``timeseries.parquet`` as ``wijksim run`` writes it (:mod:`scenario_hashes`), at ``--seeds``;
* parameter variants that switch each mechanism's branches (patrol strategies, shared measurement, tie
  endings, the switches of gossip, referral fatigue, conflict and the withdrawal norm, youth, a larger wijk):
  the SHA-256 of a short run's timeseries.

Usage (exit 1 and the differing lines when any case differs)::

    .venv/bin/python scripts/identity_check.py /path/to/other/tree          # e.g. a checkout of main
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ("reference", "blame_shifting", "mutual_support", "narrow_reporting", "police_feedback",
             "police_feedback_none", "youth_mentoring", "youth_coalition", "wave_community_investment",
             "best_persons", "broad_activities", "hofjeswijk")
VARIANTS: tuple[dict[str, object], ...] = (
    {}, {"patrol_strategy": "community"}, {"patrol_strategy": "random"}, {"shared_measurement": True},
    {"collaboration": "mutual_support"}, {"police_feedback": True},
    {"police_feedback": True, "collaboration": "mutual_support"}, {"tie_end_rate": 0.01}, {"b_norm_withdrawn": 0.0},
    {"referral_fatigue_ties": 0.0}, {"trust_gossip": 0.0}, {"victim_trust_loss": 0.0}, {"referral_fatigue": 0.0},
    {"conflict_strain": 0.0}, {"youth_enabled": True}, {"crime_rate": 3.0}, {"cooperation": 0.0},
    {"cooperation": 1.0}, {"width": 63, "height": 63},
)

#: what runs inside each tree's interpreter: prints one "case hash" line per case
CHILD = """
import hashlib, sys
from pathlib import Path
from wijksim.model import WijkModel
import wijksim.runner, wijksim.scenarios  # this tree's, before scenario_hashes puts its own src/ first
sys.path.insert(0, {scripts!r})
from scenario_hashes import fingerprint
for name in {scenarios!r}:
    for seed in {seeds!r}:
        print(f"scenario {{name}} seed={{seed}}", fingerprint(Path({root!r}) / "scenarios" / f"{{name}}.toml", seed),
              flush=True)
for v in {variants!r}:
    for seed in {seeds!r}:
        ts = WijkModel(rng=seed, burn_in=30, **v).run(60).timeseries()
        print(f"variant {{v}} seed={{seed}}", hashlib.sha256(ts.to_numpy().tobytes()).hexdigest(), flush=True)
"""


def fingerprints(tree: Path, scenarios: list[str], seeds: list[int]) -> list[str]:
    """One line per case, computed by ``tree``'s own code in a fresh interpreter."""
    code = CHILD.format(scripts=str(ROOT / "scripts"), scenarios=scenarios, seeds=seeds, root=str(ROOT),
                        variants=list(VARIANTS))
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return out.stdout.splitlines()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("other", type=Path, help="the other tree (its src/ is imported)")
    ap.add_argument("--scenarios", nargs="*", default=list(SCENARIOS))
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    args = ap.parse_args()
    mine = fingerprints(ROOT, args.scenarios, args.seeds)
    theirs = fingerprints(args.other.resolve(), args.scenarios, args.seeds)
    differ = [f"{a}  !=  {b}" for a, b in zip(mine, theirs, strict=True) if a != b]
    print("\n".join(differ) if differ else f"identical: {len(mine)} cases")
    digest = hashlib.sha256("\n".join(mine).encode()).hexdigest()[:12]
    print(f"digest of this tree's cases: {digest}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

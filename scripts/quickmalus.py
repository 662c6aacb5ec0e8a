"""Developer probe: malus and bonus sizes for parameter variants (paired seeds)."""
import sys
import numpy as np
from wijksim.runner import run_scenario
from wijksim.scenarios import load_scenario

kw = {}
for a in sys.argv[1:]:
    k, v = a.split("=")
    kw[k] = float(v) if v.replace('.', '').replace('-', '').isdigit() else v
names = ["no_wave", "wave_no_investment", "wave_community_investment"]
sc = {n: load_scenario(f"scenarios/{n}.toml") for n in names}
res = {n: [] for n in names}
for s in range(8):
    for n in names:
        ts = run_scenario(sc[n], seed=100 + s, overrides=kw)
        res[n].append(ts)
cols = ["incidents", "share_withdrawn", "share_unsafe", "share_active", "damage_mean", "cohesion"]
for lo, hi in [(26, 42), (42, 60), (80, 94), (130, 156)]:
    out = []
    for n in names[1:]:
        d = [ (t[(t.week > lo) & (t.week <= hi)][cols].mean() - b[(b.week > lo) & (b.week <= hi)][cols].mean())
              for t, b in zip(res[n], res["no_wave"])]
        d = np.array(d)
        out.append(f"{n[:12]}: " + " ".join(f"{c[:9]}={d[:, i].mean():+.3f}({d[:, i].mean()/ (d[:, i].std(ddof=1)/np.sqrt(len(d))+1e-12):+.1f})" for i, c in enumerate(cols)))
    print(f"weeks {lo}-{hi}:\n  " + "\n  ".join(out))
base = np.mean([b[(b.week > 130)][cols].mean() for b in res["no_wave"]], axis=0)
print("no_wave level:", dict(zip(cols, np.round(base, 3))))

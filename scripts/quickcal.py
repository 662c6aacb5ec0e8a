"""Quick calibration look: mean of the last 52 weeks over a few seeds (developer tool)."""
import sys
import numpy as np
from wijksim import WijkModel

def look(seeds=range(4), weeks=104, **kw):
    rows = []
    for s in seeds:
        m = WijkModel(rng=s, **kw).run(weeks)
        ts = m.timeseries().tail(52)
        rows.append(ts.mean(numeric_only=True))
    import pandas as pd
    df = pd.DataFrame(rows)
    cols = ["share_unsafe", "fear_mean", "reporting_rate", "share_active", "share_withdrawn", "cohesion",
            "collective_efficacy", "incidents", "incidents_burglary", "incidents_street", "share_complained_year",
            "disorder_mean", "damage_mean", "litter_mean", "bushes_mean", "guardianship_mean", "presence_mean",
            "support_mean", "trust_police", "trust_municipality", "trust_housing", "tie_strength_mean", "ties_per_household"]
    return df[cols].mean()

if __name__ == "__main__":
    kw = {}
    for a in sys.argv[1:]:
        k, v = a.split("=")
        kw[k] = float(v) if v.replace('.', '').replace('-', '').isdigit() else v
    print(look(**kw).round(4).to_string())

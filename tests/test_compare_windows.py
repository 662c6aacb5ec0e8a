"""Comparisons judged in named windows, with explicit contrasts and verdicts only where the interval says so.

Fast tests pin the window arithmetic (inclusive, clipped, several waves, custom windows) against the
model's own timeline, the contrasts, the numbers of ``summarize`` against a hand computation, the
verdict wording, and the CLI's errors. The slow test checks the point of it all on the shipped trio:
a crime wave without investment leaves a malus in share withdrawn in the year after the wave, with
its 95 % interval above zero over 16 paired seeds.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from typer.testing import CliRunner

from wijksim.cli import _register_optional_commands, app
from wijksim.compare import (
    BONUS_MALUS_OUTPUTS,
    CompareError,
    Window,
    contrasts,
    run_comparison,
    summarize,
    tally_line,
    verdict,
    verdict_lines,
    windows_for,
)
from wijksim.runner import run_scenario
from wijksim.scenarios import Scenario, load_scenario

ROOT = Path(__file__).resolve().parents[1]
TRIO = [ROOT / "scenarios" / f for f in ("no_wave.toml", "wave_no_investment.toml", "wave_community_investment.toml")]
SMALL = {"width": 16, "height": 16, "burn_in": 5}

_register_optional_commands()
runner = CliRunner()


def wave(start: int | None, weeks: int | None = None, multiplier: float = 3.0) -> dict:
    iv: dict = {"type": "crime_wave", "start": start, "multiplier": multiplier}
    iv["weeks"] = weeks
    return iv


def sc(name: str, *interventions: dict, weeks: int = 156, params: dict | None = None) -> Scenario:
    return Scenario(name=name, weeks=weeks, params=params or {}, interventions=list(interventions))


def spans(windows: list[Window]) -> dict[str, tuple[int, int]]:
    return {w.name: (w.first, w.last) for w in windows}


# --- windows -------------------------------------------------------------------------------------
def test_trio_windows_are_the_wave_the_year_after_and_the_last_quarter() -> None:
    scs = [load_scenario(f) for f in TRIO]
    ws = windows_for(scs, 156)
    assert [w.name for w in ws] == ["year_after", "wave", "end"]  # reporting order: the headline first
    # wave: start 26 for 16 weeks = weeks 26..41 inclusive; the year after: 42..93; end: the last 13
    assert spans(ws) == {"year_after": (42, 93), "wave": (26, 41), "end": (144, 156)}
    assert all(w.weeks == n for w, n in zip(ws, (52, 16, 13), strict=True))


def test_windows_need_a_crime_wave_and_ignore_names_and_other_interventions() -> None:
    plain = sc("crime wave in the name only",
               {"type": "community_activities", "start": 26, "weeks": 52, "goal": "broad", "per_week": 1})
    assert spans(windows_for([plain], 156)) == {"end": (144, 156)}
    assert spans(windows_for([plain, sc("x", wave(30, 4))], 156)) == {
        "year_after": (34, 85), "wave": (30, 33), "end": (144, 156)}


def test_windows_are_clipped_to_the_run() -> None:
    s = sc("w", wave(26, 16))
    assert spans(windows_for([s], 60)) == {"year_after": (42, 60), "wave": (26, 41), "end": (48, 60)}
    assert spans(windows_for([s], 42)) == {"year_after": (42, 42), "wave": (26, 41), "end": (30, 42)}
    # the wave lasts to the last week: no year after it in the run
    assert spans(windows_for([s], 41)) == {"wave": (26, 41), "end": (29, 41)}
    assert spans(windows_for([s], 30)) == {"wave": (26, 30), "end": (18, 30)}
    # a short run: the end window is the whole run
    assert spans(windows_for([sc("n")], 5)) == {"end": (1, 5)}
    # a wave without a duration lasts to the end of the run; start 0 and none both mean week 1
    assert spans(windows_for([sc("open", wave(100, None))], 156)) == {"wave": (100, 156), "end": (144, 156)}
    assert spans(windows_for([sc("z", wave(0, 5))], 156))["wave"] == (1, 5)
    assert spans(windows_for([sc("z", wave(None, 5))], 156))["wave"] == (1, 5)


def test_several_waves_span_from_the_first_start_to_the_last_end() -> None:
    a = sc("a", wave(10, 5))                     # weeks 10..14
    b = sc("b", wave(30, 4), wave(12, 30))       # weeks 30..33 and 12..41 (overlapping)
    c = sc("c", wave(50, 2, multiplier=1.5))     # weeks 50..51
    assert spans(windows_for([a, b], 156))["wave"] == (10, 41)
    ws = spans(windows_for([a, b, c], 156))
    assert ws["wave"] == (10, 51) and ws["year_after"] == (52, 103)
    # given as (label, scenario) pairs, as run_comparison takes them: the same
    assert spans(windows_for([("a", a), ("c", c)], 156)) == spans(windows_for([a, c], 156))


def test_custom_windows_are_named_by_their_weeks_and_checked() -> None:
    ws = windows_for([sc("n")], 156, ["10:20", " 5 : 5 ", (100, 156), "10:20"])
    assert [(w.name, w.first, w.last) for w in ws] == [
        ("end", 144, 156), ("weeks_10_20", 10, 20), ("weeks_5_5", 5, 5), ("weeks_100_156", 100, 156)]
    for bad in ("20:10", "0:5", "150:157", "-3:4", "a:b", "10", "1.5:3", "10:20:30", ""):
        with pytest.raises(CompareError, match="--window"):
            windows_for([sc("n")], 156, [bad])


def test_wave_windows_match_the_weeks_the_model_multiplies_crime() -> None:
    """The window arithmetic is the timeline's: crime_multiplier is raised in exactly the wave window."""
    for iv in (wave(5, 4), wave(0, 3), wave(12, None)):
        s = sc("w", iv, weeks=20, params=SMALL)
        ts = run_scenario(s, seed=3, weeks=20)
        raised = ts.loc[ts["crime_multiplier"] > ts["crime_multiplier"].min(), "week"]
        w = spans(windows_for([s], 20))["wave"]
        assert (int(raised.min()), int(raised.max())) == w and len(raised) == w[1] - w[0] + 1, iv


# --- contrasts -----------------------------------------------------------------------------------
def test_default_contrasts_are_every_scenario_against_the_first() -> None:
    assert contrasts(["a", "b", "c"]) == [("a", "a"), ("b", "a"), ("c", "a")]


def test_pairs_add_contrasts_once_and_bad_pairs_are_refused() -> None:
    names = ["no_wave", "wave_no_investment", "wave_community_investment"]
    got = contrasts(names, ["wave_no_investment:no_wave", "wave_community_investment:wave_no_investment",
                            ("no_wave", "wave_community_investment")])
    assert got[3:] == [("wave_community_investment", "wave_no_investment"),
                       ("no_wave", "wave_community_investment")]
    assert len(got) == 5  # the first pair repeats a default contrast
    with pytest.raises(CompareError, match=r"unknown scenario 'nope'.*allowed names"):
        contrasts(names, ["nope:no_wave"])
    with pytest.raises(CompareError, match="against itself"):
        contrasts(names, ["no_wave:no_wave"])
    with pytest.raises(CompareError, match="SCENARIO:REFERENCE"):
        contrasts(names, ["no_wave"])
    # a name holding a colon is found by trying every split
    assert contrasts(["x:y", "z"], ["z:x:y"])[-1] == ("z", "x:y")


# --- numbers and verdicts ------------------------------------------------------------------------
def synthetic_runs(shift: dict[str, float], reps: int = 8, weeks: int = 40, noise: float = 0.01,
                   seed: int = 0) -> pd.DataFrame:
    """Weekly rows whose outputs are ``week/1000`` + a per-scenario shift in weeks 21..30 + noise."""
    rng = np.random.default_rng(seed)
    rows = []
    for name, d in shift.items():
        for r in range(reps):
            for w in range(1, weeks + 1):
                base = w / 1000 + (d if 21 <= w <= 30 else 0.0)
                rows.append({"scenario": name, "replicate": r, "seed": r, "week": w,
                             **{o: base + noise * rng.standard_normal() for o in BONUS_MALUS_OUTPUTS},
                             "cohesion": 6.0})
    return pd.DataFrame(rows)


def test_summarize_gives_one_row_per_contrast_and_window_with_paired_t_intervals() -> None:
    runs = synthetic_runs({"a": 0.0, "b": 0.05, "c": -0.05})
    wins = [Window("year_after", 21, 30), Window("end", 28, 40), Window("weeks_1_1", 1, 1)]
    con = contrasts(["a", "b", "c"], ["c:b"])
    s = summarize(runs, wins, con, level=0.9)
    assert len(s) == 4 * 3
    assert list(s[["scenario", "reference", "window"]].itertuples(index=False, name=None))[3:6] == [
        ("b", "a", "year_after"), ("b", "a", "end"), ("b", "a", "weeks_1_1")]
    row = s[(s.scenario == "c") & (s.reference == "b") & (s.window == "year_after")].iloc[0]
    # by hand: per replicate, mean of weeks 21..30 inclusive, paired c − b, t-interval at 90 %
    def wmean(name: str) -> np.ndarray:
        sub = runs[(runs.scenario == name) & (runs.week >= 21) & (runs.week <= 30)]
        return sub.groupby("replicate")["share_withdrawn"].mean().to_numpy()
    d = wmean("c") - wmean("b")
    half = stats.t.ppf(0.95, len(d) - 1) * d.std(ddof=1) / np.sqrt(len(d))
    assert row["bonus_malus_share_withdrawn"] == pytest.approx(d.mean())
    assert row["bonus_malus_share_withdrawn_lo"] == pytest.approx(d.mean() - half)
    assert row["bonus_malus_share_withdrawn_hi"] == pytest.approx(d.mean() + half)
    assert row["pairs"] == 8 and row["level"] == 0.9 and (row["week_from"], row["week_to"]) == (21, 30)
    assert row["share_withdrawn_mean"] == pytest.approx(wmean("c").mean())
    assert row["reference_share_withdrawn_mean"] == pytest.approx(wmean("b").mean())
    # a one-week window holds exactly that week (inclusive at both ends)
    one = s[(s.scenario == "a") & (s.window == "weeks_1_1")].iloc[0]
    assert one["incidents_mean"] == pytest.approx(runs[(runs.scenario == "a") & (runs.week == 1)].incidents.mean())
    # the first scenario against itself: zero by construction, its own means
    own = s[(s.scenario == "a") & (s.reference == "a")]
    assert (own["bonus_malus_incidents"] == 0).all() and verdict(own.iloc[0]) == "reference"


def test_verdicts_name_bonus_or_malus_only_where_the_interval_excludes_zero() -> None:
    runs = synthetic_runs({"a": 0.0, "b": 0.05, "c": -0.05, "d": 0.0})
    wins = windows_for([sc("x", wave(11, 10))], 40)  # year_after = 21..40, wave = 11..20, end = 28..40
    s = summarize(runs, wins, contrasts(["a", "b", "c", "d"]), level=0.95)
    lines = verdict_lines(s)
    assert len(lines) == 3  # one per contrast; the reference against itself has none
    b, c, d = lines
    assert b.startswith("b vs a (8 paired replicates, 95 % intervals): year_after (weeks 21-40): malus in ")
    assert b.index("year_after") < b.index("wave (weeks 11-20)") < b.index("end (weeks 28-40)")
    # no shift in the wave: the shares' intervals lie within their 1 pp margin; the counts' tiny margin
    # (2 % of a mean of ~0.015) does not hold their interval
    assert "wave (weeks 11-20): negligible in feeling unsafe" in b
    assert "no clear difference in incidents/week" in b.split(" | ")[1]
    assert "year_after (weeks 21-40): bonus in " in c
    # pure noise against the reference: no claim anywhere, and the shares called negligible in every window
    assert "malus" not in d and "bonus" not in d and d.count("negligible in feeling unsafe") == 3
    assert tally_line(s) == "27 judgements: 6 bonus, 6 malus, 10 negligible, 5 no clear difference"


def test_one_replicate_gives_no_interval_and_no_verdict() -> None:
    runs = synthetic_runs({"a": 0.0, "b": 0.05}, reps=1)
    s = summarize(runs, [Window("weeks_21_30", 21, 30)], level=0.95)
    row = s.iloc[1]
    assert row["bonus_malus_incidents"] > 0.04 and np.isnan(row["bonus_malus_incidents_lo"])
    assert verdict(row).startswith("no clear difference") and "no interval" in verdict(row)


def test_summarize_without_windows_keeps_the_old_end_of_run_shape() -> None:
    """The UI's compare page calls summarize(runs): one row per scenario, the last 13 weeks, vs the first."""
    runs = synthetic_runs({"a": 0.0, "b": 0.05})
    s = summarize(runs)
    assert list(s["scenario"]) == ["a", "b"] and list(s["reference"]) == ["a", "a"]
    assert set(s["window"]) == {"end"} and (s["week_from"] == 28).all() and (s["week_to"] == 40).all()
    assert s.loc[0, "bonus_malus_incidents"] == 0.0 and s.loc[0, "level"] == 0.95


def test_identical_scenarios_read_negligible() -> None:
    """Two scenarios that differ only in name share every random number: no difference, no bonus or malus,
    and every interval ([0, 0]) lies within its margin: negligible."""
    a, b = sc("same", wave(8, 4), weeks=30, params=SMALL), sc("also same", wave(8, 4), weeks=30, params=SMALL)
    runs = run_comparison([("a", a), ("b", b)], replicates=3, seed=5, workers=1)
    s = summarize(runs, windows_for([a, b], 30), contrasts(["a", "b"]))
    (line,) = verdict_lines(s)
    assert "malus" not in line and "bonus" not in line
    assert line.count("negligible in") == 3 and "no clear" not in line  # year_after, wave and end
    assert (s[[f"bonus_malus_{o}" for o in BONUS_MALUS_OUTPUTS]] == 0).all().all()


# --- the command ---------------------------------------------------------------------------------
def test_compare_command_writes_windows_contrasts_and_verdicts(tmp_path: Path) -> None:
    out = tmp_path / "cmp"
    r = runner.invoke(app, ["compare", *map(str, TRIO), "--replicates", "2", "--weeks", "60", "--workers", "1",
                            "--set", "width=16", "--set", "height=16", "--set", "burn_in=5", "--out", str(out),
                            "--window", "10:20", "--pair", "wave_community_investment:wave_no_investment"])
    assert r.exit_code == 0, r.output
    s = pd.read_csv(out / "summary.csv")
    for col in ("scenario", "reference", "window", "week_from", "week_to", "level", "pairs", "file", "verdict",
                "bonus_malus_share_withdrawn", "bonus_malus_share_withdrawn_lo", "bonus_malus_share_withdrawn_hi",
                "share_withdrawn_mean", "reference_share_withdrawn_mean"):
        assert col in s.columns, col
    assert len(s) == 4 * 4  # (3 default + 1 pair) contrasts x (year_after, wave, end, weeks_10_20)
    assert set(zip(s.window, s.week_from, s.week_to, strict=True)) == {
        ("year_after", 42, 60), ("wave", 26, 41), ("end", 48, 60), ("weeks_10_20", 10, 20)}
    assert (s.level == 0.95).all() and (s.pairs == 2).all()
    runs = pd.read_parquet(out / "runs.parquet")
    assert list(runs.columns[:4]) == ["scenario", "replicate", "seed", "week"] and len(runs) == 3 * 2 * 60
    lines = [x for x in r.stdout.splitlines() if " vs " in x]
    assert [x.split(" (")[0] for x in lines] == ["wave_no_investment vs no_wave",
                                                 "wave_community_investment vs no_wave",
                                                 "wave_community_investment vs wave_no_investment"]
    assert all("(2 paired replicates, 95 % intervals): year_after (weeks 42-60)" in x for x in lines)
    assert (out / "comparison.png").stat().st_size > 10_000


@pytest.mark.parametrize("extra, message", [
    (["--window", "20:10"], "start (20) is after the end (10)"),
    (["--window", "0:5"], "outside the run"),
    (["--window", "150:157"], "outside the run"),
    (["--window", "ten:20"], "two whole week numbers"),
    (["--pair", "nope:no_wave"], "unknown scenario 'nope'"),
    (["--pair", "no_wave:no_wave"], "against itself"),
    (["--level", "1.5"], "--level"),
])
def test_compare_refuses_bad_windows_and_pairs_before_running(tmp_path: Path, extra: list[str],
                                                              message: str) -> None:
    out = tmp_path / "sub" / "cmp"
    r = runner.invoke(app, ["compare", *map(str, TRIO[:2]), "--replicates", "2", "--out", str(out), *extra])
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output and message in r.stderr and r.stderr.count("\n") == 1
    assert not (tmp_path / "sub").exists()  # nothing written, not even the parent of --out


def test_compare_error_in_a_real_process_has_no_traceback(tmp_path: Path, warm_wijksim) -> None:
    r = warm_wijksim("compare", *map(str, TRIO[:2]), "--window", "9:x", "--out", str(tmp_path / "o"), timeout=300)
    assert r.returncode == 2 and "Traceback" not in r.stderr + r.stdout and "--window" in r.stderr
    assert not (tmp_path / "o").exists()


# --- the shipped trio ----------------------------------------------------------------------------
@pytest.mark.slow
def test_trio_malus_lives_in_the_year_after_the_wave() -> None:
    """A wave without investment leaves more households withdrawn in the year after it than no wave at
    all: the 95 % paired interval over 16 seeds (full-size default wijk) lies above zero. Seeds from
    1000 on, apart from those the guide's command uses. Investing in the community gives a bonus."""
    scs = [(f.stem, load_scenario(f)) for f in TRIO]
    runs = run_comparison(scs, replicates=16, seed=1000, workers=2)
    wins = windows_for([s for _, s in scs], 156)
    s = summarize(runs, wins, contrasts([n for n, _ in scs], ["wave_community_investment:wave_no_investment"]),
                  level=0.95)
    by = s.set_index(["scenario", "reference", "window"])
    malus = by.loc[("wave_no_investment", "no_wave", "year_after")]
    assert malus["pairs"] == 16 and malus["level"] == 0.95
    assert malus["bonus_malus_share_withdrawn_lo"] > 0, malus.filter(like="bonus_malus_share_withdrawn")
    bonus = by.loc[("wave_community_investment", "wave_no_investment", "year_after")]
    assert bonus["bonus_malus_share_withdrawn_hi"] < 0, bonus.filter(like="bonus_malus_share_withdrawn")
    line = verdict_lines(s)[0]
    assert line.startswith("wave_no_investment vs no_wave (16 paired replicates, 95 % intervals): "
                           "year_after (weeks 42-93): malus in ")

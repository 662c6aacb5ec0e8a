"""Verdicts that matter: each output's margin (the smallest difference worth a verdict, :mod:`wijksim.outputs`),
and compare's rule (:func:`wijksim.compare.judge`): *bonus* / *malus* only when the interval excludes zero and
the estimate exceeds the margin, *negligible* when the whole interval lies within ± the margin, otherwise
*no clear difference*; the CLI and the UI count their judgements.

The rule at its boundaries is pinned by fast unit tests. Issue 26's test — the reference against four copies
with ``habit`` raised by 0.0001·i, 12 replicates, ``--window 53:104``: 24 judgements, none a bonus or malus
— runs slow at full size (before margins, 2 of its 24 judgements read "malus in withdrawn +0.48 pp") and
fast on a 24×24 wijk; a real effect (the engagement programme) keeps its word.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from wijksim.cli import _register_optional_commands, app
from wijksim.compare import (
    BONUS_MALUS_OUTPUTS,
    Window,
    explanation,
    judge,
    run_comparison,
    summarize,
    tally,
    tally_line,
    verdict,
    window_word,
)
from wijksim.outputs import OUTPUTS, output
from wijksim.scenarios import Scenario, load_scenario

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "scenarios" / "reference.toml"
ENGAGEMENT = ROOT / "scenarios" / "engagement_programme.toml"
#: a wijk on which a habit change of 0.0001 still moves some decisions (on 16×16 it moves none) in ~9 s
MEDIUM = {"width": 24, "height": 24, "burn_in": 10}

_register_optional_commands()
runner = CliRunner()


# --- the registry ---------------------------------------------------------------------------------
def test_every_output_has_a_positive_margin_with_its_reason() -> None:
    for o in OUTPUTS:
        assert o.margin.value > 0 and len(o.margin.reason) > 20, o.name
    # the documented choices
    assert output("share_unsafe").margin.value == 0.01 and not output("share_unsafe").margin.relative
    assert output("share_withdrawn").margin.absolute(0.4) == 0.01  # absolute: the reference does not matter
    assert output("cohesion").margin.value == 0.1  # 0.1 on its 0-10 scale
    assert output("trust_police").margin.value == 0.01  # 0.01 on 0-1: the same precision as cohesion's
    assert output("incidents").margin.relative and output("incidents").margin.absolute(11.0) == pytest.approx(0.22)
    assert output("tie_strength_mean").margin.relative  # an unbounded level scales with the wijk, as a count


# --- the rule at its boundaries ---------------------------------------------------------------------
@pytest.mark.parametrize(("mean", "lo", "hi", "margin", "word"), [
    (0.02, 0.01, 0.03, 0.01, "malus"),  # excludes zero, beyond the margin
    (-0.02, -0.03, -0.01, 0.01, "bonus"),
    (0.0101, 0.0001, 0.0201, 0.01, "malus"),  # just beyond
    (0.01, 0.005, 0.015, 0.01, "no clear difference"),  # at the margin exactly: not beyond it, not within it
    (-0.01, -0.015, -0.005, 0.01, "no clear difference"),
    (0.02, 0.0, 0.04, 0.01, "no clear difference"),  # an interval touching zero does not exclude it
    (0.005, 0.002, 0.008, 0.01, "negligible"),  # real (excludes zero) but smaller than the margin
    (-0.005, -0.008, -0.002, 0.01, "negligible"),
    (0.0, -0.01, 0.01, 0.01, "negligible"),  # the bounds at ± the margin are within it
    (0.0, -0.0101, 0.01, 0.01, "no clear difference"),  # one bound just outside: too wide to say
    (0.0, -0.05, 0.05, 0.01, "no clear difference"),
    (0.0, 0.0, 0.0, 0.0, "negligible"),  # identical runs, a margin of zero (a reference mean of zero)
    (0.001, 0.0005, 0.0015, 0.0, "malus"),  # margin zero: the plain interval rule
    (0.5, math.nan, math.nan, 0.01, "no clear difference"),  # one replicate: no interval, no verdict
    (0.5, 0.4, 0.6, math.nan, "no clear difference"),
])
def test_judge_at_the_boundaries(mean: float, lo: float, hi: float, margin: float, word: str) -> None:
    assert judge(mean, lo, hi, margin) == word


def _row(values: dict[str, tuple[float, float, float]], margins: dict[str, float]) -> dict:
    row: dict = {"scenario": "b", "reference": "a", "window": "end", "week_from": 1, "week_to": 13,
                 "level": 0.95, "pairs": 10}
    for out, (m, lo, hi) in values.items():
        row |= {f"bonus_malus_{out}": m, f"bonus_malus_{out}_lo": lo, f"bonus_malus_{out}_hi": hi,
                f"margin_{out}": margins[out]}
    return row


def test_verdict_lines_tally_and_window_word_follow_the_rule() -> None:
    inc, unsafe, withdrawn = BONUS_MALUS_OUTPUTS
    margins = {inc: 0.2, unsafe: 0.01, withdrawn: 0.01}
    tiny = _row({inc: (-0.15, -0.26, -0.03), unsafe: (0.004, 0.001, 0.007), withdrawn: (0.0, -0.02, 0.02)}, margins)
    # issue 26's case: -0.15 [-0.26, -0.03] excludes zero but is under its margin of 0.2: no bonus
    assert verdict(tiny) == ("negligible in feeling unsafe +0.40 pp [+0.10, +0.70]; no clear difference in "
                             "incidents/week -0.15 [-0.26, -0.03], withdrawn +0.00 pp [-2.00, +2.00]")
    assert window_word(tiny) == "no clear difference"
    real = _row({inc: (-0.8, -1.0, -0.6), unsafe: (0.004, 0.001, 0.007), withdrawn: (0.03, 0.02, 0.04)}, margins)
    assert verdict(real).startswith("malus in withdrawn +3.00 pp [+2.00, +4.00]; bonus in incidents/week -0.80")
    assert window_word(real) == "malus and bonus"
    calm = _row({o: (0.0, -0.001, 0.001) for o in BONUS_MALUS_OUTPUTS}, margins)
    assert window_word(calm) == "negligible"
    own = {**calm, "scenario": "a"}  # the reference against itself is no judgement
    table = pd.DataFrame([own, tiny, real, calm])
    assert tally(table) == {"malus": 1, "bonus": 1, "negligible": 5, "no clear difference": 2}
    assert tally_line(table) == "9 judgements: 1 bonus, 1 malus, 5 negligible, 2 no clear difference"
    assert tally_line(table.iloc[:2]) == "3 judgements: 0 bonus, 0 malus, 1 negligible, 2 no clear difference"


def test_a_row_without_margin_columns_takes_the_registry_margin_of_its_reference_mean() -> None:
    """summary.csv files written before margins: the margin follows from the registry and the reference."""
    row = _row({o: (0.15, 0.05, 0.25) for o in BONUS_MALUS_OUTPUTS}, dict.fromkeys(BONUS_MALUS_OUTPUTS, 0.0))
    for o in BONUS_MALUS_OUTPUTS:
        del row[f"margin_{o}"]
        row[f"reference_{o}_mean"] = 10.0
    # incidents: 2 % of 10 = 0.2 > 0.15 (not a malus); the shares: 1 pp < 15 pp (a malus)
    assert verdict(row).startswith("malus in feeling unsafe +15.00 pp") and "no clear difference in incidents" \
        in verdict(row)


def test_summarize_records_each_margin_from_the_reference_arm() -> None:
    rows = [{"scenario": sc, "replicate": r, "seed": r, "week": w, "incidents": base + 0.01 * r,
             "share_unsafe": 0.2, "share_withdrawn": 0.1}
            for sc, base in (("a", 10.0), ("b", 20.0)) for r in range(3) for w in range(1, 14)]
    s = summarize(pd.DataFrame(rows), [Window("end", 1, 13)]).set_index("scenario")
    assert s.loc["b", "margin_incidents"] == pytest.approx(0.02 * 10.01)  # the reference's mean, not b's
    assert s.loc["b", "margin_share_unsafe"] == 0.01 and s.loc["b", "margin_share_withdrawn"] == 0.01
    assert verdict(s.loc["b"].to_dict() | {"scenario": "b"}).startswith("malus in incidents/week +10.00")
    text = explanation(0.95)
    assert "exceeds the output's margin (incidents/week 2 % of the reference's mean; feeling unsafe 1 pp; " \
           "withdrawn 1 pp)" in text and "negligible when the whole interval lies within" in text


# --- the UI says the same -------------------------------------------------------------------------
def test_the_compare_table_words_margins_and_tally_in_both_languages() -> None:
    import solara

    from wijksim.ui.compare_page import BonusMalusTable, margin_label, table_rows, tally_text

    inc, unsafe, withdrawn = BONUS_MALUS_OUTPUTS
    margins = {inc: 0.2, unsafe: 0.01, withdrawn: 0.01}
    row = _row({inc: (-0.15, -0.26, -0.03), unsafe: (0.004, 0.001, 0.007), withdrawn: (0.03, 0.02, 0.04)}, margins)
    summary = pd.DataFrame([row])
    for lang, words in (("en", ["no clear difference", "negligible", "malus (worse)"]),
                        ("nl", ["geen duidelijk verschil", "verwaarloosbaar", "malus (slechter)"])):
        cells = table_rows(summary, "end", lang)[0][1:]
        assert [w for _, w in cells] == ["no clear difference", "negligible", "malus"]
        assert [t.split(" — ")[1] for t, _ in cells] == words
    assert tally_text(summary, "end", "nl") == "3 oordelen: 0 bonus, 1 malus, 1 verwaarloosbaar, 1 geen duidelijk " \
                                               "verschil"
    assert margin_label(unsafe, "nl") == "marge 1 %-punt" and margin_label(inc, "en") == "margin 2 % of the reference"
    _box, rc = solara.render(BonusMalusTable(summary, "end", "en"), handle_error=False)
    html = rc.find(solara.widgets.HTML).widget.unsafe_innerHTML
    assert "margin 1 pp" in html and "3 judgements: 0 bonus, 1 malus, 1 negligible" in html


# --- the model: a tiny change gets no word, a real effect keeps its word ------------------------------
def _variant(path: Path, name: str, weeks: int, params: dict) -> Scenario:
    data = load_scenario(path).model_dump()
    data |= {"name": name, "weeks": weeks, "params": {**data["params"], **params}}
    return Scenario.model_validate(data)


def test_a_tiny_habit_change_gets_no_verdict_word_on_a_medium_wijk() -> None:
    """The issue's test on a 24×24 wijk over 104 weeks: differences that are not all zero (the change moves
    some decisions), 24 judgements, none a bonus or malus."""
    named = [("reference", _variant(REFERENCE, "reference", 104, MEDIUM))]
    named += [(f"habit{i}", _variant(REFERENCE, f"habit{i}", 104, MEDIUM | {"habit": 1.0 + 0.0001 * i}))
              for i in range(1, 5)]
    runs = run_comparison(named, replicates=12, seed=1, weeks=104, workers=2)
    s = summarize(runs, [Window("end", 92, 104), Window("weeks_53_104", 53, 104)])
    assert (s.filter(regex=r"^bonus_malus_\w+_hi$").abs().to_numpy() > 0).any()  # not identical runs
    counts = tally(s)
    assert sum(counts.values()) == 24 and counts["bonus"] == counts["malus"] == 0, tally_line(s)


def test_the_engagement_programme_keeps_its_bonus_on_a_medium_wijk() -> None:
    named = [("reference", _variant(REFERENCE, "reference", 104, MEDIUM)),
             ("engagement", _variant(ENGAGEMENT, "engagement", 104, MEDIUM))]
    runs = run_comparison(named, replicates=8, seed=1, weeks=104, workers=2)
    s = summarize(runs, [Window("weeks_53_104", 53, 104)])
    row = s[s["scenario"] == "engagement"].iloc[0]
    assert verdict(row).startswith("bonus in incidents/week"), verdict(row)
    assert "withdrawn" in verdict(row).split(";")[0]  # withdrawn's bonus too, beyond its 1 pp


def _compare(tmp_path: Path, files: list[Path], *extra: str) -> str:
    out = tmp_path / "cmp"
    r = runner.invoke(app, ["compare", *map(str, files), "--replicates", "12", "--seed", "1", "--window", "53:104",
                            "--workers", "2", "--out", str(out), *extra])
    assert r.exit_code == 0, r.output
    summary = pd.read_csv(out / "summary.csv")
    assert {f"margin_{o}" for o in BONUS_MALUS_OUTPUTS} <= set(summary.columns)
    return r.output


@pytest.mark.slow
def test_issue_26_a_tiny_habit_change_gives_no_verdict_word(tmp_path: Path) -> None:
    """The reference against four copies with habit + 0.0001·i, 12 replicates, --window 53:104 (~80 s)."""
    text = REFERENCE.read_text()
    copies = []
    for i in range(1, 5):
        f = tmp_path / f"habit{i}.toml"
        f.write_text(re.sub(r'^name = ".*"$', f'name = "habit {i}"', text, count=1, flags=re.M)
                     + f"\n[params]\nhabit = {1.0 + 0.0001 * i!r}\n")
        copies.append(f)
    printed = _compare(tmp_path, [REFERENCE, *copies])
    assert "24 judgements: 0 bonus, 0 malus, " in printed, printed
    assert not re.search(r"\b(bonus|malus) in ", printed), printed


@pytest.mark.slow
def test_issue_26_the_engagement_programme_still_gets_its_word(tmp_path: Path) -> None:
    printed = _compare(tmp_path, [REFERENCE, ENGAGEMENT])
    line = next(x for x in printed.splitlines() if x.startswith("engagement_programme vs reference"))
    assert "weeks_53_104 (weeks 53-104): bonus in incidents/week" in line, line

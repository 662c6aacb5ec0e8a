"""Dutch all the way: the registry's Dutch texts, error messages rendered in Dutch, the UI's own strings."""

from __future__ import annotations

import re

import pytest

from wijksim.params import GROUPS, PARAMS
from wijksim.params.registry import STAGES
from wijksim.text.params import SOURCES_NL, UNITS_NL
from wijksim.ui import i18n

#: English words that must not show in a Dutch help text or error message (units, range words and the
#: small words of an English sentence)
ENGLISH_WORDS = ("the", "and", "to", "with", "are", "a", "an", "per unit", "share", "weeks", "cells", "fraction",
                 "ties", "ratio", "probability", "utility", "jobs", "reports", "units", "households", "whole number",
                 "true or false", "one of", "calibration", "calibrated", "allowed", "invalid", "unknown", "missing",
                 "field", "file", "not", "larger", "than", "required", "expected", "did you", "mean", "got", "more",
                 "number", "text", "entries", "most", "least", "after", "no such", "cannot", "read", "valid",
                 "nested", "deeply", "empty", "needs", "lists", "should", "must", "weight", "weights")


def english_words(text: str) -> list[str]:
    """The words of :data:`ENGLISH_WORDS` in ``text`` (whole words, case-insensitive); quoted values
    ('...') and code (`...`) are left out: they are what the user wrote or must write."""
    bare = re.sub(r"'[^']*'|`[^`]*`|\"[^\"]*\"", "", text)
    return [w for w in ENGLISH_WORDS if re.search(rf"(?<![\w/.-]){re.escape(w)}(?![\w/-])", bare, re.I)]


def test_every_parameter_has_its_dutch_texts_next_to_the_english() -> None:
    assert [g.name for g in STAGES] == list(GROUPS), "each group is one stage module of wijksim.params"
    for stage in STAGES:
        assert stage.name_nl, f"{stage.name}: no Dutch name"
        assert {p.group for p in stage.params} == {stage.name}
        assert i18n.group_label(stage.name, "nl") == stage.name_nl
        assert i18n.group_label(stage.name, "en") == stage.name
        assert all(PARAMS[p.name] is p for p in stage.params), f"{stage.name}: an entry is not in PARAMS as declared"
    assert sum(len(stage.params) for stage in STAGES) == len(PARAMS)
    for name, p in PARAMS.items():
        assert p.label_nl and p.meaning_nl, f"{name}: no Dutch label or meaning"
        assert p.meaning_nl != p.meaning, f"{name}: the Dutch meaning is the English one"
        assert p.unit in UNITS_NL, f"{name}: unit {p.unit!r} has no Dutch"
        assert i18n.param_label(name, "nl") == p.label_nl
    assert set(SOURCES_NL) <= {p.source for p in PARAMS.values()}  # no stale source translations


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_dutch_help_has_no_english_words(name: str) -> None:
    p = PARAMS[name]
    nl = i18n.param_help(name, "nl")
    assert p.meaning_nl in nl
    assert not english_words(nl), (name, english_words(nl), nl)
    en = i18n.param_help(name, "en")
    assert p.meaning in en and p.range_text() in en  # English unchanged


def test_dutch_ranges_and_units() -> None:
    assert i18n.param_help("crime_rate", "nl").endswith("; 0 tot en met 10")
    assert "(geheel getal)" in i18n.param_help("width", "nl")
    assert "[cellen (≈ 15 m)]" in i18n.param_help("width", "nl")
    assert "[fractie]" in i18n.param_help("share_green", "nl")
    assert "0 tot en met 0,6" in i18n.param_help("share_green", "nl")
    assert "waar of onwaar" in i18n.param_help("police_feedback", "nl")
    assert "'hotspot' (brandpunten)" in i18n.param_help("patrol_strategy", "nl")


# --- error messages -----------------------------------------------------------------------------------
#: what the Dutch message of each bad file must name (field, value, allowed range or the way out)
NAMES: dict[str, tuple[str, ...]] = {
    "unknown_field": ("colour", "onbekend veld"),
    "unknown_param": ("crime_rat", "bedoelt u crime_rate?"),
    "unknown_param_far": ("zzz", "onbekende parameter"),
    "out_of_range": ("crime_rate", "42", "0 tot en met 10"),
    "param_text": ("crime_rate", "'2'", "0 tot en met 10", "geen tekst"),
    "param_bool_for_number": ("crime_rate", "true", "0 tot en met 10"),
    "param_not_bool": ("police_feedback", "waar of onwaar"),
    "param_bad_choice": ("patrol_strategy", "'everywhere'", "'hotspot'"),
    "param_not_whole": ("width", "20,5", "10 tot en met 400 (geheel getal)"),  # a decimal comma (issue 24)
    "weeks_range": ("weeks = 0", ">= 1"),
    "weeks_text": ("weeks", "'ten'", "verwacht een getal"),
    "weeks_bool": ("weeks", "verwacht een getal"),
    "name_type": ("name = 3", "verwacht tekst"),
    "name_empty": ("name", "mag niet leeg zijn"),
    "missing_name": ("name", "verplicht veld ontbreekt"),
    "empty_file": ("leeg scenario", "name"),
    "toml_syntax": ("geen geldige TOML", "regel 2, kolom 9"),
    "toml_unclosed": ("geen geldige TOML", "regel 1"),
    "not_utf8": ("UTF-8",),
    "too_large": ("groter dan 1 MB",),
    "nested": ("te diep genest", "20"),
    "inconsistent_shares": ("initial_share_active", "initial_share_withdrawn", "1,2", "meer dan 1"),
    "inconsistent_degree": ("mean_degree", "max_degree", "groter dan"),
    "unknown_type": ("interventions[0].type", "'teleport'", "crime_wave"),
    "missing_type": ("interventions[0]", "'type' ontbreekt", "crime_wave"),
    "iv_out_of_range": ("interventions[0].multiplier = 99", "<= 20"),
    "iv_unknown_field": ("interventions[0].how_many", "onbekend veld"),
    "iv_after_end": ("interventions[0] (crime_wave).start = 20", "0 tot en met 10"),
    "iv_bad_literal": ("interventions[0].strategy", "'random', 'hotspot' of 'community'"),
    "params_not_table": ("params", "tabel"),
    "layout_missing": ("layout", "nope.txt", "bestaat niet"),
    "layout_and_size": ("params.width", "layout"),
    "param_too_big": ("crime_rate", "te groot", "0 tot en met 10"),
    "iv_too_big": ("interventions[0].multiplier",),
    "toml_int_too_long": ("geen geldige TOML",),
}


def _field_free(text: str) -> str:
    """The message without the names a user writes in a file (``weeks`` is a field, not an English word)."""
    from wijksim.interventions import INTERVENTIONS
    from wijksim.scenarios import Scenario

    fields = set(Scenario.model_fields) | set(PARAMS)
    for cls in INTERVENTIONS.values():
        fields |= set(cls.model_fields)
    return re.sub(r"[\w\[\].]+", lambda m: "" if m.group(0).split("[")[0].split(".")[-1] in fields else m.group(0),
                  text)


@pytest.mark.parametrize("kind", sorted(NAMES))
def test_bad_files_are_explained_in_dutch_and_unchanged_in_english(kind: str, tmp_path) -> None:
    from bad_inputs import BAD_FILES
    from wijksim.scenarios import ScenarioError, load_scenario
    from wijksim.text.messages import problem_of, text

    content = BAD_FILES[kind]
    f = tmp_path / f"{kind}.toml"
    f.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(ScenarioError) as err:
        load_scenario(f)
    found = problem_of(err.value)
    assert found is not None, f"{kind}: no structured problem"
    assert found.text("en") == str(err.value)  # the command line's message, from the same facts
    nl = text(err.value, "nl")
    assert nl.startswith(str(f)) and "\n" not in nl and nl != str(err.value)
    for needle in NAMES[kind]:
        assert needle in nl, (kind, needle, nl)
    assert not english_words(_field_free(nl[len(str(f)):])), (kind, english_words(_field_free(nl)), nl)


def test_the_english_messages_are_the_command_lines() -> None:
    """A few messages verbatim, as the command line has always printed them (tests of the CLI assert more)."""
    from wijksim.params import ParamError, parse_assignment
    from wijksim.scenarios import ScenarioError, parse_scenario_text

    cases = {
        'name = "x"\n[params]\ncrime_rate = 42\n': "s: parameter 'crime_rate' = 42 is invalid: allowed 0 to 10",
        'name = "x"\ncolour = "red"\n': "s: colour: unknown field",
        'name = "x"\nweeks = 0\n': "s: weeks = 0 is invalid: allowed >= 1",
        'name = "x"\n[params]\ninitial_share_active = 0.7\ninitial_share_withdrawn = 0.5\n':
            "s: params: initial_share_active (0.7) + initial_share_withdrawn (0.5) = 1.2 is more than 1: they are "
            "shares of the same households",
    }
    for content, message in cases.items():
        with pytest.raises(ScenarioError) as err:
            parse_scenario_text(content, "s")
        assert str(err.value) == message
    with pytest.raises(ParamError) as perr:
        parse_assignment("crime_rat=2")
    assert str(perr.value) == ("--set: unknown parameter 'crime_rat' (did you mean crime_rate?); `wijksim params` "
                               "lists them")


@pytest.mark.parametrize("kind", ["set_no_equals", "set_unknown", "set_out_of_range", "set_text"])
def test_bad_assignments_in_dutch(kind: str) -> None:
    from bad_inputs import BAD_ASSIGNMENTS
    from wijksim.params import ParamError, parse_assignment
    from wijksim.text.messages import text

    with pytest.raises(ParamError) as err:
        parse_assignment(BAD_ASSIGNMENTS[kind])
    nl = text(err.value, "nl")
    assert "crime_rat" in nl and not english_words(_field_free(nl)), nl


def test_an_uploaded_file_is_checked_like_one_on_disk() -> None:
    from wijksim.scenarios import ScenarioError
    from wijksim.text.messages import text
    from wijksim.ui.components import parse_upload

    cases = ((b'name = "\xff"\n', "UTF-8"), (b"#" * 1_000_001, "1 MB"), (b"name = ", "eind van het bestand"),
             (b"a = = 1", "regel 1"))
    for data, needle in cases:
        with pytest.raises(ScenarioError) as err:
            parse_upload("mijn.toml", data)
        nl = text(err.value, "nl")
        assert nl.startswith("mijn.toml: ") and needle in nl and not english_words(nl), nl
    assert parse_upload("ok.toml", b'\xef\xbb\xbfname = "x"\n').name == "x"  # a byte-order mark is fine


def test_seed_and_posterior_errors_in_dutch(tmp_path) -> None:
    import pandas as pd

    from wijksim.compare import CompareError, read_posterior
    from wijksim.model import WijkModel
    from wijksim.text.messages import text

    with pytest.raises(ValueError) as err:
        WijkModel(rng=-1)
    assert "0 tot en met 2**63 - 1" in text(err.value, "nl") and not english_words(text(err.value, "nl"))
    cases = {"missing": None, "columns": pd.DataFrame({"crime_rate": [1.0]}),
             "unknown": pd.DataFrame({"zzz": [1.0], "weight": [1.0]}),
             "weights": pd.DataFrame({"crime_rate": [1.0], "weight": [0.0]}),
             "range": pd.DataFrame({"crime_rate": [42.0], "weight": [1.0]})}
    for key, frame in cases.items():
        path = tmp_path / f"{key}.parquet"
        if frame is not None:
            frame.to_parquet(path)
        with pytest.raises(CompareError) as cerr:
            read_posterior(path)
        nl = text(cerr.value, "nl")
        assert str(path) in nl and nl != str(cerr.value), nl
        assert not english_words(_field_free(nl.replace(str(path), ""))), (key, nl)


# --- the page ------------------------------------------------------------------------------------------
def _render_picker(lang, tmp_path):
    import ipyvuetify as v
    import solara

    from wijksim.scenarios import default_scenario
    from wijksim.ui.components import ScenarioPicker
    from wijksim.ui.session import RunConfig

    bad = tmp_path / "wijk.toml"
    bad.write_text('name = "x"\n[params]\ncrime_rate = 42\n')
    language = solara.reactive(lang)

    @solara.component
    def Host() -> None:
        pending = solara.use_reactive(default_scenario())
        source = solara.use_reactive("defaults")
        ScenarioPicker(RunConfig(), pending, source, language.value)

    _box, rc = solara.render(Host(), handle_error=False)
    field = next(w for w in rc.find(v.TextField).widgets if "wijk-scenario-path" in (w.class_ or ""))
    field.v_model = str(bad)
    field.fire_event("focusout", None)
    next(w for w in rc.find(v.Btn).widgets if "wijk-load" in (w.class_ or "")).click()
    return rc, language


def _error_text(rc) -> str:
    import ipyvuetify as v

    return " ".join(str(w.children) for w in rc.find(v.Alert).widgets)


def test_a_bad_file_is_explained_in_the_pages_language_also_after_switching(tmp_path) -> None:
    rc, language = _render_picker("nl", tmp_path)
    shown = _error_text(rc)
    assert "crime_rate" in shown and "0 tot en met 10" in shown and "ongeldig" in shown, shown
    language.set("en")
    shown = _error_text(rc)
    assert "is invalid: allowed 0 to 10" in shown, shown


def test_dutch_number_formats_and_words_on_the_compare_table() -> None:
    import pandas as pd

    from wijksim.compare import BONUS_MALUS_OUTPUTS
    from wijksim.ui.compare_page import table_rows

    row = {"scenario": "b", "reference": "a", "window": "end", "week_from": 1, "week_to": 13, "level": 0.95,
           "pairs": 10}
    for out in BONUS_MALUS_OUTPUTS:
        row |= {f"bonus_malus_{out}": -0.0255, f"bonus_malus_{out}_lo": -0.04, f"bonus_malus_{out}_hi": -0.01,
                f"margin_{out}": 0.01}
    summary = pd.DataFrame([row])
    nl = " ".join(t for t, _ in table_rows(summary, "end", "nl")[0])
    en = " ".join(t for t, _ in table_rows(summary, "end", "en")[0])
    # one formatter (text.numbers.number): a true minus sign in both languages, as on the figures' axes
    assert not re.search(r"-\d", nl + en) and "−2,55 %-punt [−4,00; −1,00]" in nl and "bonus (beter)" in nl, nl
    assert "−2.55 pp [−4.00, −1.00]" in en, en


def test_choice_values_and_scenario_values_in_dutch() -> None:
    from wijksim.ui.components import choice_text, value_text

    assert choice_text("hotspot", "nl") == "brandpunten (hotspot)" and choice_text("hotspot", "en") == "hotspot"
    assert value_text(True, "nl") == "ja" and value_text(0.0009, "nl") == "0,0009" and value_text(0.5, "en") == "0.5"

"""Small refusals: ``params --group`` with an unknown group, and control characters (ANSI escapes, carriage
returns, newlines, bidi overrides) or rich markup in names and quoted values, which reach the terminal
escaped (see :mod:`wijksim.terminal` for why escaping rather than refusing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

ESC_NAME = "\x1b[2J\x1b[31mred\rover\u202egnp.exe"


def _app():
    import wijksim.scenario_commands  # noqa: F401
    from wijksim.cli import app

    return app


def test_params_with_an_unknown_group_names_the_groups() -> None:
    r = CliRunner().invoke(_app(), ["params", "--group", "nosuchgroup"])
    assert r.exit_code == 2
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and "nosuchgroup" in lines[0] and "police" in lines[0] and "fear" in lines[0], r.output


def test_params_with_a_known_group_lists_only_it() -> None:
    from wijksim.params import PARAMS

    r = CliRunner().invoke(_app(), ["params", "--group", "police"])
    assert r.exit_code == 0
    assert len(r.output.strip().splitlines()) == sum(p.group == "police" for p in PARAMS.values())


@pytest.mark.parametrize("text", [ESC_NAME, "a\nb", "bell\x07", "del\x7f", "c1\x9b31m", "\u2066iso\u2069"])
def test_clean_leaves_no_control_character(text: str) -> None:
    from wijksim.terminal import clean

    out = clean(text)
    assert out.isprintable() and "\\" in out
    assert clean("gewone naam: één wijk — 5 %") == "gewone naam: één wijk — 5 %"


def test_a_name_with_ansi_escapes_is_printed_escaped(tmp_path: Path) -> None:
    f = tmp_path / "s.toml"
    f.write_text('name = "' + ESC_NAME.encode("unicode_escape").decode().replace("\\x", "\\u00") + '"\n',
                 encoding="utf-8")
    r = CliRunner().invoke(_app(), ["check", str(f)], color=True)  # color: click would strip ANSI itself
    assert r.exit_code == 0, r.output
    assert r.output.isprintable() or r.output.rstrip("\n").isprintable(), repr(r.output)
    assert "\\x1b[31mred\\x0dover\\u202egnp.exe" in r.output


def test_an_error_line_quoting_control_characters_stays_one_line(tmp_path: Path) -> None:
    f = tmp_path / "s.toml"
    f.write_text('name = "x"\n[params]\n"crime\\u001b[31m\\nrate" = 2\n', encoding="utf-8")
    r = CliRunner().invoke(_app(), ["check", str(f)], color=True)
    assert r.exit_code == 2
    line = r.output.rstrip("\n")
    assert "\n" not in line and line.isprintable() and "\\x1b" in line, repr(r.output)


def test_rich_markup_in_a_progress_label_is_text(capsys: pytest.CaptureFixture[str]) -> None:
    from wijksim.cli import progress_bar

    with progress_bar(2, "wijk [/red] [bold]x") as bar:  # unescaped, "[/red]" closes nothing: rich raises
        bar.update(bar.add_task("run", total=2), completed=1)
    assert "wijk [/red] [bold]x" in capsys.readouterr().err

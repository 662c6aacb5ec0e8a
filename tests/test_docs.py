"""The documentation cannot drift from the code.

* every registry parameter is named in docs/ODD.md, and the generated parameter tables and default
  lines are current (re-rendered from the registry and compared);
* every output column is described in the ODD;
* every function or class linked as ``[name](../src/wijksim/file.py)`` exists in that file;
* every relative link and image in README.md and docs/*.md points at an existing file;
* every shell block marked runnable runs: a fenced ``sh`` block directly preceded by the line
  ``<!-- runnable -->`` (or ``<!-- runnable slow -->``, run only with ``-m slow``) is executed as
  written with bash, in a temporary directory that links the repository's ``scenarios/``, ``docs/`` and
  ``experiments/``; ``wijksim`` and ``.venv/bin/wijksim`` run as ``sys.executable -m wijksim``,
  ``.venv/bin/python`` as ``sys.executable``. Nothing is substituted: runnable commands are written
  small enough to run as they stand;
* every ``wijksim <command>`` shown anywhere in a shell block is a real command;
* the README keeps the two set-up commands in one block;
* (slow) the calibration table in docs/calibration.md is what the current code produces.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from scripts_loader import load_script
from wijksim.metrics import ALL_COLUMNS
from wijksim.params import PARAMS

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
ODD = DOCS / "ODD.md"
MD_FILES = [ROOT / "README.md", ROOT / "ARCHITECTURE.md", ROOT / "CHANGELOG.md", *sorted(DOCS.glob("*.md"))]
FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^[ \t]*```[ \t]*$", re.S | re.M)
MARK = re.compile(r"<!--\s*runnable(?P<slow>\s+slow)?\s*-->\s*$")
LINK = re.compile(r"(!?)\[([^\]]*)\]\(([^)\s]+)\)")
PENDING_IMAGES = {"img/ui-explorer.png"}  # made by the UI helper's screenshot script


def _load_make_docs():
    return load_script("make_docs")


def shell_blocks() -> list[tuple[str, int, str, str | None]]:
    """(file, line, body, marker) for every sh/bash/console block; marker is None, 'fast' or 'slow'."""
    out = []
    for f in MD_FILES:
        text = f.read_text()
        for m in FENCE.finditer(text):
            if m.group("lang") not in ("sh", "bash", "shell", "console"):
                continue
            line = text.count("\n", 0, m.start()) + 1
            before = text[: m.start()].rstrip("\n").rsplit("\n", 1)[-1]
            mark = MARK.search(before)
            marker = None if not mark else ("slow" if mark.group("slow") else "fast")
            out.append((str(f.relative_to(ROOT)), line, textwrap.dedent(m.group("body")), marker))
    return out


def _runnable(kind: str) -> list:
    return [pytest.param(body, id=f"{f}:{line}") for f, line, body, marker in shell_blocks() if marker == kind]


def _run_block(body: str, tmp_path: Path) -> None:
    for name in ("scenarios", "docs", "experiments"):
        (tmp_path / name).symlink_to(ROOT / name)
    script = body.replace(".venv/bin/wijksim", "wijksim").replace(".venv/bin/python", '"$PY"')
    prelude = 'set -euo pipefail\nwijksim() { "$PY" -m wijksim "$@"; }\n'
    env = {**os.environ, "PY": sys.executable, "CI": "1", "MPLBACKEND": "Agg"}
    proc = subprocess.run(["bash", "-c", prelude + script], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=600)
    tail = proc.stderr[-3000:]
    assert proc.returncode == 0, f"block failed (exit {proc.returncode}):\n{body}\n--- stderr ---\n{tail}"


@pytest.mark.parametrize("body", _runnable("fast"))
def test_runnable_block_runs(body: str, tmp_path: Path) -> None:
    _run_block(body, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("body", _runnable("slow"))
def test_slow_runnable_block_runs(body: str, tmp_path: Path) -> None:
    _run_block(body, tmp_path)


def test_there_are_runnable_blocks() -> None:
    files = {f for f, _, _, marker in shell_blocks() if marker}
    assert "README.md" in files
    assert {"docs/guide-advisors.md", "docs/guide-researchers.md", "docs/guide-trainers.md"} <= files


def test_commands_shown_exist() -> None:
    """Every `wijksim <command>` in any shell block (runnable or not) is a registered command."""
    from wijksim.cli import _register_optional_commands, app

    _register_optional_commands()
    known = {c.name or c.callback.__name__ for c in app.registered_commands}
    for f, line, body, _ in shell_blocks():
        code = "\n".join(ln.split("#")[0] for ln in body.splitlines())
        for cmd in re.findall(r"(?:^|[ \t;(]|/)wijksim[ \t]+([a-z][\w-]*)", code, re.M):
            assert cmd in known, f"{f}:{line}: `wijksim {cmd}` is not a command (known: {sorted(known)})"


def test_readme_keeps_the_two_setup_commands() -> None:
    text = (ROOT / "README.md").read_text()
    blocks = [m.group("body") for m in FENCE.finditer(text) if m.group("lang") == "sh"]
    setup = [b for b in blocks if re.search(r"^make demo\b", b, re.M)]
    assert len(setup) == 1, "README: exactly one block with `make demo`"
    lines = [ln.split("#")[0].strip() for ln in setup[0].strip().splitlines()]
    assert lines == ["make demo", "make test"]


def test_every_parameter_is_in_the_odd() -> None:
    text = ODD.read_text()
    missing = [name for name in PARAMS if f"`{name}`" not in text]
    assert not missing, f"docs/ODD.md does not mention: {', '.join(missing)}"


def test_generated_parameter_tables_are_current() -> None:
    md = _load_make_docs()
    text = ODD.read_text()
    assert md.render_params(text) == text, "run `.venv/bin/python scripts/make_docs.py --only params`"


def test_every_output_column_is_described() -> None:
    text = ODD.read_text()
    missing = [c for c in ALL_COLUMNS if f"`{c}`" not in text]
    assert not missing, f"docs/ODD.md §7.19 does not describe: {', '.join(missing)}"


def test_linked_functions_exist() -> None:
    checked = 0
    for f in MD_FILES:
        for _, name, target in LINK.findall(f.read_text()):
            name = name.strip("`")
            if not target.endswith(".py") or not re.fullmatch(r"[A-Za-z_]\w*", name):
                continue
            src = (f.parent / target).resolve()
            assert src.is_file(), f"{f.name}: link to missing file {target}"
            if name == src.stem:
                continue
            code = src.read_text()
            assert re.search(rf"^\s*(def|class)\s+{name}\b", code, re.M), f"{f.name}: no `{name}` in {target}"
            checked += 1
    assert checked >= 30


def test_relative_links_resolve() -> None:
    for f in MD_FILES:
        for _, _, target in LINK.findall(f.read_text()):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            path = target.split("#")[0]
            resolved = (f.parent / path).resolve()
            rel = resolved.relative_to(DOCS).as_posix() if resolved.is_relative_to(DOCS) else None
            if rel in PENDING_IMAGES and not resolved.exists():
                continue  # the UI screenshot is produced by the UI's own script
            assert resolved.exists(), f"{f.relative_to(ROOT)}: broken link {target}"


def test_guide_figures_exist() -> None:
    for name in ("guide-reference", "guide-bonus-malus", "guide-collaboration", "guide-fear-lag"):
        assert (DOCS / "img" / f"{name}.png").is_file(), f"run `.venv/bin/python scripts/make_docs.py`: {name}"


@pytest.mark.slow
def test_calibration_table_is_current() -> None:
    """Re-run the calibration with the recorded seeds: the committed table must match the code."""
    md = _load_make_docs()
    recorded = json.loads((DOCS / "data" / "calibration.json").read_text())
    seeds = recorded["seeds"]
    assert len(seeds) >= 10
    wave = str(md.SCENARIOS / "wave_no_investment.toml")
    jobs = [(None, s, recorded["weeks"], True) for s in seeds] + [(wave, s, recorded["weeks"], False) for s in seeds]
    results = md.run_many(jobs, os.cpu_count() or 1)
    rows = md.calibration_rows([r for r in results if r["path"] is None], [r for r in results if r["path"] == wave])
    got = {r["quantity"]: r["model"] for r in rows}
    want = {r["quantity"]: r["model"] for r in recorded["rows"]}
    assert got == want, "run `.venv/bin/python scripts/make_docs.py --only calibration`"
    text = (DOCS / "calibration.md").read_text()
    for r in rows:
        assert r["model"] in text


def test_dutch_advisors_guide_is_in_step_with_the_english_one() -> None:
    """docs/nl/guide-advisors.md: the same sections, commands, quoted output and figures as
    docs/guide-advisors.md; the page elements its section 2 names in bold are the UI's labels in its language."""
    from guides import assert_dutch_guide_in_step
    from wijksim.ui.i18n import STRINGS

    en, nl = assert_dutch_guide_in_step("guide-advisors.md")
    for text, lang in ((en, 1), (nl, 0)):
        page = text[text.index("## 2."):text.index("## 3.")]  # the section that walks the page
        labels = re.findall(r"^- \*\*([^*]+)\*\*", page, re.M)
        assert len(labels) >= 7
        shown = {pair[lang] for pair in STRINGS.values()}
        assert not [x for x in labels if x not in shown], [x for x in labels if x not in shown]

"""The documentation cannot drift from the code.

* every registry parameter is named in docs/ODD.md, and the generated parameter tables and default
  lines are current (re-rendered from the registry and compared);
* every output column is described in the ODD;
* every function or class linked as ``[name](../src/wijksim/file.py)`` exists in that file;
* every relative link and image in README.md and docs/*.md points at an existing file;
* every command block of a guide (README.md, docs/*.md, docs/nl/*.md, experiments/README.md) carries
  exactly one marker on the line above it: ``<!-- runnable -->``, ``<!-- runnable slow -->`` (run only
  with ``-m slow``) or ``<!-- not runnable: <why> -->`` (the internet, a server that runs until stopped,
  a cluster of other machines, a whole fresh install);
* every shell block marked runnable runs: it is executed as written with bash, in a temporary directory
  that links the repository's ``scenarios/``, ``docs/`` and ``experiments/`` (the guides stand in the
  repository's root); ``wijksim`` and ``.venv/bin/wijksim`` run as ``sys.executable -m wijksim`` (the fast
  blocks' as a fork of one warmed ``python -m wijksim`` per test process, tests/cli_server.py),
  ``python`` and ``.venv/bin/python`` as ``sys.executable``. Nothing is substituted: runnable commands
  are written small enough to run as they stand. A runnable ``python`` block runs after the runnable
  shell block before it, in the same directory; a ``text`` block marked ``<!-- output -->`` after a
  runnable block is output it must print (every line, verbatim);
* every ``wijksim <command>`` shown anywhere in a shell block is a real command;
* the README keeps the two set-up commands in one block;
* (slow) the calibration table in docs/calibration.md is what the current code produces.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import NamedTuple

import pytest

from cli_server import ENV_SOCKET
from scripts_loader import load_script
from wijksim.metrics import ALL_COLUMNS
from wijksim.params import PARAMS

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
ODD = DOCS / "ODD.md"
MD_FILES = [ROOT / "README.md", ROOT / "ARCHITECTURE.md", ROOT / "CHANGELOG.md", *sorted(DOCS.glob("*.md")),
            *sorted((DOCS / "nl").glob("*.md")), ROOT / "experiments" / "README.md"]
GUIDE_FILES = [ROOT / "README.md", *sorted(DOCS.glob("*.md")), *sorted((DOCS / "nl").glob("*.md")),
               ROOT / "experiments" / "README.md"]  # every command block here carries exactly one marker
FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^[ \t]*```[ \t]*$", re.S | re.M)
MARK = re.compile(r"<!--\s*(?:runnable(?P<slow>\s+slow)?|not runnable:\s*(?P<why>\S[^>]*?))\s*-->\s*$")
ANY_MARK = re.compile(r"<!--\s*(?:runnable|not runnable)")
OUTPUT = re.compile(r"<!--\s*output\s*-->\s*$")
SHELL = ("sh", "bash", "shell", "console")
LINK = re.compile(r"(!?)\[([^\]]*)\]\(([^)\s]+)\)")
PENDING_IMAGES = {"img/ui-explorer.png"}  # made by the UI helper's screenshot script


def _load_make_docs():
    return load_script("make_docs")


class Block(NamedTuple):
    """One fenced block of a guide: where it is, its language, its text and the marker line above it."""

    file: str
    line: int
    lang: str
    body: str
    marker: str | None  # None, 'fast', 'slow' or 'not runnable: <why>'
    mark_count: int  # how many marker comments sit directly above it (exactly one is allowed)
    output: bool  # a text block marked <!-- output -->: quoted output of the runnable block before it


def _blocks(f: Path) -> list[Block]:
    text = f.read_text(encoding="utf-8")
    out = []
    for m in FENCE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        above = text[: m.start()].rstrip("\n").split("\n")
        marks = []
        while above and ANY_MARK.search(above[-1]):  # marker comments stacked directly above the fence
            marks.append(above.pop())
        before = marks[0] if marks else (above[-1] if above else "")
        mark = MARK.search(before)
        marker = None
        if mark:
            marker = f"not runnable: {mark.group('why')}" if mark.group("why") else (
                "slow" if mark.group("slow") else "fast")
        out.append(Block(str(f.relative_to(ROOT)), line, m.group("lang"), textwrap.dedent(m.group("body")), marker,
                         len(marks), bool(OUTPUT.search(before))))
    return out


def shell_blocks() -> list[tuple[str, int, str, str | None]]:
    """(file, line, body, marker) for every sh/bash/console block; marker is None, 'fast', 'slow' or
    'not runnable: ...'."""
    return [(b.file, b.line, b.body, b.marker) for f in MD_FILES for b in _blocks(f) if b.lang in SHELL]


def runnable_scripts() -> list[tuple[str, int, str, str, list[str]]]:
    """(file, line, kind, script, quoted output) for every runnable shell block. A runnable ``python`` block
    continues the last runnable shell block before it in the same file (it reads what that block wrote), so it
    runs in the same directory after it; a ``text`` block marked ``<!-- output -->`` right after a runnable
    block is what that block prints."""
    out: list[tuple[str, int, str, str, list[str]]] = []
    for f in MD_FILES:
        for b in _blocks(f):
            if b.lang in SHELL and b.marker in ("fast", "slow"):
                out.append((b.file, b.line, str(b.marker), b.body, []))
                continue
            continues = b.lang == "python" and b.marker in ("fast", "slow")
            if not (continues or b.output):
                continue
            assert out and out[-1][0] == b.file, f"{b.file}:{b.line}: needs a runnable sh block before it"
            file, line, kind, script, quoted = out[-1]
            if continues:
                script += f"\n\"$PY\" - <<'PYEOF'\n{b.body}PYEOF\n"
            else:
                quoted = quoted + [ln.strip() for ln in b.body.splitlines() if ln.strip()]
            out[-1] = (file, line, kind, script, quoted)
    return out


def _runnable(kind: str) -> list:
    """The runnable scripts of one kind, each once: a Dutch guide repeats its English guide's blocks verbatim."""
    seen: set[str] = set()
    out = []
    for f, line, k, body, quoted in runnable_scripts():
        if k == kind and body not in seen:
            seen.add(body)
            out.append(pytest.param(body, quoted, id=f"{f}:{line}"))
    return out


def _printed(line: str, printed: str) -> bool:
    """A quoted line is printed verbatim; `` ... `` in it stands for text the guide leaves out."""
    parts = [re.escape(p.strip()) for p in re.split(r"(?<=\s)\.\.\.(?=\s|$)", line)]
    return re.search(r"^\s*" + r"\s.*?".join(parts) + r"\s*$", printed, re.M) is not None


CLI_SERVER = Path(__file__).resolve().parent / "cli_server.py"


def _run_block(body: str, tmp_path: Path, quoted: list[str] | None = None, cli_socket: str | None = None) -> None:
    for name in ("scenarios", "docs", "experiments"):
        (tmp_path / name).symlink_to(ROOT / name)
    script = body.replace(".venv/bin/wijksim", "wijksim").replace(".venv/bin/python", '"$PY"')
    run = f'"$PY" {shlex.quote(str(CLI_SERVER))} "$@"' if cli_socket else '"$PY" -m wijksim "$@"'
    prelude = f'set -euo pipefail\nwijksim() {{ {run}; }}\npython() {{ "$PY" "$@"; }}\n'
    env = {**os.environ, "PY": sys.executable, "CI": "1", "MPLBACKEND": "Agg"}
    if cli_socket:
        env[ENV_SOCKET] = cli_socket
    proc = subprocess.run(["bash", "-c", prelude + script], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=600)
    tail = proc.stderr[-3000:]
    assert proc.returncode == 0, f"block failed (exit {proc.returncode}):\n{body}\n--- stderr ---\n{tail}"
    printed = proc.stdout + "\n" + proc.stderr
    missing = [ln for ln in quoted or [] if not _printed(ln, printed)]
    assert not missing, f"quoted output not printed:\n{missing}\n--- printed ---\n{proc.stdout[-3000:]}"


@pytest.mark.parametrize(("body", "quoted"), _runnable("fast"))
def test_runnable_block_runs(body: str, quoted: list[str], tmp_path: Path, cli_socket: str) -> None:
    _run_block(body, tmp_path, quoted, cli_socket)


@pytest.mark.slow
@pytest.mark.parametrize(("body", "quoted"), _runnable("slow"))
def test_slow_runnable_block_runs(body: str, quoted: list[str], tmp_path: Path) -> None:
    _run_block(body, tmp_path, quoted)


def test_every_command_block_has_exactly_one_marker() -> None:
    """Every sh block of README.md, docs/*.md, docs/nl/*.md and experiments/README.md is either run by a test
    (``<!-- runnable -->``, ``<!-- runnable slow -->``) or says why it cannot run here
    (``<!-- not runnable: needs the internet -->``), with one marker, not two."""
    bad = []
    for f in GUIDE_FILES:
        for b in _blocks(f):
            if b.lang not in SHELL:
                continue
            if b.mark_count > 1 or b.marker is None:
                bad.append(f"{b.file}:{b.line} ({b.mark_count} markers)")
    assert not bad, "command blocks without exactly one marker: " + ", ".join(bad)
    counts = {k: sum(1 for *_, m in shell_blocks() if m and m.startswith(k)) for k in ("fast", "slow", "not")}
    assert counts["fast"] >= 8 and counts["slow"] >= 4, counts


def test_quoted_output_is_checked() -> None:
    """Quoted output is attached to the runnable block that prints it, and `...` elides only text."""
    quoted = [q for *_, qs in runnable_scripts() for q in qs]
    assert len(quoted) >= 3, "quoted output is checked for the trainers' comparison and the calibration filter"
    assert _printed("a vs b: year_after ... | end: x", "a vs b: year_after 1, 2 | wave 3 | end: x")
    assert not _printed("a vs b: year_after ... | end: x", "a vs b: year_after 1 | end: y")
    assert not _printed("5 of 40 runs", "15 of 40 runs")


def test_guides_stand_in_the_repository_root() -> None:
    """Every path a runnable block names under docs/, scenarios/ or experiments/ exists from the root."""
    for f, line, _, body, _ in runnable_scripts():
        for path in re.findall(r"(?<![\w/.])((?:docs|scenarios|experiments)/[\w./-]+\.(?:toml|geojson|txt))", body):
            assert (ROOT / path).is_file(), f"{f}:{line}: {path} does not exist"


def test_shipped_examples_are_what_the_guides_show() -> None:
    """docs/examples/ holds the files the guides use; a toml block that quotes one (``# docs/examples/X``
    as its first line, or the file's own first line) is the file, and the targets are within the priors'
    reach in the sense the guide states: the example map is a valid scenario and the targets are valid."""
    from wijksim.calibrate import load_targets
    from wijksim.scenarios import load_scenario

    examples = DOCS / "examples"
    for name in ("our_wijk.toml", "our_wijk.geojson", "our_targets.toml", "calibrate.toml"):
        assert (examples / name).is_file(), name
    load_scenario(examples / "our_wijk.toml")
    cal = load_targets(examples / "our_targets.toml")
    assert set(cal.priors) == {"fear_decay", "report_base"}
    shown = [b.body for b in _blocks(DOCS / "own-wijk.md") if b.lang == "toml"]
    assert (examples / "our_targets.toml").read_text(encoding="utf-8") in shown


def test_glossary_links_name_a_term() -> None:
    """Every link into a glossary names one of its terms, and each guide links its glossary."""
    def anchors(path: Path) -> set[str]:
        heads = re.findall(r"^#+ (.+)$", path.read_text(encoding="utf-8"), re.M)
        return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in heads}

    for f in MD_FILES:
        for _, _, target in LINK.findall(f.read_text(encoding="utf-8")):
            if "glossary.md" in target and "#" in target:
                path, anchor = target.split("#", 1)
                assert anchor in anchors((f.parent / path).resolve()), f"{f.relative_to(ROOT)}: {target}"
    for name in ("guide-advisors.md", "guide-trainers.md", "guide-researchers.md", "own-wijk.md", "calibration.md",
                 "nl/guide-advisors.md", "nl/guide-trainers.md"):
        assert "glossary.md" in (DOCS / name).read_text(encoding="utf-8"), f"docs/{name} does not link the glossary"


def test_there_are_runnable_blocks() -> None:
    """Every guide has blocks that run (not only blocks marked as not runnable)."""
    assert {"README.md", "docs/guide-advisors.md", "docs/guide-researchers.md", "docs/guide-trainers.md",
            "docs/own-wijk.md",
            "docs/calibration.md", "docs/nl/guide-advisors.md", "docs/nl/guide-trainers.md",
            "experiments/README.md"} <= {f for f, *_ in runnable_scripts()}


def test_commands_shown_exist() -> None:
    """Every `wijksim <command>` in any shell block (runnable or not) is a registered command."""
    from wijksim.cli import _register_optional_commands, app

    _register_optional_commands()
    known = {c.name or c.callback.__name__ for c in app.registered_commands}
    known |= {g.name for g in app.registered_groups if g.name}  # command groups (``wijksim city run``)
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


def test_example_files_work_from_a_copied_folder(tmp_path: Path) -> None:
    """The own-wijk guide says: copy the three example files into one folder and they keep working (paths are
    relative to the file that names them). A lone copy of a scenario whose map stays behind is refused."""
    from wijksim.calibrate import load_targets
    from wijksim.scenarios import ScenarioError, load_scenario

    for name in ("our_wijk.toml", "our_wijk.geojson", "our_targets.toml"):
        (tmp_path / name).write_bytes((DOCS / "examples" / name).read_bytes())
    cal = load_targets(tmp_path / "our_targets.toml")
    assert cal.scenario.name == "Our wijk: reference"
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "hofjeswijk.toml").write_bytes((ROOT / "scenarios" / "hofjeswijk.toml").read_bytes())
    with pytest.raises(ScenarioError):
        load_scenario(alone / "hofjeswijk.toml")


def test_example_targets_are_within_reach_of_the_example_map() -> None:
    """At the defaults (full burn-in) the example map lands near the example targets, which the priors around
    the defaults then reach (the guide says so; the slow pilot's predictive check has both inside)."""
    import tomllib

    from wijksim.runner import run_scenario
    from wijksim.scenarios import load_scenario

    targets = tomllib.loads((DOCS / "examples" / "our_targets.toml").read_text(encoding="utf-8"))["targets"]
    ts = run_scenario(load_scenario(DOCS / "examples" / "our_wijk.toml"), seed=1, weeks=104)
    last = ts.tail(52).mean(numeric_only=True)
    for name, t in targets.items():
        assert abs(last[name] - t["value"]) < 3 * t["sd"], (name, last[name], t["value"])

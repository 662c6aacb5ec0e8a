"""The text layer (``wijksim.text``): it imports nothing of the model, the registry or the UI; every UI
string is defined once and in both languages; every intervention type and live button has its words; the
event log is data whose English rendering is what files have always said."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from wijksim import WijkModel
from wijksim.interventions import INTERVENTIONS, live_buttons, make
from wijksim.params import PARAMS
from wijksim.text import events, pages
from wijksim.text.events import PHASE, PHASES, VERBS, Event, render, rendered
from wijksim.text.interventions import BUTTON_LABELS, TYPE_LABELS, type_label

SRC = Path(__file__).resolve().parents[1] / "src" / "wijksim"
TEXT = SRC / "text"
SMALL = {"width": 20, "height": 20, "burn_in": 5}


def _imports(path: Path, source: str | None = None) -> list[str]:
    """Every module ``path`` (or ``source`` as if it were at ``path``) imports, relative imports made
    absolute (``wijksim.text.numbers``)."""
    package = ["wijksim", *path.relative_to(SRC).parent.parts]
    out: list[str] = []
    for node in ast.walk(ast.parse(path.read_text() if source is None else source)):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            head = ".".join(base + ([node.module] if node.module else []))
            out += [head] if node.module else [f"{head}.{a.name}" for a in node.names]
    return out


def test_the_text_layer_imports_nothing_of_the_model_the_registry_or_the_ui() -> None:
    files = sorted(TEXT.rglob("*.py"))
    assert len(files) >= 9  # numbers, messages, events, interventions, the pages
    for f in files:
        for name in _imports(f):
            if name.split(".")[0] == "wijksim":
                assert name.startswith("wijksim.text"), f"{f.relative_to(SRC)} imports {name}"


def test_the_import_check_sees_an_escape() -> None:
    fake = TEXT / "pages" / "fake.py"
    assert _imports(fake, "from ...params import PARAMS\n") == ["wijksim.params"]
    assert _imports(fake, "from .. import numbers\n") == ["wijksim.text.numbers"]
    assert _imports(fake, "from ...ui.i18n import tr\n") == ["wijksim.ui.i18n"]


def _literal_keys(path: Path) -> list[str]:
    """The keys of the module's ``STRINGS`` dict literal as written (a repeated key shows twice)."""
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "STRINGS":
            assert isinstance(node.value, ast.Dict)
            return [k.value for k in node.value.keys if isinstance(k, ast.Constant)]
    raise AssertionError(f"{path} has no STRINGS")


def test_every_ui_string_is_defined_once_and_in_both_languages() -> None:
    modules = sorted(p for p in (TEXT / "pages").glob("*.py") if p.name != "__init__.py")
    assert {p.stem for p in modules} == {"common", "explorer", "charts", "compare", "workshop", "room", "city"}
    seen: dict[str, str] = {}
    for p in modules:
        for key in _literal_keys(p):
            assert key not in seen, f"{key!r} is defined in {seen[key]} and {p.name}"
            seen[key] = p.name
    for key in BUTTON_LABELS:
        assert key not in seen, f"{key!r} is a button and also defined in {seen[key]}"
    assert set(pages.STRINGS) == set(seen) | set(BUTTON_LABELS)
    for key, (nl, en) in pages.STRINGS.items():
        assert nl.strip() and en.strip(), key
        assert pages.tr(key, "nl") == nl and pages.tr(key, "en") == en
    with pytest.raises(ValueError, match="'week' is defined by both common and extra"):
        pages.merged({**pages.PAGES, "extra": {"week": ("x", "y")}})


def test_every_intervention_type_and_button_has_its_words() -> None:
    assert set(TYPE_LABELS) == set(INTERVENTIONS)
    buttons = live_buttons()
    assert set(BUTTON_LABELS) == set(buttons)
    for kind, cls in INTERVENTIONS.items():
        nl, en = TYPE_LABELS[kind]
        assert nl and en and type_label(kind, "nl") == nl and type_label(kind, "en") == en
        assert cls.buttons, f"{kind} has no live button"
        for key, spec in cls.buttons.items():
            assert all(BUTTON_LABELS[key]), key
            make({**buttons[key], "start": 1})  # a button's spec is a valid intervention of its type
            assert buttons[key]["type"] == kind and set(spec) <= set(cls.model_fields)
        assert set(cls.shown) <= set(cls.model_fields), kind
    assert [k for k, cls in INTERVENTIONS.items() if cls.shock] == ["crime_wave"]


def test_no_second_list_of_intervention_types() -> None:
    """A module other than the table and its labels that names several types (not registry parameters that
    share a name) is a second list that will miss the next type."""
    types = set(INTERVENTIONS) - set(PARAMS)
    assert len(types) >= 5
    allowed = {SRC / "interventions.py", TEXT / "interventions.py",
               SRC / "youth_interventions.py"}  # the youth classes of the same table (issue 28)
    for f in sorted(SRC.rglob("*.py")):
        if f in allowed:
            continue
        named = {n.value for n in ast.walk(ast.parse(f.read_text()))
                 if isinstance(n, ast.Constant) and n.value in types}
        assert len(named) < 3, f"{f.relative_to(SRC)} lists intervention types {sorted(named)}"


def test_every_event_renders_in_both_languages() -> None:
    for kind in INTERVENTIONS:
        for verb in VERBS:
            ev = Event(kind, verb, 3)
            en, nl = render(ev, "en"), render(ev, "nl")
            assert en == f"{TYPE_LABELS[kind][1]} {verb}"  # the English of files, as it always was
            assert nl == f"{TYPE_LABELS[kind][0]} {VERBS[verb][0]}" and nl != en
    for phase, (nl, en) in PHASES.items():
        ev = Event("collective_impact", PHASE, 3, (("phase", phase),))
        assert render(ev, "en") == f"Collective Impact: {en}" and render(ev, "nl") == f"Collective Impact: {nl}"
    assert rendered([Event("patrol_strategy", "starts", 4)], "nl") == [(4, "surveillancestrategie begint")]
    assert not hasattr(events, "EVENT_NL")


def test_the_model_logs_events_whose_english_is_the_old_log_text() -> None:
    ci = make({"type": "collective_impact", "start": 1, "relations": 1, "roles": 1, "pace": 1, "cycle": 1})
    wave = make({"type": "crime_wave", "start": 2, "weeks": 2})
    m = WijkModel(rng=1, interventions=[ci, wave], **SMALL)
    m.run(6)
    assert all(isinstance(e, Event) for e in m.events_log)
    assert rendered(m.events_log, "en") == [
        (1, "Collective Impact starts"), (2, "Collective Impact: roles divided"), (2, "crime wave starts"),
        (3, "Collective Impact: shared measurement"), (4, "Collective Impact: cycle"), (4, "crime wave ends"),
    ]
    assert rendered(m.events_log, "nl")[1] == (2, "Collective Impact: rollen verdeeld")

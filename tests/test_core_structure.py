"""The code's structure, checked: one module per submodel in the ODD's order, every behavioural constant in
the registry (no bare numbers in the submodels), typed stage inputs, no import circle anywhere in ``src/``,
the UI imported only by itself and the CLI, modules and functions of a readable size.

The import checks read every ``import`` statement with :mod:`ast` — at module level, inside functions and
under ``TYPE_CHECKING``, relative and absolute — and resolve each to the module it loads; an import that
runs only when a function is called still closes a circle, one call later (a half-initialised module).
"""

from __future__ import annotations

import ast
import re
from itertools import pairwise
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC_ROOT = ROOT / "src"
SRC = SRC_ROOT / "wijksim"
SUBMODELS = SRC / "submodels"
MAX_MODULE_LINES, MAX_FUNCTION_LINES = 500, 80


def _simulate_week_calls() -> list[tuple[str, str]]:
    """(module, function) of every call to a submodel in ``simulate_week``, in source order."""
    tree = ast.parse((SRC / "model.py").read_text())
    fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "simulate_week")
    modules = {p.stem for p in SUBMODELS.glob("*.py") if p.stem != "__init__"}
    calls = [n for n in ast.walk(fn) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
             and isinstance(n.func.value, ast.Name) and n.func.value.id in modules]
    calls.sort(key=lambda n: (n.lineno, n.col_offset))
    return [(n.func.value.id, n.func.attr) for n in calls]  # type: ignore[union-attr]


def test_the_odd_lists_the_stages_of_simulate_week_in_the_same_order() -> None:
    odd = (ROOT / "docs" / "ODD.md").read_text()
    section = odd[odd.index("## 3. Process overview"):odd.index("## 4. Design concepts")]
    listed = re.findall(r"\[`?(\w+)`?\]\(\.\./src/wijksim/submodels/(\w+)\.py\)", section)
    calls = _simulate_week_calls()
    assert len(calls) >= 15
    assert [(module, fn) for fn, module in listed] == calls


def test_every_submodel_function_called_by_the_week_exists_and_has_a_docstring() -> None:
    import importlib

    for module, fn in _simulate_week_calls():
        mod = importlib.import_module(f"wijksim.submodels.{module}")
        assert mod.__doc__ and len(mod.__doc__) > 80, f"{module}: the formula belongs in the module docstring"
        assert getattr(mod, fn).__doc__, f"{module}.{fn} has no docstring"


#: numbers a submodel may hold besides 0, 1, −1, 0.5 and indices, each with its reason
ALLOWED: dict[tuple[str, float], str] = {
    ("draws", 9007199254740992.0): "2^53: the top 53 bits of a 64-bit word as a double in [0, 1)",
    ("draws", 4.0e18): "cap below 2^63 so a geometric gap never overflows int64",
    ("draws", 30): "SplitMix64's published shift constants", ("draws", 27): "SplitMix64 shift",
    ("draws", 31): "SplitMix64 shift", ("draws", 11): "64 − 53 bits dropped for a double",
    ("draws", 0x9E3779B97F4A7C15): "SplitMix64 increment", ("draws", 0xBF58476D1CE4E5B9): "SplitMix64 multiplier",
    ("draws", 0x94D049BB133111EB): "SplitMix64 multiplier",
    ("patrol", 2): "two draws per unit (x and y) and the 2r + 1 cells of a window",
    ("reporting", 2): "two draws per street crime (victim, passer-by)",
    ("incidents", 3): "the three incident kinds",
    ("incidents", 9.0): "the cells of the 3x3 patch a nuisance's litter spreads over",
    ("followup", 2): "two draws per incident, and the priority rank of nuisance (third after burglary and street)",
    ("followup", 1000.0): "capacities are per 1000 households (unit conversion)",
    ("maintenance", 1000.0): "capacities are per 1000 households (unit conversion)",
    ("decision", 3): "three draws per household (reconsider, choice, attrition)",
    ("decision", 2): "the number of a household's third draw (3i + 2: attrition)",
    ("slow", 8.0): "the eight neighbours a cell's risk spreads to",
    ("youth", 16): "the block of counter draws per youth", ("youth", 5): "at most five incidents a youth-week",
    ("youth", 52.0): "weeks per year (initiation per youth-year, ageing)",
    ("youth", 0x5A5A5A5A): "bits that set the signal kernel's key apart from the youths' draws",
    ("youth", 2): "draw number of desistance", ("youth", 3): "draw number of the incident count",
    ("youth", 4): "first draw number of the incidents' kinds", ("youth", 1e-9): "no division by zero",
}


def _numbers(path: Path) -> list[tuple[float, int]]:
    """Numeric literals of a module that are not subscript indices, with their line."""
    tree = ast.parse(path.read_text())
    index_nodes = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):
            for sub in ast.walk(node.slice):
                index_nodes.add(id(sub))
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, int | float)
                and not isinstance(node.value, bool) and id(node) not in index_nodes):
            found.append((node.value, node.lineno))
    return found


def test_submodels_hold_no_behavioural_numbers_outside_the_registry() -> None:
    """A bare number in a kernel is a constant nobody can see, sweep or calibrate: it belongs in the registry
    (the stage's module of ``wijksim.params``)."""
    bad = []
    for path in sorted(SUBMODELS.glob("*.py")):
        for value, line in _numbers(path):
            if value in (0, 1, -1, 0.5) or (path.stem, value) in ALLOWED:
                continue
            bad.append(f"{path.name}:{line}: {value}")
    assert not bad, "numbers outside the registry: " + ", ".join(bad)


def test_the_literal_check_can_fail(tmp_path: Path) -> None:
    f = tmp_path / "fake.py"
    f.write_text("def g(x):\n    return x[2] * 0.15 + x[0]\n")
    assert [v for v, _ in _numbers(f)] == [0.15]


# --- the import graph ---------------------------------------------------------------------------------------
def modules_of(src_root: Path, package: str) -> dict[str, Path]:
    """Every module of ``package`` under ``src_root`` by dotted name (a package by its own name)."""
    out = {}
    for path in sorted((src_root / package).rglob("*.py")):
        parts = path.relative_to(src_root).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _dynamic_target(node: ast.Call) -> str | None:
    """The module of ``importlib.import_module("a.b")`` / ``__import__("a.b")`` with a literal name."""
    name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
    if name in ("import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
        value = node.args[0].value
        return value if isinstance(value, str) and not value.startswith(".") else None
    return None


def imports_of(name: str, path: Path, known: dict[str, Path], dynamic: bool = False) -> list[tuple[str, int]]:
    """(module, line) of every module of ``known`` that ``path`` (module ``name``) imports, anywhere in the
    file; with ``dynamic`` also ``importlib.import_module`` of a literal name.

    ``from a import b`` loads ``a.b`` when that is a module, else ``a`` (b is a name defined in ``a``); a
    name no module of ``known`` holds (numpy, the standard library) is left out.
    """
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        elif dynamic and isinstance(node, ast.Call) and (target := _dynamic_target(node)):
            targets = [target]
        for target in targets:
            while target and target not in known:  # import a.b.c of a name inside a.b: the module a.b
                target = target.rpartition(".")[0]
            if target and target != name:
                found.append((target, node.lineno))
    return found


def import_graph(src_root: Path, package: str) -> dict[str, dict[str, int]]:
    """module -> {module it imports: first line of such an import}."""
    known = modules_of(src_root, package)
    graph: dict[str, dict[str, int]] = {}
    for name, path in known.items():
        edges = graph[name] = {}
        for target, line in sorted(imports_of(name, path, known), key=lambda e: e[1]):
            edges.setdefault(target, line)
    return graph


def strongly_connected(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The groups of modules that reach each other through imports (Tarjan), those with more than one."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(groups)


def a_circle(graph: dict[str, dict[str, int]], group: list[str], start: str) -> list[str]:
    """A shortest circle from ``start`` back to it (breadth first inside the group)."""
    inside = set(group)
    came: dict[str, str] = {}
    frontier = [start]
    while frontier:
        nxt = []
        for v in frontier:
            for w in sorted(graph[v]):
                if w == start:
                    path = [v]
                    while path[-1] != start:
                        path.append(came[path[-1]])
                    return [*reversed(path), start]
                if w in inside and w not in came:
                    came[w] = v
                    nxt.append(w)
        frontier = nxt
    raise AssertionError(f"{group} is not a circle")  # pragma: no cover - Tarjan's groups always are


def circles(src_root: Path, package: str) -> list[str]:
    """Every import circle as ``a -> b (a.py:12) -> a (b.py:30)``: in each group of modules that import each
    other, a shortest circle through each member (the same circle once)."""
    graph = import_graph(src_root, package)
    known = modules_of(src_root, package)
    out = []
    for group in strongly_connected(graph):
        seen: set[tuple[str, ...]] = set()
        for start in group:
            path = a_circle(graph, group, start)
            turn = path.index(min(path[:-1]))
            key = tuple(path[turn:-1] + path[:turn])
            if key in seen:
                continue
            seen.add(key)
            out.append(path[0] + "".join(
                f" -> {b} ({known[a].relative_to(src_root)}:{graph[a][b]})" for a, b in pairwise(path)))
    return out


def test_no_import_circle_anywhere_in_src() -> None:
    found = circles(SRC_ROOT, "wijksim")
    assert not found, "import circles:\n" + "\n".join(found)
    assert "getattr(m" not in (SRC / "model.py").read_text()


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def test_the_circle_check_reads_function_level_type_checking_and_relative_imports(tmp_path: Path) -> None:
    src = _write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/a.py": "def f():\n    from .sub import b\n    return b\n",
        "pkg/sub/__init__.py": "",
        "pkg/sub/b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..c import C\n",
        "pkg/c.py": "import numpy\nimport pkg.a as a\n",
        "pkg/leaf.py": "from pkg import c\nfrom . import sub\n",
    })
    found = circles(src, "pkg")
    assert found == ["pkg.a -> pkg.sub.b (pkg/a.py:2) -> pkg.c (pkg/sub/b.py:3) -> pkg.a (pkg/c.py:2)"]
    (src / "pkg" / "sub" / "b.py").write_text("x = 1\n")
    assert circles(src, "pkg") == []
    (src / "pkg" / "leaf.py").write_text("from . import __version__\n")  # a name of the package: its __init__
    (src / "pkg" / "__init__.py").write_text("from .leaf import x\n")
    assert circles(src, "pkg") == ["pkg -> pkg.leaf (pkg/__init__.py:1) -> pkg (pkg/leaf.py:1)"]


# --- who imports the UI ----------------------------------------------------------------------------------
def ui_importers(src_root: Path, package: str, allowed: tuple[str, ...]) -> list[str]:
    """``file:line`` of every import of ``<package>.ui`` (any form, also ``importlib.import_module`` of a
    literal name) by a module outside ``<package>.ui`` and ``allowed``."""
    known = modules_of(src_root, package)
    ui = f"{package}.ui"
    bad = []
    for name, path in known.items():
        if name == ui or name.startswith(ui + ".") or name in allowed:
            continue
        for target, line in imports_of(name, path, known, dynamic=True):
            if target == ui or target.startswith(ui + "."):
                bad.append(f"{path.relative_to(src_root)}:{line} imports {target}")
    return bad


def test_only_the_ui_and_the_cli_import_the_ui() -> None:
    """The model, the outputs and the figures must run without solara: the UI sits on top, reached only
    from the command line (``wijksim ui``)."""
    bad = ui_importers(SRC_ROOT, "wijksim", allowed=("wijksim.cli",))
    assert not bad, "the UI is imported from outside the UI: " + "; ".join(bad)


def test_the_ui_check_finds_every_form(tmp_path: Path) -> None:
    src = _write(tmp_path, {"pkg/__init__.py": "", "pkg/ui/__init__.py": "", "pkg/ui/i18n.py": "",
                            "pkg/ui/app.py": "from ..plots import x\n", "pkg/plots.py": "from .ui import i18n\n",
                            "pkg/a.py": "def f():\n    from . import ui\n", "pkg/b.py": "import pkg.ui.i18n as i\n",
                            "pkg/c.py": "import importlib\nm = importlib.import_module('pkg.ui.app')\n",
                            "pkg/cli.py": "from pkg.ui.app import run\n", "pkg/d.py": "from pkg import plots\n"})
    assert ui_importers(src, "pkg", allowed=("pkg.cli",)) == [
        "pkg/a.py:2 imports pkg.ui", "pkg/b.py:1 imports pkg.ui.i18n", "pkg/c.py:2 imports pkg.ui.app",
        "pkg/plots.py:1 imports pkg.ui.i18n"]


# --- what is what ----------------------------------------------------------------------------------------
def test_the_parameter_registry_is_a_package() -> None:
    """``wijksim.params`` is a package grouped by stage (``params/__init__.py``), not one module at the size cap."""
    assert (SRC / "params" / "__init__.py").is_file(), "wijksim.params should be a package (params/__init__.py)"
    assert not (SRC / "params.py").exists(), "params.py and params/ both exist: one of them is dead"


def test_one_meaning_per_module_name() -> None:
    """``incidents`` is stage 4 (``submodels/incidents.py``); no module of the package's top level shares
    its name with a stage, so ``from . import x`` / ``from .submodels import x`` cannot mean two things."""
    stages = {p.stem for p in SUBMODELS.glob("*.py")} - {"__init__"}
    top = {p.stem for p in SRC.glob("*.py")} | {p.name for p in SRC.iterdir() if (p / "__init__.py").is_file()}
    assert not stages & top, f"module names with two meanings: {sorted(stages & top)}"
    assert (SRC / "week_record.py").is_file() and "class WeekIncidents" in (SRC / "week_record.py").read_text()


def test_types_is_a_leaf() -> None:
    """``wijksim.types`` imports nothing of wijksim, not even for type checking: any module may import it."""
    tree = ast.parse((SRC / "types.py").read_text())
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert all(not n.level for n in ast.walk(tree) if isinstance(n, ast.ImportFrom))
    assert names <= {"__future__", "typing", "collections.abc", "numpy"}, names
    graph = import_graph(SRC_ROOT, "wijksim")
    assert graph["wijksim.types"] == {}
    assert {m for m, e in graph.items() if "wijksim.types" in e} >= {"wijksim.model", "wijksim.submodels.ties"}


def test_stage_inputs_are_typed_not_any() -> None:
    """A stage that takes ``Any`` for the households, the network or the cells is a stage mypy does not check:
    every parameter of every function in the submodels is annotated, and none is a bare ``Any``."""
    bad = []
    for path in sorted(SUBMODELS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef):
                for arg in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]:
                    if arg.arg in ("self", "cls"):
                        continue
                    if arg.annotation is None or ast.unparse(arg.annotation) in ("Any", "typing.Any", "object"):
                        bad.append(f"{path.name}: {node.name}({arg.arg})")
    assert not bad, "untyped stage inputs: " + ", ".join(bad)
    model = ast.parse((SRC / "model.py").read_text())
    week = next(n for n in model.body if isinstance(n, ast.FunctionDef) and n.name == "simulate_week")
    assert ast.unparse(week.args.args[0].annotation) == "WeekModel"  # type: ignore[arg-type]


# --- sizes -----------------------------------------------------------------------------------------------
def oversized(paths: list[Path], root: Path) -> list[str]:
    """Modules over :data:`MAX_MODULE_LINES` lines and functions (methods too) over
    :data:`MAX_FUNCTION_LINES` lines, from ``def`` to their last line."""
    bad = []
    for path in paths:
        text = path.read_text()
        lines = text.count("\n")
        if lines > MAX_MODULE_LINES:
            bad.append(f"{path.relative_to(root)}: {lines} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    bad.append(f"{path.relative_to(root)}: {node.name} has {length} lines")
    return bad


def test_every_module_and_function_in_src_stays_readable() -> None:
    bad = oversized(sorted(SRC.rglob("*.py")), SRC_ROOT)
    assert not bad, "too long (split by meaning): " + "; ".join(bad)


@pytest.mark.parametrize(("body", "found"), [(81, True), (80, False)])
def test_the_size_check_counts_from_def_to_the_last_line(tmp_path: Path, body: int, found: bool) -> None:
    f = tmp_path / "m.py"
    f.write_text("class A:\n    async def g(self):\n" + "        x = 1\n" * (body - 2) + "        return x\n")
    assert oversized([f], tmp_path) == ([f"m.py: g has {body} lines"] if found else [])
    f.write_text("x = 1\n" * (MAX_MODULE_LINES + 1))
    assert oversized([f], tmp_path) == [f"m.py: {MAX_MODULE_LINES + 1} lines"]


# --- the week --------------------------------------------------------------------------------------------
def test_every_stage_draws_from_a_stream_of_its_own() -> None:
    """No borrowed stream with an offset: each stream(...) call in the week names its own stream, week w."""
    from wijksim.streams import STREAMS

    tree = ast.parse((SRC / "model.py").read_text())
    fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "simulate_week")
    calls = [n for n in ast.walk(fn) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
             and n.func.id == "stream"]
    names = [c.args[0].value for c in calls]  # type: ignore[attr-defined]
    assert len(names) == len(set(names)) >= 10, names
    assert set(names) <= set(STREAMS) and len(STREAMS) == len(set(STREAMS))
    assert all(isinstance(c.args[1], ast.Name) and c.args[1].id == "w" for c in calls)
    assert {"conflict", "maintenance_housing", "maintenance_municipality"} <= set(names)


def test_the_registry_is_its_stage_modules_in_the_recorded_order() -> None:
    """``wijksim.params`` is one module per stage; :data:`registry.ORDER` interleaves them into the order the
    single-file registry had (levers first, then the advanced constants), refuses a record that takes more
    entries of a stage than it has, and puts an entry it does not name (a new one) after all the others, in
    stage order, so adding a parameter needs only its stage module."""
    from wijksim.params import registry
    from wijksim.params.core import Group, param

    names = list(registry.PARAMS)
    assert [p.name for p in registry.assemble(registry.STAGES, registry.ORDER)] == names
    recorded = sum(count for _, count in registry.ORDER)
    assert names[:2] == ["burn_in", "width"] and names[recorded - 1] == "distant_meet_factor"
    assert names.index("fear_init_alpha") == names.index("tie_decay_withdrawn") + 1  # advanced constants follow
    # entries added since the record (issue 28's youth stage) follow it, in stage order
    assert names[recorded:] == [p.name for g in registry.STAGES for p in g.params if p.name not in names[:recorded]]
    with pytest.raises(RuntimeError, match="only 0 left"):
        registry.assemble(registry.STAGES, (*registry.ORDER, ("run", 1)))
    texts = {"meaning": "m", "label_nl": "l", "meaning_nl": "b"}
    new = param(name="new_fear_thing", kind="float", default=1.0, low=0, high=2, **texts)
    stages = tuple(Group(g.name, g.name_nl, (*g.params, new)) if g.name == "fear" else g for g in registry.STAGES)
    # the fear stage comes before the youth stage: its new entry goes before the youth entries
    assert [p.name for p in registry.assemble(stages, registry.ORDER)] == [*names[:recorded], "new_fear_thing",
                                                                          *names[recorded:]]


def test_one_builder_for_levers_and_advanced_constants() -> None:
    from wijksim.params.core import STRUCTURAL, Group, param

    texts = {"meaning": "m", "label_nl": "l", "meaning_nl": "b"}
    lever = param(name="x", kind="float", default=1.0, low=0, high=2, **texts)
    constant = param(name="y", kind="int", default=2, low=0, high=5, advanced=True, **texts)
    cited = param(name="z", kind="int", default=2, low=0, high=5, advanced=True, source="Skogan 1990", **texts)
    assert (lever.advanced, lever.source, constant.advanced, constant.source) == (False, "", True, STRUCTURAL)
    assert cited.source == "Skogan 1990"
    assert {p.group for p in Group("fear", "angst", (lever, constant)).params} == {"fear"}

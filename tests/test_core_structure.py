"""The code's structure, checked: one module per submodel in the ODD's order, every behavioural constant in
the registry (no bare numbers in the submodels), no import circle among the core modules, modules and
functions of a readable size."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "wijksim"
SUBMODELS = SRC / "submodels"
CORE = ("model", "kernels", "residents", "incidents", "partners", "network", "neighbourhood", "params", "metrics",
        "runner")


def _core_files() -> dict[str, Path]:
    """Module name -> file of every core module; a core package (the registry, ``wijksim.params``) counts with
    each of its modules, so a stage module of the registry is held to the same rules as a single-file module."""
    out = {}
    for name in CORE:
        package = SRC / name
        if package.is_dir():
            out[f"wijksim.{name}"] = package / "__init__.py"
            out.update({f"wijksim.{name}.{p.stem}": p for p in sorted(package.glob("*.py")) if p.stem != "__init__"})
        else:
            out[f"wijksim.{name}"] = SRC / f"{name}.py"
    return out


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


def _imports(path: Path, package: str) -> set[str]:
    """Every wijksim module ``path`` imports, anywhere in the file (TYPE_CHECKING blocks and functions too)."""
    tree = ast.parse(path.read_text())
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if node.module:  # ``from . import x`` imports the submodule x, not (only) the package's own names
                out.add(mod)
            out.update(f"{mod}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def test_no_import_circle_among_the_core_modules() -> None:
    core = _core_files()
    core.update({f"wijksim.submodels.{p.stem}": p for p in SUBMODELS.glob("*.py") if p.stem != "__init__"})
    graph = {}
    for name, path in core.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        graph[name] = {m for m in _imports(path, package) if m in core and m != name}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in graph[node]:
            assert state.get(nxt) != 1, "import circle: " + " -> ".join([*trail, node, nxt])
            if nxt not in state:
                visit(nxt, [*trail, node])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [])
    assert "getattr(m" not in (SRC / "model.py").read_text()


def test_core_modules_and_functions_stay_readable() -> None:
    files = [*_core_files().values(), *sorted(SUBMODELS.glob("*.py"))]
    assert SRC / "params" / "decision.py" in files  # the registry's stage modules are checked too
    for path in files:
        lines = path.read_text().count("\n")
        assert lines <= 500, f"{path.name}: {lines} lines"
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                assert length <= 80, f"{path.name}: {node.name} has {length} lines"


def test_every_stage_draws_from_a_stream_of_its_own() -> None:
    """No borrowed stream with an offset: each stream(...) call in the week names its own stream, week w."""
    from wijksim.model import STREAMS

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
    single-file registry had (levers first, then the advanced constants), and refuses a record that drops or
    double-counts an entry, so a new entry cannot silently go missing from ``PARAMS``."""
    import pytest

    from wijksim.params import registry

    names = list(registry.PARAMS)
    assert [p.name for p in registry.assemble(registry.STAGES, registry.ORDER)] == names
    assert names[:2] == ["burn_in", "width"] and names[-1] == "distant_meet_factor"
    assert names.index("fear_init_alpha") == names.index("tie_decay_withdrawn") + 1  # advanced constants follow
    assert sum(count for _, count in registry.ORDER) == len(names)
    with pytest.raises(RuntimeError, match="leaves out distant_meet_factor"):
        registry.assemble(registry.STAGES, (*registry.ORDER[:-1], ("cohesion", 2)))
    with pytest.raises(RuntimeError, match="only 0 left"):
        registry.assemble(registry.STAGES, (*registry.ORDER, ("run", 1)))


def test_one_builder_for_levers_and_advanced_constants() -> None:
    from wijksim.params.core import STRUCTURAL, Group, param

    texts = {"meaning": "m", "label_nl": "l", "meaning_nl": "b"}
    lever = param(name="x", kind="float", default=1.0, low=0, high=2, **texts)
    constant = param(name="y", kind="int", default=2, low=0, high=5, advanced=True, **texts)
    cited = param(name="z", kind="int", default=2, low=0, high=5, advanced=True, source="Skogan 1990", **texts)
    assert (lever.advanced, lever.source, constant.advanced, constant.source) == (False, "", True, STRUCTURAL)
    assert cited.source == "Skogan 1990"
    assert {p.group for p in Group("fear", "angst", (lever, constant)).params} == {"fear"}

"""``wijksim analyze`` on a bad sweep directory: garbage, array-shaped, ``{}`` or damaged manifests, an
unreadable one, a read-only finished sweep. Each is one line naming the file and exit 2 (never a
traceback); a read-only sweep is analysable when the figures go elsewhere, and says where it cannot
write otherwise."""

from __future__ import annotations

import errno
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sweep_dirs import finished_sweep

ROOT = Path(__file__).resolve().parents[1]


def _app():
    import wijksim.sweep.commands  # noqa: F401  (registers analyze)
    from wijksim.cli import app

    return app


def _analyze(*args: str):
    return CliRunner().invoke(_app(), ["analyze", *args])


def _one_line(result, names: str) -> str:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("wijksim: error: ") and names in lines[0], result.output
    return lines[0]


MANIFESTS: dict[str, bytes] = {
    "garbage": b"\x00\xff garbage {",
    "array": b"[1, 2, 3]",
    "empty_object": b"{}",
    "empty_file": b"",
    "string": b'"manifest"',
    "experiment_not_object": b'{"experiment": [1]}',
    "experiment_empty": b'{"experiment": {}}',
    "experiment_bad_field": b'{"experiment": {"name": "x", "weeks": "many"}}',
    "checksums_not_object": b'{"experiment": {"name": "x"}, "checksums": [1]}',
    "nested": b"[" * 100_000 + b"]" * 100_000,
    "bom": b"\xef\xbb\xbf{}",
    "not_utf8": b'{"experiment": "\xff"}',
    "nan": b'{"experiment": NaN}',
}


@pytest.mark.parametrize("kind", sorted(MANIFESTS))
def test_a_bad_manifest_is_one_line(tmp_path: Path, kind: str) -> None:
    (tmp_path / "manifest.json").write_bytes(MANIFESTS[kind])
    _one_line(_analyze(str(tmp_path)), "manifest.json")


def test_a_damaged_experiment_in_a_real_manifest_names_the_field(tmp_path: Path) -> None:
    sweep = finished_sweep(tmp_path / "s")
    manifest = json.loads((sweep / "manifest.json").read_text())
    manifest["experiment"]["design"]["kind"] = "astrology"
    (sweep / "manifest.json").write_text(json.dumps(manifest))
    assert "design" in _one_line(_analyze(str(sweep)), "manifest.json")


def test_an_unreadable_manifest_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wijksim.sweep import storage

    sweep = finished_sweep(tmp_path / "s")

    def refuse(out: Path) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(Path(out) / "manifest.json"))

    monkeypatch.setattr(storage, "read_manifest", refuse)
    assert "Permission denied" in _one_line(_analyze(str(sweep)), "manifest.json")


def test_a_manifest_that_is_a_directory_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").mkdir()
    _one_line(_analyze(str(tmp_path)), "manifest.json")


def test_a_file_instead_of_a_directory_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    _one_line(_analyze(str(tmp_path / "f")), "not a directory")


def test_an_output_folder_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    sweep = finished_sweep(tmp_path / "s")
    line = _one_line(_analyze(str(sweep), "--out", "/proc/wijksim-analysis"), "/proc/wijksim-analysis")
    assert "--out" in line


def _read_only(sweep: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``wijksim analyze`` with ``sweep`` bind-mounted read-only (a user and mount namespace: no root
    needed, and root's writes are refused as well)."""
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-rm", "true"]).returncode != 0:
        pytest.skip("no user namespaces here to make a read-only mount")
    script = (f'mount --bind "{sweep}" "{sweep}" && mount -o remount,ro,bind "{sweep}" && '
              f'exec "{sys.executable}" -m wijksim analyze "{sweep}" ' + " ".join(f'"{a}"' for a in args))
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "src"), "PYTHONWARNINGS": "ignore",
           "MPLCONFIGDIR": str(sweep.parent / "mpl")}
    return subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=300,
                          env=env)


def test_a_read_only_finished_sweep_is_analysable_elsewhere(tmp_path: Path) -> None:
    sweep = finished_sweep(tmp_path / "s")
    before = sorted(p.relative_to(sweep) for p in sweep.rglob("*"))
    r = _read_only(sweep, "--out", str(tmp_path / "figures"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "figures" / "runs.csv").exists()
    assert sorted(p.relative_to(sweep) for p in sweep.rglob("*")) == before


def test_a_read_only_finished_sweep_says_where_it_cannot_write(tmp_path: Path) -> None:
    sweep = finished_sweep(tmp_path / "s")
    r = _read_only(sweep)
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    assert str(sweep / "analysis") in lines[0] and "--out" in lines[0]

"""Which code produced a result: wijksim's version and git commit, and the versions that shape results.

Written into every ``summary.json`` (``wijksim run``) and ``manifest.json`` (``wijksim sweep``), so a
researcher can tell which version produced a figure. :func:`model_version` is what a sweep's resume
compares: the package version plus, when run from a git checkout, the commit (a resume across
commits could mix runs of two models in one dataset).
"""

from __future__ import annotations

import platform
import subprocess
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

#: packages whose version can change a number in the output (or how it is stored)
PACKAGES: tuple[str, ...] = ("numpy", "numba", "mesa", "pandas", "pyarrow", "dask", "distributed", "scipy",
                             "SALib", "pydantic")
SOURCE_ROOT = Path(__file__).resolve().parents[2]


def _version(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


@lru_cache(maxsize=1)
def git_info() -> tuple[str | None, bool | None]:
    """(commit, dirty) of the checkout wijksim is imported from; (None, None) outside a checkout.

    ``dirty`` is True when tracked files under ``src/`` differ from the commit (results then come
    from code that no commit holds).
    """
    if not (SOURCE_ROOT / ".git").exists() or not (SOURCE_ROOT / "src" / "wijksim").is_dir():
        return None, None
    try:
        commit = subprocess.run(["git", "-C", str(SOURCE_ROOT), "rev-parse", "HEAD"], capture_output=True,
                                text=True, timeout=10, check=True).stdout.strip()
        status = subprocess.run(["git", "-C", str(SOURCE_ROOT), "status", "--porcelain", "--untracked-files=no",
                                 "--", "src"], capture_output=True, text=True, timeout=10, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None, None
    return (commit or None), bool(status.strip())


def wijksim_version() -> str:
    """The installed package's version ("0.0.0+local" from a source tree without installation).

    Read here, not from ``wijksim.__version__``: the package's ``__init__`` imports the model, so a module the
    model imports (or the model itself) that asked the package would close an import circle.
    """
    return _version("wijksim") or "0.0.0+local"


def model_version() -> str:
    """``<version>`` or, from a checkout, ``<version>+g<commit12>`` (``.dirty`` with local changes)."""
    commit, dirty = git_info()
    if commit is None:
        return wijksim_version()
    return f"{wijksim_version()}+g{commit[:12]}" + (".dirty" if dirty else "")


def versions() -> dict[str, Any]:
    """Everything recorded: wijksim (version, commit, local changes), Python and :data:`PACKAGES`."""
    commit, dirty = git_info()
    out: dict[str, Any] = {"wijksim": wijksim_version(), "model_version": model_version(), "git_commit": commit,
                           "git_dirty": dirty, "python": platform.python_version()}
    out.update({name.lower(): _version(name) for name in PACKAGES})
    return out

"""Whether the compiled kernels are in numba's cache on this machine.

The kernels themselves live beside the submodel they compute (:mod:`wijksim.submodels`), each compiled
with ``cache=True``: the first run on a machine compiles them (tens of seconds), later runs and worker
processes load them in milliseconds.
"""

from __future__ import annotations

from pathlib import Path

from .submodels import ties


def compiled() -> bool:
    """Does numba's cache on this machine already hold the kernels? If not, their first use compiles
    them (about 20 s, once), and the command line says so rather than seeming to hang."""
    path = getattr(getattr(ties.tie_week, "_cache", None), "_cache_path", None)
    return path is not None and any(Path(path).glob("ties.*.nbi"))

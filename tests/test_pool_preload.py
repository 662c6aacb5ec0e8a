"""The pools' workers start with wijksim loaded where they come from the forkserver (the UI server, a workshop
room, any threaded caller): the forkserver imports the worker modules once, instead of every worker of every
comparison importing wijksim, pandas and scipy afresh (~1.5 s each)."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys, threading
from wijksim.compare.pool import WORKER_MODULES, run_all, start_context

got = {}
def compare_from_a_thread():  # as the UI server does: a threaded caller gets the forkserver
    got["context"] = start_context().get_start_method()
    probe = "[m in __import__('sys').modules for m in %r]" % (WORKER_MODULES,)
    got["loaded"] = run_all(eval, [probe, probe], workers=2)
t = threading.Thread(target=compare_from_a_thread)
t.start(); t.join()
print(got["context"], all(all(x) for x in got["loaded"]), len(got["loaded"]))
"""


def test_a_threaded_callers_pool_workers_start_with_the_worker_modules_loaded() -> None:
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["forkserver", "True", "2"], out.stdout + out.stderr

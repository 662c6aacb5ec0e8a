"""``wijksim ui``'s server for the tests that talk to it (the browser tests, the room's load test): one way to
start it on a free loopback port, wait until it answers (a condition, bounded), and stop it."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"


def free_port() -> int:
    """A free port on 127.0.0.1 (every test talks to the loopback address only)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def ui_server(log_name: str, env: dict[str, str], wait_s: float = 90.0, path: str = "/",
              ) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """The server with ``env`` added to the environment, its output in ``tests/artifacts/<log_name>``; yields
    its URL (ending in ``path``) and the process once a request gets an answer, fails after ``wait_s``."""
    from wijksim.ui.commands import server_env, solara_command

    port = free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    url = f"http://127.0.0.1:{port}{path}"
    with open(ARTIFACTS / log_name, "w") as log:
        proc = subprocess.Popen(solara_command("127.0.0.1", port), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                env=server_env({**os.environ, "WIJKSIM_UI_HOST": "127.0.0.1",
                                                "WIJKSIM_UI_PORT": str(port), **env}))
        try:
            deadline = time.time() + wait_s
            while time.time() < deadline:
                try:
                    with urllib.request.urlopen(url, timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    time.sleep(0.5)  # polling a starting server
            else:
                pytest.fail(f"the UI server did not start; see tests/artifacts/{log_name}")
            yield url, proc
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()

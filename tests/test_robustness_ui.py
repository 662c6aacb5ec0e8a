"""The UI server makes no outbound connection; a non-loopback --host is warned about (issue 15, item 8).

The server runs as ``wijksim ui`` really runs it (a subprocess of the command). An audit hook,
installed in every Python process started with this test's ``PYTHONPATH`` (``sitecustomize``),
records each ``socket.connect`` and name lookup that does not go to this machine, and refuses it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("solara")

HOOK = textwrap.dedent('''
    import os, sys
    _log = os.environ.get("WIJKSIM_NET_LOG")
    if _log:
        _LOCAL = ("127.", "::1", "localhost", "0.0.0.0")

        def _hook(event, args):
            if event == "socket.connect":
                addr = args[1]
                host = addr[0] if isinstance(addr, tuple) else None
            elif event == "socket.getaddrinfo":
                host = args[0]
            else:
                return
            if host is None or (isinstance(host, bytes) and host.startswith(b"127.")):
                return
            host = host.decode() if isinstance(host, bytes) else str(host)
            if host == "" or host.startswith(_LOCAL):
                return
            with open(_log, "a") as f:
                f.write(f"{os.getpid()} {event} {host}\\n")
            raise OSError("outbound connection blocked by the test")

        sys.addaudithook(_hook)
''')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_ui_server_start_and_first_page_make_no_outbound_connection(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(HOOK)
    log = tmp_path / "net.log"
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(site), "WIJKSIM_NET_LOG": str(log)}
    env.pop("SOLARA_TELEMETRY_MIXPANEL_ENABLE", None)  # the command itself must turn it off
    proc = subprocess.Popen([sys.executable, "-m", "wijksim", "ui", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    assert r.status == 200
                    r.read()
                    break
            except OSError:
                assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
                time.sleep(0.5)
        else:
            pytest.fail("the UI server did not start")
        time.sleep(2)  # background threads (version check, telemetry) would have run by now
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    assert (site / "sitecustomize.py").exists()
    seen = log.read_text() if log.exists() else ""
    assert seen == "", f"outbound connections: {seen}"


def test_the_hook_sees_an_outbound_connection(tmp_path: Path) -> None:
    """The audit hook really records and blocks a connection to a public address (the test can fail)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(HOOK)
    log = tmp_path / "net.log"
    env = {**os.environ, "PYTHONPATH": str(site), "WIJKSIM_NET_LOG": str(log)}
    code = ("import socket\ntry:\n    socket.create_connection(('192.0.2.1', 80), timeout=0.2)\n"
            "except OSError:\n    pass\n")
    subprocess.run([sys.executable, "-c", code], env=env, timeout=60)
    assert "192.0.2.1" in log.read_text()


def test_non_loopback_host_is_warned_about() -> None:
    from wijksim.cli import app
    from wijksim.ui import commands

    assert commands.is_loopback("127.0.0.1") and commands.is_loopback("localhost") and commands.is_loopback("::1")
    assert not commands.is_loopback("0.0.0.0") and not commands.is_loopback("192.168.1.5")
    cmd = commands.solara_command("127.0.0.1", 8765)
    assert "--no-check-version" in cmd
    assert commands.server_env({})["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] == "False"
    # the warning comes before the server starts: stop it there by making solara's start fail fast
    calls = []
    orig = subprocess.call
    subprocess.call = lambda *a, **k: calls.append(a) or 0  # type: ignore[assignment]
    try:
        r = CliRunner().invoke(app, ["ui", "--host", "0.0.0.0", "--port", "8799"])
        quiet = CliRunner().invoke(app, ["ui", "--port", "8799"])
    finally:
        subprocess.call = orig  # type: ignore[assignment]
    assert "anyone on the network" in r.output and calls
    assert "anyone on the network" not in quiet.output

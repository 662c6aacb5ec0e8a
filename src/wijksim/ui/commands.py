"""``wijksim ui``: serve the browser UI with solara (localhost only unless ``--host`` is given).

A local tool for municipal staff makes no network calls it does not need: the server starts without
solara's version check (a request to the package index) and with its telemetry (Mixpanel, and the
public-IP lookup that comes with it) off. A test watches every outbound connection of the server
process (``tests/test_robustness_ui.py``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..cli import app, fail

APP_FILE = Path(__file__).with_name("app.py")


def solara_command(host: str, port: int) -> list[str]:
    """The exact server command (also used by the browser tests, so they test what users run)."""
    return [
        sys.executable,
        "-m",
        "solara",
        "run",
        str(APP_FILE),
        "--no-check-version",
        "--host",
        host,
        "--port",
        str(port),
        "--production",
        "--no-open",
    ]


#: how long solara keeps a page's kernel (its live models) after the page disconnected: long enough to
#: ride out a dropped connection, not solara's 24 hours (closed tabs held their memory all day); the
#: session's results are kept longer (:data:`wijksim.ui.results.IDLE_MINUTES`), so a reload finds them
KERNEL_CULL = "5m"

#: environment that turns solara's telemetry off (its settings read ``SOLARA_TELEMETRY_*``), and its
#: "This website runs on Solara" banner, which sits over the bottom right of the charts on a projector
QUIET_ENV = {"SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False", "MPLBACKEND": "Agg", "SOLARA_THEME_SHOW_BANNER": "False",
             "SOLARA_THEME_TITLE": "wijksim", "SOLARA_KERNEL_CULL_TIMEOUT": KERNEL_CULL}
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "ip6-localhost"}


def server_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The server's environment: ``base`` (default: this process's) with telemetry off."""
    return {**(os.environ if base is None else base), **QUIET_ENV}


def is_loopback(host: str) -> bool:
    """Does ``host`` listen on this machine only?"""
    import ipaddress

    if host.strip().lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@app.command("ui")
def ui_cmd(
    host: Annotated[
        str, typer.Option(help="interface to listen on (0.0.0.0 exposes the UI to your network)")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8765,
) -> None:
    """Start the browser UI (explorer, comparison page, workshop) at http://HOST:PORT."""
    if not (1 <= port <= 65535):
        fail(f"--port {port} is invalid: allowed 1 to 65535")
    try:
        import solara  # noqa: F401
    except ModuleNotFoundError:
        fail("the UI needs the 'ui' extra: pip install -e '.[ui]'")
    if not is_loopback(host):
        typer.echo(f"wijksim: warning: --host {host} makes the UI reachable from other machines: anyone on "
                   "the network can open it and run models. Use the default 127.0.0.1 unless that is "
                   "what you want.", err=True)
    typer.echo(f"wijksim UI on http://{host}:{port}  (Ctrl+C to stop)", err=True)
    env = {**server_env(), "WIJKSIM_UI_HOST": host, "WIJKSIM_UI_PORT": str(port)}  # the room's join URL
    try:
        raise typer.Exit(subprocess.call(solara_command(host, port), env=env))
    except KeyboardInterrupt:
        raise typer.Exit(0) from None

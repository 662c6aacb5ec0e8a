"""``wijksim ui``: serve the browser UI with solara (localhost only unless ``--host`` is given)."""

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
        "--host",
        host,
        "--port",
        str(port),
        "--production",
        "--no-open",
    ]


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
    typer.echo(f"wijksim UI on http://{host}:{port}  (Ctrl+C to stop)", err=True)
    env = {**os.environ, "MPLBACKEND": "Agg"}
    try:
        raise typer.Exit(subprocess.call(solara_command(host, port), env=env))
    except KeyboardInterrupt:
        raise typer.Exit(0) from None

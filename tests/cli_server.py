"""``python -m wijksim`` for the guides' command blocks, without paying Python's start each time.

Every runnable block of a guide runs as printed, with bash (tests/test_docs.py); each ``wijksim ...`` in it
used to start a fresh interpreter that imported wijksim, Mesa, pandas and matplotlib and loaded the compiled
kernels: about 1.8 s of CPU before the command did anything, some twenty times per fast suite. Here one
server per test process imports all that once; each command is a fork of it that runs ``python -m wijksim``
(``runpy``, as ``-m`` does) with the command's own arguments, directory, environment and standard streams,
and exits with the command's status. The client (``python cli_server.py ARGS``) imports nothing heavy: it
hands its arguments, directory, environment and file descriptors 0–2 to the server and exits with the code
it gets back. A fork is a fresh copy of the warmed server, so no state passes from one command to the next.

The command-line tests whose claim is the command (what it prints, writes and exits with), not Python's start,
use it too: the ``warm_wijksim`` fixture (tests/conftest.py) calls :func:`run`. A test that signals or kills
the command's process group, or times Python's own start, starts a fresh interpreter instead: a fork is not
in the caller's process group.
"""

from __future__ import annotations

import io
import json
import os
import socket
import struct
import subprocess
import sys
from pathlib import Path

ENV_SOCKET = "WIJKSIM_TEST_CLI_SOCKET"  # where the client finds the server


def _exit_code(code: object) -> int:
    """``sys.exit``'s argument as the process's exit status (as the interpreter maps it)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _run_command(request: dict, fds: list[int]) -> None:
    """In the forked child: become ``python -m wijksim ARGS`` in the caller's directory, environment and
    streams, run it and exit with its status (never returns)."""
    import runpy
    import traceback

    code = 1
    try:
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.argv = ["wijksim", *request["args"]]
        try:
            runpy.run_module("wijksim", run_name="__main__", alter_sys=True)
            code = 0
        except SystemExit as e:
            code = _exit_code(e.code)
        except BaseException:  # as the interpreter would: the traceback on stderr, status 1
            traceback.print_exc()
            code = 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # a closed pipe: nothing more to say
                pass
        os._exit(code)


def cpu_file(path: str) -> Path:
    """Where the server at ``path`` keeps the CPU seconds its commands have used so far. Its forks are not the
    test process's children: their CPU would reach it only when the server itself is reaped, at the end of the
    session, and land on whichever test ran last (tests/conftest.py reads this file instead meanwhile)."""
    return Path(path + ".cpu")


def _write_cpu(path: str, seconds: float) -> None:
    tmp = Path(path + ".cpu.tmp")
    tmp.write_text(repr(seconds))
    tmp.replace(cpu_file(path))


def serve(path: str) -> None:
    """The server: import and warm what every command needs, then fork one child per request, in turn."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot

    import wijksim.cli  # noqa: F401
    from wijksim.model import WijkModel

    model = WijkModel(rng=0, width=10, height=10, burn_in=1).run(2)  # the compiled kernels loaded from the cache
    # one figure drawn: the fonts and their metrics loaded here, not again in every command that draws one
    # (a small `wijksim run` in a fork: 1.3 -> 0.7 s of CPU)
    from wijksim import plots

    plots.overview(model.timeseries(), title="warm").savefig(io.BytesIO(), format="png")
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    srv.bind(path)
    srv.listen()
    print("ready", flush=True)
    spent = 0.0
    while True:
        conn, _ = srv.accept()
        with conn:
            msg, fds, _, _ = socket.recv_fds(conn, 1 << 20, 3)
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                srv.close()
                _run_command(json.loads(msg), fds)
            for fd in fds:
                os.close(fd)
            _, status, usage = os.wait4(pid, 0)
            spent += usage.ru_utime + usage.ru_stime
            _write_cpu(path, spent)  # before the answer: the test that asked counts this command's CPU
            conn.sendall(struct.pack("i", os.waitstatus_to_exitcode(status)))


def client(args: list[str]) -> int:
    """Run ``wijksim ARGS`` on the server named by ``$WIJKSIM_TEST_CLI_SOCKET``; its exit status."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET) as s:
        s.connect(os.environ[ENV_SOCKET])
        request = {"args": args, "cwd": os.getcwd(), "env": {k: v for k, v in os.environ.items() if k != ENV_SOCKET}}
        socket.send_fds(s, [json.dumps(request).encode()], [0, 1, 2])
        reply = s.recv(4)
    if len(reply) != 4:
        print("wijksim (test server): the server ended without an answer", file=sys.stderr)
        return 1
    status = struct.unpack("i", reply)[0]
    return 128 - status if status < 0 else status  # killed by a signal: as bash reports it


def run(args: list[str], sock: str, *, cwd: str | Path | None = None, timeout: float = 600,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``subprocess.run([sys.executable, "-m", "wijksim", *args], capture_output=True, text=True)`` as a fork of
    the warmed server at ``sock``: a real process with its own streams, directory, environment and exit status,
    without the ~1.5 s of CPU a fresh interpreter spends importing wijksim (for tests whose claim is about the
    command, not about Python's start)."""
    return subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, cwd=cwd,
                          timeout=timeout, stdin=subprocess.DEVNULL,
                          env={**(os.environ if env is None else env), ENV_SOCKET: sock})


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--serve":
        serve(sys.argv[2])
    else:
        sys.exit(client(sys.argv[1:]))

"""Output targets: one writer per output folder, never over what is not ours, one run's files per folder.

Every command that writes (``run``, ``compare``, ``edge``, ``sweep``, ``calibrate``, ``analyze``,
``layout --out``) goes through here, because each rule only protects anything if no writer skips it:

* **One writer.** A lock file beside the target (``.NAME.wijksim-lock``, holding pid, host, start time
  and command) is created with ``O_CREAT | O_EXCL``, which is atomic on local file systems and on NFS
  (v3 and later). ``flock`` is not used: on NFS it is emulated or silently local. A lock whose process
  is gone *on this host* is taken over (saying so); a lock from another host cannot be checked and is
  never taken over: the message names the file to remove by hand.
* **Never over what is not ours.** The target must be absent or something wijksim wrote: a folder with
  the marker file (or only files wijksim writes). A device, FIFO, socket, symlink or ``/`` is refused
  always; a foreign file or folder unless ``--force``.
* **One run per folder.** ``run``, ``compare`` and ``edge`` write a fresh temporary sibling folder and
  swap it in, so a re-run leaves exactly its own files and a failure (full disk) leaves the previous
  output as it was. Temporary folders of a killed run are removed at the next start (under the lock).

Errors are :class:`OutputError` (one line); the command modules turn them into exit code 2.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import stat
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

#: written into every output folder: a non-empty folder without it is someone else's
MARKER = ".wijksim-output"
#: the files wijksim writes into an output folder (folders made before the marker existed are still ours)
KNOWN_OUTPUTS = frozenset({
    "timeseries.parquet", "timeseries.csv", "summary.json", "overview.png", "agents.parquet", "cells.geojson",
    "runs.parquet", "summary.csv", "comparison.png", "edge.json", "histories.csv", "ramp.csv", "edge.png", MARKER})
LOCK_SUFFIX = ".wijksim-lock"
#: a lock file still empty after this long was left by a writer killed while creating it
EMPTY_LOCK_SECONDS = 10.0
#: a take-over guard older than this was left by a process killed while taking a lock over
GUARD_SECONDS = 30.0


class OutputError(Exception):
    """The output target cannot be used: printed as one line, exit code 2."""


def _note(text: str) -> None:
    print(f"wijksim: {text}", file=sys.stderr)


# --- what the target is ----------------------------------------------------------------------------
def absolute(path: Path) -> Path:
    """``path`` made absolute without following symlinks (a symlinked target must stay visible)."""
    return Path(os.path.abspath(path))


def is_output_dir(path: Path) -> bool:
    """Is ``path`` empty, or a folder wijksim wrote (marker file, or only files wijksim writes)?"""
    try:
        names = {p.name for p in Path(path).iterdir()}
    except OSError:
        return False
    return not names or MARKER in names or names <= KNOWN_OUTPUTS


def _special(mode: int) -> str | None:
    """What kind of special file ``mode`` is, or None for a plain file or folder."""
    for test, name in ((stat.S_ISLNK, "a symlink"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return None


def check_target(out: Path, kind: Literal["dir", "file", "any"] = "dir", force: bool = False,
                 option: str = "--out", foreign_ok: bool = False) -> None:
    """Refuse a target wijksim must not write over (:class:`OutputError`).

    ``kind`` is what the command writes; ``foreign_ok`` skips the content check for commands that judge
    a folder's content themselves (a sweep's manifest, a calibration's spec).
    """
    path = absolute(out)
    if path.parent == path:
        raise OutputError(f"{option} {out}: is the root folder; choose a new folder")
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as e:
        raise OutputError(f"{option} {out}: cannot be used ({e.strerror or e})") from None
    special = _special(st.st_mode)
    if special:
        raise OutputError(f"{option} {out}: is {special}; wijksim writes only to a new path or its own output "
                          "(--force does not change this)")
    if stat.S_ISDIR(st.st_mode):
        if kind == "file":
            raise OutputError(f"{option} {out}: is a folder; give a file name")
        if not force and not foreign_ok and not is_output_dir(path):
            raise OutputError(f"{option} {out}: not empty and not a wijksim output directory; choose a new "
                              "directory (or add --force to write into it anyway)")
        return
    if kind == "dir":
        raise OutputError(f"{option} {out}: exists and is not a directory")
    if not force:
        raise OutputError(f"{option} {out}: exists; choose a new name (or add --force to replace it)")


# --- the lock ----------------------------------------------------------------------------------------
def lock_path(out: Path) -> Path:
    """The lock file of ``out``: beside it, so it survives the folder being swapped."""
    path = absolute(out)
    return path.parent / f".{path.name}{LOCK_SUFFIX}"


def _proc_stat(pid: int) -> list[str]:
    """The fields of ``/proc/PID/stat`` after the command name (state first); empty where there is none."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def _start_ticks(pid: int) -> str | None:
    """When process ``pid`` started (Linux clock ticks since boot): tells a reused pid from the holder."""
    fields = _proc_stat(pid)
    return fields[19] if len(fields) > 19 else None


def _alive(holder: dict[str, Any]) -> bool:
    """Is the holder (on this host) still running? A pid now used by another process counts as gone."""
    pid = holder.get("pid")
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process: alive
    fields = _proc_stat(pid)
    if fields and fields[0] in ("Z", "X"):  # killed, not yet reaped by its parent: gone all the same
        return False
    started, now = holder.get("started_ticks"), _start_ticks(pid)
    return started is None or now is None or started == now


def describe(holder: dict[str, Any]) -> str:
    """``pid 123 on host, since 2026-01-01T10:00:00+00:00 (wijksim sweep)``."""
    what = f" ({holder['command']})" if holder.get("command") else ""
    return f"pid {holder.get('pid', '?')} on {holder.get('host', '?')}, since {holder.get('since', '?')}{what}"


class OutputLock:
    """An exclusive lock on one output target, held while a command writes it (a context manager)."""

    def __init__(self, out: Path, command: str = "wijksim", option: str = "--out",
                 note: Callable[[str], None] = _note) -> None:
        self.out, self.option, self.note = Path(out), option, note
        self.path = lock_path(out)
        self.info = {"pid": os.getpid(), "host": socket.gethostname(), "started_ticks": _start_ticks(os.getpid()),
                     "since": datetime.now(UTC).isoformat(timespec="seconds"), "command": command,
                     "token": uuid.uuid4().hex}
        self.held = False

    def __enter__(self) -> OutputLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def _create(self) -> bool:
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(json.dumps(self.info) + "\n")
        return True

    def _read(self) -> tuple[dict[str, Any] | None, str]:
        """The holder's record and the raw text (None when the file is gone, {} when empty or damaged)."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None, ""
        try:
            data = json.loads(text)
        except ValueError:
            return {}, text
        return (data if isinstance(data, dict) else {}), text

    def _stale(self, holder: dict[str, Any]) -> bool:
        if not holder:  # empty or damaged: a writer killed between creating and filling it, once old enough
            try:
                return time.time() - self.path.stat().st_mtime > EMPTY_LOCK_SECONDS
            except FileNotFoundError:
                return False
        return holder.get("host") == self.info["host"] and not _alive(holder)

    def acquire(self) -> None:
        """Take the lock, or take over a dead holder's; :class:`OutputError` naming a live holder."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            for _ in range(5):
                if self._create():
                    self.held = True
                    return
                holder, text = self._read()
                if holder is None:
                    continue  # released meanwhile: try again
                if not self._stale(holder):
                    break
                if self._take_over(text):
                    who = describe(holder) if holder else "a writer killed while taking it"
                    self.note(f"{self.option} {self.out}: took over the lock of {who}: that process is gone")
                    self.held = True
                    return
        except OSError as e:
            raise OutputError(f"{self.option} {self.out}: cannot write there ({e.strerror or e})") from None
        holder, _ = self._read()
        who = describe(holder) if holder else "another wijksim"
        hint = "" if not holder or holder.get("host") == self.info["host"] else (
            f"; if that process is gone, remove {self.path}")
        raise OutputError(f"{self.option} {self.out}: in use by {who}; wait for it or choose another folder{hint}")

    def _take_over(self, stale_text: str) -> bool:
        """Replace the stale lock by ours; a guard file keeps two processes from both taking it over."""
        guard = self.path.with_name(self.path.name + ".takeover")
        with contextlib.suppress(FileNotFoundError):
            if time.time() - guard.stat().st_mtime > GUARD_SECONDS:
                guard.unlink(missing_ok=True)
        try:
            fd = os.open(guard, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        os.close(fd)
        try:
            _, text = self._read()
            if text != stale_text:
                return False  # someone else got there first
            self.path.unlink(missing_ok=True)
            return self._create()
        finally:
            guard.unlink(missing_ok=True)

    def release(self) -> None:
        """Remove the lock file, if it is still ours."""
        if not self.held:
            return
        self.held = False
        holder, _ = self._read()
        if holder and holder.get("token") == self.info["token"]:
            with contextlib.suppress(OSError):
                self.path.unlink()


# --- temporary folders -------------------------------------------------------------------------------
def _ours(folder: Path) -> bool:
    try:
        names = {p.name for p in folder.iterdir()}
    except OSError:
        return False
    return names <= KNOWN_OUTPUTS


def clean_leftovers(out: Path) -> list[Path]:
    """Remove temporary folders a killed run of ``out`` left (call it holding the lock); returns them.

    ``.NAME.tmp-*`` are unfinished outputs; ``.NAME.old-*`` is the previous output of a swap killed
    half-way: put back if the target is missing, else removed. Only folders holding nothing but
    wijksim's own files are touched.
    """
    path = absolute(out)
    removed = []
    for pattern in (f".{path.name}.tmp-*", f".{path.name}.old-*"):
        for d in sorted(path.parent.glob(pattern)):
            if d.is_symlink() or not d.is_dir() or not _ours(d):
                continue
            if ".old-" in d.name and not os.path.lexists(path):
                os.rename(d, path)
                continue
            shutil.rmtree(d, ignore_errors=True)
            removed.append(d)
    return removed


@contextlib.contextmanager
def _ctrl_c_after() -> Iterator[None]:
    """Hold Ctrl-C back until the block is done (a swap or a clean-up cut in two leaves litter behind);
    only the main thread can, elsewhere the block runs as is."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: pressed.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)
    if pressed:
        raise KeyboardInterrupt


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _install(tmp: Path, path: Path) -> None:
    """Put the finished ``tmp`` in place of ``path``: the whole folder when everything in it is ours, else
    (our files beside someone else's, with ``--force``) only our files, replacing the previous run's."""
    if not os.path.lexists(path):
        os.rename(tmp, path)
        return
    names = {p.name for p in path.iterdir()}
    if names <= KNOWN_OUTPUTS:
        old = path.parent / f".{path.name}.old-{uuid.uuid4().hex[:8]}"
        os.rename(path, old)
        os.rename(tmp, path)
        shutil.rmtree(old, ignore_errors=True)
        return
    for name in sorted(names & KNOWN_OUTPUTS):
        target = path / name
        if target.is_file() and not target.is_symlink():
            target.unlink()
    for f in tmp.iterdir():
        target = path / f.name
        if os.path.lexists(target):
            raise OutputError(f"--out {path}: {f.name} there is not a file wijksim wrote; move it away")
        f.replace(target)


@contextlib.contextmanager
def fresh_dir(out: Path, force: bool = False, command: str = "wijksim", option: str = "--out") -> Iterator[Path]:
    """Lock ``out``, write into a fresh temporary sibling folder, and swap it in only on success.

    Any ``OSError`` (a full disk, a read-only or vanished file system) becomes one :class:`OutputError`
    naming the folder, with the previous output left as it was.
    """
    path = absolute(out)
    check_target(out, "dir", force, option)
    with OutputLock(out, command, option):
        check_target(out, "dir", force, option)  # again: another writer may have finished meanwhile
        try:
            clean_leftovers(out)
            tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.tmp-", dir=path.parent))
        except OSError as e:
            raise OutputError(f"{option} {out}: cannot create the directory ({e.strerror or e})") from None
        try:
            os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp's 0700 would become the output's mode
            (tmp / MARKER).write_text("written by wijksim\n", encoding="utf-8")
            yield tmp
            with _ctrl_c_after():
                _install(tmp, path)
        except OSError as e:
            raise OutputError(f"{option} {out}: cannot write there ({e.strerror or e}); nothing was changed "
                              "there") from None
        finally:
            with _ctrl_c_after():
                shutil.rmtree(tmp, ignore_errors=True)


def write_file(out: Path, text: str, force: bool = False, command: str = "wijksim", option: str = "--out") -> None:
    """Write one text file output: locked, checked, through a temporary name, never over a special file."""
    path = absolute(out)
    check_target(out, "file", force, option)
    with OutputLock(out, command, option):
        check_target(out, "file", force, option)
        tmp = path.with_name(f".{path.name}.tmp-{uuid.uuid4().hex[:8]}")
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            check_target(out, "file", force, option)  # nothing special appeared while we wrote
            os.replace(tmp, path)
        except OSError as e:
            raise OutputError(f"{option} {out}: cannot write ({e.strerror or e})") from None
        finally:
            tmp.unlink(missing_ok=True)

"""Input rules shared by scenario files, experiment files and the command line.

One place for the rules that are the same everywhere:

- **Types**: in a file, a number is a TOML integer or float, never a boolean or a string
  (``weeks = true`` and ``crime_rate = "1_0"`` are refused); a whole-number field also takes a
  float with no fraction (``4.0``), as the registry does; a true/false field takes only ``true`` or
  ``false``. The command line's ``--set name=value`` is text by nature and is parsed into the
  registry's type there (:func:`wijksim.params.parse_assignment`).
- **Files**: read as UTF-8 (a byte-order mark, as Windows Notepad writes it, is accepted), at most
  :data:`MAX_FILE_BYTES`, nested at most :data:`MAX_DEPTH` levels.
- **Seeds**: ``0 <= seed < 2**63`` (:data:`MAX_SEED`), for every seed a run uses.
- **Consistency between parameters**: the registry's cross-field rules (:mod:`wijksim.params.rules`),
  importable from here too (:func:`check_consistent`, :func:`inconsistencies`, :data:`RULES`).
- **Messages** quote user values cut to :data:`MAX_QUOTE` characters (:func:`clip`) and carry their
  facts as a :class:`wijksim.text.messages.Problem`, so the UI can show them in Dutch.

This module imports nothing from the model; of the registry only its rules at load time (the registry
imports nothing from here, so there is no circle).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, StrictBool

from .params.rules import RULES as RULES
from .params.rules import check_consistent as check_consistent
from .params.rules import inconsistencies as inconsistencies
from .params.rules import inconsistency_problems as inconsistency_problems
from .text.messages import error

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 20
MAX_SEED = 2**63 - 1
MAX_QUOTE = 60


def clip(value: Any, limit: int = MAX_QUOTE) -> str:
    """``repr(value)`` cut to ``limit`` characters (a 1 MB key must not be echoed in full)."""
    if isinstance(value, bool):
        return "true" if value else "false"  # as written in the file
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --- strict types for pydantic models ----------------------------------------------------------------
def _no_bool_or_text(v: Any) -> Any:
    if isinstance(v, bool):
        raise ValueError("expected a number, got true/false")
    if isinstance(v, str | bytes):
        raise ValueError("expected a number, got text")
    return v


def _fitting_number(v: Any) -> Any:
    """A float field's value: no bool or text, and an integer that a float can hold (:func:`fits`)."""
    v = _no_bool_or_text(v)
    if not fits(v):
        raise ValueError(TOO_BIG)
    return v


#: why a number is refused that Python holds but a float cannot (``10**400`` in a TOML file)
TOO_BIG = "a number too large to use (at most about 1.8e308)"


def fits(value: Any) -> bool:
    """Whether a number from a file can become a float without ``OverflowError``.

    TOML integers are unbounded, so ``crime_rate = 1000…0`` (400 digits) reaches the code as a Python int
    that ``float()`` refuses with a traceback; checking here turns it into one line naming the field.
    Non-numbers pass (other checks name them), and so do floats: TOML reads ``1e400`` as ``inf``, which
    the range checks refuse.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            float(value)
        except OverflowError:
            return False
    return True


#: a number in a file: int or float, not bool, not text
Number = Annotated[float, BeforeValidator(_fitting_number)]
#: a whole number in a file: int (or a float without fraction), not bool, not text
WholeNumber = Annotated[int, BeforeValidator(_no_bool_or_text)]
#: true or false only (not 1, "yes", "true")
Flag = StrictBool


# --- files -------------------------------------------------------------------------------------------
class InputFileError(ValueError):
    """A file that cannot be read as a scenario or experiment; the message is one line."""


#: what a path is when it is not a regular file, by ``stat``'s file type (the message's wording)
_NOT_FILES: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISFIFO, "FIFO"), (stat.S_ISCHR, "device"), (stat.S_ISBLK, "device"), (stat.S_ISSOCK, "socket"),
)


def _refuse_non_regular(mode: int, path: Path, what: str) -> None:
    if stat.S_ISDIR(mode):
        raise error(InputFileError, "is_dir", str(path), what=what)
    if not stat.S_ISREG(mode):
        found = next((name for test, name in _NOT_FILES if test(mode)), "special file")
        raise error(InputFileError, "not_a_file", str(path), what=what, found=found)


def check_file(path: Path, what: str, limit: int = MAX_FILE_BYTES) -> os.stat_result:
    """``stat`` an input path before anything opens it: a regular file of at most ``limit`` bytes, or a one-line
    refusal (no such file, a directory, a FIFO, a device, too large).

    Why before opening: ``open()`` of a FIFO blocks until some other program writes to it, so a named pipe
    given as a scenario or a map would hang the command forever; a device such as ``/dev/zero`` never ends.
    Every kind of input file goes through here (:func:`read_bytes`, :func:`read_text`, the posterior file).
    """
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise error(InputFileError, "no_file", str(path), what=what) from None
    except (OSError, ValueError) as err:  # ValueError: a NUL byte in the path
        reason = getattr(err, "strerror", None) or str(err)
        raise error(InputFileError, "unreadable", str(path), reason=reason,
                    errno=getattr(err, "errno", None)) from None
    _refuse_non_regular(st.st_mode, path, what)
    if st.st_size > limit:
        raise error(InputFileError, "too_large", str(path), mb=limit // 1_000_000, what=what)
    return st


def read_bytes(path: Path, what: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a checked input file (:func:`check_file`), never reading more than ``limit`` + 1.

    The file is opened non-blocking and checked again on the open descriptor, so a path swapped for a FIFO
    between the ``stat`` and the ``open`` is refused too instead of hanging.
    """
    check_file(path, what, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        raise error(InputFileError, "unreadable", str(path), reason=err.strerror or err, errno=err.errno) from None
    try:
        _refuse_non_regular(os.fstat(fd).st_mode, path, what)
    except InputFileError:
        os.close(fd)
        raise
    try:
        with open(fd, "rb") as f:
            raw = f.read(limit + 1)
    except OSError as err:
        raise error(InputFileError, "unreadable", str(path), reason=err.strerror or err, errno=err.errno) from None
    if len(raw) > limit:
        raise error(InputFileError, "too_large", str(path), mb=limit // 1_000_000, what=what)
    return raw


def read_text(path: Path, what: str, limit: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file of at most ``limit`` bytes (never reading more) with a clear one-line error
    for every way it can fail (:func:`read_bytes`)."""
    raw = read_bytes(path, what, limit)
    try:
        return raw.decode("utf-8-sig")  # accepts (and drops) a UTF-8 byte-order mark
    except UnicodeDecodeError:
        raise error(InputFileError, "not_utf8", str(path)) from None


def parse_toml(text: str, source: str) -> dict[str, Any]:
    """TOML text into a dict, refusing deep nesting (and any recursion limit) with one line."""
    import tomllib

    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        at = re.search(r"\(at line (\d+), column (\d+)\)", str(err))
        raise error(InputFileError, "toml", source, detail=clip(str(err), 200)[1:-1],
                    line=int(at.group(1)) if at else None, column=int(at.group(2)) if at else None) from None
    except RecursionError:
        raise error(InputFileError, "nested", source, most=MAX_DEPTH) from None
    except ValueError as err:  # an integer of more than 4300 digits (Python's limit for int(text))
        raise error(InputFileError, "toml", source, detail=clip(str(err), 200)[1:-1]) from None
    if depth(data) > MAX_DEPTH:
        raise error(InputFileError, "nested", source, most=MAX_DEPTH)
    return data


def depth(value: Any, limit: int = MAX_DEPTH + 1) -> int:
    """Nesting depth of lists and tables (iterative; stops counting past ``limit``)."""
    best = 0
    stack = [(value, 0)]
    while stack:
        v, d = stack.pop()
        best = max(best, d)
        if d > limit:
            return d
        if isinstance(v, dict):
            stack.extend((x, d + 1) for x in v.values())
        elif isinstance(v, list):
            stack.extend((x, d + 1) for x in v)
    return best


# --- registry values from a file, strictly -------------------------------------------------------------
def strict_param(name: str, value: Any, source: str | None = None) -> Any:
    """A registry parameter's value as read from a file: the type must already be right.

    Unknown names and values of the wrong type get a message with the value cut short; the range
    check and canonical type are the registry's (:func:`wijksim.params.coerce`).
    """
    from .params import PARAMS, ParamError, coerce
    from .text.params import range_facts

    if not isinstance(name, str) or name not in PARAMS:
        return coerce(str(name)[:MAX_QUOTE], None, source)  # the registry's unknown-name message
    p = PARAMS[name]
    facts = {"name": name, "value": clip(value), **range_facts(p)}
    if p.kind == "bool":
        ok = isinstance(value, bool)
    elif p.kind == "choice":
        ok = isinstance(value, str)
    else:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok and value is not None and type(value).__module__ == "numpy":
            ok = not isinstance(value.item(), bool | str)
    if ok and not fits(value):
        raise error(ParamError, "param_too_big", source, name=name, value=clip(value), **range_facts(p))
    if not ok:
        note = "" if p.kind in ("bool", "choice") else " (a number, not text or true/false)"
        raise error(ParamError, "bad_param", source, **facts, note=note)
    try:
        return coerce(name, value, source)
    except ParamError:
        raise error(ParamError, "bad_param", source, **facts) from None


# --- seeds -------------------------------------------------------------------------------------------
def seed_problem(seed: int, label: str = "--seed", last: int | None = None) -> str | None:
    """Why ``seed`` (and ``last``, the highest seed derived from it) is out of range, or None."""
    if isinstance(seed, bool) or not isinstance(seed, int):
        return f"{label} {clip(seed)} is invalid: allowed a whole number from 0 to 2**63 - 1"
    if not 0 <= seed <= MAX_SEED:
        return f"{label} {clip(seed)} is invalid: allowed 0 to 2**63 - 1 ({MAX_SEED})"
    if last is not None and last > MAX_SEED:
        return (f"{label} {seed} is invalid: the runs use seeds up to {last}, above the largest allowed seed "
                f"2**63 - 1; give a smaller --seed or fewer replicates")
    return None

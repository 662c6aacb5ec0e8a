"""Text from files and the command line, made safe to print on a terminal.

A scenario's or experiment's ``name``, a file name, an unknown key or a bad value echoed in an error
line can hold control characters: ANSI escapes (colours, cursor moves, a cleared screen, a changed
window title), a carriage return that overwrites the line, a newline that turns the one error line into
two, or the bidirectional overrides that make text read differently than it is. wijksim escapes them
where it prints (``\\x1b``, ``\\n``, ``\\u202e``), rather than refusing them when files are validated:
the file names, keys and values that error lines quote cannot be validated away, a name in a file is
still the user's (shown escaped, not rejected), and the files' JSON and Parquet outputs keep it exact.
Rich's markup brackets in a progress label are escaped as well (``[/bold]`` in a name is text).
"""

from __future__ import annotations

import re

#: C0 and C1 control characters, DEL, and the bidirectional embedding, override and isolate characters
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: object) -> str:
    """``text`` with every control character written as a visible escape (one printable line)."""
    return _UNSAFE.sub(_escape, str(text))


def clean_label(text: object) -> str:
    """A progress bar's label: :func:`clean`, and rich's markup brackets escaped."""
    from rich.markup import escape

    return escape(clean(text))

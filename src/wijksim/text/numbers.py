"""Numbers as a language writes them: the one number formatter of wijksim's texts.

Every text that shows a number to a person in Dutch or English (the UI's pages, tables and figure ticks, the
Dutch range texts of the parameter registry, the Dutch error messages) formats it here, so a table and its
figure write a number alike. Plain Python: the model core, the registry and the UI may all import it.
"""

from __future__ import annotations

from collections.abc import Callable


def number(x: float, lang: str, digits: int | None = 1, sign: bool = False) -> str:
    """``x`` as the language writes it: the one number formatter of the UI (pages, tables, downloads' texts,
    figure ticks through :func:`tick_number`, the Dutch range texts of :mod:`wijksim.text.params`).

    A decimal comma in Dutch (17,3), a point in English (17.3); ``digits`` decimals, or with ``digits=None``
    as few as needed (``{x:g}``: 0.0009, 95, 1e-06); a true minus sign (−) in both languages, as matplotlib
    draws it on axes, so a table and its figure write a negative number alike; with ``sign`` a leading +
    or − and ``±`` on a zero (a difference of nothing has no direction; -0.0 is a zero too)."""
    if digits is None:
        text = f"{x:+g}" if sign else f"{x:g}"
    else:
        text = f"{x:+.{digits}f}" if sign else f"{x:.{digits}f}"
    if not any(ch in "123456789" for ch in text.split("e")[0]):  # a zero, also -0.0 and +0.00
        text = ("±" if sign else "") + text.lstrip("+-")
    text = text.replace("-", "−")
    return text.replace(".", ",") if lang == "nl" else text


def tick_number(lang: str) -> Callable[[float, int], str]:
    """:func:`number` in ``lang`` as the figures of :mod:`wijksim.plots` take it (value, decimals), for their
    tick labels: the same digits matplotlib would choose, the language's decimal sign, set per figure (no
    process-wide locale or rcParams: the server draws for tabs in both languages at once)."""
    return lambda x, digits: number(x, lang, digits)


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the English noun in the number it takes: "1 worker", "2 workers", "0 runs" (``plural`` for the
    irregular ones: ``counted(3, "person", "people")``). The command line prints counts that are often 1 (one
    worker, one replicate, one failed run); "1 workers" reads as a bug, and a message a reader doubts is a
    message whose numbers get doubted too."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"

"""Windows and contrasts: *which* weeks and *which* pairs of scenarios a comparison judges.

A window is a named span of recorded weeks (``end``, ``wave``, ``year_after``, ``weeks_START_END``), found
from the compared scenarios' crime waves by intervention type and weeks (:func:`windows_for`); a
contrast is one question "what does ``scenario`` change against ``reference``?" (:func:`contrasts`).
Both are checked before any run, so a bad ``--window`` or ``--pair`` costs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from ..scenarios import Scenario

TAIL_WEEKS = 13  # the ``end`` window: a quarter
YEAR_WEEKS = 52  # the ``year_after`` window
WAVE_TYPE = "crime_wave"  # the intervention type whose weeks define ``wave`` and ``year_after``
#: the order windows are reported in: the year after the wave is the headline (where a malus lives)
WINDOW_ORDER: tuple[str, ...] = ("year_after", "wave", "end")


class CompareError(ValueError):
    """A bad window, pair or level: one clear line for the user (the CLI exits with code 2)."""


class Window(NamedTuple):
    """A named span of recorded weeks, ``first`` to ``last`` inclusive (week 1 = first after burn-in).

    A plain tuple ``(name, first, last)``, so figures and the UI can take it without importing this module."""

    name: str
    first: int
    last: int

    @property
    def weeks(self) -> int:
        return self.last - self.first + 1

    def label(self) -> str:
        """``year_after (weeks 42-93)``: plain ASCII, so it prints on any terminal."""
        return f"{self.name} (weeks {self.first}-{self.last})"


# --- windows -------------------------------------------------------------------------------------
def wave_weeks(scenario: Scenario, weeks: int) -> list[tuple[int, int]]:
    """The recorded weeks in which each of the scenario's crime waves is in force, clipped to the run.

    Follows the timeline's rule (:mod:`wijksim.interventions`): ``start = s`` is in force from week
    ``max(s, 1)`` (0 and none both mean the first week), and with ``weeks = d`` through week
    ``max(s, 1) + d − 1``; without ``weeks`` to the end of the run."""
    spans = []
    for iv in scenario.interventions:
        if iv.type != WAVE_TYPE:
            continue
        first = max(int(iv.start or 0), 1)
        last = weeks if iv.weeks is None else first + int(iv.weeks) - 1
        if first <= weeks:
            spans.append((first, min(last, weeks)))
    return spans


def _scenario_list(scenarios: Iterable[Scenario | tuple[str, Scenario]]) -> list[Scenario]:
    return [s[1] if isinstance(s, tuple) else s for s in scenarios]


def custom_window(first: int, last: int, weeks: int, text: str | None = None) -> Window:
    """``weeks_FIRST_LAST``, checked against the run (``text`` is how the user wrote it, for the message)."""
    shown = text if text is not None else f"{first}:{last}"
    allowed = f"allowed START:END, whole weeks with 1 <= START <= END <= {weeks} (the run's last week)"
    if first > last:
        raise CompareError(f"--window {shown} is invalid: the start ({first}) is after the end ({last}); {allowed}")
    if first < 1 or last > weeks:
        raise CompareError(f"--window {shown} is invalid: outside the run; {allowed}")
    return Window(f"weeks_{first}_{last}", first, last)


_WINDOW_TEXT = re.compile(r"^\s*(-?\d+)\s*:\s*(-?\d+)\s*$")


def parse_window(text: str, weeks: int) -> Window:
    """``"START:END"`` (the CLI's ``--window``) as a checked :class:`Window`."""
    m = _WINDOW_TEXT.match(text)
    if not m:
        raise CompareError(f"--window {text!r} is invalid: expected START:END, two whole week numbers with "
                           f"1 <= START <= END <= {weeks} (the run's last week), e.g. 42:93")
    return custom_window(int(m.group(1)), int(m.group(2)), weeks, text)


def windows_for(scenarios: Iterable[Scenario | tuple[str, Scenario]], weeks: int,
                extra: Sequence[str | tuple[int, int] | Window] = ()) -> list[Window]:
    """The windows a comparison is judged in, in reporting order: ``year_after``, ``wave``, ``end``,
    then the ``extra`` ones (``"START:END"`` text, ``(start, end)`` or a :class:`Window`) as given.

    ``wave`` and ``year_after`` come from the weeks of every compared scenario's ``crime_wave``
    interventions (their type, not the scenario's name); ``year_after`` is left out when the wave
    lasts to the end of the run. Repeated custom windows are kept once."""
    if weeks < 1:
        raise CompareError(f"a comparison needs at least one week (got {weeks})")
    spans = [s for sc in _scenario_list(scenarios) for s in wave_weeks(sc, weeks)]
    found: list[Window] = []
    if spans:
        first, last = min(a for a, _ in spans), max(b for _, b in spans)
        if last < weeks:
            found.append(Window("year_after", last + 1, min(last + YEAR_WEEKS, weeks)))
        found.append(Window("wave", first, last))
    found.append(Window("end", max(1, weeks - TAIL_WEEKS + 1), weeks))
    for e in extra:
        if isinstance(e, Window):
            w = custom_window(e.first, e.last, weeks)
        elif isinstance(e, str):
            w = parse_window(e, weeks)
        else:
            w = custom_window(int(e[0]), int(e[1]), weeks)
        if w.name not in {f.name for f in found}:
            found.append(w)
    return found


# --- contrasts -----------------------------------------------------------------------------------
def _split_pair(text: str, names: Sequence[str]) -> tuple[str, str]:
    """``"B:A"`` into (B, A); names may themselves hold ``:``, so every split is tried."""
    known = ", ".join(names)
    cuts = [i for i, ch in enumerate(text) if ch == ":"]
    if not cuts:
        raise CompareError(f"--pair {text!r} is invalid: expected SCENARIO:REFERENCE (names as printed: {known})")
    for i in cuts:
        b, a = text[:i].strip(), text[i + 1:].strip()
        if b in names and a in names:
            return b, a
    b, a = text[:cuts[0]].strip(), text[cuts[0] + 1:].strip()
    unknown = [n for n in (b, a) if n not in names] or [text]
    raise CompareError(f"--pair {text}: unknown scenario {unknown[0]!r}; allowed names (as printed): {known}")


def contrasts(names: Sequence[str], pairs: Sequence[str | tuple[str, str]] = ()) -> list[tuple[str, str]]:
    """The contrasts ``(scenario, reference)`` to judge: every scenario against the first (the first
    against itself carries its own means), then each pair asked for (``"B:A"`` or ``(B, A)``: B − A).

    A pair of a scenario with itself, or with a name not compared, is refused (:class:`CompareError`);
    a pair that repeats a default contrast is kept once."""
    names = list(names)
    if not names:
        raise CompareError("a comparison needs at least one scenario")
    out = [(n, names[0]) for n in names]
    for p in pairs:
        if isinstance(p, str):
            b, a = _split_pair(p, names)
            shown = p
        else:
            b, a = p
            shown = f"{b}:{a}"
            for n in (b, a):
                if n not in names:
                    raise CompareError(f"--pair {shown}: unknown scenario {n!r}; allowed names (as printed): "
                                       + ", ".join(names))
        if a == b:
            raise CompareError(f"--pair {shown} is invalid: a scenario against itself has no difference; "
                               "give two different scenarios, SCENARIO:REFERENCE")
        if (b, a) not in out:
            out.append((b, a))
    return out


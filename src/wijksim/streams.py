"""Named random streams (common random numbers): one PCG64 stream per submodel, a fresh substream per week.

Each stream is a ``SeedSequence`` of the run's seed keyed by the stream's name (:func:`stream_key`), and each
week it hands out a generator at that week's own substream (:meth:`Streams.week`). Two scenarios run with one
seed therefore share their random numbers wherever an intervention does not act, even when an intervention
changes how many numbers another week or submodel draws — this is what makes paired comparisons sharp.
"""

from __future__ import annotations

import hashlib

import numpy as np

from .pcg_jump import MASK128, week_jump

#: one stream per submodel (and per partner for maintenance); a stream's seed follows from its name
#: (:func:`stream_key`), not its place in this list, so adding or reordering streams never shifts another
STREAMS: tuple[str, ...] = (
    "layout", "network", "residents", "patrol", "incidents", "reporting", "police", "complaints",
    "maintenance_housing", "decisions", "activities", "campaigns", "coordinators", "ties",
    "maintenance_municipality", "conflict",
    "turnover", "victims", "youth",
)
BURN_IN_KEY = 1_000_000  # week keys of the burn-in are offset so they never meet recorded weeks


def stream_key(name: str) -> int:
    """The spawn key of stream ``name``: the first 8 bytes of its BLAKE2b digest as an integer.

    Keying a stream by a hash of its name rather than by its position (``SeedSequence.spawn``) means a new
    stream can be added anywhere without changing the numbers any existing stream draws; the digest is
    fixed across Python versions and processes (unlike ``hash``), so a seed means the same run everywhere.
    """
    return int.from_bytes(hashlib.blake2b(name.encode("utf-8"), digest_size=8).digest(), "big")


class Streams:
    """Named random streams derived from one seed (common random numbers).

    Each name gets its own PCG64 stream from a ``SeedSequence`` of the run's seed whose spawn key is the
    name's digest (:func:`stream_key`), so a stream's numbers depend on its name only. Week ``w`` of a
    stream starts at that stream's initial state advanced by ``key(w)·2⁶⁴`` draws, so every (stream,
    week) pair has its own non-overlapping substream and no week's draws depend on how many numbers
    another week used. Advancing a PCG64 is cheap, so handing out a week's generator costs microseconds.
    """

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._children = {name: np.random.SeedSequence(seed, spawn_key=(stream_key(name),)) for name in STREAMS}
        #: per name: its bit generator, the generator on it, and the 128-bit LCG state and increment it starts at
        self._weekly: dict[str, tuple[np.random.PCG64, np.random.Generator, int, int]] = {}
        self._jump = (0, 1, 0)  # (week key, A, G) of the last week's jump; key 0: no jump at all

    def init(self, name: str) -> np.random.Generator:
        """The stream's generator for building the model (layout, network, initial state)."""
        return np.random.Generator(np.random.PCG64(self._children[name]))

    def week(self, name: str, week: int) -> np.random.Generator:
        """The generator for stream ``name`` in week ``week``, at the start of that week's substream.

        One generator object per stream is reused: it is valid until the next call for the same name.
        """
        entry = self._weekly.get(name)
        if entry is None:
            bits = np.random.PCG64(self._children[name])
            lcg = bits.state["state"]
            entry = self._weekly[name] = (bits, np.random.Generator(bits), lcg["state"], lcg["inc"])
        bits, gen, start, inc = entry
        key = week + BURN_IN_KEY if week <= 0 else week
        if self._jump[0] != key:  # every stream of a week jumps by the same key·2⁶⁴ steps: computed once
            self._jump = week_jump(self._jump, key)
        _, mult, plus = self._jump
        # what ``bits.state = start; bits.advance(key << 64)`` gives, in one state assignment (half the cost)
        bits.state = {"bit_generator": "PCG64", "state": {"state": (mult * start + plus * inc) & MASK128, "inc": inc},
                      "has_uint32": 0, "uinteger": 0}
        return gen

"""Counter-based random numbers for the compiled kernels.

A kernel that needs random numbers takes a 63-bit key drawn from the model's named stream for its stage
(:func:`stream_key`) and numbers its draws (:func:`uniform`). Where a household or incident has a fixed
share of draws, its draws are numbered by its index, so they stay aligned between scenarios (common
random numbers).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

# SplitMix64's published increment and mixing multipliers (Steele, Lea & Flood 2014)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def stream_key(rng: np.random.Generator) -> int:
    """A key for :func:`uniform`, drawn from ``rng`` (63 bits, so numba always sees one integer type).

    Why not hand the ``Generator`` itself to a kernel: numba unboxes a Generator through Python on every
    call (about 12 µs), which at 2,000 households costs more than the random numbers themselves.
    """
    return int(rng.bit_generator.random_raw()) >> 1


@njit(cache=True)
def uniform(key: int, counter: int) -> float:
    """The ``counter``-th uniform in [0, 1) of the stream ``key`` (SplitMix64, counter-based).

    Stateless: a kernel numbers its draws, so household ``i``'s draw can be number ``i`` whatever the
    others drew (common random numbers across scenarios). SplitMix64 passes BigCrush; keys come from
    the model's PCG64 streams (:func:`stream_key`), one per kernel call. The top 53 bits of the mixed
    word, times 2⁻⁵³, give a double in [0, 1).
    """
    z = np.uint64(key) + np.uint64(counter + 1) * _GOLDEN
    z = (z ^ (z >> np.uint64(30))) * _MIX1
    z = (z ^ (z >> np.uint64(27))) * _MIX2
    z = z ^ (z >> np.uint64(31))
    return float(z >> np.uint64(11)) * (1.0 / 9007199254740992.0)


@njit(cache=True)
def geometric_gap(u: float, log_miss: float) -> int:
    """Failures before the next success of a Bernoulli(q) sequence, ``log_miss`` = log(1 − q), from one
    uniform ``u``.

    Skipping ahead by geometric gaps and then accepting a proposal with chance p/q (thinning) gives
    the same events as one uniform per trial with chance p ≤ q, at a cost per event instead of per trial.
    """
    if log_miss == -np.inf:
        return 0
    return math.floor(min(math.log(1.0 - u) / log_miss, 4.0e18))  # capped: no int64 overflow

"""Jump-ahead arithmetic of numpy's PCG64, so :meth:`wijksim.streams.Streams.week` can put a stream at the start of
a week's substream with one state assignment instead of a reset and ``PCG64.advance`` (issue #25: that took
half of the 4–5 µs a stream cost, eleven streams a week).

PCG64's state is a 128-bit linear congruential generator, s ← mult·s + inc mod 2¹²⁸, so n steps are an affine
map s ↦ A·s + G·inc, computed by squaring (Brown 1994, "Random number generation with arbitrary strides", the
algorithm ``PCG64.advance`` runs in C). A test checks the states against ``PCG64.advance``.
"""

from __future__ import annotations

#: PCG64's 128-bit LCG multiplier (O'Neill 2014; numpy's ``PCG64``: state ← state·mult + inc mod 2¹²⁸)
PCG64_MULT = 0x2360ED051FC65DA44385DF649FCCF645
MASK128 = (1 << 128) - 1


def lcg_jump(steps: int, mult: int = PCG64_MULT, plus: int = 1) -> tuple[int, int]:
    """(A, G) with the state after ``steps`` steps of s ← mult·s + plus·inc = A·state + G·inc mod 2¹²⁸ (Brown
    1994's jump-ahead, what ``PCG64.advance`` computes in C); with (mult, plus) a jump of 2⁶⁴ steps, ``steps``
    counts such jumps. Lets :meth:`wijksim.streams.Streams.week` set a week's state with one assignment."""
    cur_mult, cur_plus, acc_mult, acc_plus = mult, plus, 1, 0
    while steps > 0:
        if steps & 1:
            acc_mult = (acc_mult * cur_mult) & MASK128
            acc_plus = (acc_plus * cur_mult + cur_plus) & MASK128
        cur_plus = ((cur_mult + 1) * cur_plus) & MASK128
        cur_mult = (cur_mult * cur_mult) & MASK128
        steps >>= 1
    return acc_mult, acc_plus


#: one jump of 2⁶⁴ steps (a week's substream): computed once at import
JUMP_MULT, JUMP_PLUS = lcg_jump(1 << 64)


def week_jump(last: tuple[int, int, int], key: int) -> tuple[int, int, int]:
    """(key, A, G): the jump of ``key``·2⁶⁴ steps of a week's substream (:meth:`wijksim.streams.Streams.week`), from
    ``last``, the previous week's (key, A, G): the next week's is one more 2⁶⁴-step jump, two multiplications;
    another week's follows from the bits of its key."""
    last_key, mult, plus = last
    if key == last_key + 1:
        return key, (JUMP_MULT * mult) & MASK128, (JUMP_MULT * plus + JUMP_PLUS) & MASK128
    return key, *lcg_jump(key, JUMP_MULT, JUMP_PLUS)

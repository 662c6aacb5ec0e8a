"""Police capacity shared across a city: how many patrol units each wijk gets this week, by the city's rule.

Why: a council that concentrates its police on one wijk thins every other one (the capacity is the city's,
not the wijk's). The total is the sum of the units each wijk would have alone (``patrols_per_1000``); under
``fixed`` with every ``police_priority`` 1 each wijk keeps exactly its own units, as if it stood alone.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def allocate(own_units: np.ndarray, priority: np.ndarray, recent: np.ndarray, rule: str, floor: float) -> np.ndarray:
    """Units per wijk (whole numbers summing to ``own_units.sum()``; largest remainders).

    ``fixed`` shares by each wijk's own units; ``incidents`` / ``reports`` share ``floor`` of it that way and the
    rest by ``recent`` (the wijk's incidents or reports over the city's window); ``priority`` weighs the result.
    """
    total = int(own_units.sum())
    if total == 0:
        return np.zeros_like(own_units)
    base = own_units / total
    if rule != "fixed" and recent.sum() > 0:
        base = floor * base + (1.0 - floor) * recent / recent.sum()
    weight = base * priority
    if weight.sum() <= 0:
        return np.zeros_like(own_units)
    exact = total * weight / weight.sum()
    units = np.floor(exact + 1e-9).astype(np.int64)
    rest = total - int(units.sum())
    if rest > 0:  # the largest remainders, ties to the earlier wijk (stable sort: reproducible)
        order = np.argsort(-(exact - units), kind="stable")
        units[order[:rest]] += 1
    return units


def beats_for(n_units: int, width: int, height: int) -> np.ndarray:
    """Fixed beats spread evenly over the wijk, as :class:`wijksim.partners.Police` places them."""
    cols = max(1, int(np.ceil(np.sqrt(n_units * width / height)))) if n_units else 1
    rows = max(1, int(np.ceil(n_units / cols))) if n_units else 1
    beats = [(int((i % cols + 0.5) * width / cols), int((i // cols + 0.5) * height / rows)) for i in range(n_units)]
    return np.array(beats, dtype=np.int64).reshape(-1, 2)


def set_units(model: Any, n_units: int) -> None:
    """Give the wijk ``n_units`` patrol units for the coming week (its beats re-spread when the number changes).

    Only the beats are changed: the week's plan (stage 1a) places as many units as there are beats. Mesa's
    patrol agents (:attr:`Police.units`) are not, so a city run does not build Mesa's grid of a wijk.
    """
    if len(model.police.beats) != n_units:
        model.police.beats = beats_for(n_units, *model.nb.shape)

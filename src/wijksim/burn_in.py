"""Burn-in once per pair: arms that would run the same burn-in share one.

Every run simulates ``burn_in`` unrecorded weeks before week 1 (the registry's ``burn_in``), and no
intervention acts before week 1 (interventions are attached after the burn-in, and their weeks count from
1). So the state at week 0 depends on the seed, the parameters and the map only, and two arms of a paired
comparison that agree on those three — the reference and a scenario that only adds interventions — reach
the same state. :class:`BurnIn` runs that burn-in once; ``WijkModel(..., burned=b)`` continues from a copy
of it, and the result is byte-identical to a separate run (tests/test_pairs.py checks it for every shipped
pair).

The rule (:func:`burn_in_key`) is conservative: the key is the seed, *every* resolved parameter and the
map's cells and households. Every parameter of the registry acts in the weekly step, and the burn-in is
made of weekly steps, so any parameter difference means separate burn-ins — a scenario with its own
``[params]`` (blame-shifting, mutual support) or an ``edge`` arm at another crime rate never shares with
the reference. Only interventions, the run length and what is recorded (``log_incidents``) may differ.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from .model import WijkModel, burn_in_key, seed_from
from .params import resolve


def arm_key(seed: int, kwargs: dict[str, Any]) -> str:
    """:func:`burn_in_key` of the ``WijkModel`` keyword arguments ``kwargs`` (as
    :func:`wijksim.runner.model_kwargs` makes them) at ``seed``."""
    params = {k: v for k, v in kwargs.items() if k not in ("interventions", "layout", "log_incidents", "burned")}
    layout = kwargs.get("layout")
    if layout is not None:
        params = {**params, "width": layout.shape[0], "height": layout.shape[1]}
    return burn_in_key(seed, resolve(params), layout)


class BurnIn:
    """A wijk built and burned in with no intervention attached: the shared start of arms with its key.

    The template model is never stepped again; each arm deep-copies its state (``WijkModel(burned=...)``).
    """

    def __init__(self, rng: Any, **kwargs: Any) -> None:
        seed = seed_from(rng)
        plain = {k: v for k, v in kwargs.items() if k not in ("interventions", "log_incidents", "burned")}
        self.key = arm_key(seed, plain)
        self.model = WijkModel(rng=seed, **plain)


def shared_models(seed: int, arms: Sequence[dict[str, Any]]) -> Iterator[WijkModel]:
    """The models of ``arms`` (``WijkModel`` keyword arguments each) at one ``seed``, in order, with one
    burn-in per key: an arm whose key no other arm has is built as usual; arms that share a key continue
    from one :class:`BurnIn`. Models are made one at a time, so only the burn-ins stay in memory."""
    keys = [arm_key(seed, kw) for kw in arms]
    burned: dict[str, BurnIn] = {}
    for i, (key, kw) in enumerate(zip(keys, arms, strict=True)):
        if keys.count(key) < 2:
            yield WijkModel(rng=seed, **kw)
            continue
        if key not in burned:
            burned[key] = BurnIn(seed, **kw)
        yield WijkModel(rng=seed, burned=burned[key], **kw)
        if key not in keys[i + 1:]:
            del burned[key]  # its last arm has it

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

Arms with one key are also identical after the burn-in until the first week in which an intervention of
any of them acts (an intervention starting in week ``s`` begins after week ``s − 1`` is simulated), so the
recorded weeks before it are shared as well (:func:`prefix_weeks`): the bonus/malus trio shares 25 weeks.

The template is itself a run with the arms' seed, parameters and map, built as a separate run is, so the last
arm of a key does not copy it: it continues the template itself (:meth:`BurnIn.handover`), and n arms cost
n − 1 copies. Each copy also makes a model's worth of new Mesa agents and Python objects, which the cyclic
garbage collector then has to walk: about half of what sharing cost beyond the simulated weeks (issue #25).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterator, Sequence
from typing import Any

import mesa

from .map_layout import MapLayout
from .model import WijkModel, burn_in_key, seed_from
from .params import resolve
from .residents import Resident

_PLAIN = (bool, int, float, str)  # parameter types whose equality (with a float's sign) means an equal repr
_OBJECT_NEW: Any = object.__new__  # a holder is made without its __init__, as copy.deepcopy makes objects
_OBJECT_SETATTR: Any = object.__setattr__  # ... and its attributes set plainly (no class of its own intercepts them)


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

    With ``prefix`` > 0 the template also runs (and records) its first ``prefix`` weeks: arms whose
    interventions all start after week ``prefix`` are identical up to then too, so they continue from week
    ``prefix`` with those rows. The template is never stepped again; each arm gets a copy (:meth:`restore`).
    """

    def __init__(self, rng: Any, prefix: int = 0, key: str | None = None, **kwargs: Any) -> None:
        seed = seed_from(rng)
        plain = {k: v for k, v in kwargs.items() if k not in ("interventions", "log_incidents", "burned")}
        #: ``key``: the caller's :func:`arm_key` of these arguments at this seed, when it has it (hashing every
        #: parameter's repr costs ~0.3 ms); :meth:`restore` checks every model against the template anyway
        self.key = arm_key(seed, plain) if key is None else key
        self.model = WijkModel(rng=seed, **plain)
        self._p = dict(self.model.p)  # the template's parameters as built: what restore compares a model's with
        self.prefix = max(0, int(prefix))
        self.model.run(self.prefix)
        self.spent = False  # handed over to an arm (:meth:`handover`): no copy can be made of it any more

    def _refuse_if_spent(self) -> None:
        if self.spent:
            raise ValueError("this burn-in was handed over to an arm, which has run on: it cannot be shared any more")

    def restore(self, model: WijkModel, layout: MapLayout | None) -> None:
        """Give ``model`` (Mesa's side initialised by ``WijkModel.__init__``, nothing built) a copy of the state.

        Only the model's own attributes are copied: Mesa's event list, agent registry and generators are the
        new model's (a deep copy would keep Mesa's weakly held callbacks pointing at the template). The memo
        sends references to the template, its parameters, streams and map to the model's own. Households are
        new ``Resident``s (they hold an index only) and partner agents register in the template's order, so
        every ``unique_id`` is the one a separate run gives. After a prefix, Mesa's clock is moved on to it
        without simulating (interventions are scheduled on that clock).
        """
        template = self.model
        self._refuse_if_spent()
        if not self._same_start(model, layout) and self.key != burn_in_key(model.seed, model.p, layout):
            raise ValueError("this burn-in was made for another seed, parameters or map: it cannot be shared")
        memo: dict[int, Any] = {id(template): model, id(template.p): model.p, id(template.streams): model.streams,
                                id(template.base_params): model.base_params}
        if template.map is not None and layout is not None:
            memo[id(template.map)] = layout
        own = {"seed", "p", "base_params", "streams", "incident_log", "events_log", "resident_agents", "_mesa_attrs",
               "_rows"}
        state = {k: v for k, v in vars(template).items() if k not in template._mesa_attrs and k not in own}
        model.__dict__.update({k: _inline_copy(v, memo) if _holder(v) else copy.deepcopy(v, memo)
                               for k, v in state.items()})
        model._rows = list(template._rows)  # rows are tuples of floats, never changed: the list is the arm's own
        for k, v in state.items():  # reading the template's holders gave them dicts (see _inline_copy): undone
            if _holder(v):
                setattr(template, k, _twin(v, {name: value for name, value in vars(v).items()}))
        model.resident_agents = [Resident(model, i) for i in range(model.n_residents)]
        for agent in sorted((a for a in template.agents if not isinstance(a, Resident)), key=lambda a: a.unique_id):
            model.register_agent(memo[id(agent)])
        if self.prefix:
            model._user_step, user_step = (lambda: None), model._user_step  # Mesa's clock only: no week simulated
            model.run_until(self.prefix)
            model._user_step = user_step

    def _same_start(self, model: WijkModel, layout: MapLayout | None) -> bool:
        """True when ``model`` has the template's seed, map object and parameters, each of the same type and equal
        value (a float's sign too): then its :func:`burn_in_key` is the template's without hashing it. False
        only means "not shown so": :meth:`restore` then compares the keys."""
        if model.seed != self.model.seed or layout is not self.model.map or model.p.keys() != self._p.keys():
            return False
        return all(type(v) is type(w) and type(v) in _PLAIN and v == w and (type(v) is not float or
                   math.copysign(1.0, v) == math.copysign(1.0, w)) for v, w in zip(model.p.values(),
                                                                                (self._p[k] for k in model.p),
                                                                                strict=True))

    def handover(self, interventions: Sequence[Any] = (), log_incidents: bool = False) -> WijkModel:
        """The template itself as an arm's model, with that arm's ``interventions`` attached: for the last arm
        of a key, which then needs no copy.

        The template was built as ``WijkModel(rng=seed, **arm)`` builds a separate run, without the timeline;
        interventions are attached after the burn-in in either case, and the prefix weeks are ones in which no
        intervention acts (:func:`prefix_weeks`), so attaching them now gives the separate run's model, Mesa's
        agents, ids and clock included. The burn-in is spent: a later :meth:`restore` or handover is refused.
        """
        self._refuse_if_spent()
        self.spent = True
        model = self.model
        if log_incidents:  # only the recorded weeks are logged; an arm that logs shares no prefix
            model.incident_log = []
        model.attach_timeline(interventions)
        return model


def _holder(value: Any) -> bool:
    """A model's state holder (households, cells, ties, the week's incidents): an object of a plain wijksim class,
    not a Mesa agent, built by its ``__init__`` and copied attribute by attribute (:func:`_inline_copy`)."""
    return (type(value).__module__.startswith("wijksim.") and hasattr(value, "__dict__")
            and not isinstance(value, mesa.Agent | mesa.Model) and type(value).__new__ is _OBJECT_NEW
            and type(value).__setattr__ is _OBJECT_SETATTR)


def _twin(obj: Any, attrs: dict[str, Any]) -> Any:
    """A new object of ``obj``'s class with ``attrs`` set in their order, as its ``__init__`` set them."""
    twin = object.__new__(type(obj))
    for name, value in attrs.items():
        setattr(twin, name, value)
    return twin


def _inline_copy(obj: Any, memo: dict[int, Any]) -> Any:
    """A deep copy of the holder ``obj`` whose attributes stay in the object (CPython's inline values).

    Why not ``copy.deepcopy``: it reads an object's ``__dict__`` and fills the copy's ``__dict__``, and in
    CPython 3.12 asking for an object's ``__dict__`` turns its attributes into a dict for good. Every attribute
    read then takes the slower lookup: an arm continued from such a copy, or the template after a copy was made
    from it, ran its weeks 3–5 % slower than a separate run (measured over 131 weeks, issue #25). The copy made
    here sets the attributes one by one, in their order, so they stay inline; :meth:`BurnIn.restore` gives the
    template fresh holders too. Everything inside a holder is deep-copied with the one ``memo``, so an array
    two holders share stays shared, as ``copy.deepcopy`` keeps it."""
    twin = object.__new__(type(obj))
    memo[id(obj)] = twin
    for name, value in vars(obj).items():
        if id(value) in memo:
            setattr(twin, name, memo[id(value)])
        else:  # a holder inside a holder (the cells' layout) is copied the same way
            setattr(twin, name, _inline_copy(value, memo) if _holder(value) else copy.deepcopy(value, memo))
    return twin


def prefix_weeks(arms: Sequence[dict[str, Any]], weeks: int) -> int:
    """The recorded weeks ``arms`` (``WijkModel`` keyword arguments with the same key) all run identically: up
    to the week before the first intervention of any of them starts (at most ``weeks``). 0 when an intervention
    starts "now" (``start`` unset) or an arm logs incidents (the template does not)."""
    first = weeks + 1
    for kw in arms:
        if kw.get("log_incidents"):
            return 0
        for iv in kw.get("interventions", ()):
            if iv.start is None:
                return 0
            first = min(first, int(iv.start))
    return max(0, min(weeks, first - 1))


def shared_models(seed: int, arms: Sequence[dict[str, Any]], weeks: int = 0,
                  keys: Sequence[str] | None = None) -> Iterator[WijkModel]:
    """The models of ``arms`` (``WijkModel`` keyword arguments each) at one ``seed``, in order, with one
    burn-in per key: an arm whose key no other arm has is built as usual; arms that share a key continue
    from one :class:`BurnIn` (from copies of it, the last arm from the template itself). Given the run length
    ``weeks``, arms that share a burn-in also share the weeks before the first intervention of any of them
    (:func:`prefix_weeks`): such a model comes at that week (``model.week``), so run it ``weeks - model.week``
    more. Models are made one at a time, so only the burn-ins stay in memory (the last arm of a key gets the
    template after every other arm of it has its copy, so running the models in any order is safe). ``keys``:
    the arms' :func:`arm_key` at ``seed`` when the caller has them (a comparison's jobs carry theirs)."""
    keys = [arm_key(seed, kw) for kw in arms] if keys is None else list(keys)
    burned: dict[str, BurnIn] = {}
    for i, (key, kw) in enumerate(zip(keys, arms, strict=True)):
        if keys.count(key) < 2:
            yield WijkModel(rng=seed, **kw)
            continue
        if key not in burned:
            prefix = prefix_weeks([a for k, a in zip(keys, arms, strict=True) if k == key], weeks)
            burned[key] = BurnIn(seed, prefix=prefix, key=key, **kw)
        if key in keys[i + 1:]:
            yield WijkModel(rng=seed, burned=burned[key], **kw)
        else:  # its last arm: continues the template itself, no copy (BurnIn.handover)
            yield burned.pop(key).handover(kw.get("interventions", ()), bool(kw.get("log_incidents")))

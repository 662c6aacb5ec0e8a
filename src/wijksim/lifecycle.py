"""The life cycle of an intervention and its claims on the model's levers.

:class:`Intervention` is the base of every intervention in :mod:`wijksim.interventions` (where the
overlap rule of lever claims is written down): it schedules its begin and end on Mesa's event list,
and can be stopped or extended while it runs. :class:`LeverBook` keeps the claims.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from .validation import WholeNumber

if TYPE_CHECKING:
    from .model import WijkModel

MAX_WEEK = 5200


class Intervention(BaseModel):
    """Base class: a start week, an optional duration, and begin/end hooks.

    Life cycle: *scheduled* (attached, not begun), *running* (begun), then *ended* (its duration is
    over) or *removed* (:meth:`stop`). :meth:`extend` moves a running intervention's end; ``on_repeat``
    says what the explorer does when the same live intervention is started again while one is pending
    or in force: ``"extend"`` (keep this one, with its state, and restart its duration from now) or
    ``"replace"`` (stop this one and start a new one next week). Each class says which and why.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    type: str
    start: WholeNumber | None = Field(0, ge=0, le=MAX_WEEK, description="first week in force (none: next week)")
    weeks: WholeNumber | None = Field(None, ge=1, le=MAX_WEEK, description="duration in weeks (none: to the end)")

    levers: ClassVar[tuple[str, ...]] = ()  # registry parameters this intervention changes
    shown: ClassVar[tuple[str, ...]] = ()  # fields the UI's list shows (those that tell two of a type apart)
    #: the explorer's start buttons for this type: button key -> fields of what a click starts (its words:
    #: :data:`wijksim.text.interventions.BUTTON_LABELS`)
    buttons: ClassVar[dict[str, dict[str, Any]]] = {}
    shock: ClassVar[bool] = False  # an exogenous shock, not a policy (its button is red)
    on_repeat: ClassVar[Literal["extend", "replace"]] = "extend"

    def attach(self, model: WijkModel) -> None:
        """Schedule begin (and end) on the model's event list."""
        if self.start is None:
            self.start = model.week + 1
        self._id = id(self)
        self._order = -1  # set when it starts: the later it starts, the higher
        self._status = "scheduled"
        self._end_ev: Any = None
        at = max(self.start - 1, model.time)
        self._begin_ev = model.schedule_event(self._begin_event(model), at=at)

    def _begin_event(self, model: WijkModel):
        def fire() -> None:
            self._order = lever_book(model).next_order()
            self._status = "running"
            model.log_event(self.type, "starts")
            self.begin(model)
            if self.weeks is not None:
                self._schedule_end(model, model.time + self.weeks)
        self._fire_begin = fire  # keep a strong reference: Mesa holds callbacks weakly
        return fire

    def _schedule_end(self, model: WijkModel, at: float) -> None:
        def fire() -> None:
            self._finish(model, "ends")
        self._fire_end = fire
        self._end_ev = model.schedule_event(fire, at=at)

    def _finish(self, model: WijkModel, how: str) -> None:
        self.end(model)
        lever_book(model).release(self._order, model.p)
        self._status = "ended" if how == "ends" else "removed"
        model.log_event(self.type, how)

    @property
    def status(self) -> str:
        """``"new"`` (not attached), ``"scheduled"``, ``"running"``, ``"ended"`` or ``"removed"``."""
        return getattr(self, "_status", "new")

    @property
    def end_week(self) -> int | None:
        """The last week in force (None: to the end of the run, or not yet attached)."""
        return None if self.start is None or self.weeks is None else self.start + self.weeks - 1

    def stop(self, model: WijkModel) -> bool:
        """Remove this intervention from the next week on, through the same path as its scheduled end:
        ``end`` undoes what is not a lever claim (a crime wave's multiplier, a programme's weekly work,
        coordinators), its lever claims are released (the levers return to the next claim or their base
        value) and a ``removed`` event goes into the event log. A scheduled one is cancelled before it
        begins. False (nothing done) if it is neither scheduled nor running."""
        if self.status == "scheduled":
            self._begin_ev.cancel()
            self._status = "removed"
            model.log_event(self.type, "removed")
            return True
        if self.status != "running":
            return False
        if self._end_ev is not None:
            self._end_ev.cancel()
        self._finish(model, "removed")
        return True

    def extend(self, model: WijkModel, weeks: int) -> bool:
        """Keep a running intervention in force for ``weeks`` more weeks from now (up to and including
        week ``model.week + weeks``), unchanged otherwise (a crime wave keeps its multiplier; nothing is
        added or multiplied). False if there is nothing to extend: a scheduled one still has its whole
        duration ahead, an open-ended one lasts to the end of the run."""
        if self.status != "running" or self.weeks is None or self.start is None:
            return False
        if self.end_week == model.week + int(weeks):
            return True  # a second click in the same week: already so (not logged twice)
        if self._end_ev is not None:
            self._end_ev.cancel()
        self.weeks = model.week + int(weeks) - self.start + 1
        self._schedule_end(model, model.time + int(weeks))
        model.log_event(self.type, "extended")
        return True

    def begin(self, model: WijkModel) -> None:  # pragma: no cover - overridden
        """Pull the levers."""

    def end(self, model: WijkModel) -> None:
        """Undo what is not a lever claim (programmes, coordinators)."""
        # by identity: two identical interventions compare equal, and each must remove itself
        model.programmes[:] = [prog for prog in model.programmes if prog is not self]

    def claim(self, model: WijkModel, name: str, value: Any) -> None:
        """Set lever ``name`` to ``value`` for as long as this intervention is in force (see the
        module docstring for how overlapping claims resolve)."""
        lever_book(model).claim(self._order, name, value, model.p)

    def claimed(self, model: WijkModel, name: str) -> Any:
        """This intervention's own value for lever ``name``, or the lever's current value if it has none."""
        return lever_book(model).own(self._order, name, model.p)

    def describe(self) -> dict[str, Any]:
        return self.model_dump()

    def weekly(self, model: WijkModel) -> None:
        """Work done every week while in force (for programmes)."""



class LeverBook:
    """Claims on the model's levers by the interventions in force (the overlap rule above).

    ``claims[name]`` maps an intervention's start order to the value it sets; ``base[name]`` is the
    lever's value before the first claim. Cost is per claim, not per week.
    """

    def __init__(self) -> None:
        self.base: dict[str, Any] = {}
        self.claims: dict[str, dict[int, Any]] = {}
        self._counter = 0

    def next_order(self) -> int:
        self._counter += 1
        return self._counter

    def claim(self, order: int, name: str, value: Any, p: dict[str, Any]) -> None:
        held = self.claims.setdefault(name, {})
        if not held:
            self.base[name] = p[name]
        held[order] = value
        p[name] = held[max(held)]

    def own(self, order: int, name: str, p: dict[str, Any]) -> Any:
        return self.claims.get(name, {}).get(order, p[name])

    def release(self, order: int, p: dict[str, Any]) -> None:
        for name, held in self.claims.items():
            if order not in held:
                continue
            del held[order]
            p[name] = held[max(held)] if held else self.base.pop(name)


def lever_book(model: Any) -> LeverBook:
    """The model's lever claims, made on first use (kept on the model: each model its own)."""
    book = getattr(model, "_lever_book", None)
    if book is None:
        book = LeverBook()
        model._lever_book = book
    return book

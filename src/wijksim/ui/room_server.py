"""The open workshop rooms of this server: a registry the trainer's screen and the phones share.

A :class:`wijksim.room.Room` trusts its caller; this module is the caller the web pages go through, so it
keeps what the room does not: the trainer's secret (only the screen that opened the room may advance, end
or kick), a limit on joins per client (a join code is short, so guessing is slowed down), who has chosen
this round (the trainer's screen shows it), a round timer, and listeners that redraw every screen of a
room when something changes. Rooms live in this process's memory only: a room nobody has touched for
:data:`ROOM_IDLE_MINUTES` is dropped (checked at every lookup) and its model freed.

Every function here is what a page calls, so the load test drives exactly the pages' path
(``tests/test_room_web.py``) without a browser.
"""

from __future__ import annotations

import os
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..room import Room, RoomError
from ..text.messages import error
from .listeners import Listeners

#: a room nobody touched (no join, choice, advance or screen redraw) this long is dropped
ROOM_IDLE_MINUTES = 120
#: joins one client (browser session) may try per :data:`JOIN_WINDOW_S`; wrong codes count too
JOIN_LIMIT = 10
JOIN_WINDOW_S = 60.0
#: a small wijk for tests and rehearsals (``WIJKSIM_ROOM_SMALL=1`` in the server's environment)
SMALL_WIJK = {"width": 16, "height": 16, "burn_in": 10}


@dataclass
class OpenRoom:
    """One room on this server with what the web layer keeps beside it."""

    room: Room
    secret: str
    touched: float = field(default_factory=time.monotonic)
    seats: dict[str, tuple[str, str]] = field(default_factory=dict)  # token -> (role, name)
    chosen: set[str] = field(default_factory=set)  # tokens that chose in the open round
    kicked: set[str] = field(default_factory=set)
    ended: bool = False
    deadline: float | None = None  # the round timer's end (time.monotonic), if one runs
    version: int = 0
    listeners: Listeners = field(default_factory=Listeners)
    timer: threading.Timer | None = None

    @property
    def code(self) -> str:
        return self.room.code


#: called with each dropped room's code (expired or closed): what others keep per room (pictures) is freed too
DROPPED: list[Callable[[str], None]] = []
_ROOMS: dict[str, OpenRoom] = {}
_LOCK = threading.RLock()
_JOINS: dict[str, deque[float]] = {}


def cull(now: float | None = None, idle_s: float = ROOM_IDLE_MINUTES * 60.0) -> list[str]:
    """Drop every room untouched for ``idle_s`` seconds (its timer stopped); returns the dropped codes."""
    now = time.monotonic() if now is None else now
    with _LOCK:
        gone = [c for c, r in _ROOMS.items() if now - r.touched > idle_s]
        for c in gone:
            r = _ROOMS.pop(c)
            if r.timer is not None:
                r.timer.cancel()
        for client in [k for k, q in _JOINS.items() if not q or now - q[-1] > JOIN_WINDOW_S]:
            del _JOINS[client]
    _dropped(gone)
    return gone


def _dropped(codes: list[str]) -> None:
    for code in codes:
        for forget in list(DROPPED):
            forget(code)


def rooms() -> dict[str, OpenRoom]:
    """The open rooms (a copy; for tests and operators)."""
    with _LOCK:
        return dict(_ROOMS)


def open_room(*, rounds: int, weeks_per_round: int, lang: str = "nl", seed: int | None = None,
              wave_round: int | None = None, resident_seats: int = 4,
              params: dict[str, Any] | None = None) -> tuple[str, str]:
    """Open a room; returns (join code, trainer's secret). Without ``seed`` a random one (said on screen)."""
    if params is None and os.environ.get("WIJKSIM_ROOM_SMALL") == "1":
        params = dict(SMALL_WIJK)
    room = Room.open(seed=secrets.randbelow(10**6) if seed is None else seed, rounds=rounds,
                     weeks_per_round=weeks_per_round, lang=lang, wave_round=wave_round,
                     resident_seats=resident_seats, params=params)
    cull()
    opened = OpenRoom(room, secrets.token_urlsafe(16))
    with _LOCK:
        _ROOMS[room.code] = opened
    return room.code, opened.secret


def find(code: str) -> OpenRoom:
    """The open room of ``code`` (typed on a phone: case and spaces forgiven), else RoomError ``room_code``."""
    cull()
    clean = "".join(str(code).split()).upper()[:20]
    with _LOCK:
        found = _ROOMS.get(clean)
        if found is None:
            raise error(RoomError, "room_code", code=clean)
        found.touched = time.monotonic()
        return found


def trainer(code: str, secret: str) -> OpenRoom:
    """The room of ``code`` if ``secret`` is its trainer's, else RoomError ``room_secret``."""
    found = find(code)
    if not isinstance(secret, str) or not secrets.compare_digest(secret, found.secret):
        raise error(RoomError, "room_secret")
    return found


def _throttle(client: str) -> None:
    """Refuse a client's join beyond :data:`JOIN_LIMIT` tries per :data:`JOIN_WINDOW_S`."""
    now = time.monotonic()
    with _LOCK:
        tries = _JOINS.setdefault(client, deque())
        while tries and now - tries[0] > JOIN_WINDOW_S:
            tries.popleft()
        if len(tries) >= JOIN_LIMIT:
            raise error(RoomError, "room_rate", seconds=int(JOIN_WINDOW_S - (now - tries[0])) + 1)
        tries.append(now)


def join(code: str, name: str, role: str, client: str) -> str:
    """Take a seat (rate-limited per ``client``); returns its token (kept in the phone's URL)."""
    _throttle(client)
    found = find(code)
    token = found.room.join(name, role)
    with _LOCK:
        found.seats[token] = found.room.seat(token)
    changed(found)
    return token


def seat(code: str, token: str) -> tuple[OpenRoom, str, str]:
    """A reloaded phone's room and seat (room, role, name); RoomError if unknown or kicked."""
    found = find(code)
    if token in found.kicked:
        raise error(RoomError, "room_kicked")
    role, name = found.room.seat(token)
    return found, role, name


def choose(code: str, token: str, decision: str, option: str) -> None:
    """One seat's choice for the open round; the trainer's screen hears that the seat has chosen."""
    found, _, _ = seat(code, token)
    found.room.choose(token, decision, option)
    with _LOCK:
        found.chosen.add(token)
    changed(found)


def confirm(code: str, token: str) -> None:
    """A seat keeps what it shows for this round and says so (the trainer sees it has chosen)."""
    found, _, _ = seat(code, token)
    with _LOCK:
        found.chosen.add(token)
    changed(found)


def advance(code: str, secret: str) -> None:
    """Close the round and play its weeks (trainer only); every screen is redrawn."""
    found = trainer(code, secret)
    _advance(found)


def _advance(found: OpenRoom) -> None:
    with _LOCK:
        if found.timer is not None:
            found.timer.cancel()
        found.timer, found.deadline = None, None
    if not found.ended:
        found.room.advance()
    with _LOCK:
        found.chosen.clear()
    changed(found)


def start_timer(code: str, secret: str, seconds: float, now: float | None = None) -> None:
    """Close the round by itself after ``seconds`` (trainer only); a new timer replaces the old one.

    The round's end is a deadline on the monotonic clock (``now``: a test's clock); a thread rings at it,
    and :func:`ring` (which a test may call with its own ``now``) closes the round if it is due."""
    found = trainer(code, secret)
    now = time.monotonic() if now is None else now
    with _LOCK:
        if found.timer is not None:
            found.timer.cancel()
        found.deadline = now + seconds
        found.timer = threading.Timer(seconds, lambda: ring(found.code))
        found.timer.daemon = True
        found.timer.start()
    changed(found)


def ring(code: str, now: float | None = None) -> bool:
    """Close the round of ``code`` if its timer has run out by ``now`` (undecided seats keep their last
    choice); returns whether it did. A round the trainer closed first, or a timer replaced, is left alone:
    the deadline is taken under the lock, so a round never closes twice."""
    now = time.monotonic() if now is None else now
    with _LOCK:
        found = _ROOMS.get(code)
        if found is None or found.deadline is None or now < found.deadline:
            return False
        if found.timer is not None:
            found.timer.cancel()
        found.timer, found.deadline = None, None
    try:
        if not found.room.finished and not found.ended:
            _advance(found)
            return True
    except RoomError:
        pass
    return False


def end(code: str, secret: str) -> None:
    """End the room's play (trainer only): no more rounds; the debrief stays."""
    found = trainer(code, secret)
    with _LOCK:
        found.ended = True
        if found.timer is not None:
            found.timer.cancel()
        found.timer, found.deadline = None, None
    changed(found)


def kick(code: str, secret: str, token: str) -> None:
    """Take a seat away (trainer only, :meth:`Room.leave`): the seat is free for someone else, the model's own
    rule plays it from the next round, the log keeps what it chose; its phone is told it was removed."""
    found = trainer(code, secret)
    with _LOCK:
        if token not in found.seats or token in found.kicked:
            return
        found.room.leave(token)
        found.kicked.add(token)
        found.chosen.discard(token)
    changed(found)


def close(code: str, secret: str) -> None:
    """Drop the room now and free its memory (trainer only)."""
    found = trainer(code, secret)
    with _LOCK:
        _ROOMS.pop(found.code, None)
        if found.timer is not None:
            found.timer.cancel()
    changed(found)
    _dropped([found.code])


def subscribe(found: OpenRoom, callback: Callable[[], None]) -> Callable[[], None]:
    """Call ``callback`` after every change of the room; returns the function that unsubscribes it."""
    return found.listeners.subscribe(callback)


def changed(found: OpenRoom) -> None:
    """Tell every screen of the room."""
    with _LOCK:
        found.version += 1
        found.touched = time.monotonic()
    found.listeners.notify()

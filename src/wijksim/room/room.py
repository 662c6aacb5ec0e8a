"""``Room``: the workshop room as a plain object (see the package docstring for the API and why)."""

from __future__ import annotations

import secrets
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..model import WijkModel
from ..scenarios import SCENARIO_DIR, Scenario, default_scenario, load_scenario
from ..text.messages import error
from .debrief import MAX_REPLICATES, debrief
from .errors import LOG_COLUMNS, RoomError
from .play import Choices, Levers, RoomConfig, build
from .replay import replay
from .roles import BY_ROLE, RESIDENT_SEATS, ROLES, defaults

#: join codes: no 0/O, 1/I/L (read off a projector and typed on a phone); 7 of 31 symbols ≈ 34.7 bits
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 7
LANGS = ("en", "nl")
MAX_NAME = 40
MAX_ROUNDS = 100
MAX_WEEKS_PER_ROUND = 52
WORKSHOP_SCENARIO = SCENARIO_DIR / "wave_no_investment.toml"

_issued: set[str] = set()  # codes handed out in this process: two rooms never share one
_issued_lock = threading.Lock()


def _new_code() -> str:
    with _issued_lock:
        while True:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            if code not in _issued:
                _issued.add(code)
                return code


@dataclass
class Seat:
    """One seat: who sits there and what it chose (kept from round to round)."""

    role: str
    name: str
    choices: dict[str, str] = field(default_factory=dict)


def _whole(name: str, value: Any, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise error(RoomError, "room_setting", field=name, value=value, allowed=f"a whole number from {lo} to {hi}")
    return value


def _scenario(given: Scenario | str | Path | None) -> Scenario:
    if isinstance(given, Scenario):
        return given
    if given is not None:
        return load_scenario(given)
    return load_scenario(WORKSHOP_SCENARIO) if WORKSHOP_SCENARIO.is_file() else default_scenario()


class Room:
    """A workshop room: seats by role, rounds of decisions, the model's weeks, a log and a debrief.

    Made with :meth:`open` (or :meth:`replay`); every method may be called from many threads (one lock
    around every state change and every read of changing state; the debrief computes outside it).
    """

    def __init__(self, config: RoomConfig, seed: int, lang: str) -> None:
        self.config = config
        self.seed = seed
        self.lang = lang
        self.code = _new_code()
        self._lock = threading.RLock()
        self._model: WijkModel = build(config, seed)
        self._levers = Levers()
        self._seats: dict[str, Seat] = {}  # token -> seat, in the order of joining
        self._schedule: list[dict[str, tuple[dict[str, str], ...]]] = []  # each closed round's choices
        self._log: list[tuple[int, str, str, str, str]] = []
        self._debriefs: dict[tuple[int, int], pd.DataFrame] = {}

    # --- opening ---------------------------------------------------------------------------------
    @classmethod
    def open(cls, *, seed: int, rounds: int, weeks_per_round: int, lang: str = "nl",
             scenario: Scenario | str | Path | None = None, wave_round: int | None = None,
             resident_seats: int = 4, params: dict[str, Any] | None = None) -> Room:
        """A new room on ``scenario`` (default the workshop's wijk) with ``seed``; ``params`` on top of the
        scenario's parameters (e.g. a small wijk for tests); ``wave_round`` schedules a crime wave (×3 for
        16 weeks) from that round's first week."""
        _whole("rounds", rounds, 1, MAX_ROUNDS)
        _whole("weeks_per_round", weeks_per_round, 1, MAX_WEEKS_PER_ROUND)
        _whole("resident_seats", resident_seats, *RESIDENT_SEATS)
        _whole("seed", seed, 0, 2**62)
        if wave_round is not None:
            _whole("wave_round", wave_round, 1, rounds)
        if lang not in LANGS:
            raise error(RoomError, "room_setting", field="lang", value=lang, allowed=" or ".join(LANGS))
        config = RoomConfig(_scenario(scenario), rounds, weeks_per_round, resident_seats, wave_round,
                            dict(params or {}))
        return cls(config, seed, lang)

    # --- seats -----------------------------------------------------------------------------------
    @staticmethod
    def roles() -> list[str]:
        """The role names: police, municipality, corporation (the housing corporation), residents."""
        return list(ROLES)

    def join(self, name: str, role: str) -> str:
        """Take a free seat of ``role`` under ``name``; returns the seat's secret token (keep it to rejoin)."""
        if role not in ROLES:
            raise error(RoomError, "room_role", role=role, allowed=list(ROLES))
        clean = str(name).strip()
        why = ("empty" if not clean else "long" if len(clean) > MAX_NAME
               else "control" if any(unicodedata.category(c).startswith("C") for c in clean) else None)
        with self._lock:
            taken = [s for s in self._seats.values() if s.role == role]
            if why is None and any(s.name == clean for s in taken):
                why = "taken"
            if why is not None:
                raise error(RoomError, "room_name", name=clean[:MAX_NAME], why=why)
            if len(taken) >= self.config.seats(role):
                raise error(RoomError, "room_full", role=role, seats=self.config.seats(role))
            token = secrets.token_urlsafe(16)
            self._seats[token] = Seat(role, clean)
            return token

    def leave(self, token: str) -> tuple[str, str]:
        """Free the token's seat (a trainer's "Remove", or a trainee who leaves); returns its (role, name).

        Why a method and not a flag in the web layer: the seat must be free for someone else to take, and
        from the next closed round on its decisions must be the model's own rule (``usual``), as for a seat
        nobody took; the log keeps what it chose in the rounds already closed. The token is void after."""
        with self._lock:
            seat = self._seat(token)
            del self._seats[token]
            return seat.role, seat.name

    def _seat(self, token: str) -> Seat:
        seat = self._seats.get(token) if isinstance(token, str) else None
        if seat is None:
            raise error(RoomError, "room_token")
        return seat

    def seat(self, token: str) -> tuple[str, str]:
        """The (role, name) of a token's seat (a reloaded phone finds its seat again)."""
        with self._lock:
            s = self._seat(token)
            return s.role, s.name

    def seats(self) -> list[tuple[str, str]]:
        """Every taken seat as (role, name), in the order of joining."""
        with self._lock:
            return [(s.role, s.name) for s in self._seats.values()]

    # --- decisions -------------------------------------------------------------------------------
    def options(self, token: str) -> dict[str, list[str]]:
        """This round's decisions of the token's role and their options (the first, ``usual``, is the default)."""
        with self._lock:
            role = self._seat(token).role
        return {key: d.keys for key, d in BY_ROLE[role].items()}

    def choices(self, token: str) -> dict[str, str]:
        """What the token's seat plays this round if it chooses nothing more (last choices, else ``usual``)."""
        with self._lock:
            s = self._seat(token)
            return {**defaults(s.role), **s.choices}

    def choose(self, token: str, decision: str, option: str) -> None:
        """Choose ``option`` for ``decision`` this round (may be changed until the round closes)."""
        with self._lock:
            s = self._seat(token)
            table = BY_ROLE[s.role]
            if decision not in table:
                raise error(RoomError, "room_decision", decision=decision, role=s.role, allowed=list(table))
            if option not in table[decision].keys:
                raise error(RoomError, "room_option", option=option, decision=decision, allowed=table[decision].keys)
            s.choices[decision] = option

    # --- rounds ----------------------------------------------------------------------------------
    @property
    def round(self) -> int:
        """Rounds closed so far."""
        with self._lock:
            return len(self._schedule)

    @property
    def rounds(self) -> int:
        return self.config.rounds

    @property
    def week(self) -> int:
        """Weeks played since the room opened (the burn-in not counted)."""
        with self._lock:
            return int(self._model.week)

    @property
    def finished(self) -> bool:
        with self._lock:
            return len(self._schedule) >= self.config.rounds

    def _round_choices(self) -> tuple[dict[str, tuple[dict[str, str], ...]], list[tuple[str, str, dict[str, str]]]]:
        """This round's choices by role (empty seats as usual) and the log's seats (role, name, choices)."""
        rnd: dict[str, tuple[dict[str, str], ...]] = {}
        logged = []
        for role in ROLES:
            taken = [s for s in self._seats.values() if s.role == role]
            seats = [(s.name, {**defaults(role), **s.choices}) for s in taken]
            seats += [("", defaults(role))] * (self.config.seats(role) - len(taken))
            rnd[role] = tuple(dict(c) for _, c in seats)
            logged += [(role, name, c) for name, c in seats]
        return rnd, logged

    def advance(self) -> None:
        """Close the round (undecided seats keep their last choice or ``usual``) and run its weeks."""
        with self._lock:
            if len(self._schedule) >= self.config.rounds:
                raise error(RoomError, "room_over", rounds=self.config.rounds)
            rnd, logged = self._round_choices()
            self._levers.apply(self._model, rnd, self.config.resident_seats)
            self._model.run(self.config.weeks_per_round)
            self._schedule.append(rnd)
            number = len(self._schedule)
            self._log += [(number, role, name, d, o) for role, name, c in logged for d, o in c.items()]

    # --- what the screens show -------------------------------------------------------------------
    def log(self) -> pd.DataFrame:
        """Every closed round's choices: round, role, name (empty: a seat the model played), decision, option."""
        with self._lock:
            rows = list(self._log)
        return pd.DataFrame(rows, columns=list(LOG_COLUMNS)).astype({"round": "int64"})

    def timeseries(self) -> pd.DataFrame:
        """The room's weekly outputs so far (a copy: safe to keep)."""
        with self._lock:
            return self._model.timeseries()

    def read_model(self, reader: Any) -> Any:
        """``reader(model)`` under the room's lock: for the map and network pictures, which read the live
        model (never change it in ``reader``)."""
        with self._lock:
            return reader(self._model)

    def debrief(self, replicates: int = 10, workers: int | None = 1,
                progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
        """The debrief over the rounds played so far (see :mod:`.debrief`); cached per (rounds, replicates).

        ``workers`` > 1 (or None: every core) runs the arms in a process pool, with the same numbers;
        ``progress(done, total)`` is called after each run (a page's progress bar). The lock is not held while
        it computes, so the room stays responsive."""
        _whole("replicates", replicates, 2, MAX_REPLICATES)
        with self._lock:
            schedule: list[Choices] = list(self._schedule)
            key = (len(schedule), replicates)
            cached = self._debriefs.get(key)
        if not schedule:
            raise error(RoomError, "room_nothing")
        if cached is None:
            cached = debrief(self.config, self.seed, schedule, replicates, workers, progress)
            with self._lock:
                self._debriefs[key] = cached
        return cached.copy()

    # --- replay ----------------------------------------------------------------------------------
    @classmethod
    def replay(cls, log: pd.DataFrame, *, seed: int, **kwargs: Any) -> Room:
        """A room rebuilt from ``log`` (:meth:`log`): the same seats, choices and rounds, so the same state and
        debrief. ``kwargs`` as :meth:`open` (``rounds`` defaults to the log's rounds, ``resident_seats`` to the
        log's)."""
        return replay(cls, log, seed=seed, **kwargs)

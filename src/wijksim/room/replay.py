"""Rebuilding a room from its log: the seats join as they first appear, make the logged choices, and the
rounds close in order; the same seed then gives the same weeks, log and debrief (the room plays through
the one path of :mod:`.play`)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..text.messages import error
from .errors import LOG_COLUMNS, RoomError


def _check(log: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(log, pd.DataFrame) or list(log.columns)[:5] != list(LOG_COLUMNS):
        raise error(RoomError, "room_log", detail=f"expected the columns {', '.join(LOG_COLUMNS)}")
    if log.empty:
        raise error(RoomError, "room_log", detail="no round in it")
    rounds = sorted(int(r) for r in log["round"].unique())
    if rounds != list(range(1, len(rounds) + 1)):
        raise error(RoomError, "room_log", detail="its rounds are not 1, 2, 3, ... in turn")
    return log.fillna({"name": ""}).astype({"name": str, "role": str, "decision": str, "option": str})


def replay(cls: Any, log: pd.DataFrame, *, seed: int, **kwargs: Any) -> Any:
    """See :meth:`wijksim.room.Room.replay` (``cls`` is ``Room``: passed in, so this module does not import it)."""
    log = _check(log)
    first = log[log["round"] == 1]
    residents = first[first["role"] == "residents"]
    n_rounds = int(log["round"].max())
    kwargs.setdefault("rounds", n_rounds)
    if len(residents):
        kwargs.setdefault("resident_seats", int(residents.groupby("decision").size().max()))
    room = cls.open(seed=seed, **kwargs)
    tokens: dict[tuple[str, str], str] = {}
    for number in range(1, n_rounds + 1):
        rows = log[(log["round"] == number) & (log["name"] != "")]
        for row in rows.itertuples(index=False):
            key = (str(row.role), str(row.name))
            if key not in tokens:
                tokens[key] = room.join(key[1], key[0])
            room.choose(tokens[key], str(row.decision), str(row.option))
        room.advance()
    return room

"""The workshop room as a plain object: trainees take roles, decide each round, and the model plays the weeks.

NetLogo's HubNet showed that people learn a system by *being* its agents. A :class:`Room` is that game
without a browser: the web pages (later, in ``ui/``) only call it, and everything a screen shows can be read
from it. It trusts its caller: the web layer keeps the trainer's secret and limits joins.

API::

    from wijksim.room import Room
    room = Room.open(seed=1, rounds=6, weeks_per_round=8, lang="nl")   # scenario=, wave_round=, resident_seats=,
                                                                        # params= (on top of the scenario's)
    room.code                      # 7 symbols from ``secrets`` (≈ 35 bits), never the same for two rooms
    room.roles()                   # ['police', 'municipality', 'corporation', 'residents']
    token = room.join("Anna", "police")          # a secret token per seat (2 to 6 resident seats)
    room.options(token)            # {'feedback': ['usual', 'give'], 'patrol': [...], 'complaints': [...]}
    room.choose(token, "complaints", "take_up")  # RoomError (English str, Dutch via .problem) if unknown
    room.leave(token)              # free the seat: from the next round the model's own rule plays it
    room.advance()                 # close the round: undecided seats keep their last choice (or 'usual')
    room.week                      # weeks played since opening, burn-in not counted (8 after two rounds of 4)
    room.log()                     # DataFrame: round, role, name, decision, option (empty seats: name '')
    room.debrief(replicates=10)    # DataFrame: arm, metric, value, lo, hi
    Room.replay(room.log(), seed=1, weeks_per_round=8)   # the same room again

Also: ``room.timeseries()``, ``room.round`` (rounds closed), ``room.rounds``, ``room.finished``,
``room.seats()``, ``room.seat(token)`` (rejoin), ``room.choices(token)``, ``room.read_model(f)`` (the map).

The decision table (what each option sets or starts) is :mod:`.roles`; playing rounds on a model (the one path
of the live room, its replay and the debrief arms) :mod:`.play`; the debrief's arms and table :mod:`.debrief`.

Determinism: the same seed and the same choices give the same log, timeseries and debrief; the room's code
and tokens come from ``secrets`` and enter none of them. Thread safety: one lock around every state change.
"""

from .debrief import METRICS
from .roles import DECISIONS, ROLES, USUAL, decision_label, option_label, role_label, table
from .room import Room, RoomError

__all__ = ["DECISIONS", "METRICS", "ROLES", "USUAL", "Room", "RoomError", "decision_label", "option_label",
           "role_label", "table"]

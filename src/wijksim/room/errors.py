"""What the room's modules share without importing each other: its error and its log's columns."""

from __future__ import annotations

LOG_COLUMNS: tuple[str, ...] = ("round", "role", "name", "decision", "option")


class RoomError(ValueError):
    """A refused room action: ``str(err)`` is English, ``err.problem`` renders it in Dutch too
    (:func:`wijksim.text.messages.text`)."""

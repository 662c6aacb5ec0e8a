"""The text layer: what wijksim says to a person, in Dutch and English, below the UI.

The registry, the error messages, the model's event log and the UI all take their words and number formats
from here; nothing in this package imports the model or the UI, so any module may import it.
"""

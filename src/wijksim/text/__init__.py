"""The text layer: what wijksim says to a person, in Dutch and English, below the UI.

The registry, the error messages, the model's event log and the UI all take their words and number formats
from here; nothing in this package imports the model, the registry or the UI (a test parses the imports), so
any module may import it.

- :mod:`.numbers`: the one number formatter (decimal comma in Dutch, true minus).
- :mod:`.messages`: input errors as data (``Problem``) with their English and Dutch renderers.
- :mod:`.events`: the model's event log as data (``Event``) and its rendering per language.
- :mod:`.interventions`: the intervention types' and live buttons' names, keyed by the one table of types
  (``wijksim.interventions.INTERVENTIONS``).
- :mod:`.pages`: the UI's strings, one module per page, and ``tr``.
"""

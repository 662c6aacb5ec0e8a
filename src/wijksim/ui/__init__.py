"""The browser UI of wijksim (``wijksim ui``): explorer, comparison page and workshop mode.

``app.py`` is the page solara serves. Mesa is the model; the controls (play, step, reset) and the
play loop are our own (``explorer.py``, ``session.Player``), so that every string can be Dutch and
play stops with the page. Every browser session owns its model and player (component state, no
module globals), so two sessions never see each other's runs.
"""

"""The browser UI of wijksim (``wijksim ui``): explorer, comparison page and workshop mode.

``app.py`` is the page solara serves; it is built on Mesa's ``SolaraViz`` (controller, play loop,
sidebar). Every browser session owns its model (component state, no module globals), so two
sessions never see each other's runs.
"""

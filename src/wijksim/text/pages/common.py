"""The frame of every page: title, tabs, and the words several pages share (play controls, weeks,
seeds, replicates).
"""

from __future__ import annotations

#: key -> (Dutch, English)
STRINGS: dict[str, tuple[str, str]] = {
    "app_title": ("wijksim — veiligheid in de wijk", "wijksim — neighbourhood safety"),
    "tab_explorer": ("Verkennen", "Explore"),
    "tab_compare": ("Vergelijken", "Compare"),
    "tab_workshop": ("Workshop", "Workshop"),
    "scenario": ("Scenario", "Scenario"),
    "seed": ("Seed (toevalsgetal)", "Seed"),
    "week": ("Week", "Week"),
    "weeks": ("Weken", "Weeks"),
    "of_weeks": ("van", "of"),
    "households": ("huishoudens", "households"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "play": ("Afspelen", "Play"),
    "pause": ("Pauze", "Pause"),
    "step_one": ("Eén week", "One week"),
    "reset": ("Opnieuw", "Reset"),
    "running": ("Bezig met rekenen…", "Running…"),
    "replicates": ("Herhalingen (seeds)", "Replicates (seeds)"),
    "window": ("Meetperiode", "Window"),
    "level": ("Betrouwbaarheid", "Interval level"),
}

"""The city page's pieces without a browser: city B differs from A only where the intervention is, the map's tiles
stay in their box, the intervals read in both languages (the browser test is tests/test_city_browser.py)."""

from __future__ import annotations

import pytest

from wijksim.ui.city_page import (
    HOTSPOT_PRIORITY,
    INTERVENTIONS,
    interval_text,
    tile_positions,
    ui_city,
    with_intervention,
)


def test_city_b_differs_from_a_only_in_the_target() -> None:
    city = ui_city()
    assert all(w.params["width"] == 10 and w.params["burn_in"] == 4 for w in city.wijken)
    for kind in INTERVENTIONS:
        a, b = with_intervention(city, "oost", kind)
        changed = [x.name for x, y in zip(a.wijken, b.wijken, strict=True) if x != y]
        assert changed == ["oost"], kind
        assert a.params == b.params
        if kind == "hotspot":  # a fixed, shared capacity concentrated on the target: the others are thinned
            assert a.params["police_rule"] == "fixed" and b.wijken[3].police_priority == HOTSPOT_PRIORITY
        else:
            assert b.wijken[3].scenario.interventions and not a.wijken[3].scenario.interventions
            assert b.wijken[3].params == a.wijken[3].params  # the wijk's own character kept
    with pytest.raises(ValueError, match="allowed engagement"):
        with_intervention(city, "oost", "fence")


def test_tiles_inside_the_map_north_up() -> None:
    city = ui_city()
    pos = tile_positions(city)
    assert all(0 <= x <= 80 and 0 <= y <= 80 for x, y in pos.values())
    assert pos["noord"][1] < pos["centrum"][1] < pos["zuid"][1] and pos["west"][0] < pos["oost"][0]


def test_intervals_in_both_languages() -> None:
    assert interval_text(0.5, -0.25, 1.0, "en") == "+0.50 [−0.25, +1.00]"
    assert interval_text(0.5, -0.25, 1.0, "nl") == "+0,50 [−0,25; +1,00]"
    assert interval_text(float("nan"), 0.0, 1.0, "en") == "–"


def test_the_page_offers_the_shipped_city_files_example_first() -> None:
    """The example city first, then the cities of scenarios/city/ — not the wijk scenarios that lie there too."""
    from wijksim.ui.city_page import shipped_cities

    files = shipped_cities()
    assert next(iter(files)) == "city_example.toml"
    assert "city/engagement_centrum.toml" in files
    assert not any("programme" in name for name in files)
    assert all(len(ui_city(path).wijken) >= 9 for path in files.values())

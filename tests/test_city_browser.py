"""The city view in a real browser (headless Debian Chromium): pick a target wijk on the map and an intervention,
run the paired comparison, and see the WDQ with its interval, in Dutch and in English.

The server, browser and page fixtures are ``tests/test_ui_browser.py``'s; every wait is on a condition.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from test_ui_browser import ARTIFACTS, _open, browser, pages, server  # noqa: F401  (fixtures)
from wijksim.ui.i18n import tr

pytestmark = pytest.mark.browser

INTERVAL = re.compile(r"[+−-]?\d+[.,]\d+ \[[+−-]?\d+[.,]\d+[;,] [+−-]?\d+[.,]\d+\]")


def _city_tab(page, lang: str) -> None:
    page.locator(f".wijk-lang-{lang}").click()
    page.wait_for_selector(f".wijk-page-city:has-text('{tr('tab_city', lang)}')")
    page.locator(".wijk-page-city").click()
    page.wait_for_selector(".wijk-city-map")


def test_city_view_compares_a_target_and_shows_the_wdq_with_its_interval(server: str, browser, pages: list) -> None:  # noqa: F811
    page = _open(browser, server, pages)
    _city_tab(page, "nl")
    # the map: click a wijk and it becomes the target (its neighbours the buffer)
    page.locator(".wijk-city-tile-oost").click()
    page.wait_for_selector(".wijk-city-buffer:has-text('zuidoost')")
    page.locator(".wijk-city-iv-hotspot").click()
    page.locator(".wijk-city-compare").click()
    page.wait_for_selector(".wijk-city-wdq", timeout=300_000)
    for lang, other in (("nl", "en"), ("en", "nl")):
        _city_tab(page, lang)
        page.wait_for_selector(".wijk-city-wdq")
        body = page.inner_text("body")
        assert tr("ct_wdq", lang) in body and tr("ct_wdq", other) not in body
        assert tr("ct_result_of", lang).split("{")[0].strip() in body or lang == "nl"
        wdq = page.locator(".wijk-city-wdq").inner_text()
        tne = page.locator(".wijk-city-tne").inner_text()
        assert INTERVAL.fullmatch(wdq.strip()) or wdq.strip() == "–", wdq
        assert INTERVAL.fullmatch(tne.strip()), tne
        if lang == "nl":
            assert ";" in tne  # the Dutch interval: the comma is the decimal sign
        verdict = page.locator(".wijk-city-verdict").get_attribute("data-verdict")
        assert page.locator(".wijk-city-verdict").inner_text().strip() == tr(f"ct_v_{verdict}", lang)
        page.screenshot(path=str(ARTIFACTS / f"city-{lang}.png"), full_page=True)
    # the map coloured by an output: one run of the city
    page.locator(".wijk-city-run-map").click()
    page.wait_for_selector(f"text={tr('ct_mean_over', 'en').split('{')[0].strip()}", timeout=300_000)
    assert re.search(r"\d", page.locator(".wijk-city-tile-centrum").inner_text())


def _four_wijk_city(tmp_path: Path) -> Path:
    """A city of four generated wijken (w0–w3, none of the example's names) at the page's small size."""
    wijken = "".join(f'[[wijken]]\nname = "w{i}"\nx_km = {1.2 * (i % 2)}\ny_km = {1.2 * (i // 2)}\n\n'
                     for i in range(4))
    p = tmp_path / "four.toml"
    p.write_text(f'name = "Four"\nweeks = 10\n[wijk_params]\nwidth = 10\nheight = 10\nburn_in = 4\n\n{wijken}')
    return p


def test_city_view_picks_the_city_file(server: str, browser, pages: list, tmp_path: Path) -> None:  # noqa: F811
    """A city file by its path replaces the map's wijken; a bad one is refused in the page's language and the
    city stays; the shipped list brings the example back."""
    page = _open(browser, server, pages)
    _city_tab(page, "nl")
    field = page.locator(".wijk-city-path input")
    field.fill(str(tmp_path / "none.toml"))
    field.press("Enter")
    page.locator(".wijk-city-load").click()
    page.wait_for_selector(".wijk-city-file-error")
    assert tr("ct_city_error", "nl").split(":")[0] in page.locator(".wijk-city-file-error").inner_text()
    assert page.locator(".wijk-city-tile-centrum").count() == 1  # the city shown stays
    field.fill(str(_four_wijk_city(tmp_path)))
    field.press("Enter")
    page.locator(".wijk-city-load").click()
    page.wait_for_selector(".wijk-city-tile-w3")
    assert page.locator(".wijk-city-tile").count() == 4 and page.locator(".wijk-city-tile-centrum").count() == 0
    assert page.locator(".wijk-city-file-error").count() == 0
    _city_tab(page, "en")
    page.wait_for_selector(".wijk-city-tile-w3")  # the choice is kept in the session
    assert tr("ct_city_file", "en") in page.inner_text("body")
    page.locator(".wijk-city-file").click()
    item = page.locator(".v-menu__content.menuable__content__active .v-list-item", has_text="city_example.toml")
    item.first.click()
    page.wait_for_selector(".wijk-city-tile-centrum")
    page.locator(".wijk-city-tile-w3").wait_for(state="detached")  # the four-wijk city's tiles gone
    assert page.locator(".wijk-city-tile").count() == 9

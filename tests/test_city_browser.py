"""The city view in a real browser (headless Debian Chromium): pick a target wijk on the map and an intervention,
run the paired comparison, and see the WDQ with its interval, in Dutch and in English.

The server, browser and page fixtures are ``tests/test_ui_browser.py``'s; every wait is on a condition.
"""

from __future__ import annotations

import re

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

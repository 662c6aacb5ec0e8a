"""The youth outputs in a real browser (headless Debian Chromium, issue 28): pick a shipped youth scenario from
the picker, run a few weeks and see the youth charts and their values, in Dutch and in English.

The server, browser and page fixtures are ``tests/test_ui_browser.py``'s; every wait is on a condition.
"""

from __future__ import annotations

import pytest

from test_ui_browser import ARTIFACTS, _lang, _open, _pick_scenario, _wait_text, _week, browser, pages, server  # noqa: F401
from wijksim.outputs import output
from wijksim.ui.i18n import tr

pytestmark = pytest.mark.browser


def test_a_youth_scenario_shows_youth_charts_in_both_languages(server: str, browser, pages: list) -> None:  # noqa: F811
    page = _open(browser, server, pages)
    _lang(page, "nl")
    assert page.locator(".wijk-youth-charts").count() == 0  # the default run has no youths
    _pick_scenario(page, "youth_reference")
    page.locator(".wijk-apply").click()
    _wait_text(page, "Jongeren: referentie zonder programma's")
    page.wait_for_selector(".wijk-youth-charts")
    for _ in range(3):
        before = _week(page)
        page.locator(".wijk-step").click()
        page.wait_for_function(f"() => /\\d+/.exec(document.querySelector('.wijk-week').innerText)[0] > {before}")
    for lang, other in (("nl", "en"), ("en", "nl")):
        _lang(page, lang)
        page.wait_for_selector(f".wijk-youth-title:has-text('{tr('youth_charts', lang)}')")
        page.wait_for_selector(".wijk-youth-charts")
        youth = page.locator(".wijk-youth").inner_text()
        assert tr("panel_youth_involvement", lang) in youth and tr("panel_youth_involvement", other) not in youth
        assert output("youth_involved_share").short(lang) in youth
        assert output("youth_signal_reporting").short(lang) in youth
        assert "%" in youth
        page.locator(".wijk-youth").screenshot(path=str(ARTIFACTS / f"youth-{lang}.png"))

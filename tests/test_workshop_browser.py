"""The workshop at 1280x720 in headless Debian Chromium, measured as a room sees it (issue 24, points 4–6):
sizes with ``getBoundingClientRect`` and computed styles, step 1's result above the fold, and a reload
keeping the step and its result. The server, browser and page fixtures are ``tests/test_ui_browser.py``'s;
the in-process half is ``tests/test_workshop_room.py``. Waits are on conditions, never fixed sleeps."""

from __future__ import annotations

import contextlib

import pytest

from test_ui_browser import ARTIFACTS, browser, pages, server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

#: sizes of the tab's parts: width, height, top and bottom of the box, font size and text transform
MEASURE = """() => {
  const box = e => { const b = e.getBoundingClientRect(), s = getComputedStyle(e);
    return {w: b.width, h: b.height, top: b.top, bottom: b.bottom, font: parseFloat(s.fontSize),
            transform: s.textTransform}; };
  const one = sel => { const e = document.querySelector(sel); return e ? box(e) : null; };
  return {map: one('.wijk-workshop-map'), legend: one('.wijk-map-legend'), text: one('.wijk-workshop-text'),
          step: one('.wijk-workshop-step'), figure: one('.wijk-workshop-figure'),
          buttons: [...document.querySelectorAll('.wijk-workshop .v-btn')].filter(e => e.offsetParent)
                     .map(e => ({...box(e), label: e.innerText}))};
}"""


def test_workshop_sizes_for_a_room(server: str, browser, pages: list) -> None:  # noqa: F811
    """At 1280x720: in presenter view the map is at least 560 px and wholly above the fold, the step's
    text and the map's legend at least 18 px; every visible button of the tab 18 px, not uppercase, the
    speed control among them; step 1's figure (its result) starts above the fold; a reload lands on the
    same step with its result. Before: map 300 / 420 px, legend 13 px, buttons 12 px uppercase, step 1's
    figure below the fold, a reload on Explore at week 0."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    pages.append(page)
    page.goto(server)
    page.locator(".wijk-page-workshop").click()
    page.wait_for_selector(".wijk-workshop-map")
    page.wait_for_selector(".wijk-speed")
    normal = page.evaluate(MEASURE)
    assert normal["buttons"] and any(b["label"].strip() == "4" for b in normal["buttons"])  # the speed control
    for b in normal["buttons"]:
        assert b["font"] >= 18 and b["transform"] != "uppercase", b
    assert normal["text"]["font"] >= 18 and normal["legend"]["font"] >= 18

    page.locator(".wijk-workshop-replicates input").fill("2")
    page.locator(".wijk-workshop-replicates input").press("Enter")
    page.locator(".wijk-workshop-run").click()
    page.wait_for_selector(".wijk-workshop-figure", timeout=300_000)
    page.wait_for_function("() => document.querySelector('.wijk-workshop-figure').naturalWidth > 0")
    fig = page.evaluate(MEASURE)["figure"]
    assert fig["top"] < 720 and fig["top"] + fig["h"] / 2 < 720, fig  # step 1's result above the fold

    page.locator(".wijk-workshop-presenter").click()
    page.wait_for_selector(".wijk-presenter")
    page.wait_for_function("() => document.querySelector('.wijk-workshop-map').getBoundingClientRect().width >= 560")
    shown = page.evaluate(MEASURE)
    assert shown["map"]["w"] >= 560 and shown["map"]["bottom"] <= 720, shown["map"]
    for part in ("text", "legend", "step"):
        assert shown[part]["font"] >= 18, (part, shown[part])
    assert shown["figure"]["top"] < 720
    page.screenshot(path=str(ARTIFACTS / "workshop-room-presenter.png"))

    page.reload()
    page.wait_for_selector(".wijk-workshop-figure", timeout=60_000)
    assert page.locator(".wijk-workshop-step").inner_text().startswith(("Stap 1/", "Step 1/"))
    assert page.locator(".wijk-presenter").count() == 1


def test_presenter_view_shows_each_steps_figure_above_the_fold(server: str, browser, pages: list) -> None:  # noqa: F811
    """Issue 24 (4): in presenter view at 1280x720 the figure of every step is wholly above the fold.
    Before: steps 2-4 drew it under the row of the 560 px map and the table, from ~816 px down. Now a compared
    step's figure is drawn first under the title (four panels wide), the map and table under it; step 1's
    beside the map, before the step's text."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from wijksim.ui.workshop import WORKSHOP

    page = browser.new_page(viewport={"width": 1280, "height": 720})
    pages.append(page)
    page.set_default_timeout(120_000)  # a bound for a loaded machine (2 cores shared), not a timing
    page.goto(server)
    page.locator(".wijk-page-workshop").click()
    page.wait_for_selector(".wijk-workshop-map")
    page.locator(".wijk-workshop-replicates input").fill("2")
    page.locator(".wijk-workshop-replicates input").press("Enter")
    for i in range(len(WORKSHOP)):
        page.wait_for_selector(f".wijk-workshop-step:has-text('{i + 1}/{len(WORKSHOP)}')")
        # this page computes every step itself, whatever the session kept from other tests: press Start once
        # it is enabled, then wait until the step is done (Start enabled again) and its figure has loaded
        page.wait_for_selector(".wijk-workshop-run:not([disabled])", timeout=300_000)
        page.locator(".wijk-workshop-run").click()
        with contextlib.suppress(PlaywrightTimeout):  # busy (Start disabled), unless it was done at once
            page.wait_for_selector(".wijk-workshop-run[disabled]", timeout=10_000)
        page.wait_for_selector(".wijk-workshop-run:not([disabled])", timeout=300_000)
        page.wait_for_function("() => { const f = document.querySelector('.wijk-workshop-figure');"
                               " return f && f.complete && f.naturalWidth > 0; }", timeout=300_000)
        page.locator(".wijk-workshop-presenter").click()
        page.wait_for_selector(".wijk-presenter")
        page.wait_for_function("() => { const f = document.querySelector('.wijk-workshop-figure');"
                               " return f && f.complete && f.naturalWidth > 0; }")
        shown = page.evaluate(MEASURE)
        assert shown["figure"]["top"] >= 0 and shown["figure"]["bottom"] <= 720, (i + 1, shown["figure"])
        assert shown["map"]["w"] >= 560, (i + 1, shown["map"])
        page.screenshot(path=str(ARTIFACTS / f"workshop-presenter-step-{i + 1}.png"))
        page.locator(".wijk-workshop-presenter").click()
        page.wait_for_selector(".wijk-workshop-run")
        if i < len(WORKSHOP) - 1:
            page.locator(".wijk-workshop-next").click()

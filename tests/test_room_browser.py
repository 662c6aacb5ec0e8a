"""The workshop room in a real browser (headless Debian Chromium via Playwright): the trainer's screen opens
a room, four phones (separate browser contexts, one 360 x 740) join by code and take roles, decide for three
rounds, one reloads and keeps its seat, and the debrief shows the room's bonus or malus with its interval.

The server is ``wijksim ui``'s own command on a free loopback port, with ``WIJKSIM_ROOM_SMALL=1`` (a small
wijk, so rounds take a second). Every wait is on a condition. Screenshots go to ``tests/artifacts/``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from chromium import CHROMIUM, chromium_browser  # noqa: F401  (the fixture ``browser``)
from ui_server import ui_server

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
WAIT_MS = 90_000  # an upper bound for a loaded machine, not a timing


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """``wijksim ui``'s server on a free loopback port with the small room wijk."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install -y chromium)")
    with ui_server("room-server.log", {"WIJKSIM_ROOM_SMALL": "1"}) as (url, _):
        yield url


def _page(browser, url: str, width: int, height: int):
    """A page in a browser context of its own (its own cookies: another person's phone)."""
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto(url)
    return page


PHONES = (("Ann", "police", 360, 740), ("Bas", "municipality", 412, 915), ("Cor", "corporation", 390, 844),
          ("Dee", "residents", 414, 896))


def test_a_room_played_with_four_phones(server: str, browser) -> None:
    started = time.monotonic()
    trainer = _page(browser, server, 1280, 900)
    trainer.click(".wijk-page-room")
    trainer.click(".wijk-room-open")
    code = trainer.locator(".wijk-room-code").inner_text().strip()
    assert "key=" not in trainer.url  # the projector never shows the trainer's secret
    assert len(code) == 7
    assert trainer.locator(".wijk-room-qr svg").count() == 1
    assert f"?join={code}" in trainer.locator(".wijk-room-url").inner_text()
    phones = []
    for name, role, w, h in PHONES:
        phone = _page(browser, f"{server}?join={code}", w, h)
        phone.locator(".wijk-join-name input").fill(name)
        phone.click(f".wijk-join-role-{role}")
        phone.click(".wijk-join-go")
        phone.wait_for_selector(".wijk-join-seat")
        phones.append(phone)
    trainer.wait_for_function("document.querySelectorAll('.wijk-room-seat').length === 4")
    trainer.screenshot(path=str(ARTIFACTS / "room-trainer-joined.png"), full_page=True)
    phones[0].screenshot(path=str(ARTIFACTS / "room-phone-360.png"), full_page=True)
    first_options = {"police": ("complaints", "take_up"), "municipality": ("activities", None),
                     "corporation": ("complaints", "take_up"), "residents": ("activity", "join")}
    for rnd in range(1, 4):
        for phone, (_, role, _, _) in zip(phones, PHONES, strict=True):
            decision, option = first_options[role]
            if rnd == 1:  # a choice; later rounds keep it and confirm
                button = (phone.locator(f".wijk-option-{decision}-{option}") if option
                          else phone.locator(f".wijk-decision-{decision} .v-btn").last)
            else:
                button = phone.locator(".wijk-join-confirm")
            button.click()
            try:
                phone.wait_for_selector(".wijk-join-saved", timeout=30_000)
            except Exception:
                phone.screenshot(path=str(ARTIFACTS / f"room-failure-{role}-{rnd}.png"), full_page=True)
                raise
        trainer.wait_for_function("document.querySelectorAll('.wijk-seat-rm_has_chosen').length === 4")
        trainer.click(".wijk-room-advance")
        trainer.wait_for_selector(f".wijk-room-round:has-text('{rnd + 1} van 6')")
        for phone in phones:
            phone.wait_for_selector(f"text=ronde {rnd + 1}")
            phone.wait_for_selector(".wijk-room-map")
        # the screens of each round: the trainer's (projector) and the 360 x 740 phone's
        trainer.wait_for_selector(".wijk-room-map >> nth=0")
        trainer.screenshot(path=str(ARTIFACTS / f"room-trainer-round-{rnd}.png"), full_page=True)
        phones[0].screenshot(path=str(ARTIFACTS / f"room-phone-360-round-{rnd}.png"), full_page=True)
        if rnd == 2:  # a phone reloads and keeps its seat (its token is in the URL and the session)
            assert "seat=" in phones[0].url
            phones[0].reload()
            phones[0].wait_for_selector(".wijk-join-seat:has-text('Ann')")
    phones[0].screenshot(path=str(ARTIFACTS / "room-phone-after-round.png"), full_page=True)
    # the trainer's screen reloads into the running room
    trainer.reload()
    trainer.wait_for_selector(f".wijk-room-code:has-text('{code}')")
    trainer.click(".wijk-room-debrief")
    trainer.wait_for_selector(".wijk-room-debrief-figure", timeout=180_000)
    body = trainer.inner_text("body")
    assert "95%-interval" in body and "iedereen verwijst door" in body
    assert "[" in body and ";" in body  # an interval [lo; hi] in Dutch numbers
    trainer.locator(".wijk-room-debrief-figure").scroll_into_view_if_needed()
    trainer.screenshot(path=str(ARTIFACTS / "room-debrief.png"))
    assert time.monotonic() - started < 180

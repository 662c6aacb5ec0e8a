"""Real-browser tests of ``wijksim ui`` in headless Debian Chromium (Playwright, no browser download).

The server is started with the same command ``wijksim ui`` runs. Screenshots go to
``tests/artifacts/`` (and the explorer's to ``docs/img/ui-explorer.png``). The frame time of play at
the default size is measured in the browser — weeks advanced per second of wall-clock time with
Mesa's play interval at 1 ms — printed, and required to stay under 250 ms.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
FRAME_BUDGET_MS = 250.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """``wijksim ui``'s solara server on a free loopback port, for this module."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install -y chromium)")
    from wijksim.ui.commands import solara_command

    port = _free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = open(ARTIFACTS / "server.log", "w")
    proc = subprocess.Popen(
        solara_command("127.0.0.1", port),
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        proc.terminate()
        pytest.fail("the UI server did not start; see tests/artifacts/server.log")
    yield url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture
def pages(request: pytest.FixtureRequest) -> Iterator[list]:
    """The pages a test opens; if the test fails, each is saved as ``failure-<test>-<i>.png`` and
    ``.html`` so the CI artefacts show the state the test was waiting in."""
    opened: list = []
    yield opened
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        for i, page in enumerate(opened):
            if not page.is_closed():
                page.screenshot(path=str(ARTIFACTS / f"failure-{request.node.name}-{i}.png"), full_page=True)
                (ARTIFACTS / f"failure-{request.node.name}-{i}.html").write_text(page.content())
    for page in opened:
        if not page.is_closed():
            page.close()


@pytest.fixture(scope="module")
def browser(server: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _week(page) -> int:
    text = page.locator(".wijk-week").inner_text()
    return int(re.search(r"(\d+)", text).group(1))


def _open(browser, url: str, pages: list):
    page = browser.new_page(viewport={"width": 1500, "height": 1050})
    pages.append(page)
    # waits are upper bounds, not timings: generous, so a loaded CI machine does not fail a working UI
    page.set_default_timeout(90_000)
    page.goto(url)
    page.wait_for_selector(".wijk-map", timeout=90_000)
    page.wait_for_selector(".wijk-charts", timeout=90_000)
    return page


def _wait_text(page, text: str, timeout_s: float = 90.0) -> None:
    """Wait until ``text`` shows; fail at once, with solara's message, if the page shows a traceback
    instead (a crashed render), and say what the page showed if it times out."""
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        if page.locator(f"text={text}").count() and page.locator(f"text={text}").first.is_visible():
            return
        if page.locator("text=Traceback (most recent call last)").count():
            pytest.fail(f"the UI crashed while waiting for {text!r}:\n{page.inner_text('body')[-1500:]}")
        time.sleep(0.2)
    pytest.fail(f"{text!r} did not show in {timeout_s:.0f} s; the page shows:\n{page.inner_text('body')[-1500:]}")


def test_explorer_play_intervene_compare(server: str, browser, pages: list) -> None:
    page = _open(browser, server, pages)
    assert _week(page) == 0
    page.screenshot(path=str(ARTIFACTS / "01-explorer-start.png"))

    # pick a shipped scenario and restart with it
    page.locator(".v-navigation-drawer .v-select").first.click()
    page.locator(".v-menu__content .v-list-item", has_text="reference").first.click()
    page.locator(".wijk-apply").click()
    page.wait_for_selector("text=Reference: no investment", timeout=90_000)

    # play: measure weeks per wall-clock second (Mesa's play interval is 1 ms)
    page.get_by_role("button", name="▶").click()
    page.wait_for_function(
        "() => /Week ([3-9]|\\d\\d)/.test(document.querySelector('.wijk-week').innerText)", timeout=90_000
    )
    # count the frames the browser actually shows (changes of the week counter), not model steps
    page.evaluate("""() => { window.__frames = []; const el = document.querySelector('.wijk-week');
        new MutationObserver(() => window.__frames.push([performance.now(), el.innerText]))
            .observe(el, {childList: true, characterData: true, subtree: true}); }""")
    w0 = _week(page)
    time.sleep(5.0)
    frames = page.evaluate("() => window.__frames")
    w1 = _week(page)
    shown = sorted({int(re.search(r"(\d+)", t).group(1)) for _, t in frames})
    span = frames[-1][0] - frames[0][0] if len(frames) > 1 else float("inf")
    frame_ms = span / max(len(frames) - 1, 1)
    skipped = (shown[-1] - shown[0] + 1 - len(shown)) if shown else 0
    server_side = page.locator(".wijk-frame").inner_text()
    report = (
        f"play at the default size (40x40, {len(frames)} frames shown in {span / 1000:.2f} s): "
        f"{frame_ms:.0f} ms per frame in the browser, weeks {w0}->{w1}, {skipped} weeks not shown; "
        f"last frame on the server: {server_side}"
    )
    print("\n" + report)
    (ARTIFACTS / "frame_time.txt").write_text(report + "\n")
    assert w1 > w0, "play did not advance"
    # the budget holds on an idle machine; under CPU contention (load above the core count, e.g. the
    # rest of the test suite running in parallel) it is scaled by the overload, and the report says so
    overload = max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1))
    (ARTIFACTS / "frame_time.txt").write_text(report + f"; load overload x{overload:.1f}\n")
    assert frame_ms < FRAME_BUDGET_MS * overload

    # switch an intervention on mid-run, while playing: the marker appears in the event log
    # (clicks during play once crashed the page under load: each click's render pass absorbed play's
    # next week until reacton gave up with "Too many renders"; several clicks in a row test that)
    page.locator(".iv-crime_wave").click()
    _wait_text(page, "crime wave starts")
    for key in ("mutual_support", "information_campaign", "police_feedback"):
        page.locator(f".iv-{key}").click()
    _wait_text(page, "collaboration starts")
    _wait_text(page, "information campaign starts")
    w2 = _week(page)
    time.sleep(2.0)
    assert _week(page) > w2, "play stopped after the live interventions"
    page.get_by_role("button", name="❚❚").click()
    time.sleep(0.5)
    page.screenshot(path=str(ARTIFACTS / "02-explorer-intervention.png"))
    docs = ROOT / "docs" / "img"
    docs.mkdir(parents=True, exist_ok=True)
    shutil.copy(ARTIFACTS / "02-explorer-intervention.png", docs / "ui-explorer.png")

    # the comparison page: three runs with the same seed, bonus/malus numbers shown
    page.locator(".wijk-page-compare").click()
    page.locator(".wijk-compare-run").click()
    page.wait_for_selector(".wijk-bonus-malus", timeout=180_000)
    page.wait_for_selector(".wijk-compare-figure", timeout=90_000)
    assert (
        "malus" in page.locator(".wijk-bonus-malus").inner_text()
        or "bonus" in page.locator(".wijk-bonus-malus").inner_text()
    )
    page.screenshot(path=str(ARTIFACTS / "03-compare.png"), full_page=True)

    # the workshop: first step runs the reference
    page.locator(".wijk-page-workshop").click()
    page.locator(".wijk-workshop-run").click()
    page.wait_for_selector(".wijk-compare-figure", timeout=120_000)
    page.screenshot(path=str(ARTIFACTS / "04-workshop.png"), full_page=True)


def test_two_sessions_do_not_share_a_model(server: str, browser, pages: list) -> None:
    a = _open(browser, server, pages)
    b = _open(browser, server, pages)
    for _ in range(3):
        a.get_by_role("button", name="Step").click()
    a.wait_for_function("() => document.querySelector('.wijk-week').innerText.includes('3')", timeout=90_000)
    time.sleep(0.5)
    assert _week(a) == 3
    assert _week(b) == 0
    b.get_by_role("button", name="Step").click()
    b.wait_for_function("() => document.querySelector('.wijk-week').innerText.includes('1')", timeout=90_000)
    assert _week(a) == 3

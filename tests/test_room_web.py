"""The workshop room in the browser without a browser: the registry the pages call (ui/room_server.py), the
trainer's screen and the phone's page rendered in-process (``solara.render``), and a load test of 30 clients
through the same functions the pages call."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable

import ipyvuetify as v
import ipywidgets
import pytest
import solara

from wijksim.room import RoomError
from wijksim.room.roles import BY_ROLE, ROLES
from wijksim.text.messages import text
from wijksim.text.pages import STRINGS
from wijksim.ui import room_server as server
from wijksim.ui.join_page import JoinPage
from wijksim.ui.results import SessionResults
from wijksim.ui.room_page import RoomPage, join_url, qr_svg, query

SMALL = dict(server.SMALL_WIJK)


@pytest.fixture(autouse=True)
def small_rooms(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rooms opened by the pages use the small wijk (as ``WIJKSIM_ROOM_SMALL=1`` does for a server)."""
    monkeypatch.setenv("WIJKSIM_ROOM_SMALL", "1")


def _wait(cond: Callable[[], bool], timeout: float = 60.0) -> None:
    """Wait until ``cond`` holds (a condition, not a fixed sleep)."""
    end = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < end, "condition not met in time"
        time.sleep(0.02)


def _with_class(rc, kind, cls: str) -> list:
    """The widgets of ``kind`` with the CSS class ``cls`` (vuetify's ``class_`` or ipywidgets' classes)."""
    return [w for w in rc.find(kind).widgets
            if cls in (getattr(w, "class_", "") or "").split() or cls in getattr(w, "_dom_classes", ())]


def _toggle(rc, cls: str, index: int) -> None:
    """Press the ``index``-th button of a row of toggle buttons (as a click in the browser does)."""
    rc.find(v.BtnToggle, class_=cls).widget.v_model = index


def _texts(rc, cls: str) -> list[str]:
    return [" ".join(map(str, w.children)) for w in _with_class(rc, v.Html, cls)]


# --- the registry -------------------------------------------------------------------------------------
def test_only_the_trainers_secret_advances_ends_or_kicks() -> None:
    code, secret = server.open_room(rounds=2, weeks_per_round=2, lang="en", params=SMALL)
    token = server.join(code.lower(), "Ann", "police", "client-a")  # a code typed in lower case is found
    for act in (lambda k: server.advance(code, k), lambda k: server.end(code, k),
                lambda k: server.kick(code, k, token), lambda k: server.start_timer(code, k, 5)):
        with pytest.raises(RoomError) as err:
            act("not-the-secret")
        assert text(err.value, "nl") == "alleen het scherm van de trainer mag dit doen"
    assert server.find(code).room.round == 0
    server.choose(code, token, "complaints", "take_up")
    assert token in server.find(code).chosen
    server.advance(code, secret)
    assert server.find(code).room.round == 1 and not server.find(code).chosen  # a new round: nobody chose yet
    server.kick(code, secret, token)
    with pytest.raises(RoomError, match="taken this seat away"):
        server.choose(code, token, "complaints", "refer")
    with pytest.raises(RoomError, match="no open room"):
        server.find("NOSUCH1")


def test_the_trainers_remove_frees_the_seat_for_the_model_and_another_phone() -> None:
    """Before: Remove only hid the seat; it stayed taken and the model played its last choices."""
    code, secret = server.open_room(rounds=3, weeks_per_round=1, lang="en", params=SMALL)
    token = server.join(code, "Ann", "police", "phone-a")
    server.choose(code, token, "complaints", "take_up")
    server.advance(code, secret)
    server.kick(code, secret, token)
    with pytest.raises(RoomError, match="taken this seat away"):
        server.seat(code, token)
    assert ("police", "Ann") not in server.find(code).room.seats()
    server.advance(code, secret)
    log = server.find(code).room.log()
    rows = log[(log["role"] == "police") & (log["decision"] == "complaints")]
    assert rows["option"].tolist() == ["take_up", "usual"] and rows["name"].tolist() == ["Ann", ""]
    again = server.join(code, "Bo", "police", "phone-b")  # the police seat is free again
    assert server.seat(code, again)[1:] == ("police", "Bo")


def test_joins_are_rate_limited_per_client_and_wrong_codes_count() -> None:
    code, _ = server.open_room(rounds=1, weeks_per_round=1, lang="en", params=SMALL)
    for _ in range(server.JOIN_LIMIT):
        with pytest.raises(RoomError, match="no open room"):
            server.join("WRONG99", "X", "police", "guesser")
    with pytest.raises(RoomError, match="too many tries") as err:
        server.join(code, "X", "police", "guesser")
    assert "wacht" in text(err.value, "nl")
    assert server.join(code, "Y", "police", "another-phone")  # another client is not held up


def test_idle_rooms_expire_and_free_their_memory() -> None:
    """A room untouched for ROOM_IDLE_MINUTES is dropped with its model and pictures: measured with
    tracemalloc (numpy reports to it), what two played rooms held is freed after the expiry, and nothing
    keeps the rooms alive (weak references die)."""
    import gc
    import tracemalloc
    import weakref

    from wijksim.ui import room_views

    def played() -> str:
        code, secret = server.open_room(rounds=2, weeks_per_round=1, lang="en", params=SMALL)
        server.advance(code, secret)
        room_views.picture(server.find(code), "map", "en")
        return code

    warm = played()  # caches made once per process (compiled kernels, colour tables) are not a room's
    server.close(warm, server.find(warm).secret)
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        codes = [played() for _ in range(2)]
        refs = [weakref.ref(server.find(c).room) for c in codes]
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - base
        server.cull(now=time.monotonic() + 60)
        assert all(c in server.rooms() for c in codes)  # a minute is not idle enough
        gone = server.cull(now=time.monotonic() + server.ROOM_IDLE_MINUTES * 60 + 1)
        gc.collect()
        left = tracemalloc.get_traced_memory()[0] - base
    finally:
        tracemalloc.stop()
    assert set(codes) <= set(gone) and not set(codes) & set(server.rooms())
    assert all(r() is None for r in refs), "something still holds an expired room"
    assert not any(k[0] in codes for k in room_views._PICTURES)
    print(f"2 small rooms held {held / 2**20:.2f} MiB; {left / 2**20:.2f} MiB left after expiry")
    assert held > 0 and left < 0.1 * held, (held, left)
    with pytest.raises(RoomError):
        server.find(codes[0])


def test_the_round_timer_closes_the_round_at_its_deadline_and_undecided_seats_keep_their_choice() -> None:
    """The round closes when the timer's deadline passes on the clock (a test's clock: no waiting), not
    before; a seat that chose nothing this round plays its last choice; a round the trainer closed first
    is not closed twice."""
    code, secret = server.open_room(rounds=3, weeks_per_round=1, lang="en", params=SMALL)
    ann = server.join(code, "Ann", "police", "phone-a")
    server.choose(code, ann, "complaints", "take_up")
    server.advance(code, secret)
    t0 = 1_000.0
    server.start_timer(code, secret, 60, now=t0)
    assert server.find(code).deadline == t0 + 60
    assert not server.ring(code, now=t0 + 59.9) and server.find(code).room.round == 1
    assert server.ring(code, now=t0 + 60) and server.find(code).room.round == 2
    assert server.find(code).deadline is None and not server.ring(code, now=t0 + 1e6)
    log = server.find(code).room.log()
    assert log[(log["name"] == "Ann") & (log["decision"] == "complaints")]["option"].tolist() == ["take_up"] * 2
    server.start_timer(code, secret, 60, now=t0)
    server.advance(code, secret)  # the trainer closes the round first: the timer is void
    assert not server.ring(code, now=t0 + 61) and server.find(code).room.round == 3


def test_the_countdown_ticks_on_the_trainers_screen_and_the_phone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: the seconds left were drawn once and stood still. Now each screen's countdown redraws itself
    (waited for as a condition: the shown seconds go down; ticks of 0.1 s and a deadline 0.3 s off a whole
    second keep the test short)."""
    from wijksim.ui import room_views

    monkeypatch.setattr(room_views, "TICK_S", 0.1)
    code, secret = server.open_room(rounds=2, weeks_per_round=1, lang="en", params=SMALL)
    trainer = SessionResults("tick-trainer")
    trainer["room_trainer"] = (code, secret)
    _box, screen = solara.render(RoomPage("en", results=trainer, search=""), handle_error=False)
    token = server.join(code, "Ann", "police", "tick-phone")
    seated = JoinPage("en", results=SessionResults("tick-phone"), search=f"join={code}&seat={token}")
    _box, phone = solara.render(seated, handle_error=False)
    server.start_timer(code, secret, 599.3)
    seconds = {}
    for name, rc in (("trainer", screen), ("phone", phone)):
        _wait(lambda rc=rc: bool(_texts(rc, "wijk-room-timer")), 30)
        seconds[name] = int(_texts(rc, "wijk-room-timer")[0].split()[-2])
        assert 590 <= seconds[name] <= 600
    for name, rc in (("trainer", screen), ("phone", phone)):
        _wait(lambda rc=rc, s=seconds[name]: int(_texts(rc, "wijk-room-timer")[0].split()[-2]) < s, 30)
    server.advance(code, secret)
    _wait(lambda: not _texts(screen, "wijk-room-timer") and not _texts(phone, "wijk-room-timer"), 30)


def test_join_url_is_loopback_unless_served_to_the_network_and_its_qr_code() -> None:
    assert join_url("ABC2345", {}) == "http://127.0.0.1:8765/?join=ABC2345"
    assert join_url("ABC2345", {"WIJKSIM_UI_HOST": "localhost", "WIJKSIM_UI_PORT": "9000"}).startswith(
        "http://127.0.0.1:9000/")
    assert join_url("K", {"WIJKSIM_UI_HOST": "192.0.2.7"}) == "http://192.0.2.7:8765/?join=K"
    assert "0.0.0.0" not in join_url("K", {"WIJKSIM_UI_HOST": "0.0.0.0"})
    svg = qr_svg(join_url("ABC2345", {}))
    assert svg.startswith("<svg") and "path" in svg
    assert query("join=AB&seat=x-y") == {"join": "AB", "seat": "x-y"}


def test_every_room_string_has_both_languages() -> None:
    from wijksim.text.pages import room

    for key in room.STRINGS:
        nl, en = STRINGS[key]
        assert nl and en, key


# --- the pages, in-process ----------------------------------------------------------------------------
def test_trainer_opens_a_room_and_a_reload_lands_in_it() -> None:
    store = SessionResults("trainer")
    _box, rc = solara.render(RoomPage("en", results=store, search=""), handle_error=False)
    _with_class(rc, v.Btn, "wijk-room-open")[0].click()
    _wait(lambda: bool(_texts(rc, "wijk-room-code")))
    code = _texts(rc, "wijk-room-code")[0]
    assert store["room_trainer"][0] == code and code in server.rooms()
    assert "<svg" in "".join(w.unsafe_innerHTML or "" for w in rc.find(solara.widgets.HTML).widgets)
    rc.close()
    # a reload of the same session, and another browser given the URL's key, land in the running room
    _box, again = solara.render(RoomPage("en", results=store, search=""), handle_error=False)
    assert _texts(again, "wijk-room-code") == [code]
    _box, other = solara.render(RoomPage("nl", results=SessionResults("x"),
                                         search=f"room={code}&key={store['room_trainer'][1]}"), handle_error=False)
    assert _texts(other, "wijk-room-code") == [code]
    assert _texts(other, "wijk-room-round") == ["Ronde 1 van 6"]
    # a wrong key is not the trainer's screen: the open form, with a warning
    _box, thief = solara.render(RoomPage("en", results=SessionResults("y"), search=f"room={code}&key=guess"),
                                handle_error=False)
    assert not _texts(thief, "wijk-room-code") and _with_class(thief, v.Btn, "wijk-room-open")


def _phone_joins(code: str, name: str, role: str, lang: str = "en"):
    store = SessionResults(f"phone-{name}")
    _box, rc = solara.render(JoinPage(lang, results=store, search=f"join={code}"), handle_error=False)
    name_field = _with_class(rc, v.TextField, "wijk-join-name")[0]
    name_field.v_model = name
    _toggle(rc, "wijk-join-roles", ROLES.index(role))
    _with_class(rc, v.Btn, "wijk-join-go")[0].click()
    _wait(lambda: bool(_texts(rc, "wijk-join-seat")))
    return store, rc


def test_phones_join_choose_and_see_the_round_then_the_debrief() -> None:
    code, secret = server.open_room(rounds=3, weeks_per_round=2, lang="nl", params=SMALL)
    trainer = SessionResults("t2")
    trainer["room_trainer"] = (code, secret)
    _box, screen = solara.render(RoomPage("en", results=trainer, search=""), handle_error=False)
    _, other_phone = _phone_joins(code, "Bo", "residents", "en")
    assert _texts(other_phone, "wijk-join-seat") == ["Bo · Residents of one block"]
    store, phone = _phone_joins(code, "Ann", "police", "nl")
    assert _texts(phone, "wijk-join-seat") == ["Ann · Politie"]
    assert any("still choosing" in t for t in _texts(screen, "wijk-seat-rm_not_chosen"))
    _toggle(phone, "wijk-decision-complaints", BY_ROLE["police"]["complaints"].keys.index("take_up"))
    _wait(lambda: bool(_texts(screen, "wijk-seat-rm_has_chosen")))
    assert _texts(phone, "wijk-join-saved")
    _with_class(screen, v.Btn, "wijk-room-advance")[0].click()
    _wait(lambda: server.find(code).room.round == 1)
    _wait(lambda: len(phone.find(ipywidgets.Image).widgets) == 2)  # the phone shows the map and the charts
    assert (server.find(code).room.choices(store[f"room_seat:{code}"])["complaints"]) == "take_up"
    # a reload of the phone (same session) keeps its seat
    _box, reloaded = solara.render(JoinPage("nl", results=store, search=f"join={code}"), handle_error=False)
    assert _texts(reloaded, "wijk-join-seat") == ["Ann · Politie"]
    _with_class(screen, v.Btn, "wijk-room-debrief")[0].click()
    _wait(lambda: bool(_with_class(screen, ipywidgets.Image, "wijk-room-debrief-figure")), 120)
    key = f"room_debrief:{code}:1"
    assert key in trainer and not trainer.busy
    table = trainer[key]
    assert set(table["arm"]) >= {"room", "all_refer", "all_together"}
    assert (table["lo"] <= table["value"]).all() and (table["value"] <= table["hi"]).all()


# --- the load test: 30 clients through the pages' functions -------------------------------------------
def test_thirty_clients_lose_no_decision() -> None:
    """30 phones in 4 rooms (every seat taken: 9 + 9 + 6 + 6), each choosing at random from its own thread
    every round for 3 rounds, while the trainers close the rounds; every last choice is in the log."""
    rooms = [server.open_room(rounds=3, weeks_per_round=1, lang="en", params=SMALL, resident_seats=n)
             for n in (6, 6, 3, 3)]
    clients: list[tuple[str, str, str, str]] = []  # (code, token, role, name)
    for code, _ in rooms:
        room = server.find(code).room
        for role in ROLES:
            for i in range(room.config.seats(role)):
                name = f"{role}-{i}"
                clients.append((code, server.join(code, name, role, f"client-{code}-{name}"), role, name))
    assert len(clients) == 30
    rng = random.Random(24)
    started = time.monotonic()
    for rnd in range(1, 4):
        plans = [{d: rng.choice(dec.keys) for d, dec in BY_ROLE[role].items()} for _, _, role, _ in clients]
        errors: list[BaseException] = []

        def play(c: tuple[str, str, str, str], plan: dict[str, str], errors: list[BaseException] = errors) -> None:
            try:
                for d, o in plan.items():
                    server.choose(c[0], c[1], d, o)
            except BaseException as e:
                errors.append(e)

        threads = [threading.Thread(target=play, args=(c, p)) for c, p in zip(clients, plans, strict=True)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert not errors
        for code, secret in rooms:
            assert len(server.find(code).chosen) == len(server.find(code).seats)
            server.advance(code, secret)
        for (code, _, role, name), plan in zip(clients, plans, strict=True):
            log = server.find(code).room.log()
            mine = log[(log["round"] == rnd) & (log["name"] == name) & (log["role"] == role)]
            assert dict(zip(mine["decision"], mine["option"], strict=True)) == plan
    assert time.monotonic() - started < 120


def test_the_trainers_guides_document_the_room_in_the_browser() -> None:
    from guides import assert_dutch_guide_in_step

    en, nl = assert_dutch_guide_in_step("guide-trainers.md")
    assert "## 7. The workshop room in the browser" in en and "## 7. De workshopzaal in de browser" in nl
    assert f"for {server.ROOM_IDLE_MINUTES} minutes is dropped" in en
    assert f"{server.ROOM_IDLE_MINUTES} minuten niemand aanraakte" in nl
    assert f"{server.JOIN_LIMIT} tries a minute" in en and f"{server.JOIN_LIMIT} keer per minuut" in nl
    assert server.JOIN_WINDOW_S == 60


def _labels(rc) -> set[str]:
    """Every label and text a rendered page shows (buttons' and texts' children, fields' labels)."""
    out: set[str] = set()
    widgets = [w for kind in (v.Btn, v.Html, v.TextField) for w in rc.find(kind).widgets]
    for w in widgets:
        for value in (getattr(w, "label", None), *(getattr(w, "children", ()) or ())):
            if isinstance(value, str) and value.strip():
                out.add(value.strip())
    return out


@pytest.mark.parametrize(("lang", "guide", "head"), [
    ("en", "guide-trainers.md", "## 7. The workshop room in the browser"),
    ("nl", "nl/guide-trainers.md", "## 7. De workshopzaal in de browser")])
def test_the_guides_room_section_and_the_pages_agree(lang: str, guide: str, head: str) -> None:
    """Every button and field the guide's room section quotes (``**[label]**``) is on the trainer's screen or
    the phone's page in the guide's language, every button of those pages is in the guide, and the section
    tells how to run a room and its debrief."""
    import re
    from pathlib import Path

    from wijksim.ui.i18n import tr

    text = (Path(__file__).resolve().parents[1] / "docs" / guide).read_text(encoding="utf-8")
    section = text.split(head, 1)[1].split("\n## ", 1)[0]
    quoted = [" ".join(q.split()) for q in re.findall(r"\*\*\[([^\]]+)\]\*\*", section)]  # a label may wrap
    store = SessionResults(f"guide-{lang}")
    _box, form = solara.render(RoomPage(lang, results=store, search=""), handle_error=False)
    shown = _labels(form)
    code, secret = server.open_room(rounds=2, weeks_per_round=1, lang=lang, params=SMALL)
    _box, join_form = solara.render(JoinPage(lang, results=SessionResults(f"p-{lang}"), search=f"join={code}"),
                                    handle_error=False)
    token = server.join(code, "Ann", "police", f"guide-phone-{lang}")
    store["room_trainer"] = (code, secret)
    _box, screen = solara.render(RoomPage(lang, results=store, search=""), handle_error=False)
    _box, phone = solara.render(JoinPage(lang, results=SessionResults(f"q-{lang}"), search=f"join={code}&seat={token}"),
                                handle_error=False)
    shown |= _labels(join_form) | _labels(screen) | _labels(phone)
    # the app's tab; the debrief's button and downloads, shown after a round (test_phones_join_... clicks them)
    shown |= {tr(k, lang) for k in ("tab_room", "rm_debrief_start", "rm_dl_log", "rm_dl_debrief", "rm_dl_png")}
    assert len(quoted) >= 15 and not [q for q in quoted if q not in shown], [q for q in quoted if q not in shown]
    buttons = ("rm_rounds", "rm_weeks", "rm_wave", "rm_residents", "rm_open", "jn_join", "jn_confirm", "rm_advance",
               "rm_timer", "rm_kick", "rm_end", "rm_debrief_start")
    assert not [k for k in buttons if tr(k, lang) not in quoted], [k for k in buttons if tr(k, lang) not in quoted]
    words = {"en": ("QR code", "bonus or malus", "95 % interval", "paired", "keep their last choice", "count down"),
             "nl": ("QR-code", "bonus of malus", "95%-interval", "gepaarde", "houden hun laatste", "aftellen")}
    assert not [w for w in words[lang] if w not in section], [w for w in words[lang] if w not in section]


def test_wijksim_ui_tells_the_server_its_host_for_the_join_url(monkeypatch: pytest.MonkeyPatch) -> None:
    """The join URL's host comes from ``wijksim ui --host``; 0.0.0.0 keeps its warning."""
    from typer.testing import CliRunner

    from wijksim.cli import app
    from wijksim.ui import commands

    seen: dict = {}
    monkeypatch.setattr(commands.subprocess, "call", lambda cmd, env: seen.update(env) or 0)
    out = CliRunner().invoke(app, ["ui", "--host", "0.0.0.0", "--port", "8766"])
    assert out.exit_code == 0 and "warning" in out.output
    assert seen["WIJKSIM_UI_HOST"] == "0.0.0.0" and seen["WIJKSIM_UI_PORT"] == "8766"
    assert join_url("ABC2345", seen).endswith(":8766/?join=ABC2345")


def test_pictures_of_rooms_that_have_gone_are_freed() -> None:
    from wijksim.ui import room_views

    code, secret = server.open_room(rounds=2, weeks_per_round=1, lang="en", params=SMALL)
    server.advance(code, secret)
    room_views.picture(server.find(code), "map", "en")
    assert any(k[0] == code for k in room_views._PICTURES)
    server.close(code, secret)
    other, key = server.open_room(rounds=2, weeks_per_round=1, lang="en", params=SMALL)
    server.advance(other, key)
    room_views.picture(server.find(other), "map", "en")
    assert not any(k[0] == code for k in room_views._PICTURES)

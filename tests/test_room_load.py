"""The load test of issue 24: 30 participants at once through the real server, no decision lost.

The server is ``wijksim ui``'s own command on a free loopback port (``WIJKSIM_ROOM_SMALL=1``: rounds of a
small wijk); 4 trainers' pages and 30 phones' pages are plain websocket clients (``tests/room_clients.py``)
that speak the browser page's protocol, so each is a page session on the server as a phone is: its kernel,
the app's components, the room registry. Four rooms are filled (9 + 9 + 6 + 6 seats: 6 or 3 resident seats);
every phone confirms and then makes a random choice for each of its decisions, all at once, in 3 rounds; each
trainer closes a round when its screen shows every seat has chosen, and then its screen's table of the
round's choices (drawn from the room's log) must show every phone's decisions. The server's memory (RSS)
and CPU time per client are measured (``/proc`` of the server process) and written to
``benchmarks/results/room_load.json``. Bounded: 34 pages, 3 rounds, 300 s.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from room_clients import PageClient
from ui_server import ui_server
from wijksim.room import option_label, role_label
from wijksim.room.roles import BY_ROLE, ROLES, decision_label

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "room_load.json"
ARTIFACTS = ROOT / "tests" / "artifacts"
ROOMS = (6, 6, 3, 3)  # resident seats per room: 9 + 9 + 6 + 6 = 30 phones
ROUNDS = 3
BUDGET_S = 300.0  # an upper bound for a loaded machine, not a timing


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, int]]:
    with ui_server("room-load-server.log", {"WIJKSIM_ROOM_SMALL": "1"}, wait_s=120, path="") as (url, proc):
        yield url, proc.pid


def _usage(pid: int) -> tuple[float, float]:
    """The server's resident memory (MiB) and CPU seconds so far (``/proc``; Linux, as the CI)."""
    rss_kib = next(int(line.split()[1]) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                   if line.startswith("VmRSS:"))
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return rss_kib / 1024, (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


async def _open_room(url: str, residents: int) -> tuple[PageClient, str]:
    trainer = PageClient(url)
    await trainer.open("/?room=new")
    await trainer.set("wijk-room-residents", v_model=str(residents))
    await trainer.event("wijk-room-residents", "focusout")
    await trainer.sync()
    await trainer.event("wijk-room-open")
    code = (await trainer.wait(lambda: trainer.texts("wijk-room-code")))[0].strip()
    return trainer, code


async def _join(url: str, code: str, name: str, role: str) -> PageClient:
    phone = PageClient(url)
    await phone.open(f"/?join={code}")
    await phone.set("wijk-join-name", v_model=name)
    await phone.set("wijk-join-roles", v_model=ROLES.index(role))
    await phone.sync()
    await phone.event("wijk-join-go")
    seat = await phone.wait(lambda: phone.texts("wijk-join-seat"))
    assert seat[0].startswith(name), seat
    return phone


async def _decide(phone: PageClient, rnd: int, plan: dict[str, str], role: str) -> None:
    """Confirm (so a plan that keeps every option counts as chosen), then press each decision's option."""
    await phone.wait(lambda: any(f"ronde {rnd}" in str(w.get("unsafe_innerHTML", "")) for w in phone.widgets.values())
                     and phone.with_class("wijk-join-confirm"))
    await phone.event("wijk-join-confirm")
    for decision, option in plan.items():
        await phone.set(f"wijk-decision-{decision}", v_model=BY_ROLE[role][decision].keys.index(option))
    await phone.sync()


def _shown(trainer: PageClient, rnd: int) -> set[tuple[str, str, str, str]] | None:
    """The trainer's table of round ``rnd``'s choices (None until the screen shows that round)."""
    if not any(f"(ronde {rnd})" in str(w.get("unsafe_innerHTML", "")) for w in trainer.widgets.values()):
        return None
    tables = [w["items"] for w in trainer.widgets.values() if isinstance(w.get("items"), list) and w["items"]
              and "Naam" in w["items"][0]]
    return {(r["Rol"], r["Naam"], r["Beslissing"], r["Keuze"]) for r in tables[0]} if tables else None


async def _play(url: str, pid: int) -> dict[str, Any]:
    started = time.monotonic()
    rooms = [await _open_room(url, n) for n in ROOMS]
    rss0, cpu0 = _usage(pid)
    seats = [(room, code, role, f"{role[:3]}{i}") for room, (_, code) in enumerate(rooms)
             for role, n in zip(ROLES, (1, 1, 1, ROOMS[room]), strict=True) for i in range(n)]
    assert len(seats) == 30
    phones = await asyncio.gather(*(_join(url, code, name, role) for _, code, role, name in seats))
    for trainer, _ in rooms:
        await trainer.wait(lambda t=trainer: len(t.with_class("wijk-room-seat")) >= 6)
    rng = random.Random(24)
    for rnd in range(1, ROUNDS + 1):
        plans = [{d: rng.choice(dec.keys) for d, dec in BY_ROLE[role].items()} for _, _, role, _ in seats]
        await asyncio.gather(*(_decide(p, rnd, plan, s[2]) for p, plan, s in zip(phones, plans, seats, strict=True)))
        for room, (trainer, _) in enumerate(rooms):
            n = sum(1 for s in seats if s[0] == room)
            await trainer.wait(lambda t=trainer, n=n: len(t.texts("wijk-seat-rm_has_chosen")) == n)
            await trainer.event("wijk-room-advance")
        for room, (trainer, _) in enumerate(rooms):
            mine = [(role, name, plan) for (r, _, role, name), plan in zip(seats, plans, strict=True) if r == room]
            want = {(role_label(role, "nl"), name, decision_label(role, d, "nl"), option_label(role, d, o, "nl"))
                    for role, name, plan in mine for d, o in plan.items()}
            try:
                await trainer.wait(lambda t=trainer, w=want, k=rnd: _shown(t, k) == w, 120)
            except TimeoutError:
                pytest.fail(f"room {room} round {rnd}: lost decisions {want - (_shown(trainer, rnd) or set())}")
    rss1, cpu1 = _usage(pid)
    wall = time.monotonic() - started
    for page in [*phones, *(t for t, _ in rooms)]:
        await page.close()
    return {"clients": 30, "rooms": len(ROOMS), "rounds": ROUNDS, "wall_s": round(wall, 1),
            "server_rss_before_mib": round(rss0, 1), "server_rss_after_mib": round(rss1, 1),
            "rss_per_client_mib": round((rss1 - rss0) / 30, 2), "server_cpu_s": round(cpu1 - cpu0, 2),
            "cpu_per_client_s": round((cpu1 - cpu0) / 30, 3),
            "bytes_to_a_phone": int(sum(p.received for p in phones) / 30)}


def test_thirty_phones_through_the_server_lose_no_decision(server: tuple[str, int]) -> None:
    url, pid = server
    numbers = asyncio.run(asyncio.wait_for(_play(url, pid), BUDGET_S))
    numbers["measured"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    RESULTS.write_text(json.dumps(numbers, indent=2) + "\n")
    print(json.dumps(numbers))
    assert numbers["wall_s"] < BUDGET_S

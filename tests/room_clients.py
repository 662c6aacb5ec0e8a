"""Plain websocket clients of the real ``wijksim ui`` server for the room's load test: each speaks the
protocol the browser's page speaks (Jupyter widget messages over solara's kernel websocket), so the server
does for them exactly what it does for a phone — a kernel per page, the app's components, the room's
registry — without a browser's cost on the test machine.

A client keeps the state of every widget the server sent (``comm_open`` and ``update`` messages) and acts as
a user does: sets a text field's or a toggle's ``v_model`` and sends a button's ``click`` event. Waits are on
conditions over that state, bounded in time. Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import asyncio
import json
import urllib.request
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import websockets
from solara.server.kernel import deserialize_binary_message

COOKIE = "solara-session-id"


def _message(msg_type: str, content: dict[str, Any], session: str) -> str:
    header = {"msg_id": uuid.uuid4().hex, "username": "", "session": session, "msg_type": msg_type,
              "version": "5.3", "date": datetime.now(UTC).isoformat()}
    return json.dumps({"header": header, "parent_header": {}, "metadata": {}, "content": content,
                       "buffers": [], "channel": "shell"})


class PageClient:
    """One page of the app (one browser tab, with a session cookie of its own) over a websocket."""

    def __init__(self, base: str) -> None:
        assert base.startswith("http://127.0.0.1:"), base  # the load test talks to this machine only
        self.base = base.rstrip("/")
        self.page = uuid.uuid4().hex
        self.widgets: dict[str, dict[str, Any]] = {}
        self.changed = asyncio.Event()
        self.received = 0
        self.replies: set[str] = set()  # the msg_id of every message the server answered
        self._ws: Any = None
        self._reader: asyncio.Task[None] | None = None

    async def open(self, path: str) -> None:
        """Load the page at ``path`` (e.g. ``/?join=CODE``) as the browser does: a session cookie from the
        HTTP page, then the kernel's websocket, then ``run`` on solara's control comm."""
        cookie = await asyncio.to_thread(self._cookie)
        url = f"ws://{self.base.removeprefix('http://')}/jupyter/api/kernels/{uuid.uuid4()}/channels" \
              f"?session_id={self.page}"
        self._ws = await websockets.connect(url, additional_headers={"Cookie": f"{COOKIE}={cookie}"},
                                            max_size=None, open_timeout=60)
        self._reader = asyncio.create_task(self._read())
        control = uuid.uuid4().hex
        await self._send("comm_open", {"comm_id": control, "target_name": "solara.control", "data": {}})
        await self._send("comm_msg", {"comm_id": control, "data": {
            "method": "run", "args": {"path": path, "appName": "__default__", "dark": False, "themes": {}}}})

    def _cookie(self) -> str:
        with urllib.request.urlopen(self.base + "/", timeout=60) as r:
            for header in r.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                if name.strip() == COOKIE:
                    return rest.split(";", 1)[0]
        raise AssertionError("the server set no session cookie")

    async def _send(self, msg_type: str, content: dict[str, Any]) -> str:
        text = _message(msg_type, content, self.page)
        await self._ws.send(text)
        return str(json.loads(text)["header"]["msg_id"])

    async def sync(self, timeout: float = 120.0) -> None:
        """Return when the server has handled everything this page sent before: it handles a page's messages
        in order, so the answer to a ``kernel_info_request`` comes after all of them."""
        asked = await self._send("kernel_info_request", {})
        await self.wait(lambda: asked in self.replies, timeout)

    async def _read(self) -> None:
        async for raw in self._ws:
            msg = json.loads(raw) if isinstance(raw, str) else deserialize_binary_message(raw)
            self.received += len(raw)
            kind, content = msg["header"]["msg_type"], msg.get("content", {})
            self.replies.add(str(msg.get("parent_header", {}).get("msg_id", "")))
            if kind == "comm_open" and content.get("target_name") == "jupyter.widget":
                self.widgets[content["comm_id"]] = dict(content["data"].get("state", {}))
            elif kind == "comm_msg" and content.get("data", {}).get("method") == "update":
                self.widgets.setdefault(content["comm_id"], {}).update(content["data"].get("state", {}))
            elif kind == "comm_close":
                self.widgets.pop(content.get("comm_id"), None)
            self.changed.set()

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()

    # --- what a user sees and does ---------------------------------------------------------------------
    def with_class(self, cls: str) -> list[tuple[str, dict[str, Any]]]:
        """The widgets (comm id, state) with the CSS class ``cls``."""
        return [(k, w) for k, w in list(self.widgets.items())
                if cls in str(w.get("class_") or "").split() or cls in (w.get("_dom_classes") or ())]

    def texts(self, cls: str) -> list[str]:
        """The texts of the widgets with ``cls`` (solara.Text is an Html widget with the text as child)."""
        return [" ".join(c for c in w.get("children", []) if isinstance(c, str) and not c.startswith("IPY_MODEL_"))
                for _, w in self.with_class(cls)]

    async def wait(self, cond: Callable[[], Any], timeout: float = 120.0) -> Any:
        """Wait until ``cond()`` is truthy (re-checked after every message), at most ``timeout`` seconds."""
        async def loop() -> Any:
            while True:
                self.changed.clear()
                got = cond()
                if got:
                    return got
                await self.changed.wait()
        return await asyncio.wait_for(loop(), timeout)

    async def one(self, cls: str, timeout: float = 120.0) -> str:
        """The comm id of the (first) widget with ``cls``, once there is one."""
        found = await self.wait(lambda: self.with_class(cls), timeout)
        return str(found[0][0])

    async def set(self, cls: str, **state: Any) -> None:
        """Set a widget's synced state (a text typed, a toggle pressed: ``v_model``)."""
        await self._send("comm_msg", {"comm_id": await self.one(cls), "data": {
            "method": "update", "state": state, "buffer_paths": []}})

    async def event(self, cls: str, event: str = "click", data: Any = None) -> None:
        """Send a Vue event (a button's click; ``focusout`` commits a number field)."""
        await self._send("comm_msg", {"comm_id": await self.one(cls), "data": {
            "method": "custom", "content": {"event": event, "data": data if data is not None else {}}}})

"""Matplotlib figures of the explorer, built once per session and updated in place.

Play must stay fluid (step + redraw under 250 ms per frame), so nothing is rebuilt per frame: the
map is one ``imshow`` whose RGB data is replaced and scatters whose colours are replaced; the
network's ties are one ``LineCollection`` whose colours change; the charts keep their lines and only
``set_data``. Each ``render`` returns PNG bytes, which the page shows and the download buttons
offer as they are, so what you download is exactly what you see.
"""

from __future__ import annotations

import io
import time
from typing import TYPE_CHECKING

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .i18n import tr

if TYPE_CHECKING:
    from ..model import WijkModel

#: resident colours by state: withdrawn, passive, active
STATE_COLORS = np.array([[0.45, 0.45, 0.45, 1.0], [0.26, 0.51, 0.80, 1.0], [0.96, 0.55, 0.10, 1.0]])
#: base colours by cell kind: dwelling, courtyard, street, green
KIND_COLORS = np.array([[0.93, 0.90, 0.85], [0.98, 0.95, 0.78], [0.86, 0.86, 0.86], [0.80, 0.91, 0.78]])
DISORDER_RGB = np.array([0.85, 0.15, 0.10])
BUSH_RGB = np.array([0.10, 0.50, 0.15])
INCIDENT_RGB = np.array([0.55, 0.10, 0.65])

#: the chart panels: (title key, [(column, label key, colour)])
PANELS: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...] = (
    ("fear_unsafe", (("fear_mean", "fear_mean", "#c0392b"), ("share_unsafe", "share_unsafe", "#7f1d1d"))),
    ("cohesion", (("cohesion", "cohesion", "#2471a3"),)),
    ("collective_efficacy", (("collective_efficacy", "collective_efficacy", "#117a65"),)),
    ("shares", (("share_withdrawn", "withdrawn", "#555555"), ("share_active", "active", "#e67e22"))),
    ("incidents", (("incidents", "incidents", "#6c3483"),)),
    ("reporting_rate", (("reporting_rate", "reporting_rate", "#1f618d"),)),
    (
        "trust",
        (
            ("trust_police", "trust_police", "#1a5276"),
            ("trust_municipality", "trust_municipality", "#b9770e"),
            ("trust_housing", "trust_housing", "#196f3d"),
        ),
    ),
    ("disorder_mean", (("disorder_mean", "disorder_mean", "#922b21"),)),
)


def png(fig: Figure, dpi: int) -> bytes:
    """The figure as PNG bytes (Agg, no pyplot: safe in server threads)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def map_rgb(model: WijkModel) -> np.ndarray:
    """Cell colours, shape (height, width, 3): kind as the base, disorder, bushes and incidents over it."""
    nb = model.nb
    rgb = KIND_COLORS[nb.layout.kind]
    bushes = np.clip(nb.bushes, 0, 1)[..., None] * 0.8
    rgb = rgb * (1 - bushes) + BUSH_RGB * bushes
    disorder = np.clip(nb.disorder * 1.5, 0, 1)[..., None] * 0.85
    rgb = rgb * (1 - disorder) + DISORDER_RGB * disorder
    inc = np.clip(nb.incidents_recent, 0, 1)[..., None] * 0.9
    rgb = rgb * (1 - inc) + INCIDENT_RGB * inc
    return np.transpose(rgb, (1, 0, 2))


def _encode(img: np.ndarray, fmt: str = "PNG") -> bytes:
    """RGB uint8 array (rows, cols, 3) to image bytes.

    PNG (fast compression) for the map and network, whose flat colours compress well; JPEG for the
    antialiased charts, where PNG costs ~55 ms a frame and JPEG ~7 ms.
    """
    from PIL import Image

    buf = io.BytesIO()
    if fmt == "JPEG":
        Image.fromarray(img).save(buf, format="JPEG", quality=90)
    else:
        Image.fromarray(img).save(buf, format="PNG", compress_level=1)
    return buf.getvalue()


def _cell_px(model: WijkModel, target: int = 480) -> int:
    """Pixels per cell so that the picture is about ``target`` pixels on its long side."""
    w, h = model.nb.shape
    return max(3, min(24, target // max(w, h)))


def _dots(img: np.ndarray, px: np.ndarray, py: np.ndarray, colors: np.ndarray, r: int) -> None:
    """Paint square dots of half-size ``r`` centred at pixel coordinates (vectorised, no Python loop)."""
    h, w = img.shape[:2]
    for dx in range(-r, r + 1):
        for dy in range(-r, r + 1):
            xs = np.clip(px + dx, 0, w - 1)
            ys = np.clip(py + dy, 0, h - 1)
            img[ys, xs] = colors


class MapRaster:
    """The neighbourhood map drawn straight into pixels (about 10 ms a frame, vs 80+ ms in matplotlib).

    Cells are coloured by kind, with disorder (red), bushes (green) and recent incidents (purple)
    over them; residents are dots coloured by state, best persons have a gold ring and patrols are
    black diamonds. North is up (row 0 of the picture is the grid's top row).
    """

    def __init__(self, model: WijkModel) -> None:
        self.k = _cell_px(model)
        rs = model.residents
        self.h_px = model.nb.shape[1] * self.k
        self.px = rs.x * self.k + self.k // 2
        self.py = self.h_px - 1 - (rs.y * self.k + self.k // 2)

    def render(self, model: WijkModel) -> bytes:
        k = self.k
        rgb = map_rgb(model)[::-1]  # (h, w, 3), top row first
        img = (np.repeat(np.repeat(rgb, k, axis=0), k, axis=1) * 255).astype(np.uint8)
        rs = model.residents
        colors = (STATE_COLORS[rs.state, :3] * 255).astype(np.uint8)
        r = max(1, k // 5)
        coord = np.flatnonzero(rs.coordinator)
        if len(coord):
            _dots(img, self.px[coord], self.py[coord], np.array([241, 196, 15], dtype=np.uint8), r + 2)
        _dots(img, self.px, self.py, colors, r)
        units = [u.cell.coordinate for u in model.police.units if getattr(u, "cell", None) is not None]
        if units:
            from PIL import Image, ImageDraw

            pil = Image.fromarray(img)
            draw = ImageDraw.Draw(pil)
            d = max(4, int(k * 0.7))
            for ux, uy in units:
                cx, cy = ux * k + k // 2, self.h_px - 1 - (uy * k + k // 2)
                draw.polygon(
                    [(cx, cy - d), (cx + d, cy), (cx, cy + d), (cx - d, cy)],
                    fill=(0, 0, 0),
                    outline=(255, 255, 255),
                )
            img = np.asarray(pil)
        return _encode(img)


class NetworkRaster:
    """The social network at the households' homes, drawn with PIL: ties shaded by strength, nodes by state.

    Ties are drawn weakest first so strong ties stay visible; broken ties (strength 0) are not drawn.
    """

    def __init__(self, model: WijkModel) -> None:
        self.k = _cell_px(model)
        rs = model.residents
        w, h = model.nb.shape
        self.size = (w * self.k, h * self.k)
        jitter = np.random.default_rng(0).uniform(-0.3, 0.3, size=(rs.n, 2)) * self.k  # display only, fixed
        self.px = np.clip(rs.x * self.k + self.k // 2 + jitter[:, 0], 0, self.size[0] - 1).astype(int)
        self.py = np.clip(
            self.size[1] - 1 - (rs.y * self.k + self.k // 2) + jitter[:, 1], 0, self.size[1] - 1
        ).astype(int)

    def render(self, model: WijkModel) -> bytes:
        from PIL import Image, ImageDraw

        net = model.network
        w = np.clip(net.w, 0.0, 1.0)
        order = np.argsort(w, kind="stable")
        order = order[w[order] > 0.02]
        pil = Image.new("RGB", self.size, (255, 255, 255))
        draw = ImageDraw.Draw(pil)
        shade = (235 - 215 * w).astype(int)  # light grey-blue (weak) to dark navy (strong)
        x0, y0 = self.px[net.ei], self.py[net.ei]
        x1, y1 = self.px[net.ej], self.py[net.ej]
        for e in order.tolist():
            s = int(shade[e])
            draw.line((int(x0[e]), int(y0[e]), int(x1[e]), int(y1[e])), fill=(s, s, min(255, s + 40)))
        img = np.array(pil)
        colors = (STATE_COLORS[model.residents.state, :3] * 255).astype(np.uint8)
        _dots(img, self.px, self.py, colors, max(1, self.k // 6))
        return _encode(img)


#: fixed y ranges per panel (None: grows by doubling when the data leave it)
Y_RANGES: dict[str, tuple[float, float] | None] = {
    "fear_unsafe": (0.0, 1.0),
    "cohesion": (0.0, 10.0),
    "collective_efficacy": (0.0, 1.0),
    "shares": (0.0, 1.0),
    "incidents": None,
    "reporting_rate": (0.0, 1.0),
    "trust": (0.0, 1.0),
    "disorder_mean": None,
}


class ChartsPlot:
    """Eight time-series panels, blitted: axes, ticks and titles are drawn once, only lines per frame.

    A full matplotlib draw of eight panels costs about 500 ms here; restoring the saved background
    and drawing a dozen lines costs about 15 ms. The background is redrawn only when the run grows
    past the x range or a series past its y range (ranges double), i.e. a few times per run.
    """

    def __init__(
        self,
        lang: str = "nl",
        weeks: int = 156,
        width: float = 10.5,
        height: float = 4.8,
        fontsize: float = 8.0,
    ) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.lang = lang
        self.fig = Figure(figsize=(width, height), dpi=90)
        self.canvas = FigureCanvasAgg(self.fig)
        axes = self.fig.subplots(2, 4)
        self.fig.subplots_adjust(left=0.05, right=0.99, top=0.93, bottom=0.1, wspace=0.28, hspace=0.38)
        self.axes = list(axes.ravel())
        self.lines: list[tuple[object, str, int]] = []
        self.event_lines: list[object] = []
        self.x_max = max(10, int(weeks))
        self.y_max: dict[int, float] = {}
        for i, (ax, (title, series)) in enumerate(zip(self.axes, PANELS, strict=True)):
            ax.set_title(tr(title, lang), fontsize=fontsize + 1)
            ax.tick_params(labelsize=fontsize)
            ax.grid(alpha=0.25)
            for col, label, color in series:
                (line,) = ax.plot([], [], color=color, lw=1.4, label=tr(label, lang), animated=True)
                self.lines.append((line, col, i))
            if len(series) > 1:
                ax.legend(fontsize=fontsize - 1, loc="upper left", frameon=False)
            rng = Y_RANGES[title]
            self.y_max[i] = rng[1] if rng else 1.0
            ax.set_ylim(rng[0] if rng else 0.0, self.y_max[i])
            ax.set_xlim(0, self.x_max)
        for ax in self.axes[4:]:
            ax.set_xlabel(tr("week", lang), fontsize=fontsize)
        self.background = None

    def _redraw_background(self) -> None:
        for i, ax in enumerate(self.axes):
            ax.set_xlim(0, self.x_max)
            ax.set_ylim(ax.get_ylim()[0], self.y_max[i])
        self.canvas.draw()
        self.background = self.canvas.copy_from_bbox(self.fig.bbox)

    def update(self, ts: pd.DataFrame, events: list[tuple[int, str]]) -> None:
        """Set the lines' data, grow ranges if needed, add markers for new events."""
        weeks = ts["week"].to_numpy() if len(ts) else np.empty(0)
        stale = self.background is None
        if len(weeks) and weeks[-1] > self.x_max:
            self.x_max = int(self.x_max * 2)
            stale = True
        for line, col, i in self.lines:
            y = ts[col].to_numpy(dtype=float) if len(ts) else np.empty(0)
            line.set_data(weeks, y)
            if len(y) and np.isfinite(y).any():
                top = float(np.nanmax(y))
                while top > self.y_max[i]:
                    self.y_max[i] *= 2
                    stale = True
        for week, text in events[len(self.event_lines) :]:
            color = "#c0392b" if "crime" in text else ("#7f8c8d" if text.endswith("ends") else "#27ae60")
            for ax in self.axes:
                self.event_lines.append(ax.axvline(week, color=color, lw=1.0, ls="--", animated=True))
        if stale:
            self._redraw_background()

    def render(self, ts: pd.DataFrame, events: list[tuple[int, str]]) -> bytes:
        """The current charts as JPEG bytes."""
        self.update(ts, events)
        self.canvas.restore_region(self.background)
        for artist in self.event_lines:
            artist.axes.draw_artist(artist)
        for line, _, i in self.lines:
            self.axes[i].draw_artist(line)
        rgba = np.asarray(self.canvas.buffer_rgba())
        return _encode(np.ascontiguousarray(rgba[..., :3]), "JPEG")


class Timer:
    """Exponential moving average of a duration in milliseconds (shown on the page and read by tests)."""

    def __init__(self) -> None:
        self.last_ms = 0.0
        self.mean_ms = 0.0
        self.n = 0
        self._t0 = 0.0

    def __enter__(self) -> Timer:
        self._t0 = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.last_ms = (time.perf_counter() - self._t0) * 1000.0
        self.n += 1
        self.mean_ms = self.last_ms if self.n == 1 else 0.8 * self.mean_ms + 0.2 * self.last_ms

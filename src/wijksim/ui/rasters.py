"""The explorer's map and network pictures, drawn straight into pixels (PIL and numpy, no matplotlib).

Play must stay fluid (step + redraw under 250 ms per frame), so these pictures are not charts: the
map is the cell layers scaled up with dots painted on, the network a PIL line drawing, each about
10 ms. The time-series charts come from :class:`wijksim.plots.LiveOverview` (the same panels as the
CLI's ``overview.png``) and are encoded here. Each ``render`` returns image bytes, which the page
shows and the download buttons offer as they are, so what you download is exactly what you see.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..model import WijkModel

#: resident colours by state: withdrawn, passive, active
STATE_COLORS = np.array([[0.45, 0.45, 0.45, 1.0], [0.26, 0.51, 0.80, 1.0], [0.96, 0.55, 0.10, 1.0]])
#: base colours by cell kind: dwelling, courtyard, street, green, other building (maps read from a file)
KIND_COLORS = np.array([[0.93, 0.90, 0.85], [0.98, 0.95, 0.78], [0.86, 0.86, 0.86], [0.80, 0.91, 0.78],
                        [0.70, 0.66, 0.62]])
DISORDER_RGB = np.array([0.85, 0.15, 0.10])
BUSH_RGB = np.array([0.10, 0.50, 0.15])
INCIDENT_RGB = np.array([0.55, 0.10, 0.65])


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


def encode(img: np.ndarray, fmt: str = "PNG") -> bytes:
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
        return encode(img)


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
        return encode(img)

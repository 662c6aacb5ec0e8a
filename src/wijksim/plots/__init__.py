"""Every chart wijksim draws, as free functions of tables: the CLI, the browser UI and the docs script
all draw through this package, so a panel, colour or label is defined once. Its modules: :mod:`.panels`
(what the charts share), :mod:`.run`, :mod:`.compare` and :mod:`.reports`; everything is imported here,
so callers write ``plots.overview``.

* :data:`PANELS` — the eight time-series panels of one run. :func:`overview` draws them as a static
  figure (``wijksim run`` writes it as ``overview.png``; the UI offers it as a download), and
  :class:`LiveOverview` draws the same panels for the explorer's play loop, blitted so that a frame
  costs milliseconds. The UI passes ``labels`` (panel and series keys -> text) to draw them in Dutch.
* :func:`comparison` — median and band per scenario over replicates (``wijksim compare``, the UI's
  comparison and workshop pages).
* :func:`workshop_figure` — the trainers' guide's figure for the UI's workshop tab, drawn in page pixels for
  a projector (grey / red / green, the wave's and the investment's start and end marked, marks and window
  named in the legend above the panels, text of 18 px).
* :func:`bifurcation` — share withdrawn along the crime rate (slow ramp up and down, two histories) and how
  much of a crisis stays (``wijksim edge``; ``scripts/make_bifurcation.py`` writes ``docs/img/bifurcation.png``).
* :func:`sweep_lines`, :func:`sweep_scatter` — a sweep's ``lines.png`` (grid) and ``scatter.png`` (Latin
  hypercube) for ``wijksim analyze`` (its other figures are still drawn in :mod:`wijksim.sweep.analysis`).
* :func:`y_limits` — the y-axis every chart of an output gets: never narrower than the output's minimum
  span in the registry of outputs, so that noise looks like noise.
* ``guide_*`` — the figures of the user guides (``scripts/make_docs.py`` writes ``docs/img/guide-*.png``).

Only matplotlib's object API is used (``Figure``, never ``pyplot``), so nothing depends on a global
backend: it works headless, in worker processes and in the UI server's threads. Intervention starts
are drawn as vertical lines. The map and network pictures of the UI are not charts but pixel rasters
(``wijksim.ui.rasters``).
"""

from matplotlib.figure import Figure

from .compare import band_caption, comparison
from .panels import (
    COMPARE_PANELS,
    PANELS,
    YOUTH_PANELS,
    NumberFormatter,
    NumberText,
    Panel,
    Series,
    label_keys,
    number_ticks,
    png_bytes,
    y_limits,
)
from .reports import (
    band,
    bifurcation,
    guide_bonus_malus,
    guide_collaboration,
    guide_fear_lag,
    guide_reference,
    posterior_marginals,
    posterior_pairs,
)
from .room import room_debrief
from .run import LiveOverview, overview
from .sweep import sweep_lines, sweep_scatter
from .workshop import workshop_figure

__all__ = [
    "COMPARE_PANELS",
    "PANELS",
    "YOUTH_PANELS",
    "Figure",
    "LiveOverview",
    "NumberFormatter",
    "NumberText",
    "Panel",
    "Series",
    "band",
    "band_caption",
    "bifurcation",
    "comparison",
    "guide_bonus_malus",
    "guide_collaboration",
    "guide_fear_lag",
    "guide_reference",
    "label_keys",
    "number_ticks",
    "overview",
    "png_bytes",
    "posterior_marginals",
    "posterior_pairs",
    "room_debrief",
    "sweep_lines",
    "sweep_scatter",
    "workshop_figure",
    "y_limits",
]

"""A "choose file" button for scenario files, beside the drop zone.

Solara's ``FileDrop`` only takes a file dragged onto it; on a municipal laptop with a locked-down file
manager, or for anyone who does not think of dragging, a button that opens the browser's own file dialog is
the expected way. The browser reads the file and sends its text to the server only when it is small
enough (``max_bytes``, the same bound the command line applies to input files); a larger file is reported
by name and size only, so the server never receives it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import solara


@solara.component_vue("file_picker.vue")
def FilePicker(label: str, accept: str, max_bytes: int, event_file: Callable[[dict[str, Any]], None]) -> None:
    """A button that opens the file dialog; ``event_file`` gets ``{name, size, text}`` (``text`` is None when
    the file is larger than ``max_bytes``)."""

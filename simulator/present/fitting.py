"""Charts that fit their text to the room they get: a constrained layout that lets a chart
change its text and lay it out again (``FittingLayout``), and whether an artist is as narrow
as its figure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

__all__ = ["FittingLayout", "fits_width"]


class FittingLayout(ConstrainedLayoutEngine):
    """Constrained layout that lets ``fit`` change the figure's text and lay it out again
    (``fit(layout)`` calls ``layout()`` as often as it needs)."""

    def __init__(self, fit: Callable[[Callable[[], None]], None], **kwargs: Any):
        super().__init__(**kwargs)
        self._fit = fit

    def execute(self, fig: Any) -> Any:  # Any: as matplotlib's own signature
        laid_out: list[Any] = [None]

        def layout() -> None:
            laid_out[0] = ConstrainedLayoutEngine.execute(self, fig)

        self._fit(layout)
        return laid_out[0]


def fits_width(figure: Figure, artist: Artist) -> bool:
    """Whether ``artist`` is as narrow as the figure (True where no renderer can tell)."""
    renderer = getattr(figure.canvas, "get_renderer", None)
    if renderer is None:
        return True
    return bool(artist.get_window_extent(renderer()).width <= figure.bbox.width)

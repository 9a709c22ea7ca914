"""Names shortened to a width so that no two read the same.

Qt's middle elision keeps a name's start and end, which is where similar names agree
("科技示范工程(优势产业)", "科技示范工程(新兴产业)" both become "科技示…产业)"). Here a name is
elided in the middle, and where that reads like another name's, the part that tells it apart
(from where it first differs from those names) is kept instead: "科…优势产业)".
``DistinctElideDelegate`` draws a view's column 0 so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
)

ELLIPSIS = "…"


def distinct_elided(names: Iterable[str], width: int, metrics: QFontMetrics) -> dict[str, str]:
    """Each name as shown in ``width`` pixels: in full when it fits, else elided in the middle,
    else (where that reads like another name's elision) around the part that tells it apart.
    Distinct names give distinct texts whenever ``width`` holds at least an ellipsis and one
    character on each side of it."""
    unique = list(dict.fromkeys(names))
    shown = {
        name: metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, max(0, width))
        for name in unique
    }
    for _ in range(3):  # a re-elided name may meet another one; a few passes settle it
        groups: dict[str, list[str]] = {}
        for name in unique:
            groups.setdefault(shown[name], []).append(name)
        clashes = [group for group in groups.values() if len(group) > 1]
        if not clashes:
            break
        for group in clashes:
            for name in group:
                others = [other for other in group if other != name]
                start = max(_common_prefix(name, other) for other in others)
                shown[name] = _around(name, start, width, metrics)
    return shown


def _common_prefix(a: str, b: str) -> int:
    """How many leading characters ``a`` and ``b`` share."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _around(name: str, start: int, width: int, metrics: QFontMetrics) -> str:
    """``name`` elided so that its characters from ``start`` on (where it differs from
    similar names) are shown, with as much of its beginning as fits before them."""
    if metrics.horizontalAdvance(name) <= width:
        return name
    tail = name[start:]
    for head in range(start - 1, 0, -1):
        text = name[:head] + ELLIPSIS + tail
        if metrics.horizontalAdvance(text) <= width:
            return text
    # not even one leading character fits with the whole tail: keep one, cut the tail's end
    head = name[:1] + ELLIPSIS
    room = width - metrics.horizontalAdvance(head)
    return head + metrics.elidedText(tail, Qt.TextElideMode.ElideRight, max(0, room))


Index = QModelIndex | QPersistentModelIndex


def first_column_texts(table: QTableWidget) -> Callable[[], list[str]]:
    """The names a ``DistinctElideDelegate`` of ``table`` keeps apart: the texts of its first
    column, as they are when it draws."""
    return lambda: [
        cell.text() for r in range(table.rowCount()) if (cell := table.item(r, 0)) is not None
    ]


class DistinctElideDelegate(QStyledItemDelegate):
    """Draws a view's first column elided in the middle, and the texts of the items it
    ``applies`` to shortened to distinct texts among ``names()`` (``distinct_elided``)."""

    def __init__(
        self,
        view: QAbstractItemView,
        names: Callable[[], list[str]],
        applies: Callable[[Index], bool] = lambda _index: True,
    ):
        super().__init__(view)
        self.view = view
        self.names = names
        self.applies = applies
        self._cache: dict[tuple, dict[str, str]] = {}

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle
        wrap = QStyleOptionViewItem.ViewItemFeature.WrapText
        if option.features & wrap and option.rect.height() < 2 * option.fontMetrics.lineSpacing():
            # one line high: a wrapped text would show its first words only ("labo…es ...")
            option.features &= ~wrap
        if index.column() == 0 and self.applies(index):
            option.text = self._shown(option.text, option)

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        """The width the style draws the text in: the item's less its check box and icon
        (where it has them) and the text's margins."""
        style = self.view.style()
        margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
        width = option.rect.width()
        if option.features & (
            QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
            | QStyleOptionViewItem.ViewItemFeature.HasDecoration
        ):
            text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, self.view)
            width = text.width()
        return width - margin

    def _shown(self, name: str, option: QStyleOptionViewItem) -> str:
        width = self._text_width(option)
        key = (width, option.font.key())
        texts = self._cache.get(key)
        if texts is None:
            texts = distinct_elided(self.names(), width, QFontMetrics(option.font))
            self._cache = {key: texts}
        return texts.get(name, name)

    def forget(self) -> None:
        """The names changed: elide them anew."""
        self._cache = {}

    def displayed_text(self, index: Index) -> str:
        """The text an item is drawn with at the view's current width (as the style
        elides what still does not fit)."""
        option = QStyleOptionViewItem()
        option.initFrom(self.view)
        option.rect = self.view.visualRect(index)
        self.initStyleOption(option, index)
        return QFontMetrics(option.font).elidedText(
            option.text, Qt.TextElideMode.ElideMiddle, self._text_width(option)
        )

"""Reusable widgets: the one chart view (``chart_view``), read-only tables and copying
(``tables``), the one chart export and the one CSV export (``export``), dialogs, the
catalogue tree, the pieces of the line editor, small building blocks (``basic``) and the
styles."""

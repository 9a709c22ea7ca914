"""The app's translations as Qt Linguist files: ``qdplan_zh_CN.ts`` (the source translators
edit, refreshed from the code by ``scripts/translations.sh update``) and ``qdplan_zh_CN.qm``
(compiled from it by ``pyside6-lrelease`` at build time, not committed; ``ui.i18n`` loads it).
This package holds no code: it is the place the compiled catalogue is found as package data."""

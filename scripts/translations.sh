#!/usr/bin/env bash
# The translation catalogues (README "Translations"):
#
#   scripts/translations.sh update    collect the source strings into the files translators edit:
#       the app  (Qt):      ui/translations/qdplan_zh_CN.ts            (pyside6-lupdate)
#       the rest (gettext): simulator/model/locale/qdplan.pot and
#                           simulator/model/locale/zh_CN/LC_MESSAGES/qdplan.po  (pybabel)
#   scripts/translations.sh compile   .ts -> .qm (pyside6-lrelease), .po -> .mo (Babel); the
#       compiled files are not committed: scripts/setup.sh and the wheel build (setup.py) make them.
#
# Uses the tools of .venv (scripts/setup.sh test installs them), or of $PYTHON's environment.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
PY="${PYTHON:-$REPO/.venv/bin/python}"
BIN="$(dirname "$PY")"
LOCALE=simulator/model/locale
TS=ui/translations/qdplan_zh_CN.ts

case "${1:-}" in
  update)
    # The app: every tr("…") and QT_TR_NOOP("…") literal under ui/ (context "": see ui/i18n.py).
    # No source locations in the .ts: line numbers would change with every edit of the code and
    # make every branch conflict on the catalogue.
    "$BIN/pyside6-lupdate" -extensions py -locations none -no-obsolete \
      -source-language en -target-language zh_CN ui -ts "$TS"
    # The command line, charts and report: every translate("…", …) and N_("…") literal.
    mkdir -p "$LOCALE"
    "$BIN/pybabel" -q extract --no-location --sort-output --no-wrap \
      --project qdplan --copyright-holder "qdplan authors" \
      -k translate:1 -k N_ -o "$LOCALE/qdplan.pot" simulator
    for locale in zh_CN; do
      if [[ -f "$LOCALE/$locale/LC_MESSAGES/qdplan.po" ]]; then
        "$BIN/pybabel" -q update --no-wrap --no-fuzzy-matching \
          --ignore-obsolete -D qdplan -l "$locale" -i "$LOCALE/qdplan.pot" -d "$LOCALE"
      else
        "$BIN/pybabel" -q init --no-wrap -D qdplan -l "$locale" \
          -i "$LOCALE/qdplan.pot" -d "$LOCALE"
      fi
    done
    ;;
  compile)
    "$PY" "$REPO/scripts/compile_translations.py" "$REPO"
    ;;
  *)
    echo "usage: scripts/translations.sh update|compile" >&2
    exit 2
    ;;
esac

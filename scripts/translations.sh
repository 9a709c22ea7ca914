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
    # The command line, charts and report: every translate("…", …) and N_("…") literal, and
    # every problem template (simulator/model/problems.py): Message("…"), Problem(path, "…"),
    # checker.add(path, "…") / reader.add(where, "…"), and the input errors that carry one
    # (InputError and its kinds, BadInput and BadValue, ScenarioSaveError). tests/test_messages.py uses
    # the same keywords (GETTEXT_KEYWORDS).
    mkdir -p "$LOCALE"
    "$BIN/pybabel" -q extract --no-location --sort-output --no-wrap \
      --project qdplan --copyright-holder "qdplan authors" \
      -k translate:1 -k N_ -k Message:1 -k Problem:2 -k add:2 -k InputError:1 \
      -k NumberError:1 -k CellProblem:1 -k BadInput:1 -k BadValue:1 -k ScenarioSaveError:1 \
      -o "$LOCALE/qdplan.pot" simulator ui/core/recovery.py \
      2> >(grep -v "Skipping f-string with substitutions" >&2)
    # (that warning is about f-string paths, e.g. checker.add(f"{path}.id", "…"): a template
    # is never an f-string, which tests/test_messages.py checks on the code itself)
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

#!/usr/bin/env bash
# Build qdplan's one-folder desktop bundle, dist/qdplan/, with PyInstaller
# (packaging/qdplan.spec): a folder that runs without any Python installed.
#
#   scripts/bundle.sh           build it
#   scripts/bundle.sh --smoke   build it, then run it from an empty folder with a bare
#                               environment: `qdplan --version`, `qdplan run baseline`,
#                               `qdplan validate baseline` and `qdplan gui --screenshot`
#
# Steps: a virtual environment of its own (build/bundle-venv), the wheel built from this
# checkout and installed in it with the `bundle` extra (PyInstaller), then PyInstaller on
# the spec. The bundle thus holds exactly what the wheel installs. Re-runs reuse the
# environment and take a minute or two.
#
# Environment knobs:
#   PYTHON=/path/to/python3.11   interpreter the bundle is made with (and carries)
#
# Windows and macOS: the same spec builds there (see README, "Desktop bundle").
set -euo pipefail

SMOKE=0
case "${1:-}" in
  "") ;;
  --smoke) SMOKE=1 ;;
  *)
    echo "usage: $0 [--smoke]" >&2
    exit 2
    ;;
esac

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
log() { echo "[bundle] $*"; }

VENV="$REPO/build/bundle-venv"
VPY="$VENV/bin/python"
export PIP_DISABLE_PIP_VERSION_CHECK=1

if ! [[ -x "$VPY" ]] || ! "$VPY" -m pip --version >/dev/null 2>&1; then
  PY="${PYTHON:-}"
  if [[ -z "$PY" ]]; then
    for c in python3.11 python3 python3.12 python3.13; do
      if command -v "$c" >/dev/null 2>&1; then PY="$c" && break; fi
    done
  fi
  [[ -n "$PY" ]] || { echo "[bundle] ERROR: no python3 found (set PYTHON=...)" >&2; exit 1; }
  log "creating $VENV with $PY"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
fi

log "building the wheel"
WHEELS="$REPO/build/bundle-wheel"
rm -rf "$WHEELS" "$REPO/build/lib" "$REPO/build/bdist."*  # no stale files in the wheel
"$VPY" -m pip wheel --quiet --no-deps --wheel-dir "$WHEELS" "$REPO"
WHEEL="$(ls "$WHEELS"/qdplan-*.whl)"

log "installing $(basename "$WHEEL") with the bundle extra"
"$VPY" -m pip install --quiet "${WHEEL}[bundle]"
"$VPY" -m pip install --quiet --force-reinstall --no-deps "$WHEEL"

log "running PyInstaller"
# From build/, not the checkout: there the source folders would shadow the installed wheel.
(cd "$REPO/build" && "$VENV/bin/pyinstaller" "$REPO/packaging/qdplan.spec" --noconfirm --clean \
  --log-level WARN --distpath "$REPO/dist" --workpath "$REPO/build/pyinstaller")
BUNDLE="$REPO/dist/qdplan"
log "built $BUNDLE ($(du -sh "$BUNDLE" | cut -f1))"

if ((SMOKE)); then
  HERE="$(mktemp -d)"
  trap 'rm -rf "$HERE"' EXIT
  mkdir -p "$HERE/home"
  # A bare environment: no virtual environment, no Python on PATH, an empty folder.
  bare() { (cd "$HERE" && env -i PATH=/usr/bin:/bin HOME="$HERE/home" LANG=C.UTF-8 "$@"); }
  log "smoke test in $HERE"
  bare "$BUNDLE/qdplan" --version
  bare "$BUNDLE/qdplan" validate baseline
  bare "$BUNDLE/qdplan" run baseline --draws 2000 --seed 1 --language en --csv series.csv
  test -s "$HERE/series.csv"
  bare QT_QPA_PLATFORM=offscreen "$BUNDLE/qdplan" gui --screenshot "$HERE/shot.png" --language en
  bare QT_QPA_PLATFORM=offscreen "$BUNDLE/qdplan-gui" baseline --screenshot "$HERE/shot2.png"
  test -s "$HERE/shot.png" && test -s "$HERE/shot2.png"
  if bare "$BUNDLE/qdplan" gui 2>"$HERE/err.txt"; then
    echo "[bundle] ERROR: the app started without a display" >&2 && exit 1
  fi
  grep -q "xvfb-run -a qdplan gui" "$HERE/err.txt"
  cp "$HERE/shot.png" "$REPO/build/bundle-smoke.png"
  log "smoke test passed (screenshot: build/bundle-smoke.png)"
fi

#!/usr/bin/env bash
# Set up everything qdplan needs on this machine.
#
#   scripts/setup.sh app    system libs + .venv with `pip install -e .`
#   scripts/setup.sh test   system libs + .venv with `pip install -e '.[test]'`
#
# Idempotent and quick on re-runs: system packages are checked with dpkg first,
# and the pip install is skipped while .venv/.qdplan-installed-<mode> holds the
# sha256 of the current pyproject.toml.
#
# Environment knobs:
#   PYTHON=/path/to/python3.11   interpreter used to create .venv
#   QDPLAN_SKIP_APT=1            do not touch system packages
set -euo pipefail

MODE="${1:-}"
case "$MODE" in
  app | test) ;;
  *)
    echo "usage: $0 app|test" >&2
    exit 2
    ;;
esac

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

log() { echo "[setup] $*"; }
warn() { echo "[setup] WARNING: $*" >&2; }

# --------------------------------------------------------------------------
# 1. Debian system packages
# --------------------------------------------------------------------------
# Qt's xcb platform plugin (real windows, under Xvfb for screenshots) and the
# offscreen plugin (headless tests) dlopen these; libxcb-icccm4 and
# libxcb-keysyms1 are the ones a bare Debian image usually lacks.
SYS_PKGS=(
  libegl1 libgl1 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0
  libfontconfig1 fontconfig libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-render-util0 libxcb-image0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1
  fonts-noto-cjk
  xvfb xauth
  poppler-utils  # pdftotext: the tests read the briefing PDF's text
)

missing_sys_pkgs() {
  # One dpkg-query call for all packages; prints the ones not fully installed.
  local status
  status="$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${SYS_PKGS[@]}" 2>/dev/null || true)"
  local p
  for p in "${SYS_PKGS[@]}"; do
    if ! grep -qE "^${p}(:[a-z0-9]+)? ii" <<<"$status"; then
      echo "$p"
    fi
  done
}

install_sys_pkgs() {
  if [[ "${QDPLAN_SKIP_APT:-0}" == "1" ]]; then
    log "QDPLAN_SKIP_APT=1: not checking system packages"
    return 0
  fi
  if ! command -v dpkg-query >/dev/null 2>&1; then
    warn "dpkg not found (not Debian/Ubuntu?). Install the equivalents of: ${SYS_PKGS[*]}"
    return 0
  fi
  local missing
  mapfile -t missing < <(missing_sys_pkgs)
  if ((${#missing[@]} == 0)); then
    log "system packages: all present"
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    warn "apt-get not available; missing system packages: ${missing[*]}"
    warn "Qt windows, screenshots or CJK text may not work until they are installed."
    return 0
  fi
  if [[ "$(id -u)" != "0" ]]; then
    warn "not root; cannot install missing system packages: ${missing[*]}"
    warn "run: sudo apt-get install -y --no-install-recommends ${missing[*]}"
    return 0
  fi
  log "installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get update -qq; then
    warn "apt-get update failed; trying the install with the existing package lists"
  fi
  if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    warn "apt-get install failed for: ${missing[*]}"
    warn "Qt windows, screenshots or CJK text may not work."
    return 0
  fi
  # Make newly installed fonts visible to fontconfig right away.
  if command -v fc-cache >/dev/null 2>&1; then
    fc-cache -f >/dev/null 2>&1 || true
  fi
}

# --------------------------------------------------------------------------
# 2. Python virtualenv + editable install
# --------------------------------------------------------------------------
VENV="$REPO/.venv"
VPY="$VENV/bin/python"

py_ok() {
  # True when $1 runs and is Python >= 3.11.
  "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' >/dev/null 2>&1
}

pick_python() {
  local c
  for c in "${PYTHON:-}" python3.11 python3 python3.12 python3.13 /usr/bin/python3; do
    [[ -n "$c" ]] || continue
    if command -v "$c" >/dev/null 2>&1 && py_ok "$c"; then
      echo "$c"
      return 0
    fi
  done
  return 1
}

ensure_venv() {
  if [[ -x "$VPY" ]] && py_ok "$VPY" && "$VPY" -m pip --version >/dev/null 2>&1; then
    return 0
  fi
  if [[ -e "$VENV" ]]; then
    warn "$VENV is broken or too old; recreating it"
    rm -rf "$VENV"
  fi
  local py
  if ! py="$(pick_python)"; then
    echo "[setup] ERROR: no Python >= 3.11 found (set PYTHON=/path/to/python3.11)" >&2
    exit 1
  fi
  log "creating .venv with $py ($("$py" --version 2>&1))"
  "$py" -m venv "$VENV"
}

install_python_pkgs() {
  local stamp_dir="$VENV"
  local want hash
  hash="$(sha256sum "$REPO/pyproject.toml" | cut -d' ' -f1)"
  want="$stamp_dir/.qdplan-installed-$MODE"

  # The test install is a superset of the app install.
  local s
  for s in "$want" "$stamp_dir/.qdplan-installed-test"; do
    if [[ -f "$s" && "$(cat "$s")" == "$hash" ]]; then
      log "python packages: up to date ($(basename "$s"))"
      return 0
    fi
  done

  local target="."
  [[ "$MODE" == "test" ]] && target=".[test]"
  log "pip install -e '$target' (this takes a while on a fresh venv)"
  export PIP_DISABLE_PIP_VERSION_CHECK=1
  # The default (lenient) editable mode maps each listed package to its folder, so
  # simulator.scenarios resolves to scenarios/ as in a wheel; modules added later to an
  # existing package are importable without reinstalling (a new package needs a re-run,
  # which the pyproject.toml hash above triggers).
  "$VPY" -m pip install -q -e "$target"
  echo "$hash" >"$want"
  log "python packages: installed"
}

# --------------------------------------------------------------------------
# 3. Compiled translations (.ts -> .qm, .po -> .mo; not committed)
# --------------------------------------------------------------------------
compile_translations() {
  # Every run, so an edited catalogue takes effect (a few tenths of a second).
  "$VPY" "$REPO/scripts/compile_translations.py" "$REPO" >/dev/null
  log "translations: compiled"
}

install_sys_pkgs
ensure_venv
install_python_pkgs
compile_translations
log "done ($MODE)"

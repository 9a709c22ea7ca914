#!/usr/bin/env bash
# The static checks .ci/run makes before the tests (all installed by `scripts/setup.sh test`
# from the test extra in pyproject.toml; configuration in pyproject.toml):
#   ruff check         lint rules selected in [tool.ruff.lint]
#   ruff format        formatting (--check: report, change nothing)
#   mypy               types of simulator/ ([tool.mypy]: strict, with a short override list)
#   lint-imports       the layer contracts ([tool.importlinter])
# Every check runs even if an earlier one fails; the exit code is non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
status=0
run() {
  echo "[lint] $*"
  "$@" || status=1
}
run "$BIN/ruff" check simulator ui tests benchmarks scripts packaging
run "$BIN/ruff" format --check simulator ui tests benchmarks scripts packaging
run "$BIN/mypy"
run "$BIN/lint-imports"
exit $status

"""The program of the desktop bundle (packaging/qdplan.spec builds it twice, as ``qdplan``
and ``qdplan-gui``): one frozen Python cannot run ``python -m ui`` the way ``qdplan gui``
does in a virtual environment, so the app starts here, in this process.

    qdplan COMMAND …      the command line (`qdplan --help`)
    qdplan gui [ARGS]     the desktop app
    qdplan                the desktop app (a double-click starts it)
    qdplan-gui [ARGS]     the desktop app (no console window on Windows; the macOS .app)
"""

from __future__ import annotations

import os
import sys


def main() -> int:
    # an old macOS Finder passes the process serial number (-psn_0_…) to an .app
    args = [a for a in sys.argv[1:] if not a.startswith("-psn_")]
    program = os.path.splitext(os.path.basename(sys.argv[0]))[0].lower()
    if program.endswith("-gui") or not args or args[0] == "gui":
        from ui.app import main as app

        return app(args[1:] if args[:1] == ["gui"] else args)
    from simulator.cli import main as command

    return command()


if __name__ == "__main__":
    raise SystemExit(main())

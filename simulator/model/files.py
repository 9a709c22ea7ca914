"""Writing files safely: a crash or a full disk never leaves a damaged file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class ScenarioSaveError(Exception):
    """A scenario could not be written; the existing file (if any) is unchanged."""


def atomic_write(path: str | os.PathLike[str], content: bytes) -> None:
    """Write ``content`` to ``path`` so that a crash or a full disk never leaves a damaged
    file: write a temporary file beside it, flush it to disk, then rename it over the target.
    Raises ScenarioSaveError; the previous file, if any, is untouched."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            # mkstemp makes the file private; give it the mode a plain open() would.
            if path.exists():
                mode = path.stat().st_mode & 0o777
            else:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(tmp_name, mode)
        except OSError:
            pass
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ScenarioSaveError(
            f"could not save {path}: {reason}; the existing file, if any, is unchanged"
        ) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)

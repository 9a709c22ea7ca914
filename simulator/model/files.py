"""Writing files safely: a crash, a kill or a full disk never leaves a damaged file behind.

Every file qdplan writes goes through here: scenarios, the app's recovery files, CSV tables,
chart files, a folder of charts and the briefing PDF. ``atomic_write(path, content)`` writes
one file; ``AtomicFiles`` writes a set of files together.

How a file is written: the bytes go to a temporary file beside the target, named
``.<name>.qdplan-tmp-<pid>-<random>``, which is flushed to the disk (fsync) and then renamed
over the target in one step; the folder is flushed after the rename. At every moment the
target is the complete old file or the complete new one. On failure ScenarioSaveError (an
OSError) names the file and the target is left as it was.

* A symbolic link is followed: the file it points to is replaced and the link stays a link.
* An existing target that is read-only (it lacks the owner's write permission bit, or this
  user may not write it) is refused, not replaced, even where the folder would allow it;
  so is a target that is a folder or another kind of non-regular file.
* The new file keeps the permission bits (and, where allowed, the owner and group) of the
  file it replaces; a new file gets 0o666 less the umask, as ``open()`` would give it.
* Temporary files left by a process that was killed are removed by the next write into the
  same folder: only those whose process (the pid in the name) no longer runs and which no
  one holds locked (a writer holds an flock on its temporary file until it is renamed);
  never one of this process. Elsewhere than on POSIX systems they are left alone.

A set of files (``AtomicFiles``, used for "all charts to a folder"): every file is written
to its temporary file first; only when all are written are they renamed over their
targets, one after the other. A failure while writing (a full disk, a read-only target, an
error drawing a chart) removes the temporary files and leaves every target as it was. A
failure of a rename itself (rare: the temporary file was just made in the same folder;
e.g. an I/O error or a file system remounted read-only meanwhile) stops there: the files
renamed before it hold the new version, the others their previous one, each complete; the
error says which were replaced, and the remaining temporary files are removed. A kill
during the renames likewise leaves each file complete, old or new; the temporary files it
leaves are removed by the next write into that folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import sys
from pathlib import Path
from types import TracebackType

from .problems import Message, os_reason

if sys.platform != "win32":
    import fcntl

__all__ = ["TEMP_MARK", "AtomicFiles", "ScenarioSaveError", "atomic_write", "remove_stale_temps"]

#: Marks qdplan's temporary files: ``.<name>.qdplan-tmp-<pid>-<random hex>``.
TEMP_MARK = ".qdplan-tmp-"
_TEMP_NAME = re.compile(r"^\..*\.qdplan-tmp-(?P<pid>[0-9]+)-[0-9a-f]+$", re.DOTALL)
_NAME_KEPT = 120  # bytes of the target's name kept in its temporary file's name
_CHUNK = 1 << 20  # bytes per write call
_POSIX = os.name == "posix"


class ScenarioSaveError(OSError):
    """A file could not be written; the existing file (if any) is unchanged. Every atomic
    write raises it, not only scenario saves. ``errno`` is the cause's when there was one,
    ``filename`` the file as it was given; ``str()`` is the whole message (English),
    ``text(language)`` the message in ``language``."""

    def __init__(
        self, message: str | Message, code: int | None = None, filename: str | None = None
    ):
        self.what = Message(message)
        self.message = self.what.text("en")
        super().__init__(self.message)
        self.errno = code
        self.filename = filename

    def text(self, language: str) -> str:
        return self.what.text(language)

    def __str__(self) -> str:
        return self.message

    def __reduce__(
        self,
    ) -> tuple[type[ScenarioSaveError], tuple[Message, int | None, str | None]]:
        return (type(self), (self.what, self.errno, self.filename))


def _failed(shown: str, exc: OSError) -> ScenarioSaveError:
    return ScenarioSaveError(
        Message(
            "could not save {file}: {reason}; the existing file, if any, is unchanged",
            file=shown,
            reason=os_reason(exc),
        ),
        exc.errno,
        shown,
    )


# ---------------------------------------------------------------------------- one file
class _Staged:
    """A target and its complete temporary file, waiting to be renamed over it."""

    def __init__(self, shown: str, target: Path, temp: Path, fd: int | None):
        self.shown = shown
        self.target = target
        self.temp = temp
        self.fd = fd  # kept open (and locked) until the rename, on POSIX

    def close(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None

    def discard(self) -> None:
        self.close()
        with contextlib.suppress(OSError):
            os.unlink(self.temp)


def _describe(given: Path, target: Path) -> str:
    """The file as the user named it, and the file a symbolic link leads to."""
    try:
        link = given.is_symlink()
    except OSError:
        link = False
    return f"{given} (a link to {target})" if link else str(given)


def _check_target(target: Path, shown: str) -> os.stat_result | None:
    """The existing target's status (None when there is none); ScenarioSaveError when it
    must not be replaced."""
    try:
        status = os.stat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _failed(shown, exc) from None
    if stat.S_ISDIR(status.st_mode):
        raise ScenarioSaveError(
            Message("could not save {file}: it is a folder, not a file", file=shown),
            errno.EISDIR,
            shown,
        )
    if not stat.S_ISREG(status.st_mode):
        raise ScenarioSaveError(
            Message("could not save {file}: it is not a regular file", file=shown),
            errno.EINVAL,
            shown,
        )
    if not status.st_mode & stat.S_IWUSR or not os.access(target, os.W_OK):
        raise ScenarioSaveError(
            Message(
                "could not save {file}: the file is read-only; it was left unchanged "
                "(make it writable, or save under another name)",
                file=shown,
            ),
            errno.EACCES,
            shown,
        )
    return status


def _temp_path(target: Path) -> Path:
    name = target.name
    while len(os.fsencode(name)) > _NAME_KEPT:  # bytes count: a name has at most 255
        name = name[:-1]
    return target.with_name(f".{name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")


def _write_temp(target: Path, shown: str, content: bytes) -> _Staged:
    """Write ``content`` to a new temporary file beside ``target`` and flush it to disk."""
    existing = _check_target(target, shown)
    temp = _temp_path(target)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    try:
        # A new file gets 0o666 less the umask from the system, like open(); one that
        # replaces a file starts private and gets that file's mode once written.
        fd = os.open(temp, flags, 0o600 if existing is not None else 0o666)
    except OSError as exc:
        raise _failed(shown, exc) from None
    staged = _Staged(shown, target, temp, fd)
    try:
        if _POSIX:
            with contextlib.suppress(OSError):  # not every file system locks; then the pid
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        view = memoryview(content)
        while view:
            written = os.write(fd, view[:_CHUNK])
            if written <= 0:
                raise OSError(errno.EIO, "the file system accepted no data")
            view = view[written:]
        os.fsync(fd)
        if existing is not None:
            _copy_owner_and_mode(temp, existing)
        if not _POSIX:  # elsewhere an open file cannot be renamed
            staged.close()
    except OSError as exc:
        staged.discard()
        raise _failed(shown, exc) from None
    except BaseException:
        staged.discard()
        raise
    return staged


def _copy_owner_and_mode(temp: Path, existing: os.stat_result) -> None:
    if _POSIX and (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
        with contextlib.suppress(OSError):  # only the owner's privileges allow it
            os.chown(temp, existing.st_uid, existing.st_gid)
    os.chmod(temp, stat.S_IMODE(existing.st_mode))


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (the rename) to disk, where the system allows it."""
    if not _POSIX:
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# ---------------------------------------------------------------------------- debris
def _process_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists (another user's), or we cannot tell: assume it runs
        return True
    return True


def _locked_by_a_writer(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return True  # cannot tell: leave it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False  # the file system does not lock; the pid has decided
    finally:
        os.close(fd)
    return False


def remove_stale_temps(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files that writers killed before renaming them left in
    ``folder``: those of a process that no longer runs and that no one holds locked.
    Returns the files removed. Does nothing elsewhere than on POSIX systems."""
    if not _POSIX:
        return []
    folder = Path(folder)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    removed = []
    for name in names:
        match = _TEMP_NAME.match(name)
        if match is None:
            continue
        pid = int(match["pid"])
        path = folder / name
        if pid == os.getpid() or _process_running(pid) or _locked_by_a_writer(path):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


# ---------------------------------------------------------------------------- sets
class AtomicFiles:
    """Files written together. ``add`` writes each one to its temporary file; ``commit``
    renames them all over their targets (see the module's description for what a failure
    leaves). As a context manager it commits when the block ends normally and discards
    everything (no target touched) when the block raises::

        with AtomicFiles() as files:
            for name, content in contents.items():
                files.add(folder / name, content)
    """

    def __init__(self) -> None:
        self._staged: dict[Path, _Staged] = {}
        self._cleaned: set[Path] = set()

    def add(self, path: str | os.PathLike[str], content: bytes) -> Path:
        """Write ``content`` to a temporary file for ``path`` (ScenarioSaveError on
        failure; then nothing of this set has been replaced). Returns ``path``. The same
        target added again replaces what was added for it before."""
        given = Path(path)
        target = Path(os.path.realpath(given))
        shown = _describe(given, target)
        folder = target.parent
        if folder not in self._cleaned:
            self._cleaned.add(folder)
            remove_stale_temps(folder)
        staged = _write_temp(target, shown, content)
        previous = self._staged.pop(target, None)
        if previous is not None:
            previous.discard()
        self._staged[target] = staged
        return given

    def commit(self) -> None:
        """Rename every temporary file over its target, in the order added."""
        staged, self._staged = list(self._staged.values()), {}
        replaced: list[_Staged] = []
        try:
            for item in staged:
                try:
                    os.replace(item.temp, item.target)
                except OSError as exc:
                    raise self._commit_failed(item, exc, replaced, len(staged)) from None
                item.close()
                replaced.append(item)
        finally:
            for item in staged:
                if item not in replaced:
                    item.discard()
            for folder in {item.target.parent for item in replaced}:
                _sync_folder(folder)

    def discard(self) -> None:
        """Remove the temporary files; no target is touched."""
        staged, self._staged = list(self._staged.values()), {}
        for item in staged:
            item.discard()

    @staticmethod
    def _commit_failed(
        item: _Staged, exc: OSError, replaced: list[_Staged], total: int
    ) -> ScenarioSaveError:
        error = _failed(item.shown, exc)
        if total == 1:
            return error
        done = ", ".join(r.shown for r in replaced) if replaced else Message("none")
        return ScenarioSaveError(
            Message(
                "could not save {file}: {reason}; of the {total} files, these were "
                "replaced by their new version: {done}; the others keep their previous version",
                file=item.shown,
                reason=os_reason(exc),
                total=total,
                done=done,
            ),
            exc.errno,
            item.shown,
        )

    def __enter__(self) -> AtomicFiles:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def atomic_write(path: str | os.PathLike[str], content: bytes) -> None:
    """Write ``content`` to ``path`` so that a crash, a kill or a full disk never leaves a
    damaged file (see the module's description: links, read-only files, debris). Raises
    ScenarioSaveError; the previous file, if any, is then untouched."""
    with AtomicFiles() as files:
        files.add(path, content)

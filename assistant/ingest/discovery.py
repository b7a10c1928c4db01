"""Finding the files to index under the paths a user names, and why others are left out.

Only regular files are ever opened: named pipes, sockets and devices are skipped (opening a
pipe would wait forever for a writer), as are links that loop or lead nowhere and paths the
system cannot handle. Links to files are followed; links to folders are not (a folder linked
into itself would be walked forever), and every one of these is reported with its reason.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import ConfigError, FileTooLarge, ParseError

_IGNORED_NAMES = re.compile(r"^(\..*|~\$.*|thumbs\.db|desktop\.ini)$", re.IGNORECASE)
_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
_MISSING = (errno.ENOENT, errno.ENOTDIR)


@dataclass
class Discovered:
    """The regular files found (resolved, sorted) and the (path, reason) of each entry left out."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class _Entry:
    kind: str  # "file", "folder", "missing" or "bad"
    path: Path | None = None  # resolved, for files and folders
    reason: str = ""


def discover(paths: Iterable[Path]) -> Discovered:
    """Every regular file named in ``paths`` or under the folders among them.

    Hidden files, Office lock files and desktop clutter inside folders are passed over
    silently; entries that cannot be indexed (pipes, devices, broken or looping links,
    over-long paths, unreadable folders) are listed in ``skipped`` with a one-line reason.
    A named path that does not exist at all is reported as skipped too. ``~`` is expanded.
    """
    files: set[Path] = set()
    skipped: dict[tuple[str, str], None] = {}
    for named in paths:
        path = _expand(named)
        entry = _inspect(path)
        if entry.kind == "file" and entry.path is not None:
            files.add(entry.path)
        elif entry.kind == "folder" and entry.path is not None:
            _walk(entry.path, files, skipped)
        else:  # absolute, as the same entry found inside a named folder is reported
            skipped[(os.path.abspath(path), entry.reason)] = None
    return Discovered(sorted(files), list(skipped))


def discover_files(paths: Iterable[Path]) -> list[Path]:
    """Every regular file under ``paths`` (files are taken as they are), sorted, hidden files skipped."""
    return discover(paths).files


def regular_file_size(path: Path, max_bytes: int | None = None) -> int:
    """The size of a file about to be read, refused with a one-line reason first.

    Raises:
        ParseError: when the file cannot be read or is not a regular file (a pipe would block
            the read forever).
        FileTooLarge: when it is over ``max_bytes``, so a huge file is refused unread.
    """
    try:
        status = path.stat()
    except OSError as exc:
        raise ParseError(f"cannot read the file ({exc.strerror or exc})") from exc
    if not stat.S_ISREG(status.st_mode):
        raise ParseError("not a regular file")
    if max_bytes is not None and status.st_size > max_bytes:
        raise FileTooLarge(f"file is {status.st_size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
    return status.st_size


def file_digest(path: Path, max_bytes: int | None = None) -> str:
    """SHA-256 of a file's bytes, read in blocks (refused as :func:`regular_file_size` refuses)."""
    regular_file_size(path, max_bytes)
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise ParseError(f"cannot read the file ({exc.strerror or exc})") from exc
    return digest.hexdigest()


def resolve_root(path: Path) -> Path | None:
    """The resolved folder or file a user named, or None when it cannot be indexed
    (:func:`discover` reports why).

    Raises:
        ConfigError: when nothing at all is at ``path`` (most likely a typing mistake).
    """
    path = _expand(path)
    entry = _inspect(path)
    if entry.kind == "missing":
        raise ConfigError(f"{path} does not exist")
    return entry.path


def _inspect(path: Path) -> _Entry:
    """What is at ``path``, looked at without opening it or following a link more than once."""
    if not _readable_name(path):
        return _Entry("bad", reason="the name is not valid UTF-8 (rename it to index it)")
    try:
        mode = os.lstat(path).st_mode
    except ValueError:
        return _Entry("bad", reason="the name contains a NUL character")
    except OSError as exc:
        missing = exc.errno in _MISSING
        return _Entry("missing", reason="does not exist") if missing else _Entry("bad", reason=_reason(exc))
    if stat.S_ISLNK(mode):
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            if exc.errno in _MISSING:
                return _Entry("bad", reason="dangling link: its target does not exist")
            return _Entry("bad", reason=_reason(exc))
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        kind = next((name for test, name in _KINDS if test(mode)), "not a file or folder")
        return _Entry("bad", reason=f"not a regular file ({kind})")
    try:
        resolved = Path(path).resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # RuntimeError: Python 3.11's "Symlink loop"
        return _Entry("bad", reason=_reason(exc) if isinstance(exc, OSError) else "symlink loop (not followed)")
    return _Entry("folder" if stat.S_ISDIR(mode) else "file", resolved)


def _walk(root: Path, files: set[Path], skipped: dict[tuple[str, str], None]) -> None:
    """Add the regular files under ``root`` (links to folders are reported, not followed)."""
    folders = [root]
    while folders:  # a stack, not recursion: nesting depth is the file system's business
        folder = folders.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            skipped[(str(folder), f"cannot read the folder ({_reason(exc)})")] = None
            continue
        for item in entries:
            if _IGNORED_NAMES.match(item.name):
                continue
            path = Path(item.path)
            if _is_real_folder(item) and _readable_name(path):
                folders.append(path)
                continue
            entry = _inspect(path)
            if entry.kind == "file" and entry.path is not None:
                files.add(entry.path)
            elif entry.kind == "folder":
                skipped[(str(path), "link to a folder, not followed (name the folder itself to index it)")] = None
            else:
                skipped[(str(path), entry.reason)] = None


def _expand(path: Path | str) -> Path:
    """``path`` with a leading ``~`` or ``~user`` expanded (left as it is for an unknown user)."""
    try:
        return Path(path).expanduser()
    except RuntimeError:  # "Could not determine home directory": nothing will be found there
        return Path(path)


def _is_real_folder(item: os.DirEntry[str]) -> bool:
    try:
        return item.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _readable_name(path: Path) -> bool:
    """False for names with bytes that are not UTF-8 (the index stores sources as UTF-8 text)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop (not followed)"
    if exc.errno == errno.ENAMETOOLONG:
        return "path too long for the file system"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return (exc.strerror or exc.__class__.__name__).lower()

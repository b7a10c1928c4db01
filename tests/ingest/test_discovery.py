"""Discovery: only regular files are taken; pipes, devices, broken and looping links and
over-long paths are reported with a reason, whether named directly or found in a folder."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.ingest import discover, discover_files, resolve_root


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Callable[[Path], Path]]:
    sockets: list[socket.socket] = []

    def make(path: Path) -> Path:
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        sockets.append(server)
        return path

    yield make
    for server in sockets:
        server.close()


def _dangling(path: Path) -> Path:
    path.symlink_to(path.parent / "no-such-target.md")
    return path


def _self_loop(path: Path) -> Path:
    path.symlink_to(path)
    return path


def _pair_loop(path: Path) -> Path:
    partner = path.with_name(path.name + "-partner")
    path.symlink_to(partner)
    partner.symlink_to(path)
    return path


def _undecodable_name(path: Path) -> Path:
    named = Path(os.fsdecode(os.fsencode(path.parent) + b"/caf\xe9.md"))
    named.write_text("# Café\n\nThe board met in the café.\n")
    return named


BAD_ENTRIES = [
    pytest.param(_fifo, "not a regular file (a named pipe)", id="fifo"),
    pytest.param("socket", "not a regular file (a socket)", id="socket"),
    pytest.param(_dangling, "dangling link", id="dangling-link"),
    pytest.param(_self_loop, "symlink loop", id="self-loop"),
    pytest.param(_pair_loop, "symlink loop", id="two-link-loop"),
    pytest.param(_undecodable_name, "not valid UTF-8", id="undecodable-name"),
]


def _make(make: Callable[[Path], Path] | str, path: Path, unix_socket: Callable[[Path], Path]) -> Path:
    return unix_socket(path) if make == "socket" else make(path)  # type: ignore[operator]


@pytest.mark.parametrize(("make", "reason"), BAD_ENTRIES)
def test_bad_entries_in_a_folder_are_reported_with_a_reason(tmp_path: Path, make, reason: str, unix_socket) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.md").write_text("# Good\n\ntext")
    bad = _make(make, folder / "bad.md", unix_socket)
    found = discover([folder])
    assert found.files == [(folder / "good.md").resolve()]
    assert str(bad) in dict(found.skipped)  # a two-link loop reports both links
    assert all(reason in why for _, why in found.skipped)


@pytest.mark.parametrize(("make", "reason"), BAD_ENTRIES)
def test_bad_paths_named_directly_are_reported_and_the_others_still_found(
    tmp_path: Path, make, reason: str, unix_socket
) -> None:
    good = tmp_path / "good.md"
    good.write_text("# Good\n\ntext")
    bad = _make(make, tmp_path / "bad.md", unix_socket)
    found = discover([bad, good])
    assert found.files == [good.resolve()]
    assert found.skipped == [(str(bad), found.skipped[0][1])]
    assert reason in found.skipped[0][1]
    assert resolve_root(bad) is None


def test_a_path_longer_than_the_system_allows_is_reported(tmp_path: Path) -> None:
    too_long = tmp_path.joinpath(*["x" * 200] * 25)  # 5,000 characters, over PATH_MAX
    found = discover([too_long, tmp_path])
    assert found.skipped == [(str(too_long), "path too long for the file system")]
    assert resolve_root(too_long) is None


def test_a_folder_nested_past_path_max_is_reported_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "top.md").write_text("# Top\n\ntext")
    deep = tmp_path
    fd = os.open(tmp_path, os.O_RDONLY)
    try:  # build 30 levels of 200-character names with relative mkdirs (each path alone would be too long)
        for _ in range(30):
            os.mkdir("d" * 200, dir_fd=fd)
            child = os.open("d" * 200, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = child
        deep = deep.joinpath(*["d" * 200] * 30)
    finally:
        os.close(fd)
    found = discover([tmp_path])
    assert found.files == [(tmp_path / "top.md").resolve()]
    assert found.skipped
    assert {reason for _, reason in found.skipped} == {"cannot read the folder (path too long for the file system)"}
    assert len(str(deep)) > 4096


def test_links_to_folders_are_reported_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.md").write_text("# A\n\ntext")
    (folder / "sub" / "up").symlink_to(folder)  # walking into it would never end
    found = discover([folder])
    assert found.files == [(folder / "sub" / "a.md").resolve()]
    assert found.skipped == [
        (str(folder / "sub" / "up"), "link to a folder, not followed (name the folder itself to index it)")
    ]


def test_links_to_files_are_followed_to_their_target(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("# Real\n\ntext")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "alias.md").symlink_to(target)
    assert discover([folder]).files == [target.resolve()]


def test_a_missing_root_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        resolve_root(tmp_path / "nope")
    assert discover([tmp_path / "nope"]).skipped == [(str(tmp_path / "nope"), "does not exist")]


def test_discover_skips_hidden_and_lock_files(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n\ntext")
    (tmp_path / ".hidden.md").write_text("# H\n\ntext")
    (tmp_path / "~$lock.docx").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("b")
    found = discover([tmp_path])
    assert [p.name for p in found.files] == ["a.md", "b.txt"]
    assert found.skipped == []
    assert discover_files([tmp_path]) == found.files


@pytest.mark.parametrize(
    ("name", "reason"),
    [("~no-such-user-here/docs", "does not exist"), ("bad\x00name.md", "the name contains a NUL character")],
    ids=["unknown-home", "nul"],
)
def test_unusable_names_are_reported_not_raised(name: str, reason: str) -> None:
    found = discover([Path(name)])
    assert found.files == []
    assert [why for _, why in found.skipped] == [reason]


def test_a_device_is_not_a_regular_file() -> None:
    assert discover([Path("/dev/null")]).skipped == [("/dev/null", "not a regular file (a character device)")]

"""Requests forged by hand against the running app: no file leaves the server unless it should.

Every event is read from the app's own /config, so a new event with a file input is covered
without editing this test.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.ui.admin import AdminGate
from assistant.ui.guard import CLIENT_COOKIE, UploadRegistry, file_references, route_allowed
from assistant.ui.server import blocked_paths

FILE_TYPES = {"chatbot", "file", "uploadbutton"}


@pytest.fixture
def canary(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A file outside the app's data directory whose content must never come back."""
    token = f"CANARY-{secrets.token_hex(16)}"
    path = tmp_path / "secret.txt"
    path.write_text(f"{token}\n")
    return path, token


def _config(url: str) -> dict:
    return httpx.get(f"{url}/config").json()


def _file_events(config: dict) -> list[tuple[dict, dict[int, dict]]]:
    components = {c["id"]: c for c in config["components"]}
    events = []
    for dependency in config["dependencies"]:
        inputs = [components[i] for i in dependency["inputs"] if i in components]
        if any(c["type"] in FILE_TYPES for c in inputs):
            events.append((dependency, components))
    return events


def _forged_value(component: dict, path: str, password: str) -> object:
    file_data = {"path": path, "orig_name": "notes.txt", "meta": {"_type": "gradio.FileData"}}
    kind = component["type"]
    if kind == "chatbot":
        return [
            {"role": "user", "content": [{"type": "file", "file": file_data}]},
            {"role": "assistant", "content": {"type": "file", "file": {"path": path}}},
        ]
    if kind in ("file", "uploadbutton"):
        return [file_data]
    if kind == "textbox" and component["props"].get("type") == "password":
        return password
    return None


def _send_event(
    client: httpx.Client, url: str, dependency: dict, data: list, trigger: int | None = None
) -> tuple[int, str]:
    """Join the queue with an event; the HTTP status and everything the server sent back."""
    session = secrets.token_hex(8)
    payload = {
        "data": data,
        "fn_index": dependency["id"],
        "trigger_id": trigger if trigger is not None else dependency["targets"][0][0],
        "session_hash": session,
        "event_data": None,
    }
    joined = client.post(f"{url}/gradio_api/queue/join", json=payload)
    if joined.status_code != 200:
        return joined.status_code, joined.text
    stream = []
    with client.stream("GET", f"{url}/gradio_api/queue/data", params={"session_hash": session}, timeout=60) as reply:
        for line in reply.iter_lines():
            stream.append(line)
            if "process_completed" in line:
                break
    return 200, "\n".join(stream)


def _everything_under(folder: Path) -> Iterator[bytes]:
    for path in folder.rglob("*"):
        if path.is_file():
            yield path.read_bytes()


@pytest.mark.parametrize("password", ["letmein", "wrong password"])
def test_forged_file_data_never_reads_copies_or_serves_a_server_file(running_app, canary, password: str) -> None:
    path, token = canary
    events = _file_events(_config(running_app.url))
    assert events, "the app has an upload event with a file input"
    with httpx.Client() as client:
        client.get(f"{running_app.url}/")  # a browser's first visit: it gets its client cookie
        for dependency, components in events:
            data = [_forged_value(components[i], str(path), password) for i in dependency["inputs"]]
            status, body = _send_event(client, running_app.url, dependency, data)
            assert status == 403, (dependency["id"], status, body[:200])
            assert token not in body
        served = client.get(f"{running_app.url}/gradio_api/file={path}")
        assert served.status_code == 404
        assert token not in served.text
    from gradio.utils import get_upload_folder

    for folder in (
        Path(get_upload_folder()),
        Path(running_app.settings.data_dir),
        Path(running_app.settings.index_dir),
    ):
        assert all(token.encode() not in content for content in _everything_under(folder)), folder


def _upload(client: httpx.Client, url: str, name: str, content: bytes) -> str:
    reply = client.post(f"{url}/gradio_api/upload", files=[("files", (name, content, "text/markdown"))])
    assert reply.status_code == 200, reply.text
    return reply.json()[0]


def _upload_event(url: str) -> dict:
    config = _config(url)
    events = _file_events(config)
    return next(d for d, components in events if any(components[i]["type"] == "file" for i in d["inputs"]))


def _upload_data(dependency: dict, url: str, path: str, password: str) -> list:
    components = {c["id"]: c for c in _config(url)["components"]}
    data = []
    for i in dependency["inputs"]:
        kind = components[i]["type"]
        if kind == "file":
            data.append([{"path": path, "orig_name": Path(path).name, "meta": {"_type": "gradio.FileData"}}])
        else:
            data.append(password)
    return data


def test_a_file_uploaded_by_one_browser_cannot_be_named_by_another(running_app) -> None:
    dependency = _upload_event(running_app.url)
    with httpx.Client() as owner, httpx.Client() as other:
        owner.get(f"{running_app.url}/")
        other.get(f"{running_app.url}/")
        assert owner.cookies.get(CLIENT_COOKIE) != other.cookies.get(CLIENT_COOKIE)
        path = _upload(
            owner, running_app.url, "Quokka notes.md", b"# Quokka notes\n\nThe Quokka Fund pays for benches."
        )
        status, _ = _send_event(
            other, running_app.url, dependency, _upload_data(dependency, running_app.url, path, "x")
        )
        assert status == 403
        # Gradio's upload folder is not a way around it: a path the other browser made up is refused too
        guessed = str(Path(path).parent.parent / "guessed" / "notes.md")
        status, _ = _send_event(
            owner, running_app.url, dependency, _upload_data(dependency, running_app.url, guessed, "x")
        )
        assert status == 403


def test_the_owner_can_index_its_upload_and_a_bad_one_leaves_nothing_behind(running_app, uploads: Path) -> None:
    dependency = _upload_event(running_app.url)
    with httpx.Client() as owner:
        owner.get(f"{running_app.url}/")
        good = _upload(
            owner, running_app.url, "Quokka notes.md", b"# Quokka notes\n\nThe Quokka Fund pays for benches."
        )
        status, body = _send_event(
            owner, running_app.url, dependency, _upload_data(dependency, running_app.url, good, "letmein")
        )
        assert status == 200
        assert "Indexed: 1 added" in body
        fake = _upload(owner, running_app.url, "report.pdf", b"MZ\x90\x00 this is a Windows program, not a PDF")
        status, body = _send_event(
            owner, running_app.url, dependency, _upload_data(dependency, running_app.url, fake, "letmein")
        )
        assert "not a PDF" in body
    assert (uploads / "Quokka notes.md").exists()
    assert not (uploads / "report.pdf").exists()
    assert not [p for p in uploads.iterdir() if p.name.startswith(".")]
    assert running_app.assistant.remove(["quokka-notes"]) == ["quokka-notes"]
    (uploads / "Quokka notes.md").unlink()


@pytest.mark.parametrize(
    "path",
    [
        "/gradio_api/file=http://127.0.0.1:9/secret",
        "/gradio_api/file=/etc/passwd",
        "/gradio_api/file=/proc/self/environ",
        "/gradio_api/proxy=http://127.0.0.1:9/",
        "/gradio_api/vibe-code",
        "/gradio_api/monitoring",
        "/gradio_api/dev/reload",
        "/gradio_api/run-history/records",
        "/gradio_api/file/etc/passwd",
        "/runs",
        "/documents/../../etc/passwd",
        "/no-such-page",
    ],
)
def test_routes_outside_the_allowlist_answer_404(running_app, path: str) -> None:
    reply = httpx.get(f"{running_app.url}{path}")
    assert reply.status_code == 404
    assert "root:" not in reply.text
    assert "ASSISTANT_" not in reply.text


@pytest.mark.parametrize("path", ["/", "/config", "/gradio_api/info", "/documents/safer-essex-partnership"])
def test_the_page_and_the_originals_are_served(running_app, path: str) -> None:
    assert httpx.get(f"{running_app.url}{path}").status_code == 200


def test_an_original_that_changed_since_indexing_is_not_served(running_app, uploads: Path) -> None:
    record = next(r for r in running_app.assistant.documents() if r.info.doc_id == "hostile-notice")
    source = Path(record.info.source)
    original = source.read_bytes()
    try:
        source.write_text("replaced with something that was never indexed")
        assert httpx.get(f"{running_app.url}/documents/hostile-notice").status_code == 409
    finally:
        source.write_bytes(original)
    assert httpx.get(f"{running_app.url}/documents/hostile-notice").status_code == 200


def test_uploads_are_refused_at_the_door_when_no_admin_password_is_set(running_app) -> None:
    assert running_app.settings.admin_password  # this app takes uploads; the guard's switch is unit-tested below
    from assistant.ui.guard import RequestGuard

    sent: list[dict] = []

    async def app(scope, receive, send):  # pragma: no cover - must not be reached
        raise AssertionError("the app was reached")

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    import asyncio

    guard = RequestGuard(app, UploadRegistry(), Path("/tmp"), accept_uploads=False)
    scope = {"type": "http", "method": "POST", "path": "/gradio_api/upload", "headers": [], "client": ("1.2.3.4", 1)}
    asyncio.run(guard(scope, receive, send))
    assert sent[0]["status"] == 403


def test_api_errors_are_one_clear_line_and_never_internals(running_app, caplog: pytest.LogCaptureFixture) -> None:
    from gradio_client import Client

    client = Client(running_app.url, verbose=False)
    with caplog.at_level(logging.INFO), pytest.raises(Exception) as refused:  # noqa: PT011 - gradio_client's AppError
        client.predict("", api_name="/ask")
    assert "the question is empty" in str(refused.value)
    assert "Traceback" not in caplog.text


def test_file_references_finds_paths_wherever_they_hide() -> None:
    data = [None, "text", [{"role": "user", "content": [{"type": "file", "file": {"path": "/etc/passwd"}}]}]]
    data.append({"url": "/gradio_api/file=%2Fetc%2Fshadow"})
    assert sorted(file_references(data)) == ["/etc/passwd", "/etc/shadow"]


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("GET", "/", True),
        ("POST", "/gradio_api/queue/join", True),
        ("GET", "/assets/index.js", True),
        ("GET", "/assets/../../secret", False),
        ("PUT", "/", False),
        ("DELETE", "/gradio_api/queue/join", False),
        ("GET", "/gradio_api/vibe-edit", False),
    ],
)
def test_route_allowlist(method: str, path: str, allowed: bool) -> None:
    assert route_allowed(method, path) is allowed


def test_blocked_paths_cover_the_app_folders_but_not_its_temp(settings) -> None:
    import tempfile

    blocked = blocked_paths(settings)
    for folder in (settings.index_dir, settings.data_dir, "/etc", "/proc"):
        assert os.path.realpath(folder) in blocked
    assert not any(os.path.realpath(tempfile.gettempdir()).startswith(b + os.sep) for b in blocked)


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_wrong_passwords_get_a_growing_delay_and_are_never_logged(caplog: pytest.LogCaptureFixture) -> None:
    clock = _Clock()
    gate = AdminGate("s3cret-pass", free_attempts=3, base_delay=1.0, clock=clock)
    with caplog.at_level(logging.INFO):
        for _ in range(3):
            assert gate.check("guess-1", "10.0.0.1") is not None
        assert "Too many" in gate.check("s3cret-pass", "10.0.0.1")  # even the right one waits its turn
        assert gate.check("guess-1", "10.0.0.2") == "Wrong admin password."  # other clients are not slowed
        clock.now += 1.1
        assert "Wait 2 s" in gate.check("guess-2", "10.0.0.1")
        clock.now += 1.0
        assert "Too many" in gate.check("guess-3", "10.0.0.1")
        clock.now += 1.1
        assert gate.check("s3cret-pass", "10.0.0.1") is None
        assert gate.check("guess-4", "10.0.0.1") == "Wrong admin password."  # the count started over
    assert "s3cret-pass" not in caplog.text
    assert "guess-" not in caplog.text
    assert "wrong admin password from 10.0.0.1" in caplog.text


def test_the_delay_is_capped() -> None:
    clock = _Clock()
    gate = AdminGate("pw", free_attempts=1, base_delay=1.0, max_delay=60.0, clock=clock)
    for _ in range(50):
        gate.check("no", "c")
        clock.now += 61
    assert "Wait 60 s" in gate.check("no", "c")


def test_without_a_password_nothing_opens() -> None:
    assert "switched off" in AdminGate("").check("", "c")
    assert "switched off" in AdminGate("").check("anything", "c")
    assert AdminGate("pw").check(None, "c") == "Wrong admin password."

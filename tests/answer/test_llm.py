"""The generative answerer, against a small OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.config import Settings
from assistant.pipeline import Assistant


class _ChatServer(ThreadingHTTPServer):
    reply: object = ""
    status: int = 200
    delay: float = 0.0
    requests: list[dict[str, object]]


class _Handler(BaseHTTPRequestHandler):
    server: _ChatServer

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        time.sleep(self.server.delay)
        payload = self.server.reply
        data = (
            payload
            if isinstance(payload, bytes)
            else json.dumps({"choices": [{"message": {"content": payload}}]}).encode()
        )
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def chat_server() -> Iterator[_ChatServer]:
    server = _ChatServer(("127.0.0.1", 0), _Handler)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def assistant_with_llm(corpus_index: Settings, embedder, chat_server: _ChatServer) -> Assistant:
    url = f"http://127.0.0.1:{chat_server.server_port}/v1"
    settings = corpus_index.replace(llm_url=url, llm_model="test-model", llm_api_key="secret-token", llm_timeout=2.0)
    return Assistant(settings, embedder=embedder)


def test_the_model_gets_numbered_passages_and_its_citations_are_checked(assistant_with_llm, chat_server) -> None:
    chat_server.reply = "Safer Essex is chaired by Nicola Beach [1]. She also runs the Moon [9]."
    answer = assistant_with_llm.ask("Who chairs Safer Essex?")
    request = chat_server.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["auth"] == "Bearer secret-token"
    assert request["body"]["model"] == "test-model"
    prompt = request["body"]["messages"][1]["content"]
    assert "[1] (" in prompt
    assert "Who chairs Safer Essex?" in prompt
    assert answer.text == "Safer Essex is chaired by Nicola Beach [1]. She also runs the Moon."
    assert len(answer.citations) == 1
    assert answer.citations[0].passage is answer.passages[0]
    assert answer.note is None


def test_citations_are_renumbered_to_the_passages_they_name(assistant_with_llm, chat_server) -> None:
    chat_server.reply = "First claim [3]. Second claim [1]."
    answer = assistant_with_llm.ask("Who chairs Safer Essex?")
    assert answer.text == "First claim [1]. Second claim [2]."
    assert [c.passage for c in answer.citations] == [answer.passages[2], answer.passages[0]]


@pytest.mark.parametrize(
    ("status", "reply", "delay", "reason"),
    [
        (500, "boom", 0.0, "HTTP 500"),
        (200, b"not json at all", 0.0, "unreadable reply"),
        (200, "answer", 3.0, "no reply within"),
        (200, {"choices": []}, 0.0, "no choices"),
    ],
)
def test_failures_fall_back_to_the_extractive_answer_with_a_note(
    assistant_with_llm, chat_server, status, reply, delay, reason
) -> None:
    chat_server.status, chat_server.delay = status, delay
    chat_server.reply = json.dumps(reply).encode() if isinstance(reply, dict) else reply
    answer = assistant_with_llm.ask("Who chairs Safer Essex?")
    assert "Nicola Beach" in answer.text
    assert answer.note is not None
    assert reason in answer.note
    assert answer.citations


def test_an_answer_without_citations_is_not_shown(assistant_with_llm, chat_server) -> None:
    chat_server.reply = "Nicola Beach chairs it, trust me."
    answer = assistant_with_llm.ask("Who chairs Safer Essex?")
    assert "cited no passage" in answer.note
    assert answer.citations


def test_the_model_saying_the_documents_do_not_cover_it_abstains(assistant_with_llm, chat_server) -> None:
    chat_server.reply = "The documents do not cover this."
    answer = assistant_with_llm.ask("Who chairs Safer Essex?")
    assert answer.abstained
    assert answer.citations == ()
    assert answer.passages


def test_weak_evidence_never_reaches_the_model(assistant_with_llm, chat_server) -> None:
    chat_server.reply = "Mars has 8 billion people [1]."
    answer = assistant_with_llm.ask("What is the population of Mars?")
    assert answer.abstained
    assert chat_server.requests == []


def test_the_api_key_is_not_in_the_settings_repr() -> None:
    assert "hunter2" not in repr(Settings(llm_api_key="hunter2"))

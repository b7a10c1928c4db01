"""The running app on 127.0.0.1: named API endpoints, original documents, concurrent clients."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from gradio_client import Client

from tests.conftest import ROOT
from tests.ui.conftest import MINUTES_ID

QUESTIONS = [
    ("Who chairs Safer Essex?", "Nicola Beach"),
    ("How often does Essex Partners meet?", "quarterly"),
    ("When does the Essex Assembly meet?", "March and September"),
    ("When was the Essex Partnership formed?", "2002"),
    ("How many trees will the Essex Forest Initiative plant?", "375,000"),
    ("How many homes does Essex need to build by 2036?", "146,000"),
    ("Who won the Challenge Dementia Prize?", "The Wayback"),
    ("How many organisations have signed the Essex Faith Covenant?", "31"),
    ("Which council hosts the Violence and Vulnerability Unit?", "Chelmsford City Council"),
    ("How many households did Essex Prevents stop from becoming homeless?", "496"),
]


def test_ask_endpoint_takes_the_question_alone(running_app) -> None:
    client = Client(running_app.url, verbose=False)
    result = client.predict("Who chairs Safer Essex?", api_name="/ask")
    assert "Nicola Beach" in result["answer"]
    assert result["abstained"] is False
    assert result["references"][0].startswith("[1] Safer Essex Partnership (2010, web page)")
    assert result["citations"][0]["n"] == 1


def test_ask_endpoint_accepts_optional_inputs(running_app) -> None:
    client = Client(running_app.url, verbose=False)
    result = client.predict("who chairs it?", "What is Safer Essex?", api_name="/ask")
    assert "Nicola Beach" in result["answer"]
    news = client.predict("What happened?", "", "news", api_name="/ask")
    assert {p["doc_type"] for p in news["passages"]} == {"news"}


def test_search_endpoint(running_app) -> None:
    client = Client(running_app.url, verbose=False)
    passages = client.predict("homelessness", api_name="/search")
    assert passages
    assert {"title", "date", "text", "score"} <= set(passages[0])


def test_every_tab_has_an_endpoint_readable_with_no_arguments(running_app) -> None:
    client = Client(running_app.url, verbose=False)
    documents = client.predict(api_name="/documents")
    assert {"doc_id", "title", "date", "doc_type", "pages", "chunks"} <= set(documents[0])
    assert "safer-essex-partnership" in {d["doc_id"] for d in documents}
    for name in ("/initiatives", "/boards", "/scorecard", "/decisions"):
        result = client.predict(api_name=name)
        assert set(result) == {"items", "documents"}, name
    assert client.predict(api_name="/boards")["items"]
    assert client.predict(api_name="/decisions")["items"] == []  # no minutes in this corpus
    ambition = client.predict(api_name="/scorecard")["items"][0]["ambition"]
    themed = client.predict(ambition, api_name="/initiatives")["items"]
    assert themed
    assert {i["theme"] for i in themed} == {ambition}


def test_endpoints_see_what_another_process_indexed(running_app, minutes_pdf: Path, tmp_path: Path) -> None:
    client = Client(running_app.url, verbose=False)
    assert client.predict(api_name="/decisions")["items"] == []
    folder = tmp_path / "other"
    folder.mkdir()
    shutil.copyfile(minutes_pdf, folder / minutes_pdf.name)
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(running_app.settings.index_dir), "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "assistant", "index", str(folder)], env=env, check=True, capture_output=True)
    try:
        assert MINUTES_ID in {d["doc_id"] for d in client.predict(api_name="/documents")}
        meetings = client.predict("Cabinet", "2025-01", "2025-01", api_name="/decisions")["items"]
        assert [m["date"] for m in meetings] == ["2025-01-09"]
        topic = client.predict("", "", "", "budget", api_name="/decisions")["items"]
        items = [d for entry in topic for d in entry.get("decisions", [entry])]  # meetings, or dated decisions
        assert {d["item"] for d in items} == {"Harbour Budget Update"}
        with pytest.raises(Exception, match="not a date"):
            client.predict("", "soon", api_name="/decisions")
    finally:
        running_app.assistant.remove([MINUTES_ID])
    assert MINUTES_ID not in {d["doc_id"] for d in client.predict(api_name="/documents")}


def test_original_documents_are_served_safely(running_app) -> None:
    with urllib.request.urlopen(f"{running_app.url}/documents/hostile-notice") as response:
        body = response.read().decode()
        assert response.headers["Content-Type"].startswith("text/plain")
        assert "sandbox" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "<script>" in body  # served as plain text, never as a page
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"{running_app.url}/documents/..%2F..%2Fetc%2Fpasswd")
    assert missing.value.code == 404


def test_ten_clients_asking_ten_questions_at_once(running_app) -> None:
    def client_session(offset: int) -> list[tuple[bool, float]]:
        client = Client(running_app.url, verbose=False)
        outcomes = []
        for i in range(10):
            question, expected = QUESTIONS[(offset + i) % len(QUESTIONS)]
            started = time.perf_counter()
            result = client.predict(question, api_name="/ask")
            elapsed = time.perf_counter() - started
            complete = expected in result["answer"] and bool(result["citations"]) and not result["abstained"]
            outcomes.append((complete, elapsed))
        return outcomes

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = [outcome for session in pool.map(client_session, range(10)) for outcome in session]
    latencies = sorted(elapsed for _, elapsed in results)
    p50 = statistics.median(latencies)
    p95 = latencies[int(0.95 * len(latencies)) - 1]
    print(f"\n10 clients x 10 questions: p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    assert len(results) == 100
    assert all(complete for complete, _ in results)

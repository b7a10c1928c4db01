"""What every benchmark shares: the machine, medians and percentiles, paths and result files."""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SHARED = ROOT.parent / "shared"
SEED_CORPUS = ROOT / "corpus"


def machine() -> dict[str, Any]:
    """Cores, memory, CPU model, load and library versions: recorded beside every figure."""
    info: dict[str, Any] = {
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)),
        "memory_gib": round(_meminfo("MemTotal") / 2**20, 1),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    for name in ("torch", "onnxruntime", "faiss", "bm25s", "sentence_transformers", "txtai"):
        info[name] = _version(name)
    return info


def machine_line(info: dict[str, Any]) -> str:
    """'2 cores, 23.4 GiB, AMD EPYC ... (load 1.2)': the short form printed beside a table."""
    load = info.get("load_average") or ["?"]
    return f"{info['cores']} cores, {info['memory_gib']} GiB RAM, {info['cpu']}, load average {load[0]} at start"


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else float("nan")


def percentile(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=float), q)) if len(values) else float("nan")


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    """(seconds, result) of one call."""
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def save(name: str, data: dict[str, Any]) -> Path:
    """Write one benchmark's results as bench/results/NAME.json (with the machine)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    payload = {"machine": machine(), "recorded": time.strftime("%Y-%m-%d %H:%M:%S"), **data}
    path.write_text(json.dumps(payload, indent=1, ensure_ascii=False, default=_plain))
    return path


def load(name: str) -> dict[str, Any] | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def rss_mib() -> dict[str, float]:
    """This process's resident memory now and at its peak, split into anonymous and file-backed."""
    status = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile", "RssShmem"):
            status[key] = round(int(value.split()[0]) / 1024, 1)
    return status


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


def _meminfo(key: str) -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def _version(module: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    names = {"faiss": "faiss-cpu", "sentence_transformers": "sentence-transformers"}
    try:
        return version(names.get(module, module))
    except PackageNotFoundError:
        return None

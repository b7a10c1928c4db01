"""The onnxruntime backend: the model exported to ONNX once, then run without torch.

On first use the model's transformer is exported with ``torch.onnx`` (and, for ``onnx-int8``,
its weights quantised to int8 per output channel with ``onnxruntime.quantization``) into a
cache folder keyed by the model's files; later loads only open the cached file, so serving
never imports torch or sentence-transformers. Tokenisation uses the model's own
``tokenizer.json`` through ``tokenizers``, and pooling (the mean of the token vectors, as the
model's pooling layer does) happens in numpy, so chunk and sentence vectors come from one pass.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant.config import DEFAULT_MODEL
from assistant.embedding.models import resolve_model
from assistant.embedding.pooling import Spans, pool_spans, unit
from assistant.errors import ConfigError

logger = logging.getLogger(__name__)

_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
_OPSET = 17
_SMALL_INPUT = 128  # tokens in a batch (texts x longest): below this one thread is faster
_TOKEN_BUDGET = 4096  # padded tokens per run: 16 full-length passages, measured fastest on a CPU
_MIN_FILL = 0.75  # a text joins a run only if it is at least this share of the run's longest


class OnnxEmbedder:
    """An :class:`~assistant.embedding.Embedder` that runs an exported model with onnxruntime."""

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        batch_size: int = 32,
        quantize: bool = True,
        cache_dir: Path | None = None,
        threads: int | None = None,
    ) -> None:
        try:
            import onnxruntime  # noqa: F401 - fail here, with the install hint
            import tokenizers
        except ImportError as exc:
            raise ConfigError("the onnx embedding backends need onnxruntime (pip install onnxruntime)") from exc
        location, local = resolve_model(model)
        if not local:
            raise ConfigError(f"the onnx backends need a local model directory, not {model!r}")
        folder = Path(location)
        self.name = model
        self.backend = "onnx-int8" if quantize else "onnx"
        self.batch_size = batch_size
        self.max_tokens = _max_seq_length(folder) - 2
        self.dim = int(json.loads((folder / "config.json").read_text(encoding="utf-8"))["hidden_size"])
        self._counter = tokenizers.Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._counter.no_truncation()
        self._counter.no_padding()
        self._tokenizer = tokenizers.Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(self.max_tokens + 2)
        if cache_dir is None:
            from assistant.embedding.models import default_cache_dir

            cache_dir = default_cache_dir()
        self._path = exported_model(folder, Path(cache_dir), quantize)
        self._threads = threads or os.cpu_count() or 1
        self._sessions: dict[int, object] = {}
        self._lock = threading.Lock()

    def count_tokens(self, text: str) -> int:
        return len(self._counter.encode(text, add_special_tokens=False).ids)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        tokens, _ = self._run(texts)
        return np.stack([unit(t.mean(axis=0)) for t in tokens]).astype(np.float32)

    def embed_passages(
        self, texts: Sequence[str], sentence_spans: Sequence[Spans]
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32), []
        tokens, offsets = self._run(texts)
        vectors = np.stack([unit(t.mean(axis=0)) for t in tokens]).astype(np.float32)
        sentence_vectors = []
        for text, token_vectors, token_offsets, spans in zip(texts, tokens, offsets, sentence_spans, strict=True):
            pooled, missing = pool_spans(token_vectors, token_offsets, spans)
            if missing:
                pooled[missing] = self.embed([text[spans[i][0] : spans[i][1]] for i in missing])
            sentence_vectors.append(pooled)
        return vectors, sentence_vectors

    def _run(self, texts: Sequence[str]) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Token vectors and character offsets of each text, batched by length to limit padding."""
        encodings = self._tokenizer.encode_batch(list(texts))
        tokens: list[np.ndarray] = [np.empty(0)] * len(encodings)
        for batch in self._batches([len(e.ids) for e in encodings]):
            width = len(encodings[batch[0]].ids)
            feed = {name: np.zeros((len(batch), width), dtype=np.int64) for name in _INPUTS}
            for row, i in enumerate(batch):
                n = len(encodings[i].ids)
                feed["input_ids"][row, :n] = encodings[i].ids
                feed["attention_mask"][row, :n] = 1
                feed["token_type_ids"][row, :n] = encodings[i].type_ids
            session, inputs = self._session(1 if len(batch) * width <= _SMALL_INPUT else self._threads)
            (hidden,) = session.run(None, {k: v for k, v in feed.items() if k in inputs})  # type: ignore[attr-defined]
            for row, i in enumerate(batch):
                tokens[i] = hidden[row, : len(encodings[i].ids)]
        return tokens, [np.asarray(e.offsets, dtype=np.int64) for e in encodings]

    def _batches(self, lengths: list[int]) -> list[list[int]]:
        """Text indexes, longest first, in runs of at most ``batch_size`` texts and
        ``_TOKEN_BUDGET`` padded tokens, each text at least ``_MIN_FILL`` of its run's longest:
        runs of similar lengths waste little on padding (short texts ran about a third faster,
        full-length passages about a tenth, than with runs filled regardless of length)."""
        batches: list[list[int]] = []
        for i in sorted(range(len(lengths)), key=lambda i: -lengths[i]):
            last = batches[-1] if batches else []
            width = lengths[last[0]] if last else 0
            if (
                last
                and len(last) < self.batch_size
                and (len(last) + 1) * width <= _TOKEN_BUDGET
                and lengths[i] >= _MIN_FILL * width
            ):
                last.append(i)
            else:
                batches.append([i])
        return batches

    def _session(self, threads: int) -> tuple[object, set[str]]:
        """An onnxruntime session using ``threads`` threads, opened on first use.

        A question (a few dozen tokens) runs faster and steadier on one thread than split across
        cores that other work is using; batches of passages use every core.
        """
        with self._lock:
            if threads not in self._sessions:
                import onnxruntime

                options = onnxruntime.SessionOptions()
                options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
                options.intra_op_num_threads = threads
                options.log_severity_level = 3
                session = onnxruntime.InferenceSession(str(self._path), options, providers=["CPUExecutionProvider"])
                self._sessions[threads] = (session, {i.name for i in session.get_inputs()})
            return self._sessions[threads]  # type: ignore[return-value]


def exported_model(folder: Path, cache_dir: Path, quantize: bool) -> Path:
    """The cached ONNX file for a model directory, exported (and quantised) on first use."""
    target = cache_dir / f"{folder.name}-{_fingerprint(folder)}" / ("model-int8.onnx" if quantize else "model.onnx")
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    plain = target.with_name("model.onnx")
    if not plain.exists():
        logger.info("exporting %s to ONNX (once) in %s", folder, plain.parent)
        _atomic(plain, lambda tmp: _optimize(_export(folder, tmp), tmp))
    if quantize:
        logger.info("quantising %s to int8", plain)
        _atomic(target, lambda tmp: _quantize(plain, tmp))
    return target


def _export(folder: Path, path: Path) -> dict[str, int]:
    """Export the model's transformer (token vectors out) with ``torch.onnx``; returns its config."""
    try:
        import torch
        from transformers import AutoModel
        from transformers.utils import logging as transformers_logging
    except ImportError as exc:  # pragma: no cover - declared dependencies
        raise ConfigError("exporting the model to ONNX needs torch and transformers") from exc
    transformers_logging.disable_progress_bar()

    class _TokenVectors(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = AutoModel.from_pretrained(str(folder), local_files_only=True, attn_implementation="eager")

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    module = _TokenVectors().eval()
    sample = torch.ones((2, 8), dtype=torch.int64)
    axes = {name: {0: "batch", 1: "tokens"} for name in (*_INPUTS, "token_vectors")}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on shapes it treats as constant
        torch.onnx.export(
            module,
            (sample, sample, torch.zeros_like(sample)),
            str(path),
            input_names=list(_INPUTS),
            output_names=["token_vectors"],
            dynamic_axes=axes,
            opset_version=_OPSET,
            dynamo=False,
        )
    config = module.model.config
    return {"num_heads": int(config.num_attention_heads), "hidden_size": int(config.hidden_size)}


def _optimize(config: dict[str, int], path: Path) -> None:
    """Fuse attention, layer norms and GELU (onnxruntime's transformer optimizer) where the model
    is BERT-like; about twice as fast on a CPU, with the same outputs to float precision."""
    try:
        from onnxruntime.transformers import optimizer
    except ImportError:  # pragma: no cover - the optimizer ships with onnxruntime
        return
    try:
        optimized = optimizer.optimize_model(str(path), model_type="bert", opt_level=1, **config)
    except Exception as exc:  # a graph the optimizer does not know: keep it unfused
        logger.warning("could not optimise the ONNX model (%s); using it as exported", exc)
        return
    optimized.save_model_to_file(str(path))


def _quantize(source: Path, path: Path) -> None:
    """Dynamic int8 quantisation of the weights, one scale per output channel."""
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:  # pragma: no cover - onnx comes with the onnx extra
        raise ConfigError("quantising the model needs the onnx package (pip install onnx)") from exc
    from onnx import TensorProto

    logging.disable(logging.WARNING)  # the quantiser logs advice to the root logger
    try:
        # fused operators defeat shape inference; their outputs are float32
        quantize_dynamic(
            str(source),
            str(path),
            per_channel=True,
            weight_type=QuantType.QInt8,
            extra_options={"DefaultTensorType": TensorProto.FLOAT},
        )
    finally:
        logging.disable(logging.NOTSET)


def _atomic(target: Path, write: object) -> None:
    """Write ``target`` through a temporary file in the same folder, so readers never see half of it."""
    handle, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".onnx", dir=target.parent)
    os.close(handle)
    try:
        write(Path(tmp))  # type: ignore[operator]
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _fingerprint(folder: Path) -> str:
    """A short key for a model directory's files (names, sizes and modification times)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(folder)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:12]


def _max_seq_length(folder: Path) -> int:
    config = folder / "sentence_bert_config.json"
    if config.exists():
        return int(json.loads(config.read_text(encoding="utf-8")).get("max_seq_length", 256))
    return 256

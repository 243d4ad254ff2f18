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


def test_a_misspelt_key_is_an_error_that_names_it(tmp_path):
    user = tmp_path / "typo.yaml"
    user.write_text("extract:\n  min_txt_chars: 50\n")
    with pytest.raises(SettingsError, match=r"typo.yaml: unknown setting 'extract.min_txt_chars' "
                                            r"\(did you mean extract.min_text_chars\?\)"):
        load_settings(user)


def test_an_unknown_section_is_an_error(tmp_path):
    user = tmp_path / "extra.yaml"
    user.write_text("coder:\n  verbs: x\n")
    with pytest.raises(SettingsError, match="unknown setting 'coder'"):
        load_settings(user)


@pytest.mark.parametrize("text, key", [
    ("nlp:\n  batch_size: many\n", "nlp.batch_size"),
    ("actors:\n  builtin: 1\n", "actors.builtin"),
    ("stories:\n  weights: {terms: high}\n", "stories.weights.terms"),
    ("extract:\n  languages: en\n", "extract.languages"),
])
def test_a_value_of_another_kind_than_its_default_is_an_error(tmp_path, text, key):
    user = tmp_path / "kinds.yaml"
    user.write_text(text)
    with pytest.raises(SettingsError, match=f"setting '{key}' must be"):
        load_settings(user)


def test_null_defaults_take_a_path_and_numbers_take_integers(tmp_path):
    user = tmp_path / "ok.yaml"
    user.write_text("actors:\n  dictionary: my.actors.txt\nstories:\n  similarity_threshold: 1\n")
    settings = load_settings(user)
    assert settings.get("actors.dictionary") == "my.actors.txt"
    assert settings.get("stories.similarity_threshold") == 1


def test_overrides_are_checked_too():
    with pytest.raises(SettingsError, match="unknown setting 'run.wrokers'"):
        load_settings().with_overrides({"run.wrokers": 2})


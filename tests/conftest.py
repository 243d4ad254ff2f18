"""Shared fixtures: the settings and the spaCy pipeline are loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventscope.settings import Settings, load_settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "samples" / "seeds"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings()


@pytest.fixture(scope="session")
def spacy_nlp(settings: Settings):
    from eventscope.nlp.analyse import load_pipeline

    return load_pipeline(settings.get("nlp.model"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"sample articles not found at {SEEDS}")
    return SEEDS

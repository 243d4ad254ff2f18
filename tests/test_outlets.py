"""An article naming no country at all is about its outlet's country, as its readers take it
("the government" in a BBC story is the UK's); an article naming one keeps it."""

from __future__ import annotations

import pytest

from eventscope.actors.outlets import outlet_country
from eventscope.pipeline import Processed, Stages, process_batch
from eventscope.records import RawInput

STORY = ("Ministers should change the law to protect workers who report safety risks, union leaders said "
         "on Tuesday. The government said it would study the proposal. Officials declined to say when.")


@pytest.mark.parametrize("outlet, country", [
    ("BBC News", "GBR"), ("The Guardian", "GBR"), ("https://www.nytimes.com/2019/06/20/world/x.html", "USA"),
    ("www.smh.com.au", "AUS"), ("lemonde.fr", "FRA"), ("www.bbc.co.uk", "GBR"),
    # wire agencies write about the world; a domain sold for its letters says nothing
    ("Reuters", None), ("example.tv", None), ("Some Local Blog", None), (None, None),
])
def test_an_outlets_home_country(outlet, country):
    assert outlet_country(outlet) == country


@pytest.fixture(scope="module")
def stages(settings) -> Stages:
    return Stages.load(settings)


def article_country(stages: Stages, text: str, outlet: str | None) -> tuple[str | None, set[str]]:
    meta = {"published": "2019-06-20", **({"outlet": outlet} if outlet else {})}
    result = process_batch([RawInput(source="outlet", content=text, kind="text", meta=meta)], stages)[0]
    assert isinstance(result, Processed)
    return result.article.country, {m.actor.code or "" for m in result.article.mentions}


def test_a_story_naming_no_country_is_about_its_outlets(stages):
    assert article_country(stages, STORY, "BBC News")[0] == "GBR"
    assert "GBRGOV" in article_country(stages, STORY, "BBC News")[1]
    assert "USAGOV" in article_country(stages, STORY, "washingtonpost.com")[1]
    country, codes = article_country(stages, STORY, None)
    assert country is None and not any(code.endswith("GOV") for code in codes)


def test_a_story_naming_its_country_keeps_it_whatever_the_outlet(stages):
    text = STORY.replace("union leaders said", "Kenyan union leaders said in Nairobi") + " Kenya's ministers met."
    assert article_country(stages, text, "BBC News")[0] == "KEN"

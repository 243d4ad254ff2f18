"""Well-known people of several countries and periods get the code of the office they held at
the article's date (data/actors/people_*.yaml, Phoenix for earlier offices), through the whole
pipeline, on sentences written for these tests."""

from __future__ import annotations

import pytest

from eventscope.pipeline.stages import Stages, process_batch
from eventscope.records import Article, RawInput

SENTENCES = (
    "{name} criticised the plan on Tuesday.",
    "On Monday, {name} rejected the proposal.",
    "{name} met officials in the capital on Wednesday.",
)

PEOPLE = [
    # United States: Congress, cabinet, agencies, courts, governors, and the offices after them
    ("Chuck Schumer", "2018-03-01", "USALEG"),
    ("Mitch McConnell", "2021-06-01", "USALEG"),
    ("Mike Pompeo", "2014-06-01", "USALEG"),
    ("Mike Pompeo", "2017-06-01", "USASPY"),
    ("Mike Pompeo", "2019-06-01", "USAGOV"),
    ("Lindsey Graham", "2010-05-01", "USALEG"),
    ("Lindsey Graham", "2023-05-01", "USALEG"),
    ("Rex Tillerson", "2015-06-01", "USABUS"),
    ("Rex Tillerson", "2017-10-01", "USAGOV"),
    ("Rex Tillerson", "2019-06-01", "USAELI"),
    ("Hillary Clinton", "2005-06-01", "USALEG"),
    ("Hillary Clinton", "2011-06-01", "USAGOV"),
    ("Hillary Clinton", "2016-06-01", "USAELI"),
    ("John Kerry", "2015-06-01", "USAGOV"),
    ("John Kerry", "2019-06-01", "USAELI"),
    ("Jeff Sessions", "2016-06-01", "USALEG"),
    ("Jeff Sessions", "2018-06-01", "USAGOV"),
    ("Nikki Haley", "2017-06-01", "USAGOV"),
    ("Nikki Haley", "2023-06-01", "USAELI"),
    ("Merrick Garland", "2016-06-01", "USAJUD"),
    ("Merrick Garland", "2022-06-01", "USAGOV"),
    ("James Comey", "2015-06-01", "USACOP"),
    ("Gina Haspel", "2019-06-01", "USASPY"),
    ("Ruth Bader Ginsburg", "2015-06-01", "USAJUD"),
    ("Harry Reid", "2019-06-01", "USAELI"),
    ("Ron DeSantis", "2021-06-01", "USAGOV"),
    ("Mark Milley", "2020-06-01", "USAMIL"),
    ("Mike Huckabee", "2015-06-01", "USAELI"),
    ("Anthony Fauci", "2020-06-01", "USAGOVHLH"),
    # the rest of the world
    ("Sergei Lavrov", "2016-06-01", "RUSGOV"),
    ("Alexei Navalny", "2020-06-01", "RUSOPP"),
    ("Petro Poroshenko", "2016-06-01", "UKRGOV"),
    ("Petro Poroshenko", "2021-06-01", "UKRLEG"),
    ("Benjamin Netanyahu", "2015-06-01", "ISRGOV"),
    ("Benjamin Netanyahu", "2022-03-01", "ISROPP"),
    ("Yair Lapid", "2022-09-01", "ISRGOV"),
    ("Ismail Haniyeh", "2019-06-01", "PSEREBHMS"),
    ("Ebrahim Raisi", "2020-06-01", "IRNJUD"),
    ("Ebrahim Raisi", "2022-06-01", "IRNGOV"),
    ("Haider al-Abadi", "2016-06-01", "IRQGOV"),
    ("Barham Salih", "2005-06-01", "IRQGOV"),
    ("Barham Salih", "2015-06-01", "IRQELI"),
    ("Barham Salih", "2020-06-01", "IRQGOV"),
    ("Hakan Fidan", "2016-06-01", "TURSPY"),
    ("Hakan Fidan", "2024-06-01", "TURGOV"),
    ("Imran Khan", "2020-06-01", "PAKGOV"),
    ("Imran Khan", "2023-06-01", "PAKOPP"),
    ("Wang Yi", "2018-06-01", "CHNGOV"),
    ("Moon Jae-in", "2018-06-01", "KORGOV"),
    ("Jens Stoltenberg", "2018-06-01", "IGOWSTNAT"),
    ("Antonio Guterres", "2018-06-01", "IGOUNO"),
    ("David Cameron", "2012-06-01", "GBRGOV"),
    ("David Cameron", "2019-06-01", "GBRELI"),
    ("David Cameron", "2024-01-10", "GBRGOV"),
    ("Jeremy Corbyn", "2017-06-01", "GBROPP"),
    ("Francois Hollande", "2014-06-01", "FRAGOV"),
    ("Jacob Zuma", "2012-06-01", "ZAFGOV"),
    ("Andres Manuel Lopez Obrador", "2020-06-01", "MEXGOV"),
    ("Bashar al-Assad", "2016-06-01", "SYRGOV"),
    ("Bashar al-Assad", "2025-03-01", "SYRELI"),
    ("Robert Mugabe", "2019-06-01", "ZWEELI"),
    ("Silvio Berlusconi", "2005-06-01", "ITAGOV"),
]


@pytest.fixture(scope="module")
def stages(settings) -> Stages:
    return Stages.load(settings)


def processed(stages: Stages, text: str, day: str) -> Article:
    (result,) = process_batch([RawInput("test.txt", text, "text", {"published": day})], stages)
    return result.article


@pytest.mark.parametrize(("index", "name", "day", "code"), [(i, *case) for i, case in enumerate(PEOPLE)])
def test_a_known_person_has_the_code_of_their_office_at_the_articles_date(stages, index, name, day, code):
    article = processed(stages, SENTENCES[index % len(SENTENCES)].format(name=name), day)
    found = [mention.actor.code for mention in article.mentions if mention.text == name]
    assert found == [code]


def test_a_surname_after_the_full_name_is_the_same_person(stages):
    text = "Chuck Schumer criticised the bill on Tuesday. Later, Schumer met the Republican leader Mitch McConnell."
    article = processed(stages, text, "2018-03-01")
    full = next(mention for mention in article.mentions if mention.text == "Chuck Schumer")
    surname = next(mention for mention in article.mentions if mention.text == "Schumer")
    assert surname.actor.id == full.actor.id and surname.actor.code == "USALEG"


def test_an_event_between_well_known_people_has_both_their_codes(stages):
    article = processed(stages, "Lindsey Graham urged Rex Tillerson to resign on Tuesday.", "2017-11-07")
    dyads = {(event.source_actor.code, event.target_actor.code) for event in article.events
             if event.source_actor and event.target_actor}
    assert ("USALEG", "USAGOV") in dyads

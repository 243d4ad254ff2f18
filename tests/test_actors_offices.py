"""Actors: what an office title says of its holder: a cabinet title headed by its office
word, a shadow office, an opposition legislator (issue #17)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventscope import actors, nlp
from eventscope.actors.build import company_code
from eventscope.actors.kb import ActorKB
from eventscope.records import Article

DAY = dt.date(2005, 2, 1)


@pytest.fixture(scope="module")
def kb(settings) -> ActorKB:
    return actors.load_actor_kb(settings)


def resolve(text: str, settings, kb: ActorKB, published: dt.date | None = DAY) -> Article:
    article = Article(id="t", source="t", title=None, outlet=None, author=None, published=published,
                      text=text, language="en")
    return actors.resolve_mentions(next(nlp.analyse([article], settings)), kb)


def code_of(found: Article, text: str) -> str | None:
    matches = [m for m in found.mentions if m.text == text]
    assert matches, f"no mention {text!r} in {[m.text for m in found.mentions]}"
    return matches[0].actor.code


def test_a_cabinet_title_is_the_governments_whatever_its_portfolio_names(settings, kb):
    found = resolve("The Trade and Industry Secretary Alan Whitcombe praised the firms of Britain. "
                    "Culture Secretary Jane Pemberton visited a museum in Leeds.", settings, kb)
    assert code_of(found, "Alan Whitcombe") == "GBRGOV"  # not the industry's (BUS)
    assert code_of(found, "Jane Pemberton") == "GBRGOV"


def test_a_shadow_office_is_the_oppositions(settings, kb):
    found = resolve("Conservative shadow culture secretary Tom Ashworth attacked the casino plans in London. "
                    "The Culture Secretary, Jane Pemberton, defended them.", settings, kb)
    assert code_of(found, "Tom Ashworth") == "GBROPP"
    assert code_of(found, "Jane Pemberton") == "GBRGOV"


def test_opposition_lawmakers_are_the_opposition_and_lawmakers_the_legislature(settings, kb):
    found = resolve("Opposition lawmakers in Ankara walked out of the debate. "
                    "Turkish lawmakers then passed the budget.", settings, kb)
    assert code_of(found, "Opposition lawmakers in Ankara")[:6] == "TUROPP"
    assert code_of(found, "Turkish lawmakers") == "TURLEG"


def test_a_civilian_named_by_a_noun_whom_a_clause_accuses_is_a_criminal_and_no_other(settings, kb):
    found = resolve("Police in Ohio said the man was charged with robbing a bank in Dayton. "
                    "A woman who was sentenced to life in Ohio had attacked two residents of Dayton. "
                    "Residents of Dayton welcomed the verdict.", settings, kb)
    assert code_of(found, "man") == "USACRM"
    assert code_of(found, "woman") == "USACRM"
    assert code_of(found, "Residents") == "USACVL"


def test_human_rights_groups_are_non_governmental_organisations_of_that_kind(settings, kb):
    found = resolve("Human rights groups in Britain condemned the new detention law.", settings, kb)
    assert code_of(found, "Human rights groups in Britain") == "GBRNGOHRI"


def test_phoenix_firms_are_their_countrys_business_or_media():
    known = {"DEU", "USA", "JPN"}
    assert company_code("MNCDEU", known) == "DEUBUS"
    assert company_code("MNCUSAHLH", known) == "USABUS"
    assert company_code("MNCUSAMED", known) == "USAMED"
    assert company_code("MNC", known) == "MNC"  # no home country stated
    assert company_code("USAGOV", known) == "USAGOV"


def test_a_known_firm_is_its_countrys_business_but_does_not_make_the_article_about_that_country(settings, kb):
    found = resolve("Deutsche Bank advised the bidders. Deutsche Bank said it had acted lawfully. "
                    "Fraud squads in London and Manchester questioned the bidders. "
                    "The police said they had arrested two men.", settings, kb)
    assert code_of(found, "Deutsche Bank") == "DEUBUS"
    assert code_of(found, "police") == "GBRCOP"


def test_post_nominal_letters_say_who_the_person_is_and_are_no_part_of_the_name(settings, kb):
    found = resolve("Edward Marlowe QC quit in protest at the ruling in London. "
                    "Mr Marlowe criticised the Home Office.", settings, kb)
    assert code_of(found, "Edward Marlowe") == "GBRJUD"
    assert code_of(found, "Marlowe") == "GBRJUD"  # the same person, named by surname


def test_an_international_organisations_officials_and_forces_are_that_organisation(settings, kb):
    found = resolve("Opposition grew in London. European Union finance ministers criticised the British plan. "
                    "NATO troops arrived in Kabul.", settings, kb)
    assert code_of(found, "European Union finance ministers") == "IGOEUREEC"  # not the article's GBRGOV
    assert code_of(found, "NATO troops") == "IGOWSTNAT"


def test_a_party_beside_its_mps_is_no_part_of_a_name_the_tagger_finds(settings, kb):
    # the tagger reads "Lib Dem MPs" here as a person's name; MPs is a role word, no name
    found = resolve("The government in London is facing opposition from Tory and Lib Dem MPs.", settings, kb)
    assert code_of(found, "Lib Dem MPs") == "GBROPP"


def test_a_party_named_by_the_noun_alone_is_a_party_of_the_articles_country(settings, kb):
    found = resolve("Ministers in London defended the budget. Britain's Treasury published it on Monday. "
                    "The party argues the two members should give up their seats.", settings, kb)
    assert code_of(found, "party") == "GBRPTY"


def test_institutional_role_nouns_name_their_body(settings, kb):
    found = resolve("The Treasury in London published the plan. Backbenchers attacked it in the Commons. "
                    "Unions threatened a strike and a watchdog in London opened an inquiry. "
                    "Two prison guards were hurt by an inmate in Britain.", settings, kb)
    assert code_of(found, "Backbenchers") == "GBRLEG"
    assert code_of(found, "Unions") == "GBRLAB"
    assert code_of(found, "watchdog") == "GBRGOV"
    assert code_of(found, "prison guards") == "GBRCOP"
    assert code_of(found, "inmate in Britain") == "GBRCVL"


def test_a_bodys_name_says_its_sector_by_its_head_noun(settings, kb):
    found = resolve("Ministers in London defended the plan. Britain's Treasury published it. "
                    "The Pemberton Society criticised the plan. Thornbury Hospital Trust warned patients. "
                    "The Gas Markets Authority fined the firm.", settings, kb)
    assert code_of(found, "Pemberton Society") == "GBRNGO"
    assert code_of(found, "Thornbury Hospital Trust") == "GBRHLH"
    assert code_of(found, "Gas Markets Authority") == "GBRGOV"


def test_a_former_public_office_makes_an_elite_but_a_former_boss_stays_in_business(settings, kb):
    found = resolve("Speaking at the trial of his former boss Bernard Ebbers in New York, Scott Sullivan said he lied. "
                    "Former British defence minister Arthur Pennington criticised the army.", settings, kb)
    assert code_of(found, "Bernard Ebbers") == "USABUS"
    assert code_of(found, "Arthur Pennington") == "GBRELI"

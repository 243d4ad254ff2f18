"""Actors: who people and groups the dictionary does not name are, from titles, roles,
the article's other mentions and pronouns (issue #17)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventscope import actors, nlp
from eventscope.actors.build import agent_sector
from eventscope.actors.kb import ActorKB, CodeSpell, KBEntry
from eventscope.nlp.analyse import analyse
from eventscope.pipeline import Stages
from eventscope.records import Article

DAY = dt.date(2005, 2, 1)


@pytest.fixture(scope="module")
def kb(settings) -> ActorKB:
    return actors.load_actor_kb(settings)


def article(text: str, published: dt.date | None = DAY) -> Article:
    return Article(id="t", source="t", title=None, outlet=None, author=None, published=published,
                   text=text, language="en")


def resolve(text: str, settings, kb: ActorKB, published: dt.date | None = DAY) -> Article:
    return actors.resolve_mentions(next(nlp.analyse([article(text, published)], settings)), kb)


def mentions_of(found: Article, text: str) -> list:
    return [m for m in found.mentions if m.text == text]


def code_of(found: Article, text: str) -> str | None:
    matches = mentions_of(found, text)
    assert matches, f"no mention {text!r} in {[m.text for m in found.mentions]}"
    return matches[0].actor.code


def test_clergy_are_religious_figures_whatever_religion_the_phoenix_agent_names():
    config = {"religion_codes": ["CHR", "MUS"], "clergy_words": ["priest", "bishop", "cleric"],
              "sector_aliases": {"PPL": "CVL"}}
    assert agent_sector("catholic priest", "CHRCTH", config) == "REL"
    assert agent_sector("catholic bishops", "CHRCTH", config) == "REL"
    assert agent_sector("muslim cleric", "MUS", config) == "REL"
    assert agent_sector("muslims", "MUS", {**config, "believers": ["muslims"]}) == "CVL"
    assert agent_sector("islamists", "MUS", {**config, "believers": ["muslims"]}) == "MUS"
    assert agent_sector("people", "PPL", config) == "CVL"
    assert agent_sector("soldier", "MIL", config) == "MIL"


def test_a_clergy_word_beside_a_country_is_that_countrys_religious_figure(settings, kb):
    found = resolve("The Kenyan archbishop condemned the attack. A Catholic priest in Zimbabwe urged calm.",
                    settings, kb)
    assert code_of(found, "Kenyan archbishop") == "KENREL"


def test_a_titled_unknown_person_takes_the_country_the_article_gives_their_role(settings, kb):
    text = ("Archbishop Desmond Tutu has called for the release of prisoners held by the UK. "
            "The British government said the prisoners were dangerous. "
            "The South African archbishop said detentions without trial were unacceptable.")
    found = resolve(text, settings, kb)
    assert code_of(found, "Desmond Tutu") == "ZAFREL"


def test_a_titled_unknown_person_without_a_country_for_the_role_takes_the_articles(settings, kb):
    text = ("The British government said the prisoners were dangerous. British police agreed. "
            "Archbishop Rowan Hale called for their release.")
    assert code_of(resolve(text, settings, kb), "Rowan Hale") == "GBRREL"


def test_a_general_secretary_is_no_general(settings, kb):
    text = ("The British government faced questions from British unions in London. "
            "General secretary Brendan Barber called for a change in the law.")
    found = resolve(text, settings, kb)
    barber = mentions_of(found, "Brendan Barber")[0].actor
    assert barber.country == "GBR" and barber.sector != "MIL"


def test_a_family_name_written_first_is_the_person_later(settings, kb):
    text = ("South Korean President Yoon Suk Yeol declared martial law on Tuesday. "
            "Lawmakers in Seoul voted to lift it. Yoon apologized for the decision on Saturday.")
    found = resolve(text, settings, kb, dt.date(2024, 12, 7))
    assert mentions_of(found, "Yoon")[0].actor.id == mentions_of(found, "Yoon Suk Yeol")[0].actor.id


def test_a_first_word_shared_by_two_full_names_stays_unresolved(settings, kb):
    text = ("British police questioned Kim Holloway and Kim Barrett in London on Monday. "
            "Kim said the British government had failed.")
    found = resolve(text, settings, kb)
    assert not mentions_of(found, "Kim")


def test_a_first_word_inside_a_longer_name_or_as_a_place_is_not_the_person(settings, kb):
    text = ("British police questioned Jordan Holloway in London on Monday. "
            "The British government sent arms to Jordan. Jordan Street was closed.")
    found = resolve(text, settings, kb)
    assert all(m.actor.kind != "person" for m in found.mentions if m.text == "Jordan")


def test_they_is_the_plural_group_that_was_the_subject_just_before(settings, kb):
    text = ("The Tories have backed the plan for identity cards. "
            "They said they would hold ministers to account over its cost.")
    found = resolve(text, settings, kb)
    they = mentions_of(found, "They")
    assert they and they[0].actor.id == mentions_of(found, "Tories")[0].actor.id


def test_they_inside_a_clause_or_after_a_singular_subject_is_no_group(settings, kb):
    text = ("The British government has backed the plan for identity cards. "
            "They said the cost would fall. Ministers claimed that they would save money.")
    found = resolve(text, settings, kb)
    assert not mentions_of(found, "They") and not mentions_of(found, "they")


@pytest.mark.parametrize(("text", "word", "code"), [
    ("Greek police fired tear gas in Athens. Unionists marched on parliament on Thursday.", "Unionists", "GRCLAB"),
    ("British police arrested two men in London. Fans threw bottles at the stadium.", "Fans", "GBRCVL"),
])
def test_group_nouns_take_the_articles_country_and_their_sector(settings, kb, text, word, code):
    assert code_of(resolve(text, settings, kb), word) == code


def test_the_triage_parses_a_they_sentence_after_a_parsed_one(settings):
    stages = Stages.load(settings.with_overrides({"nlp.parse": "candidates"}))
    text = ("The Tories have backed the plan for identity cards. "
            "They accused ministers of hiding its cost. "
            "The weather was mild all week.")
    analysed = next(analyse([article(text)], settings, stages.triage))
    assert [s.parsed for s in analysed.sentences] == [True, True, False]


def test_a_persons_dated_role_is_not_theirs_outside_its_dates():
    minister = KBEntry("p:short", "Clare Short", "person",
                       (CodeSpell("GBRGOVDEV", dt.date(1997, 5, 2), dt.date(2003, 5, 12)),), "GBR")
    assert minister.code_on(dt.date(2002, 1, 1)) == "GBRGOVDEV"
    assert minister.code_on(dt.date(2005, 1, 1)) == "GBR"
    assert minister.code_on(None) == "GBRGOVDEV"  # undated text is about the office
    party = KBEntry("g:labour", "Labour", "group", (CodeSpell("GBRGOV", dt.date(1997, 5, 2), dt.date(2010, 5, 11)),),
                    "GBR")
    assert party.code_on(dt.date(2012, 1, 1)) == "GBRGOV"


def test_the_imf_and_wto_are_coded_as_the_conventions_code_them(kb):
    assert kb.lookup("IMF").code_on(DAY) == "IGOUNODEVIMF"
    assert kb.lookup("World Trade Organization").code_on(DAY) == "IGOUNOBUSWTO"


def test_a_person_named_again_with_a_role_takes_its_sector(settings, kb):
    text = ("A sheriff's deputy was shot in Los Angeles County, California, on Friday. "
            "Police arrested Jose Luis Orozco in Texas on Saturday. "
            "Orozco, a known gang member, was also suspected of violating parole.")
    found = resolve(text, settings, kb, dt.date(2012, 3, 5))
    assert {m.actor.code for m in found.mentions if "Orozco" in m.text} == {"USACRM"}


def test_a_rank_takes_the_sector_of_the_service_beside_it(settings, kb):
    text = ("A sheriff's deputy was shot in Los Angeles County, California, on Friday. "
            "Los Angeles County Sheriff's Deputy Jerry Ortiz was looking for a man. "
            "Police arrested the man in Texas on Saturday.")
    found = resolve(text, settings, kb, dt.date(2012, 3, 5))
    assert code_of(found, "Jerry Ortiz") == "USACOP"
    minister = resolve("Iraqi Deputy Foreign Minister Ahmed Fakhri met the envoy.", settings, kb, DAY)
    assert code_of(minister, "Ahmed Fakhri") == "IRQGOV"


@pytest.mark.parametrize(("day", "code"), [(DAY, "GBRPTY"), (dt.date(2015, 1, 5), "GBROPP")])
def test_a_party_without_seats_in_parliament_is_a_party_not_the_opposition(settings, kb, day, code):
    found = resolve("UKIP criticised the government's plan for identity cards.", settings, kb, day)
    assert code_of(found, "UKIP") == code


def test_the_shadow_cabinet_is_the_opposition(settings, kb):
    text = "The shadow cabinet backed the British government's plan in London."
    assert code_of(resolve(text, settings, kb), "shadow cabinet") == "GBROPP"


def test_a_bare_role_in_an_article_about_several_countries_takes_the_one_its_role_has(settings, kb):
    text = ("The Indian navy captured Somali pirates off the coast on Saturday. "
            "Thai and Yemeni sailors were freed, the navy said.")
    found = resolve(text, settings, kb)
    assert code_of(found, "navy") == "INDMIL"
    assert not mentions_of(resolve("Somali and Yemeni pirates surrendered, the navy said.", settings, kb), "navy")


@pytest.mark.parametrize(("text", "name", "code"), [
    (("British doctors criticised the plan. Andy Williams, chief executive of Powys Local Health Board, said the "
      "British government had failed."),
     "Andy Williams", "GBRHLH"),
    ("Kenyan police spokesman Charles Owino said the Kenyan government would act.", "Charles Owino", "KENCOP"),
    ("Kenyan government spokesman Alfred Mutua said the Kenyan police would act.", "Alfred Mutua", "KENGOV"),
])
def test_an_organisations_role_takes_the_sector_of_the_body_it_serves(settings, kb, text, name, code):
    assert code_of(resolve(text, settings, kb), name) == code


@pytest.mark.parametrize(("text", "name", "code"), [
    ("British ministers met in London. Judge Mary Ellison criticised the British government.", "Mary Ellison",
     "GBRJUD"),
    ("British ministers met in London. Professor Mary Ellison criticised the British government.", "Mary Ellison",
     "GBREDU"),
    ("British ministers met in London. Mayor Mary Ellison criticised the British government.", "Mary Ellison",
     "GBRGOV"),
])
def test_a_title_before_an_unknown_name_gives_its_sector(settings, kb, text, name, code):
    assert code_of(resolve(text, settings, kb), name) == code


def test_a_peers_title_is_no_part_of_her_name(settings, kb):
    text = ("Betty Boothroyd criticised the British government in London. British ministers disagreed. "
            "Lady Boothroyd said the plan would fail.")
    found = resolve(text, settings, kb)
    lady = [m for m in found.mentions if "Boothroyd" in m.text][-1]
    assert lady.text == "Boothroyd" and lady.actor.id == mentions_of(found, "Betty Boothroyd")[0].actor.id


def test_a_bare_role_takes_the_country_its_role_has_over_the_articles(settings, kb):
    text = ("Palestinian officials in Gaza said Palestinian civilians and Palestinian children died. "
            "The Israeli military said it had bombed tunnels. Palestinian medics treated the wounded. "
            "The military said the strikes would go on.")
    found = resolve(text, settings, kb)
    assert mentions_of(found, "military")[-1].actor.code == "ISRMIL"


def test_a_country_named_like_a_state_of_the_articles_country_gives_no_role_its_country(settings, kb):
    text = ("A sheriff's deputy was shot in Los Angeles County, California, on Friday. "
            "Georgia prosecutors charged a man in Texas. Prosecutors said he would be tried.")
    found = resolve(text, settings, kb, dt.date(2012, 3, 5))
    assert mentions_of(found, "Prosecutors")[-1].actor.code == "USAJUD"


def test_a_former_minister_is_an_elite_but_a_former_party_leader_stays_in_the_party(settings, kb):
    text = ("British police questioned ministers in London. "
            "Former Cabinet minister Mary Ellison criticised the plan. "
            "Former Tory leader John Hale backed it.")
    found = resolve(text, settings, kb)
    assert code_of(found, "Mary Ellison") == "GBRELI"
    assert code_of(found, "John Hale") == "GBROPP"


def test_a_division_named_like_another_country_is_no_mention_of_that_country(settings, kb):
    text = ("British police questioned ministers in London. "
            "The Northern Ireland minister met British officials in Belfast.")
    found = resolve(text, settings, kb)
    assert not [m for m in found.mentions if m.actor.country == "IRL"]


def test_local_news_naming_only_its_towns_is_about_their_country(settings, kb):
    text = ("A girl was killed by a stray bullet on an Albany street last year. "
            "Jurors in an Albany court heard that police arrested a 16-year-old. "
            "Prosecutors said he would be tried for murder.")
    found = resolve(text, settings, kb, dt.date(2011, 3, 2))
    assert code_of(found, "Prosecutors") == "USAJUD"
    alone = resolve("Prosecutors said he would be tried for murder on an Albany street.", settings, kb,
                    dt.date(2011, 3, 2))
    assert not mentions_of(alone, "Prosecutors")  # one town named once says too little
    party = resolve("Police questioned the Liberal Democrats. Officials of the Liberal Democrats said police erred.",
                    settings, kb, dt.date(2011, 3, 2))
    assert not [m for m in party.mentions if m.actor.country == "USA"]  # Liberal, Kansas is no party


def test_an_abbreviated_clergy_title_makes_a_religious_figure(settings, kb):
    text = ("American police arrested three men in New York. "
            "Rev. Al Jennings criticised the American police on Tuesday.")
    assert code_of(resolve(text, settings, kb), "Al Jennings") == "USAREL"


def test_a_person_given_a_home_town_or_an_age_is_a_civilian(settings, kb):
    found = resolve("Tariq Dervish, from Leeds, was held without charge in Belmarsh prison. British ministers "
                    "said London would ask for his release, and Dervish thanked Britain.", settings, kb)
    assert code_of(found, "Tariq Dervish") == "GBRCVL"
    assert code_of(found, "Dervish") == "GBRCVL"
    aged = resolve("Police in Ohio said Margaret Olander, 71, was robbed in Columbus. Ohio police and the "
                   "Columbus mayor appealed for witnesses.", settings, kb)
    assert code_of(aged, "Margaret Olander") == "USACVL"


def test_a_person_with_a_role_or_no_private_cue_keeps_their_sector(settings, kb):
    found = resolve("Tariq Dervish, 45, a police officer, was praised by British ministers. Helen Carvery said "
                    "London and Britain had failed.", settings, kb)
    assert code_of(found, "Tariq Dervish") == "GBRCOP"
    assert code_of(found, "Helen Carvery") == "GBR"


def test_a_companys_officers_are_business_people_not_soldiers(settings, kb):
    found = resolve("The former chief financial officer at US retailer Kmart admitted fraud in a New York court. "
                    "Dana Ruiz, Kmart's chief operating officer, was charged. The US army said an officer was "
                    "wounded in Texas.", settings, kb)
    assert code_of(found, "chief financial officer") == "USABUS"
    assert code_of(found, "Dana Ruiz") == "USABUS"
    assert code_of(found, "officer") == "USAMIL"


# -- what the text says someone is: accused, foreign, of a party, of a town (round four) ----------


def test_a_person_a_clause_says_is_charged_accused_or_convicted_is_a_criminal(settings, kb):
    found = resolve("Derek Lowry, 34, was arrested and charged with murder in Dayton, Ohio. Ohio police said "
                    "Maria Olsen, who is accused of fraud, had fled. A jury in Ohio found Paul Brandt guilty.",
                    settings, kb)
    assert code_of(found, "Derek Lowry") == "USACRM"
    assert code_of(found, "Maria Olsen") == "USACRM"
    assert code_of(found, "jury") == "USAJUD"


def test_a_plea_without_a_verdict_accuses_no_one(settings, kb):
    found = resolve("Ohio police said Maria Olsen pleaded with the Ohio governor to reopen the case in Dayton.",
                    settings, kb)
    assert code_of(found, "Maria Olsen") == "USA"


def test_protesters_and_crowds_are_civilians(settings, kb):
    found = resolve("Greek police fought protesters in Athens as demonstrators tried to storm the Greek parliament.",
                    settings, kb)
    assert code_of(found, "protesters in Athens") == "GRCCVL"
    assert code_of(found, "demonstrators") == "GRCCVL"


def test_a_hyphenated_name_is_whole_and_takes_its_partys_sector(settings, kb):
    found = resolve("Kim Tae-hoon, the leader of the PPP, urged South Korean President Yoon Suk Yeol to resign in "
                    "Seoul.", settings, kb, dt.date(2024, 12, 8))
    assert code_of(found, "Kim Tae-hoon") == "KORPTY"


def test_a_party_name_other_countries_share_names_the_local_party(settings, kb):
    korea = resolve("South Korean police guarded Seoul. Park Min-jun, leader of the opposition Democratic Party, "
                    "criticised the South Korean government in Seoul.", settings, kb, dt.date(2024, 12, 8))
    assert code_of(korea, "Park Min-jun") == "KOROPP"
    assert not mentions_of(korea, "Democratic Party")
    america = resolve("The Democratic Party criticised the White House in Washington.", settings, kb,
                      dt.date(2018, 3, 1))
    assert code_of(america, "Democratic Party")[:3] == "USA"


def test_a_town_named_before_its_police_places_local_news(settings, kb):
    found = resolve("The Dayton Police Department made an arrest on Friday. Dayton Police Chief Tom Hale said "
                    "officers arrested a man.", settings, kb)
    assert found.country == "USA"
    assert code_of(found, "Tom Hale") == "USACOP"


def test_foreign_people_keep_no_country_and_a_seas_name_places_no_article(settings, kb):
    found = resolve("Gunmen attacked foreign tourists at a hotel in Sousse, Tunisia. Tunisian police said tourists "
                    "were evacuated from Tunisia.", settings, kb)
    assert mentions_of(found, "tourists")[0].actor.code == "---CVL"
    assert mentions_of(found, "tourists")[1].actor.code == "TUNCVL"
    navy = resolve("An Indian warship intercepted pirates in the Gulf of Aden. The Navy seized rifles in the Gulf "
                   "of Aden, the Gulf of Aden patrol said.", settings, kb)
    assert navy.country != "YEM"
    assert code_of(navy, "Navy") == "INDMIL"


def test_a_role_word_owning_something_is_an_actor(settings, kb):
    found = resolve("Kenyan police guarded Nairobi. A Kenyan judge resigned over the government's new security "
                    "laws in Nairobi.", settings, kb)
    assert code_of(found, "government") == "KENGOV"


def test_he_prefers_a_clauses_subject_to_a_name_it_mentions(settings, kb):
    text = ("British ministers met in London. Their plan failed as Archbishop Peter Marlow, the head of the Anglican "
            "church in Britain, praised Mr Tom Hadley's campaign. In a statement, he said the plan was wrong.")
    found = resolve(text, settings, kb)
    assert mentions_of(found, "he")[0].actor.id == mentions_of(found, "Peter Marlow")[0].actor.id


def test_a_governing_party_named_as_an_organisation_is_the_party_as_such(settings, kb):
    found = resolve("Lord Pelham made a donation to the Labour Party in London. Labour plans a maternity pay rise, "
                    "British ministers said.", settings, kb)
    assert code_of(found, "Labour Party") == "GBRPTY"
    assert code_of(found, "Labour") == "GBRGOV"
    opposition = resolve("The Conservative Party attacked British ministers in London.", settings, kb)
    assert code_of(opposition, "Conservative Party") == "GBROPP"


def test_a_name_in_apposition_to_a_role_before_it_takes_that_role(settings, kb):
    found = resolve("The priest, Tendai Moyo, met the Zimbabwean president in Harare. The suspect, Brian Dube, "
                    "was arrested by Zimbabwean police.", settings, kb)
    assert code_of(found, "Tendai Moyo") == "ZWEREL"
    assert code_of(found, "Brian Dube") == "ZWECRM"


def test_a_governing_partys_mps_are_legislators_the_oppositions_the_opposition(settings, kb):
    found = resolve("Some 32 Labour MPs voted against the plan in London. Tory MPs attacked British ministers.",
                    settings, kb)
    assert code_of(found, "Labour MPs") == "GBRLEG"
    assert code_of(found, "Tory MPs") == "GBROPP"


def test_a_plural_demonym_counted_or_undetermined_is_civilians(settings, kb):
    found = resolve("More than 30 Kenyans were killed near Mombasa. The Somalis said they would respond.",
                    settings, kb)
    assert code_of(found, "Kenyans") == "KENCVL"
    assert code_of(found, "Somalis") == "SOM"


def test_local_offices_are_government_and_district_attorneys_judicial(settings, kb):
    found = resolve("City Councilman Tom Reyes criticised American police in Ohio. Assistant district attorney "
                    "Ann Kolb charged the man in Ohio.", settings, kb, dt.date(2013, 3, 12))
    assert code_of(found, "Tom Reyes") == "USAGOV"
    assert code_of(found, "Ann Kolb") == "USAJUD"


def test_a_full_name_joins_the_titled_surname_named_before(settings, kb):
    found = resolve("Science Minister Lord Pelham gave money to the Labour Party in London. David Pelham said he "
                    "was pleased.", settings, kb)
    assert code_of(found, "David Pelham") == "GBRGOV"


def test_a_country_word_reaches_its_role_across_noun_modifiers(settings, kb):
    found = resolve("British police questioned him in London, and an American female defence official tried to "
                    "recruit him.", settings, kb)
    assert code_of(found, "American female defence official")[:3] == "USA"


def test_a_partys_officer_without_a_name_is_the_party(settings, kb):
    found = resolve("Tony Blair spoke in London. The Tory leader supports a reduction.", settings, kb)
    assert code_of(found, "Tory leader") == "GBROPP"


def test_the_partys_officer_named_next_describes_the_person_named_before(settings, kb):
    found = resolve("A cardinal backed Peter Grange's stance in London. The Tory leader supports a reduction.",
                    settings, kb)
    assert code_of(found, "Peter Grange") == "GBROPP"
    two = resolve("A cardinal backed Peter Grange and Anne Holt in London. The Tory leader supports a reduction.",
                  settings, kb)
    assert code_of(two, "Peter Grange") == "GBR"

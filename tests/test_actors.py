"""Actors: knowledge base, PETRARCH dictionaries, resolution through spaCy, cross-article merging."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventscope import actors, nlp
from eventscope.actors.build import build_actor_kb
from eventscope.actors.kb import ActorKB
from eventscope.actors.petrarch import parse_petrarch_actors, parse_petrarch_agents
from eventscope.common.names import same_name
from eventscope.records import Actor, Article

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "petrarch2"


@pytest.fixture(scope="module")
def kb(settings) -> ActorKB:
    return actors.load_actor_kb(settings)


def person(name: str, country: str | None) -> Actor:
    return actors.named_actor("person", name, country, None, None)


def organisation(name: str, country: str | None, *aliases: str) -> Actor:
    actor = actors.named_actor("organisation", name, country, None, None)
    actor.aliases = [name, *aliases]
    return actor


def resolve(text: str, settings, kb: ActorKB, published: dt.date | None = None) -> Article:
    article = Article(id="t", source="t", title=None, outlet=None, author=None, published=published,
                      text=text, language="en")
    article = next(nlp.analyse([article], settings))
    return actors.resolve_mentions(article, kb)


def mention_of(article: Article, text: str):
    found = [m for m in article.mentions if text in m.text]
    assert found, f"no mention of {text!r} in {[m.text for m in article.mentions]}"
    return found[0]


# -- knowledge base and raw-text matcher ----------------------------------------------------------


def test_find_actor_spans_matches_demonyms_capitals_roles_without_parse(kb):
    spans = actors.find_actor_spans("Kenyan troops crossed into Somalia, Nairobi said.", kb)
    found = {span.text: span for span in spans}
    assert found["Kenyan"].entry.country == "KEN" and found["Kenyan"].demonym
    assert found["troops"].is_role and found["troops"].role_code.startswith("MIL")
    assert found["Somalia"].entry.kind == "country"
    assert found["Nairobi"].entry.kind == "capital" and found["Nairobi"].entry.code_on(None) == "KENGOV"


def test_find_actor_spans_offsets_index_the_text(kb):
    text = "Talks between the African Union and Ethiopia resumed."
    for span in actors.find_actor_spans(text, kb, offset=100):
        assert text[span.start - 100 : span.end - 100] == span.text


def test_remembered_matches_shift_to_each_offset_and_follow_new_phrases(tmp_path):
    path = tmp_path / "mine.actors.txt"
    path.write_text("IRAN  [IRN]\n", encoding="utf-8")
    kb = build_actor_kb(path)
    text = "Iran and the Northern Front met."
    first = kb.find_spans(text)
    again = kb.find_spans(text, offset=40)  # remembered from the first call
    assert [(s.start + 40, s.end + 40, s.text) for s in first] == [(s.start, s.end, s.text) for s in again]
    padded = kb.find_spans("\n\n " + text + " ")  # the same sentence, as the parser may cut it
    assert [(s.start + 3, s.end + 3, s.text) for s in first] == [(s.start, s.end, s.text) for s in padded]
    kb.add_phrase("Northern Front", kb.lookup("Iran"))
    assert [s.text for s in kb.find_spans(text, offset=40)] == ["Iran", "Northern Front"]


def test_short_upper_case_names_match_only_in_upper_case(kb):
    assert not [s for s in actors.find_actor_spans("Is it over? Who knows.", kb) if s.entry]
    spans = actors.find_actor_spans("IS fighters retreated, the WHO said.", kb)
    assert {s.entry.name for s in spans if s.entry} == {"Islamic State", "World Health Organization"}


def test_lower_case_common_words_are_not_place_actors(kb):
    spans = actors.find_actor_spans("They ate turkey and chad was absent.", kb)
    assert not [s for s in spans if s.entry]


def test_groups_and_igos_resolve_through_aliases(kb):
    assert kb.lookup("Hashd al-Shaabi").name == "Popular Mobilization Forces"
    assert kb.lookup("Daesh").name == "Islamic State"
    assert kb.lookup("NATO").code_on(None) == "IGOWSTNAT"
    assert kb.lookup("Hizballah").country == "LBN"


def test_phoenix_people_keep_date_bounded_codes(kb):
    entry = kb.lookup("Mahmoud Ahmadinejad")
    assert entry.kind == "person"
    assert entry.code_on(dt.date(2008, 1, 1)) == "IRNGOV"
    assert entry.code_on(dt.date(2015, 1, 1)) == "IRNELI"


# -- PETRARCH dictionaries -------------------------------------------------------------------------


def test_petrarch_actor_format_reads_synonyms_and_dated_codes():
    text = """<!-- a comment
    spanning lines -->
GOLLUM  # pas 27 Apr 03
+SMEAGOL
	[HOB < 950601]
	[HOBGOV 19950601 - 19990815]
	[HOBREB > 990816]
NORTH_KOREA  [PRK] #JW   9/10/91
+PYONGYANG
"""
    gollum, korea = parse_petrarch_actors(text)
    assert gollum.synonyms == ["SMEAGOL"]
    assert [(c.code, c.start, c.end) for c in gollum.codes] == [
        ("HOB", None, dt.date(1995, 6, 1)),
        ("HOBGOV", dt.date(1995, 6, 1), dt.date(1999, 8, 15)),
        ("HOBREB", dt.date(1999, 8, 16), None),
    ]
    assert korea.phrase == "NORTH_KOREA" and korea.codes[0].code == "PRK" and korea.synonyms == ["PYONGYANG"]


def test_petrarch_agents_expand_plurals_and_substitution_sets():
    text = """!PERSON! = MAN, WOMAN
!MINIST! = MINISTER, MINISTRY
CONGRESS!PERSON! [~LEG]
POLICE {} [~COP]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]
DEFENCE_MINIST [~GOVMIL]
HUMAN_RIGHTS_BODY  [NGO~]
ARMY [~MIL]
"""
    agents = parse_petrarch_agents(text)
    assert agents["congressman"] == agents["congresswoman"] == "LEG"
    assert "polices" not in agents and agents["police"] == "COP"
    assert agents["attorneys general"] == "GOV"
    assert agents["defence minister"] == agents["defence ministry"] == "GOVMIL"
    assert agents["human rights body"] == "NGO"
    assert agents["armies"] == "MIL"


@pytest.mark.skipif(not GOLD.is_dir(), reason="PETRARCH2 validation dictionaries not available")
def test_petrarch_validation_dictionary_loads_alone_with_its_agents(settings):
    kb = actors.load_actor_kb(settings.with_overrides({"actors.builtin": False}), GOLD / "PETR.Validate.actors.txt")
    assert kb.lookup("Smeagol").name == "Gollum"
    assert kb.lookup("Gollum").code_on(dt.date(1997, 1, 1)) == "HOBGOV"
    assert kb.lookup("Pyongyang").country == "PRK"
    assert kb.role_code("foreign ministers") == "GOVFRM"
    assert kb.lookup("Tehran") is None  # built-in tables are off
    spans = actors.find_actor_spans("The Norwegian foreign minister met Frodo.", kb)
    assert [(s.text, s.entry.country if s.entry else s.role_code) for s in spans] == [
        ("Norwegian", "NOR"), ("foreign minister", "GOVFRM"), ("Frodo", "HOB"),
    ]


def test_user_dictionary_takes_precedence_over_builtin(tmp_path):
    path = tmp_path / "mine.actors.txt"
    path.write_text("IRAN  [XIR]\nNEW_FRONT_OF_THE_NORTH [XNFREB]\n", encoding="utf-8")
    kb = build_actor_kb(path)
    assert kb.lookup("Iran").code_on(None) == "XIR"
    assert kb.lookup("New Front of the North").code_on(None) == "XNFREB"
    assert kb.lookup("Iraq").country == "IRQ"


# -- resolution through spaCy -----------------------------------------------------------------------


def test_person_takes_country_and_role_from_noun_phrase_and_counterpart(settings, kb):
    article = resolve("Turkish Foreign Minister Mevlut Cavusoglu met his Russian counterpart Sergei Lavrov "
                      "in Ankara on Monday.", settings, kb)
    cavusoglu = mention_of(article, "Cavusoglu")
    assert cavusoglu.actor.country == "TUR" and cavusoglu.actor.sector == "GOV"
    assert cavusoglu.role == "foreign minister"
    assert mention_of(article, "Lavrov").actor.country == "RUS"
    assert [m.place for m in article.mentions if m.text == "Ankara"] == [True]  # named as where it happened
    for mention in article.mentions:
        assert article.text[mention.start : mention.end] == mention.text


def test_capital_as_subject_is_the_government(settings, kb):
    article = resolve("Damascus accused Ankara of violating the ceasefire.", settings, kb)
    assert mention_of(article, "Damascus").actor.code == "SYRGOV"
    assert mention_of(article, "Ankara").actor.code == "TURGOV"


def test_rank_and_of_country_give_a_military_person(settings, kb):
    article = resolve("Major General Mohammad Bagheri of Iran met Pakistan's army chief Qamar Javed Bajwa "
                      "in Islamabad.", settings, kb)
    bagheri = mention_of(article, "Mohammad Bagheri")
    assert bagheri.text == "Mohammad Bagheri"
    assert (bagheri.actor.country, bagheri.actor.sector) == ("IRN", "MIL")
    bajwa = mention_of(article, "Bajwa")
    assert bajwa.actor.country == "PAK" and bajwa.actor.sector == "MIL"


def test_demonym_with_role_word_is_a_country_sector_actor(settings, kb):
    article = resolve("Saudi state media said the Yemeni army had retreated.", settings, kb)
    assert mention_of(article, "Saudi state media").actor.code == "SAUMED"
    assert mention_of(article, "Yemeni army").actor.code == "YEMMIL"


def test_introduced_acronym_and_other_script_name_become_aliases(settings, kb):
    text = ("The Syrian Observatory for Human Rights (SOHR) said army chief Abdolrahim Mousavi "
            "(عبدالرحیم موسوی) of Iran had arrived. Mousavi later met officials, the SOHR said.")
    article = resolve(text, settings, kb)
    mousavi = mention_of(article, "Abdolrahim Mousavi").actor
    assert "عبدالرحیم موسوی" in mousavi.aliases
    later = [m for m in article.mentions if m.text == "Mousavi"]
    assert later and later[0].actor.id == mousavi.id and later[0].rule == "surname"


# -- merging across articles ------------------------------------------------------------------------


def canonical(mapping: dict[str, Actor], actor: Actor) -> Actor:
    return mapping[actor.id]


def test_merge_joins_transliteration_variants():
    pairs = [
        (person("Mohammad Bagheri", "IRN"), person("Muhammad Baqeri", "IRN")),
        (person("Qasim al-Araji", "IRQ"), person("Qassim Araji", "IRQ")),
        (person("Kioumars Heydari", "IRN"), person("Kiumars Heidari", "IRN")),
        (person("Gholamali Rashid", "IRN"), person("Gholamali Rashidi", "IRN")),
    ]
    for a, b in pairs:
        mapping = actors.merge_actors([a, b])
        assert canonical(mapping, a).id == canonical(mapping, b).id, (a.name, b.name)
        assert {a.name, b.name} <= set(canonical(mapping, a).aliases)


def test_merge_joins_upper_case_and_surname_only_mentions():
    full = person("Mohammad Javad Zarif", "IRN")
    upper = person("MOHAMMAD JAVAD ZARIF", "IRN")
    surname = person("Zarif", "IRN")
    mapping = actors.merge_actors([surname, upper, full])
    assert len({a.id for a in mapping.values()}) == 1
    assert mapping[full.id].name == "Mohammad Javad Zarif"


def test_merge_joins_organisations_by_introduced_acronym_and_initials():
    party = organisation("Kurdistan Democratic Party", "IRQ", "KDP")
    short = organisation("KDP", "IRQ")
    corps = organisation("Islamic Revolutionary Guard Corps", "IRN")
    initials = organisation("IRGC", "IRN")
    mapping = actors.merge_actors([party, short, corps, initials])
    assert mapping[party.id].id == mapping[short.id].id
    assert mapping[corps.id].id == mapping[initials.id].id
    assert mapping[party.id].id != mapping[corps.id].id


def test_merge_keeps_apart_people_sharing_only_a_surname():
    ali = person("Ali Khamenei", "IRN")
    hadi = person("Hadi Khamenei", "IRN")
    lone = person("Khamenei", "IRN")
    mapping = actors.merge_actors([ali, hadi, lone])
    assert len({mapping[a.id].id for a in (ali, hadi, lone)}) == 3  # the lone surname is ambiguous


def test_merge_keeps_apart_same_name_in_different_countries():
    egypt = person("Ahmed Hassan", "EGY")
    sudan = person("Ahmed Hassan", "SDN")
    mapping = actors.merge_actors([egypt, sudan])
    assert mapping[egypt.id].id != mapping[sudan.id].id


def test_merge_ids_do_not_depend_on_order_or_run_split():
    group = [person("Qassem Soleimani", "IRN"), person("Qasem Suleimani", "IRN"), person("Soleimani", "IRN")]
    forward = actors.merge_actors(group)
    backward = actors.merge_actors(list(reversed(group)))
    assert {a.id for a in forward.values()} == {a.id for a in backward.values()}
    first_run = actors.merge_actors(group[:1])
    second_run = actors.merge_actors(group[1:], existing=[first_run[group[0].id]])
    assert {a.id for a in second_run.values()} == {a.id for a in forward.values()}


def test_merge_maps_every_input_and_existing_id():
    existing = person("Ali Shamkhani", "IRN")
    new = [person("Ali Shamkhani", "IRN"), person("Hakan Fidan", "TUR")]
    mapping = actors.merge_actors(new, existing=[existing])
    assert set(mapping) == {existing.id, *(a.id for a in new)}
    assert mapping[new[0].id].id == existing.id


def test_same_name_compares_written_full_names_up_to_spelling():
    assert same_name("Hossein Dehghan", "Hossein Dehqan")
    assert same_name("Abbas Ibrahim", "Tariq Abbas Ibrahim")
    assert not same_name("Ali Khamenei", "Hadi Khamenei")
    assert not same_name("Dehghan", "Hossein Dehghan")  # a lone surname is left to merge_actors


def test_union_by_id_unites_copies_and_fills_codes_unless_told_not_to():
    first = actors.named_actor("person", "Ali Shamkhani", None, None, "adviser")
    second = actors.named_actor("person", "ALI SHAMKHANI", None, "GOV", "secretary")
    assert first.id == second.id
    united = actors.union_by_id([first, second])[first.id]
    assert (united.name, united.code, united.sector) == ("Ali Shamkhani", "---GOV", "GOV")
    assert (united.aliases, united.roles) == (["ALI SHAMKHANI", "Ali Shamkhani"], ["adviser", "secretary"])
    as_stored = actors.union_by_id([first, second], fill_missing=False)[first.id]
    assert (as_stored.code, as_stored.sector, as_stored.aliases) == (None, None, united.aliases)
    assert first.aliases == ["Ali Shamkhani"]  # the copies are left as they were


def test_role_before_of_country_is_one_actor(settings, kb):
    article = resolve("Soldiers from Chad and the government of Niger signed the accord.", settings, kb)
    assert mention_of(article, "Soldiers from Chad").actor.code == "TCDMIL"
    assert mention_of(article, "government of Niger").actor.code == "NERGOV"


def test_capital_inside_a_longer_name_is_not_the_government(settings, kb):
    article = resolve("Shares fell on the London Stock Exchange and in the Paris, Amsterdam and Lisbon markets.",
                      settings, kb)
    assert not [m for m in article.mentions if m.actor.code in ("GBRGOV", "FRAGOV", "NLDGOV", "PRTGOV")]


def test_person_without_country_keeps_role_with_unknown_country_code(settings, kb):
    article = resolve("Union leader Mark Serwotka criticised the plan.", settings, kb)
    serwotka = mention_of(article, "Mark Serwotka").actor
    assert serwotka.country is None and serwotka.code.startswith("---")


def test_name_after_a_business_role_word_is_an_organisation(settings, kb):
    article = resolve("The oil firm Lukoil agreed to pay the claim, the Russian government said.", settings, kb)
    assert mention_of(article, "Lukoil").actor.kind == "organisation"
    assert mention_of(article, "Russian government").actor.code == "RUSGOV"


def test_merge_ids_match_a_single_run_when_the_first_part_lacked_the_country():
    bare = person("Hossein Salami", None)
    full = person("Hossein Salami", "IRN")
    variant = person("Hosein Salami", "IRN")
    whole = actors.merge_actors([bare, full, variant])
    first_run = actors.merge_actors([bare])
    second_run = actors.merge_actors([full, variant], existing=[first_run[bare.id]])
    assert second_run[bare.id].id == whole[bare.id].id == whole[variant.id].id
    assert whole[bare.id].country == "IRN"


def test_known_person_with_title_in_the_dictionary_keeps_role_and_current_code(settings, kb):
    article = resolve("Russian President Vladimir Putin met the UN Security Council envoy.", settings, kb)
    putin = mention_of(article, "Putin")
    assert putin.text == "Vladimir Putin" and putin.role == "president"
    assert putin.actor.code == "RUSGOV"
    assert mention_of(article, "UN Security Council").actor.name == "UN Security Council"


def test_dictionary_names_inside_other_peoples_names_are_not_actors(settings, kb):
    article = resolve("Singer Chris Brown and footballer Jordan Henderson attended the gala hosted by Paris Hilton.",
                      settings, kb)
    assert article.mentions == []


def test_residents_in_a_country_belong_to_it_but_troops_there_may_not(settings, kb):
    article = resolve("Lawmakers in Kenya rejected the bill, while French troops in Mali stayed put.", settings, kb)
    assert mention_of(article, "Lawmakers in Kenya").actor.code == "KENLEG"
    assert mention_of(article, "French troops").actor.code == "FRAMIL"
    assert not [m for m in article.mentions if m.actor.code == "MLIMIL"]


def test_title_inside_a_dictionary_alias_gives_the_role_and_code(settings, kb):
    article = resolve("President Bush met Tony Blair. Bush said the talks went well.", settings, kb, dt.date(2004, 11, 3))
    bush = [m for m in article.mentions if "Bush" in m.text]
    assert len(bush) == 2 and len({m.actor.id for m in bush}) == 1
    assert bush[0].actor.code == "USAGOV"
    assert mention_of(article, "Tony Blair").actor.code == "GBRGOV"  # in office on that date


def test_names_stop_before_lower_case_words_but_keep_particles(settings, kb):
    article = resolve("Iraqi Defence Minister Erfan al-Hiyali met Iranian commander Ali bin Saleh - have a look.",
                      settings, kb)
    assert mention_of(article, "Erfan al-Hiyali").text == "Erfan al-Hiyali"
    assert mention_of(article, "Ali bin Saleh").text == "Ali bin Saleh"


def test_mentions_of_one_actor_share_one_record_with_every_surface_form(settings, kb):
    article = resolve("Iranian forces advanced. The Iranian army said Iran's military was ready.", settings, kb)
    military = [m for m in article.mentions if m.actor.code == "IRNMIL"]
    assert len(military) == 3 and len({id(m.actor) for m in military}) == 1
    assert {m.text for m in military} <= set(military[0].actor.aliases)


def test_role_is_shared_by_coordinated_countries_and_roles(settings, kb):
    article = resolve("The ambassadors of France, Germany and Italy met Danish media and government officials.",
                      settings, kb)
    assert {m.actor.code for m in article.mentions} >= {"FRAGOV", "DEUGOV", "ITAGOV", "DNKMED"}


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Russia sent arms to Pakistan last year.", "Pakistan", "PAK"),
        ("The president apologized to Brazil on Monday.", "Brazil", "BRA"),
        ("The minister arrived in Baghdad on Sunday.", "Baghdad", "IRQ"),
    ],
)
def test_country_named_as_a_place_is_still_a_mention_marked_as_place(settings, kb, text, name, country):
    mention = mention_of(resolve(text, settings, kb), name)
    assert mention.place and mention.actor.country == country


def test_country_acting_is_not_marked_as_place(settings, kb):
    article = resolve("Russia sent arms to Pakistan last year.", settings, kb)
    assert not mention_of(article, "Russia").place


def test_every_conjunct_after_a_place_preposition_is_a_place(settings, kb):
    article = resolve("Russia sent arms to Iraq and Syria last year.", settings, kb)
    assert mention_of(article, "Iraq").place and mention_of(article, "Syria").place


# -- country context, parties and offices ------------------------------------------------------------


def test_a_bare_role_takes_the_country_the_article_is_about(settings, kb):
    text = ("Kenyan police clashed with protesters in Nairobi. The Kenyan government said the rally was illegal. "
            "Police arrested 40 people and the government promised an inquiry.")
    article = resolve(text, settings, kb, dt.date(2023, 7, 12))
    arrested = [m for m in article.mentions if m.text == "Police"]
    assert arrested and arrested[0].actor.code == "KENCOP"
    assert {m.actor.code for m in article.mentions if m.text == "government"} == {"KENGOV"}


def test_a_bare_role_in_an_article_about_no_one_country_names_no_actor(settings, kb):
    article = resolve("Police arrested 40 people after the march.", settings, kb, dt.date(2023, 7, 12))
    assert not [m for m in article.mentions if m.text == "Police"]


@pytest.mark.parametrize(("day", "labour", "tories"), [
    (dt.date(2005, 2, 1), "GBRGOV", "GBROPP"),
    (dt.date(2012, 2, 1), "GBROPP", "GBRGOV"),
])
def test_parties_govern_or_oppose_by_date(settings, kb, day, labour, tories):
    article = resolve("Labour accused the Tories of misleading voters.", settings, kb, day)
    assert mention_of(article, "Labour").actor.code == labour
    assert mention_of(article, "Tories").actor.code == tories


def test_a_lower_case_word_that_names_a_party_is_no_party(settings, kb):
    article = resolve("Conservative estimates put the labour force at two million.", settings, kb, dt.date(2005, 2, 1))
    assert not [m for m in article.mentions if m.actor.name.endswith("(UK)")]


def test_a_former_office_holder_in_undated_text_holds_the_last_office(settings, kb):
    assert mention_of(resolve("Tony Blair met the Irish prime minister.", settings, kb), "Tony Blair").actor.code == "GBRGOV"
    dated = resolve("Tony Blair met the Irish prime minister.", settings, kb, dt.date(2016, 5, 1))
    assert mention_of(dated, "Tony Blair").actor.code == "GBRELI"


def test_he_stands_for_the_last_person_named_before_it(settings, kb):
    text = "Tony Blair met Irish leaders in Dublin. He accused the Tories of wrecking the talks."
    article = resolve(text, settings, kb, dt.date(2005, 2, 1))
    assert mention_of(article, "He").actor.id == mention_of(article, "Tony Blair").actor.id


def test_a_name_the_text_does_not_describe_belongs_to_the_country_the_article_is_about(settings, kb):
    text = ("The British government and British police faced questions in London. "
            "Michael Holloway criticised the British government on Tuesday.")
    article = resolve(text, settings, kb, dt.date(2005, 2, 1))
    named = mention_of(article, "Michael Holloway")
    assert (named.actor.country, named.actor.kind, named.rule) == ("GBR", "person", "person-name")
    alone = resolve("Michael Holloway criticised the plan on Tuesday.", settings, kb, dt.date(2005, 2, 1))
    assert not [m for m in alone.mentions if "Holloway" in m.text]


def test_laws_bills_and_plans_are_no_actors(settings, kb):
    text = ("Senator Dianne Feinstein said the DREAM Act would pass in Washington. "
            "The Foreign Sovereign Immunities Act protects the United States government.")
    names = {m.actor.name for m in resolve(text, settings, kb, dt.date(2015, 3, 1)).mentions}
    assert not [n for n in names if n.endswith("Act")]


def test_an_editors_brackets_are_no_part_of_a_name(settings, kb):
    text = "Former director [Robert] Mueller criticised the US government in Washington, US officials said."
    named = [m for m in resolve(text, settings, kb, dt.date(2015, 3, 1)).mentions if "Mueller" in m.text]
    assert named and named[0].actor.name == "Robert Mueller"


@pytest.mark.parametrize(("name", "day", "code"), [
    ("Tony Blair", dt.date(2005, 6, 1), "GBRGOV"),
    ("Tony Blair", dt.date(2016, 6, 1), "GBRELI"),
    ("Barack Obama", dt.date(2006, 6, 1), "USALEG"),
    ("Barack Obama", dt.date(2012, 6, 1), "USAGOV"),
    ("Donald Trump", dt.date(2011, 6, 1), "USABUS"),
    ("Donald Trump", dt.date(2018, 6, 1), "USAGOV"),
    ("Mike Pence", dt.date(2018, 6, 1), "USAGOV"),
    ("Joe Biden", dt.date(2019, 6, 1), "USAELI"),
    ("Emmanuel Macron", dt.date(2019, 6, 1), "FRAGOV"),
    ("Keir Starmer", dt.date(2022, 6, 1), "GBROPP"),
    ("Volodymyr Zelensky", dt.date(2023, 6, 1), "UKRGOV"),
    ("Vladimir Putin", dt.date(2015, 6, 1), "RUSGOV"),
    ("Angela Merkel", dt.date(2010, 6, 1), "DEUGOV"),
    ("Xi Jinping", dt.date(2015, 6, 1), "CHNGOV"),
    ("Hassan Rouhani", dt.date(2016, 6, 1), "IRNGOV"),
    ("Narendra Modi", dt.date(2016, 6, 1), "INDGOV"),
    ("Robert Mugabe", dt.date(2010, 6, 1), "ZWEGOV"),
    ("Nelson Mandela", dt.date(1996, 6, 1), "ZAFGOV"),
])
def test_well_known_people_get_their_role_at_the_articles_date(settings, kb, name, day, code):
    article = resolve(f"{name} criticised the plan on Tuesday.", settings, kb, day)
    assert mention_of(article, name).actor.code == code


def test_a_state_named_like_a_country_is_the_state_in_a_story_about_its_country(settings, kb):
    text = ("Senator Johnny Isakson of Georgia criticised the White House on Tuesday. Georgia prosecutors "
            "charged the man. President Obama and US officials in Washington rejected the claim.")
    article = resolve(text, settings, kb, dt.date(2014, 3, 1))
    assert mention_of(article, "Johnny Isakson").actor.code == "USALEG"
    assert mention_of(article, "Georgia prosecutors").actor.code == "USAJUD"
    abroad = resolve("Georgia and Russia fought a war in 2008.", settings, kb, dt.date(2014, 3, 1))
    assert mention_of(abroad, "Georgia").actor.code == "GEO"


def test_a_party_and_state_tag_marks_a_member_of_congress(settings, kb):
    text = ("Sen. Dianne Feinstein (D-Calif.) criticised the plan. Rep. Adam Schiff (D-Calif.) and "
            "Sen. Lindsey Graham (R-S.C.) rejected it. Chuck Schumer attacked Mitch McConnell.")
    article = resolve(text, settings, kb, dt.date(2017, 5, 1))
    for name in ("Dianne Feinstein", "Adam Schiff", "Lindsey Graham"):
        assert mention_of(article, name).actor.code == "USALEG"
    assert mention_of(article, "Chuck Schumer").actor.country == "USA"


def test_the_triage_parses_a_sentence_that_tags_a_person_the_dictionary_does_not_know(settings, kb):
    assert actors.names_a_person("Sen. Dianne Feinstein criticised the plan.", kb)
    assert actors.names_a_person("Dianne Feinstein (D-Calif.) criticised the plan.", kb)
    assert not actors.names_a_person("The senator criticised the plan.", kb)


def test_a_party_members_word_names_the_party_only_for_a_person_or_role(settings, kb):
    article = resolve("Michael Howard, the Conservative leader, criticised Tony Blair.", settings, kb,
                      dt.date(2005, 2, 1))
    assert mention_of(article, "Michael Howard").actor.code == "GBROPP"
    said = resolve("The Georgia Republican said the bill would fail.", settings, kb, dt.date(2012, 2, 1))
    assert mention_of(said, "Republican").actor.code == "USAOPP"


@pytest.mark.parametrize(("text", "name", "code"), [
    ("Tory leader Michael Howard criticised the plan.", "Michael Howard", "GBROPP"),
    ("Lib Dem chairman Matthew Taylor criticised the plan.", "Matthew Taylor", "GBROPP"),
    ("Hamas spokesman Sami Abu Zuhri condemned the raid.", "Sami Abu Zuhri", "PSEREBHMS"),
    ("Iranian Defence Minister Hossein Dehghan met officials.", "Hossein Dehghan", "IRNGOV"),
])
def test_a_generic_role_takes_the_sector_of_the_organisation_beside_it(settings, kb, text, name, code):
    assert mention_of(resolve(text, settings, kb, dt.date(2005, 2, 1)), name).actor.code == code


def test_an_abbreviated_title_and_a_state_apposition_make_a_us_legislator(settings, kb):
    text = ("Sen. Johnny Isakson, the Georgia Republican, criticized the White House on Tuesday. "
            "Senators in Washington and the US Congress debated the plan.")
    article = resolve(text, settings, kb, dt.date(2012, 2, 1))
    assert mention_of(article, "Johnny Isakson").actor.code == "USALEG"


def test_a_full_name_the_text_does_not_describe_lends_its_surname(settings, kb):
    text = ("The British government faced questions in London about British police. "
            "Michael Holloway criticised the British government. Mr Holloway said it had failed.")
    article = resolve(text, settings, kb, dt.date(2005, 2, 1))
    assert mention_of(article, "Holloway").actor.id == mention_of(article, "Michael Holloway").actor.id


def test_he_is_the_person_the_story_follows_not_the_last_one_named(settings, kb):
    text = ("Robert Jackson, the Conservative MP, has defected to Labour. "
            "Mr Jackson said Prime Minister Tony Blair had welcomed him. "
            "He criticised the Conservatives on Europe.")
    article = resolve(text, settings, kb, dt.date(2005, 1, 16))
    assert mention_of(article, "He").actor.id == mention_of(article, "Robert Jackson").actor.id


def test_an_acronym_after_its_role_is_that_organisation(settings, kb):
    article = resolve("French stock market regulator AMF has filed complaints against the firm.", settings, kb,
                      dt.date(2005, 1, 16))
    amf = mention_of(article, "AMF").actor
    assert (amf.name, amf.code, amf.kind) == ("AMF", "FRAGOV", "organisation")


def test_his_names_the_owner_of_what_is_acted_on(settings, kb):
    text = "Tony Blair spoke in London on Monday. His plans were criticised by the Tories."
    article = resolve(text, settings, kb, dt.date(2005, 1, 16))
    assert mention_of(article, "His").actor.id == mention_of(article, "Tony Blair").actor.id


def test_states_named_in_local_news_settle_the_articles_country(settings, kb):
    text = ("A sheriff's deputy was shot in Los Angeles County, California, on Friday. "
            "Police arrested a 27-year-old man in Texas on Saturday.")
    article = resolve(text, settings, kb, dt.date(2012, 3, 5))
    assert mention_of(article, "Police").actor.code == "USACOP"
    victoria = resolve("Victoria said the police had arrested a man.", settings, kb, dt.date(2012, 3, 5))
    assert not [m for m in victoria.mentions if m.text == "police"]


@pytest.mark.parametrize("text, role, code", [
    ("Police arrested two men in Kharkiv on Monday.", "Police", "UKRCOP"),
    ("Soldiers killed three militants near Mosul on Sunday.", "Soldiers", "IRQMIL"),
])
def test_a_short_wire_item_is_about_the_one_country_whose_place_it_names(settings, kb, text, role, code):
    article = resolve(text, settings, kb, dt.date(2024, 3, 5))
    assert mention_of(article, role).actor.code == code


def test_a_short_item_naming_two_countries_equally_settles_none(settings, kb):
    article = resolve("Kenya accused Uganda after police arrested two men.", settings, kb, dt.date(2024, 3, 5))
    assert article.country is None
    assert not [m for m in article.mentions if m.text == "police"]


def test_a_countrys_weapons_in_action_stand_for_its_armed_forces_only_when_it_is_named(settings, kb):
    article = resolve("Israeli air strikes hit Khan Younis on Tuesday. Ukrainian drones struck an oil depot. "
                      "Drones struck a convoy in Yemen on Monday.", settings, kb, dt.date(2024, 3, 5))
    assert mention_of(article, "Israeli air strikes").actor.code == "ISRMIL"
    assert mention_of(article, "Ukrainian drones").actor.code == "UKRMIL"
    assert not [m for m in article.mentions if m.text == "Drones"]


@pytest.mark.parametrize("text, day, name, code", [
    ("President Biden met Ukraine's president in Washington.", dt.date(2024, 3, 5), "Biden", "USAGOV"),
    ("Prime Minister Modi criticised Pakistan on Friday.", dt.date(2024, 3, 5), "Modi", "INDGOV"),
])
def test_a_title_and_surname_name_the_one_known_holder_of_that_office_then(settings, kb, text, day, name, code):
    article = resolve(text, settings, kb, day)
    assert mention_of(article, name).actor.code == code


def test_a_title_and_surname_no_known_person_held_then_name_no_known_person(settings, kb):
    article = resolve("Prime Minister Modi criticised Pakistan on Friday.", settings, kb, dt.date(2010, 3, 5))
    assert mention_of(article, "Modi").rule != "dictionary-person"


def test_a_short_items_named_country_is_not_where_its_titled_people_are_from(settings, kb):
    article = resolve("President Zorvath criticised Japan on Monday.", settings, kb, dt.date(2023, 6, 20))
    assert mention_of(article, "Zorvath").actor.country is None
    placed = resolve("Rebels in Mali dismissed an appeal from President Traore.", settings, kb, dt.date(2023, 6, 20))
    assert mention_of(placed, "Traore").actor.country == "MLI"


def test_a_short_item_is_placed_by_a_state_or_province_only_one_country_has(settings, kb):
    borno = resolve("Gunmen attacked a village in Borno on Monday.", settings, kb, dt.date(2024, 3, 5))
    assert mention_of(borno, "Gunmen").actor.country == "NGA"
    punjab = resolve("Gunmen attacked a village in Punjab on Monday.", settings, kb, dt.date(2024, 3, 5))
    assert punjab.country is None

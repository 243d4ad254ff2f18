"""The agreements register: per-article records from written sentences, and merging them."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from eventscope.agreements.cues import load_cues
from eventscope.agreements.finder import find_agreements
from eventscope.agreements.merge import agreement_id, merge_agreements
from eventscope.agreements.names import clean_person_name, merge_signatories, same_signatory
from eventscope.nlp.analyse import sentences_from_doc
from eventscope.records import Actor, Agreement, Article, Cameo, Event, Mention, Plover, content_id

# Surface forms the tests resolve to actors, standing in for the actors stage.
COUNTRIES = {
    "Kenya": "KEN", "Kenyan": "KEN", "Nairobi": "KEN",
    "Uganda": "UGA", "Ugandan": "UGA", "Kampala": "UGA",
    "Chile": "CHL", "Chilean": "CHL", "Santiago": "CHL",
    "Peru": "PER", "Peruvian": "PER", "Lima": "PER",
    "Norway": "NOR", "Norwegian": "NOR", "Oslo": "NOR",
    "France": "FRA", "French": "FRA", "Paris": "FRA",
    "Japan": "JPN", "Japanese": "JPN",
}
MEDIA = {"Xinhua": "CHN"}


def _mentions(article: Article) -> list[Mention]:
    mentions = []
    for sentence in article.sentences:
        for table, sector in ((COUNTRIES, None), (MEDIA, "MED")):
            for surface, country in table.items():
                for match in re.finditer(rf"\b{surface}\b", sentence.text):
                    actor = Actor(id=f"{country}{sector or ''}", name=surface, code=country,
                                  country=country, sector=sector,
                                  kind="organisation" if sector else "country")
                    mentions.append(Mention(sentence=sentence.index, start=sentence.start + match.start(),
                                            end=sentence.start + match.end(), text=surface, actor=actor))
    return mentions


@pytest.fixture(scope="module")
def read(spacy_nlp):
    """Parse a text into an article with hand-resolved country mentions and find its agreements."""

    def read_text(text: str, published: dt.date | None = dt.date(2021, 3, 10)) -> Article:
        article = Article(id="a1", source="a1.txt", title=None, outlet=None, author=None,
                          published=published, text=text, language="en")
        article.sentences = sentences_from_doc(spacy_nlp(text))
        article.mentions = _mentions(article)
        return find_agreements(article)

    return read_text


def _one(article: Article) -> Agreement:
    assert len(article.agreements) == 1, [a.to_record() for a in article.agreements]
    return article.agreements[0]


# --- kinds ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("a memorandum of understanding", "memorandum of understanding"),
        ("an MoU", "memorandum of understanding"),
        ("a memorandum of agreement", "memorandum of agreement"),
        ("a treaty", "treaty"),
        ("a protocol", "protocol"),
        ("an accord", "accord"),
        ("a deal", "deal"),
        ("an agreement", "agreement"),
        ("a defence pact", "pact"),
        ("a ceasefire", "ceasefire agreement"),
        ("a joint declaration", "declaration"),
    ],
)
def test_kind_is_named_and_mou_normalised(read, phrase, kind):
    article = read(f"Kenya and Uganda signed {phrase} on fisheries in Kampala on Monday.")
    assert _one(article).kind == kind


def test_most_specific_kind_wins_across_sentences_of_one_article(read):
    article = read(
        "Chile and Peru signed an agreement on Tuesday to share intelligence. "
        "The Chilean and Peruvian foreign ministers signed the memorandum of understanding in Lima."
    )
    assert _one(article).kind == "memorandum of understanding"


def test_signing_the_memorandum_refers_back_even_with_a_party_more(read):
    article = read(
        "Chile and Peru signed a memorandum of understanding on fisheries on Monday. "
        "The Chilean, Peruvian and Japanese ministers signed the memorandum in Lima."
    )
    agreement = _one(article)
    assert (agreement.parties, agreement.place) == (["CHL", "PER"], "Lima")


def test_verb_spelled_like_a_kind_is_not_an_agreement(read):
    article = read("Kenya and Uganda signed nothing but promised to deal with the refugees together.")
    assert article.agreements == []


# --- status ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Norway and France signed a treaty on fisheries.", "signed"),
        ("Norway and France concluded a treaty on fisheries.", "signed"),
        ("Norway proposed a treaty on fisheries to France.", "proposed"),
        ("Norway suggested a treaty on fisheries to France.", "proposed"),
        ("Norway said it was ready to sign a treaty on fisheries with France.", "proposed"),
        ("Norway and France would sign a treaty on fisheries if talks go well.", "proposed"),
        ("The fisheries treaty between Norway and France entered into force on Monday.", "implemented"),
        ("Norway and France implemented a treaty on fisheries last year.", "implemented"),
        ("Norway and France reached a deal on fisheries.", "signed"),
        ("Norway and France agreed to a truce that took effect at noon.", "implemented"),
        ("Norway and France agreed to sign a treaty on fisheries next year.", "proposed"),
    ],
)
def test_status_follows_the_cue_words(read, sentence, status):
    assert _one(read(sentence)).status == status


def test_reaching_a_city_is_not_reaching_an_agreement(read):
    article = read("Chilean and Peruvian ships reached the harbour hours before the treaty expired.")
    assert article.agreements == []


def test_agreed_ceasefire_is_signed(read):
    agreement = _one(read("Chile and Peru agreed on a ceasefire along the border."))
    assert (agreement.kind, agreement.status) == ("ceasefire agreement", "signed")


def test_would_in_a_side_remark_is_no_proposal(read):
    assert read("Kenya and Uganda praised the treaty, which critics said would fail.").agreements == []


def test_negated_signing_is_not_an_agreement(read):
    assert read("Norway and France did not sign a treaty on fisheries.").agreements == []


def test_noun_sign_is_not_a_signing_cue(read):
    article = read("Kenya and Uganda hailed the accord as a sign of warming ties.")
    assert article.agreements == []


# --- what is not a record -------------------------------------------------------------------


def test_generic_agreements_without_parties_are_not_records(read):
    article = read("Agreements had already been concluded, the commander said, and more would follow.")
    assert article.agreements == []


def test_plural_batch_of_agreements_is_not_a_record(read):
    article = read("The Kenyan president signed 14 agreements with Uganda during his visit in May.")
    assert article.agreements == []


def test_one_country_is_not_enough_for_an_agreement(read):
    article = read("Kenya signed a deal worth $2 billion on Friday.")
    assert article.agreements == []


def test_proposed_cooperation_without_an_agreement_noun_is_not_a_record(read):
    article = read("Norway suggested joint naval drills with France and said it was ready to train French divers.")
    assert article.agreements == []


# --- parties, signatories, place ------------------------------------------------------------


def test_reporting_agency_and_venue_are_not_parties(read):
    article = read(
        "Japan and Chile signed a trade agreement in Paris on Thursday, Xinhua reported, "
        "a deal which is likely to worry Peru."
    )
    agreement = _one(article)
    assert agreement.parties == ["CHL", "JPN"]
    assert agreement.place == "Paris"


def test_country_named_in_the_content_of_the_deal_is_a_party(read):
    article = read("Japan has signed a $3bn deal to import liquefied natural gas from Peru.")
    assert _one(article).parties == ["JPN", "PER"]


def test_party_outside_the_signing_clause_is_not_a_party(read):
    article = read(
        "France's plan to isolate Peru keeps failing as the Chilean defence minister arrives in Lima "
        "to sign a memorandum on naval cooperation."
    )
    assert article.agreements == []


def test_speaker_who_says_it_will_sign_is_a_party(read):
    article = read("Norway said it was ready to sign a treaty on fisheries with France.")
    assert _one(article).parties == ["FRA", "NOR"]


def test_place_comes_from_the_signing_not_from_the_content(read):
    article = read(
        "Japan and Chile signed a trade agreement on Thursday. "
        "The agreement lets Chilean firms build ports in Japan."
    )
    assert _one(article).place is None


def test_country_an_agreement_is_about_is_not_a_party(read):
    article = read("Chile and Peru signed an agreement on Norway's fishing quotas.")
    assert _one(article).parties == ["CHL", "PER"]


def test_dateline_city_is_not_a_party(read):
    article = read("NAIROBI (Reuters) - Chile and Peru signed a fisheries agreement on Monday.")
    assert _one(article).parties == ["CHL", "PER"]


def test_signatories_are_the_signing_persons_without_titles(read):
    article = read(
        "Norwegian Foreign Minister Anniken Huitfeldt and her French counterpart "
        "Catherine Colonna signed a protocol on Arctic research, spokesman Jonas Berge said."
    )
    assert _one(article).signatories == ["Anniken Huitfeldt", "Catherine Colonna"]


def test_counterparts_named_with_titles_are_both_signatories(read):
    article = read("Chilean General Luis Ortega and his Peruvian counterpart Admiral Ana Ruiz signed an "
                   "accord on fisheries.")
    assert _one(article).signatories == ["Ana Ruiz", "Luis Ortega"]


@pytest.mark.parametrize(
    ("name", "clean"),
    [
        ("Brigadier General Luis Ortega", "Luis Ortega"),
        ("Foreign Minister Ana Ruiz", "Ana Ruiz"),
        ("President Lula", "Lula"),
        ("General", "General"),
    ],
)
def test_person_titles_are_stripped(name, clean):
    assert clean_person_name(name, load_cues()) == clean


def test_the_two_countries_are_the_pair_named_just_before(read):
    article = read(
        "Japan and Peru held talks in Lima on Saturday. "
        "The two countries signed an agreement on fisheries, officials told reporters."
    )
    assert _one(article).parties == ["JPN", "PER"]


def test_signatories_of_the_document_join_the_agreement(read):
    article = read(
        "Kenya and Uganda signed a border treaty on Monday. "
        "Foreign Minister Raychelle Omamo and her counterpart Jeje Odongo signed the document in Kampala."
    )
    agreement = _one(article)
    assert agreement.signatories == ["Jeje Odongo", "Raychelle Omamo"]
    assert agreement.place == "Kampala"


def test_persons_merely_present_are_not_signatories(read):
    article = read("Kenya's Raychelle Omamo and Uganda's Jeje Odongo signed a border treaty in the presence "
                   "of President Uhuru Kenyatta.")
    assert _one(article).signatories == ["Jeje Odongo", "Raychelle Omamo"]


def test_resolved_person_keeps_the_fuller_name_of_the_text(spacy_nlp):
    text = "Kenya and Uganda signed a border treaty, and Raychelle Omamo signed it for Kenya."
    article = Article(id="a1", source="a1.txt", title=None, outlet=None, author=None,
                      published=None, text=text, language="en")
    article.sentences = sentences_from_doc(spacy_nlp(text))
    start = text.index("Omamo")
    person = Actor(id="omamo", name="Omamo", code="KENGOV", country="KEN", sector="GOV", kind="person")
    article.mentions = [*_mentions(article), Mention(sentence=0, start=start, end=start + 5, text="Omamo", actor=person)]
    assert _one(find_agreements(article)).signatories == ["Raychelle Omamo"]


def test_failing_to_reach_a_deal_is_not_an_agreement(read):
    assert read("Kenya and Uganda failed to reach a deal on fishing rights.").agreements == []


def test_a_similar_agreement_is_another_agreement(read):
    article = read(
        "Chile proposed a fisheries treaty to Peru on Monday. "
        "A similar treaty with Norway was signed in 2019 and covers trade."
    )
    agreement = _one(article)
    assert (agreement.status, agreement.provisions) == ("proposed", [])


def test_indefinite_signing_near_a_proposal_is_not_the_proposal(read):
    article = read(
        "Chile proposed a fisheries treaty to Peru on Monday. "
        "Officials said an agreement on trade was signed as well."
    )
    assert _one(article).status == "proposed"


def test_ceasefire_zone_is_not_the_signing_place(read):
    article = read("Kenya and Uganda agreed on a ceasefire in Peru's Amazon region at talks in Oslo.")
    agreement = _one(article)
    assert agreement.parties == ["KEN", "UGA"]
    assert agreement.place == "Oslo"


# --- dates ----------------------------------------------------------------------------------


def test_weekday_resolves_to_the_day_before_publication(read):
    article = read("Kenya and Uganda signed a border treaty on Sunday.", published=dt.date(2021, 3, 10))
    assert _one(article).date == dt.date(2021, 3, 7)


def test_last_weekday_on_that_weekday_is_a_week_ago(read):
    article = read("Kenya and Uganda signed a border treaty last Wednesday.", published=dt.date(2021, 3, 10))
    assert _one(article).date == dt.date(2021, 3, 3)


def test_written_date_wins_over_weekday_and_takes_the_publication_year(read):
    article = read(
        "The ministers of both countries signed several agreements on February 28, a Sunday. "
        "Kenya and Uganda signed a border treaty on Sunday, officials said.",
        published=dt.date(2021, 3, 10),
    )
    assert _one(article).date == dt.date(2021, 2, 28)


def test_day_of_the_report_is_not_the_day_of_the_signing(read):
    article = read("Kenya and Uganda have signed a border treaty, officials said on Monday.",
                   published=dt.date(2021, 3, 10))
    assert _one(article).date is None


def test_no_publication_date_leaves_relative_dates_unresolved(read):
    article = read("Kenya and Uganda signed a border treaty on Sunday.", published=None)
    assert _one(article).date is None


def test_proposal_has_no_signing_date(read):
    article = read("Kenya proposed a border treaty to Uganda on March 3.", published=dt.date(2021, 3, 10))
    agreement = _one(article)
    assert (agreement.status, agreement.date) == ("proposed", None)


def _with_event_dated(article: Article, date: dt.date) -> Article:
    sentence = article.sentences[0]
    article.events = [Event(id="e1", article_id=article.id, sentence_index=sentence.index, sentence=sentence.text,
                            span=(sentence.start, sentence.end), date=date, source_actor=None, target_actor=None,
                            cameo=Cameo(code="057", root="05", quad_class=1, goldstein=8.0),
                            plover=Plover(type="AGREE"))]
    return find_agreements(article)


def test_event_date_dates_an_agreement_without_a_date_of_its_own(read):
    article = read("Kenya and Uganda signed a border treaty last week.", published=dt.date(2021, 3, 10))
    assert _one(_with_event_dated(article, dt.date(2021, 3, 2))).date == dt.date(2021, 3, 2)


def test_publication_day_from_the_events_stage_is_no_signing_date(read):
    article = read("Kenya and Uganda signed a border treaty.", published=dt.date(2021, 3, 10))
    assert _one(_with_event_dated(article, dt.date(2021, 3, 10))).date is None


def test_event_date_from_the_day_of_the_report_is_ignored(read):
    article = read("Kenya and Uganda have signed a border treaty, officials said on Monday.",
                   published=dt.date(2021, 3, 10))
    assert _one(_with_event_dated(article, dt.date(2021, 3, 8))).date is None


# --- provisions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clause", "label"),
    [
        ("to fight terrorism", "counter-terrorism"),
        ("on border security", "border security"),
        ("on the training of officers", "training"),
        ("on logistics", "logistics"),
        ("on technical support", "technical support"),
        ("on military assistance", "military support"),
        ("on intelligence sharing", "intelligence sharing"),
        ("on economic cooperation", "economic"),
        ("on electricity supplies", "energy"),
        ("to expand trade", "trade"),
        ("on joint naval exercises", "joint exercises"),
        ("on air defence", "air defence"),
        ("on a prisoner exchange", "prisoner exchange"),
        ("on humanitarian access", "humanitarian aid"),
    ],
)
def test_provision_cue_gives_its_label(read, clause, label):
    article = read(f"Chile and Peru signed an agreement {clause} on Friday.")
    assert label in _one(article).provisions


def test_provisions_come_from_the_sentences_about_the_memorandum(read):
    article = read(
        "Kenya and Uganda signed a memorandum of understanding in Nairobi on Monday. "
        "The football season starts in August with new training rules. "
        "The memorandum covers border security and the sharing of intelligence. "
        "The memorandum, officials said, includes:\n"
        "\"Joint patrols against cattle rustling and counter-terrorism operations.\""
    )
    agreement = _one(article)
    assert agreement.provisions == ["border security", "counter-terrorism", "intelligence sharing"]
    assert agreement.place == "Nairobi"


def test_evidence_spans_index_the_article_text(read):
    text = ("Chile and Peru signed a treaty on fisheries on Monday. "
            "The treaty also covers trade in fishmeal.")
    article = read(text)
    agreement = _one(article)
    assert {text[start:end] for _, start, end in agreement.evidence} == {
        "Chile and Peru signed a treaty on fisheries on Monday.",
        "The treaty also covers trade in fishmeal.",
    }
    assert agreement.article_ids == ["a1"]


def test_two_agreements_with_different_parties_stay_apart(read):
    article = read(
        "Chile and Peru signed a fisheries treaty on Monday. "
        "On Tuesday Norway and Japan signed a whaling protocol in Oslo."
    )
    assert sorted(tuple(a.parties) for a in article.agreements) == [("CHL", "PER"), ("JPN", "NOR")]


# --- merging --------------------------------------------------------------------------------


def _report(article_id: str, **fields) -> Agreement:
    values = {"kind": "memorandum of understanding", "parties": ["KEN", "UGA"], "signatories": [],
              "date": None, "place": None, "provisions": [], "status": "signed"}
    values.update(fields)
    return Agreement(id=content_id(article_id), article_ids=[article_id],
                     evidence=[(article_id, 0, 10)], **values)


REPORTS = [
    _report("a", date=dt.date(2021, 3, 7), signatories=["Raychelle Omamo"], provisions=["trade"],
            place="Nairobi"),
    _report("b", kind="memorandum", signatories=["Raychelle Omamo", "Jeje Odongo"],
            provisions=["border security"], status="proposed"),
    _report("c", kind="agreement", signatories=["Rachelle Omamo", "Jeje Odongo"], place="Nairobi",
            status="implemented"),
]


def test_reports_of_one_agreement_merge_into_one_record():
    merged = merge_agreements(REPORTS)
    assert len(merged) == 1
    agreement = merged[0]
    assert agreement.kind == "memorandum of understanding"
    assert agreement.date == dt.date(2021, 3, 7)
    assert agreement.article_ids == ["a", "b", "c"]
    assert agreement.provisions == ["border security", "trade"]
    assert agreement.status == "implemented"
    assert agreement.place == "Nairobi"
    assert agreement.signatories == ["Jeje Odongo", "Raychelle Omamo"]
    assert len(agreement.evidence) == 3


def test_merged_id_is_stable_and_order_independent():
    results = {tuple(a.to_record().items().__repr__() for a in merge_agreements(order))
               for order in itertools.permutations(REPORTS)}
    assert len(results) == 1
    assert merge_agreements(REPORTS)[0].id == agreement_id(["UGA", "KEN"], "memorandum", dt.date(2021, 3, 7))


POOL = [
    *REPORTS,
    _report("d", date=dt.date(2021, 3, 9), kind="treaty", signatories=["Jeje Odongo"]),
    _report("e", date=dt.date(2021, 3, 12), provisions=["energy"]),
    _report("f", parties=["KEN", "TZA"], kind="deal", status="proposed"),
    _report("g", kind="deal", signatories=["Alfred Mutua"]),
]


@hypothesis_settings(max_examples=60, deadline=None)
@given(st.permutations(POOL))
def test_merge_result_does_not_depend_on_report_order(reports):
    assert [a.to_record() for a in merge_agreements(reports)] == [a.to_record() for a in merge_agreements(POOL)]


def test_merging_into_existing_records_adds_nothing_twice():
    first = merge_agreements(REPORTS[:2])
    again = merge_agreements([REPORTS[2]], existing=first)
    assert [a.to_record() for a in again] == [a.to_record() for a in merge_agreements(REPORTS)]
    assert merge_agreements([], existing=again)[0].to_record() == again[0].to_record()


def test_merge_split_over_runs_chooses_the_kind_one_run_would():
    reports = [_report("a"), _report("b"), _report("c", kind="memorandum of agreement")]
    in_one_run = merge_agreements(reports)
    in_two_runs = merge_agreements(reports[2:], existing=merge_agreements(reports[:2]))
    assert [a.to_record() for a in in_two_runs] == [a.to_record() for a in in_one_run]
    assert in_one_run[0].kind == "memorandum of understanding"


def test_dates_far_apart_make_two_agreements():
    merged = merge_agreements([_report("a", date=dt.date(2021, 3, 7)), _report("b", date=dt.date(2021, 6, 1))])
    assert [a.date for a in merged] == [dt.date(2021, 3, 7), dt.date(2021, 6, 1)]


def test_dates_a_day_apart_merge():
    merged = merge_agreements([_report("a", date=dt.date(2021, 3, 7)), _report("b", date=dt.date(2021, 3, 8))])
    assert len(merged) == 1


def test_different_parties_or_families_do_not_merge():
    merged = merge_agreements([
        _report("a"),
        _report("b", parties=["KEN", "TZA"]),
        _report("c", kind="treaty"),
    ])
    assert len(merged) == 3


def test_undated_report_joins_the_agreement_sharing_its_signatories():
    merged = merge_agreements([
        _report("a", date=dt.date(2021, 3, 7), signatories=["Raychelle Omamo"]),
        _report("b", date=dt.date(2021, 9, 1), signatories=["Alfred Mutua"]),
        _report("c", signatories=["Alfred Mutua"]),
    ])
    joined = next(a for a in merged if "c" in a.article_ids)
    assert joined.article_ids == ["b", "c"]


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Hossein Dehghan", "Hossein Dehqan", True),
        ("Dehghan", "Hossein Dehqan", True),
        ("Erfan al-Hiyali", "Erfan Hiyali", True),
        ("Mohammed bin Salman", "Mohammed Salman", True),
        ("Ali Khamenei", "Ali Larijani", False),
        ("Hassan Rouhani", "Hossein Dehghan", False),
    ],
)
def test_transliterated_names_are_one_person(first, second, same):
    assert same_signatory(first, second) is same


def test_merge_signatories_keeps_one_spelling_per_person():
    assert merge_signatories(["Hossein Dehqan", "Hossein Dehghan", "Erfan al-Hiyali", "Hossein Dehghan"]) == [
        "Erfan al-Hiyali", "Hossein Dehghan"]


# --- the canonical articles -----------------------------------------------------------------


def test_seed_memorandum_is_one_signed_agreement(settings, seeds_dir):
    from eventscope.actors.resolve import load_actor_kb, resolve_mentions
    from eventscope.events.coder import code_events, load_coder
    from eventscope.extract import extract_article, read_inputs
    from eventscope.nlp.analyse import analyse

    raws = list(read_inputs([seeds_dir], settings))
    articles = list(analyse([extract_article(raw, settings) for raw in raws], settings))
    kb, coder = load_actor_kb(settings), load_coder(settings)
    for article in articles:
        find_agreements(code_events(resolve_mentions(article, kb), coder))
    merged = merge_agreements(a for article in articles for a in article.agreements)
    assert len(merged) == 1
    agreement = merged[0]
    assert (agreement.kind, agreement.parties, agreement.status) == (
        "memorandum of understanding", ["IRN", "IRQ"], "signed")
    assert agreement.date == dt.date(2017, 7, 23)
    assert agreement.place == "Tehran"
    assert len(agreement.signatories) == 2
    assert {"Dehghan", "al-Hiyali"} <= {name.split()[-1] for name in agreement.signatories}
    assert {"counter-terrorism", "border security", "training", "logistics", "technical support",
            "military support"} <= set(agreement.provisions)
    sources = {a.id: a.source for a in articles}
    assert sorted(sources[i].rsplit("/", 1)[-1][:3] for i in agreement.article_ids) == ["000", "001", "002"]

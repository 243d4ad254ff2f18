"""Events stage: CAMEO/PLOVER-coded events from the dependency parse and the resolved actors.

Every verb found in the verb-pattern dictionary is a candidate predicate. Its code
comes from the most specific pattern matching the words around it (or the verb's
default); its source, target and place come from `arguments`. Each event keeps its
evidence: sentence, span, the pattern id (`rule`) and the trigger word, plus modality
and attribution (`modality`) and date (`dates`).

With `events.cameo_refinements` (the default) codes follow the CAMEO manual beyond the
dictionary: an act only planned or offered is coded as the intent to do it (03x/13x), a
refused one as its rejection (12x), "X said Y must act" as X's demand of Y (10x), and a
meeting by where it took place (host 043, visit 042, elsewhere 044).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import logging
from importlib import resources
from pathlib import Path

import yaml

from eventscope.common import dates
from eventscope.common.parse import DependencyParse
from eventscope.errors import SettingsError
from eventscope.events.agent_nouns import noun_acts
from eventscope.events.appeals import appeals, demander_of
from eventscope.events.arguments import PlaceGazetteer, SentenceArguments
from eventscope.events.background import is_background, reference_date
from eventscope.events.clauses import is_leading_adjunct, is_participle_of_noun, marks_future
from eventscope.events.confidence import ConfidenceModel, load_model, scored_events
from eventscope.events.contest import ContestCues
from eventscope.events.encounters import is_no_encounter
from eventscope.events.evaluation import judgements
from eventscope.events.implied import ImpliedAgents, implied_parties
from eventscope.events.modality import attribution, is_reporting_frame, modality_of
from eventscope.events.nominal import EventNouns, load_event_nouns
from eventscope.events.opposed import OpposedWords
from eventscope.events.quotes import QuoteSpeakers, quoted_acts, with_voice
from eventscope.events.reception import receptions
from eventscope.events.refine import (
    demand_code,
    intent_code,
    is_negated_rejection,
    is_refusal,
    meeting_code,
    protest_code,
    states_own_intent,
    violence_code,
    weapon_code,
)
from eventscope.events.requests import asks_for_something, proposes_something
from eventscope.events.senses import (
    is_bare_present,
    names_someone,
    object_sense,
    people_verb_code,
    thing_sense,
    wants_counterpart,
)
from eventscope.events.verbal import VerbalAttack
from eventscope.events.verbs import (
    VerbDictionary,
    load_verb_dictionary,
    match_pattern,
    read_petrarch_verbs,
)
from eventscope.events.when import date_event
from eventscope.events.where import place_events
from eventscope.records import (
    Article,
    Cameo,
    Event,
    Location,
    Mention,
    Modality,
    Plover,
    Sentence,
    Token,
    content_id,
)
from eventscope.settings import Settings

log = logging.getLogger(__name__)

DATA = "eventscope.data"
CAMEO_DIR = "cameo"


@dataclasses.dataclass(frozen=True, slots=True)
class CodeInfo:
    name: str
    goldstein: float


@dataclasses.dataclass(frozen=True)
class EventCoder:
    """Everything the coder reads once: verb patterns, code tables and cue words."""

    verbs: VerbDictionary
    codes: dict[str, CodeInfo]
    plover: dict[str, Plover]
    cues: dict
    date_cues: dates.DateCues
    require_actor: bool = True
    require_source: bool = True  # an act no one named does is no event (a passive's target may stand alone)
    gazetteer: PlaceGazetteer | None = None
    refine: bool = True  # CAMEO refinements: intent codes, meeting by place
    background_days: int = 180
    confidence: ConfidenceModel | None = None
    min_confidence: float = 0.0
    keep_all: bool = False  # keep candidates below min_confidence too
    nouns: EventNouns = dataclasses.field(default_factory=load_event_nouns)

    @functools.cached_property
    def contest(self) -> ContestCues:
        return ContestCues.from_data(self.cues["contest"])

    @functools.cached_property
    def implied(self) -> ImpliedAgents:
        return ImpliedAgents.from_data(self.cues)

    @functools.cached_property
    def verbal(self) -> VerbalAttack:
        return VerbalAttack.from_cues(self.cues)

    @functools.cached_property
    def opposed(self) -> OpposedWords:
        return OpposedWords.from_cues(self.cues)

    @functools.cached_property
    def speech_verbs(self) -> frozenset[str]:
        """Verbs that may report a judgement (`evaluation` cues)."""
        return frozenset(self.cues["evaluation"]["speech_verbs"])

    @functools.cached_property
    def political_sectors(self) -> frozenset[str]:
        """Sectors the learned filter counts as political (`confidence` cues)."""
        return frozenset(self.cues["confidence"]["political_sectors"])

    def cameo(self, code: str) -> Cameo:
        """The CAMEO record of a code; codes outside the table keep their root's class."""
        root = code[:2]
        info = self.codes.get(code) or self.codes.get(root)
        return Cameo(
            code=code,
            root=root,
            quad_class=quad_class(root),
            goldstein=info.goldstein if info else 0.0,
        )

    @functools.cached_property
    def pattern_only(self) -> frozenset[str]:
        """Verbs whose dictionary default is not used (light, stance and broad verbs): only
        a pattern codes them. None with the CAMEO refinements off."""
        if not self.refine:
            return frozenset()
        args = self.cues["arguments"]
        return frozenset(args["light_verbs"] + args["stance_verbs"] + args["broad_verbs"])

    def plover_for(self, code: str) -> Plover:
        """PLOVER type/mode/context by the crosswalk, falling back to the nearest parent code."""
        for key in (code, code[:3], code[:2] + "0"):
            if key in self.plover:
                found = self.plover[key]
                return Plover(type=found.type, mode=found.mode, context=list(found.context))
        return Plover(type="", mode=None, context=[])


def quad_class(root: str) -> int:
    """1 verbal cooperation (01-05), 2 material cooperation (06-08), 3 verbal conflict
    (09-13), 4 material conflict (14-20); 0 for a root outside CAMEO."""
    if not root.isdigit():
        return 0
    value = int(root)
    for quad, last in ((1, 5), (2, 8), (3, 13), (4, 20)):
        if 1 <= value <= last:
            return quad
    return 0


def _data_path(name: str):
    return resources.files(DATA).joinpath(CAMEO_DIR).joinpath(name)


def _csv_rows(name: str) -> list[dict[str, str]]:
    text = _data_path(name).read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines))


@functools.lru_cache(maxsize=8)
def _load_resources(verbs_path: str | None, require_actor: bool) -> EventCoder:
    if verbs_path is None:
        with resources.as_file(_data_path("verbs.json")) as path:
            verbs = load_verb_dictionary(path)
        with resources.as_file(_data_path("verbs_extra.txt")) as path:
            verbs.merge(read_petrarch_verbs(path, prefix="x:"))
    else:
        if not Path(verbs_path).is_file():
            raise SettingsError(f"{verbs_path}: verb dictionary not found")
        verbs = load_verb_dictionary(Path(verbs_path))
    codes = {row["code"]: CodeInfo(row["name"], float(row["goldstein"])) for row in _csv_rows("codes.csv")}
    plover = {
        row["cameo"]: Plover(
            type=row["type"],
            mode=row["mode"] or None,
            context=[c for c in row["context"].split(";") if c],
        )
        for row in _csv_rows("cameo_plover.csv")
    }
    cues = yaml.safe_load(_data_path("cues.yaml").read_text("utf-8"))
    dates.load_date_parser()
    log.info("loaded verb dictionary: %d blocks, %d verb forms", len(verbs.blocks), len(verbs.forms))
    return EventCoder(
        verbs=verbs,
        codes=codes,
        plover=plover,
        cues=cues,
        date_cues=dates.DateCues.from_data(cues["dates"]),
        require_actor=require_actor,
    )


CODERS = ("rules",)
INTENT_ROOT = "03"
MATERIAL_QUADS = (2, 4)
DEMAND_RULE = "+demand"


def load_coder(settings: Settings) -> EventCoder:
    """The coder named by `events.coder` (only `rules`, the dictionary coder, so far);
    `events.verbs` may name another PETRARCH-format verb dictionary."""
    name = settings.get("events.coder")
    if name not in CODERS:
        raise SettingsError(f"events.coder: unknown coder {name!r} (known: {', '.join(CODERS)})")
    verbs = settings.get("events.verbs")
    coder = _load_resources(str(verbs) if verbs else None, bool(settings.get("events.require_actor")))
    gazetteer = PlaceGazetteer.load(settings)
    refine = bool(settings.get("events.cameo_refinements"))
    background_days = int(settings.get("events.background_days"))
    model = load_model()
    chosen = settings.get("events.min_confidence")
    threshold = float(chosen) if chosen is not None else (model.threshold if model else 0.0)
    return dataclasses.replace(
        coder, gazetteer=gazetteer, refine=refine, background_days=background_days, confidence=model,
        min_confidence=threshold, keep_all=bool(settings.get("events.keep_all_candidates")),
        require_source=bool(settings.get("events.require_source")),
    )


@dataclasses.dataclass(frozen=True)
class _Coded:
    """What the dictionary says of one predicate: codes, the rule id and its evidence."""

    code: str
    paired: str
    rule: str
    matched: list[Token]
    clause: list[Token]


class _SentenceCoder:
    """Codes one parsed sentence; `expressions` are its time expressions, `anchors` the
    explicit dates the article names (see `dates`)."""

    def __init__(
        self,
        article: Article,
        sentence: Sentence,
        mentions: list[Mention],
        coder: EventCoder,
        expressions: list[dates.TimeExpression],
        anchors: list[dt.date],
    ):
        self.anchors = anchors
        self.article = article
        self.sentence = sentence
        self.mentions = mentions
        self.coder = coder
        self.parse = DependencyParse(sentence)
        self.args = coder.cues["arguments"]
        self.clause_stop = frozenset(self.args["clause_deps"])
        self.expressions = expressions
        self.attribution, reporters = attribution(self.parse, article.text, coder.cues)
        self.arguments = SentenceArguments(self.parse, article.text, mentions, coder.cues, reporters, coder.gazetteer,
                                           coder.opposed.parties(self.parse, mentions, article) if coder.refine else ())
        self.max_dyads = int(self.args["max_dyads"])
        self.reference = reference_date(article.published, article.text)  # what is background is measured from

    # --- events ------------------------------------------------------------------------

    def code(self, speaker: Mention | None = None) -> list[Event]:
        """Every event the sentence tells (one per coded predicate and dyad); a quoted one's `speaker`'s too."""
        by_verb: dict[int, list[Event]] = {}
        for verb in self.parse.tokens:
            coded = self._code_of(verb)
            if coded is not None:
                by_verb[verb.i] = self._events_of(verb, coded)
        received = list(receptions(self.parse, self.arguments, self.coder.cues)) if self.coder.refine else []
        for reception in received:  # "faced criticism from X": X's act, not a meeting
            by_verb.pop(reception.verb.i, None)
        judged_all = list(judgements(self.parse, self.arguments, self.coder.cues, self.coder.speech_verbs)
                          ) if self.coder.refine else []
        # "dismissed the plan as 'desperate'" is one judgement: the verb's own code of the same
        # root gives way to it unless more specific ("accused ... of being 'incompetent'": 112)
        judged_all = [j for j in judged_all if all(
            e.cameo.root != j.code[:2] or not e.cameo.code[2:].strip("0") for e in by_verb.get(j.verb.i, []))]
        for judged in judged_all:
            if judged.verb.i in by_verb:
                by_verb[judged.verb.i] = [e for e in by_verb[judged.verb.i] if e.cameo.root != judged.code[:2]]
        events = [e for i, found in by_verb.items() if not self._told_by_its_act(i, found, by_verb) for e in found]
        for reception in received:
            if reception.source is not None:
                clause = self.parse.subtree(reception.verb, self.clause_stop)
                coded = _Coded(reception.code, "", f"RECEIVED-{reception.noun.lemma.lower()}", [reception.noun], clause)
                events.extend(self._events(reception.verb, coded, reception.source, reception.target))
        if self.coder.refine:  # "the government should change the law, the TUC said": an appeal
            for appeal in appeals(self.parse, self.arguments, self.coder.cues, self.coder.speech_verbs):
                if any(e.rule.endswith(DEMAND_RULE) for e in by_verb.get(appeal.clause.i, [])):
                    continue  # "said Kenya must withdraw": the act's own demand (10x) tells it
                clause = self.parse.subtree(appeal.verb, self.clause_stop)
                coded = _Coded(appeal.code, "", f"APPEAL-{appeal.modal.lemma.lower()}", [appeal.modal], clause)
                # "according to X": X's words are the act, though the clause asks
                stated: Modality | None = "asserted" if appeal.verb is appeal.clause else None
                events.extend(self._events(appeal.verb, coded, appeal.source, appeal.target, stated))
        if self.coder.refine:  # "said the plan was a 'shambles'": the speaker's judgement
            for judged in judged_all:
                rule = f"SPEECH-{judged.word.lemma.lower()}"
                clause = self.parse.subtree(judged.verb, self.clause_stop)
                coded = _Coded(judged.code, "", rule, [judged.word], clause)
                events.extend(self._events(judged.verb, coded, judged.source, judged.target))
        for act in quoted_acts(self.parse, self.arguments, self.coder.cues, speaker) if speaker else ():
            coded = _Coded(act.code, "", act.rule, [act.word], list(self.parse.tokens))
            events.extend(self._events(act.verb, coded, act.source, act.target, "asserted"))
        for named in noun_acts(self.parse, self.arguments, self.coder.nouns, self.coder.verbs, self.coder.cues,
                               {r.noun.i for r in received}) if self.coder.refine else ():
            coded = _Coded(named.code, "", named.rule, [named.noun], self.parse.subtree(named.noun))  # "a plea by X"
            events.extend(self._events(named.noun, coded, named.source, named.target, "asserted"))
        return events

    def _told_by_its_act(self, index: int, found: list[Event], by_verb: dict[int, list[Event]]) -> bool:
        """A bare intent ("agreed", "pledged": 030) whose infinitive codes the intent itself
        ("agreed to release": 0353) is told once, by the more specific code."""
        if not found or any(e.cameo.root != INTENT_ROOT for e in found):
            return False
        acts = [c.i for c in self.parse.children[index] if c.dep == "xcomp"]
        return any(e.cameo.root == INTENT_ROOT and e.modality == "asserted" for i in acts for e in by_verb.get(i, []))

    def _code_of(self, verb: Token) -> _Coded | None:
        """The code a predicate takes from its most specific pattern or its default."""
        # Participles used as adjectives ("suspected militants", "besieged town") name no act.
        if verb.pos != "VERB" or verb.dep in self.args["modifier_deps"] or is_leading_adjunct(self.parse, verb) or (
            verb.dep in self.args["class_modifier_deps"] and self.parse.tokens[verb.head].pos == "PRON"
        ):
            return None
        entries = self.coder.verbs.lookup(verb)
        if is_reporting_frame(self.parse, verb, self.coder.cues) or marks_future(self.parse, verb, self.args):
            return None
        clause = self.parse.subtree(verb, self.clause_stop)
        # "struck the school, according to reports": who reports is no word of the act
        according = {t.i for c in clause if c.text.lower() == self.coder.cues["attribution"]["according"]
                     for t in self.parse.subtree(c)}
        after = [t for t in clause if t.i > verb.i and t.i not in according]
        match = match_pattern([e.block for e in entries], self.parse.tokens[: verb.i], after, verb)
        objects = [c for c in self.parse.children[verb.i] if c.dep in self.args["object_deps"]]
        by_noun = self.coder.nouns.code(self.parse, verb, objects, self.coder.verbs, clause)
        if by_noun is not None and match is not None and by_noun.noun not in match[1]:
            match = None  # a pattern on other words ("opened ... Israeli") loses to the noun ("opened fire")
        if match is not None:
            pattern, matched = match
            coded = _Coded(pattern.code, pattern.paired, pattern.id, matched, clause)
        elif by_noun is not None:  # "made an arrest", "paid tribute to": the noun is the act
            coded = _Coded(by_noun.code, "", by_noun.rule, [by_noun.noun, *by_noun.matched], clause)
        elif self.coder.refine and (held := people_verb_code(self.parse, verb, self.args)) is not None:
            coded = _Coded(held, "", f"{verb.lemma.upper()}-people", [], clause)  # "the men are being held"
        elif self.coder.refine and (argued := thing_sense(self.parse, verb, objects, self.args)) is not None:
            coded = _Coded(argued, "", f"{verb.lemma.upper()}-thing", [], clause)  # "defended the measures"
        elif not entries:
            return None
        else:
            default = next((e for e in entries if e.code is not None), None)
            if default is None or verb.lemma.lower() in self.coder.pattern_only or (
                self.coder.refine and (default.code or "")[:2] in self.args["pattern_only_roots"]
            ):
                return None
            objects = [c for c in self.parse.children[verb.i] if c.dep in self.args["object_deps"]]
            if verb.lemma.lower() in self.args["transitive_defaults"] and not objects:
                return None
            if verb.lemma.lower() in self.args["people_defaults"] and not any(names_someone(self.parse, o, self.args) for o in objects):
                return None
            if verb.lemma.lower() in self.args["request_defaults"] and not asks_for_something(self.parse, verb) or (
                    verb.lemma.lower() in self.args["proposal_defaults"] and not proposes_something(self.parse, verb)):
                return None  # "asked if he would quit", "suggested reforms could follow"
            paired = default.block.paired if default.code == default.block.code else ""
            coded = _Coded(default.code or "", paired, f"{default.block.name}-default", [], clause)
        if entries and (sense := object_sense(self.parse, verb, coded.code, entries, self.args)):
            coded = dataclasses.replace(coded, code=sense[0], paired="", rule=coded.rule + sense[1])
        if self.coder.refine and (said := self.coder.verbal.code_of(self.parse, verb)) is not None:
            coded = dataclasses.replace(coded, code=said, paired="", rule=coded.rule + "+words")  # "attacked the plans"
        if self.coder.refine and quad_class(coded.code[:2]) in MATERIAL_QUADS and is_bare_present(self.parse, verb, self.args):
            return None
        return coded if coded.code or coded.paired else None

    def _events_of(self, verb: Token, coded: _Coded) -> list[Event]:
        events: list[Event] = []
        dyads = self.arguments.dyads(verb)[: self.max_dyads]
        demander = demander_of(self.parse, self.arguments, verb, self.coder.cues) if self.coder.refine else None
        if demander is not None and coded.code:
            # "X said Y must release them": X demands of Y (10x), nothing happened yet.
            addressees: list[Mention] = []
            for subject, _, _ in dyads:
                if subject is not None and all(subject is not a for a in addressees):
                    addressees.append(subject)
            demand = dataclasses.replace(coded, code=demand_code(self.coder.cues, coded.code), paired="", rule=coded.rule + DEMAND_RULE)
            optional: list[Mention | None] = list(addressees) or [None]
            for addressee in optional:
                events.extend(self._events(verb, demand, demander, addressee, modality="asserted"))
            return events
        describes_noun = is_participle_of_noun(self.parse, verb)
        dyads = self.arguments.co_subject_dyads(verb, dyads, coded.code, coded.paired)
        subjects, passive = self.arguments.subjects(verb)
        aimed = self.arguments.matched_noun_targets(coded.matched, [s for s, _, _ in dyads]) if self.coder.refine and any(
            t is None for _, t, _ in dyads) else []
        for source, target, reciprocal in dyads:
            target = target or (aimed[0] if aimed and not reciprocal else None)  # "resigned in protest over X's laws"
            if passive and self.coder.refine:
                source, target = implied_parties(
                    self.coder.implied, self.parse, verb, coded.code, subjects, source, target,
                    self.arguments.location(verb, coded.clause), self.article.country, self.article,
                    self.sentence.index)
            if self.coder.require_actor and source is None and (
                target is None or self.coder.require_source and not passive
            ):
                continue  # an act by no one named, unless a passive names whom it befell
            if describes_noun and source is None:
                continue  # "the gossip surrounding his rift": a thing, no actor, does it
            if target is None and wants_counterpart(self.parse, verb, coded.code, self.args):
                continue
            if is_no_encounter(self.parse, verb, coded.code, None if reciprocal else target, self.args):
                continue  # "heard a loud sound", "arrived within seconds of each other"
            # co-subjects of a mutual code act on each other once; a paired pattern tells both
            side = dataclasses.replace(coded, paired="") if reciprocal and coded.code[:2] in self.args["reciprocal_roots"] else coded
            events.extend(self._events(verb, side, source, target))
        return events

    def _refined(self, code: str, source: Mention | None, target: Mention | None, location: Location | None,
                 clause: list[Token]) -> str:
        """The code once the CAMEO refinements read who acts on whom, where and with what."""
        if not self.coder.refine:
            return code
        cues = self.coder.cues
        code = weapon_code(cues, code, " ".join(t.text for t in clause))
        code = violence_code(cues, meeting_code(cues, code, source, target, location), source)
        return protest_code(cues, code, source, target, self.sentence.text)

    def _events(
        self,
        verb: Token,
        coded: _Coded,
        source: Mention | None,
        target: Mention | None,
        modality: Modality | None = None,
    ) -> list[Event]:
        """The event (and its reverse, for a paired code) of one dyad, with its evidence."""
        clause, matched, code, paired, rule = coded.clause, coded.matched, coded.code, coded.paired, coded.rule
        modality = modality or modality_of(self.parse, verb, self.coder.cues)
        location = self.arguments.location(verb, clause)
        when = date_event(self.parse, verb, modality, self.expressions, self.article.published,
                          self.coder.date_cues, self.anchors)
        published = self.article.published
        if modality == "asserted" and when.source == "text" and published and when.date and when.date > published:
            modality = "planned"  # "is holding a meeting on Friday": scheduled, not done yet
        text_date = when.date if when.source == "text" and when.precision != "year" else None
        background = is_background(self.expressions, self.parse.governors(verb), verb.i, self.reference,
                                   text_date, self.coder.background_days)
        pieces = [(verb.start, verb.end)] + [(t.start, t.end) for t in matched]
        pieces += [(m.start, m.end) for m in (source, target) if m is not None]
        start = max(self.sentence.start, min(s for s, _ in pieces))
        end = min(self.sentence.end, max(e for _, e in pieces))
        sides = []
        cues, refine = self.coder.cues, self.coder.refine
        if code and not (refine and is_negated_rejection(cues, code, modality)):
            refined = self._refined(code, source, target, location, clause)
            unwilling = modality not in cues["refusal"]["modalities"] or is_refusal(self.parse, verb, cues)
            intended = intent_code(cues, refined, modality, verb) if refine and unwilling else refined
            refused = modality in cues["refusal"]["modalities"] and intended != refined
            stated = modality == "planned" and intended != refined and states_own_intent(
                self.parse, self.arguments, verb, source, cues, self.coder.speech_verbs)
            # "Mexico won't pay", "refused to meet": the refusal (12x) itself happened;
            # "Sudan said it will improve access", "pledged to help": so did the intent (03x).
            sides.append((intended, source, target, "asserted" if refused or stated else modality))
        reverse_acts_on_someone = source is not None or not code
        if paired and target is not None and not target.place and modality == "asserted" and (
            reverse_acts_on_someone
        ):
            # The reverse of a paired code makes the target act on the source; a place
            # named never acts. Beside a main event with no source ("a team began a
            # tour" of London), the target would host no one.
            sides.append((self._refined(paired, target, source, location, clause), target, source, modality))
        events = []
        silent = self.coder.cues["no_event_codes"]
        for event_code, src, tgt, side_modality in sides:
            if event_code in silent:
                continue
            src_ref = src.actor.ref() if src else None
            tgt_ref = tgt.actor.ref() if tgt else None
            events.append(
                Event(
                    id=content_id(
                        self.article.id,
                        str(start),
                        str(end),
                        event_code,
                        src_ref.id if src_ref else "",
                        tgt_ref.id if tgt_ref else "",
                    ),
                    article_id=self.article.id,
                    sentence_index=self.sentence.index,
                    sentence=self.sentence.text,
                    span=(start, end),
                    date=when.date,
                    date_precision=when.precision,
                    date_source=when.source,
                    source_actor=src_ref,
                    target_actor=tgt_ref,
                    cameo=self.coder.cameo(event_code),
                    plover=self.coder.plover_for(event_code),
                    modality=side_modality,
                    attribution=list(self.attribution),
                    location=location,
                    rule=rule,
                    trigger=verb.text,
                    background=background,
                )
            )
        return events


def code_events(article: Article, coder: EventCoder) -> Article:
    """Fill `article.events` from its parsed sentences and resolved mentions."""
    events: list[Event] = []
    seen: set[str] = set()
    parsed = [s for s in article.sentences if s.parsed]
    expressions = [dates.time_expressions(sentence, coder.date_cues) for sentence in parsed]
    anchors = [d for found in expressions for d in dates.explicit_dates(found, article.published, coder.date_cues)]
    modifier_deps = coder.cues["arguments"]["modifier_deps"]
    contests = coder.contest.contest_sentences(article) if coder.refine else set()
    quoting = QuoteSpeakers.of(article.text if coder.refine else "", article.sentences, coder.cues["quotes"])
    coders: list[_SentenceCoder] = []
    for sentence, found in zip(parsed, expressions):
        if not any(t.pos == "VERB" and t.dep not in modifier_deps and (
            coder.verbs.lookup(t) or t.lemma.lower() in coder.nouns.support_verbs
            or t.lemma.lower() in coder.speech_verbs) for t in sentence.tokens
        ) and not quoting.is_quoted(sentence):
            continue  # no predicate to code: spare building the sentence's parse and arguments
        mentions = [m for m in article.mentions if sentence.start <= m.start and m.end <= sentence.end]
        coders.append(_SentenceCoder(article, sentence, mentions, coder, found, anchors))
        quoting.see(sentence, coders[-1].parse, coders[-1].arguments, coder.cues)
    for sentence_coder in coders:
        sentence, speaker, told = sentence_coder.sentence, quoting.speaker_of(sentence_coder.sentence), set()
        voiced = quoting.first_person(sentence, sentence_coder.mentions)  # quoted "we will ...": the speaker
        for event in with_voice(sentence_coder.code(speaker), _SentenceCoder(
                article, sentence, sentence_coder.mentions + voiced, coder, sentence_coder.expressions, anchors
        ).code(speaker) if voiced else []):
            # "proposed to hold joint drills": the proposal and the drill it governs
            # code alike; one sentence tells one such event once.
            key = (
                event.cameo.code,
                event.source_actor.id if event.source_actor else None,
                event.target_actor.id if event.target_actor else None,
                event.modality,
            )
            if sentence.index in contests and event.cameo.root in coder.contest.roots:
                continue  # "England beat Fiji 26-21": a match, no fight
            if event.id not in seen and key not in told:
                seen.add(event.id)
                told.add(key)
                events.append(event)
    scored = scored_events(events, article, coder.confidence, coder.min_confidence, coder.keep_all,
                           coder.political_sectors)
    article.events = place_events(scored, article, coder.gazetteer)
    return article

"""Score the coder on PETRARCH2 validation records (`PETR.UnitTest.records.xml`).

The records' Treebank parses are ignored: sentences go through spaCy like any article.
Verbs and actors come from the `PETR.Validate.*` dictionaries beside the records file
(the suite's codes are its own, partly WEIS, so the packaged CAMEO dictionary and the
CAMEO-specific refinements would not fit), or the actor dictionary given. Records whose coding is an expected error are skipped;
`noevents` records expect nothing, so anything coded there is a false alarm.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from eventscope import actors as actor_stage
from eventscope import events
from eventscope.errors import BadInput
from eventscope.evaluate.scoring import (
    CodingRun,
    Scoreboard,
    coded_event,
    error_list,
    sentence_article,
)
from eventscope.settings import Settings

log = logging.getLogger(__name__)

NO_ACTOR = "---"
VERBS_FILE = "PETR.Validate.verbs.txt"
ACTORS_FILE = "PETR.Validate.actors.txt"

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.DOTALL)
_CODING = re.compile(r"<EventCoding\b([^>]*)>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.DOTALL)
_ATTRIBUTE = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


@dataclass
class GoldRecord:
    id: str
    date: dt.date | None
    text: str
    codings: list[tuple[str, str, str]] = field(default_factory=list)  # (source, target, event)


def _attributes(text: str) -> dict[str, str]:
    return {m.group(1).lower(): (m.group(2) if m.group(2) is not None else m.group(3)).strip('"') for m in _ATTRIBUTE.finditer(text)}


def _date(value: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value.strip(), "%Y%m%d").date()
    except ValueError:
        return None


def read_records(path: Path) -> list[GoldRecord]:
    """The scorable records: text, date and expected (source, target, code) triples."""
    try:
        content = _COMMENT.sub("", Path(path).read_text("utf-8", errors="replace"))
    except OSError as exc:
        raise BadInput(str(path), f"cannot read: {exc}") from exc
    records: list[GoldRecord] = []
    for match in _SENTENCE.finditer(content):
        attributes, body = _attributes(match.group(1)), match.group(2)
        text = _TEXT.search(body)
        codings = [_attributes(c.group(1)) for c in _CODING.finditer(body)]
        if text is None or any("error" in c for c in codings):
            continue
        record = GoldRecord(
            id=attributes.get("id", f"record-{len(records)}"),
            date=_date(attributes.get("date", "")),
            text=" ".join(text.group(1).split()),
        )
        for coding in codings:
            if "eventcode" in coding:
                record.codings.append(
                    (coding.get("sourcecode") or NO_ACTOR, coding.get("targetcode") or NO_ACTOR, coding["eventcode"])
                )
        records.append(record)
    if not records:
        raise BadInput(str(path), "no PETRARCH validation records found")
    return records


def evaluate_petrarch2(
    path: Path, settings: Settings, actors: Path | None = None, errors: bool = False
) -> dict:
    """Precision/recall/F1 of event codes (full and root) and of source/target actor codes.

    `actors` is a PETRARCH actor dictionary to use instead of the one beside the records;
    `errors` adds every missed and falsely coded (source, target, code) event.
    """
    path = Path(path)
    records = read_records(path)
    actor_file = Path(actors) if actors else path.with_name(ACTORS_FILE)
    verbs_file = path.with_name(VERBS_FILE)
    # PETRARCH's conventions: its dictionaries, no CAMEO refinements, and an act coded on
    # its target alone when no source is found.
    overrides: dict[str, object] = {"actors.builtin": False, "events.cameo_refinements": False,
                                    "events.require_source": False}
    if verbs_file.is_file():
        overrides["events.verbs"] = str(verbs_file)
    run_settings = settings.with_overrides(overrides)
    kb = actor_stage.load_actor_kb(run_settings, actor_file if actor_file.is_file() else None)
    coder = events.load_coder(run_settings)

    started = time.perf_counter()
    articles = [sentence_article(r.id, r.text, r.date) for r in records]
    board = Scoreboard()
    mistakes: list[dict] = []
    run = CodingRun(run_settings, kb, coder)
    for record, article in zip(records, run.code(articles)):
        predicted = [
            (
                e.source_actor.code if e.source_actor and e.source_actor.code else NO_ACTOR,
                e.target_actor.code if e.target_actor and e.target_actor.code else NO_ACTOR,
                e.cameo.code,
            )
            for e in article.events
        ]
        gold = record.codings
        board.add("event", predicted, gold)
        board.add("cameo", [p[2] for p in predicted], [g[2] for g in gold])
        board.add("cameo_root", [p[2][:2] for p in predicted], [g[2][:2] for g in gold])
        board.add("source", [p[0] for p in predicted if p[0] != NO_ACTOR], [g[0] for g in gold if g[0] != NO_ACTOR])
        board.add("target", [p[1] for p in predicted if p[1] != NO_ACTOR], [g[1] for g in gold if g[1] != NO_ACTOR])
        log.debug("%s gold %s predicted %s", record.id, gold, predicted)
        if errors:
            mistakes += error_list(
                record.id, record.text,
                [(p, coded_event(e)) for p, e in zip(predicted, article.events)],
                [(g, {"code": g[2], "source": g[0], "target": g[1], "trigger": None}) for g in gold],
            )
    seconds = time.perf_counter() - started
    return {
        "gold_set": "petrarch2",
        "records": len(records),
        "gold_events": sum(len(r.codings) for r in records),
        "predicted_events": board.tallies["cameo"].predicted if "cameo" in board.tallies else 0,
        **board.scores(),
        "seconds": round(seconds, 2),
        "sentences_per_second": round(len(records) / seconds, 1) if seconds else 0.0,
        "coder_sentences_per_second": round(len(records) / run.coding_seconds, 1) if run.coding_seconds else 0.0,
        **({"errors": mistakes} if errors else {}),
    }

"""What the atheris harnesses share: the settings and the rule that only `BadInput` may escape."""

from __future__ import annotations

from eventscope.errors import BadInput
from eventscope.extract import extract_article
from eventscope.records import Article, RawInput
from eventscope.settings import Settings


def extract_or_reject(raw: RawInput, settings: Settings) -> Article | None:
    """The article in `raw`, or None when extraction rejected it with `BadInput`.

    Any other exception propagates, and atheris reports it as a crash with its input.
    """
    raw.id  # noqa: B018  # the content hash the pipeline keys on must be computable
    try:
        article = extract_article(raw, settings)
    except BadInput:
        return None
    if not article.text.strip():
        raise AssertionError("extraction returned an article with an empty body")
    return article

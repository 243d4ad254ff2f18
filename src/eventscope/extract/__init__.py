"""Extraction: inputs read from files and JSON lines, then each article's clean body, title,
outlet, author, date and language (`extract_article`)."""

from eventscope.extract.article import extract_article, load_resources
from eventscope.extract.inputs import count_inputs, missing_paths, read_inputs

__all__ = ["count_inputs", "extract_article", "load_resources", "missing_paths", "read_inputs"]

"""eventscope: news articles in, a deduplicated, source-attributed database of political events out."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("eventscope")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"

"""Named exceptions: the library raises these, only the CLI turns them into exit codes."""

from __future__ import annotations


class EventscopeError(Exception):
    """Base class for every error eventscope raises on purpose."""


class BadInput(EventscopeError):
    """An input file (or one line of it) that cannot become an article.

    `str()` is the one-line message the CLI prints: file, optional line, reason.
    """

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"

    def __reduce__(self) -> tuple[type[BadInput], tuple[str, str, int | None]]:
        # Workers send rejections back to the parent pickled; the default reduction would
        # call __init__ with the message alone and fail, breaking the process pool.
        return (type(self), (self.source, self.reason, self.line))


class StoreError(EventscopeError):
    """The database cannot be opened, is locked by another run, or refused a write."""


class SettingsError(EventscopeError):
    """A settings file or value that does not make sense."""

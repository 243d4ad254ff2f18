"""Streaming helpers shared by the stages that work in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of at most `size` items, holding one list in memory at a time."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk

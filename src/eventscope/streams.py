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


def split_evenly(items: list[T], parts: int) -> list[list[T]]:
    """`items` cut into at most `parts` consecutive lists of nearly equal size, in order."""
    size = max(1, -(-len(items) // parts))
    return [items[i : i + size] for i in range(0, len(items), size)]

"""A ranking of a document's sentences: indices best first, produced lazily, with raw scores."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence

import numpy as np


#: Significant digits kept when comparing scores. Sums of the same terms taken in another
#: order differ in the last bits; without this, sentences whose scores are mathematically
#: equal would be ordered by rounding noise instead of by position, as sumy orders them.
SIGNIFICANT_DIGITS = 12


def settle(values: np.ndarray) -> np.ndarray:
    """``values`` rounded to SIGNIFICANT_DIGITS relative to the largest magnitude among them (infinities kept)."""
    finite = np.isfinite(values)
    if not finite.any():  # empty, or nothing finite
        return values
    every = bool(finite.all())  # the common case: no mask to apply
    scale = float(np.abs(values if every else values[finite]).max())
    if scale == 0.0:
        return values
    step = 10.0 ** (np.floor(np.log10(scale)) - SIGNIFICANT_DIGITS + 1)
    rounded = np.round(values / step) * step
    return rounded if every else np.where(finite, rounded, values)


def settle_one(value: float) -> float:
    """``value`` rounded to SIGNIFICANT_DIGITS of its own magnitude (zero and infinities kept).

    For ranking with a heap, where no pass over every score gives a common scale: monotone, so a
    bound on a value is a bound on its settled value, and values equal to rounding noise (the same
    sum taken in another order) settle to the same number.
    """
    if value == 0.0 or not math.isfinite(value):
        return value
    step = 10.0 ** (math.floor(math.log10(abs(value))) - SIGNIFICANT_DIGITS + 1)
    return round(value / step) * step if step > 0.0 else value  # no step that small: as it is


class Ranking:
    """Sentence indices best first, and the raw score (higher is better) of each one yielded.

    Greedy algorithms (KL-Sum, SumBasic) pick one sentence per step and each step costs a
    pass over the document, so a full ranking is quadratic. Selection only ever needs the
    first few, so ``order`` is an iterator that does the work as it is consumed. ``floor``
    is the lowest raw score any sentence can get: scores are normalised against it.
    """

    __slots__ = ("_order", "_score", "floor", "size")

    def __init__(self, order: Iterator[int], score: Callable[[int], float], floor: float, size: int):
        self._order = order
        self._score = score
        self.floor = floor
        self.size = size

    def __iter__(self) -> Iterator[int]:
        return self._order

    def score(self, index: int) -> float:
        return self._score(index)

    @classmethod
    def from_scores(cls, scores: Sequence[float] | np.ndarray) -> Ranking:
        """Rank by score, ties by position; non-finite scores count as the lowest."""
        values = np.asarray(scores, dtype=float)
        finite = np.isfinite(values)
        if not finite.all():
            low = values[finite].min() if finite.any() else 0.0
            values = np.where(finite, values, low)
        order = np.argsort(-settle(values), kind="stable")
        floor = float(values.min()) if values.size else 0.0
        return cls(iter(order.tolist()), values.item, floor, int(values.size))

    @classmethod
    def greedy(cls, steps: Iterator[int], size: int) -> Ranking:
        """A ranking whose ``steps`` yield one index per greedy step; step k scores -k."""
        taken: dict[int, int] = {}

        def order() -> Iterator[int]:
            for index in steps:
                taken[index] = len(taken)
                yield index

        return cls(order(), lambda index: -float(taken[index]), -float(max(size - 1, 0)), size)

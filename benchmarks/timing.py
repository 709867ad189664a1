"""Side-by-side timing shared by the benchmarks (imported from the scripts' own folder)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def best_of(rounds: int, calls: int, *functions: Callable[[], Any]) -> list[float]:
    """Seconds per call of each function: interleaved rounds, best round kept.

    Interleaving makes machine noise hit every contender alike, so ratios are fair.
    """
    best = [float("inf")] * len(functions)
    for _ in range(rounds):
        for index, function in enumerate(functions):
            start = time.perf_counter()
            for _ in range(calls):
                function()
            best[index] = min(best[index], (time.perf_counter() - start) / calls)
    return best

"""Values derived from a pack once and kept for as long as the pack lives.

A loaded pack does not change, so what drift derives from it never goes stale. Keeping it
here rather than on the pack leaves the pack knowing nothing of drift.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from hsconform.pack import Pack

T = TypeVar("T")


class PerPack(Generic[T]):
    """``compute(pack)``, run at most once per pack; the value goes when the pack does.

    The value must not refer to the pack, or the pack would never be freed.
    """

    def __init__(self, compute: Callable[[Pack], T]) -> None:
        self._compute = compute
        self._values: weakref.WeakKeyDictionary[Pack, T] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def __call__(self, pack: Pack) -> T:
        with self._lock:
            try:
                return self._values[pack]
            except KeyError:
                value = self._values[pack] = self._compute(pack)
                return value

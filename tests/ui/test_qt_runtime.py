"""The Qt binding itself behaves: a PySide6 release that mishandles references on every
signal emission (6.12.0 does: the process aborts after a few hundred signals) fails here
rather than in a moderator's eighth hour."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    value = Signal(object)
    bare = Signal()


def test_emitting_signals_keeps_reference_counts(qapp):
    """Other threads (the test platform's server) move these counts a little; a leak moves
    them by one per emission."""
    emitter = _Emitter()
    received = []
    emitter.value.connect(received.append)
    emitter.bare.connect(lambda: received.append(None))
    payload = object()
    before = [sys.getrefcount(x) for x in (True, False, payload)]
    rounds = 1000
    for _ in range(rounds):
        emitter.value.emit(payload)
        emitter.bare.emit()
    received.clear()
    after = [sys.getrefcount(x) for x in (True, False, payload)]
    assert after[2] == before[2]
    assert all(abs(a - b) < rounds // 4 for a, b in zip(after[:2], before[:2], strict=True)), (before, after)

"""Run client work off the GUI thread and hand the result back on it.

``run_task(fn, *args, on_done=..., on_error=...)`` runs ``fn`` on a ``QThreadPool``; the
callbacks are called on the GUI thread (through a queued signal), never on the worker.
Widgets are only ever touched from those callbacks.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; its signals are emitted from the worker and delivered queued.

    Signals:
        finished(object): the task's result.
        failed(object): the exception the task raised.
    """

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]) -> None:
        super().__init__()
        self._on_done, self._on_error = on_done, on_error
        # Connected to methods of an object living on the GUI thread: delivered there, queued.
        self.finished.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)

    @Slot(object)
    def _deliver_result(self, result: Any) -> None:
        self._on_done(result)

    @Slot(object)
    def _deliver_error(self, exc: BaseException) -> None:
        self._on_error(exc)


class Progress(QObject):
    """Carries a worker's progress, (done, total), to the GUI thread: create it on the GUI
    thread, hand ``changed.emit`` to the worker; connected slots run queued.

    Signals:
        changed(int, int): done, total.
    """

    changed = Signal(int, int)


class Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], relay: _Relay) -> None:
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.relay = relay
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:  # handed to the GUI thread, which decides
            self.relay.failed.emit(exc)
        else:
            self.relay.finished.emit(result)


#: Tasks still running; kept alive here until their result is delivered.
_running: set[Task] = set()


def run_task(
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    pool: QThreadPool | None = None,
    **kwargs: Any,
) -> Task:
    """Run ``fn(*args, **kwargs)`` on the pool; call ``on_done(result)`` or ``on_error(exc)``
    on the GUI thread. An error without a handler is logged as a bug."""
    task: Task

    def finished(result: Any) -> None:
        _running.discard(task)
        if on_done is not None:
            on_done(result)

    def failed(exc: BaseException) -> None:
        _running.discard(task)
        if on_error is not None:
            on_error(exc)
        else:
            log.error("background task %s failed", getattr(fn, "__qualname__", fn), exc_info=exc)

    task = Task(fn, args, kwargs, _Relay(finished, failed))
    _running.add(task)
    (pool or QThreadPool.globalInstance()).start(task)
    return task


def tune_gc() -> None:
    """Keep the garbage collector's pauses short on the GUI thread. The collector runs in
    whichever thread allocates, holding the GIL, so a full collection during a large pull
    (hundreds of thousands of short-lived parsed objects) froze the window for up to 110 ms.
    What exists once the window is up (Qt bindings, modules, the contract's models) is moved
    out of the collector's sight, and collections of the oldest generation are made rarer."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(5_000, 20, 100)


def wait_for_tasks(timeout_ms: int = 30000) -> bool:
    """Wait for every task on the global pool (used on shutdown and in tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)

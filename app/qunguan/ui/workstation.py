"""The bridge between the window and the GUI-free core: runs claims, case loads, outbox
writes and sync off the GUI thread and reports back by signals.

Signals:
    caseLoaded(object): a CaseDetail for the case being shown (from the cache first, then fresh).
    caseFailed(int, object): loading case (id) failed with the exception.
    claimed(object): a CaseSummary we now hold.
    claimRefused(int, object): the claim of case (id) was refused (the exception; its `current` tells the holder).
    released(object): the CaseSummary of a case given back.
    prefetched(object): a CaseDetail loaded ahead of being shown.
    recorded(object): an OutboxEntry committed locally.
    recordFailed(int, object): writing the decision for case (id) to the outbox failed.
    undone(object): the OutboxEntry taken back.
    synced(object): a SyncReport.
    syncFailed(object): the sync's exception (offline, session expired, ...).
    pendingChanged(int): decisions waiting in the outbox.
    attentionChanged(int): conflicts and refused decisions waiting for the moderator.
    syncProgress(int, int): the first full pull: cases read, cases expected.
    offlineChanged(int): cases taken offline (lease running).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from qunguan.client.api import ApiClient
from qunguan.client.cache import Cache
from qunguan.client.errors import KnownError, Offline, SessionExpired
from qunguan.client.outbox import OutboxEntry
from qunguan.client.sync import Syncer, SyncReport
from qunguan.contract import models as api
from qunguan.contract.enums import Action

from .tasks import run_task

log = logging.getLogger(__name__)

PUSH_INTERVAL_MS = 1000
PULL_INTERVAL_MS = 30_000
RECENT_CASES = 32


class Workstation(QObject):
    caseLoaded = Signal(object)
    caseFailed = Signal(int, object)
    claimed = Signal(object)
    claimRefused = Signal(int, object)
    released = Signal(object)
    prefetched = Signal(object)
    recorded = Signal(object)
    recordFailed = Signal(int, object)
    undone = Signal(object)
    synced = Signal(object)
    syncFailed = Signal(object)
    pendingChanged = Signal(int)
    attentionChanged = Signal(int)
    syncProgress = Signal(int, int)
    offlineChanged = Signal(int)

    def __init__(self, api_client: ApiClient, cache: Cache, syncer: Syncer, moderator: api.Moderator,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.api, self.cache, self.syncer, self.moderator = api_client, cache, syncer, moderator
        self.online: bool | None = None
        self.last_sync: datetime | None = None
        self._syncing = False
        self.session_ok = True
        self._pull_due = True
        self._asked_pull = False
        self._forced = False
        self._current: int | None = None
        self._prefetching: set[int] = set()
        self._recent: dict[int, api.CaseDetail] = {}
        #: Cases taken offline: already held with a long lease, so never re-claimed (that would
        #: shorten the lease) nor released when the moderator moves on.
        self.offline_ids: set[int] = set()
        syncer.progress = self.syncProgress.emit  # from the worker: delivered queued
        self.push_timer = QTimer(self)
        self.push_timer.setInterval(PUSH_INTERVAL_MS)
        self.push_timer.timeout.connect(self.sync_now)
        self.pull_timer = QTimer(self)
        self.pull_timer.setInterval(PULL_INTERVAL_MS)
        self.pull_timer.timeout.connect(self._want_pull)

    def start(self) -> None:
        self.push_timer.start()
        self.pull_timer.start()
        self.sync_now()
        self.attention_changed()
        self._refresh_offline()

    def _refresh_offline(self) -> None:
        def found(ids: list[int]) -> None:
            self.offline_ids = set(ids)
            self.offlineChanged.emit(len(ids))

        run_task(self.cache.offline_cases, on_done=found)

    def attention_changed(self) -> None:
        """Count what needs the moderator again (after a sync, or a conflict was resolved)."""
        run_task(lambda: len(self.cache.outbox.attention()), on_done=self.attentionChanged.emit)

    def take_offline(self, n: int, f: Any = None, *, progress: Any = None, cancelled: Any = None,
                     on_done: Any = None, on_error: Any = None) -> None:
        from qunguan.client.checkout import take_offline

        def finished(report: Any) -> None:
            self._refresh_offline()
            if on_done is not None:
                on_done(report)

        run_task(take_offline, self.api, self.cache, n, f, progress=progress, cancelled=cancelled,
                 on_done=finished, on_error=on_error)

    def stop(self) -> None:
        self.push_timer.stop()
        self.pull_timer.stop()

    # --- cases ------------------------------------------------------------------------------------

    def open_case(self, case_id: int) -> None:
        """Show the case at once from the cache, then claim it and load it fresh (in that
        order, so the fresh copy shows the claim)."""
        self._current = case_id
        cached = self._recent.get(case_id)
        if cached is None:
            cached = self.cache.detail(case_id)
        if cached is not None:
            self.caseLoaded.emit(cached)

        held_offline = case_id in self.offline_ids

        def claim_and_load() -> tuple[api.CaseSummary | BaseException, api.CaseDetail]:
            claim: api.CaseSummary | BaseException
            try:
                if held_offline:  # held already, with a long lease
                    detail = self._load(case_id)
                    return detail.case, detail
                claim = self._claim(case_id, False)
            except KnownError as exc:
                if isinstance(exc, Offline | SessionExpired):
                    raise
                claim = exc
            return claim, self._load(case_id)

        def done(result: tuple[api.CaseSummary | BaseException, api.CaseDetail]) -> None:
            claim, detail = result
            self._loaded(detail)
            if isinstance(claim, BaseException):
                self._claim_failed(case_id, claim)
            else:
                self.claimed.emit(claim)

        client = self.api
        run_task(claim_and_load, on_done=done, on_error=lambda exc: self._stale(exc, client)
                 or self._load_failed(case_id, exc))

    def take_over(self, case_id: int) -> None:
        run_task(self._claim, case_id, True, on_done=self.claimed.emit,
                 on_error=lambda exc, client=self.api: self._stale(exc, client) or self._claim_failed(case_id, exc))

    def release(self, case_id: int) -> None:
        if case_id in self.offline_ids:
            return  # taken offline: kept until decided or the lease ends

        def release() -> api.CaseSummary:
            summary = self.api.release(case_id)
            self.cache.store_cases([summary])
            return summary

        client = self.api
        run_task(release, on_done=self.released.emit,
                 on_error=lambda exc: self._stale(exc, client) or self._note_failure(exc))

    def prefetch(self, case_ids: list[int]) -> None:
        """Load the next cases into the cache so that moving on shows them at once."""
        for case_id in case_ids:
            if case_id in self._prefetching or case_id in self._recent:
                continue
            self._prefetching.add(case_id)
            run_task(self._load, case_id, on_done=self._prefetched,
                     on_error=lambda _e, c=case_id: self._prefetching.discard(c))

    def _prefetched(self, detail: api.CaseDetail) -> None:
        self._prefetching.discard(detail.case.id)
        self._remember(detail)
        self.prefetched.emit(detail)

    def _remember(self, detail: api.CaseDetail) -> None:
        """Keep the last few cases parsed in memory: moving on must not wait for the disk."""
        self._recent.pop(detail.case.id, None)
        self._recent[detail.case.id] = detail
        while len(self._recent) > RECENT_CASES:
            self._recent.pop(next(iter(self._recent)))

    def _claim(self, case_id: int, takeover: bool) -> api.CaseSummary:
        summary = self.api.claim(case_id, takeover=takeover)
        self.cache.store_cases([summary])
        return summary

    def _load(self, case_id: int) -> api.CaseDetail:
        detail = self.api.case(case_id)
        self.cache.store_detail(detail)
        return detail

    def _loaded(self, detail: api.CaseDetail) -> None:
        self._set_online(True)
        self._remember(detail)
        if detail.case.id == self._current:
            self.caseLoaded.emit(detail)

    def _load_failed(self, case_id: int, exc: BaseException) -> None:
        self._note_failure(exc)
        if case_id == self._current:
            self.caseFailed.emit(case_id, exc)

    def _claim_failed(self, case_id: int, exc: BaseException) -> None:
        self._note_failure(exc)
        self.claimRefused.emit(case_id, exc)

    def load_more(self, group_id: int, direction: str, anchor: int, on_done: Any) -> None:
        kwargs = {"before": anchor} if direction == "before" else {"after": anchor}
        run_task(self.api.group_messages, group_id, limit=20, **kwargs, on_done=on_done,
                 on_error=lambda exc: self.caseFailed.emit(0, exc))

    # --- decisions ----------------------------------------------------------------------------------

    def decide(self, detail: api.CaseDetail, action: Action, fields: dict[str, Any]) -> api.DecisionRequest:
        """Record a decision in the local outbox (off the GUI thread); it is sent in the background."""
        version = detail.case.version
        request = api.DecisionRequest(
            case_id=detail.case.id, action=action, expected_version=version,
            decided_at=datetime.now(UTC), **{k: v for k, v in fields.items() if v is not None},
        )
        run_task(self.cache.outbox.add, request, on_done=self._recorded,
                 on_error=lambda exc: self.recordFailed.emit(request.case_id, exc))
        return request

    def _recorded(self, entry: OutboxEntry) -> None:
        self.recorded.emit(entry)
        self._refresh_pending()

    def undo_last(self) -> None:
        def undo() -> OutboxEntry | None:
            entry = self.cache.outbox.last_undoable()
            if entry is not None and self.cache.outbox.undo(entry.id):
                return entry
            return None

        run_task(undo, on_done=self._undone, on_error=lambda exc: self.recordFailed.emit(0, exc))

    def _undone(self, entry: OutboxEntry | None) -> None:
        self.undone.emit(entry)
        self._refresh_pending()

    def _refresh_pending(self) -> None:
        run_task(self.cache.outbox.pending_count, on_done=self.pendingChanged.emit)

    def reveal(self, user_id: int, reason: str, on_done: Any, on_error: Any) -> None:
        run_task(self.api.reveal, user_id, reason, on_done=on_done, on_error=on_error)

    def blast_radius(self, case_id: int, action: Action, on_done: Any, on_error: Any,
                     user_id: int | None = None) -> None:
        run_task(self.api.blast_radius, case_id, action.value, user_id, on_done=on_done, on_error=on_error)

    # --- sync ------------------------------------------------------------------------------------------

    def _want_pull(self) -> None:
        self._pull_due = True

    def sync_now(self, pull: bool = False) -> None:
        """A round now; ``pull=True`` (the moderator asked: F5) also pulls and skips the
        backoff. Asked while a round runs, it is done right after that one, not dropped."""
        if not self.session_ok:
            return
        if self._syncing:
            if pull:
                self._pull_due = self._forced = True
                QTimer.singleShot(0, self._after_round)
            return
        self._syncing = True
        force = pull or self._forced
        do_pull = pull or self._pull_due
        self._pull_due = self._forced = False
        self._asked_pull = do_pull
        client = self.api

        def work() -> SyncReport:
            return self.syncer.sync(pull=do_pull, force=force)

        run_task(work, on_done=self._synced, on_error=lambda exc: self._sync_failed(exc, client))

    def _after_round(self) -> None:
        """Run a round the moderator asked for once the one in flight has ended."""
        if self._forced:
            if self._syncing:
                QTimer.singleShot(50, self._after_round)
            else:
                self.sync_now(pull=True)

    def resume(self, client: ApiClient) -> None:
        """Carry on with a new login after the session ended (the outbox was kept)."""
        self.api = client
        self.syncer.api = client
        self.syncer.reset_backoff()
        self.session_ok = True
        self.start()

    def _synced(self, report: SyncReport) -> None:
        self._syncing = False
        if report.waiting:  # backing off: nothing was tried (a pull that was due stays due)
            self._pull_due = self._pull_due or self._asked_pull
            self.synced.emit(report)
            return
        self._set_online(not report.offline)
        if not report.offline:
            self.last_sync = datetime.now(UTC)
        self.synced.emit(report)
        self._refresh_pending()
        if report.conflicts or report.failed:
            self.attention_changed()
        if report.sent:
            self._refresh_offline()

    def _stale(self, exc: BaseException, client: ApiClient) -> bool:
        """A session's failure that arrives after a new login replaced it: nothing to do."""
        return isinstance(exc, SessionExpired) and client is not self.api

    def _sync_failed(self, exc: BaseException, client: ApiClient) -> None:
        self._syncing = False
        if self._stale(exc, client):
            return
        self._note_failure(exc)
        self.syncFailed.emit(exc)
        self._refresh_pending()

    def _note_failure(self, exc: BaseException) -> None:
        if isinstance(exc, Offline):
            self._set_online(False)
        elif isinstance(exc, SessionExpired):
            self.session_ok = False  # no syncing until a new login (the timers keep running)

    def _set_online(self, online: bool) -> None:
        self.online = online

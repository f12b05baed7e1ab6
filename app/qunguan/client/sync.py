"""The sync engine: pushes the outbox in order with the stored idempotency keys, and pulls
the queue into the cache (the whole active queue once, then ``/changes`` deltas).

Pure Python, no Qt: the UI runs ``push``/``pull``/``sync`` off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pydantic import ValidationError

from qunguan.contract import models as api
from qunguan.contract.enums import MAX_PAGE, CaseStatus

from .api import ApiClient
from .cache import Cache
from .errors import BadResponse, Offline, ServerProblem, SessionExpired

#: The statuses whose cases are read in full on the first pull (everything else arrives as a change).
ACTIVE_STATUSES = (CaseStatus.OPEN, CaseStatus.CLAIMED, CaseStatus.ESCALATED, CaseStatus.APPEALED,
                   CaseStatus.AWAITING_SECOND_APPROVAL)
CHANGES_PAGE = 1000
#: Answers worth trying again later (the decision stays pending): timeouts, too early, too many.
_TRANSIENT_4XX = frozenset({408, 425, 429})


@dataclass
class SyncReport:
    pulled: int = 0
    sent: int = 0
    conflicts: int = 0
    failed: int = 0
    offline: bool = False
    #: The last problem that left a decision pending for later (a server error), in plain words.
    error: str | None = None

    def add(self, other: SyncReport) -> SyncReport:
        self.pulled += other.pulled
        self.sent += other.sent
        self.conflicts += other.conflicts
        self.failed += other.failed
        self.offline = self.offline or other.offline
        self.error = other.error or self.error
        return self


class Syncer:
    def __init__(self, api: ApiClient, cache: Cache, *, hold_seconds: float = 5.0,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.api = api
        self.cache = cache
        self.hold = timedelta(seconds=hold_seconds)
        self.clock = clock or (lambda: datetime.now(UTC))

    # --- push -------------------------------------------------------------------------------------

    def push(self) -> SyncReport:
        """Send what has waited longer than the undo window, oldest first."""
        report = SyncReport()
        outbox = self.cache.outbox
        older_than = self.clock() - self.hold
        while (entry := outbox.claim_next(older_than)) is not None:
            try:
                result = self.api.decide(entry.request(), entry.idempotency_key)
            except Offline as exc:
                outbox.mark_pending(entry.id, str(exc))
                report.offline = True
                break
            except SessionExpired as exc:
                outbox.mark_pending(entry.id, str(exc))
                raise
            except ServerProblem as exc:
                if self._refused(entry.id, exc, report):
                    continue
                break  # the platform is in trouble: try again later, in the same order
            except BaseException:
                outbox.mark_pending(entry.id, "interrupted while sending")
                raise
            outbox.mark_sent(entry.id, result)
            report.sent += 1
        return report

    def _refused(self, entry_id: int, exc: ServerProblem, report: SyncReport) -> bool:
        """Record a problem answer; True to go on with the next entry."""
        outbox = self.cache.outbox
        message = str(exc)
        if exc.status == 409:
            outbox.mark_conflict(entry_id, message, _current(exc.body))
            report.conflicts += 1
            return True
        if isinstance(exc, BadResponse) and exc.status < 400:
            # It answered "done" with something we cannot read: it may well be applied. Ask a person.
            outbox.mark_failed(entry_id, f"{message} The decision may have been recorded; check the case.")
            report.failed += 1
            return True
        if exc.status >= 500 or exc.status in _TRANSIENT_4XX or exc.status < 400:
            outbox.mark_pending(entry_id, message)
            report.error = message
            return False
        outbox.mark_failed(entry_id, message)
        report.failed += 1
        return True

    # --- pull -------------------------------------------------------------------------------------

    def pull(self) -> SyncReport:
        """First time: the active queue in pages, then the changes since; later: the changes."""
        report = SyncReport()
        try:
            since = self.cache.change_seq()
            if since == 0:
                since, report.pulled = self._read_queue()
            report.pulled += self._catch_up(since)
        except Offline:
            report.offline = True
        self.cache.expire_claims()
        return report

    def _read_queue(self) -> tuple[int, int]:
        """Page /cases for the active statuses. Returns a sequence from which /changes catches up
        with whatever changed while paging: the highest one on the first page, which is no later
        than the platform's sequence when paging began."""
        statuses = [s.value for s in ACTIVE_STATUSES]
        cursor: str | None = None
        since: int | None = None
        pulled = 0
        while True:
            params: dict[str, object] = {"status": statuses, "limit": MAX_PAGE}
            if cursor:
                params["cursor"] = cursor
            page = self.api.cases(**params)
            if since is None:
                since = max((c.change_seq for c in page.items), default=0)
            self.cache.store_cases(page.items)
            pulled += len(page.items)
            if not page.next_cursor or not page.items:
                return since, pulled
            cursor = page.next_cursor

    def _catch_up(self, since: int) -> int:
        pulled = 0
        while True:
            page = self.api.changes(since, CHANGES_PAGE)
            self.cache.store_changes(page.items, page.next_since)
            pulled += len(page.items)
            if not page.has_more or page.next_since <= since:
                return pulled
            since = page.next_since

    # --- both -------------------------------------------------------------------------------------

    def sync(self) -> SyncReport:
        report = self.push()
        if report.offline:
            return report
        return report.add(self.pull())


def _current(body: dict) -> api.CaseSummary | None:
    current = body.get("current") if isinstance(body, dict) else None
    if not isinstance(current, dict):
        return None
    try:
        return api.CaseSummary.model_validate(current)
    except ValidationError:
        return None

"""The sync engine: pushes the outbox in order with the stored idempotency keys, and pulls
the queue into the cache (the whole active queue once, then ``/changes`` deltas).

Pure Python, no Qt: the UI runs ``push``/``pull``/``sync`` off the GUI thread.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pydantic import ValidationError

from qunguan.contract import models as api
from qunguan.contract.enums import MAX_PAGE, CaseStatus

from .api import ApiClient
from .cache import Cache
from .errors import BadResponse, Offline, ServerProblem, SessionExpired
from .outbox import OutboxEntry

#: The statuses whose cases are read in full on the first pull (everything else arrives as a change).
ACTIVE_STATUSES = (CaseStatus.OPEN, CaseStatus.CLAIMED, CaseStatus.ESCALATED, CaseStatus.APPEALED,
                   CaseStatus.AWAITING_SECOND_APPROVAL)
CHANGES_PAGE = 1000
#: Backoff after a failed round: BACKOFF_BASE * 2**n seconds, at most BACKOFF_MAX, scaled by a
#: random factor in [0.5, 1] (jitter, so that many workstations do not return in step).
BACKOFF_BASE = 1.0
BACKOFF_MAX = 60.0
#: A Retry-After longer than this is not believed (a broken or hostile server).
RETRY_AFTER_MAX = 15 * 60.0
#: A decision whose "done" answer could not be read is sent again (same key: one effect) this
#: many times before a person is asked to look.
UNREADABLE_ATTEMPTS = 5


@dataclass
class SyncReport:
    pulled: int = 0
    sent: int = 0
    conflicts: int = 0
    failed: int = 0
    offline: bool = False
    #: The last problem that left a decision pending for later (a server error), in plain words.
    error: str | None = None
    #: Seconds the platform asked us to wait (Retry-After), if it did.
    retry_after: float | None = None
    #: Nothing was tried: the engine is backing off until ``retry_at``.
    waiting: bool = False
    retry_at: datetime | None = None

    @property
    def failed_round(self) -> bool:
        return self.offline or self.error is not None

    def add(self, other: SyncReport) -> SyncReport:
        self.pulled += other.pulled
        self.sent += other.sent
        self.conflicts += other.conflicts
        self.failed += other.failed
        self.offline = self.offline or other.offline
        self.error = other.error or self.error
        self.retry_after = other.retry_after if other.retry_after is not None else self.retry_after
        return self


class Syncer:
    def __init__(self, api: ApiClient, cache: Cache, *, hold_seconds: float = 5.0,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.api = api
        self.cache = cache
        self.hold = timedelta(seconds=hold_seconds)
        self.clock = clock or (lambda: datetime.now(UTC))
        self.random = random.Random()
        #: Failed rounds in a row, and when the next round may start (backoff).
        self.failures = 0
        self.not_before: datetime | None = None
        #: One round at a time, whoever asks (timers, F5, a check-out).
        self._round = threading.Lock()
        #: Called with (cases read, cases expected) while the first full pull runs.
        self.progress: Callable[[int, int], None] | None = None

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
                if self._refused(entry, exc, report):
                    continue
                break
            except BaseException:
                outbox.mark_pending(entry.id, "interrupted while sending")
                raise
            outbox.mark_sent(entry.id, result)
            report.sent += 1
        return report

    def _refused(self, entry: OutboxEntry, exc: ServerProblem, report: SyncReport) -> bool:
        """Record a problem answer; True to go on with the next entry."""
        outbox = self.cache.outbox
        message = str(exc)
        if exc.status == 409:
            outbox.mark_conflict(entry.id, message, _current(exc.body))
            report.conflicts += 1
            return True
        if isinstance(exc, BadResponse) and exc.status < 400:
            # An answer we could not read (cut off, malformed, too large): the decision may have
            # been applied. Sending it again is safe (same key, one effect) -- a few times; then
            # a person looks.
            if entry.attempts >= UNREADABLE_ATTEMPTS:
                outbox.mark_failed(entry.id, f"{message} The decision may have been recorded; check the case.")
                report.failed += 1
                return True
        elif not exc.transient:
            outbox.mark_failed(entry.id, message)
            report.failed += 1
            return True
        outbox.mark_pending(entry.id, message)
        report.error = message
        report.retry_after = exc.retry_after
        return False  # the platform is in trouble: try again later, in the same order

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
        expected = 0
        if self.progress is not None:
            c = self.api.counts()
            expected = c.open + c.claimed + c.escalated + c.appealed + c.awaiting_second_approval
            self.progress(0, expected)
        while True:
            params: dict[str, object] = {"status": statuses, "limit": MAX_PAGE}
            if cursor:
                params["cursor"] = cursor
            page = self.api.cases(**params)
            if since is None:
                since = max((c.change_seq for c in page.items), default=0)
            self.cache.store_cases(page.items)
            pulled += len(page.items)
            if self.progress is not None:
                self.progress(pulled, max(expected, pulled))
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

    def sync(self, *, pull: bool = True, force: bool = False) -> SyncReport:
        """One round: push, then (unless offline or in trouble) pull. After a failed round
        the next waits (exponential backoff with jitter, or the platform's Retry-After);
        ``force`` (the moderator asked) goes at once. Rounds never overlap."""
        with self._round:
            now = self.clock()
            if not force and self.not_before is not None and now < self.not_before:
                return SyncReport(waiting=True, retry_at=self.not_before, offline=self.failures > 0 and self._offline)
            report = self.push()
            if pull and not report.failed_round:
                try:
                    report.add(self.pull())
                except ServerProblem as exc:
                    if not (exc.transient or isinstance(exc, BadResponse)):
                        raise
                    report.error, report.retry_after = str(exc), exc.retry_after
            self._after(report)
            return report

    _offline = False

    def reset_backoff(self) -> None:
        """Try at the next round (a new login, the network came back)."""
        self.failures, self.not_before = 0, None

    def _after(self, report: SyncReport) -> None:
        self._offline = report.offline
        if not report.failed_round:
            self.failures, self.not_before = 0, None
            return
        delay = min(BACKOFF_MAX, BACKOFF_BASE * 2 ** min(self.failures, 16)) * self.random.uniform(0.5, 1.0)
        if report.retry_after is not None:
            delay = max(delay, min(report.retry_after, RETRY_AFTER_MAX))
        self.failures += 1
        self.not_before = self.clock() + timedelta(seconds=delay)
        report.retry_at = self.not_before


def _current(body: dict) -> api.CaseSummary | None:
    current = body.get("current") if isinstance(body, dict) else None
    if not isinstance(current, dict):
        return None
    try:
        return api.CaseSummary.model_validate(current)
    except ValidationError:
        return None

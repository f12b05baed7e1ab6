"""Offline check-out: claim the next N cases of a queue with a long lease and keep their
whole context (the conversation around the flagged message, the sender, the group) in the
cache, so they can be decided with no network at all. Their decisions go through the outbox
like any other; a lease that ran out while offline, with the case taken by someone else
meanwhile, comes back from the platform as a conflict."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from qunguan.contract.enums import MAX_LEASE_SECONDS

from .api import ApiClient
from .cache import Cache, QueueFilter
from .errors import Conflict, Forbidden, NotFound, Offline, SessionExpired

#: How long a check-out holds its cases (the contract's longest lease: three days).
OFFLINE_LEASE = timedelta(seconds=MAX_LEASE_SECONDS)
#: Messages kept on each side of the flagged one.
OFFLINE_CONTEXT = 20


@dataclass
class CheckoutReport:
    taken: list[int] = field(default_factory=list)
    #: Cases someone else held (or that were closed) when we got to them.
    skipped: list[int] = field(default_factory=list)
    cancelled: bool = False
    #: Set when the network went away part-way (what was taken stays taken).
    error: str | None = None


def take_offline(api: ApiClient, cache: Cache, n: int, f: QueueFilter | None = None, *,
                 sort: str = "priority", lease: timedelta = OFFLINE_LEASE,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> CheckoutReport:
    """Claim and cache up to ``n`` cases from the queue ``f`` (in its order), skipping cases
    held by others; ``progress(done, total)`` after each; stops early when ``cancelled()``."""
    report = CheckoutReport()
    f = f or QueueFilter(queue="open")
    mine_or_free = [c for c in cache.rows(f, sort, True, 0, max(n * 3, n + 50))
                    if c.claimed_by in (None, cache.me) and c.pending_action is None]
    total = min(n, len(mine_or_free))
    if progress:
        progress(0, total)
    for row in mine_or_free:
        if len(report.taken) >= n:
            break
        if cancelled and cancelled():
            report.cancelled = True
            break
        try:
            claim = api.claim(row.id, lease_seconds=int(lease.total_seconds()))
            detail = api.case(row.id, context=OFFLINE_CONTEXT)
        except (Conflict, Forbidden, NotFound):
            report.skipped.append(row.id)
            continue
        except (Offline, SessionExpired) as exc:
            report.error = str(exc)
            break
        cache.store_detail(detail, offline_until=claim.claim.expires_at if claim.claim else None)
        report.taken.append(row.id)
        if progress:
            progress(len(report.taken), total)
    return report


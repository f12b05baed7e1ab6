"""Verify the platform's audit trail from the workstation: fetch the whole chain page by page
and the signed checkpoint, then check both with the contract's verifier (the same rules the
platform writes by). The public key is the platform's; a key pinned in the profile can be
given instead, so that a platform cannot vouch for itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from qunguan.contract.audit import Verdict, verify_chain
from qunguan.contract.models import AuditEvent, Checkpoint

from .api import ApiClient

PAGE = 1000


@dataclass(frozen=True)
class AuditReport:
    verdict: Verdict
    checkpoint: Checkpoint
    key_id: str
    events: int


def verify_audit_trail(api: ApiClient, *, public_key_b64: str | None = None,
                       progress: Callable[[int, int], None] | None = None) -> AuditReport:
    """Fetch the checkpoint first (the chain can only grow after it), then every event."""
    checkpoint = api.checkpoint()
    key = api.public_key()
    events: list[AuditEvent] = []
    after = 0
    while True:
        page = api.audit(after=after, limit=PAGE)
        events.extend(page.items)
        if progress is not None:
            progress(len(events), max(checkpoint.seq, len(events)))
        if not page.next_cursor or not page.items:
            break
        after = page.items[-1].seq
    verdict = verify_chain(events, checkpoint, public_key_b64 or key.public_key)
    return AuditReport(verdict=verdict, checkpoint=checkpoint, key_id=key.key_id, events=len(events))

"""Verify the platform's audit trail from the workstation: fetch the whole chain page by page
and the signed checkpoint, then check both with the contract's verifier (the same rules the
platform writes by). The public key is the platform's; a key pinned in the profile can be
given instead, so that a platform cannot vouch for itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from qunguan.contract.audit import Verdict, chain_hash, event_body, verify_chain
from qunguan.contract.models import AuditEvent, Checkpoint, DecisionContext

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


def case_trail(api: ApiClient, case_id: int, decision_id: int) -> list[AuditEvent]:
    """A case's events and one decision's (its reviews and appeals), in chain order."""
    events = {e.seq: e for subject in (f"case:{case_id}", f"decision:{decision_id}")
              for e in api.audit(0, 200, subject).items}
    return [events[seq] for seq in sorted(events)]


def event_intact(event: AuditEvent) -> bool:
    """Whether an event's content still gives its hash (its place in the chain is checked by
    verifying the whole chain)."""
    body = event_body(event.seq, event.at, event.actor, event.kind, event.subject, event.payload, event.prev_hash)
    return chain_hash(event.prev_hash, body) == event.hash


class RecordCheck(StrEnum):
    """How the record of what the moderator saw stands against the decision's audit event."""

    MATCHES = "matches"          # the record's digest is the one in an intact audit event
    DIFFERS = "differs"          # the record was changed after the event, or the event was
    NOT_RECORDED = "not_recorded"  # a decision from before the platform kept these records
    NO_EVENT = "no_event"        # the decision's audit event is not in the trail


def check_record(context: DecisionContext, trail: list[AuditEvent]) -> RecordCheck:
    if context.digest is None:
        return RecordCheck.NOT_RECORDED
    for event in trail:
        if event.payload.get("decision") == context.decision.id and "context" in event.payload:
            ok = event.payload["context"] == context.digest and event_intact(event)
            return RecordCheck.MATCHES if ok else RecordCheck.DIFFERS
    return RecordCheck.NO_EVENT

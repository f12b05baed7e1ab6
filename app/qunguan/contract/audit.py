"""The audit chain's rules, shared by the platform (which writes it) and the workstation
(which verifies it): canonical JSON, the hash of an event, checkpoint signatures, and a
verifier that names the first bad event.

``hash = sha256(prev_hash || canonical JSON of the event)``, where the event is every field
but ``hash``; ``prev_hash`` of the first event is 64 zeros.  A checkpoint signs
``"qunguan-audit-checkpoint:v1:{seq}:{hash}"`` with Ed25519.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .models import AuditEvent, Checkpoint

GENESIS = "0" * 64


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    raise TypeError(f"not canonical JSON: {type(value).__name__}")


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default,
                      allow_nan=False).encode("utf-8")


def event_body(seq: int, at: datetime, actor: str, kind: str, subject: str, payload: dict[str, Any],
               prev_hash: str) -> dict[str, Any]:
    return {"seq": seq, "at": at, "actor": actor, "kind": str(kind), "subject": subject, "payload": payload,
            "prev_hash": prev_hash}


def chain_hash(prev_hash: str, body: dict[str, Any]) -> str:
    return hashlib.sha256(bytes.fromhex(prev_hash) + canonical_json(body)).hexdigest()


def checkpoint_message(seq: int, head: str) -> bytes:
    return f"qunguan-audit-checkpoint:v1:{seq}:{head}".encode()


def export_message(rows: int, head: str, signed_at: datetime) -> bytes:
    """What the platform signs for an export: its row count and the head of its row chain."""
    return f"qunguan-export:v1:{rows}:{head}:{_default(signed_at)}".encode()


def signature_ok(public_key_b64: str, expected_key_id: str, message: bytes, signature_b64: str) -> bool:
    try:
        raw = base64.b64decode(public_key_b64)
        if key_id(raw) != expected_key_id:
            return False
        Ed25519PublicKey.from_public_bytes(raw).verify(base64.b64decode(signature_b64), message)
    except (InvalidSignature, ValueError):
        return False
    return True


def key_id(public_key_raw: bytes) -> str:
    return hashlib.sha256(public_key_raw).hexdigest()[:16]


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checked: int
    #: The seq of the first event that does not verify (or where one is missing).
    first_bad_seq: int | None = None
    reason: str = ""


def verify_chain(
    events: Iterable[AuditEvent], checkpoint: Checkpoint | None = None, public_key_b64: str | None = None,
    *, start_prev_hash: str = GENESIS, start_seq: int = 1,
) -> Verdict:
    """Verify events in order from ``start_seq``; then that the checkpoint's head is in the
    chain and its signature is good. Detects an altered, deleted, reordered or truncated
    event and a bad signature."""
    prev, expected_seq, checked = start_prev_hash, start_seq, 0
    heads: dict[int, str] = {}
    for event in events:
        if event.seq != expected_seq:
            return Verdict(False, checked, expected_seq,
                           f"event {expected_seq} is missing or out of order (found {event.seq})")
        if event.prev_hash != prev:
            return Verdict(False, checked, event.seq, f"event {event.seq} does not link to the event before it")
        body = event_body(event.seq, event.at, event.actor, event.kind, event.subject, event.payload,
                          event.prev_hash)
        if chain_hash(prev, body) != event.hash:
            return Verdict(False, checked, event.seq, f"event {event.seq} was altered (its hash does not match)")
        prev = event.hash
        heads[event.seq] = event.hash
        expected_seq += 1
        checked += 1
    if checkpoint is not None:
        last = expected_seq - 1
        if checkpoint.seq > last:
            return Verdict(False, checked, last + 1,
                           f"the chain ends at {last} but the signed checkpoint is at {checkpoint.seq}: truncated")
        if heads.get(checkpoint.seq, GENESIS if checkpoint.seq == 0 else None) != checkpoint.hash:
            return Verdict(False, checked, checkpoint.seq, f"the signed head at {checkpoint.seq} is not in the chain")
        if public_key_b64 is None:
            return Verdict(False, checked, None, "no public key to check the checkpoint signature")
        try:
            raw = base64.b64decode(public_key_b64)
            if key_id(raw) != checkpoint.key_id:
                return Verdict(False, checked, None, "the checkpoint was signed with another key")
            Ed25519PublicKey.from_public_bytes(raw).verify(
                base64.b64decode(checkpoint.signature), checkpoint_message(checkpoint.seq, checkpoint.hash)
            )
        except (InvalidSignature, ValueError):
            return Verdict(False, checked, None, "the checkpoint signature is not valid")
    return Verdict(True, checked)

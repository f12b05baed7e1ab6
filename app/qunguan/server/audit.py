"""The audit chain on the platform: append events in one linear order, sign checkpoints.

Every append takes the ``audit`` sequencer row lock (``FOR UPDATE``) for the rest of its
transaction, so concurrent writers, across workers too, append one after another and each
event links to the one committed before it."""

from __future__ import annotations

import base64
import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, bindparam, insert, select
from sqlalchemy.orm import Session

from qunguan.contract import models as api
from qunguan.contract.audit import GENESIS, canonical_json, chain_hash, checkpoint_message, event_body, key_id
from qunguan.contract.enums import AuditKind

from . import models as db
from .db import Database, Prepared, connection_of, next_seq

_TABLE = db.AuditEvent.__table__
#: Built once (building a statement costs more than running it on this path).
_PREV_HASH = Prepared(select(_TABLE.c.hash).where(_TABLE.c.seq == bindparam("prev_seq")))
_INSERT = Prepared(insert(_TABLE))


def append(session: Session | Connection, actor: str, kind: AuditKind, subject: str, payload: dict[str, Any],
           now: datetime) -> int:
    """Append one event to the chain in the caller's transaction (a session's or a connection's);
    returns its seq."""
    # Store exactly what is hashed: plain JSON (times become ISO strings).
    payload = json.loads(canonical_json(payload))
    seq = next_seq(session, "audit")
    connection = connection_of(session)
    prev = GENESIS
    if seq > 1:
        prev = _PREV_HASH.scalar(connection, {"prev_seq": seq - 1})
        if prev is None:  # pragma: no cover - the sequence lock makes this impossible
            raise RuntimeError(f"audit event {seq - 1} is missing")
    body = event_body(seq, now, actor, kind.value, subject, payload, prev)
    _INSERT.execute(connection, {"seq": seq, "at": now, "actor": actor, "kind": kind.value, "subject": subject,
                              "payload": payload, "prev_hash": prev, "hash": chain_hash(prev, body)})
    return seq


def view(event: db.AuditEvent) -> api.AuditEvent:
    return api.AuditEvent(seq=event.seq, at=event.at, actor=event.actor, kind=event.kind, subject=event.subject,
                          payload=event.payload, prev_hash=event.prev_hash, hash=event.hash)


class Signer:
    """The platform's Ed25519 checkpoint key, kept in a file outside the database."""

    def __init__(self, key: Ed25519PrivateKey) -> None:
        self._key = key
        self.public_raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self.key_id = key_id(self.public_raw)

    @property
    def public_b64(self) -> str:
        return base64.b64encode(self.public_raw).decode()

    @classmethod
    def create(cls, path: Path) -> Signer:
        if path.exists():
            return cls.load(path)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
        return cls(key)

    @classmethod
    def load(cls, path: Path) -> Signer:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{path} does not hold an Ed25519 key")
        return cls(key)

    def sign_bytes(self, message: bytes) -> str:
        return base64.b64encode(self._key.sign(message)).decode()

    def sign(self, seq: int, head: str) -> api.Checkpoint:
        signature = self._key.sign(checkpoint_message(seq, head))
        return api.Checkpoint(seq=seq, hash=head, signature=base64.b64encode(signature).decode(), key_id=self.key_id)


def head(session: Session) -> tuple[int, str]:
    row = session.execute(select(db.AuditEvent).order_by(db.AuditEvent.seq.desc()).limit(1)).scalar_one_or_none()
    return (row.seq, row.hash) if row else (0, GENESIS)


def checkpoint(database: Database, signer: Signer, now: datetime) -> api.Checkpoint:
    """Sign the chain's head unless the newest stored checkpoint already covers it."""
    with database.writing() as session:
        seq, head_hash = head(session)
        latest = session.execute(
            select(db.AuditCheckpoint).order_by(db.AuditCheckpoint.id.desc()).limit(1)
        ).scalar_one_or_none()
        if latest is not None and latest.seq == seq and latest.key_id == signer.key_id:
            return api.Checkpoint(seq=latest.seq, hash=latest.hash, signature=latest.signature, key_id=latest.key_id)
        signed = signer.sign(seq, head_hash)
        session.add(db.AuditCheckpoint(seq=signed.seq, hash=signed.hash, signature=signed.signature,
                                       key_id=signed.key_id, at=now))
        return signed

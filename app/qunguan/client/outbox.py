"""The outbox: decisions recorded locally first (committed durably before ``add`` returns),
then sent by the syncer in order, each with the Idempotency-Key made when the moderator
decided, so a resend after a crash has one effect on the platform.

States: ``pending`` (waiting; may be undone) -> ``sending`` (taken by the syncer) ->
``sent`` | ``conflict`` (the case changed on the platform; its current copy is kept) |
``failed`` (refused for good: needs attention) | back to ``pending`` (offline, a server
problem, or the app died while sending: ``recover()`` at start-up).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection

from qunguan.contract import models as api

from .cache import outbox_table, upsert_summaries

if TYPE_CHECKING:
    from .cache import Cache

PENDING, SENDING, SENT, CONFLICT, FAILED = "pending", "sending", "sent", "conflict", "failed"
WAITING = (PENDING, SENDING)
ATTENTION = (CONFLICT, FAILED)
_ERROR_MAX = 2000

ob = outbox_table


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    idempotency_key: str
    case_id: int
    action: str
    request_json: str
    created_at: datetime
    state: str
    error: str | None
    attempts: int
    #: On a conflict: the platform's current case (CaseSummary JSON).
    current_json: str | None = None

    def request(self) -> api.DecisionRequest:
        return api.DecisionRequest.model_validate_json(self.request_json)

    def current(self) -> api.CaseSummary | None:
        return None if self.current_json is None else api.CaseSummary.model_validate_json(self.current_json)


def _entry(r: Any) -> OutboxEntry:
    return OutboxEntry(
        id=r.id, idempotency_key=r.idempotency_key, case_id=r.case_id, action=r.action, request_json=r.request_json,
        created_at=r.created_at, state=r.state, error=r.error, attempts=r.attempts, current_json=r.current_json,
    )


_COLUMNS = (ob.c.id, ob.c.idempotency_key, ob.c.case_id, ob.c.action, ob.c.request_json, ob.c.created_at,
            ob.c.state, ob.c.error, ob.c.attempts, ob.c.current_json)


class Outbox:
    """Lives on the Cache (``cache.outbox``), in the same file, and writes through its writer."""

    def __init__(self, cache: Cache) -> None:
        self._cache = cache

    # --- recording --------------------------------------------------------------------------------

    def add(self, request: api.DecisionRequest) -> OutboxEntry:
        """Record a decision with a fresh key; it is on disk (synchronous=FULL) when this returns."""
        now = self._cache.clock()
        if request.decided_at is None:  # fixed now, so that every resend is the same body
            request = request.model_copy(update={"decided_at": now})
        body = request.model_dump_json(exclude_none=True)
        key = str(uuid.uuid4())

        def job(conn: Connection) -> OutboxEntry:
            new_id = conn.execute(ob.insert().values(
                idempotency_key=key, case_id=request.case_id, action=request.action.value, request_json=body,
                created_at=now, updated_at=now, state=PENDING, attempts=0,
            )).inserted_primary_key[0]
            return _entry(conn.execute(select(*_COLUMNS).where(ob.c.id == new_id)).one())

        return self._cache.write(job)

    def undo(self, entry_id: int) -> bool:
        """Remove the entry if it has not been taken for sending; True if it was removed."""
        return self._cache.write(
            lambda conn: conn.execute(delete(ob).where(ob.c.id == entry_id, ob.c.state == PENDING)).rowcount == 1
        )

    def dismiss(self, entry_id: int) -> bool:
        """Forget an entry that needed attention (conflict or failed), once it was seen to."""
        return self._cache.write(
            lambda conn: conn.execute(delete(ob).where(ob.c.id == entry_id, ob.c.state.in_(ATTENTION))).rowcount == 1
        )

    # --- reading ----------------------------------------------------------------------------------

    def get(self, entry_id: int) -> OutboxEntry | None:
        found = self._cache.read(lambda conn: conn.execute(select(*_COLUMNS).where(ob.c.id == entry_id)).first())
        return None if found is None else _entry(found)

    def _list(self, states: tuple[str, ...], newest_first: bool = False, limit: int | None = None) -> list[OutboxEntry]:
        stmt = select(*_COLUMNS).where(ob.c.state.in_(states))
        stmt = stmt.order_by(ob.c.id.desc() if newest_first else ob.c.id).limit(limit)
        return [_entry(r) for r in self._cache.read(lambda conn: conn.execute(stmt).all())]

    def last_undoable(self) -> OutboxEntry | None:
        found = self._list((PENDING,), newest_first=True, limit=1)
        return found[0] if found else None

    def pending(self) -> list[OutboxEntry]:
        """Entries not yet sent (pending and sending), oldest first."""
        return self._list(WAITING)

    def pending_count(self) -> int:
        stmt = select(func.count()).select_from(ob).where(ob.c.state.in_(WAITING))
        return int(self._cache.read(lambda conn: conn.execute(stmt).scalar_one()))

    def attention(self) -> list[OutboxEntry]:
        """Conflicts and refused decisions, oldest first."""
        return self._list(ATTENTION)

    # --- the syncer's side ------------------------------------------------------------------------

    def recover(self) -> int:
        """At start-up: entries left in "sending" (the app died mid-send) go back to pending.
        Resending is safe: the platform answers the same key with the first response."""
        return self._set(None, PENDING, {"error": "interrupted while sending; will be sent again"}, (SENDING,))

    def claim_next(self, older_than: datetime | None = None) -> OutboxEntry | None:
        """The oldest pending entry, atomically marked "sending" -- unless it was recorded after
        ``older_than`` (still in its undo window: then nothing, so that order is kept)."""

        def job(conn: Connection) -> OutboxEntry | None:
            found = conn.execute(select(*_COLUMNS).where(ob.c.state == PENDING).order_by(ob.c.id).limit(1)).first()
            if found is None or (older_than is not None and found.created_at > older_than):
                return None
            conn.execute(update(ob).where(ob.c.id == found.id).values(
                state=SENDING, attempts=ob.c.attempts + 1, updated_at=self._cache.clock()))
            return _entry(conn.execute(select(*_COLUMNS).where(ob.c.id == found.id)).one())

        return self._cache.write(job)

    def mark_sent(self, entry_id: int, result: api.DecisionResult) -> bool:
        """Sent: the platform's copy of the case goes into the cache in the same transaction."""
        return self._set(entry_id, SENT, {"error": None, "result_json": result.model_dump_json()},
                         store=[result.case])

    def mark_pending(self, entry_id: int, error: str | None = None) -> bool:
        return self._set(entry_id, PENDING, {"error": _clip(error)})

    def mark_conflict(self, entry_id: int, message: str, current: api.CaseSummary | None) -> bool:
        values = {"error": _clip(message), "current_json": current.model_dump_json() if current else None}
        return self._set(entry_id, CONFLICT, values, store=[current] if current else [])

    def mark_failed(self, entry_id: int, message: str) -> bool:
        return self._set(entry_id, FAILED, {"error": _clip(message)})

    def _set(self, entry_id: int | None, state: str, values: dict[str, Any], from_states: tuple[str, ...] = (SENDING,),
             store: list[api.CaseSummary] | None = None) -> Any:
        now = self._cache.clock()

        def job(conn: Connection) -> Any:
            stmt = update(ob).where(ob.c.state.in_(from_states))
            if entry_id is not None:
                stmt = stmt.where(ob.c.id == entry_id)
            n = conn.execute(stmt.values(state=state, updated_at=now, **values)).rowcount
            if store and n:
                upsert_summaries(conn, store)
            return n if entry_id is None else n == 1

        return self._cache.write(job)


def _clip(text: str | None) -> str | None:
    return None if text is None else text[:_ERROR_MAX]

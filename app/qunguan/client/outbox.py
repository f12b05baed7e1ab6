"""The outbox: decisions recorded locally first (committed durably before ``add`` returns),
then sent by the syncer in order, each with the Idempotency-Key made when the moderator
decided, so a resend after a crash has one effect on the platform.

States: ``pending`` (waiting; may be undone) -> ``sending`` (taken by the syncer) ->
``sent`` | ``conflict`` (the case changed on the platform: a row in ``conflicts`` keeps theirs
beside mine) | ``failed`` (refused for good: needs attention) | back to ``pending`` (offline,
a server problem, or the app died while sending: ``recover()`` at start-up).
A conflict or failure ends as ``dismissed`` once the moderator saw to it (accepted theirs,
escalated, or let it go); the row stays as the local record of what happened.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection

from qunguan.contract import models as api
from qunguan.contract.enums import Action

from .cache import conflicts, outbox_table, upsert_summaries

if TYPE_CHECKING:
    from .cache import Cache

PENDING, SENDING, SENT, CONFLICT, FAILED, DISMISSED = "pending", "sending", "sent", "conflict", "failed", "dismissed"
ACCEPTED_THEIRS, ESCALATED = "accepted_theirs", "escalated"
WAITING = (PENDING, SENDING)
ATTENTION = (CONFLICT, FAILED)
_ERROR_MAX = 2000
NOTE_MAX = 2000

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
    #: On a conflict the moderator saw to: accepted_theirs or escalated.
    resolution: str | None = None

    def request(self) -> api.DecisionRequest:
        return api.DecisionRequest.model_validate_json(self.request_json)

    def current(self) -> api.CaseSummary | None:
        return None if self.current_json is None else api.CaseSummary.model_validate_json(self.current_json)


def _entry(r: Any) -> OutboxEntry:
    return OutboxEntry(
        id=r.id, idempotency_key=r.idempotency_key, case_id=r.case_id, action=r.action, request_json=r.request_json,
        created_at=r.created_at, state=r.state, error=r.error, attempts=r.attempts, current_json=r.theirs_json,
        resolution=r.resolution,
    )


_COLUMNS = (ob.c.id, ob.c.idempotency_key, ob.c.case_id, ob.c.action, ob.c.request_json, ob.c.created_at,
            ob.c.state, ob.c.error, ob.c.attempts, conflicts.c.theirs_json, conflicts.c.resolution)
_FROM = ob.outerjoin(conflicts, conflicts.c.outbox_id == ob.c.id)


def _select() -> Any:
    return select(*_COLUMNS).select_from(_FROM)


class Outbox:
    """Lives on the Cache (``cache.outbox``), in the same file, and writes through its writer."""

    def __init__(self, cache: Cache) -> None:
        self._cache = cache

    # --- recording --------------------------------------------------------------------------------

    def add(self, request: api.DecisionRequest) -> OutboxEntry:
        """Record a decision with a fresh key; it is on disk (synchronous=FULL) when this returns."""
        return self._cache.write(self._inserter(request))

    def _inserter(self, request: api.DecisionRequest) -> Any:
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
            return _entry(conn.execute(_select().where(ob.c.id == new_id)).one())

        return job

    def undo(self, entry_id: int) -> bool:
        """Remove the entry if it has not been taken for sending; True if it was removed."""
        return self._cache.write(
            lambda conn: conn.execute(delete(ob).where(ob.c.id == entry_id, ob.c.state == PENDING)).rowcount == 1
        )

    def dismiss(self, entry_id: int, resolution: str | None = None) -> bool:
        """An entry that needed attention (conflict or failed) was seen to: it leaves the
        attention list. For a conflict, ``resolution`` says how (accepted theirs, escalated)."""
        return self._cache.write(self._dismisser(entry_id, resolution))

    def _dismisser(self, entry_id: int, resolution: str | None) -> Any:
        now = self._cache.clock()

        def job(conn: Connection) -> bool:
            n = conn.execute(update(ob).where(ob.c.id == entry_id, ob.c.state.in_(ATTENTION))
                             .values(state=DISMISSED, updated_at=now)).rowcount
            if n:
                conn.execute(update(conflicts).where(conflicts.c.outbox_id == entry_id)
                             .values(resolution=resolution or ACCEPTED_THEIRS, resolved_at=now))
            return n == 1

        return job

    def escalate(self, entry_id: int, note: str) -> OutboxEntry:
        """Resolve a conflict by escalating the case as it now is on the platform (a new
        decision, sent like any other), with ``note`` saying what I had decided. One
        transaction: the conflict is closed exactly when the escalation is recorded."""
        entry = self.get(entry_id)
        if entry is None or entry.state != CONFLICT:
            raise ValueError("only an open conflict can be escalated")
        theirs = entry.current()
        mine = entry.request()
        request = api.DecisionRequest(
            case_id=entry.case_id, action=Action.ESCALATE, reason_code=mine.reason_code,
            note=note[:NOTE_MAX] or None, expected_version=theirs.version if theirs else mine.expected_version,
        )
        insert, dismiss = self._inserter(request), self._dismisser(entry_id, ESCALATED)

        def job(conn: Connection) -> OutboxEntry:
            if not dismiss(conn):
                raise ValueError("the conflict was resolved meanwhile")
            return insert(conn)

        return self._cache.write(job)

    # --- reading ----------------------------------------------------------------------------------

    def get(self, entry_id: int) -> OutboxEntry | None:
        found = self._cache.read(lambda conn: conn.execute(_select().where(ob.c.id == entry_id)).first())
        return None if found is None else _entry(found)

    def _list(self, states: tuple[str, ...], newest_first: bool = False, limit: int | None = None) -> list[OutboxEntry]:
        stmt = _select().where(ob.c.state.in_(states))
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
            found = conn.execute(_select().where(ob.c.state == PENDING).order_by(ob.c.id).limit(1)).first()
            if found is None or (older_than is not None and found.created_at > older_than):
                return None
            conn.execute(update(ob).where(ob.c.id == found.id).values(
                state=SENDING, attempts=ob.c.attempts + 1, updated_at=self._cache.clock()))
            return _entry(conn.execute(_select().where(ob.c.id == found.id)).one())

        return self._cache.write(job)

    def mark_sent(self, entry_id: int, result: api.DecisionResult) -> bool:
        """Sent: the platform's copy of the case goes into the cache in the same transaction."""
        return self._set(entry_id, SENT, {"error": None, "result_json": result.model_dump_json()},
                         store=[result.case])

    def mark_pending(self, entry_id: int, error: str | None = None) -> bool:
        return self._set(entry_id, PENDING, {"error": _clip(error)})

    def mark_conflict(self, entry_id: int, message: str, current: api.CaseSummary | None) -> bool:
        now = self._cache.clock()
        entry = self.get(entry_id)

        def job(conn: Connection) -> bool:
            n = conn.execute(update(ob).where(ob.c.id == entry_id, ob.c.state == SENDING)
                             .values(state=CONFLICT, updated_at=now, error=_clip(message))).rowcount
            if not n or entry is None:
                return False
            conn.execute(conflicts.insert().values(
                outbox_id=entry_id, case_id=entry.case_id, theirs_json=current.model_dump_json() if current else None,
                message=_clip(message) or "", detected_at=now))
            if current is not None:
                upsert_summaries(conn, [current])
            return True

        return self._cache.write(job)

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

"""The platform export format that ``qunguan-platform import`` reads.

A file is JSON Lines: UTF-8, one JSON object per line (blank lines are skipped, a byte
order mark on the first line is tolerated).  Each object names what it is in ``"type"``:

``group``
    ``id``, ``name`` (1-200 characters), ``owner_id`` (a user), ``member_count`` (>= 0),
    ``member_cap`` (>= 1), ``category`` (a :class:`~qunguan.contract.enums.GroupCategory`
    value: ``work``, ``family``, ...), ``tier`` (1-4), ``created_at``, ``admins`` (a list of
    user ids, each once, not the owner; may be empty).
``user``
    ``id``, ``display_name`` (1-100 characters), ``real_name`` (optional, up to 100),
    ``phone`` (optional, up to 32), ``real_name_verified`` (true/false), ``credit_score``
    (optional integer; the platform's initial score when left out), ``created_at``.
``message``
    ``id``, ``group_id``, ``sender_id``, ``sent_at``, ``kind`` (``text``, ``image``, ``link``
    or ``file``), ``body`` (up to 10,000 characters, may be empty), ``attachments``
    (optional list of ``{"name", "size", "sha256", "mime_type", "kind"}``; ``sha256`` is 64
    lowercase hex digits), ``media_hash`` (optional, up to 64 characters).
``report``
    ``id``, ``message_id``, ``reporter_id`` (a user), ``reason`` (the reporter's words, 1-200
    characters), ``reason_code`` (optional taxonomy code such as ``"PLT-03"``), ``note``
    (optional, up to 2,000 characters), ``at``.

Rules every line follows:

* ids are JSON integers from 1 to 2**53 - 1 (not strings, not ``1.0``);
* times are ISO 8601 / RFC 3339 strings *with* an offset (``2026-11-20T17:00:00+08:00`` or
  ``...Z``); a time without one is refused rather than guessed;
* fields not listed here are refused, and so are wrong JSON types (``"5"`` for ``5``);
* no text may hold a NUL character.

Lines may come in any order: a message may precede its group.  References (a group's owner
and admins, a message's group and sender, a report's message and reporter) must name a
record of the file or one already on the platform; whether they do is the importer's
business, not this module's.  Example::

    {"type": "user", "id": 501, "display_name": "老王", "real_name_verified": true, "created_at": "2026-01-02T08:00:00+08:00"}
    {"type": "group", "id": 41, "name": "幸福里业主群", "owner_id": 501, "member_count": 120, "member_cap": 500, "category": "neighbourhood", "tier": 2, "created_at": "2026-01-03T09:00:00+08:00", "admins": []}
    {"type": "message", "id": 2001, "group_id": 41, "sender_id": 501, "sent_at": "2026-11-20T10:00:00+08:00", "kind": "text", "body": "明早停水"}
    {"type": "report", "id": 9001, "message_id": 2001, "reporter_id": 501, "reason": "谣言", "reason_code": "ILL-08", "at": "2026-11-20T10:05:00+08:00"}

Validate one line with ``IMPORT_RECORD.validate_json(line)``: the models are strict, so
JSON's own types are taken as they are and nothing is coerced.
"""  # noqa: E501

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, model_validator

from .enums import GroupCategory, MessageKind
from .models import NO_NUL, Id
from .taxonomy import ReasonCode

#: The largest value of the platform's 32-bit integer columns (counts, sizes).
MAX_INT32 = 2**31 - 1
MAX_BODY = 10_000
MAX_ATTACHMENTS = 100


def _text(min_length: int, max_length: int) -> StringConstraints:
    return StringConstraints(min_length=min_length, max_length=max_length, pattern=NO_NUL)


Name = Annotated[str, _text(1, 200)]
DisplayName = Annotated[str, _text(1, 100)]
OptionalName = Annotated[str, _text(0, 100)]
Phone = Annotated[str, _text(0, 32)]
Body = Annotated[str, _text(0, MAX_BODY)]
MimeType = Annotated[str, _text(1, 100)]
MediaHash = Annotated[str, _text(1, 64)]
ReportReason = Annotated[str, _text(1, 200)]
Note = Annotated[str, _text(0, 2000)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Count = Annotated[int, Field(ge=0, le=MAX_INT32)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class GroupRecord(_Record):
    type: Literal["group"]
    id: Id
    name: Name
    owner_id: Id
    member_count: Count
    member_cap: Annotated[int, Field(ge=1, le=MAX_INT32)]
    category: GroupCategory
    tier: Annotated[int, Field(ge=1, le=4)]
    created_at: AwareDatetime
    admins: list[Id]

    @model_validator(mode="after")
    def _officers(self) -> GroupRecord:
        if self.owner_id in self.admins:
            raise ValueError(f"the owner {self.owner_id} is also listed in 'admins'")
        if len(set(self.admins)) != len(self.admins):
            twice = sorted({a for a in self.admins if self.admins.count(a) > 1})
            raise ValueError(f"'admins' lists {', '.join(map(str, twice))} more than once")
        return self


class UserRecord(_Record):
    type: Literal["user"]
    id: Id
    display_name: DisplayName
    real_name: OptionalName | None = None
    phone: Phone | None = None
    real_name_verified: bool
    credit_score: Annotated[int, Field(ge=0, le=MAX_INT32)] | None = None
    created_at: AwareDatetime


class AttachmentRecord(_Record):
    name: Name
    size: Count
    sha256: Sha256
    mime_type: MimeType
    kind: MessageKind


class MessageRecord(_Record):
    type: Literal["message"]
    id: Id
    group_id: Id
    sender_id: Id
    sent_at: AwareDatetime
    kind: MessageKind
    body: Body
    attachments: Annotated[list[AttachmentRecord], Field(max_length=MAX_ATTACHMENTS)] = []
    media_hash: MediaHash | None = None


class ReportRecord(_Record):
    type: Literal["report"]
    id: Id
    message_id: Id
    reporter_id: Id
    reason: ReportReason
    reason_code: ReasonCode | None = None
    note: Note | None = None
    at: AwareDatetime


ImportRecord = Annotated[GroupRecord | UserRecord | MessageRecord | ReportRecord, Field(discriminator="type")]
IMPORT_RECORD: TypeAdapter[ImportRecord] = TypeAdapter(ImportRecord)
#: The values of ``"type"``, in the order the importer writes them.
RECORD_TYPES: tuple[str, ...] = ("user", "group", "message", "report")

"""Evidence packages for the authorities: one ZIP file for a case or a batch of decisions.

Inside: ``summary.txt`` (in Chinese and English: what was decided, why, by whom and when, and
the flagged message), and per decision ``decisions/<id>/context.json`` (the case as the
platform showed it when the decision was recorded: the conversation, the sender with personal
data masked, the group, the reports and signals), ``conversation.txt`` and ``trail.json`` (the
case's audit events). ``manifest.json`` lists every file with its SHA-256, chains those lines
like the rows of a CSV export, and carries the platform's signature of the chain's head and the
audit checkpoint. ``verify_package`` (and ``qunguan verify-export FILE.zip``) checks a package
offline: an edited, added or removed file, a record of what the moderator saw that no longer
matches its audit event, or a wrong signature.

The delivery itself (to whom, how, when) is recorded on the platform with the SHA-256 of the
ZIP file, so the package handed over can be matched later."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from qunguan.contract import models as api
from qunguan.contract.audit import GENESIS, export_message, signature_ok
from qunguan.contract.taxonomy import ReasonCode

from .api import ApiClient
from .export import ExportVerdict, row_hash, sign_rows
from .integrity import RecordCheck, case_trail, check_record

FORMAT = "qunguan-evidence v1"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Package:
    path: Path
    sha256: str
    decision_ids: list[int]
    files: int


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _reason(code: ReasonCode | None) -> str:
    if code is None:
        return "—"
    return f"{code.value} {code.info.label('zh_CN')} / {code.info.label('en')}"


def conversation_text(ctx: api.DecisionContext) -> str:
    lines = []
    for message in [*ctx.context_before, ctx.message, *ctx.context_after]:
        mark = ">>" if message.id == ctx.message.id else "  "
        gone = " [deleted 已删除]" if message.deleted else ""
        lines.append(f"{mark} #{message.id} {_when(message.sent_at)} {message.sender_name} "
                     f"(user {message.sender_id}){gone}")
        lines.extend("     " + line for line in message.body.splitlines() or [""])
    return "\n".join(lines) + "\n"


def summary_text(contexts: list[api.DecisionContext], created_at: datetime, platform_url: str) -> str:
    out = [
        "群管 Qunguan — 证据包 / evidence package",
        f"生成时间 / created: {_when(created_at)}",
        f"平台 / platform: {platform_url}",
        f"决定数 / decisions: {len(contexts)}",
        "核验 / verify: qunguan verify-export <this file>.zip",
        "",
    ]
    for ctx in contexts:
        d = ctx.decision
        out += [
            f"== 决定 / decision {d.id} · 案件 / case {d.case_id}",
            f"处置 / action: {d.action.value}    结果 / outcome: {d.outcome.value}",
            f"理由 / reason: {_reason(d.reason_code)}",
            f"审核员 / moderator: {d.actor.username}    决定时间 / decided: {_when(d.decided_at)}    "
            f"记录时间 / recorded: {_when(d.recorded_at)}",
            f"群组 / group: {ctx.group.name} (#{ctx.group.id}, {ctx.group.member_count} members)",
            f"发送者 / sender: {ctx.sender.display_name} (#{ctx.sender.id}; "
            f"实名 / real-name verified: {'yes' if ctx.sender.real_name_verified else 'no'})",
            f"举报 / reports: {len(ctx.reports)}    信号 / signals: {len(ctx.signals)}",
            f"被举报消息 / flagged message #{ctx.message.id} ({_when(ctx.message.sent_at)}):",
            *("    " + line for line in ctx.message.body.splitlines() or [""]),
            f"备注 / note: {d.note}" if d.note else "",
            f"所见记录 / record of what the moderator saw: {ctx.digest or 'not kept (older decision)'}",
            "",
        ]
    return "\n".join(out)


def _files_rows(files: list[tuple[str, bytes]]) -> list[list[str]]:
    return [[name, hashlib.sha256(data).hexdigest(), str(len(data))] for name, data in files]


def write_package(path: Path, client: ApiClient, decision_ids: list[int], platform_url: str = "",
                  progress: Callable[[int, int], None] | None = None) -> Package:
    """Fetch each decision's context and its case's trail, write the package, have the platform
    sign the file list (nothing is written if it refuses)."""
    contexts: list[api.DecisionContext] = []
    files: list[tuple[str, bytes]] = []
    for n, decision_id in enumerate(decision_ids, start=1):
        ctx = client.decision_context(decision_id)
        trail = case_trail(client, ctx.decision.case_id, decision_id)
        contexts.append(ctx)
        base = f"decisions/{decision_id}/"
        files += [
            (base + "context.json", ctx.model_dump_json(indent=2).encode()),
            (base + "conversation.txt", conversation_text(ctx).encode()),
            (base + "trail.json", json.dumps([e.model_dump(mode="json") for e in trail], ensure_ascii=False,
                                             indent=2).encode()),
        ]
        if progress is not None:
            progress(n, len(decision_ids))
    created_at = datetime.now(UTC)
    files.insert(0, ("summary.txt", summary_text(contexts, created_at, platform_url).encode()))
    rows = _files_rows(files)
    description = "evidence package: decisions " + ", ".join(map(str, decision_ids[:50]))
    hashes, signed = sign_rows(client, rows, description)
    manifest = {
        "format": FORMAT, "created_at": created_at.isoformat(), "platform": platform_url,
        "decisions": decision_ids,
        "files": [[*row, h] for row, h in zip(rows, hashes, strict=True)],
        "head": signed.head,
        "signature": signed.signature.model_dump(mode="json"),
        "audit_checkpoint": signed.checkpoint.model_dump(mode="json"),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
        for name, data in files:
            archive.writestr(name, data)
    data = buffer.getvalue()
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)
    return Package(path, hashlib.sha256(data).hexdigest(), list(decision_ids), len(files) + 1)


def verify_package(path: Path, *, public_key_b64: str | None = None) -> ExportVerdict:
    """Check a package offline (see the module's docstring)."""
    try:
        with zipfile.ZipFile(path) as archive:
            contents = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
    except (OSError, zipfile.BadZipFile) as exc:
        return ExportVerdict(False, 0, f"the package cannot be read: {exc}")
    try:
        manifest = json.loads(contents.pop(MANIFEST))
        if manifest["format"] != FORMAT:
            raise ValueError(manifest["format"])
        listed = manifest["files"]
        signature = api.ExportSignature.model_validate(manifest["signature"])
    except (KeyError, ValueError, TypeError):
        return ExportVerdict(False, 0, "not a Qunguan evidence package (its manifest is missing or unreadable)")
    prev = GENESIS
    for n, entry in enumerate(listed, start=1):
        name, digest, size, stored = entry
        if row_hash(prev, [name, digest, size]) != stored:
            return ExportVerdict(False, len(listed), f"the manifest's entry {n} ({name}) was edited or moved", n)
        prev = stored
        data = contents.get(name)
        if data is None:
            return ExportVerdict(False, len(listed), f"{name} is missing from the package", n)
        if hashlib.sha256(data).hexdigest() != digest:
            return ExportVerdict(False, len(listed), f"{name} was changed after the package was made", n)
    extra = sorted(set(contents) - {entry[0] for entry in listed})
    if extra:
        return ExportVerdict(False, len(listed), f"files were added to the package: {', '.join(extra[:5])}")
    if signature.rows != len(listed) or signature.head != prev:
        return ExportVerdict(False, len(listed), "the manifest's file list is not the one the platform signed")
    if not signature_ok(public_key_b64 or signature.public_key, signature.key_id,
                        export_message(signature.rows, signature.head, signature.signed_at), signature.signature):
        return ExportVerdict(False, len(listed), "the platform's signature does not match this package")
    for decision_id in manifest.get("decisions", []):
        base = f"decisions/{decision_id}/"
        try:
            ctx = api.DecisionContext.model_validate_json(contents[base + "context.json"])
            trail = [api.AuditEvent.model_validate(e) for e in json.loads(contents[base + "trail.json"])]
        except (KeyError, ValueError):
            return ExportVerdict(False, len(listed), f"decision {decision_id}'s files cannot be read")
        if check_record(ctx, trail) in (RecordCheck.DIFFERS, RecordCheck.NO_EVENT):
            return ExportVerdict(False, len(listed), f"decision {decision_id}: the record of what the moderator "
                                 "saw does not match its audit event")
    return ExportVerdict(True, len(listed))

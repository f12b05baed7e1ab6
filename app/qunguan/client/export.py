"""Verifiable CSV exports of the decision history.

Every row carries ``row_hash = sha256(previous row_hash || canonical JSON of the row's
cells)`` (the first links to 64 zeros); the platform signs the last hash with its audit key
(``POST /exports/sign``, which also records the export in the audit chain). The file ends
with ``#``-lines: the row count, the head, the signature, the key and the audit chain's
signed checkpoint at export time. ``verify_export`` checks a file offline and names the
first row that was edited, deleted or moved, a truncated file, or a wrong signature.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from qunguan.contract import models as api
from qunguan.contract.audit import GENESIS, chain_hash, export_message, signature_ok
from qunguan.contract.enums import MAX_PAGE

from .api import ApiClient

FORMAT = "qunguan-export v1"
COLUMNS = ["decision_id", "decided_at", "recorded_at", "moderator", "action", "reason_code", "outcome", "case_id",
           "review", "note"]
PAGE = MAX_PAGE


def decision_cells(d: api.Decision) -> list[str]:
    return [str(d.id), d.decided_at.isoformat(), d.recorded_at.isoformat(), d.actor.username, d.action.value,
            d.reason_code.value if d.reason_code else "", d.outcome.value, str(d.case_id), d.review or "",
            d.note or ""]


def row_hash(prev: str, cells: list[str]) -> str:
    return chain_hash(prev, {"cells": cells})


def fetch_history(client: ApiClient, filters: dict[str, Any],
                  progress: Callable[[int, int], None] | None = None, limit: int | None = None) -> list[api.Decision]:
    """Every decision the filters match (the newest ``limit``, if given), page by page."""
    found: list[api.Decision] = []
    cursor: str | None = None
    while True:
        page = client.history(**filters, limit=PAGE, **({"cursor": cursor} if cursor else {}))
        found.extend(page.items)
        if progress is not None:
            progress(len(found), len(found) + (PAGE if page.next_cursor else 0))
        if not page.next_cursor or not page.items or (limit is not None and len(found) >= limit):
            return found if limit is None else found[:limit]
        cursor = page.next_cursor


@dataclass(frozen=True)
class Signed:
    rows: int
    head: str
    signature: api.ExportSignature
    checkpoint: api.Checkpoint


def sign_rows(client: ApiClient, rows: list[list[str]], description: str = "") -> tuple[list[str], Signed]:
    """Chain the rows and have the platform sign the head: (each row's hash, the signed head)."""
    prev = GENESIS
    hashes = []
    for cells in rows:
        prev = row_hash(prev, cells)
        hashes.append(prev)
    signature = client.sign_export(len(rows), prev, description)
    return hashes, Signed(len(rows), prev, signature, client.checkpoint())


def write_csv(path: Path, client: ApiClient, decisions: Iterable[api.Decision], description: str = "") -> Signed:
    """Write the export; the platform signs its head first (nothing is written if it refuses)."""
    rows = [decision_cells(d) for d in decisions]
    hashes, signed = sign_rows(client, rows, description)
    prev, signature, checkpoint = signed.head, signed.signature, signed.checkpoint
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*COLUMNS, "row_hash"])
    for cells, h in zip(rows, hashes, strict=True):
        writer.writerow([*cells, h])
    for key, *values in (
        ("format", FORMAT), ("description", description), ("rows", str(len(rows))), ("head", prev),
        ("signed_at", signature.signed_at.isoformat()), ("signature", signature.signature),
        ("key_id", signature.key_id), ("public_key", signature.public_key),
        ("export_audit_seq", str(signature.audit_seq)),
        ("audit_checkpoint", str(checkpoint.seq), checkpoint.hash, checkpoint.signature, checkpoint.key_id),
    ):
        writer.writerow([f"#{key}", *values])
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(out.getvalue(), encoding="utf-8")
    tmp.replace(path)
    return signed


@dataclass(frozen=True)
class ExportVerdict:
    ok: bool
    rows: int
    reason: str = ""
    #: 1-based number of the first bad data row, when one is to blame.
    first_bad_row: int | None = None


def verify_export(path: Path, *, public_key_b64: str | None = None) -> ExportVerdict:
    """Check an export offline. ``public_key_b64``: the platform's key as the checker knows it
    (otherwise the one in the file, which proves integrity but not origin). An evidence package
    (a ZIP file) is checked by :func:`qunguan.client.evidence.verify_package`."""
    if zipfile.is_zipfile(path):
        from .evidence import verify_package

        return verify_package(Path(path), public_key_b64=public_key_b64)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return ExportVerdict(False, 0, f"the file cannot be read: {exc}")
    lines = list(csv.reader(io.StringIO(text)))
    if not lines or lines[0] != [*COLUMNS, "row_hash"]:
        return ExportVerdict(False, 0, "not a Qunguan export (the header is not the expected one)")
    data = [row for row in lines[1:] if row and not row[0].startswith("#")]
    meta = {row[0][1:]: row[1:] for row in lines[1:] if row and row[0].startswith("#")}
    if meta.get("format", [""])[0] != FORMAT:
        return ExportVerdict(False, len(data), "the signed trailer is missing: the file was truncated")
    prev = GENESIS
    for n, row in enumerate(data, start=1):
        if len(row) != len(COLUMNS) + 1:
            return ExportVerdict(False, len(data), f"row {n} has the wrong number of fields", n)
        cells, stored = row[:-1], row[-1]
        if row_hash(prev, cells) != stored:
            expected_by_link = any(row_hash(prev, other[:-1]) == other[-1] for other in data[n:])
            what = "is missing or out of order" if expected_by_link else "was edited (or a row before it removed)"
            return ExportVerdict(False, len(data), f"row {n} {what}", n)
        prev = stored
    try:
        rows, head = int(meta["rows"][0]), meta["head"][0]
        signed_at = datetime.fromisoformat(meta["signed_at"][0])
        signature, key = meta["signature"][0], meta["key_id"][0]
        public_key = public_key_b64 or meta["public_key"][0]
    except (KeyError, IndexError, ValueError):
        return ExportVerdict(False, len(data), "the signed trailer is incomplete")
    if rows != len(data) or head != prev:
        return ExportVerdict(False, len(data), f"the file holds {len(data)} rows but {rows} were signed: rows were "
                             "removed from the end or added", min(rows, len(data)) + 1)
    if not signature_ok(public_key, key, export_message(rows, head, signed_at), signature):
        return ExportVerdict(False, len(data), "the platform's signature does not match this export")
    return ExportVerdict(True, len(data))

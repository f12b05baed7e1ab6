"""The history as a PDF report for inspectors: the filters, every decision they match, and
what makes it checkable -- the head of the row chain (the same chain as the CSV export), the
platform's signature over it and the audit chain's signed checkpoint at the time.

Built with QTextDocument on QPdfWriter (both usable off the GUI thread: the report is
written by a task). Every value from the platform is HTML-escaped: the document is markup,
the text in it never is."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from qunguan.client.api import ApiClient
from qunguan.client.export import Signed, decision_cells, sign_rows
from qunguan.contract import models as api


def _shown(cells: list[str]) -> list[str]:
    """The cells as printed: times to the second in UTC (the row chain is over the exact cells)."""
    out = list(cells)
    for i in (1, 2):
        out[i] = datetime.fromisoformat(cells[i]).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    return out


def write_pdf(path: Path, client: ApiClient, decisions: list[api.Decision], description: str = "") -> Signed:
    rows = [decision_cells(d) for d in decisions]
    _hashes, signed = sign_rows(client, rows, description)
    headers = [
        QCoreApplication.translate("Report", "Decision"), QCoreApplication.translate("Report", "Decided"),
        QCoreApplication.translate("Report", "Recorded"), QCoreApplication.translate("Report", "Moderator"),
        QCoreApplication.translate("Report", "Action"), QCoreApplication.translate("Report", "Reason"),
        QCoreApplication.translate("Report", "Outcome"), QCoreApplication.translate("Report", "Case"),
        QCoreApplication.translate("Report", "Review"), QCoreApplication.translate("Report", "Note"),
    ]
    cp, sig = signed.checkpoint, signed.signature
    facts = [
        (QCoreApplication.translate("Report", "Filters"), description or "—"),
        (QCoreApplication.translate("Report", "Generated"), datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")),
        (QCoreApplication.translate("Report", "Decisions"), str(signed.rows)),
        (QCoreApplication.translate("Report", "Row chain head (SHA-256)"), signed.head),
        (QCoreApplication.translate("Report", "Platform signature (Ed25519)"), sig.signature),
        (QCoreApplication.translate("Report", "Signing key"), f"{sig.key_id} · {sig.public_key}"),
        (QCoreApplication.translate("Report", "Signed at"), sig.signed_at.isoformat()),
        (QCoreApplication.translate("Report", "Audit checkpoint"), f"#{cp.seq} {cp.hash}"),
        (QCoreApplication.translate("Report", "Checkpoint signature"), cp.signature),
    ]
    title = QCoreApplication.translate("Report", "Qunguan decision history")
    check = QCoreApplication.translate("Report", "Check the CSV export of the same filters with: "
                                                 "qunguan verify-export FILE")
    html = [
        "<html><body style='font-family: sans-serif; font-size: 8pt;'>",
        f"<h2>{escape(title)}</h2>",
        "<table cellspacing='0' cellpadding='2'>",
        *(f"<tr><td><b>{escape(k)}</b></td><td style='font-family: monospace;'>{escape(v)}</td></tr>"
          for k, v in facts),
        "</table>",
        f"<p>{escape(check)}</p>",
        "<table border='1' cellspacing='0' cellpadding='2' width='100%'>",
        "<tr>" + "".join(f"<th>{escape(h)}</th>" for h in headers) + "</tr>",
        *("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in _shown(cells)) + "</tr>" for cells in rows),
        "</table></body></html>",
    ]
    document = QTextDocument()
    document.setHtml("".join(html))
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape)
    writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)
    writer.setTitle(title)
    writer.setCreator("Qunguan")
    document.print_(writer)
    del writer  # finishes the file
    return signed

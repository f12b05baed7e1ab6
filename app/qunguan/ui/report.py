"""The history as a PDF report for inspectors: the filters, every decision they match, and
what makes it checkable -- the head of the row chain (the same chain as the CSV export), the
platform's signature over it and the audit chain's signed checkpoint at the time.

Painted row by row with QPainter on QPdfWriter (usable off the GUI thread: the report is
written by a task). A first version laid out one HTML table in a QTextDocument: 10 ms and
38 kB per row, and ``setHtml`` held the GIL for seconds, freezing the window although it ran on
a worker. Text is drawn with drawText, so nothing from the platform is ever markup; a cell
too long for its column is cut with an ellipsis (the CSV export carries every character)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from qunguan.client.api import ApiClient
from qunguan.client.export import Signed, decision_cells, sign_rows
from qunguan.contract import models as api

from .text import reveal_invisible


def _shown(cells: list[str]) -> list[str]:
    """The cells as printed: times to the second in UTC (the row chain is over the exact cells)."""
    # One line each, invisible and direction characters shown as marks (each cell is drawn as a
    # paragraph of its own, so no isolate is needed around it).
    out = [" ".join(reveal_invisible(cell).split()) for cell in cells]
    for i in (1, 2):
        out[i] = datetime.fromisoformat(cells[i]).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    return out


#: Relative column widths: id, decided, recorded, moderator, action, reason, outcome, case, review, note.
WIDTHS = (6, 11, 11, 7, 9, 6, 8, 5, 6, 31)


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
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape)
    writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(title)
    writer.setCreator("Qunguan")
    painter = QPainter(writer)
    try:
        _paint(writer, painter, title, facts, check, headers, [_shown(cells) for cells in rows])
    finally:
        painter.end()
    return signed


def _paint(writer: QPdfWriter, painter: QPainter, title: str, facts: list[tuple[str, str]], check: str,
           headers: list[str], rows: list[list[str]]) -> None:
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    width, height = float(page.width()), float(page.height())
    body, bold, mono = QFont("sans-serif"), QFont("sans-serif"), QFont("monospace")
    for font in (body, bold, mono):
        font.setPointSizeF(7.5)
    bold.setBold(True)
    big = QFont(bold)
    big.setPointSizeF(13)
    line = QFontMetricsF(body, writer).height() * 1.35
    total = sum(WIDTHS)
    columns = [w * width / total for w in WIDTHS]
    pad = line * 0.15
    y = 0.0

    metrics = {id(font): QFontMetricsF(font, writer) for font in (body, bold, mono)}
    current: list[QFont | None] = [None]

    def text(x: float, w: float, value: str, font: QFont) -> None:
        if current[0] is not font:
            painter.setFont(font)
            current[0] = font
        shown = metrics[id(font)].elidedText(value, Qt.TextElideMode.ElideRight, w - 2 * pad)
        painter.drawText(QRectF(x + pad, y, w - 2 * pad, line), int(Qt.AlignmentFlag.AlignVCenter), shown)

    def header_row() -> None:
        nonlocal y
        x = 0.0
        for w, h in zip(columns, headers, strict=True):
            text(x, w, h, bold)
            x += w
        y += line
        painter.drawLine(0, int(y), int(width), int(y))

    painter.setFont(big)
    painter.drawText(QRectF(0, 0, width, line * 2), int(Qt.AlignmentFlag.AlignVCenter), title)
    current[0] = big
    y = line * 2.2
    label_w = width * 0.2
    for k, v in facts:
        text(0, label_w, k, bold)
        text(label_w, width - label_w, v, mono)
        y += line
    y += line * 0.3
    text(0, width, check, body)
    y += line * 1.3
    painter.setPen(QPen(Qt.GlobalColor.black, 1))
    header_row()
    number = 1
    for cells in rows:
        if y + line > height - line:
            text(0, width - pad, "", body)
            painter.drawText(QRectF(0, height - line, width, line), int(Qt.AlignmentFlag.AlignRight), str(number))
            writer.newPage()
            number += 1
            y = 0.0
            header_row()
        x = 0.0
        for w, value in zip(columns, cells, strict=True):
            text(x, w, value, body)
            x += w
        y += line
    text(0, width - pad, "", body)
    painter.drawText(QRectF(0, height - line, width, line), int(Qt.AlignmentFlag.AlignRight), str(number))

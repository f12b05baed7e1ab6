"""The SLA and reporters' outcomes at the workstation: after the platform's job escalated the
cases past their deadline (in place: priority up, still open), the queue lists them with the
time over the deadline in words ("overdue …", not by colour alone); the case shows its deadline,
the published rule and when it was escalated, and for each report whether its reporter was told
the outcome, and what, once the case is decided."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt

from qunguan.ui import theme
from qunguan.ui.main_window import QUEUES
from qunguan.ui.queue_model import COLUMNS
from tests.platform_fixture import SEED_NOW

SHOTS = Path("/tmp/sla-shots")


def test_escalated_overdue_case_and_what_reporters_were_told(qtbot, fresh_platform, open_workstation):
    platform = fresh_platform(access_ttl_seconds=30 * 86_400)
    platform.clock.advance((SEED_NOW - datetime.now(UTC)).total_seconds())
    admin = platform.login("admin1")
    ran = admin.post("/jobs/run").json()
    assert ran["changed"]["escalate_overdue"] > 0
    open_cases = admin.get("/cases", params={"status": "open", "limit": 200}).json()["items"]
    by_sla = {c["id"] for c in open_cases if admin.get(f"/cases/{c['id']}").json()["sla_escalated_at"]}
    assert by_sla

    session = open_workstation(platform, "sup1")
    window = session.window
    window.queues.setCurrentRow(QUEUES.index("open"))
    qtbot.waitUntil(lambda: any(window.model.case_at(r).id in by_sla for r in range(window.model.rowCount())),
                    timeout=20_000)
    row = next(r for r in range(window.model.rowCount()) if window.model.case_at(r).id in by_sla)
    case_id = window.model.case_at(row).id
    sla_col = [key for key, _ in COLUMNS].index("sla")
    status_col = [key for key, _ in COLUMNS].index("status")
    sla_index = window.model.index(row, sla_col)
    # The case's deadline passed days ago at the workstation's (real) clock: said in words, and in red.
    assert window.model.data(sla_index).startswith("overdue ")
    assert window.model.data(sla_index, Qt.ItemDataRole.ForegroundRole).name() == theme.colour("danger").name()
    assert window.model.data(window.model.index(row, status_col)) == "open"

    window.table.selectRow(row)
    qtbot.waitUntil(lambda: window.detail is not None and window.detail.case.id == case_id, timeout=20_000)
    detail = window.detail
    sla = window.flags.sla.text()
    assert "OVERDUE" in sla and "priority raised" in sla
    assert detail.sla_rule and detail.sla_rule in sla
    reports = window.flags.reports.text()
    assert reports.count("reporter not told yet") == len(detail.reports) >= 1
    qtbot.wait(300)  # let the layout settle before the screenshot
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "escalated.png"))

    # The supervisor decides it (through the platform, as another of their windows would);
    # opening the case again shows what each reporter was told.
    supervisor = platform.login("sup1")
    current = supervisor.get(f"/cases/{case_id}").json()["case"]
    code = current["suggested_reason"] or "PLT-02"
    decided = supervisor.post("/decisions", json={"case_id": case_id, "action": "delete_message", "reason_code": code,
                                                  "expected_version": current["version"]},
                              headers={"Idempotency-Key": str(uuid.uuid4())})
    assert decided.status_code == 201, decided.text
    window.ws.open_case(case_id)
    qtbot.waitUntil(lambda: "reporter told" in window.flags.reports.text(), timeout=20_000)
    told = window.flags.reports.text()
    assert told.count("reporter told") == len(detail.reports)
    assert "action taken (Delete, " + code + ")" in told and "reporter not told yet" not in told
    qtbot.wait(300)
    window.grab().save(str(SHOTS / "told.png"))

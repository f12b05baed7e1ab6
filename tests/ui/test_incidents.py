"""The incident window on the seeded scam wave: a supervisor defines the wave, previews it (the
counts are the platform's), opens the incident (another supervisor's status bar shows it), applies
a stage with one reason and undoes it; an auditor reads but cannot act."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from qunguan.contract.models import IncidentDefinition
from tests.platform_fixture import SEED_NOW

DOMAIN = "tz-vip888.example"


def _at_seed_time(platform) -> None:
    platform.clock.advance((SEED_NOW + timedelta(hours=1) - datetime.now(UTC)).total_seconds())


def test_define_preview_open_stage_and_undo(qtbot, fresh_platform, open_workstation):
    platform = fresh_platform()
    _at_seed_time(platform)
    session = open_workstation(platform, "sup1")
    window = session.window
    window.show_incidents()
    incidents = window.incident_window
    qtbot.addWidget(incidents)
    incidents.title_edit.setText("荐股诈骗群发")
    incidents.keywords.setText(f"{DOMAIN}，日赚3000")
    incidents.regex.setText("(unclosed")
    incidents.run_preview()
    assert "does not compile" in incidents.status.text()
    incidents.regex.clear()
    incidents.run_preview()
    qtbot.waitUntil(lambda: incidents.preview is not None, timeout=20_000)
    expected = session.api.preview_definition(IncidentDefinition(keywords=[DOMAIN, "日赚3000"]))
    assert incidents.preview.messages == expected.messages > 0
    assert incidents.preview.digest == expected.digest
    assert str(expected.groups) in incidents.counts.text()
    assert incidents.groups_table.rowCount() == min(expected.groups, 50)
    assert not incidents.apply_button.isEnabled()  # not opened yet

    incidents.open_incident()
    qtbot.waitUntil(lambda: incidents.current is not None and incidents.preview is not None
                    and incidents.apply_button.isEnabled(), timeout=20_000)
    other = open_workstation(platform, "sup2").window
    other.check_incidents()
    qtbot.waitUntil(lambda: other.incident_alert.isVisible(), timeout=10_000)
    assert "荐股诈骗群发" in other.incident_alert.text()

    incidents.apply_stage()  # no reason chosen yet
    assert "reason" in incidents.status.text()
    incidents.reason.set_reason_code("PLT-03")
    incidents.note.setText("批量删除")
    incidents.apply_stage()
    qtbot.waitUntil(lambda: incidents.current is not None and len(incidents.current.stages) == 1, timeout=20_000)
    stage = incidents.current.stages[0]
    assert stage.counts["messages"] == expected.messages
    assert "Stage 1 applied" in incidents.status.text()
    incidents.stages.setCurrentRow(0)
    assert incidents.undo_button.isEnabled()
    incidents.undo_stage()
    qtbot.waitUntil(lambda: incidents.current.stages[0].undone_at is not None, timeout=20_000)
    after = session.api.preview_definition(IncidentDefinition(keywords=[DOMAIN, "日赚3000"]))
    assert after.digest == expected.digest and after.open_cases == expected.open_cases


def test_an_auditor_reads_incidents_but_cannot_act(qtbot, platform, open_workstation):
    window = open_workstation(platform, "audit1").window
    window.show_incidents()
    incidents = window.incident_window
    qtbot.addWidget(incidents)
    assert not incidents.can_act
    assert not incidents.new_button.isVisibleTo(incidents) and not incidents.apply_button.isVisibleTo(incidents)

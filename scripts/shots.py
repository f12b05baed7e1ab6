"""Screenshots of the workstation's main screens on a copy of the demo data, for people to
look at (not a test). Run under a virtual display:

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python scripts/shots.py OUT_DIR [--lang zh_CN]
        [--theme light|dark|system] [--quick]

Writes login.png, main.png, settings.png, settings-general.png, settings-profiles.png, credit.png,
conversation.png, decide.png, dissolve.png, attention.png, offline.png, incident.png, desk.png, decision.png,
authority.png (with evidence.zip), report.pdf with report.png (its first page), quality.png and audit.png."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from qunguan.client import demo
from qunguan.client.api import ApiClient
from qunguan.client.cache import Cache, QueueFilter
from qunguan.client.sync import Syncer
from qunguan.contract import models as api
from qunguan.contract.enums import Action
from qunguan.contract.taxonomy import ReasonCode
from qunguan.ui.app import create_application
from qunguan.ui.i18n import choose_language, install_translators
from qunguan.ui.main_window import MainWindow
from qunguan.ui.theme import apply_theme
from qunguan.ui.workstation import Workstation


def wait(predicate, timeout: float = 30) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError
        QApplication.processEvents()
        time.sleep(0.01)


def settle(seconds: float = 0.5) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)


def conflicts(window: MainWindow, cache: Cache, url: str) -> None:
    """Two decisions recorded here while another moderator acts on the same cases first."""
    other = ApiClient(url)
    other.login("mod1", demo.DEMO_PASSWORD)
    rows = [r for r in cache.rows(QueueFilter(queue="open"), limit=60) if r.claimed_by is None][-2:]
    for row in rows:
        cache.outbox.add(api.DecisionRequest(case_id=row.id, action=Action.APPROVE, expected_version=row.version))
    other.decide(api.DecisionRequest(case_id=rows[0].id, action=Action.WARN, reason_code=ReasonCode.ILL_09,
                                     expected_version=rows[0].version), str(uuid.uuid4()))
    other.decide(api.DecisionRequest(case_id=rows[1].id, action=Action.NOTE, note="同一号码在多个群里发",
                                     expected_version=rows[1].version), str(uuid.uuid4()))
    window.ws.syncer.hold = timedelta(0)
    window.ws.sync_now(pull=True)
    wait(lambda: window.attention.isVisible(), 30)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="zh_CN")
    parser.add_argument("--theme", choices=("system", "light", "dark"), default="light")
    parser.add_argument("--quick", action="store_true", help="only the login, main and settings screens")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = create_application(["shots"])
    apply_theme(app, args.theme)
    translators = install_translators(app, choose_language(args.lang))
    with tempfile.TemporaryDirectory() as tmp:
        source = demo.demo_dir()
        demo.ensure_seeded(source)
        shutil.copytree(source, Path(tmp) / "demo", ignore=shutil.ignore_patterns("*.log"))
        platform = demo.start(Path(tmp) / "demo")
        try:
            from qunguan.client.auth import Authenticator
            from qunguan.client.credentials import CredentialStore
            from qunguan.client.profiles import Profile, ProfileStore
            from qunguan.ui.login import LoginDialog

            login = LoginDialog(Authenticator(ProfileStore(Path(tmp) / "profiles.json"), CredentialStore()),
                                prefill_url=platform.url)
            login.show()
            settle()
            login.grab().save(str(args.out / "login.png"))
            login.close()

            client = ApiClient(platform.url)
            tokens = client.login("sup1", demo.DEMO_PASSWORD)
            cache = Cache(Cache.path_for(Path(tmp) / "cache", platform.url, "sup1"), me="sup1", key=os.urandom(32))
            window = MainWindow(Workstation(client, cache, Syncer(client, cache), tokens.moderator))
            window.show()
            window.start()
            wait(lambda: window.model.rowCount() > 0 and window.detail is not None)
            settle(1.5)
            window.grab().save(str(args.out / "main.png"))
            from qunguan.ui.settings_dialog import show_settings

            window.profile_store = ProfileStore(Path(tmp) / "profiles.json")
            window.profile_store.save(Profile("省网信办平台", "https://moderation.example.cn", "sup1"), last=False)
            settings = show_settings(window)  # File > Settings…: a refused key on the Shortcuts page
            settings.show_page(settings.shortcuts)
            settings.shortcuts.set_key("next", "k")
            settle(0.5)
            settings.grab().save(str(args.out / "settings.png"))
            settings.show_page(settings.general)
            settle(0.3)
            settings.grab().save(str(args.out / "settings-general.png"))
            settings.show_page(settings.profiles)
            settle(0.3)
            settings.grab().save(str(args.out / "settings-profiles.png"))
            settings.reject()
            if args.quick:
                return 0
            settle(0.3)
            panel = window.sender_panel  # the current case's sender: credit history
            panel.credit_button.click()
            wait(lambda: panel.credit_dialog is not None and panel.credit_dialog.isVisible())
            settle(0.5)
            panel.credit_dialog.grab().save(str(args.out / "credit.png"))
            panel.credit_dialog.close()
            # a long Chinese conversation: pull in earlier and later messages
            for direction, button in (("before", window.conversation.earlier), ("before", window.conversation.earlier),
                                      ("after", window.conversation.later)):
                if button.isEnabled():
                    rows = window.conversation.model.rowCount()
                    window._load_more(direction)
                    wait(lambda r=rows: window.conversation.model.rowCount() > r, 10)
            settle(0.5)
            window.grab().save(str(args.out / "conversation.png"))
            window.act(Action.MUTE)
            wait(lambda: window.active_dialog is not None and window.active_dialog.isVisible())
            settle(0.5)
            window.active_dialog.grab().save(str(args.out / "decide.png"))
            window.active_dialog.reject()
            settle(0.3)
            window.act(Action.DISSOLVE_GROUP)
            wait(lambda: window.active_dialog is not None and window.active_dialog.isVisible())
            dialog = window.active_dialog
            wait(lambda: dialog.radius is not None, 10)
            dialog.typed.setText(window.detail.group.name[:3])
            settle(0.5)
            dialog.grab().save(str(args.out / "dissolve.png"))
            dialog.reject()
            settle(0.3)
            conflicts(window, cache, platform.url)
            window.show_attention()
            wait(lambda: window.attention_dialog.conflicts.count() == 2, 10)
            window.attention_dialog.conflicts.setCurrentRow(1)
            settle(0.5)
            window.attention_dialog.grab().save(str(args.out / "attention.png"))
            window.attention_dialog.close()
            window.take_offline()
            window.active_dialog.count.setValue(8)
            window.active_dialog.accept()
            wait(lambda: window.checkout is None, 60)
            window.queues.setCurrentRow(2)
            window.apply_filters()
            wait(lambda: window.model.rowCount() > 0 and window.detail is not None)
            settle(1.0)
            window.grab().save(str(args.out / "offline.png"))
            window.show_incidents()
            incidents = window.incident_window
            incidents.title_edit.setText("荐股诈骗群发 tz-vip888")
            incidents.keywords.setText("tz-vip888.example, 稳赚不赔")
            incidents.hours.setValue(24)
            incidents.run_preview()
            wait(lambda: incidents.preview is not None, 60)
            incidents.open_incident()
            wait(lambda: incidents.current is not None and incidents.apply_button.isEnabled(), 30)
            incidents.reason.set_reason_code("PLT-03")
            incidents.note.setText("群发荐股诈骗，批量删除")
            incidents.apply_stage()
            wait(lambda: incidents.current is not None and incidents.current.stages, 60)
            incidents.stages.setCurrentRow(0)
            incidents.tabs.setCurrentIndex(2)
            settle(0.5)
            incidents.grab().save(str(args.out / "incident-messages.png"))
            incidents.tabs.setCurrentIndex(incidents.stages_tab)
            settle(1.5)
            incidents.grab().save(str(args.out / "incident.png"))
            incidents.close()
            window.show_desk()
            desk = window.desk
            wait(lambda: desk.history.rowCount() > 0, 30)
            desk.table.selectRow(0)
            settle(1.0)
            desk.grab().save(str(args.out / "desk.png"))
            view = desk.open_decision(0)
            wait(lambda: view.loaded is not None, 30)
            settle(1.0)
            view.grab().save(str(args.out / "decision.png"))
            view.close()
            desk.mark_reportable()
            wait(lambda: desk.authority.rows, 20)
            desk.tabs.setCurrentWidget(desk.authority)
            desk.authority.table.selectRow(0)
            desk.authority.export_package(args.out / "evidence.zip")
            wait(lambda: desk.authority.package is not None, 60)
            desk.authority.form.recipient.setText("市网信办 网络安全处")
            desk.authority.form.channel.setText("加密邮件")
            desk.authority.form.reference.setText("QG-2026-117")
            desk.authority.record.click()
            wait(lambda: desk.authority.deliveries.count() > 0, 20)
            settle(1.0)
            desk.grab().save(str(args.out / "authority.png"))
            desk.tabs.setCurrentIndex(0)
            desk.export_pdf(args.out / "report.pdf")
            wait(lambda: desk.pdf_button.isEnabled() and (args.out / "report.pdf").exists(), 120)
            subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                            str(args.out / "report.pdf"), str(args.out / "report")], check=True)
            desk.tabs.setCurrentWidget(desk.quality)
            wait(lambda: desk.quality.stats is not None, 60)
            settle(1.0)
            desk.grab().save(str(args.out / "quality.png"))
            desk.tabs.setCurrentIndex(desk.tabs.count() - 1)
            desk.verify_audit()
            wait(lambda: desk.verdict.text() and "…" not in desk.verdict.text(), 60)
            settle(0.5)
            desk.grab().save(str(args.out / "audit.png"))
            desk.close()
            window.close()
            settle(0.5)
            cache.close()
        finally:
            platform.stop()
    del translators
    print(f"screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

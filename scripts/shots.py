"""Screenshots of the workstation's main screens on a copy of the demo data, for people to
look at (not a test). Run under a virtual display:

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python scripts/shots.py OUT_DIR [--lang zh_CN]

Writes login.png, main.png, conversation.png, decide.png and dissolve.png."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from qunguan.client import demo
from qunguan.client.api import ApiClient
from qunguan.client.cache import Cache
from qunguan.client.sync import Syncer
from qunguan.contract.enums import Action
from qunguan.ui.app import create_application
from qunguan.ui.i18n import choose_language, install_translators
from qunguan.ui.main_window import MainWindow
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="zh_CN")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = create_application(["shots"])
    translators = install_translators(app, choose_language(args.lang))
    with tempfile.TemporaryDirectory() as tmp:
        source = demo.demo_dir()
        demo.ensure_seeded(source)
        shutil.copytree(source, Path(tmp) / "demo", ignore=shutil.ignore_patterns("*.log"))
        platform = demo.start(Path(tmp) / "demo")
        try:
            from qunguan.client.auth import Authenticator
            from qunguan.client.credentials import CredentialStore
            from qunguan.client.profiles import ProfileStore
            from qunguan.ui.login import LoginDialog

            login = LoginDialog(Authenticator(ProfileStore(Path(tmp) / "profiles.json"), CredentialStore()),
                                prefill_url=platform.url)
            login.show()
            settle()
            login.grab().save(str(args.out / "login.png"))
            login.close()

            client = ApiClient(platform.url)
            tokens = client.login("sup1", demo.DEMO_PASSWORD)
            cache = Cache(Cache.path_for(Path(tmp) / "cache", platform.url, "sup1"), me="sup1")
            window = MainWindow(Workstation(client, cache, Syncer(client, cache), tokens.moderator))
            window.show()
            window.start()
            wait(lambda: window.model.rowCount() > 0 and window.detail is not None)
            settle(1.5)
            window.grab().save(str(args.out / "main.png"))
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

"""High-DPI: the real main window, over the real platform, on a screen with a device pixel ratio
of 2 (``QT_SCALE_FACTOR=2``, which must be set before Qt starts: so in a process of its own).
The window, the action icons and the conversation's thumbnails are drawn at twice the pixels, not
enlarged from a small picture; the layout is the same in logical pixels."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from qunguan.contract import models as api
from qunguan.contract.enums import MessageKind
from qunguan.ui.conversation import THUMB, Protection, placeholder_thumbnail, protect
from tests.platform_fixture import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[2]

PROBE = r'''
import json, os, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication, QPushButton
from qunguan.client.api import ApiClient
from qunguan.client.cache import Cache
from qunguan.client.sync import Syncer
from qunguan.ui.app import create_application
from qunguan.ui.main_window import MainWindow
from qunguan.ui.workstation import Workstation
from qunguan.ui.tasks import wait_for_tasks

app = create_application(["hidpi"])
url, user, password, tmp = sys.argv[1:5]
client = ApiClient(url)
tokens = client.login(user, password)
cache = Cache(Cache.path_for(Path(tmp) / "cache", url, user), me=user, key=os.urandom(32))
window = MainWindow(Workstation(client, cache, Syncer(client, cache), tokens.moderator))
window.resize(1200, 760)
window.show()
window.start()
deadline = time.monotonic() + 60
while not (window.model.rowCount() > 0 and window.detail is not None):
    if time.monotonic() > deadline:
        raise SystemExit("the queue did not load")
    app.processEvents()
    time.sleep(0.01)
for _ in range(50):
    app.processEvents()
    time.sleep(0.01)
shot = window.grab()
buttons = {}
for name, button in window.action_buttons.items():
    pixmap = button.icon().pixmap(button.iconSize(), window.devicePixelRatioF())
    buttons[name] = [pixmap.width(), pixmap.height(), pixmap.devicePixelRatio(),
                     button.iconSize().width(), button.icon().isNull()]
thumbs = [[img.width(), img.height(), img.devicePixelRatio()]
          for img in window.conversation.model._thumbs.values()]
print(json.dumps({"dpr": window.devicePixelRatioF(), "shot": [shot.width(), shot.height(), shot.devicePixelRatio()],
                  "logical": [window.width(), window.height()], "buttons": buttons, "thumbs": thumbs,
                  "scale": window.conversation.model.scale}))
window.ws.stop()
window.close()
wait_for_tasks(10_000)
cache.close()
'''


def test_the_main_window_is_drawn_at_twice_the_pixels_on_a_high_dpi_screen(platform, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CACHE_HOME": str(tmp_path / "cache-home")}
    done = subprocess.run([sys.executable, "-c", PROBE, platform.url, "mod2", DEMO_PASSWORD, str(tmp_path)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    assert facts["dpr"] == 2.0
    width, height, ratio = facts["shot"]
    assert ratio == 2.0 and (width, height) == (2 * facts["logical"][0], 2 * facts["logical"][1])
    assert facts["buttons"], "no action buttons"
    for name, (w, h, ratio, logical, null) in facts["buttons"].items():
        assert not null, f"the {name} button has no icon"
        assert (w, h, ratio) == (2 * logical, 2 * logical, 2.0), (name, w, h, ratio, logical)
    assert facts["scale"] == 2.0
    assert facts["thumbs"], "the case shown has no attachment"
    for w, h, ratio in facts["thumbs"]:
        assert (w, h, ratio) == (2 * THUMB.width(), 2 * THUMB.height(), 2.0)


def _attachment(kind: MessageKind, name: str) -> api.Attachment:
    return api.Attachment(id=7, kind=kind, name=name, size=2048, sha256="ab" * 32, mime_type="application/pdf")


def _sharp_edges(image: QImage) -> int:
    """How many neighbouring pixels differ strongly along the middle row (a smooth enlargement has few)."""
    y = image.height() // 2
    row = [image.pixelColor(x, y).lightness() for x in range(image.width())]
    return sum(1 for a, b in itertools.pairwise(row) if abs(a - b) > 60)


def test_thumbnails_and_the_hidden_mark_are_drawn_for_the_pixel_ratio():
    file = _attachment(MessageKind.FILE, "contract.pdf")
    small = placeholder_thumbnail(file, THUMB, 1.0)
    large = placeholder_thumbnail(file, THUMB, 2.0)
    assert (small.width(), small.height(), small.devicePixelRatio()) == (120, 90, 1.0)
    assert (large.width(), large.height(), large.devicePixelRatio()) == (240, 180, 2.0)
    assert large.deviceIndependentSize().toSize() == QSize(120, 90)
    # drawn at 2x, not the 1x picture enlarged: the page's outline and letters are as sharp as at 1x
    enlarged = small.scaled(240, 180)
    assert large != enlarged
    assert _sharp_edges(large) >= _sharp_edges(small)
    hidden = protect(large, Protection(blur=True, greyscale=True))
    assert (hidden.width(), hidden.height(), hidden.devicePixelRatio()) == (240, 180, 2.0)

"""Messages, names and group titles from the platform are shown literally: HTML stays text,
no image or link is fetched or followed, and direction or zero-width characters cannot
reorder or hide what is shown."""

from __future__ import annotations

import socket
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from qunguan.contract import models as api
from qunguan.ui.conversation import ConversationView
from qunguan.ui.panels import GroupPanel, SenderPanel
from qunguan.ui.text import FSI, PDI


class Trap:
    """A TCP port that counts every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.fixture
def trap():
    t = Trap()
    yield t
    t.close()


def hostile_bodies(port: int) -> list[str]:
    return [
        "<b>bold</b> <i>italic</i> <h1>big</h1>",
        f'<img src="http://127.0.0.1:{port}/pixel.png">',
        f'<a href="http://127.0.0.1:{port}/phish">点击领取</a>',
        "مرحبا \u202eevil.exe\u202c end",
        "zero\u200bwidth\u200djoiner\ufeff",
        f"file:///etc/passwd http://127.0.0.1:{port}/plain-link",
    ]


@pytest.fixture
def hostile_conversation(fresh_platform, trap):
    """A real case's flagged message followed by hostile messages posted through the platform
    (a platform of its own: groups on the shared one may be dissolved by other tests)."""
    platform = fresh_platform()
    moderator = platform.login("mod1")
    # A group whose owner's credit limits nothing (a low score limits links and the posting rate).
    for case in moderator.get("/cases", params={"status": "open", "limit": 50}).json()["items"]:
        detail = api.CaseDetail.model_validate(moderator.get(f"/cases/{case['id']}").json())
        if detail.group.owner.credit_score == detail.sender.credit_maximum:
            break
    members = platform.login("admin1")
    posted = []
    for body in hostile_bodies(trap.port):
        response = members.post(f"/members/groups/{detail.group.id}/messages",
                                 json={"sender_id": detail.group.owner.id, "body": body})
        assert response.status_code == 201, response.text
        posted.append(api.Message.model_validate(response.json()))
    return detail, posted


def test_hostile_messages_are_shown_literally_and_fetch_nothing(qtbot, hostile_conversation, trap):
    detail, posted = hostile_conversation
    view = ConversationView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.model.set_conversation([], detail.message, posted)
    texts = [view.model.index(i, 0).data() for i in range(view.model.rowCount())]
    joined = "\n".join(texts)
    assert "<b>bold</b>" in joined and "<img src=" in joined and "<a href=" in joined
    assert "\u202e" not in joined and "U+202E" in joined  # the override is shown, not obeyed
    assert "\u200b" not in joined and "U+200B" in joined
    assert all(FSI in t and PDI in t for t in texts[1:])
    view.list.viewport().grab()  # paint everything
    qtbot.wait(300)
    assert trap.connections == 0


def test_names_and_titles_are_plain_text(qtbot, hostile_conversation, trap):
    detail, _ = hostile_conversation
    hostile = f'<img src="http://127.0.0.1:{trap.port}/g.png"><b>群</b>\u202eeman'
    group = detail.group.model_copy(update={"name": hostile})
    user = detail.sender.model_copy(update={"display_name": f'<a href="http://127.0.0.1:{trap.port}">王</a>'})
    panel, sender = GroupPanel(), SenderPanel()
    for widget in (panel, sender):
        qtbot.addWidget(widget)
        widget.show()
    panel.show_group(group)
    sender.show_user(user, detail.sender_history)
    panel.grab()
    sender.grab()
    qtbot.wait(300)
    for widget in (panel, sender):
        for label in widget.findChildren(QLabel):
            assert label.textFormat() == Qt.TextFormat.PlainText
            assert not label.openExternalLinks()
    assert "<b>群</b>" in panel.name.text() and "U+202E" in panel.name.text()
    assert "<a href=" in sender.name.text()
    assert trap.connections == 0

"""The workstation application: for now a minimal window showing the platform it is
connected to and the queue counts (the full workstation is its own issue)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QVBoxLayout, QWidget

from qunguan.contract import models as api


class MainWindow(QMainWindow):
    def __init__(self, server_url: str, moderator: api.Moderator | None, counts: api.QueueCounts | None) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Qunguan — group moderation"))
        central = QWidget(self)
        layout = QVBoxLayout(central)
        heading = QLabel(self.tr("Qunguan"), central)
        heading.setStyleSheet("font-size: 20pt; font-weight: 600;")
        layout.addWidget(heading)
        server = QLabel(central)
        server.setTextFormat(Qt.TextFormat.PlainText)
        server.setText(self.tr("Platform: {url}").format(url=server_url))
        layout.addWidget(server)
        self.status = QLabel(central)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        if moderator is not None and counts is not None:
            self.status.setText(
                self.tr("Logged in as {name} ({role}). Open cases: {open}, escalated: {escalated}.").format(
                    name=moderator.display_name, role=moderator.role.value, open=counts.open,
                    escalated=counts.escalated,
                )
            )
        else:
            self.status.setText(self.tr("Not logged in."))
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.setCentralWidget(central)
        self.resize(720, 360)


def run(server_url: str, moderator: api.Moderator | None, counts: api.QueueCounts | None,
        argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv or ["qunguan"])
    window = MainWindow(server_url, moderator, counts)
    window.show()
    return app.exec()

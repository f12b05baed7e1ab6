"""Help: the About box lists the components with their versions and licences; every decision
action has help text that cites the article of the group provisions it serves, in the action
bar and on Help > Actions and the provisions; the articles are cited in help text only."""

from __future__ import annotations

import re
from email.message import Message
from importlib import metadata
from pathlib import Path

from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from qunguan.contract.enums import Action
from qunguan.ui.about import add_about_action, dependency_licences, licence_of
from qunguan.ui.action_names import short_label
from qunguan.ui.help import ARTICLES, ProvisionsSheet, action_help

#: The articles ../shared/docs/domain.md maps to features.
DOMAIN_ARTICLES = {5, 6, 7, 8, 9, 11, 12, 14}
APP = Path(__file__).resolve().parents[2] / "app" / "qunguan"


def test_about_lists_the_components_with_versions_and_licences(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    add_about_action(QMenu(parent), parent).trigger()
    box = parent.findChild(QMessageBox, "aboutBox")
    assert box is not None and box.isVisible()
    details = box.detailedText().splitlines()
    sqlalchemy = metadata.version("SQLAlchemy")
    pyside = metadata.version("PySide6-Essentials")
    assert f"SQLAlchemy {sqlalchemy} — MIT" in details
    assert any(re.fullmatch(rf"PySide6[_-]Essentials {re.escape(pyside)} — .*LGPL-3\.0.*", line) for line in details)
    names = {name.lower().replace("_", "-") for name, _version, _licence in dependency_licences()}
    assert {"requests", "pydantic", "keyring", "platformdirs", "alembic"} <= names
    assert not {"pytest", "ruff", "pyinstaller"} & names  # test and build extras are not shipped
    box.close()


def test_a_licence_is_read_from_the_expression_the_field_or_the_classifiers():
    expression, field, classifiers, none = Message(), Message(), Message(), Message()
    expression["License-Expression"] = "Apache-2.0 OR BSD-3-Clause"
    expression["License"] = "long text\nof a licence"
    field["License"] = "MIT"
    classifiers["License"] = "Copyright (c) someone\n\nPermission is hereby granted..."
    classifiers["Classifier"] = "Programming Language :: Python"
    classifiers["Classifier"] = "License :: OSI Approved :: BSD License"
    assert licence_of(expression) == "Apache-2.0 OR BSD-3-Clause"
    assert licence_of(field) == "MIT"
    assert licence_of(classifiers) == "BSD License"
    assert licence_of(none) == "not stated"


def test_every_action_has_help_citing_an_article_of_the_provisions(qtbot):
    assert set(ARTICLES) == set(Action)
    for action in Action:
        assert ARTICLES[action] and set(ARTICLES[action]) <= DOMAIN_ARTICLES, action
        text = action_help(action)
        cited = re.search(r"Art\. ([\d, ]+)\.$", text)
        assert cited and {int(n) for n in cited.group(1).split(", ")} == set(ARTICLES[action]), text
    assert "Art. 11" in action_help(Action.DISSOLVE_GROUP) and "Art. 9, 11" in action_help(Action.SUSPEND_ADMIN_RIGHTS)
    sheet = ProvisionsSheet()
    qtbot.addWidget(sheet)
    rows = {sheet.table.item(row, 0).text(): sheet.table.item(row, 1).text() for row in range(sheet.table.rowCount())}
    assert rows == {short_label(a): "Art. " + ", ".join(map(str, ARTICLES[a])) for a in Action}


def test_the_articles_are_cited_in_help_text_only():
    """No module but the help reads the table of articles (the provisions drive no logic)."""
    readers = [p.relative_to(APP).as_posix() for p in APP.rglob("*.py")
               if re.search(r"\bARTICLES\b", p.read_text(encoding="utf-8")) and p.name != "help.py"]
    assert readers == []


def test_the_action_bar_and_help_menu_carry_the_help(qtbot, platform, open_workstation, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # the platform's log directory, here
    window = open_workstation(platform, "mod1").window
    warn = window.action_buttons[Action.WARN.value]
    assert warn.whatsThis() == action_help(Action.WARN) and "Art. 11" in warn.toolTip()
    assert all("Art." in a.toolTip() for a in window.group_menu.actions())
    help_actions = {a.objectName(): a for a in window.menuBar().actions()[-1].menu().actions()}
    assert {"provisions", "showLog", "about"} <= set(help_actions)
    help_actions["provisions"].trigger()
    sheet = window.findChild(ProvisionsSheet)
    qtbot.waitUntil(lambda: sheet is not None and sheet.isVisible(), timeout=5_000)
    sheet.reject()
    help_actions["showLog"].trigger()
    from qunguan.ui.logview import LogView

    view = window.findChild(LogView)
    assert view is not None and view.path.is_relative_to(tmp_path)
    qtbot.waitUntil(lambda: view.loads == 1, timeout=10_000)
    view.close()

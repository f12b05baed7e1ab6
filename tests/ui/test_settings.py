"""File > Settings… on the real workstation over the real platform: keys remapped (a conflict
refused, naming the other action), the language switched while the window is open, the main
window's geometry and splitter restored in the next window, retention and sync interval kept
with their types, the local cache purged, server profiles added and removed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from qunguan.client.cache import details
from qunguan.client.profiles import ProfileStore
from qunguan.ui import settings as prefs
from qunguan.ui.i18n import current_language
from qunguan.ui.settings_dialog import SettingsDialog, set_language
from qunguan.ui.shortcuts import describe
from tests.ui.test_workstation import press


def _open_settings(qtbot, window) -> SettingsDialog:
    window.settings_action.trigger()  # File > Settings…
    dialog = window.settings_dialog
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitExposed(dialog)
    return dialog


def _save(qtbot, dialog: SettingsDialog) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    box = dialog.findChild(QDialogButtonBox)
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        box.button(QDialogButtonBox.StandardButton.Ok).click()


def _row(window) -> int:
    return window.table.currentIndex().row()


def test_settings_are_declared_once_with_types_defaults_and_validation(qtbot):
    assert prefs.SYNC_INTERVAL_SECONDS.get() == 30 and prefs.CACHE_RETENTION_DAYS.get() == 14
    assert prefs.SYNC_INTERVAL_SECONDS.set("45") == 45
    QSettings().sync()
    again = QSettings()
    assert again.value("sync/pull_interval_seconds") in (45, "45")  # the ini file keeps text
    value = prefs.SYNC_INTERVAL_SECONDS.get()
    assert value == 45 and type(value) is int
    for bad in ("often", 5, 99_999, 2.5, None):
        with pytest.raises(ValueError):
            prefs.SYNC_INTERVAL_SECONDS.set(bad)
    assert prefs.SYNC_INTERVAL_SECONDS.get() == 45  # nothing kept from a refused value
    QSettings().setValue("cache/retention_days", "soon")
    assert prefs.CACHE_RETENTION_DAYS.get() == 14  # unreadable: the default
    QSettings().setValue("cache/retention_days", 10_000)
    assert prefs.CACHE_RETENTION_DAYS.get() == 365  # out of range: clamped
    with pytest.raises(ValueError):
        prefs.LANGUAGE.set("fr")
    assert prefs.language_setting() is None  # "system"
    per_user = prefs.Setting("view/density", int, 1, minimum=0, maximum=2, per_user=True)
    per_user.set(2, "mod/1")
    assert per_user.get("mod/1") == 2 and per_user.get("mod2") == 1
    with pytest.raises(ValueError):
        per_user.get()
    prefs.set_key_overrides({"next": "Ctrl+J", "previous": "k", "no-such-action": "x"})
    assert prefs.key_overrides() == {"next": "Ctrl+J"}  # defaults and unknown ids are not kept


def test_a_conflicting_key_is_refused_and_a_remap_works_at_once(qtbot, platform, open_workstation):
    window = open_workstation(platform, "mod1").window
    qtbot.waitUntil(lambda: window.model.rowCount() > 2, timeout=30_000)
    window.activateWindow()
    qtbot.keyClick(window.table, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)  # Ctrl+, opens the settings
    qtbot.waitUntil(lambda: window.settings_dialog is not None and window.settings_dialog.isVisible(), timeout=5_000)
    dialog = window.settings_dialog
    dialog.show_page(dialog.shortcuts)
    page = dialog.shortcuts
    editor = page.editors["next"]
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_K)  # K is "Previous case"
    qtbot.waitUntil(lambda: page.problem.text() != "", timeout=5_000)
    assert "K" in page.problem.text() and describe("previous") in page.problem.text()
    assert editor.keySequence() == QKeySequence("J")  # the old key stays
    refused = page.set_key("next", "Ctrl+Q")
    assert refused is not None and page.keys["next"] == "J"
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: page.keys["next"] == "L", timeout=5_000)
    assert page.problem.text() == ""
    assert page.set_key("approve", "y") is None
    _save(qtbot, dialog)

    assert prefs.key_overrides() == {"next": "L", "approve": "Y"}
    assert window.action_buttons["approve"].text().startswith("[Y] ")
    window.select_row(0)
    press(qtbot, window, Qt.Key.Key_J)  # no longer a key
    QApplication.processEvents()
    assert _row(window) == 0
    press(qtbot, window, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: _row(window) == 1, timeout=5_000)

    dialog = _open_settings(qtbot, window)
    dialog.shortcuts.restore_defaults()
    _save(qtbot, dialog)
    assert prefs.key_overrides() == {}
    press(qtbot, window, Qt.Key.Key_J)
    qtbot.waitUntil(lambda: _row(window) == 2, timeout=5_000)


def test_the_language_changes_while_the_window_is_open(qtbot, platform, open_workstation):
    set_language("en")
    window = open_workstation(platform, "mod2").window
    file_menu = window.menuBar().actions()[0]
    assert file_menu.text() == "&File"
    try:
        dialog = _open_settings(qtbot, window)
        dialog.general.language.setCurrentIndex(dialog.general.language.findData("zh_CN"))
        _save(qtbot, dialog)
        assert current_language() == "zh_CN" and prefs.LANGUAGE.get() == "zh_CN"
        qtbot.waitUntil(lambda: file_menu.text() == "文件(&F)", timeout=5_000)
        # what a screen reader says changes too
        assert window.queues.accessibleName() == QApplication.translate("MainWindow", "Queues") != "Queues"
        assert window.search.accessibleDescription() != "Filters the queue by words in the message, group or sender"
        header = window.model.headerData(0, Qt.Orientation.Horizontal)
        assert header != "Priority" and any("\u4e00" <= ch <= "\u9fff" for ch in header)
        approve = window.action_buttons["approve"].text()
        assert approve.startswith("[A] ") and approve != "[A] Approve"
        qtbot.waitUntil(lambda: not window.queues.item(0).text().startswith("Open"), timeout=10_000)

        dialog = _open_settings(qtbot, window)
        dialog.general.language.setCurrentIndex(dialog.general.language.findData("en"))
        _save(qtbot, dialog)
        qtbot.waitUntil(lambda: file_menu.text() == "&File", timeout=5_000)
        assert window.model.headerData(0, Qt.Orientation.Horizontal) == "Priority"
        assert window.action_buttons["approve"].text() == "[A] Approve"
        assert window.queues.accessibleName() == "Queues"
    finally:
        set_language("en")


def test_geometry_and_splitter_are_restored_in_the_next_window(qtbot, platform, open_workstation):
    first = open_workstation(platform, "mod1").window
    # the offscreen screen is 800x800: a restored geometry is kept within it (and the window's minimum)
    first.resize(800, 640)
    QApplication.processEvents()
    first.splitter.setSizes([300, 600, 280])
    QApplication.processEvents()
    sizes, size = first.splitter.sizes(), first.size()
    assert size.height() == 640
    first.close()
    assert prefs.MAIN_GEOMETRY.get() and prefs.MAIN_SPLITTER.get()

    second = open_workstation(platform, "mod2").window
    assert second.size() == size
    assert second.splitter.sizes() == sizes
    assert sizes != [560, 540, 340]  # not simply the built-in layout


def test_retention_sync_wellbeing_purge_and_profiles(qtbot, platform, open_workstation, tmp_path):
    session = open_workstation(platform, "mod1")
    window, cache = session.window, session.cache
    store = ProfileStore(tmp_path / "profiles.json")
    window.profile_store = store
    qtbot.waitUntil(lambda: window.detail is not None, timeout=30_000)
    qtbot.waitUntil(lambda: _kept(cache) > 0, timeout=30_000)

    dialog = _open_settings(qtbot, window)
    dialog.local.retention.setValue(3)
    dialog.sync.interval.setValue(45)
    assert dialog.wellbeing is not None
    dialog.wellbeing.spins["break_after_minutes"].setValue(25)
    profiles = dialog.profiles
    profiles.name.setText("bad")
    profiles.url.setText("ftp://example.org")
    profiles.add()
    assert "http://" in profiles.problem.text() and store.all() == []
    profiles.name.setText("省网信办")
    profiles.url.setText("https://moderation.example.cn/")
    profiles.username.setText("sup9")
    profiles.add()
    assert [p.url for p in ProfileStore(store.path).all()] == ["https://moderation.example.cn"]
    assert profiles.table.item(0, 0).text() == "省网信办"
    _save(qtbot, dialog)

    QSettings().sync()
    assert prefs.CACHE_RETENTION_DAYS.get() == 3 and type(prefs.CACHE_RETENTION_DAYS.get()) is int
    assert prefs.SYNC_INTERVAL_SECONDS.get() == 45
    assert window.ws.pull_timer.interval() == 45_000
    assert window.wellbeing.settings.break_after_minutes == 25

    # purge: asked first; Cancel keeps everything
    dialog = _open_settings(qtbot, window)
    dialog.show_page(dialog.local)
    before = _kept(cache)
    dialog.local.purge_button.click()
    box = dialog.local.confirm
    assert isinstance(box, QMessageBox) and box.isVisible()
    box.button(QMessageBox.StandardButton.Cancel).click()
    QApplication.processEvents()
    assert _kept(cache) == before
    dialog.local.purge_button.click()
    box = dialog.local.confirm
    forget = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    forget.click()
    qtbot.waitUntil(lambda: not dialog.local.purging, timeout=20_000)
    assert _kept(cache) == 0
    assert dialog.local.result.text() == f"{before} cases were forgotten."

    dialog.show_page(dialog.profiles)
    dialog.profiles.table.selectRow(0)
    dialog.profiles.remove_selected()
    assert ProfileStore(store.path).all() == [] and dialog.profiles.table.rowCount() == 0
    _save(qtbot, dialog)


def _kept(cache) -> int:
    return cache.read(lambda conn: conn.execute(select(func.count()).select_from(details)).scalar_one())


def _splitter_dialog():
    from PySide6.QtWidgets import QDialog, QLabel, QSplitter, QVBoxLayout

    dialog = QDialog()
    split = QSplitter(dialog)
    split.setObjectName("split")
    split.addWidget(QLabel("left"))
    split.addWidget(QLabel("right"))
    QVBoxLayout(dialog).addWidget(split)
    return dialog, split


def test_other_windows_keep_their_size_and_splitters(qtbot):
    from qunguan.ui.help import ProvisionsSheet
    from qunguan.ui.layout_memory import keep_layout

    first, split = _splitter_dialog()
    qtbot.addWidget(first)
    keep_layout(first, "decision_view")
    first.show()
    qtbot.waitExposed(first)
    first.resize(700, 420)
    split.setSizes([150, 540])
    kept = split.sizes()
    first.close()
    geometry, splitters = prefs.layout_settings("decision_view")
    assert geometry.get() and b"split" in splitters.get()

    again, split_again = _splitter_dialog()
    qtbot.addWidget(again)
    keep_layout(again, "decision_view")
    again.show()
    qtbot.waitExposed(again)
    assert (again.width(), again.height()) == (700, 420)
    assert split_again.sizes() == kept

    # a real window: Help > Actions and the provisions… opens as large as it was left
    sheet = ProvisionsSheet()
    qtbot.addWidget(sheet)
    sheet.show()
    qtbot.waitExposed(sheet)
    sheet.resize(sheet.width() - 137, sheet.height() - 23)  # inside the 800x600 offscreen screen
    size = sheet.size()
    sheet.close()
    reopened = ProvisionsSheet()
    qtbot.addWidget(reopened)
    reopened.show()
    qtbot.waitExposed(reopened)
    assert reopened.size() == size

    # what cannot be read is left alone (the defaults are used), and an unknown window is refused
    splitters.set(b"\xff not json")
    third, split_third = _splitter_dialog()
    qtbot.addWidget(third)
    keep_layout(third, "decision_view")
    third.show()
    qtbot.waitExposed(third)
    assert (third.width(), third.height()) == (700, 420) and split_third.sizes() != kept
    with pytest.raises(ValueError):
        prefs.layout_settings("no_such_window")

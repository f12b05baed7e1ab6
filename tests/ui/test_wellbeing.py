"""Moderator wellbeing on the real workstation over the real platform: media of severe
categories blurred and grey until revealed (checked on the pixels painted), preferences per
category, the exposure count of the shift (kept across a restart, reset by a long break) and a
non-modal break reminder driven by an injected clock (no test waits for real minutes)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from qunguan.client.api import ApiClient
from qunguan.contract import models as api
from qunguan.contract.taxonomy import ReasonCode
from qunguan.ui.conversation import MESSAGE_ROLE, placeholder_thumbnail
from qunguan.ui.wellbeing import SEVERE, Shift, WellbeingSettings
from tests.helpers import PASSWORD, new_account
from tests.ui.test_workstation import press


def _messages(detail: api.CaseDetail) -> list[api.Message]:
    return [*detail.context_before, detail.message, *detail.context_after]


def _cases_with_image(client: ApiClient, codes: set[str], want: int = 1) -> list[api.CaseDetail]:
    """Open cases suggesting one of ``codes`` with an image in their conversation."""
    found = []
    page = client.cases(reason_code=sorted(codes), status=["open"], limit=200)
    for summary in page.items:
        if summary.suggested_reason not in codes:
            continue
        detail = client.case(summary.id)
        if any(a.kind == "image" for m in _messages(detail) for a in m.attachments):
            found.append(detail)
            if len(found) == want:
                return found
    raise AssertionError(f"the seeded data has fewer than {want} open {codes} cases with an image")


def _case_without_image(client: ApiClient, code: str) -> api.CaseDetail:
    for summary in client.cases(reason_code=[code], status=["open"], limit=50).items:
        if summary.suggested_reason == code:
            return client.case(summary.id)
    raise AssertionError(f"no open {code} case")


def _image_row(window) -> tuple[int, api.Attachment]:
    """The first message of the conversation on screen with an image, and that image."""
    model = window.conversation.model
    for row in range(model.rowCount()):
        message = model.index(row, 0).data(MESSAGE_ROLE)
        for attachment in message.attachments:
            if attachment.kind == "image":
                return row, attachment
    raise AssertionError("no image in the conversation shown")


def _show(qtbot, window, case_id: int, group_id: int) -> api.CaseDetail:
    """Select a case in the queue (by its group), as a moderator would, and wait for it."""
    window.group_filter.setText(str(group_id))
    with qtbot.waitSignal(window.model.reloaded, timeout=20_000):
        window.apply_filters()
    assert window.model.row_of(case_id) >= 0
    window.select_row(window.model.row_of(case_id))
    qtbot.waitUntil(lambda: window.detail is not None and window.detail.case.id == case_id, timeout=20_000)
    return window.detail


def _painted(window, row: int, i: int = 0) -> QImage:
    conversation = window.conversation
    conversation.list.scrollTo(conversation.model.index(row, 0))
    QApplication.processEvents()
    rect = conversation.attachment_rects(row)[i]
    assert conversation.list.viewport().rect().contains(rect), "the thumbnail is not in view"
    return conversation.list.viewport().grab(rect).toImage().convertToFormat(QImage.Format.Format_RGB32)


def _pixels(image: QImage) -> list[tuple[int, int, int]]:
    out = []
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            c = image.pixelColor(x, y)
            out.append((c.red(), c.green(), c.blue()))
    return out


def _differs(a: QImage, b: QImage) -> float:
    pa, pb = _pixels(a), _pixels(b)
    assert len(pa) == len(pb)
    return sum(1 for x, y in zip(pa, pb, strict=True) if max(abs(i - j) for i, j in zip(x, y, strict=True)) > 12) \
        / len(pa)


def _edges(image: QImage) -> float:
    """How sharp a picture is: the mean squared difference between neighbouring pixels (outside
    the middle, where a protected thumbnail carries its crossed-out eye)."""
    total = n = 0
    cx, cy = image.width() // 2, image.height() // 2
    for y in range(image.height()):
        for x in range(image.width() - 1):
            if abs(x - cx) < 24 and abs(y - cy) < 24:
                continue
            a, b = image.pixelColor(x, y), image.pixelColor(x + 1, y)
            total += (a.red() - b.red()) ** 2 + (a.green() - b.green()) ** 2 + (a.blue() - b.blue()) ** 2
            n += 1
    return total / n


def _blurred(shown: QImage, original: QImage) -> bool:
    return _differs(shown, original) > 0.2 and _edges(shown) < 0.25 * _edges(original)


def _grey(image: QImage) -> bool:
    return all(r == g == b for r, g, b in _pixels(image))


def _original(attachment: api.Attachment) -> QImage:
    return placeholder_thumbnail(attachment).convertToFormat(QImage.Format.Format_RGB32)


SEVERE_CODES = {c.value for c in SEVERE}


@pytest.fixture
def own(fresh_platform):
    """A platform of its own: other tests decide the few seeded severe cases of the shared one."""
    return fresh_platform()


@pytest.fixture
def moderator(own):
    username, _session = new_account(own, prefix="wb")
    return username


def test_a_severe_case_is_blurred_and_grey_until_revealed_and_a_spam_case_is_not(qtbot, own, open_workstation,
                                                                                moderator):
    session = open_workstation(own, moderator, PASSWORD)
    window = session.window
    severe = _cases_with_image(session.api, SEVERE_CODES)[0]
    _show(qtbot, window, severe.case.id, severe.group.id)
    row, attachment = _image_row(window)
    original = _original(attachment)
    shown = _painted(window, row)
    assert _blurred(shown, original)
    assert _grey(shown) and not _grey(original)
    text = window.conversation.model.index(row, 0).data()
    assert "held back" in text and attachment.name not in text  # the name is withheld too

    # a click on the thumbnail reveals that message: exactly the picture, in colour
    rect = window.conversation.attachment_rects(row)[0]
    qtbot.mouseClick(window.conversation.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    revealed = _painted(window, row)
    assert _differs(revealed, original) == 0.0 and not _grey(revealed)
    assert attachment.name in window.conversation.model.index(row, 0).data()
    # R reveals the rest of the conversation, R again hides it all, and once more shows it all
    press(qtbot, window, Qt.Key.Key_R)
    assert window.conversation.model.attachments_revealed()
    assert _differs(_painted(window, row), original) == 0.0
    press(qtbot, window, Qt.Key.Key_R)
    assert _grey(_painted(window, row))
    press(qtbot, window, Qt.Key.Key_R)
    assert _differs(_painted(window, row), original) == 0.0

    plain = _cases_with_image(session.api, {"PLT-03"})[0]
    _show(qtbot, window, plain.case.id, plain.group.id)
    row, attachment = _image_row(window)
    assert _differs(_painted(window, row), _original(attachment)) == 0.0
    assert attachment.name in window.conversation.model.index(row, 0).data()


def test_preferences_per_category_change_what_is_protected_and_are_kept(qtbot, own, open_workstation,
                                                                       moderator):
    session = open_workstation(own, moderator, PASSWORD)
    window = session.window
    plain = _cases_with_image(session.api, {"PLT-03"})[0]
    _show(qtbot, window, plain.case.id, plain.group.id)
    row, attachment = _image_row(window)
    original = _original(attachment)
    assert _differs(_painted(window, row), original) == 0.0

    window.wellbeing.show_dialog()
    dialog = window.wellbeing.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.set_checked(ReasonCode.PLT_03, "blur", True)  # blur, in colour
    dialog.set_checked(ReasonCode.PLT_03, "hide_text", True)
    for code in SEVERE:
        dialog.set_checked(code, "blur", False)
        dialog.set_checked(code, "greyscale", False)
    dialog.accept()
    # the case on screen follows at once: blurred, not grey; the flagged text collapsed
    shown = _painted(window, row)
    assert _blurred(shown, original) and not _grey(shown)
    flagged = window.conversation.model.flagged_row()
    text = window.conversation.model.index(flagged, 0).data()
    assert "Text hidden" in text and window.detail.message.body not in text

    kept = WellbeingSettings.load(moderator)
    assert ReasonCode.PLT_03 in kept.blur and ReasonCode.PLT_03 not in kept.greyscale
    assert ReasonCode.PLT_03 in kept.hide_text and not kept.blur & SEVERE and not kept.greyscale
    # another moderator on this computer keeps the defaults
    assert WellbeingSettings.load("someone-else") == WellbeingSettings()

    severe = _cases_with_image(session.api, SEVERE_CODES)[0]
    _show(qtbot, window, severe.case.id, severe.group.id)
    row, attachment = _image_row(window)
    assert _differs(_painted(window, row), _original(attachment)) == 0.0  # this moderator turned it off


def test_exposure_counts_severe_content_only_survives_a_restart_and_resets_after_a_long_break(
        qtbot, own, open_workstation, moderator):
    session = open_workstation(own, moderator, PASSWORD)
    window = session.window
    wb = window.wellbeing
    start = wb.shift.exposure
    assert window.wellbeing.exposure.text() == f"Severe content this shift: {start}"
    plain = _case_without_image(session.api, "PLT-02")
    assert ReasonCode.PLT_02 not in SEVERE
    _show(qtbot, window, plain.case.id, plain.group.id)
    assert wb.shift.exposure == start

    first, second = _cases_with_image(session.api, SEVERE_CODES, want=2)
    _show(qtbot, window, first.case.id, first.group.id)
    assert wb.shift.exposure == start + 1
    press(qtbot, window, Qt.Key.Key_R)  # the hidden pictures are seen now
    model = window.conversation.model
    revealed = sum(len(model.index(r, 0).data(MESSAGE_ROLE).attachments) for r in range(model.rowCount()))
    assert revealed > 0
    assert wb.shift.exposure == start + 1 + revealed
    press(qtbot, window, Qt.Key.Key_R)
    press(qtbot, window, Qt.Key.Key_R)  # seen again: counted once
    _show(qtbot, window, plain.case.id, plain.group.id)
    _show(qtbot, window, first.case.id, first.group.id)  # opened again: counted once
    _show(qtbot, window, second.case.id, second.group.id)
    count = start + 2 + revealed
    assert wb.shift.exposure == count
    assert window.wellbeing.exposure.text() == f"Severe content this shift: {count}"

    # a restart within the shift keeps the count
    window.close()
    window = open_workstation(own, moderator, PASSWORD).window
    assert window.wellbeing.shift.exposure == count
    assert window.wellbeing.exposure.text() == f"Severe content this shift: {count}"

    # a break longer than the shift gap starts a new shift
    later = datetime.now(UTC) + timedelta(minutes=WellbeingSettings().new_shift_after_minutes + 1)
    window.wellbeing.clock = lambda: later
    window.wellbeing.check()
    assert window.wellbeing.exposure.text() == "Severe content this shift: 0"
    assert Shift.load(moderator).exposure == 0


def test_past_the_soft_limit_a_banner_suggests_other_work(qtbot, own, open_workstation, moderator):
    session = open_workstation(own, moderator, PASSWORD)
    window = session.window
    wb = window.wellbeing
    wb.apply(WellbeingSettings(exposure_soft_limit=1))
    first, second = _cases_with_image(session.api, SEVERE_CODES, want=2)
    _show(qtbot, window, first.case.id, first.group.id)
    assert not wb.rotate_banner.isVisible()
    _show(qtbot, window, second.case.id, second.group.id)
    assert wb.rotate_banner.isVisible() and "limit is 1" in wb.rotate_banner.text.text()
    assert "font-weight" in wb.exposure.styleSheet()
    assert QApplication.activeModalWidget() is None
    qtbot.mouseClick(wb.rotate_banner.findChild(type(wb.rotate_banner.buttons[0]), "dismissRotate"),
                     Qt.MouseButton.LeftButton)
    assert not wb.rotate_banner.isVisible()


def test_the_break_reminder_comes_after_continuous_work_and_never_takes_a_keystroke(qtbot, own,
                                                                                   open_workstation, moderator):
    window = open_workstation(own, moderator, PASSWORD).window
    wb = window.wellbeing
    now = [datetime.now(UTC) + timedelta(hours=3)]  # after a long break: a fresh spell of work
    wb.clock = lambda: now[0]

    def work(minutes: int) -> None:
        """Move the clock on and open the next case (the moderator is at work)."""
        now[0] += timedelta(minutes=minutes)
        current = window.detail.case.id if window.detail else None
        press(qtbot, window, Qt.Key.Key_J)
        qtbot.waitUntil(lambda: window.detail is not None and window.detail.case.id != current, timeout=20_000)

    work(0)
    for _ in range(5):
        work(9)  # 45 minutes of work, never idle for a break's length
        wb.check()
        assert not wb.break_banner.isVisible()
    now[0] += timedelta(minutes=4)
    wb.check()
    assert not wb.break_banner.isVisible()  # 49 minutes
    now[0] += timedelta(minutes=2)
    wb.check()
    assert wb.break_banner.isVisible()
    assert "51 minutes" in wb.break_banner.text.text()
    # non-modal: no dialog, the focus stays where it was, the next keystroke still works
    assert QApplication.activeModalWidget() is None
    assert window.focusWidget() is window.table
    work(1)
    assert wb.break_banner.isVisible()

    qtbot.mouseClick(wb.break_banner.buttons[0], Qt.MouseButton.LeftButton)  # snooze 10 minutes
    assert not wb.break_banner.isVisible()
    work(9)
    wb.check()
    assert not wb.break_banner.isVisible()
    now[0] += timedelta(minutes=2)
    wb.check()
    assert wb.break_banner.isVisible()

    # an idle spell of the break's length is the break: the reminder goes, the count starts again
    now[0] += timedelta(minutes=WellbeingSettings().break_length_minutes)
    wb.check()
    assert not wb.break_banner.isVisible()
    work(0)
    for _ in range(5):
        work(9)
        wb.check()
    assert not wb.break_banner.isVisible()


def test_settings_read_back_with_their_types_and_bad_values_fall_back(qtbot):
    from PySide6.QtCore import QSettings

    user = "mod/with slash"
    chosen = WellbeingSettings(blur=frozenset({ReasonCode.PLT_03}), break_after_minutes=30)
    chosen.save(user)
    assert WellbeingSettings.load(user) == chosen
    settings = QSettings()
    group = WellbeingSettings.group(user)
    settings.setValue(group + "/prefs/greyscale", "ILL-09 NOT-A-CODE")
    settings.setValue(group + "/prefs/snooze_minutes", "soon")
    settings.setValue(group + "/prefs/break_length_minutes", 100_000)
    settings.setValue(group + "/shift", "{not json")
    loaded = WellbeingSettings.load(user)
    assert loaded.greyscale == WellbeingSettings().greyscale  # the whole bad value is ignored
    assert loaded.snooze_minutes == WellbeingSettings().snooze_minutes
    assert loaded.break_length_minutes == WellbeingSettings.LIMITS["break_length_minutes"][1]  # clamped
    assert loaded.blur == chosen.blur and loaded.break_after_minutes == 30
    assert Shift.load(user) is None  # a corrupt shift is set aside: a new one starts

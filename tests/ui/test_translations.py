"""The zh_CN translation is complete, keeps every placeholder of its source ({name}, %1, %n),
gives counts their plural form (one numerus form: Chinese has one), and covers every string
the sources mark for translation (lupdate is run on a copy to check)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "translations" / "qunguan_zh_CN.ts"
#: str.format fields ({name}, {0}, {n:,}, {x!r}) and Qt's %n, %1 .. %99, %L1.
PLACEHOLDER = re.compile(r"\{[A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}|%n|%L?\d{1,2}")
#: Plural forms of the language: Chinese has one.
NUMERUS_FORMS = 1


def messages(path: Path):
    for context in ET.parse(path).getroot().iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name"), message


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def problems(path: Path) -> list[str]:
    """Every message of the .ts file at ``path`` that is not translated, is translated with
    other placeholders than its source, or mishandles a count (%n)."""
    found = []
    for context, message in messages(path):
        source = message.findtext("source") or ""
        where = f"{context}: {source!r}"
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
            found.append(f"{where} is not translated")
            continue
        numerus = message.get("numerus") == "yes"
        forms = [n.text or "" for n in translation.iter("numerusform")]
        if "%n" in source and not numerus:
            found.append(f"{where} has %n but no plural forms: call tr(text, '', n)")
        if numerus and len(forms) != NUMERUS_FORMS:
            found.append(f"{where} needs {NUMERUS_FORMS} plural form(s), has {len(forms)}")
        for text in forms if numerus else [translation.text or ""]:
            if not text.strip():
                found.append(f"{where} has an empty translation")
            elif placeholders(text) != placeholders(source):
                found.append(f"{where}: placeholders differ in the translation {text!r}")
    return found


def test_every_message_is_translated_with_the_same_placeholders():
    assert sum(1 for _ in messages(TS)) > 0
    assert problems(TS) == []


def test_the_check_finds_each_kind_of_problem(tmp_path):
    """The check above can fail: a made-up .ts file with one problem of each kind."""
    ts = tmp_path / "bad.ts"
    ts.write_text("""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS><TS version="2.1" language="zh_CN">
<context><name>T</name>
<message><source>Fine {name} %1</source><translation>好 %1 {name}</translation></message>
<message numerus="yes"><source>%n case(s)</source>
  <translation><numerusform>%n 个案件</numerusform></translation></message>
<message><source>Unfinished</source><translation type="unfinished">未完成</translation></message>
<message><source>Hello {name}</source><translation>你好 {名字}</translation></message>
<message><source>Case %1 of %2</source><translation>第 %1 个</translation></message>
<message><source>%n pending</source><translation>%n 待处理</translation></message>
<message numerus="yes"><source>%n held</source><translation><numerusform>被占用</numerusform></translation></message>
<message><source>Empty</source><translation>  </translation></message>
</context></TS>
""", encoding="utf-8")
    found = problems(ts)
    assert len(found) == 6, found
    assert [f.split(":")[1].strip() for f in found] == [
        "'Unfinished' is not translated", "'Hello {name}'", "'Case %1 of %2'",
        "'%n pending' has %n but no plural forms", "'%n held'", "'Empty' has an empty translation"]


def test_the_ts_file_is_up_to_date_with_the_sources(tmp_path):
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    sources = sorted(str(p) for p in (ROOT / "app" / "qunguan" / "ui").rglob("*.py"))
    result = subprocess.run([str(lupdate), *sources, "-ts", str(copy), "-no-obsolete"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    unfinished = [m.findtext("source") for _, m in messages(copy)
                  if (m.find("translation") is not None and m.find("translation").get("type") == "unfinished")]
    assert unfinished == [], f"run pyside6-lupdate and translate: {unfinished}"
    # a source changed to count with %n keeps the plural forms lupdate gives it
    assert problems(copy) == []


EN = ROOT / "translations" / "qunguan_en.ts"


def test_english_counts_read_as_english(qapp):
    """English is the source language, but "%n case(s)" needs its two forms: qunguan_en.ts
    (lupdate -pluralonly) carries them and is installed for English too."""
    from PySide6.QtCore import QCoreApplication

    from qunguan.ui import i18n

    plural = [(context, message) for context, message in messages(EN) if message.get("numerus") == "yes"]
    zh_plural = {(c, m.findtext("source")) for c, m in messages(TS) if m.get("numerus") == "yes"}
    assert {(c, m.findtext("source")) for c, m in plural} == zh_plural
    before = i18n.current_language()
    try:
        i18n.switch_language(qapp, "en")
        for context, message in plural:
            source = message.findtext("source") or ""
            one = QCoreApplication.translate(context, source, "", 1)
            many = QCoreApplication.translate(context, source, "", 3)
            assert "(s)" not in one + many and "%n" not in one + many, (source, one, many)
            assert "1" in one and "3" in many
    finally:
        i18n.switch_language(qapp, before)

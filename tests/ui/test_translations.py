"""The zh_CN translation is complete, keeps every placeholder of its source, and covers
every string the sources mark for translation (lupdate is run on a copy to check)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "translations" / "qunguan_zh_CN.ts"
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%n|%L?\d")


def messages(path: Path):
    for context in ET.parse(path).getroot().iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name"), message


def test_every_message_is_translated_with_the_same_placeholders():
    found = 0
    for context, message in messages(TS):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None and translation.get("type") not in ("unfinished", "vanished", "obsolete"), (
            f"{context}: {source!r} is not translated"
        )
        texts = [n.text or "" for n in translation.iter("numerusform")] or [translation.text or ""]
        for text in texts:
            assert text.strip(), f"{context}: {source!r} has an empty translation"
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (
                f"{context}: placeholders differ in {source!r} -> {text!r}"
            )
        found += 1
    assert found > 0


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

"""What can be checked here of the installer recipes in packaging/ without building them (CI's
packaging stage builds, installs and removes the .deb): the PyInstaller spec, run against
stand-ins for PyInstaller, collects files that exist; one version (pyproject.toml) reaches
every recipe; the Inno Setup script gets every value it uses; the icons, the AppStream
metadata and the .desktop entry are valid; a .deb assembled from a stand-in bundle has the
layout, the fields and the modes it should."""

from __future__ import annotations

import ast
import re
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from tests.packaging.conftest import PACKAGING, ROOT

SPEC = PACKAGING / "qunguan.spec"
ISS = PACKAGING / "windows" / "qunguan.iss"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


# --- the PyInstaller spec ---------------------------------------------------------------------------------


def run_spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict, dict]:
    """Execute the spec with stand-ins for PyInstaller's build classes; returns its namespace
    and what it asked them to build."""
    stage = tmp_path / "stage"
    (stage / "i18n").mkdir(parents=True)
    (stage / "i18n" / "qunguan_zh_CN.qm").write_bytes(b"qm")
    (stage / "icons").mkdir()
    monkeypatch.setenv("QUNGUAN_STAGE", str(stage))
    hooks = ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda name: [name]  # type: ignore[attr-defined]
    hooks.copy_metadata = lambda name: [(f"/site-packages/{name}.dist-info", f"{name}.dist-info")]  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    built: dict = {"EXE": []}

    class Analysis:
        def __init__(self, scripts: list[str], **options: object) -> None:
            built["Analysis"] = {"scripts": scripts, **options}
            self.binaries: list = []
            # what PyInstaller makes of them: (path in the bundle, source, kind)
            self.datas = [(str(Path(dest) / Path(src).name), src, "DATA")
                          for src, dest in options["datas"]]  # type: ignore[attr-defined]
            self.pure: list = []
            self.scripts: list = []

    def exe(*args: object, **options: object) -> str:
        built["EXE"].append(options)
        return f"exe-{options['name']}"

    def collect(*args: object, **options: object) -> str:
        built["COLLECT"] = {"args": args, **options}
        return "collect"

    namespace = {"SPECPATH": str(PACKAGING), "Analysis": Analysis, "PYZ": lambda *a, **k: "pyz", "EXE": exe,
                 "COLLECT": collect, "BUNDLE": lambda *a, **k: built.setdefault("BUNDLE", k), "__file__": str(SPEC)}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return namespace, built


def test_the_spec_collects_files_that_exist(tmp_path, monkeypatch):
    _, built = run_spec(tmp_path, monkeypatch)
    analysis = built["Analysis"]
    assert [Path(s) for s in analysis["scripts"]] == [PACKAGING / "launcher.py"]
    datas = analysis["datas"]
    for source, _dest in datas:
        if not source.startswith("/site-packages/"):
            assert Path(source).is_file(), source
    placed = {(Path(src).name, dest) for src, dest in datas}
    for expected in [
        ("qunguan_zh_CN.qm", "qunguan/ui/i18n"),  # where qunguan.ui.i18n looks (PACKAGED)
        ("qunguan_zh_CN.ts", "qunguan/ui/i18n"),  # i18n.catalog: the language switched at runtime
        ("qunguan.svg", "resources/icons"),  # where qunguan.ui.resources looks in a frozen build
        ("qunguan.qss", "resources"),
        ("arrow-down-dark.svg", "resources/icons"),
        ("credit_rules.json", "qunguan/server/rules"),
        ("env.py", "qunguan/server/migrations"),  # Alembic reads these as files
        ("env.py", "qunguan/client/migrations"),
        ("script.py.mako", "qunguan/server/migrations"),
        ("qunguan.dist-info", "qunguan.dist-info"),  # qunguan.__version__ in the frozen app
    ]:
        assert expected in placed, expected
    for migrations in ("server", "client"):
        versions = sorted((ROOT / "app" / "qunguan" / migrations / "migrations" / "versions").glob("*.py"))
        assert versions
        for script in versions:
            assert (script.name, f"qunguan/{migrations}/migrations/versions") in placed
    assert "qunguan.server.serve" in analysis["hiddenimports"]  # uvicorn imports it by name
    assert [exe["name"] for exe in built["EXE"]] == ["qunguan"]
    assert built["EXE"][0]["console"] is True
    assert built["COLLECT"]["name"] == "qunguan"


def test_the_spec_keeps_the_qt_parts_in_use_and_drops_the_rest(tmp_path, monkeypatch):
    keep = run_spec(tmp_path, monkeypatch)[0]["keep"]
    qt = "PySide6/Qt/"
    for kept in ("plugins/platforms/libqxcb.so", "plugins/platforms/libqoffscreen.so",
                 "plugins/platforms/libqwayland.so", "plugins/iconengines/libqsvgicon.so",
                 "plugins/imageformats/libqsvg.so",
                 "plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
                 "plugins/xcbglintegrations/libqxcb-glx-integration.so", "translations/qtbase_zh_CN.qm",
                 "lib/libQt6Charts.so.6", "lib/libQt6Widgets.so.6", "lib/libicudata.so.73"):
        assert keep(qt + kept), kept
    for dropped in ("plugins/platforms/libqeglfs.so", "plugins/platforms/libqvnc.so",
                    "plugins/platformthemes/libqgtk3.so", "plugins/imageformats/libqpdf.so",
                    "plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", "plugins/tls/libqopensslbackend.so",
                    "plugins/multimedia/libffmpegmediaplugin.so", "plugins/sqldrivers/libqsqlite.so",
                    "translations/qtbase_de.qm", "translations/qt_zh_CN.qm", "translations/designer_zh_CN.qm",
                    "lib/libQt6Qml.so.6", "lib/libQt6Quick.so.6", "lib/libQt6Pdf.so.6", "lib/libQt6Network.so.6",
                    "lib/libQt6WebEngineCore.so.6", "lib/libQt6VirtualKeyboard.so.6"):
        assert not keep(qt + dropped), dropped
    assert keep("qunguan/ui/i18n/qunguan_zh_CN.qm")
    assert keep("libpython3.11.so.1.0")


def test_no_qt_module_the_app_uses_is_excluded(tmp_path, monkeypatch):
    excluded = {m.split(".", 1)[1] for m in run_spec(tmp_path, monkeypatch)[0]["EXCLUDED_MODULES"]
                if m.startswith("PySide6.")}
    used = set()
    for source in (ROOT / "app").rglob("*.py"):
        used |= set(re.findall(r"PySide6\.(Qt\w+)", source.read_text(encoding="utf-8")))
    assert used >= {"QtCore", "QtGui", "QtWidgets", "QtCharts"}
    assert not used & excluded, f"used by the app but left out of the bundle: {used & excluded}"


def test_one_version_reaches_every_recipe(builder):
    assert builder.project_version() == VERSION
    spec = SPEC.read_text(encoding="utf-8")
    assert 'PYPROJECT["project"]["version"]' in spec
    bundle = next(node for node in ast.walk(ast.parse(spec))
                  if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "BUNDLE")
    keywords = {k.arg: k.value for k in bundle.keywords}
    assert isinstance(keywords["version"], ast.Name) and keywords["version"].id == "VERSION"
    assert ast.literal_eval(keywords["bundle_identifier"]) == builder.APP_ID
    plist = next(v for k, v in zip(keywords["info_plist"].keys, keywords["info_plist"].values, strict=True)
                 if ast.literal_eval(k) == "CFBundleShortVersionString")
    assert isinstance(plist, ast.Name) and plist.id == "VERSION"
    # the other recipes take it from the build script, and write none of their own
    iss = ISS.read_text(encoding="utf-8")
    assert re.search(r"^AppVersion=\{#AppVersion\}$", iss, re.MULTILINE)
    for line in iss.splitlines():
        if re.match(r"(AppVer\w*|VersionInfo\w*|OutputBaseFilename|UninstallDisplayName)=", line):
            assert "{#AppVersion" in line and not re.search(r"\d+\.\d+", line), line
    assert '<release version="@VERSION@" date="@DATE@"/>' in builder.METAINFO.read_text(encoding="utf-8")
    assert "app=$1 version=$2 out=$3" in (PACKAGING / "macos" / "make-dmg").read_text(encoding="utf-8")
    assert builder.debian_version("1.2rc1") == "1.2~rc1"
    assert builder.debian_version("1.2.dev3") == "1.2~dev3"
    assert builder.debian_version("1.2.post1") == "1.2.post1"
    assert builder.windows_version_tuple("1.2.3rc1") == (1, 2, 3, 0)
    info = builder.windows_version_info("1.2.3")
    assert "filevers=(1, 2, 3, 0)" in info and "StringStruct('ProductVersion', '1.2.3')" in info


# --- Windows and macOS ------------------------------------------------------------------------------------


def test_the_inno_setup_script_gets_every_value_it_uses(builder, monkeypatch, tmp_path):
    calls: list[tuple[str, ...]] = []
    monkeypatch.setattr(builder.shutil, "which", lambda name: "C:/Inno/ISCC.exe" if name == "ISCC" else None)
    monkeypatch.setattr(builder, "run", lambda *cmd, **kw: calls.append(tuple(map(str, cmd))) or "")
    setup = builder.build_windows_installer(tmp_path / "bundle", "1.4.2rc1", stage=tmp_path, out_dir=tmp_path)
    (command,) = calls
    assert command[-1] == str(ISS)
    defines = dict(arg[2:].split("=", 1) for arg in command if arg.startswith("/D"))
    assert defines["AppVersion"] == "1.4.2rc1" and defines["AppVersionNumeric"] == "1.4.2.0"
    iss = ISS.read_text(encoding="utf-8")
    assert "#error" in iss.split("#ifndef AppVersion", 1)[1].split("#endif", 1)[0]  # no version, no installer
    used = set(re.findall(r"\{#(\w+)\}", iss))
    defaults = set(re.findall(r"^\s*#define (\w+)", iss, re.MULTILINE))
    assert used <= set(defines) | defaults
    assert set(defines) <= used
    assert re.search(r"^AppId=\{\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$", iss, re.MULTILINE)
    assert r"SetupIconFile={#StageDir}\icons\qunguan.ico" in iss
    assert r'Source: "{#SourceDir}\*"' in iss
    assert re.search(r"OutputBaseFilename=qunguan-\{#AppVersion\}-setup", iss)
    assert setup == tmp_path / "qunguan-1.4.2rc1-setup.exe"


def test_the_dmg_script_is_valid_shell():
    result = subprocess.run(["bash", "-n", str(PACKAGING / "macos" / "make-dmg")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for script in ("build", "ci"):
        result = subprocess.run(["bash", "-n", str(PACKAGING / script)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


# --- icons, AppStream, the .desktop entry ---------------------------------------------------------------------


def test_icons_are_rendered_at_every_size(builder, qapp, tmp_path):
    from PySide6.QtGui import QImage

    icons = builder.render_icons(tmp_path)
    for size in builder.HICOLOR_SIZES:
        image = QImage(str(icons / "hicolor" / f"{size}x{size}" / "apps" / "qunguan.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(size // 2, size // 5).alpha() == 255  # the SVG's blue square, drawn
        assert image.pixelColor(0, 0).alpha() == 0  # its rounded corner: transparent
    ico = (icons / "qunguan.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind, count) == (0, 1, len(builder.ICO_SIZES))
    for i, size in enumerate(builder.ICO_SIZES):
        width, height, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", ico, 6 + 16 * i)
        assert width == height == (0 if size == 256 else size)
        image = QImage.fromData(ico[offset:offset + length], "PNG")
        assert (image.width(), image.height()) == (size, size)
    names = sorted(p.name for p in (icons / "qunguan.iconset").iterdir())
    assert names == sorted(f"icon_{s}x{s}{x}.png" for s in (16, 32, 128, 256, 512) for x in ("", "@2x"))


def test_the_appstream_metadata(builder, tmp_path):
    text = builder.metainfo(VERSION, "2026-01-02")
    assert "@" not in text.replace("@2x", "")
    root = ET.fromstring(text)
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == builder.APP_ID
    assert root.findtext("launchable") == builder.DESKTOP_FILE.name
    assert root.find("releases/release").get("version") == VERSION
    assert root.findtext("provides/binary") == "qunguan"
    if not shutil.which("appstreamcli"):
        pytest.skip("appstreamcli is not installed (scripts/install-system-packages installs it)")
    path = tmp_path / f"{builder.APP_ID}.metainfo.xml"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_desktop_entry(builder):
    entry = dict(line.split("=", 1) for line in builder.DESKTOP_FILE.read_text(encoding="utf-8").splitlines()
                 if "=" in line)
    assert entry["Exec"].split()[0] == "qunguan"  # /usr/bin/qunguan
    assert entry["Icon"] == "qunguan"  # the hicolor icons
    assert entry["Name[zh_CN]"] == "群管"
    if not shutil.which("desktop-file-validate"):
        pytest.skip("desktop-file-validate is not installed (scripts/install-system-packages installs it)")
    result = subprocess.run(["desktop-file-validate", str(builder.DESKTOP_FILE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- the .deb ---------------------------------------------------------------------------------------------------


@pytest.mark.skipif(not shutil.which("dpkg-deb") or not shutil.which("dpkg-shlibdeps"),
                    reason="dpkg-deb and dpkg-shlibdeps (dpkg-dev) are Debian's")
def test_a_deb_from_a_stand_in_bundle(builder, qapp, tmp_path):
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    shutil.copy("/bin/true", bundle / "qunguan")  # an ELF file linking the C library
    (bundle / "_internal" / "base_library.zip").write_bytes(b"zip")
    (bundle / "_internal" / "link").symlink_to("base_library.zip")
    icons = builder.render_icons(tmp_path / "stage")
    work = tmp_path / "work"
    deb, installed_kib = builder.build_deb(bundle, "1.4.2rc1", icons, out_dir=tmp_path / "dist", work=work)

    assert deb.name == f"qunguan_1.4.2~rc1_{builder.dpkg_architecture()}.deb"
    field = lambda name: subprocess.run(["dpkg-deb", "--field", str(deb), name], capture_output=True,  # noqa: E731
                                        text=True, check=True).stdout.strip()
    assert field("Package") == "qunguan" and field("Version") == "1.4.2~rc1"
    assert int(field("Installed-Size")) == installed_kib > 0
    depends = field("Depends")
    assert re.match(r"libc6 \(>= [\d.]+\)", depends), depends  # found by dpkg-shlibdeps in /bin/true
    assert "fonts-noto-cjk | fonts-wqy-microhei" in depends
    listing = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True,
                             check=True).stdout.splitlines()
    entries = {line.split()[-1] if "->" not in line else line.split()[-3]: line for line in listing}
    for path, mode in [
        ("./opt/qunguan/qunguan", "-rwxr-xr-x"),
        ("./opt/qunguan/_internal/base_library.zip", "-rw-r--r--"),
        ("./usr/bin/qunguan", "-rwxr-xr-x"),
        ("./usr/share/applications/qunguan.desktop", "-rw-r--r--"),
        (f"./usr/share/metainfo/{builder.APP_ID}.metainfo.xml", "-rw-r--r--"),
        ("./usr/share/icons/hicolor/scalable/apps/qunguan.svg", "-rw-r--r--"),
        ("./usr/share/doc/qunguan/copyright", "-rw-r--r--"),
        *((f"./usr/share/icons/hicolor/{s}x{s}/apps/qunguan.png", "-rw-r--r--") for s in (16, 32, 48, 64, 128, 256)),
    ]:
        assert path in entries, path
        assert entries[path].startswith(mode) and " root/root " in entries[path], entries[path]
    assert entries["./opt/qunguan/_internal/link"].startswith("l")
    unpacked = tmp_path / "unpacked"
    subprocess.run(["dpkg-deb", "--raw-extract", str(deb), str(unpacked)], check=True)
    assert (unpacked / "usr/bin/qunguan").read_text(encoding="utf-8").endswith('exec /opt/qunguan/qunguan "$@"\n')
    metainfo = ET.parse(unpacked / f"usr/share/metainfo/{builder.APP_ID}.metainfo.xml").getroot()
    assert metainfo.find("releases/release").get("version") == "1.4.2rc1"
    prerm = (unpacked / "DEBIAN/prerm").read_text(encoding="utf-8")
    assert prerm.startswith("#!/bin/sh") and "/opt/qunguan" in prerm
    assert subprocess.run(["sh", "-n", str(unpacked / "DEBIAN/prerm")]).returncode == 0

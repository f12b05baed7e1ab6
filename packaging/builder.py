"""Build Qunguan's installers (run through `packaging/build`; see packaging/README.md).

Steps, on every system: compile the translations (pyside6-lrelease), render the icons from
resources/icons/qunguan.svg (Qt's SVG renderer), freeze the application with PyInstaller
(packaging/qunguan.spec) and check that the frozen `qunguan --version` says the version of
pyproject.toml. Then, by system:

* Linux: a .deb (dpkg-deb) in dist/: the bundle under /opt/qunguan, /usr/bin/qunguan, the
  .desktop entry, hicolor icons, AppStream metadata, and Depends computed by dpkg-shlibdeps
  from the bundle's own ELF files;
* Windows: the Inno Setup installer (packaging/windows/qunguan.iss, when ISCC is on the PATH);
* macOS: Qunguan.app and a .dmg (packaging/macos/make-dmg).

The one version number is ``version`` in pyproject.toml: the app reads it from its package
metadata (copied into the bundle), and this script hands it to every installer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import struct
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
BUILD = ROOT / "build" / "packaging"
STAGE = BUILD / "stage"
DIST = ROOT / "dist"
SPEC = PACKAGING / "qunguan.spec"
SVG_ICON = ROOT / "resources" / "icons" / "qunguan.svg"
DESKTOP_FILE = ROOT / "resources" / "qunguan.desktop"
METAINFO = PACKAGING / "linux" / "io.github.qunguan.metainfo.xml"
APP_ID = "io.github.qunguan"
#: hicolor sizes installed by the .deb (and rendered for the other systems' icons)
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: macOS iconset: (file name, pixels)
ICONSET = tuple((f"icon_{s}x{s}{suffix}.png", s * scale) for s in (16, 32, 128, 256, 512)
                for suffix, scale in (("", 1), ("@2x", 2)))
INSTALL_DIR = "/opt/qunguan"
#: Beyond the libraries the bundle links (found by dpkg-shlibdeps): a font with Chinese glyphs
#: (the interface and the messages are Chinese). Recommends: a Secret Service for the keyring.
DEB_EXTRA_DEPENDS = ("fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei",)
DEB_RECOMMENDS = ("gnome-keyring | keepassxc",)
MAINTAINER = "Qunguan developers <packaging@qunguan.invalid>"


def log(text: str) -> None:
    print(f"[packaging] {text}", flush=True)


def run(*cmd: str | Path, cwd: Path | None = None) -> str:
    """Run a command and return its output; on failure show what it said and stop."""
    result = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-5000:] + result.stderr[-5000:])
        raise SystemExit(f"[packaging] failed ({result.returncode}): {' '.join(map(str, cmd))}")
    return result.stdout


# --- the version ----------------------------------------------------------------------------------


def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])


def debian_version(version: str) -> str:
    """PEP 440 to Debian: pre-releases sort before the release (1.0rc1 -> 1.0~rc1)."""
    version = re.sub(r"[.-]?(dev)(\d*)", r"~\1\2", version)
    version = re.sub(r"(\d)[.-]?(a|b|rc)(\d+)", r"\1~\2\3", version)
    return version.replace("_", "-")


def windows_version_tuple(version: str) -> tuple[int, int, int, int]:
    """The numeric form Windows wants (the release numbers; 1.2rc1 -> 1.2.0.0)."""
    release = re.match(r"\d+(?:\.\d+)*", version)
    numbers = [int(n) for n in release.group(0).split(".")[:4]] if release else []
    return tuple([*numbers, 0, 0, 0, 0][:4])  # type: ignore[return-value]


def windows_version_info(version: str) -> str:
    """PyInstaller's version resource (the file properties of qunguan.exe)."""
    four = windows_version_tuple(version)
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={four}, prodvers={four}, mask=0x3f, flags=0x0, OS=0x40004, fileType=0x1,
                    subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080404b0', [
      StringStruct('CompanyName', 'Qunguan developers'),
      StringStruct('FileDescription', 'Qunguan group moderation workstation'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', 'qunguan'),
      StringStruct('LegalCopyright', 'Apache-2.0'),
      StringStruct('OriginalFilename', 'qunguan.exe'),
      StringStruct('ProductName', 'Qunguan'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [2052, 1200, 1033, 1200])])
  ]
)
"""


def check_installed_metadata(version: str) -> None:
    """The bundle copies the installed dist metadata (qunguan.__version__ reads it): it must be
    the version of pyproject.toml, so refresh an editable install that is older."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed_version

    try:
        installed = installed_version("qunguan")
    except PackageNotFoundError:
        installed = None
    if installed != version:
        log(f"installed metadata says {installed}, pyproject.toml {version}: reinstalling the project")
        run(sys.executable, "-m", "pip", "install", "-q", "--no-deps", "-e", ROOT)


# --- translations and icons --------------------------------------------------------------------------


def lrelease() -> Path:
    here = Path(sys.executable).with_name("pyside6-lrelease")
    found = shutil.which("pyside6-lrelease")
    if here.exists():
        return here
    if found:
        return Path(found)
    raise SystemExit("[packaging] pyside6-lrelease not found (install the project into the venv)")


def compile_translations(stage: Path = STAGE) -> list[Path]:
    out = stage / "i18n"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    made = []
    for ts in sorted((ROOT / "translations").glob("qunguan_*.ts")):
        qm = out / ts.with_suffix(".qm").name
        run(lrelease(), ts, "-qm", qm)
        if not qm.is_file() or qm.stat().st_size == 0:
            raise SystemExit(f"[packaging] lrelease made no {qm.name}")
        made.append(qm)
    if not made:
        raise SystemExit("[packaging] no translations/qunguan_*.ts")
    return made


def render_png(svg: Path, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        render_png.app = QGuiApplication(["qunguan-packaging"])  # type: ignore[attr-defined]
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"[packaging] {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_file(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding PNG images (Windows Vista and later read these)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset + len(blobs))
        blobs += blob
    return header + entries + blobs


def render_icons(stage: Path = STAGE, svg: Path = SVG_ICON) -> Path:
    """hicolor PNGs (icons/hicolor/NxN/apps/qunguan.png), qunguan.ico and qunguan.iconset."""
    icons = stage / "icons"
    shutil.rmtree(icons, ignore_errors=True)
    rendered: dict[int, bytes] = {}
    for size in sorted({*HICOLOR_SIZES, *ICO_SIZES, *(px for _, px in ICONSET)}):
        rendered[size] = render_png(svg, size)
    for size in HICOLOR_SIZES:
        target = icons / "hicolor" / f"{size}x{size}" / "apps" / "qunguan.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(rendered[size])
    (icons / "qunguan.ico").write_bytes(ico_file({s: rendered[s] for s in ICO_SIZES}))
    iconset = icons / "qunguan.iconset"
    iconset.mkdir()
    for name, pixels in ICONSET:
        (iconset / name).write_bytes(rendered[pixels])
    return icons


# --- PyInstaller ---------------------------------------------------------------------------------------


def bundle_dir() -> Path:
    return BUILD / "dist" / "qunguan"


def pyinstaller(version: str, stage: Path = STAGE) -> Path:
    if sys.platform == "win32":
        (stage / "version_info.txt").write_text(windows_version_info(version), encoding="utf-8")
    if sys.platform == "darwin":
        run("iconutil", "-c", "icns", stage / "icons" / "qunguan.iconset", "-o", stage / "icons" / "qunguan.icns")
    env = dict(os.environ, QUNGUAN_STAGE=str(stage))
    log_file = BUILD / "logs" / "pyinstaller.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("w", encoding="utf-8") as out:
        code = subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
             "--distpath", str(BUILD / "dist"), "--workpath", str(BUILD / "work"), str(SPEC)],
            env=env, stdout=out, stderr=subprocess.STDOUT).returncode
    if code != 0:
        sys.stderr.write(log_file.read_text(encoding="utf-8")[-5000:])
        raise SystemExit(f"[packaging] PyInstaller failed; see {log_file}")
    return bundle_dir()


def frozen_executable(bundle: Path) -> Path:
    if sys.platform == "win32":
        return bundle / "qunguan-cli.exe"
    if sys.platform == "darwin":
        return BUILD / "dist" / "Qunguan.app" / "Contents" / "MacOS" / "qunguan"
    return bundle / "qunguan"


def check_frozen_version(executable: Path, version: str) -> None:
    said = run(executable, "--version").strip()
    if said != f"qunguan {version}":
        raise SystemExit(f"[packaging] the frozen app says {said!r}, pyproject.toml {version!r}")


# --- the .deb ----------------------------------------------------------------------------------------------


def launcher_script() -> str:
    return f'#!/bin/sh\n# Qunguan (群管): the bundle lives in {INSTALL_DIR}.\nexec {INSTALL_DIR}/qunguan "$@"\n'


def metainfo(version: str, date: str, template: Path = METAINFO) -> str:
    return template.read_text(encoding="utf-8").replace("@VERSION@", version).replace("@DATE@", date)


def release_date() -> str:
    """SOURCE_DATE_EPOCH, else the date of the last commit, else today (YYYY-MM-DD)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cs"], capture_output=True, text=True)
        if out.returncode == 0 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", out.stdout.strip()):
            return out.stdout.strip()
    except OSError:
        pass
    return dt.date.today().isoformat()


def copyright_file() -> str:
    return ("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
            "Upstream-Name: qunguan\n\n"
            "Files: *\nCopyright: Qunguan developers\nLicense: Apache-2.0\n"
            " On Debian systems the full text of the Apache License 2.0 is in\n"
            " /usr/share/common-licenses/Apache-2.0. The bundle under /opt/qunguan also carries\n"
            " Qt and PySide6 (LGPL-3.0), Python (PSF-2.0) and the Python packages listed in\n"
            " /opt/qunguan/_internal/*.dist-info, each under its own license.\n")


def assemble_deb_root(bundle: Path, root: Path, version: str, icons: Path, date: str) -> None:
    """The files of the package under ``root`` (DEBIAN/ is written by write_control)."""
    shutil.rmtree(root, ignore_errors=True)
    opt = root / INSTALL_DIR.lstrip("/")
    opt.parent.mkdir(parents=True)
    shutil.copytree(bundle, opt, symlinks=True)
    files = {
        root / "usr/bin/qunguan": (launcher_script(), 0o755),
        root / "usr/share/applications/qunguan.desktop": (DESKTOP_FILE.read_text(encoding="utf-8"), 0o644),
        root / f"usr/share/metainfo/{APP_ID}.metainfo.xml": (metainfo(version, date), 0o644),
        root / "usr/share/doc/qunguan/copyright": (copyright_file(), 0o644),
    }
    for path, (text, mode) in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        path.chmod(mode)
    hicolor = root / "usr/share/icons/hicolor"
    for size in HICOLOR_SIZES:
        target = hicolor / f"{size}x{size}/apps/qunguan.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(icons / "hicolor" / f"{size}x{size}" / "apps" / "qunguan.png", target)
    (hicolor / "scalable/apps").mkdir(parents=True)
    shutil.copyfile(SVG_ICON, hicolor / "scalable/apps/qunguan.svg")
    for path in root.rglob("*"):  # dpkg-deb wants sane modes, whatever the umask was
        if path.is_symlink():
            continue
        path.chmod(0o755 if path.is_dir() or path.stat().st_mode & 0o111 else 0o644)


def elf_files(root: Path) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def shlib_depends(package_dir: Path) -> list[str]:
    """What the bundle's ELF files need from the system, as Debian dependencies (dpkg-shlibdeps
    reads the installed packages' shlibs and symbols files). ``package_dir`` must be
    ``<somewhere>/debian/qunguan``; its private libraries are told apart by -l."""
    work = package_dir.parent.parent
    (work / "debian" / "control").write_text(
        f"Source: qunguan\nMaintainer: {MAINTAINER}\n\nPackage: qunguan\nArchitecture: any\nDescription: x\n",
        encoding="utf-8")
    elves = elf_files(package_dir)
    if not elves:
        return []
    private = sorted({str(p.parent.relative_to(work)) for p in elves if ".so" in p.name})
    result = subprocess.run(
        ["dpkg-shlibdeps", "-O", *(f"-l{d}" for d in private), *(str(p.relative_to(work)) for p in elves)],
        cwd=work, capture_output=True, text=True)
    (work / "dpkg-shlibdeps.log").write_text(result.stderr, encoding="utf-8")
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-5000:])
        raise SystemExit("[packaging] dpkg-shlibdeps failed (a library the bundle needs is not installed here?)")
    match = re.search(r"^shlibs:Depends=(.*)$", result.stdout, re.MULTILINE)
    return [d.strip() for d in match.group(1).split(",")] if match else []


def installed_size_kib(root: Path) -> int:
    """Like dpkg-gencontrol: the sum of the files' sizes in KiB (rounded up), one per link or dir."""
    total = 0
    for path in root.rglob("*"):
        if path.relative_to(root).parts[0] == "DEBIAN":
            continue
        total += 1 if path.is_symlink() or path.is_dir() else (path.stat().st_size + 1023) // 1024
    return total


@dataclass
class Control:
    version: str
    architecture: str
    depends: Sequence[str]
    installed_size: int

    def text(self) -> str:
        return "".join(f"{key}: {value}\n" for key, value in (
            ("Package", "qunguan"),
            ("Version", debian_version(self.version)),
            ("Architecture", self.architecture),
            ("Maintainer", MAINTAINER),
            ("Installed-Size", str(self.installed_size)),
            ("Depends", ", ".join([*self.depends, *DEB_EXTRA_DEPENDS])),
            ("Recommends", ", ".join(DEB_RECOMMENDS)),
            ("Section", "misc"),
            ("Priority", "optional"),
            ("Description", "group-chat moderation workstation (群管)\n"
             " Qunguan is the desktop workstation of the people who moderate group chats:\n"
             " a queue of flagged group messages with their conversation, sender and group,\n"
             " decisions with a reason from the content taxonomy, offline review with an\n"
             " encrypted local cache, and the supervisor's desk with a verifiable audit trail.\n"
             " It carries the reference moderation platform for its demo mode\n"
             " (qunguan --demo). Interface in Simplified Chinese and English."),
        ))


def write_control(root: Path, control: Control) -> None:
    debian = root / "DEBIAN"
    debian.mkdir(parents=True, exist_ok=True)
    (debian / "control").write_text(control.text(), encoding="utf-8")
    # A file Python may have written beside the migration scripts (it should not: the frozen
    # app writes no bytecode) must not keep /opt/qunguan from going away.
    prerm = debian / "prerm"
    prerm.write_text(f"#!/bin/sh\nset -e\nfind {INSTALL_DIR} -depth -type d -name __pycache__ -exec rm -rf {{}} + "
                     "2>/dev/null || true\n", encoding="utf-8")
    prerm.chmod(0o755)


def dpkg_architecture() -> str:
    return run("dpkg", "--print-architecture").strip()


def build_deb(bundle: Path, version: str, icons: Path, out_dir: Path = DIST, work: Path = BUILD / "deb",
              depends: Sequence[str] | None = None) -> tuple[Path, int]:
    """Returns the .deb and its installed size (KiB). ``depends``: computed when None."""
    root = work / "debian" / "qunguan"
    assemble_deb_root(bundle, root, version, icons, release_date())
    (root / "DEBIAN").mkdir()
    if depends is None:
        log("Depends from the bundle's libraries (dpkg-shlibdeps)")
        depends = shlib_depends(root)
    control = Control(version, dpkg_architecture(), depends, installed_size_kib(root))
    write_control(root, control)
    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / f"qunguan_{debian_version(version)}_{control.architecture}.deb"
    deb.unlink(missing_ok=True)
    # gzip: every dpkg reads it, and it takes seconds where xz takes minutes (57 against 68 MB)
    run("dpkg-deb", "--root-owner-group", "-Zgzip", "--build", root, deb)
    return deb, control.installed_size


# --- Windows and macOS -----------------------------------------------------------------------------------


def build_windows_installer(bundle: Path, version: str, stage: Path = STAGE, out_dir: Path = DIST) -> Path | None:
    iscc = shutil.which("ISCC") or shutil.which("iscc")
    if iscc is None:
        log("ISCC (Inno Setup) is not on the PATH: the one-folder build is in " + str(bundle))
        return None
    numeric = ".".join(map(str, windows_version_tuple(version)))
    run(iscc, f"/DAppVersion={version}", f"/DAppVersionNumeric={numeric}", f"/DSourceDir={bundle}",
        f"/DStageDir={stage}", f"/DOutputDir={out_dir}", PACKAGING / "windows" / "qunguan.iss")
    return out_dir / f"qunguan-{version}-setup.exe"


def build_dmg(version: str, out_dir: Path = DIST) -> Path:
    app = BUILD / "dist" / "Qunguan.app"
    dmg = out_dir / f"Qunguan-{version}.dmg"
    out_dir.mkdir(parents=True, exist_ok=True)
    run(PACKAGING / "macos" / "make-dmg", app, version, dmg)
    return dmg


# --- main --------------------------------------------------------------------------------------------------


def tree_size_bytes(paths: Iterable[Path]) -> int:
    total = 0
    for base in paths:
        for path in base.rglob("*"):
            if path.is_file() and not path.is_symlink():
                total += path.stat().st_size
    return total


@contextmanager
def step(name: str) -> Iterator[None]:
    started = time.monotonic()
    log(f"{name}…")
    yield
    log(f"{name}: {time.monotonic() - started:.0f} s")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="packaging/build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-freeze", action="store_true",
                        help="reuse the PyInstaller bundle of the last build (build/packaging/dist)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    version = project_version()
    log(f"Qunguan {version} on {platform.system()} {platform.machine()}")
    check_installed_metadata(version)
    with step("translations and icons"):
        made = compile_translations()
        icons = render_icons()
    log(f"{', '.join(p.name for p in made)}; icons in {icons}")
    if args.skip_freeze:
        bundle = bundle_dir()
    else:
        with step("PyInstaller"):
            bundle = pyinstaller(version)
    check_frozen_version(frozen_executable(bundle), version)
    log(f"bundle: {bundle} ({tree_size_bytes([bundle]) / 1e6:.0f} MB), says version {version}")
    outputs: list[str] = []
    if sys.platform.startswith("linux"):
        with step("the .deb"):
            deb, installed = build_deb(bundle, version, icons)
        outputs += [f"{deb} ({deb.stat().st_size / 1e6:.0f} MB)", f"installed size {installed / 1024:.0f} MiB"]
    elif sys.platform == "win32":
        with step("the installer"):
            setup = build_windows_installer(bundle, version)
        outputs += [str(setup or bundle)]
    elif sys.platform == "darwin":
        with step("the disk image"):
            outputs += [str(build_dmg(version))]
    log("built: " + "; ".join(outputs))
    log(f"build time {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

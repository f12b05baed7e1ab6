"""`qunguan --self-test` from the source tree (CI runs the installed one from the .deb), and
the parts of it and of the frozen build's launcher that can be checked on their own."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from qunguan import __version__
from qunguan.client import demo
from tests.packaging.conftest import ROOT


def clean_env() -> dict[str, str]:
    """No display and no QT_QPA_PLATFORM: the self-test must choose offscreen itself."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "PYTHON_KEYRING_BACKEND")}
    env["PYTHONPATH"] = str(ROOT / "app")
    return env


def test_the_self_test_passes_and_says_nothing_on_stderr(tmp_path):
    result = subprocess.run([sys.executable, "-m", "qunguan", "--self-test"], cwd=tmp_path, env=clean_env(),
                            capture_output=True, text=True, timeout=280)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    said = result.stdout.strip()
    assert said.startswith(f"qunguan {__version__} self-test passed in ")
    for fact in ("Qt platform offscreen", "language zh_CN", "cases in the queue", "local cache encrypted"):
        assert fact in said, said
    assert list(tmp_path.iterdir()) == []  # everything it made was in its own temporary directory


def test_the_self_test_fails_when_start_up_fails(tmp_path):
    """A failed start-up shows an error box (modal): the self-test closes it and exits 1."""
    script = textwrap.dedent("""
        import sys
        from PySide6.QtCore import QTimer
        from qunguan import selftest
        from qunguan.client.errors import KnownError
        from qunguan.ui import app

        def start(self):  # fails the way a start-up does: later, in the event loop
            QTimer.singleShot(100, lambda: self._fail(KnownError("the platform is on fire")))
        app.Application.start = start
        sys.exit(selftest.run_self_test("en"))
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=clean_env(), capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1
    assert "start-up failed: " in result.stderr and "the platform is on fire" in result.stderr
    assert "self-test passed" not in result.stdout


def test_the_self_test_fails_on_anything_written_to_stderr(tmp_path):
    """Output the self-test did not expect fails it, even when everything else worked."""
    script = textwrap.dedent("""
        import os, sys
        from qunguan import selftest

        def run(self):
            os.write(2, b"QFont: something C++ said\\n")
        selftest.SelfTest.run = run
        sys.exit(selftest.run_self_test("en"))
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=clean_env(), capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.startswith("QFont: something C++ said\n")  # passed on as it came
    assert "unexpected output on standard error" in result.stderr


def test_stderr_capture_sees_what_cpp_and_python_write(capfd):
    from qunguan.selftest import StderrCapture

    with StderrCapture() as captured, open(2, "w", closefd=False) as python_stderr:
        os.write(2, b"from C\n")
        print("from Python", file=python_stderr, flush=True)
    assert captured.text == "from C\nfrom Python\n"
    assert capfd.readouterr().err == "from C\nfrom Python\n"  # and passed on


def test_the_platform_runs_as_a_subcommand():
    """What the embedded demo platform is started as in a frozen build."""
    result = subprocess.run([sys.executable, "-m", "qunguan", "platform", "--version"], env=clean_env(),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"qunguan-platform {__version__}"


@pytest.mark.parametrize("frozen", [False, True])
def test_the_demo_launcher_starts_the_platform_the_way_the_build_can(monkeypatch, frozen):
    if frozen:
        monkeypatch.setattr(sys, "frozen", True, raising=False)
        assert demo._platform_command("serve", "--db", "x") == [sys.executable, "platform", "serve", "--db", "x"]
    else:
        monkeypatch.delattr(sys, "frozen", raising=False)
        assert demo._platform_command("seed") == [sys.executable, "-m", "qunguan.server.cli", "seed"]

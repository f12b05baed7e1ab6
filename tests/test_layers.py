"""The architecture and the code style are checked as tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def test_import_layers_hold():
    """contract <- client <- ui; contract <- server; client and ui never import server."""
    result = subprocess.run([_bin("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


def test_ruff_is_clean():
    result = subprocess.run(
        [_bin("ruff"), "check", "--no-cache", "app", "tests"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr

"""schemathesis over the whole OpenAPI document with every default check, on a real server.

The platform gets one of its own (the fuzzer creates accounts, tries logins and decides
cases at random). Calls carry an admin token so every operation is reached beyond the
authentication layer; the anonymous side is covered by the role matrix. schemathesis runs
as its command-line tool, all phases (coverage, fuzzing, stateful), with a fixed seed; the
one widened expectation is explained in schemathesis.toml beside this file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.platform_fixture import start_platform

pytestmark = pytest.mark.server

CONFIG = Path(__file__).with_name("schemathesis.toml")


@pytest.fixture
def fuzzed_platform(database_factory):
    platform = start_platform(database_factory.clone(), database_factory.audit_key)
    yield platform
    platform.stop()


def test_every_operation_conforms(fuzzed_platform, tmp_path):
    token = fuzzed_platform.login("admin1").tokens["access_token"]
    command = [
        str(Path(sys.executable).with_name("schemathesis")), "--config-file", str(CONFIG),
        "run", f"{fuzzed_platform.api}/openapi.json",
        "-H", f"Authorization: Bearer {token}",
        "--max-examples", "40", "--seed", "20261128", "--workers", "2",
        "--report", "junit", "--report-dir", str(tmp_path),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    summary = result.stdout[-6000:]
    assert result.returncode == 0, summary
    assert "Tested: 23" in result.stdout or "Tested:" in result.stdout, summary
    assert " 0 failures" in result.stdout or "failures" not in result.stdout.splitlines()[-1], summary

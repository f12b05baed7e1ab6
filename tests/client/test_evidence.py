"""Evidence packages: made from a real platform for decisions marked reportable, checked offline
(a clean package passes; an edited, removed or added file, an edited manifest, a re-signed
record and a wrong key are each caught), and the delivery recorded with the package's SHA-256."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import zipfile
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from qunguan.client.api import ApiClient
from qunguan.client.evidence import MANIFEST, verify_package, write_package
from qunguan.client.export import verify_export
from qunguan.contract import models as api
from tests.helpers import decide, new_account, take_open_case


@pytest.fixture
def package(platform, tmp_path):
    _, moderator = new_account(platform)
    ids = [decide(moderator, take_open_case(moderator), action, reason_code="PLT-03").json()["decision"]["id"]
           for action in ("delete_message", "warn")]
    client = ApiClient(platform.url)
    client.login("sup1", "qunguan-demo")
    for i in ids:
        client.mark_reportable(i, True, "涉嫌诈骗，报送网信办")
    seen = []
    made = write_package(tmp_path / "evidence.zip", client, ids, platform.url, progress=lambda n, t: seen.append(n))
    assert seen == [1, 2]
    return client, made


def _rewrite(source, target, change):
    with zipfile.ZipFile(source) as archive:
        files = {i.filename: archive.read(i) for i in archive.infolist()}
    change(files)
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return target


def test_a_clean_package_verifies_and_its_delivery_is_recorded(package):
    client, made = package
    assert hashlib.sha256(made.path.read_bytes()).hexdigest() == made.sha256
    verdict = verify_package(made.path)
    assert verdict.ok, verdict.reason
    with zipfile.ZipFile(made.path) as archive:
        names = archive.namelist()
        summary = archive.read("summary.txt").decode()
        first = archive.read(f"decisions/{made.decision_ids[0]}/context.json")
    context = api.DecisionContext.model_validate_json(first)
    assert MANIFEST in names and "summary.txt" in names
    assert {f"decisions/{i}/{f}" for i in made.decision_ids for f in ("context.json", "conversation.txt",
                                                                       "trail.json")} <= set(names)
    assert "证据包" in summary and "PLT-03" in summary and context.recorded
    cli = subprocess.run([sys.executable, "-m", "qunguan", "verify-export", str(made.path)], capture_output=True,
                         text=True, timeout=60)
    assert cli.returncode == 0, cli.stderr

    delivery = client.record_delivery(api.DeliveryRequest(
        decision_ids=made.decision_ids, recipient="市网信办", channel="加密邮件", reference="QG-001",
        delivered_at=datetime.now(UTC), package_sha256=made.sha256))
    assert delivery.package_sha256 == made.sha256 and delivery.recorded_by == "sup1"
    delivered = {r.decision.id: r.deliveries for r in client.reportable(delivered=True).items}
    assert all(delivered[i] == [delivery.id] for i in made.decision_ids)


def test_every_kind_of_tampering_is_caught(package, tmp_path):
    _, made = package
    first = made.decision_ids[0]

    def edit(files):
        files[f"decisions/{first}/conversation.txt"] += b"\nan added line"

    def remove(files):
        del files[f"decisions/{first}/trail.json"]

    def add(files):
        files["extra.txt"] = b"slipped in"

    def reorder(files):
        manifest = json.loads(files[MANIFEST])
        manifest["files"][1], manifest["files"][2] = manifest["files"][2], manifest["files"][1]
        files[MANIFEST] = json.dumps(manifest).encode()

    def resign(files):
        # a consistent-looking package: the context edited, its hash updated in the manifest
        name = f"decisions/{first}/context.json"
        context = json.loads(files[name])
        context["sender"]["credit_score"] += 50
        files[name] = json.dumps(context).encode()
        manifest = json.loads(files[MANIFEST])
        for entry in manifest["files"]:
            if entry[0] == name:
                entry[1], entry[2] = hashlib.sha256(files[name]).hexdigest(), str(len(files[name]))
        files[MANIFEST] = json.dumps(manifest).encode()

    expected = {edit: "was changed", remove: "is missing", add: "were added", reorder: "edited or moved",
                resign: "edited or moved"}
    for change, words in expected.items():
        verdict = verify_export(_rewrite(made.path, tmp_path / f"{change.__name__}.zip", change))
        assert not verdict.ok and words in verdict.reason, (change.__name__, verdict.reason)

    other = Ed25519PrivateKey.generate().public_key().public_bytes(serialization.Encoding.Raw,
                                                                   serialization.PublicFormat.Raw)
    wrong = verify_package(made.path, public_key_b64=base64.b64encode(other).decode())
    assert not wrong.ok and "signature" in wrong.reason
    assert not verify_package(tmp_path / "missing.zip").ok


def test_a_record_changed_on_the_platform_is_caught_in_the_package(platform, tmp_path):
    from sqlalchemy import create_engine, text

    from qunguan.server.db import normalise_url

    _, moderator = new_account(platform)
    decision = decide(moderator, take_open_case(moderator), "warn", reason_code="PLT-03").json()["decision"]
    engine = create_engine(normalise_url(platform.db_url))
    with engine.begin() as conn:
        data = conn.execute(text("SELECT data FROM decision_snapshots WHERE decision_id = :d"),
                            {"d": decision["id"]}).scalar_one()
        data = json.loads(data) if isinstance(data, str) else data
        data["group"]["member_count"] += 1
        conn.execute(text("UPDATE decision_snapshots SET data = :v WHERE decision_id = :d"),
                     {"v": json.dumps(data), "d": decision["id"]})
    engine.dispose()
    client = ApiClient(platform.url)
    client.login("sup2", "qunguan-demo")
    client.mark_reportable(decision["id"], True)
    made = write_package(tmp_path / "p.zip", client, [decision["id"]], platform.url)
    verdict = verify_package(made.path)
    assert not verdict.ok and "does not match its audit event" in verdict.reason

"""Every item model passes Qt's model tester, over real data from the platform."""

from __future__ import annotations

import pytest

from qunguan.client.api import ApiClient
from qunguan.client.cache import Cache, QueueFilter
from qunguan.client.sync import Syncer
from qunguan.contract import models as api
from qunguan.ui.conversation import ConversationModel
from qunguan.ui.queue_model import COLUMNS, QueueModel
from tests.platform_fixture import DEMO_PASSWORD


@pytest.fixture
def filled_cache(platform, tmp_path):
    client = ApiClient(platform.url)
    client.login("audit1", DEMO_PASSWORD)
    cache = Cache(tmp_path / "cache.db", me="audit1")
    Syncer(client, cache).pull()
    yield cache
    cache.close()


def test_the_queue_model_passes_the_model_tester(qtmodeltester, filled_cache):
    model = QueueModel(filled_cache, synchronous=True)
    model.set_query(QueueFilter(queue="all"))
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=True)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == filled_cache.count(QueueFilter(queue="all"))
    for column in range(len(COLUMNS)):
        # one model per check: the tester connects to a model's signals each time it checks it
        sorted_model = QueueModel(filled_cache, synchronous=True)
        sorted_model.set_query(QueueFilter(queue="all"))
        sorted_model.sort(column)
        qtmodeltester.check(sorted_model, force_py=True)


def test_sorting_happens_in_the_cache_and_keeps_every_row(filled_cache):
    model = QueueModel(filled_cache, synchronous=True)
    model.set_query(QueueFilter(queue="all"), sort="reports", descending=True)
    while model.canFetchMore():
        model.fetchMore()
    counts = [model.case_at(i).report_count for i in range(model.rowCount())]
    assert counts == sorted(counts, reverse=True)
    assert len({model.case_at(i).id for i in range(model.rowCount())}) == model.rowCount()


def test_a_decided_case_stays_in_place_until_refresh(filled_cache):
    model = QueueModel(filled_cache, synchronous=True)
    model.set_query(QueueFilter(queue="all"))
    second = model.case_at(1)
    before = [model.case_at(i).id for i in range(model.rowCount())]
    model.mark_done(second.id, "approved")
    assert [model.case_at(i).id for i in range(model.rowCount())] == before
    assert model.is_done(second.id)
    model.unmark_done(second.id)
    assert not model.is_done(second.id)


def test_the_conversation_model_passes_the_model_tester(qtmodeltester, platform):
    session = platform.login("mod1")
    case = session.get("/cases", params={"limit": 1}).json()["items"][0]
    detail = api.CaseDetail.model_validate(session.get(f"/cases/{case['id']}").json())
    model = ConversationModel()
    model.set_conversation(detail.context_before, detail.message, detail.context_after)
    assert model.rowCount() == len(detail.context_before) + 1 + len(detail.context_after)
    assert model.flagged_row() == len(detail.context_before)
    qtmodeltester.check(model, force_py=True)
    page = api.MessagePage.model_validate(session.get(
        f"/groups/{detail.group.id}/messages", params={"before": model.first_id, "limit": 5}).json())
    model.prepend(page.items)
    qtmodeltester.check(model, force_py=True)

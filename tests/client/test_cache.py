"""The local cache on real SQLite files: a real pull of the platform's queue, every filter
and sort against a plain-Python reference, queue counts, the schema-version guard and the
one writer under concurrent writes."""

from __future__ import annotations

import random
import threading
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qunguan.client import cache as cache_module
from qunguan.client.api import ApiClient
from qunguan.client.cache import SORT_KEYS, Cache, CaseRow, QueueFilter
from qunguan.client.sync import ACTIVE_STATUSES, Syncer
from qunguan.contract import models as api
from qunguan.contract.enums import CaseStatus, GroupCategory, Priority
from qunguan.contract.taxonomy import ReasonCode
from tests.helpers import PASSWORD, new_account, take_open_case

ME = "me_mod"
NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)

# --- the reference: what each filter and sort key means, in plain Python ---------------------------------


def ref_filter(rows: list[CaseRow], f: QueueFilter, me: str, now: datetime) -> list[CaseRow]:
    def mine(r: CaseRow) -> bool:
        return r.claimed_by == me and r.claim_expires_at is not None and r.claim_expires_at > now \
            and r.status != CaseStatus.RESOLVED

    queues = {
        "open": lambda r: r.status in (CaseStatus.OPEN, CaseStatus.CLAIMED),
        "mine": mine,
        "offline": lambda r: False,  # no case was taken offline in these tests (tests/client/test_checkout.py)
        "escalated": lambda r: r.status == CaseStatus.ESCALATED,
        "appeals": lambda r: r.status == CaseStatus.APPEALED,
        "second_approval": lambda r: r.status == CaseStatus.AWAITING_SECOND_APPROVAL,
        "all": lambda r: True,
    }

    def term_matches(r: CaseRow, term: str) -> bool:
        if any(term in text.casefold() for text in (r.excerpt, r.group_name, r.reason_code or "")):
            return True
        digits = term[1:] if term.startswith("#") else term
        return digits.isascii() and digits.isdigit() and len(digits) <= 15 and int(digits) == r.id

    out = []
    for r in rows:
        if not queues[f.queue](r):
            continue
        if f.statuses and r.status not in f.statuses:
            continue
        if f.categories and r.category not in f.categories:
            continue
        if f.priorities and int(r.priority) not in {Priority[p.upper()] if isinstance(p, str) else int(p)
                                                      for p in f.priorities}:
            continue
        if f.group_id is not None and r.group_id != f.group_id:
            continue
        if f.assigned_to_me and not mine(r):
            continue
        if not all(term_matches(r, t) for t in f.text.casefold().split()):
            continue
        out.append(r)
    return out


RANK = {s: i for i, s in enumerate(["open", "claimed", "escalated", "appealed", "awaiting_second_approval",
                                    "resolved"])}


def _nullable(value: object) -> tuple[bool, object]:
    return (value is not None, value if value is not None else "")  # NULLs first ascending, as SQL


def ref_sort(rows: list[CaseRow], key: str, descending: bool) -> list[int]:
    keys = {
        "priority": lambda r: (int(r.priority),),
        "sla": lambda r: (r.sla_deadline,),
        "category": lambda r: (_nullable(r.category), _nullable(r.reason_code)),
        "group": lambda r: (r.group_name,),
        "reports": lambda r: (r.report_count,),
        "status": lambda r: (RANK[r.status],),
        "claimed_by": lambda r: (_nullable(r.claimed_by),),
        "created": lambda r: (r.created_at,),
    }
    return [r.id for r in sorted(rows, key=lambda r: (*keys[key](r), r.id), reverse=descending)]


# --- synthetic cases ---------------------------------------------------------------------------------------

WORDS = ["刷单", "返利", "Crypto", "crypto", "LOTTERY", "50%", "a_b", "back\\slash", "Straße", "群", "hello", "#7"]


def synthetic(n: int, seed: int = 3) -> list[api.CaseSummary]:
    rnd = random.Random(seed)
    names = ["Work", "work", "家长群", "Trading_50%", "Ärzte", "zeta"]
    groups = [(i, f"{names[i % len(names)]} {i % 4}") for i in range(1, 9)]
    out = []
    for i in range(1, n + 1):
        status = rnd.choice(list(CaseStatus))
        reason = rnd.choice([*list(ReasonCode)[:6], None])
        gid, gname = rnd.choice(groups)
        claim = None
        if status == CaseStatus.CLAIMED or (status != CaseStatus.OPEN and rnd.random() < 0.3):
            ends = NOW + timedelta(minutes=rnd.choice([-30, -1, 1, 30]))  # some leases have ended
            claim = api.ClaimInfo(holder_id=1, holder_username=rnd.choice([ME, "other", "Zed"]), expires_at=ends)
        created = NOW - timedelta(hours=rnd.randrange(0, 5))  # many ties
        out.append(api.CaseSummary(
            id=i * 7 % 1000 + 1, status=status, priority=rnd.choice(list(Priority)), suggested_reason=reason,
            reason_category=reason.category if reason else None, message_id=i,
            excerpt=" ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(1, 5))), group_id=gid, group_name=gname,
            group_category=GroupCategory.WORK, group_tier=1, sender_id=1, report_count=rnd.randrange(0, 4),
            signal_score=0.5, created_at=created, sla_deadline=created + timedelta(hours=rnd.choice([1, 4])),
            claim=claim, version=1, change_seq=i,
        ))
    return out


@pytest.fixture
def synthetic_cache(tmp_path):
    cache = Cache(tmp_path / "c" / "cache.sqlite3", me=ME, clock=lambda: NOW)
    cache.store_cases(synthetic(300))
    yield cache
    cache.close()


filters = st.builds(
    QueueFilter,
    queue=st.sampled_from(["open", "mine", "escalated", "appeals", "second_approval", "all"]),
    statuses=st.lists(st.sampled_from([s.value for s in CaseStatus]), max_size=2).map(tuple),
    categories=st.lists(st.sampled_from(["ILL", "NEG", "PLT"]), max_size=2).map(tuple),
    priorities=st.lists(st.sampled_from([1, 2, 3, 4, "urgent", Priority.LOW]), max_size=2).map(tuple),
    group_id=st.one_of(st.none(), st.integers(1, 9)),
    assigned_to_me=st.booleans(),
    text=st.one_of(st.just(""), st.lists(st.sampled_from(
        ["刷单", "crypto", "LOTTERY", "%", "_", "a_b", "\\", "ss", "STRASSE", "ÄRZTE", "ärz", "work", "家长",
         "ill-0", "#7", "8", "zz"]
    ), max_size=2).map(" ".join)),
)


@pytest.mark.parametrize("few_text_matches", [3000, 5])
def test_every_filter_and_sort_matches_the_reference(synthetic_cache, monkeypatch, few_text_matches):
    """Both ways of answering a text search (by ids, or scanning a sort index) give the same."""
    monkeypatch.setattr(cache_module, "FEW_TEXT_MATCHES", few_text_matches)
    cache = synthetic_cache
    everything = cache.rows(QueueFilter(queue="all"), "created", False, 0, 10_000)
    assert len(everything) == len({s.id for s in synthetic(300)})

    @settings(max_examples=60, deadline=None, derandomize=True)
    @given(f=filters, key=st.sampled_from(SORT_KEYS), descending=st.booleans(), offset=st.integers(0, 40))
    def check(f: QueueFilter, key: str, descending: bool, offset: int) -> None:
        expected = ref_sort(ref_filter(everything, f, ME, NOW), key, descending)
        assert cache.count(f) == len(expected)
        assert cache.ids(f, key, descending) == expected
        assert [r.id for r in cache.rows(f, key, descending, offset, 25)] == expected[offset:offset + 25]

    check()
    for text in ("ÄRZTE", "straße", "50%", "a_b", "\\"):  # case-folding and LIKE's special characters
        f = QueueFilter(queue="all", text=text)
        assert cache.count(f) == len(ref_filter(everything, f, ME, NOW)) > 0, text


def test_each_sort_key_both_ways_and_queue_counts(synthetic_cache):
    cache = synthetic_cache
    everything = cache.rows(QueueFilter(queue="all"), "created", False, 0, 10_000)
    for key in SORT_KEYS:
        for descending in (True, False):
            for queue in ("open", "all"):
                f = QueueFilter(queue=queue)
                assert cache.ids(f, key, descending) == ref_sort(ref_filter(everything, f, ME, NOW), key, descending)
    counts = cache.queue_counts()
    assert set(counts) == {"open", "mine", "offline", "escalated", "appeals", "second_approval"}
    for queue, n in counts.items():
        assert n == len(ref_filter(everything, QueueFilter(queue=queue), ME, NOW)), queue
    assert counts["mine"] > 0 and counts["open"] > 0
    # Priority sorts by severity (urgent first descending), not by name.
    top = cache.rows(QueueFilter(queue="all"), "priority", True, 0, 1)[0]
    assert top.priority == Priority.URGENT


def test_ended_leases_are_forgotten(synthetic_cache):
    cache = synthetic_cache
    before = cache.queue_counts()
    assert cache.expire_claims() > 0
    rows = cache.rows(QueueFilter(queue="all"), "created", False, 0, 10_000)
    assert not [r for r in rows if r.claim_expires_at is not None and r.claim_expires_at <= NOW]
    assert not [r for r in rows if r.status == CaseStatus.CLAIMED and r.claimed_by is None]
    after = cache.queue_counts()
    assert after["open"] == before["open"] and after["mine"] == before["mine"]


def test_a_real_pull_round_trips_the_platform_queue(platform, tmp_path):
    username, session = new_account(platform)
    mine = take_open_case(session)
    client = ApiClient(platform.url)
    client.login(username, PASSWORD)
    cache = Cache(Cache.path_for(tmp_path / "deep" / "data", platform.url, username), me=username)
    try:
        report = Syncer(client, cache).pull()
        assert not report.offline and report.pulled > 0
        assert cache.change_seq() > 0

        server: dict[int, api.CaseSummary] = {}
        cursor = None
        while True:
            page = client.cases(status=[s.value for s in ACTIVE_STATUSES], limit=200,
                                **({"cursor": cursor} if cursor else {}))
            server.update((c.id, c) for c in page.items)
            if not page.next_cursor or not page.items:
                break
            cursor = page.next_cursor
        for case in server.values():
            row = cache.row(case.id)
            assert row is not None, case.id
            assert (row.status, row.priority, row.version, row.group_name, row.excerpt, row.sla_deadline,
                    row.report_count, row.reason_code) == (
                case.status, case.priority, case.version, case.group_name, case.excerpt, case.sla_deadline,
                case.report_count, case.suggested_reason.value if case.suggested_reason else None)
            assert row.claimed_by == (case.claim.holder_username if case.claim else None)
            assert cache.summary(case.id) == case
        assert cache.row(mine["id"]).claimed_by == username

        counts, queues = client.counts(), cache.queue_counts()
        assert queues == {"open": counts.open + counts.claimed, "mine": counts.mine, "offline": 0,
                          "escalated": counts.escalated,
                          "appeals": counts.appealed, "second_approval": counts.awaiting_second_approval}
        assert queues["mine"] == 1
        assert cache.ids(QueueFilter(queue="mine")) == [mine["id"]]

        everything = cache.rows(QueueFilter(queue="all"), "created", False, 0, 100_000)
        assert {r.id for r in everything} >= set(server)
        for key in SORT_KEYS:
            for descending in (True, False):
                f = QueueFilter(queue="open")
                expected = ref_sort(ref_filter(everything, f, username, datetime.now(UTC)), key, descending)
                assert cache.ids(f, key, descending) == expected

        # A later pull catches up through /changes only: a release shows up.
        session.delete(f"/cases/{mine['id']}/claim").raise_for_status()
        Syncer(client, cache).pull()
        assert cache.row(mine["id"]).claimed_by is None
        assert cache.queue_counts()["mine"] == 0
    finally:
        cache.close()


@pytest.mark.parametrize("encrypted", [True, False], ids=["encrypted", "plain"])
def test_details_round_trip(platform, tmp_path, encrypted):
    """An encrypted cache keeps the detail as sent; a plain one leaves the personal fields out."""
    client = ApiClient(platform.url)
    client.login("mod1", "qunguan-demo")
    detail = next(d for d in (client.case(c.id) for c in client.cases(limit=20).items) if d.sender.phone_masked)
    case_id = detail.case.id
    cache = Cache(tmp_path / "c.sqlite3", me="mod1", key=bytes(range(32)) if encrypted else None)
    try:
        assert cache.detail(case_id) is None
        cache.store_detail(detail)
        stored = cache.detail(case_id)
        if encrypted:
            assert stored == detail
        else:
            assert stored.sender.phone_masked is None and stored.sender.real_name_masked is None
            assert stored.model_copy(update={"sender": detail.sender}) == detail
        assert cache.row(case_id).excerpt == detail.case.excerpt
    finally:
        cache.close()
    raw = b"".join(f.read_bytes() for f in tmp_path.iterdir())
    assert (detail.sender.phone_masked.encode() in raw) is False
    assert (detail.case.group_name.encode() in raw) is (not encrypted)


def test_an_older_copy_never_overwrites_a_newer_one(tmp_path):
    cache = Cache(tmp_path / "c.sqlite3", me=ME)
    try:
        newer, = synthetic(1)
        older = newer.model_copy(update={"change_seq": newer.change_seq - 1, "excerpt": "old", "version": 0})
        cache.store_cases([newer])
        cache.store_cases([older])
        assert cache.row(newer.id).excerpt == newer.excerpt
        assert cache.summary(newer.id) == newer
    finally:
        cache.close()


def test_one_file_per_user_and_server(tmp_path):
    a = Cache.path_for(tmp_path, "https://mod.example.cn/", "mod1")
    assert a == Cache.path_for(tmp_path, "https://MOD.example.cn", "mod1")
    assert len({a, Cache.path_for(tmp_path, "https://mod.example.cn", "mod2"),
                Cache.path_for(tmp_path, "https://other.example.cn", "mod1"),
                Cache.path_for(tmp_path, "http://127.0.0.1:8001", "mod1"),
                Cache.path_for(tmp_path, "http://127.0.0.1:8002", "mod1")}) == 5
    assert a.parent == tmp_path and "/" not in a.name and ":" not in a.name
    cache = Cache(tmp_path / "x" / "y" / a.name, me="mod1")
    cache.close()
    assert (tmp_path / "x" / "y" / a.name).stat().st_mode & 0o077 == 0


def test_writes_from_eight_threads_all_land(tmp_path):
    cache = Cache(tmp_path / "c.sqlite3", me=ME)
    base, = synthetic(1)
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def writer(t: int) -> None:
        try:
            start.wait()
            for i in range(40):
                n = t * 1000 + i + 1
                cache.store_cases([base.model_copy(update={"id": n, "change_seq": n})])
                cache.set_change_seq(n)
                assert cache.row(n) is not None  # reads go on beside the writer
                cache.count(QueueFilter(queue="all", text="crypto"))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(t,)) for t in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert not errors
        assert cache.count(QueueFilter(queue="all")) == 8 * 40
        assert 0 < cache.change_seq() <= 7040
    finally:
        cache.close()
    reopened = Cache(tmp_path / "c.sqlite3", me=ME)
    try:
        assert reopened.count(QueueFilter(queue="all")) == 320
    finally:
        reopened.close()


def test_a_closed_cache_says_so(tmp_path):
    cache = Cache(tmp_path / "c.sqlite3", me=ME)
    cache.close()
    with pytest.raises(cache_module.CacheClosed):
        cache.store_cases(synthetic(1))


def test_bad_filters_are_refused(synthetic_cache):
    with pytest.raises(ValueError):
        synthetic_cache.count(QueueFilter(queue="nonsense"))
    with pytest.raises(ValueError):
        synthetic_cache.rows(QueueFilter(), sort="colour")
    with pytest.raises(ValueError):
        synthetic_cache.count(QueueFilter(priorities=("critical",)))


def test_retention_forgets_old_cases_but_not_those_with_unsent_decisions(platform, tmp_path):
    from datetime import UTC, datetime, timedelta

    from qunguan.client.api import ApiClient
    from qunguan.client.cache import Cache
    from qunguan.contract import models as api
    from tests.platform_fixture import DEMO_PASSWORD

    client = ApiClient(platform.url)
    client.login("audit1", DEMO_PASSWORD)
    ids = [c.id for c in client.cases(limit=3).items]
    now = [datetime.now(UTC) - timedelta(days=30)]
    cache = Cache(tmp_path / "c.db", me="audit1", clock=lambda: now[0])
    try:
        for case_id in ids:
            cache.store_detail(client.case(case_id))
        now[0] = datetime.now(UTC)
        detail = cache.detail(ids[0])
        cache.outbox.add(api.DecisionRequest(case_id=ids[0], action="approve",
                                             expected_version=detail.case.version))
        assert cache.expire_details(timedelta(days=14)) == 2
        assert cache.detail(ids[0]) is not None  # its decision is still to be sent
        assert cache.detail(ids[1]) is None and cache.detail(ids[2]) is None
    finally:
        cache.close()
    Cache.purge(tmp_path / "c.db")
    assert list(tmp_path.iterdir()) == []

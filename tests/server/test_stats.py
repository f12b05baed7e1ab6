"""GET /stats: who may read it, the window, and the figures, checked against known new decisions,
against GET /cases/counts, against the platform's clock, and against the database directly."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from qunguan.contract.stats import Stats
from qunguan.server.db import normalise_url
from tests.helpers import decide, new_account, take_open_case

pytestmark = pytest.mark.server

STATUSES = ("open", "claimed", "escalated", "appealed", "awaiting_second_approval", "resolved")


def stats(session, **params: Any) -> dict[str, Any]:
    response = session.get("/stats", params=params)
    assert response.status_code == 200, response.text
    Stats.model_validate(response.json())
    return response.json()


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def utc(value: Any) -> datetime:
    """A timestamp read straight from the database (text on SQLite, naive on PostgreSQL)."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC)


class Sql:
    """Plain SQL on the platform's database, independent of the code under test."""

    def __init__(self, platform) -> None:
        self.engine = create_engine(normalise_url(platform.db_url))
        self.sqlite = self.engine.dialect.name == "sqlite"

    def at(self, moment: datetime) -> Any:
        # Times are stored as naive UTC; SQLite keeps them as text in this form.
        naive = moment.astimezone(UTC).replace(tzinfo=None)
        return naive.strftime("%Y-%m-%d %H:%M:%S.%f") if self.sqlite else naive

    def rows(self, query: str, **params: Any) -> list[Any]:
        with self.engine.connect() as conn:
            return list(conn.execute(text(query), params))

    def scalar(self, query: str, **params: Any) -> Any:
        return self.rows(query, **params)[0][0]

    def execute(self, query: str, **params: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(text(query), params)

    def close(self) -> None:
        self.engine.dispose()


@pytest.fixture
def stats_platform(fresh_platform):
    platform = fresh_platform()
    platform.extra["sql"] = Sql(platform)
    yield platform
    platform.extra["sql"].close()


def test_supervisors_admins_and_auditors_may_read_the_statistics(stats_platform):
    anonymous = stats_platform.anonymous().get("/stats")
    assert anonymous.status_code == 401
    assert anonymous.headers["content-type"].startswith("application/problem+json")
    forbidden = stats_platform.login("mod1").get("/stats")
    assert forbidden.status_code == 403, forbidden.text
    assert forbidden.headers["content-type"].startswith("application/problem+json")
    for username in ("sup1", "audit1", "admin1"):
        body = stats(stats_platform.login(username))
        assert body["bucket"] == "day"
        assert parse(body["until"]) - parse(body["since"]) == timedelta(days=30)
        assert len(body["days"]) == 31
        assert {m["username"] for m in body["moderators"]} >= {"mod1", "mod2"}


def test_the_window(stats_platform):
    supervisor = stats_platform.login("sup1")
    body = stats(supervisor, since="2026-11-10T20:00:00+08:00", until="2026-11-13T00:00:00Z")
    assert parse(body["since"]) == datetime(2026, 11, 10, 12, tzinfo=UTC)
    assert [d["day"] for d in body["days"]] == ["2026-11-10", "2026-11-11", "2026-11-12"]
    year = stats(supervisor, since="2025-11-20T00:00:00Z", until="2026-11-21T00:00:00Z")
    assert len(year["days"]) == 366
    for params in (
        {"since": "2025-11-19T23:59:59Z", "until": "2026-11-21T00:00:00Z"},  # 366 days and a second
        {"since": "2020-01-01T00:00:00Z"},  # until defaults to now
        {"since": "2026-11-13T00:00:00Z", "until": "2026-11-13T00:00:00Z"},
        {"since": "2026-11-14T00:00:00Z", "until": "2026-11-13T00:00:00Z"},
        {"since": "2026-11-10T00:00:00"},  # no time zone
        {"until": "0001-01-02T00:00:00Z"},
        {"until": "1700000000"},
    ):
        response = supervisor.get("/stats", params=params)
        assert response.status_code == 422, (params, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")


def test_new_decisions_show_in_their_moderator_row_and_their_day(stats_platform):
    supervisor = stats_platform.login("sup1")
    before = stats(supervisor)
    username, moderator = new_account(stats_platform)
    made = []
    for action, body in [("warn", {"reason_code": "PLT-02"})] * 3 + [("approve", {})]:
        response = decide(moderator, take_open_case(moderator), action, **body)
        assert response.status_code == 201, response.text
        made.append(response.json()["decision"])
    after = stats(supervisor, since=before["since"])

    row = next(m for m in after["moderators"] if m["username"] == username)
    assert (row["decisions"], row["by_action"], row["by_reason"]) == (4, {"warn": 3, "approve": 1}, {"PLT-02": 3})
    assert (row["reviewed"], row["confirmed"], row["overturned"], row["agreement"]) == (0, 0, 0, None)
    assert row["median_seconds_to_decision"] > 0
    assert username not in {m["username"] for m in before["moderators"]}
    others = lambda body: [m for m in body["moderators"] if m["username"] != username]  # noqa: E731
    assert others(after) == others(before)

    # Each day went up by exactly the decisions recorded on it (normally all today).
    expected = Counter((d["recorded_at"][:10], d["action"]) for d in made)
    earlier = {d["day"]: d["decisions_by_action"] for d in before["days"]}
    for day in after["days"]:
        was = earlier.get(day["day"], {})
        for action in set(was) | set(day["decisions_by_action"]):
            assert day["decisions_by_action"].get(action, 0) - was.get(action, 0) == expected[day["day"], action]
    assert after["reason_mix"]["PLT-02"] == before["reason_mix"].get("PLT-02", 0) + 3
    assert after["category_mix"]["PLT"] == before["category_mix"].get("PLT", 0) + 3
    assert after["backlog_now"]["resolved"] == before["backlog_now"]["resolved"] + 4
    assert after["days"][-1]["backlog_end"] == before["days"][-1]["backlog_end"] - 4

    # The window's decisions, by action, straight from the database.
    sql = stats_platform.extra["sql"]
    direct = dict(sql.rows("SELECT action, COUNT(*) FROM decisions WHERE recorded_at >= :a AND recorded_at < :b "
                           "GROUP BY action", a=sql.at(parse(after["since"])), b=sql.at(parse(after["until"]))))
    assert sum((Counter(d["decisions_by_action"]) for d in after["days"]), Counter()) == Counter(direct)
    assert sum(m["decisions"] for m in after["moderators"]) == sum(direct.values())

    # Reviews come from supervisors; here they are written into the database directly.
    warns = [d["id"] for d in made if d["action"] == "warn"]
    for decision_id, verdict in zip(warns, ("confirmed", "confirmed", "overturned"), strict=True):
        sql.execute("UPDATE decisions SET review = :verdict WHERE id = :id", verdict=verdict, id=decision_id)
    row = next(m for m in stats(supervisor)["moderators"] if m["username"] == username)
    assert (row["reviewed"], row["confirmed"], row["overturned"]) == (3, 2, 1)
    assert row["agreement"] == pytest.approx(2 / 3)


def test_the_backlog_matches_the_queue_counts_and_the_database(stats_platform):
    _, moderator = new_account(stats_platform)
    take_open_case(moderator)  # a live claim: "claimed" is an open case under a lease
    supervisor = stats_platform.login("sup1")
    counts = supervisor.get("/cases/counts").json()
    body = stats(supervisor, since="2026-10-01T00:00:00Z")
    now = body["backlog_now"]
    assert {k: now[k] for k in STATUSES} == {k: counts[k] for k in STATUSES}
    assert now["claimed"] >= 1

    sql = stats_platform.extra["sql"]
    until = parse(body["until"])
    unresolved = counts["open"] + counts["claimed"] + counts["escalated"] + counts["awaiting_second_approval"]
    assert sql.scalar("SELECT COUNT(*) FROM cases WHERE resolved_at IS NULL") == unresolved
    assert body["days"][-1]["backlog_end"] == unresolved
    assert now["overdue"] == sql.scalar("SELECT COUNT(*) FROM cases WHERE resolved_at IS NULL AND sla_deadline < :now",
                                        now=sql.at(until))
    assert now["overdue"] > 0, "the seeded data set is days old: some of its open cases are late"

    # Day by day, counted one day at a time with plain SQL.
    for day in body["days"]:
        start = max(datetime.fromisoformat(day["day"]).replace(tzinfo=UTC), parse(body["since"]))
        end = min(datetime.fromisoformat(day["day"]).replace(tzinfo=UTC) + timedelta(days=1), until)
        assert day["created"] == sql.scalar(
            "SELECT COUNT(*) FROM cases WHERE created_at >= :a AND created_at < :b", a=sql.at(start), b=sql.at(end))
        assert day["backlog_end"] == sql.scalar(
            "SELECT COUNT(*) FROM cases WHERE created_at < :b AND (resolved_at IS NULL OR resolved_at >= :b)",
            b=sql.at(end)), day
        assert day["sla_breaches"] == sql.scalar(
            "SELECT COUNT(*) FROM cases WHERE sla_deadline >= :a AND sla_deadline < :b "
            "AND (resolved_at IS NULL OR resolved_at > sla_deadline)", a=sql.at(start), b=sql.at(end)), day
    assert sum(d["created"] for d in body["days"]) == sql.scalar("SELECT COUNT(*) FROM cases")


def test_a_passing_deadline_makes_an_overdue_case_and_a_breach_on_its_day(stats_platform):
    sql = stats_platform.extra["sql"]
    case_id, raw = sql.rows("SELECT id, sla_deadline FROM cases WHERE resolved_at IS NULL "
                            "ORDER BY sla_deadline DESC, id LIMIT 1")[0]
    deadline = utc(raw)
    # Put the platform's clock five minutes before the deadline (back in time: the data are seeded in the past).
    stats_platform.clock.advance((deadline - timedelta(minutes=5) - stats_platform.clock()).total_seconds())
    supervisor = stats_platform.login("sup1")
    since = iso(deadline - timedelta(days=2))
    before = stats(supervisor, since=since)
    stats_platform.clock.advance(10 * 60)
    after = stats(supervisor, since=since)

    t0, t1 = parse(before["until"]), parse(after["until"])
    assert t0 < deadline < t1
    day = lambda body: next(d for d in body["days"] if d["day"] == deadline.date().isoformat())  # noqa: E731
    passed = sql.scalar("SELECT COUNT(*) FROM cases WHERE resolved_at IS NULL AND sla_deadline >= :a "
                        "AND sla_deadline < :b", a=sql.at(t0), b=sql.at(t1))
    assert passed >= 1  # our case at least
    assert after["backlog_now"]["overdue"] == before["backlog_now"]["overdue"] + passed
    day_start = datetime.combine(deadline.date(), datetime.min.time(), UTC)
    on_the_day = sql.scalar("SELECT COUNT(*) FROM cases WHERE resolved_at IS NULL AND sla_deadline >= :a "
                            "AND sla_deadline < :b", a=sql.at(max(t0, day_start)),
                            b=sql.at(min(t1, day_start + timedelta(days=1))))
    assert on_the_day >= 1
    assert day(after)["sla_breaches"] == day(before)["sla_breaches"] + on_the_day
    assert sql.scalar("SELECT COUNT(*) FROM cases WHERE id = :id AND resolved_at IS NULL", id=case_id) == 1

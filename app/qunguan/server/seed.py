"""Deterministic demo data for the reference platform: staff, platform users with credit
histories, groups with their officers, everyday chat, flagged messages with the reports and
signals that flagged them, decisions on some, and a coordinated scam wave in the last hours.

Everything derives from ``random.Random(seed)`` and ``now``: the same seed and ``now`` give the
same rows (only the staff's salted password hashes differ).  Rows go in with Core bulk inserts
in batches, with ids assigned here, streaming: each group's chat is generated lazily and the
groups are merged in time order, so message ids increase with ``sent_at`` across the platform
and ``large`` never holds its million messages in memory.

Scales: ``small`` (~2,000 messages, ~150 cases: the test data set), ``medium`` (~100,000 and
~5,000: the demo), ``large`` (~1,000,000 and ~100,000: benchmarks).
"""

from __future__ import annotations

import bisect
import heapq
import random
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Integer, bindparam, func, insert, select, text, update
from sqlalchemy.orm import Session

from qunguan.contract.enums import DAY, MUTE_PRESETS_DAYS, Action, Role
from qunguan.contract.taxonomy import REASONS, ReasonCode

from . import models, outcomes, text_index
from . import seed_text as T
from .accounts import create_staff
from .credit import CreditRules, load_rules
from .db import Database
from .security import hash_password
from .sla import case_sla

DEMO_PASSWORD = "qunguan-demo"

#: (username, display name, role) of the demo staff accounts.
DEMO_STAFF: tuple[tuple[str, str, Role], ...] = (
    ("mod1", "审核员一号", Role.MODERATOR),
    ("mod2", "审核员二号", Role.MODERATOR),
    ("sup1", "主管一号", Role.SUPERVISOR),
    ("sup2", "主管二号", Role.SUPERVISOR),
    ("admin1", "系统管理员", Role.ADMIN),
    ("audit1", "审计员", Role.AUDITOR),
)


@dataclass(frozen=True)
class Scale:
    users: int
    groups: int
    #: Messages and cases, the scam wave's included.
    messages: int
    cases: int
    wave_groups: int
    wave_senders: int


SCALES: dict[str, Scale] = {
    "small": Scale(users=400, groups=40, messages=2_000, cases=150, wave_groups=15, wave_senders=6),
    "medium": Scale(users=12_000, groups=1_200, messages=100_000, cases=5_000, wave_groups=120, wave_senders=12),
    "large": Scale(users=100_000, groups=10_000, messages=1_000_000, cases=100_000, wave_groups=1_000,
                   wave_senders=20),
}


@dataclass
class SeedReport:
    scale: str
    seed: int
    staff: int
    users: int
    groups: int
    messages: int
    cases: int
    decisions: int
    seconds: float
    scam_wave_groups: int
    scam_wave_cases: int


def seed(
    db: Database,
    scale: str = "small",
    seed: int = 1,
    *,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SeedReport:
    """Fill a freshly upgraded database with demo data. Refuses a database that already has
    platform users (raises :class:`ValueError`)."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}: choose one of {', '.join(SCALES)}")
    if now is None:
        now = datetime.now(UTC).replace(second=0, microsecond=0)
    elif now.tzinfo is None:
        raise ValueError("now must be a timezone-aware datetime")
    now = now.astimezone(UTC)
    started = time.perf_counter()
    with db.writing() as session:
        report = _Seeder(session, SCALES[scale], scale, seed, now, progress).run()
    report.seconds = time.perf_counter() - started
    return report


# --- tunables ------------------------------------------------------------------------------------

BATCH = 5_000
HOUR = 3_600
#: How far back the groups' chat goes.
HISTORY_DAYS = 30
#: Every flagged message gets at least this many messages before and after it in its group.
CONTEXT = 10
CHINA_OFFSET = 8 * HOUR

CATEGORY_WEIGHTS = {"family": 18, "work": 16, "neighbourhood": 18, "school": 14, "trading": 12, "interest": 14,
                    "fan_club": 8}
#: How much more often a group of this category gets flagged, per message.
CATEGORY_FLAG_FACTOR = {"trading": 2.0, "neighbourhood": 1.2, "family": 1.0, "fan_club": 1.3, "interest": 0.8,
                        "school": 0.8, "work": 0.6}
WAVE_CATEGORY_WEIGHT = {"trading": 3.0, "family": 2.0, "neighbourhood": 2.0}

REASON_WEIGHTS: dict[str, dict[str, int]] = {
    "work": {"PLT-02": 30, "PLT-03": 15, "PLT-05": 10, "NEG-07": 10, "ILL-10": 6, "ILL-08": 6, "PLT-06": 8,
             "NEG-01": 4, "ILL-09": 3, "PLT-04": 3, "NEG-06": 3, "PLT-01": 2},
    "family": {"ILL-08": 25, "PLT-03": 25, "ILL-07": 12, "PLT-02": 15, "PLT-04": 8, "NEG-01": 8, "ILL-09": 3,
               "NEG-07": 4},
    "school": {"PLT-02": 25, "PLT-03": 15, "PLT-07": 8, "NEG-08": 8, "PLT-05": 10, "ILL-08": 10, "NEG-07": 6,
               "PLT-06": 6, "ILL-10": 5, "PLT-01": 4, "NEG-04": 3},
    "trading": {"PLT-03": 40, "PLT-04": 15, "PLT-02": 15, "ILL-09": 10, "ILL-08": 10, "ILL-10": 5, "NEG-07": 5},
    "fan_club": {"NEG-02": 22, "PLT-01": 12, "NEG-07": 14, "ILL-10": 12, "PLT-06": 12, "PLT-02": 12, "PLT-05": 8,
                 "PLT-03": 6, "NEG-04": 4},
    "neighbourhood": {"PLT-02": 22, "ILL-08": 15, "PLT-05": 12, "ILL-10": 12, "NEG-06": 8, "PLT-03": 12,
                      "NEG-07": 10, "PLT-01": 5, "ILL-09": 4},
    "interest": {"PLT-02": 25, "ILL-09": 12, "NEG-07": 12, "PLT-03": 15, "NEG-04": 8, "PLT-06": 10, "NEG-08": 5,
                 "ILL-10": 5, "NEG-01": 4},
}
FALSE_POSITIVE_RATE = 0.08
#: Share of violations posted by a known repeat offender.
OFFENDER_RATE = 0.45
REPORT_COUNT_WEIGHTS = (30, 22, 15, 10, 8, 6, 5, 4)  # 1..8 reports
#: A report whose reporter has not been told an outcome yet (see outcomes.py).
_UNTOLD: dict[str, Any] = {"outcome": None, "outcome_action": None, "outcome_reason": None, "outcome_text": None,
                           "outcome_at": None, "outcome_decision_id": None}

#: Share of the scams posted in a group that its owner and admins did nothing about.
SCAM_NEGLECT_RATE = 0.5
OFFICER_ANNOUNCEMENTS = ("群公告：请大家文明发言，不要发广告。", "本周六活动改到下午三点，请互相转告。",
                         "新进群的朋友请改一下群昵称，方便称呼。", "群内禁止发二维码和拉人链接，违者移出。",
                         "Reminder: no ads or links to other groups, please.")
OFFICER_REMOVAL_NOTES = ("多次发广告", "拉人进其他群", "与群主题无关的刷屏", None)
OFFICER_SCAM_WARNINGS = ("提醒大家：刚才的链接是诈骗，千万不要点，也不要转账！",
                         "刚才有人冒充客服发链接，已移出。大家注意保护个人信息。",
                         "Warning: the link posted earlier is a scam. Do not click it or send money.")

PHONE_PREFIXES = (*(f"13{d}" for d in range(10)), "150", "151", "152", "153", "155", "156", "157", "158", "159",
                  *(f"18{d}" for d in range(10)))
BAD_URLS = ("http://yibao-rz.example/login", "http://hongbao-lq.example/", "http://cx-bank-help.example/verify",
            "http://lottery-vip.example/join")
SPAM_URLS = ("https://m.tb.cn/h.{code}", "http://kj-youhui.example/a/{code}", "http://pdd-kan.example/{code}")
BAD_DOMAINS = ("yibao-rz.example", "hongbao-lq.example", "cx-bank-help.example", "lottery-vip.example",
               T.WAVE_DOMAIN)
AD_DOMAINS = ("kj-youhui.example", "pdd-kan.example", "m.tb.cn")
URL_RE = re.compile(r"https?://([^/\s?]+)")
PHONE_RE = re.compile(r"1[358]\d{9}")
WECHAT_RE = re.compile(r"(?:微信|加V：)\s*([A-Za-z][\w-]{4,})")
ALNUM = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

# User kinds.
ORDINARY, MINOR, OFFENDER, HEAVY, BANNED, WAVE = range(6)


class _Group:
    """The plan of one group: who is in it and when its messages are sent."""

    __slots__ = ("cap", "category", "created", "cum", "id", "idx", "lang", "member_count", "members", "n_cases",
                 "name", "owner", "posters", "specials", "start", "tier", "times")

    def __init__(self, idx: int, gid: int) -> None:
        self.idx = idx
        self.id = gid
        self.members: dict[int, tuple[str, int]] = {}  # user id -> (role, joined at)
        self.specials: dict[int, tuple[Any, ...]] = {}  # message index -> what it is
        self.times: list[int] = []
        self.n_cases = 0


class _Filler(dict[str, str]):
    """Fills ``{placeholders}`` of the corpora with fresh random values on every lookup."""

    def __init__(self, fills: dict[str, Callable[[], str]]) -> None:
        super().__init__()
        self.fills = fills

    def __missing__(self, key: str) -> str:
        return self.fills[key]()


class _Seeder:
    def __init__(self, session: Session, scale: Scale, scale_name: str, seed: int, now: datetime,
                 progress: Callable[[int, int], None] | None) -> None:
        self.session = session
        self.scale = scale
        self.scale_name = scale_name
        self.seed = seed
        self.now = now
        self.now_ts = int(now.timestamp())
        self.rng = random.Random(seed)
        self.rules: CreditRules = load_rules()
        self.progress = progress
        self.done = 0
        self.total = 1
        self.pending: dict[Any, list[dict[str, Any]]] = {}
        self.counts: dict[str, int] = {}
        self.group: _Group | None = None
        self.fill = _Filler(self._fills())

    # --- helpers ----------------------------------------------------------------------------------

    def dt(self, ts: int) -> datetime:
        return datetime.fromtimestamp(ts, UTC)

    def code(self, n: int) -> str:
        return "".join(self.rng.choices(ALNUM, k=n))

    def phone(self) -> str:
        return f"{self.rng.choice(PHONE_PREFIXES)}{self.rng.randrange(10**8):08d}"

    def _fills(self) -> dict[str, Callable[[], str]]:
        rng = self.rng
        c = rng.choice

        def name() -> str:
            group = self.group
            if group is None or not group.posters:
                return c(T.NICK_NOUNS)
            return self.names[c(group.posters) - self.user_base - 1]

        def date() -> str:
            return self.dt(self.now_ts - rng.randrange(60 * DAY)).strftime("%Y%m%d")

        return {
            "name": name, "time": lambda: c(T.TIMES), "time_en": lambda: c(T.EN_TIMES),
            "num": lambda: str(rng.randint(2, 30)), "amt": lambda: str(rng.choice((500, 800, 1000, 2000, 3000, 5000))),
            "pct": lambda: str(rng.randint(3, 35)), "price": lambda: str(rng.choice((30, 50, 80, 100, 150, 200, 300))),
            "stock": lambda: c(T.STOCKS), "idol": lambda: c(T.IDOLS), "city": lambda: c(T.CITIES),
            "estate": lambda: c(T.ESTATES), "street": lambda: c(T.STREETS), "street_en": lambda: "Yuyuan Road",
            "fruit": lambda: c(T.FRUITS), "food": lambda: c(T.FOODS), "mountain": lambda: c(T.MOUNTAINS),
            "place": lambda: c(T.PLACES), "item": lambda: c(T.ITEMS), "camera": lambda: c(T.CAMERAS),
            "book": lambda: c(T.BOOKS), "movie": lambda: c(T.MOVIES), "game": lambda: c(T.GAMES),
            "bank": lambda: c(T.BANKS), "brand": lambda: c(T.BRANDS), "company": lambda: c(T.COMPANIES),
            "company_en": lambda: c(T.COMPANIES_EN), "project": lambda: c(T.PROJECTS), "dept": lambda: c(T.DEPARTMENTS),
            "school": lambda: c(T.SCHOOLS), "grade": lambda: c(T.GRADES), "cls": lambda: str(rng.randint(1, 12)),
            "year": lambda: str(rng.randint(2005, 2025)), "surname": lambda: c(T.SURNAMES[:40]),
            "wx": lambda: f"{c(('vx', 'wx', 'V', 'zq', 'jm'))}{rng.randint(1000, 99999)}{self.code(2)}",
            "phone": self.phone, "room": lambda: f"{rng.randint(1, 30)}0{rng.randint(1, 4)}",
            "bad_url": lambda: f"{c(BAD_URLS)}?id={self.code(6)}",
            "spam_url": lambda: c(SPAM_URLS).format(code=self.code(7)), "date": date,
            "code": lambda: self.code(10), "digits": lambda: str(rng.randrange(10**8, 10**9)),
        }

    def format(self, line: str) -> str:
        return line.format_map(self.fill) if "{" in line else line

    def add(self, table: Any, row: dict[str, Any]) -> None:
        self.pending.setdefault(table, []).append(row)

    def flush(self, *tables: Any) -> None:
        for table in tables:
            rows = self.pending.get(table)
            if rows:
                for i in range(0, len(rows), BATCH):
                    self.session.execute(insert(table), rows[i:i + BATCH])
                rows.clear()

    def tick(self, n: int) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)

    def max_id(self, model: Any) -> int:
        return int(self.session.scalar(select(func.max(model.id))) or 0)

    # --- the run ----------------------------------------------------------------------------------

    def run(self) -> SeedReport:
        self._check()
        staff = self._staff()
        self.user_base = self.max_id(models.PlatformUser)
        self.group_base = self.max_id(models.Group)
        self.message_id = self.max_id(models.Message)
        self.attachment_id = self.max_id(models.Attachment)
        self.case_base = self.case_id = self.max_id(models.Case)
        self.report_id = self.max_id(models.Report)
        self.signal_id = self.max_id(models.Signal)
        self.decision_id = self.max_id(models.Decision)
        self.sanction_id = self.max_id(models.Sanction)
        self.credit_id = self.max_id(models.CreditEvent)
        self.seq_base = int(self.session.scalar(
            select(models.Sequencer.value).where(models.Sequencer.name == "change")) or 0)
        self.moderators = [staff["mod1"], staff["mod2"]]

        self._users()
        groups = self._plan_groups()
        wave_cases = self._plan_wave(groups)
        self._plan_cases(groups, self.scale.cases - wave_cases)
        self._insert_groups(groups)
        with text_index.inserting_many(self.session.connection()) as indexed:  # bodies indexed in bulk
            first = self.message_id + 1
            self._messages(groups)
            indexed.extend(range(first, self.message_id + 1))
        self._officer_actions(groups)
        self._finish()
        self.tick(self.total)
        return SeedReport(
            scale=self.scale_name, seed=self.seed, staff=len(staff), users=self.scale.users, groups=len(groups),
            messages=self.counts.get("messages", 0), cases=self.case_id - self.case_base,
            decisions=self.decision_id - self.decision_base, seconds=0.0,
            scam_wave_groups=self.counts.get("wave_groups", 0), scam_wave_cases=self.counts.get("wave_cases", 0),
        )

    def _check(self) -> None:
        users = self.session.scalar(select(func.count()).select_from(models.PlatformUser))
        if users:
            raise ValueError(f"the database already has {users} platform users: seed only a fresh database")
        names = [u for u, _, _ in DEMO_STAFF]
        taken = self.session.scalars(select(models.Staff.username).where(models.Staff.username.in_(names))).all()
        if taken:
            raise ValueError(f"the demo staff accounts already exist ({', '.join(sorted(taken))}): "
                             "seed only a fresh database")

    def _staff(self) -> dict[str, int]:
        created = self.now - timedelta(days=90)
        shared_hash = hash_password(DEMO_PASSWORD)  # one argon2 hash (salted once) for all demo accounts
        return {
            username: create_staff(self.session, username, display, role, DEMO_PASSWORD, created, is_demo=True,
                                   password_hash=shared_hash).id
            for username, display, role in DEMO_STAFF
        }

    # --- users ------------------------------------------------------------------------------------

    def nickname(self) -> str:
        rng = self.rng
        c = rng.choice
        r = rng.random()
        if r < 0.10:
            nick = c(T.ENGLISH_GIVEN)
            return f"{nick} {c(T.ENGLISH_FAMILY)}" if rng.random() < 0.4 else nick
        if r < 0.22:
            nick = c("小阿") + c(T.GIVEN_CHARS)
        elif r < 0.32:
            nick = c(T.SURNAMES[:60]) + c(T.NICK_HONORIFICS)
        elif r < 0.40:
            nick = "老" + c(T.SURNAMES[:60])
        elif r < 0.52:
            nick = c(T.NICK_IDIOMS)
        elif r < 0.64:
            nick = c(T.NICK_ADJECTIVES) + c(T.NICK_NOUNS)
        elif r < 0.72:
            nick = c(T.GIVEN_CHARS) * 2
        elif r < 0.80:
            nick = c(T.GIVEN_CHARS) + c(T.GIVEN_CHARS) + c(("妈妈", "爸爸", "奶奶"))
        elif r < 0.86:
            nick = f"A{c(T.NICK_TRADES)}-{c(T.SURNAMES[:40])}{c(('姐', '哥', '总'))}"
        else:
            nick = self.real_name()
        return nick + c(("🌸", "☀️", "🍀", "🌙")) if rng.random() < 0.05 else nick

    def real_name(self) -> str:
        rng = self.rng
        if rng.random() < 0.02:
            surname = rng.choice(T.COMPOUND_SURNAMES)
        else:  # the common surnames first
            surname = T.SURNAMES[int(len(T.SURNAMES) * rng.random() ** 1.8)]
        given = rng.choice(T.GIVEN_CHARS)
        if rng.random() < 0.65:
            given += rng.choice(T.GIVEN_CHARS)
        return surname + given

    def _history(self, kind: int) -> list[tuple[str, str, int]]:
        """Earlier sanctions of a user, before the chat window: (action, reason, at)."""
        rng = self.rng
        now = self.now_ts
        if kind == MINOR:
            n, actions, weights, oldest = rng.randint(1, 2), ("delete_message", "warn"), (6, 4), 400
        elif kind == OFFENDER:
            n, actions, weights, oldest = rng.randint(2, 6), ("delete_message", "warn", "mute", "suspend"), \
                (30, 35, 30, 5), 300
        elif kind in (HEAVY, BANNED):
            n, actions, weights, oldest = rng.randint(6, 12), ("delete_message", "warn", "mute", "suspend"), \
                (10, 20, 50, 20), 150
        else:
            return []
        reasons = ("PLT-02", "PLT-03", "NEG-07", "ILL-08", "PLT-04", "ILL-10", "ILL-09")
        events = [
            (action, rng.choice(reasons), now - rng.randint((HISTORY_DAYS + 1) * DAY, oldest * DAY))
            for action in rng.choices(actions, weights, k=n)
        ]
        events.sort(key=lambda e: e[2])
        if kind == BANNED:
            ban_at = events[-1][2] + rng.randint(DAY, 20 * DAY)
            events.append(("ban", rng.choice(("PLT-03", "PLT-04", "ILL-09")), ban_at))
        return events

    def _users(self) -> None:
        rng = self.rng
        scale = self.scale
        self.total = scale.users + scale.groups + scale.messages + scale.groups * 30
        self.names: list[str] = []
        self.kinds = bytearray(scale.users)
        #: user id -> credit events: (at, delta, rule, decision id, effect to describe the move in)
        self.events: dict[int, list[tuple[int, int, str, int | None, dict[str, str] | None]]] = {}
        self.initial_credit: dict[int, int] = {}
        self.eligible: list[int] = []
        self.offenders: list[int] = []
        offender_weights: list[float] = []
        self.wave_accounts: list[int] = []
        self.wave_created: dict[int, int] = {}
        self.history_muted: dict[int, int] = {}
        first_wave = scale.users - scale.wave_senders
        table = models.PlatformUser.__table__
        sanctions = models.Sanction.__table__
        for i in range(scale.users):
            uid = self.user_base + 1 + i
            if i >= first_wave:
                kind = WAVE
            else:
                r = rng.random()
                kind = (BANNED if r < 0.005 else HEAVY if r < 0.02 else OFFENDER if r < 0.07
                        else MINOR if r < 0.28 else ORDINARY)
            self.kinds[i] = kind
            if kind == WAVE:
                display = T.WAVE_NICKS[(i - first_wave) % len(T.WAVE_NICKS)]
                created = self.now_ts - rng.randint(DAY, 6 * DAY)
                verified = rng.random() < 0.2
                self.wave_accounts.append(uid)
                self.wave_created[uid] = created
            else:
                display = self.nickname()
                created = self.now_ts - rng.randint(40 * DAY, 2500 * DAY)
                verified = rng.random() < 0.8
            self.names.append(display)
            real_name = self.real_name() if verified or rng.random() < 0.5 else None
            phone = self.phone() if rng.random() < 0.95 else None
            muted_until = suspended_until = None
            history = self._history(kind)
            for action, reason, at in history:
                duration = None
                if action == "mute":
                    duration = rng.choice(MUTE_PRESETS_DAYS) * DAY
                    muted_until = max(muted_until or 0, at + duration)
                elif action == "suspend":
                    duration = rng.choice((7, 30)) * DAY
                    suspended_until = max(suspended_until or 0, at + duration)
                sanction_kind = {"warn": "warning", "mute": "mute", "suspend": "suspension", "ban": "ban"}.get(action)
                if sanction_kind:
                    self.sanction_id += 1
                    self.add(sanctions, {
                        "id": self.sanction_id, "kind": sanction_kind, "user_id": uid, "group_id": None,
                        "reason_code": reason, "starts_at": self.dt(at),
                        "ends_at": self.dt(at + duration) if duration else None, "lifted_at": None,
                        "decision_id": None,
                    })
                for move in self.rules.moves(action, ReasonCode(reason)):
                    self.events.setdefault(uid, []).append((at, move.delta, move.rule, None, None))
            credit = self.rules.initial
            if uid in self.events:
                credit = self._walk(uid, emit=False)
                self.initial_credit[uid] = credit
            if kind not in (BANNED, WAVE):
                self.eligible.append(uid)
                if kind in (OFFENDER, HEAVY):
                    self.offenders.append(uid)
                    offender_weights.append(4.0 if kind == HEAVY else 1.5)
            self.add(table, {
                "id": uid, "display_name": display, "real_name": real_name, "phone": phone,
                "real_name_verified": verified, "credit_score": credit,
                "status": "banned" if kind == BANNED else "active",
                "muted_until": self.dt(muted_until) if muted_until else None,
                "suspended_until": self.dt(suspended_until) if suspended_until else None,
                "can_create_groups": True, "created_at": self.dt(created),
            })
            if muted_until:
                self.history_muted[uid] = muted_until
            if len(self.pending[table]) >= BATCH:
                self.flush(table, sanctions)
                self.tick(BATCH)
        left = len(self.pending.get(table, ()))
        self.flush(table, sanctions)
        self.tick(left)
        self.offender_cum = _cumulative(offender_weights)

    def _walk(self, uid: int, *, emit: bool) -> int:
        """Replay a user's credit events in time order, with the weekly restore of the rules;
        return the final score and, with ``emit``, add the CreditEvent rows."""
        rules = self.rules
        step = rules.restore_every_days * DAY
        score = rules.initial
        last: int | None = None
        table = models.CreditEvent.__table__
        events = sorted(self.events[uid], key=lambda e: e[0])

        def emit_row(at: int, delta: int, rule: str, decision: int | None) -> None:
            self.credit_id += 1
            self.add(table, {
                "id": self.credit_id, "user_id": uid, "at": self.dt(at), "delta": delta, "score_after": score,
                "rule": rule, "rules_version": rules.version, "decision_id": decision,
            })

        for at, delta, rule, decision, effect in [*events, (self.now_ts, 0, "", None, None)]:
            if last is not None:
                t = last + step
                while t < at and score < rules.maximum:
                    before = score
                    score = rules.clamp(score + rules.restore_points)
                    if emit:
                        emit_row(t, score - before, rules.restore_rule, None)
                    t += step
            if not rule:
                break
            before = score
            score = rules.clamp(score + delta)
            if emit:
                emit_row(at, score - before, rule, decision)
            if effect is not None:
                effect["detail"] = f"credit {before} -> {score} (rule {rule}, rules {rules.version})"
            last = at
        return score

    # --- groups -----------------------------------------------------------------------------------

    def _plan_groups(self) -> list[_Group]:
        rng = self.rng
        scale = self.scale
        cats = list(CATEGORY_WEIGHTS)
        cat_cum = _cumulative(list(CATEGORY_WEIGHTS.values()))
        groups = [_Group(i, self.group_base + 1 + i) for i in range(scale.groups)]
        # Messages per group: a few busy groups, many quiet ones, none under 3 * CONTEXT.
        wave_extra = scale.wave_groups * 14
        budget = max(scale.messages - wave_extra, scale.groups * 3 * CONTEXT)
        raw = [rng.lognormvariate(0, 0.9) for _ in groups]
        total_raw = sum(raw)
        floor = 3 * CONTEXT
        sizes = [max(floor, round(budget * r / total_raw)) for r in raw]
        above = sum(n - floor for n in sizes)
        if above and sum(sizes) > budget:  # the floor added messages: take them from the busier groups
            keep = max(0.0, 1 - (sum(sizes) - budget) / above)
            sizes = [floor + round((n - floor) * keep) for n in sizes]
        self.total = self.done + scale.groups + sum(sizes) + wave_extra + scale.groups * 30
        over_cap = 0
        for g, n in zip(groups, sizes, strict=True):
            g.category = cats[bisect.bisect(cat_cum, rng.random() * cat_cum[-1])]
            g.lang = "en" if rng.random() < 0.07 else "zh"
            self.group = None
            names = T.GROUP_NAMES_EN if g.lang == "en" else T.GROUP_NAMES_ZH
            g.name = self.format(rng.choice(names[g.category]))
            r = rng.random()
            g.cap = 500 if r < 0.85 else 200 if r < 0.95 else 2000
            r = rng.random()
            cap = g.cap
            if r < 0.35:
                count = rng.randint(15, int(cap * 0.3))
            elif r < 0.75:
                count = rng.randint(int(cap * 0.3), int(cap * 0.9))
            elif r < 0.975:
                count = rng.randint(int(cap * 0.9), cap)
            else:
                count = cap + rng.randint(1, max(3, cap // 25))
            over_cap += count > cap
            g.member_count = count
            if rng.random() < 0.2:
                g.created = self.now_ts - rng.randint(3 * DAY, (HISTORY_DAYS - 1) * DAY)
            else:
                g.created = self.now_ts - rng.randint(HISTORY_DAYS * DAY, 1500 * DAY)
            g.start = max(g.created + HOUR, self.now_ts - HISTORY_DAYS * DAY)
            # Who talks: the owner, the admins, and the regulars (some chattier than others).
            n_posters = min(max(10, int(n ** 0.72) + rng.randint(0, 6)), 120)
            people = rng.sample(self.eligible, n_posters + 4)
            g.owner = people[0]
            admins = people[1:1 + rng.choice((0, 1, 1, 2, 2, 3))]
            regulars = people[4:]
            g.members[g.owner] = ("owner", g.created)
            for uid in admins:
                g.members[uid] = ("admin", g.created + int(rng.random() * (g.start - g.created)))
            for uid in regulars:
                g.members[uid] = ("member", g.created + int(rng.random() * (g.start - g.created)))
            g.posters = [g.owner, *admins, *regulars]
            weights = [3.0] + [2.0] * len(admins) + [1.0 / (k + 1) ** 0.8 for k in range(len(regulars))]
            g.cum = _cumulative(weights)
            g.times = self._timeline(n, g.start)
            g.specials = {}
        # Some groups are over their cap (the platform must show it): make sure there are a few.
        needed = max(1, scale.groups // 40) - over_cap
        for g in rng.sample(groups, max(0, needed)):
            if g.member_count <= g.cap:
                g.member_count = g.cap + rng.randint(1, max(3, g.cap // 25))
        for g in groups:
            mc = g.member_count
            tier = 1 if mc < 80 else 2 if mc < 250 else 3 if mc < 450 else 4
            if rng.random() < 0.15:
                tier += rng.choice((-1, 1))
            g.tier = min(4, max(1, tier))
        return groups

    def _timeline(self, n: int, start: int) -> list[int]:
        """Send times of a group's n messages: conversations (bursts of quick messages), more of
        them lately, fewer at night (Beijing time), all strictly increasing and before now."""
        rng = self.rng
        end = self.now_ts - 60
        span = max(end - start, HOUR)
        times: list[int] = []
        remaining = n
        while remaining > 0:
            size = min(remaining, rng.randint(2, 14))
            gaps = [min(1200, int(rng.expovariate(1 / 75)) + 4) for _ in range(size - 1)]
            duration = sum(gaps)
            for _ in range(3):
                at = end - int(span * rng.random() ** 3) - duration
                if not 1 <= ((at + CHINA_OFFSET) // HOUR) % 24 <= 6 or rng.random() < 0.2:
                    break
            t = max(at, start)
            times.append(t)
            for gap in gaps:
                t += gap
                times.append(t)
            remaining -= size
        times.sort()
        return _strictly_increasing(times, self.now_ts - 5)

    def _plan_wave(self, groups: list[_Group]) -> int:
        """The coordinated scam wave: a few new accounts post the same poster image (one
        media hash) and near-identical links in many groups within the last hours."""
        rng = self.rng
        scale = self.scale
        wave_start = self.now_ts - rng.randint(5 * HOUR // 2, 3 * HOUR)
        latest = self.now_ts - 40 * 60
        eligible = [g for g in groups if bisect.bisect_left(g.times, wave_start) >= CONTEXT + 2]
        keyed = sorted(eligible, key=lambda g: rng.random() ** (1 / WAVE_CATEGORY_WEIGHT.get(g.category, 1.0)),
                       reverse=True)
        chosen = sorted(keyed[:scale.wave_groups], key=lambda g: g.idx)
        self.wave_hash = f"{rng.getrandbits(64):016x}"
        self.wave_sha = f"{rng.getrandbits(256):064x}"
        self.wave_posts: dict[int, list[int]] = {uid: [0, 0] for uid in self.wave_accounts}  # posts, groups
        cases = 0
        accounts = self.wave_accounts[:]
        rng.shuffle(accounts)
        for k, g in enumerate(chosen):
            sender = accounts[k % len(accounts)]  # every account of the wave posts
            self.wave_posts[sender][1] += 1
            t = rng.randint(wave_start, latest)
            extra: list[tuple[int, tuple[Any, ...]]] = [(t, ("wave", "image", sender))]
            if rng.random() < 0.6:
                t += rng.randint(20, 180)
                extra.append((t, ("wave", "link", sender)))
            self.wave_posts[sender][0] += len(extra)
            cases += len(extra)
            joined = max(g.created, self.wave_created[sender], extra[0][0] - rng.randint(600, 2 * HOUR))
            g.members[sender] = ("member", joined)
            reacting = rng.randint(2, 5)
            for k in range(rng.randint(CONTEXT, CONTEXT + 3)):
                t += rng.randint(20, 100)
                extra.append((t, ("react", "PLT-03", sender) if k < reacting else ("chat",)))
            g.times, g.specials = _merge_specials(g.times, extra, self.now_ts - 5)
        self.counts["wave_groups"] = len(chosen)
        self.counts["wave_cases"] = cases
        return cases

    def _plan_cases(self, groups: list[_Group], n_cases: int) -> None:
        """Spread the ordinary cases over the groups and place each on a message: most of them
        recent (the open queue), the older ones mostly resolved."""
        rng = self.rng
        room = [max(0, (len(g.times) - 2 * CONTEXT - 1) // 2 - len(g.specials) // 4) for g in groups]
        weights = [len(g.times) * CATEGORY_FLAG_FACTOR[g.category] * rng.uniform(0.3, 1.7) for g in groups]
        left = n_cases
        for _ in range(5):
            if left <= 0:
                break
            open_groups = [i for i, r in enumerate(room) if r > 0]
            if not open_groups:
                break
            picks = rng.choices(open_groups, [weights[i] for i in open_groups], k=left)
            for i in picks:
                if room[i] > 0:
                    room[i] -= 1
                    groups[i].n_cases += 1
                    left -= 1
        for g in groups:
            if g.n_cases:
                self._place_cases(g)

    def _place_cases(self, g: _Group) -> None:
        rng = self.rng
        times = g.times
        lo, hi = CONTEXT, len(times) - CONTEXT - 1
        reasons = REASON_WEIGHTS[g.category]
        codes, code_cum = list(reasons), _cumulative(list(reasons.values()))
        for _ in range(g.n_cases):
            r = rng.random()
            if r < 0.40:
                age = rng.randint(120, 5 * HOUR // 2)
            elif r < 0.60:
                age = rng.randint(5 * HOUR // 2, 12 * HOUR)
            elif r < 0.80:
                age = rng.randint(12 * HOUR, 2 * DAY)
            else:
                age = rng.randint(2 * DAY, (HISTORY_DAYS - 5) * DAY)
            idx = _free_near(min(hi, max(lo, bisect.bisect_left(times, self.now_ts - age))), lo, hi, g.specials)
            if idx is None:
                g.n_cases -= 1
                continue
            if rng.random() < FALSE_POSITIVE_RATE:
                code, keyword, body = rng.choice(T.FALSE_POSITIVES)
                g.specials[idx] = ("flag", code, rng.choice(g.posters), body, keyword)
                continue
            code = codes[bisect.bisect(code_cum, rng.random() * code_cum[-1])]
            if self.offenders and rng.random() < OFFENDER_RATE:
                sender = self.offenders[bisect.bisect(self.offender_cum, rng.random() * self.offender_cum[-1])]
                if sender not in g.members:
                    g.members[sender] = ("member", g.created + int(rng.random() * (g.start - g.created)))
            else:
                sender = g.posters[bisect.bisect(g.cum, rng.random() * g.cum[-1])]
            g.specials[idx] = ("flag", code, sender, None, None)

    def _insert_groups(self, groups: list[_Group]) -> None:
        table = models.Group.__table__
        members = models.GroupMember.__table__
        rows = 0
        for g in groups:
            g.member_count = max(g.member_count, len(g.members))
            self.add(table, {
                "id": g.id, "name": g.name, "owner_id": g.owner, "member_count": g.member_count,
                "member_cap": g.cap, "category": g.category, "tier": g.tier, "status": "active",
                "restricted_until": None, "muted_until": None, "dissolved_at": None, "created_at": self.dt(g.created),
            })
        self.flush(table)
        for g in groups:
            for uid, (role, joined) in g.members.items():
                self.add(members, {"group_id": g.id, "user_id": uid, "role": role, "joined_at": self.dt(joined),
                                   "admin_suspended_until": None})
                rows += 1
            if len(self.pending[members]) >= BATCH:
                self.flush(members)
        self.flush(members)
        self.tick(len(groups) + rows)

    # --- messages ---------------------------------------------------------------------------------

    def _stream(self, g: _Group) -> Iterator[tuple[Any, ...]]:
        """A group's messages in time order: (sent at, group index, sender, kind, body, media hash,
        attachment, flag)."""
        rng = self.rng
        times = g.times
        specials = g.specials
        n = len(times)
        senders = rng.choices(g.posters, cum_weights=g.cum, k=n)
        english = g.lang == "en"
        topics = T.TOPICS_EN if english else T.TOPICS_ZH[g.category]
        fillers = T.FILLERS_EN if english else T.FILLERS_ZH
        p_file = 0.145 if g.category in ("work", "school") else 0.13
        topic: tuple[str, ...] = topics[0]
        previous = -(10**12)
        last_line = ""
        react_left = 0
        react_until = 0
        reactions: tuple[str, ...] = ()
        bad_sender = 0
        for i in range(n):
            t = times[i]
            sender = senders[i]
            spec = specials.get(i)
            self.group = g
            if spec is not None:
                what = spec[0]
                if what == "flag":
                    _, code, sender, fp_body, keyword = spec
                    kind, body, media, attachment, keyword = self._flagged(g, code, fp_body, keyword, t)
                    yield (t, g.idx, sender, kind, body, media, attachment, (code, fp_body is not None, False, keyword))
                    if fp_body is None:
                        react_left, react_until = rng.randint(1, 3), t + HOUR
                        reactions, bad_sender = _flag_info(code, "reactions"), sender
                    continue
                if what == "wave":
                    _, kind, sender = spec
                    yield (t, g.idx, sender, *self._wave_post(kind, t), ("PLT-03", False, True, None))
                    continue
                if what == "react":
                    if sender == spec[2]:
                        sender = g.posters[0]
                    yield (t, g.idx, sender, "text", rng.choice(T.WAVE_REACTIONS), None, None, None)
                    continue
            if react_left and t < react_until and sender != bad_sender:
                react_left -= 1
                body = rng.choice(reactions) if rng.random() < 0.8 else "？？"
                yield (t, g.idx, sender, "text", body, None, None, None)
                continue
            if t - previous > 1800:
                topic = rng.choice(topics)
            previous = t
            r = rng.random()
            if r < 0.08:
                yield (t, g.idx, sender, *self._image(english, t), None)
            elif r < 0.12:
                titles = T.LINK_TITLES_ZH[g.category]
                url = self.format(rng.choice(T.LINK_URLS_EN if english else T.LINK_URLS))
                body = url if english or rng.random() < 0.3 else f"{rng.choice(titles)} {url}"
                yield (t, g.idx, sender, "link", body, None, None, None)
            elif r < p_file:
                name = self.format(rng.choice(T.FILES[g.category]))
                yield (t, g.idx, sender, "file", f"[文件] {name}", None, self._attachment("file", name), None)
            else:
                r = rng.random()
                if r < 0.62:
                    line = rng.choice(topic)
                    if line == last_line:
                        line = rng.choice(fillers)
                elif r < 0.97 or english:
                    line = rng.choice(fillers)
                else:
                    line = rng.choice(T.MIXED_EN)
                last_line = line
                yield (t, g.idx, sender, "text", self.format(line), None, None, None)

    def _attachment(self, kind: str, name: str, sha: str | None = None) -> tuple[str, str, int, str, str]:
        rng = self.rng
        ext = name.rsplit(".", 1)[-1].lower()
        size = rng.randint(60_000, 4_500_000) if kind == "image" else rng.randint(20_000, 8_000_000)
        return kind, name, size, sha or f"{rng.getrandbits(256):064x}", T.MIME.get(ext, "application/octet-stream")

    def _image(self, english: bool, t: int, media: str | None = None
               ) -> tuple[str, str, str, tuple[str, str, int, str, str]]:
        rng = self.rng
        r = rng.random()
        if r < 0.5:
            name = f"mmexport{t * 1000 + rng.randrange(1000)}.jpg"
        elif r < 0.85:
            name = self.dt(t).strftime("IMG_%Y%m%d_%H%M%S.jpg")
        else:
            name = self.dt(t).strftime("Screenshot_%Y%m%d-%H%M%S.png")
        body = rng.choice(T.IMAGE_CAPTIONS_EN if english else T.IMAGE_CAPTIONS_ZH)
        return "image", body, media or f"{rng.getrandbits(64):016x}", self._attachment("image", name)

    def _flagged(self, g: _Group, code: str, fp_body: str | None, keyword: str | None, t: int
                 ) -> tuple[str, str, str | None, tuple[str, str, int, str, str] | None, str]:
        """Kind, body, media hash, attachment and the keyword that flags it, of a flagged message."""
        rng = self.rng
        if fp_body is not None:
            assert keyword is not None
            return "text", self.format(fp_body), None, None, keyword
        info = T.FLAGGED[code]
        keywords: tuple[str, ...] = info["keywords"]  # type: ignore[assignment]
        r = rng.random()
        if "image" in info and r < 0.15:
            kind, body, media, attachment = self._image(g.lang == "en", t)
            return kind, body, media, attachment, rng.choice(keywords[:4])
        if "file" in info and r < 0.3:
            body = self.format(rng.choice(info["file"]))  # type: ignore[arg-type]
            return "file", body, None, self._attachment("file", body.removeprefix("[文件] ")), _keyword(body, keywords)
        templates = info["en"] if g.lang == "en" and "en" in info else info["zh"]
        body = self.format(rng.choice(templates))  # type: ignore[arg-type]
        return ("link" if "http" in body else "text"), body, None, None, _keyword(body, keywords)

    def _wave_post(self, kind: str, t: int) -> tuple[Any, ...]:
        rng = self.rng
        if kind == "image":
            sha = self.wave_sha if rng.random() < 0.7 else None  # re-encoded copies differ byte-wise
            return "image", T.WAVE_IMAGE_BODY, self.wave_hash, self._attachment("image", T.WAVE_IMAGE_NAME, sha)
        body = rng.choice(T.WAVE_BODIES).format(k=rng.randint(3, 9), code=self.code(5))
        return "link", body, None, None

    def _messages(self, groups: list[_Group]) -> None:
        messages = models.Message.__table__
        attachments = models.Attachment.__table__
        cases = models.Case.__table__
        reports = models.Report.__table__
        signals = models.Signal.__table__
        self.decision_base = self.decision_id
        self.decisions: list[dict[str, Any]] = []
        self.new_sanctions: list[dict[str, Any]] = []
        self.mutes: dict[int, int] = {}
        batch: list[dict[str, Any]] = []
        count = 0
        merged = heapq.merge(*(self._stream(g) for g in groups))
        for t, gidx, sender, kind, body, media, attachment, flag in merged:
            self.message_id += 1
            mid = self.message_id
            row = {"id": mid, "group_id": groups[gidx].id, "sender_id": sender, "sent_at": self.dt(t), "kind": kind,
                   "body": body, "media_hash": media, "deleted_at": None, "deleted_by_decision_id": None}
            if attachment is not None:
                self.attachment_id += 1
                a_kind, name, size, sha, mime = attachment
                self.add(attachments, {"id": self.attachment_id, "message_id": mid, "kind": a_kind, "name": name,
                                       "size": size, "sha256": sha, "mime_type": mime})
            if flag is not None:
                self._case(groups[gidx], row, t, flag)
            batch.append(row)
            if len(batch) >= BATCH:
                self.session.execute(insert(messages), batch)
                self.flush(attachments, cases, reports, signals)
                count += len(batch)
                self.tick(len(batch))
                batch = []
        if batch:
            self.session.execute(insert(messages), batch)
            count += len(batch)
            self.tick(len(batch))
        self.flush(attachments, cases, reports, signals)
        self.counts["messages"] = count

    # --- cases ------------------------------------------------------------------------------------

    def _case(self, g: _Group, message: dict[str, Any], t: int, flag: tuple[Any, ...]) -> None:
        rng = self.rng
        code, false_positive, wave, keyword = flag
        reason = ReasonCode(code)
        severity = int(REASONS[reason].severity)
        self.case_id += 1
        cid = self.case_id
        sender = message["sender_id"]
        created = min(t + (rng.randint(60, 600) if wave else rng.randint(60, 1500)), self.now_ts - 1)
        # Reports from other people in the group, between the message and the case.
        k = bisect.bisect(_REPORT_CUM, rng.random() * _REPORT_CUM[-1]) + 1
        if false_positive:
            k = min(k, 2)
        pool = [u for u in rng.sample(g.posters, min(len(g.posters), k + 1)) if u != sender][:k]
        info = T.FLAGGED[code]
        its_reports: list[dict[str, Any]] = []
        for reporter in pool:
            self.report_id += 1
            its_reports.append({
                "id": self.report_id, "case_id": cid, "reporter_id": reporter,
                "reason_code": code if rng.random() < 0.6 else None, "reason": rng.choice(info["reports"]),
                "note": rng.choice(T.REPORT_NOTES) if rng.random() < 0.25 else None,
                "at": self.dt(rng.randint(t + 1, max(t + 1, created))), **_UNTOLD,
            })
            self.add(models.Report.__table__, its_reports[-1])
        score = self._signals(cid, code, message, keyword, false_positive, wave, sender)
        tier = g.tier
        points = 2 * severity + (tier - 1) + min(len(pool), 8) // 3
        priority = 1 if points <= 4 else 2 if points <= 6 else 3 if points <= 9 else 4
        status, version, resolved = "open", 1, None
        age = self.now_ts - created
        r = rng.random()
        if not wave and age > 20 * 60:
            if age > 2 * DAY:
                p_resolved, p_escalated = 0.5, 0.04
            elif age > 8 * HOUR:
                p_resolved, p_escalated = 0.15, 0.04
            else:
                p_resolved, p_escalated = 0.03, 0.02
            if r < p_resolved:
                status = "resolved"
            elif r < p_resolved + p_escalated:
                status = "escalated"
        if status != "open":
            version = 2
            resolved = self._decide(cid, code, severity, message, created, false_positive, status)
            if resolved is not None:  # the reporters were told the outcome when it was resolved
                decided = self.decisions[-1]
                told = outcomes.values(Action(decided["action"]), decided["reason_code"], decided["id"],
                                       self.dt(resolved))
                for row in its_reports:
                    row.update(told)
        deadline, sla_rule = case_sla(self.dt(created), code, g.category, severity)
        self.add(models.Case.__table__, {
            "id": cid, "message_id": message["id"], "group_id": g.id, "sender_id": sender, "status": status,
            "priority": priority, "suggested_reason": code, "reason_category": code[:3],
            "group_category": g.category, "group_tier": tier, "excerpt": excerpt_of(message["body"]),
            "report_count": len(pool), "signal_score": score, "created_at": self.dt(created),
            "sla_deadline": deadline, "sla_rule": sla_rule, "sla_escalated_at": None,
            "resolved_at": self.dt(resolved) if resolved is not None else None,
            "claim_holder_id": None, "claim_expires_at": None, "version": version,
            "change_seq": self.seq_base + cid - self.case_base,
        })

    def _signals(self, cid: int, code: str, message: dict[str, Any], keyword: str | None, false_positive: bool,
                 wave: bool, sender: int) -> float:
        rng = self.rng
        body: str = message["body"]
        lexicon = T.FLAGGED[code]["lexicon"]
        found: list[tuple[str, float, str, str, str]] = []  # detector, score, explanation, rule, suggests
        image = message["kind"] == "image"
        if wave:
            keyword = rng.choice(T.WAVE_KEYWORDS)
        if keyword:
            score = rng.uniform(0.35, 0.65) if false_positive else rng.uniform(0.6, 0.95)
            where = " in the image text (OCR," if image else " ("
            found.append(("keyword", score, f'keyword "{keyword}" matched{where}{lexicon} lexicon v3)', keyword, code))
        if image and message["media_hash"]:
            cluster = 7 if wave else rng.randint(10, 400)
            distance = 0 if wave and rng.random() < 0.7 else rng.randint(1, 6)
            found.append(("image_hash", rng.uniform(0.88, 0.99) if wave else rng.uniform(0.6, 0.9),
                          f"image hash {message['media_hash']} is within distance {distance} of known "
                          f"{lexicon} image cluster #{cluster}", f"phash:{message['media_hash']}", code))
        url = URL_RE.search(body)
        if url is not None:
            domain = url.group(1)
            if domain in BAD_DOMAINS:
                found.append(("url_reputation", rng.uniform(0.85, 0.99),
                              f"domain {domain} is on the fraud blocklist (first reported {rng.randint(1, 20)} days "
                              "ago)", domain, "PLT-03"))
            elif domain in AD_DOMAINS:
                found.append(("url_reputation", rng.uniform(0.45, 0.75),
                              f"domain {domain} is a known advertising redirector", domain, "PLT-02"))
        phone = PHONE_RE.search(body)
        if phone is not None:
            masked = phone.group(0)[:3] + "****" + phone.group(0)[-4:]
            found.append(("regex", rng.uniform(0.55, 0.85), f"regex pii.phone_cn matched {masked}", "pii.phone_cn",
                          "PLT-05"))
        wechat = WECHAT_RE.search(body)
        if wechat is not None:
            found.append(("regex", rng.uniform(0.4, 0.7), f"regex contact.wechat_id matched a WeChat ID "
                          f"({wechat.group(1)})", "contact.wechat_id", "PLT-02"))
        if wave:
            posts, groups = self.wave_posts[sender]
            found.append(("sender_velocity", rng.uniform(0.8, 0.97),
                          f"sender posted {posts} similar messages in {groups} groups within 4 h (account "
                          f"{(self.now_ts - self.wave_created[sender]) // DAY} days old)", "velocity.cross_group",
                          "PLT-03"))
        elif not false_positive and rng.random() < 0.15:
            found.append(("sender_velocity", rng.uniform(0.4, 0.8),
                          f"sender posted {rng.randint(5, 20)} messages in {rng.randint(2, 6)} groups within 1 h "
                          "(threshold 5)", "velocity.cross_group", "PLT-02"))
        if not found:  # every case has at least one signal
            found.append(("keyword", rng.uniform(0.5, 0.8), f"lexicon {lexicon} v3 matched", lexicon, code))
        found.sort(key=lambda s: -s[1])
        found = found[:3]
        table = models.Signal.__table__
        for detector, score, explanation, rule, suggests in found:
            self.signal_id += 1
            self.add(table, {"id": self.signal_id, "case_id": cid, "detector": detector, "score": round(score, 3),
                             "explanation": explanation, "rule": rule, "suggested_reason": suggests})
        return round(found[0][1], 3)

    def _decide(self, cid: int, code: str, severity: int, message: dict[str, Any], created: int,
                false_positive: bool, status: str) -> int | None:
        """Record the decision of a resolved (or escalated) case; return when it was resolved."""
        rng = self.rng
        sender = message["sender_id"]
        age = self.now_ts - created
        decided = created + rng.randint(300, max(301, min(age - 60, 30 * HOUR)))
        recorded = decided + (rng.randint(600, 2 * HOUR) if rng.random() < 0.05 else rng.randint(0, 2))
        recorded = min(recorded, self.now_ts - 1)
        decided = min(decided, recorded)
        offender = self.kinds[sender - self.user_base - 1] in (OFFENDER, HEAVY)
        if status == "escalated":
            action = "escalate"
        elif false_positive or rng.random() < 0.04:
            action = "approve"
        elif severity == 1:
            action = rng.choices(("delete_message", "warn", "mute"), (60, 35, 5 + 15 * offender))[0]
        elif severity == 2:
            action = rng.choices(("delete_message", "warn", "mute"), (45, 35, 20 + 15 * offender))[0]
        else:
            action = rng.choices(("delete_message", "warn", "mute"), (35, 30, 35 + 25 * offender))[0]
        self.decision_id += 1
        did = self.decision_id
        duration = None
        effects: list[dict[str, str]] = []
        outcome = {"approve": "no_violation", "escalate": "escalated"}.get(action, "applied")
        reason = None if action == "approve" else code
        user_subject = f"user:{sender}"
        if action == "delete_message":
            message["deleted_at"] = self.dt(recorded)
            message["deleted_by_decision_id"] = did
            effects.append({"kind": "message_deleted", "subject": f"message:{message['id']}",
                            "detail": "hidden from every member of the group"})
        elif action == "warn":
            effects.append({"kind": "warning", "subject": user_subject, "detail": "warned"})
            self._sanction("warning", sender, code, recorded, None, did)
        elif action == "mute":
            duration = rng.choice((1, 1, 7, 7, 30) if severity < 3 else (7, 7, 30)) * DAY
            until = recorded + duration
            effects.append({"kind": "mute", "subject": user_subject,
                            "detail": f"may not post until {self.dt(until).isoformat()}"})
            self._sanction("mute", sender, code, recorded, until, did)
            self.mutes[sender] = max(self.mutes.get(sender, 0), until)
        if outcome == "applied":
            for move in self.rules.moves(action, ReasonCode(code)):
                effect = {"kind": "credit", "subject": user_subject, "detail": ""}
                effects.append(effect)
                self.events.setdefault(sender, []).append((recorded, move.delta, move.rule, did, effect))
        self.decisions.append({
            "id": did, "idempotency_key": f"seed-{cid}", "actor_id": rng.choice(self.moderators), "case_id": cid,
            "action": action, "reason_code": reason, "note": rng.choice(T.DECISION_NOTES[action])
            if rng.random() < 0.6 else None, "duration_seconds": duration,
            "target_user_id": sender if action not in ("approve", "escalate") else None, "target_group_id": None,
            "group_id": message["group_id"], "reason_category": reason[:3] if reason else None,
            "decided_at": self.dt(decided), "recorded_at": self.dt(recorded), "outcome": outcome,
            "proposal_id": None, "approval_of": None, "effects": effects,
        })
        return recorded if status == "resolved" else None

    def _sanction(self, kind: str, user: int, code: str, starts: int, ends: int | None, decision: int) -> None:
        self.sanction_id += 1
        self.new_sanctions.append({
            "id": self.sanction_id, "kind": kind, "user_id": user, "group_id": None, "reason_code": code,
            "starts_at": self.dt(starts), "ends_at": self.dt(ends) if ends else None, "lifted_at": None,
            "decision_id": decision,
        })

    # --- the officers' own actions ---------------------------------------------------------------

    def _officer_actions(self, groups: list[_Group]) -> None:
        """What owners and admins did in their groups (Art. 9): routine invitations, announcements,
        mutes and removals, and, for some of the scams posted in their group, removing the scammer
        and warning the members; the other owners did nothing about theirs. A random stream of its
        own, so the rest of the demo data is the same with or without it."""
        rng = random.Random(self.seed * 7_919 + 17)
        latest = self.now_ts - 60
        rows: list[tuple[int, int, int, str, str, int | None, str | None]] = []
        kinds, weights = ("invite", "announce", "mute_member", "remove_member"), (40, 30, 10, 20)
        for g in groups:
            officers = [(uid, role) for uid, (role, _) in g.members.items() if role in ("owner", "admin")]
            regulars = [uid for uid in g.posters if g.members.get(uid, ("",))[0] == "member"]
            if not officers:
                continue
            for _ in range(rng.choice((0, 0, 1, 1, 2, 3, 4, 6))):
                uid, role = rng.choice(officers)
                kind = rng.choices(kinds, weights)[0]
                target = rng.choice(regulars) if regulars and kind != "announce" else None
                note = (rng.choice(OFFICER_ANNOUNCEMENTS) if kind == "announce"
                        else rng.choice(OFFICER_REMOVAL_NOTES) if kind == "remove_member" else None)
                if kind != "announce" and target is None:
                    continue
                rows.append((rng.randint(g.start, latest), g.id, uid, role, kind, target, note))
            for idx, spec in sorted(g.specials.items()):
                scam = (spec[0] == "wave" and spec[1] == "image") or (
                    spec[0] == "flag" and spec[1] == "PLT-03" and spec[3] is None)
                # (An owner or admin who posts a scam does nothing about it either.)
                if not scam or rng.random() < SCAM_NEGLECT_RATE or g.members[spec[2]][0] != "member":
                    continue
                at = g.times[idx] + rng.randint(2 * 60, 40 * 60)
                if at >= latest:
                    continue
                uid, role = rng.choice(officers)
                rows.append((at, g.id, uid, role, "remove_member", spec[2], "发诈骗信息，已移出群聊"))
                rows.append((at + rng.randint(30, 300), g.id, uid, role, "announce", None,
                             rng.choice(OFFICER_SCAM_WARNINGS)))
        rows.sort(key=lambda row: (row[0], row[1]))
        table = models.OfficerActionRow.__table__
        base = self.max_id(models.OfficerActionRow)
        for n, (at, gid, uid, role, kind, target, note) in enumerate(rows, start=1):
            self.add(table, {"id": base + n, "group_id": gid, "actor_id": uid, "role": role, "kind": kind,
                             "target_user_id": target, "target_message_id": None, "note": note,
                             "at": self.dt(min(at, latest))})
        self.flush(table)
        self.counts["officer_actions"] = len(rows)

    # --- the end ----------------------------------------------------------------------------------

    def _finish(self) -> None:
        session = self.session
        credit = models.CreditEvent.__table__
        users = models.PlatformUser.__table__
        # Credit: replay every user's events (earlier sanctions and this window's decisions) in
        # time order; the decisions' effects get their "credit a -> b" from the replay.
        changed: list[dict[str, Any]] = []
        for uid in sorted(self.events):
            score = self._walk(uid, emit=True)
            if score != self.initial_credit.get(uid, self.rules.initial):
                changed.append({"b_id": uid, "b_credit": score})
            if len(self.pending.get(credit, ())) >= BATCH:
                self.flush(credit)
        self.flush(credit)
        for i in range(0, len(self.decisions), BATCH):
            session.execute(insert(models.Decision.__table__), self.decisions[i:i + BATCH])
        for i in range(0, len(self.new_sanctions), BATCH):
            session.execute(insert(models.Sanction.__table__), self.new_sanctions[i:i + BATCH])
        if changed:
            session.execute(
                update(users).where(users.c.id == bindparam("b_id"))
                .values(credit_score=bindparam("b_credit", type_=Integer())),
                changed,
            )
        if self.mutes:
            session.execute(
                update(users).where(users.c.id == bindparam("b_id"))
                .values(muted_until=bindparam("b_muted", type_=models.UTCDateTime())),
                [{"b_id": uid, "b_muted": self.dt(max(until, self.history_muted.get(uid, 0)))}
                 for uid, until in sorted(self.mutes.items())],
            )
        session.execute(
            update(models.Sequencer.__table__).where(models.Sequencer.__table__.c.name == "change")
            .values(value=self.seq_base + self.case_id - self.case_base)
        )
        if session.get_bind().dialect.name == "postgresql":
            for table in models.Base.metadata.sorted_tables:
                pk = [c.name for c in table.primary_key.columns]
                if pk == ["id"] and isinstance(table.c.id.type, Integer):
                    session.execute(text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table.name}), false)"
                    ))


# --- small pure helpers ----------------------------------------------------------------------------


def _cumulative(weights: list[float] | list[int]) -> list[float]:
    out: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


_REPORT_CUM = _cumulative(list(REPORT_COUNT_WEIGHTS))


def _strictly_increasing(times: list[int], latest: int) -> list[int]:
    for i in range(1, len(times)):
        if times[i] <= times[i - 1]:
            times[i] = times[i - 1] + 1
    if times and times[-1] > latest:
        times[-1] = latest
        for i in range(len(times) - 2, -1, -1):
            if times[i] < times[i + 1]:
                break
            times[i] = times[i + 1] - 1
    return times


def _merge_specials(times: list[int], extra: list[tuple[int, tuple[Any, ...]]], latest: int
                    ) -> tuple[list[int], dict[int, tuple[Any, ...]]]:
    """Insert special messages (with their own send times) into a group's timeline."""
    items: list[tuple[int, int, tuple[Any, ...] | None]] = [(t, 0, None) for t in times]
    items += [(t, 1 + k, spec) for k, (t, spec) in enumerate(extra)]
    items.sort(key=lambda item: (item[0], item[1]))
    merged = _strictly_increasing([t for t, _, _ in items], latest)
    specials = {i: spec for i, (_, _, spec) in enumerate(items) if spec is not None}
    return merged, specials


def _free_near(idx: int, lo: int, hi: int, taken: dict[int, Any]) -> int | None:
    if hi < lo:
        return None
    for d in range(hi - lo + 1):
        for candidate in (idx + d, idx - d):
            if lo <= candidate <= hi and candidate not in taken:
                return candidate
    return None


def _keyword(body: str, keywords: tuple[str, ...]) -> str:
    lowered = body.lower()
    for keyword in keywords:
        if keyword.lower() in lowered:
            return keyword
    return keywords[0]


def _flag_info(code: str, key: str) -> tuple[str, ...]:
    return T.FLAGGED[code][key]  # type: ignore[return-value]


def excerpt_of(body: str) -> str:
    flat = " ".join(body.split())
    return flat if len(flat) <= 140 else flat[:139] + "…"

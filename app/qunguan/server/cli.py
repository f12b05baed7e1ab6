"""`qunguan-platform`: run and administer the reference platform."""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select

from qunguan import __version__
from qunguan.contract.enums import Role

from . import models, schema
from .config import MIN_LOG_RETENTION_DAYS, Settings, default_key_path, utcnow
from .db import Database, normalise_url, open_database

DEFAULT_DB_ENV = "QUNGUAN_PLATFORM_DB"


def _default_db() -> str:
    env = os.environ.get(DEFAULT_DB_ENV)
    if env:
        return env
    from platformdirs import user_data_path

    return str(user_data_path("qunguan-platform", appauthor=False, ensure_exists=True) / "platform.db")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def cmd_init_db(args: argparse.Namespace) -> int:
    db = open_database(args.db)
    try:
        schema.upgrade(db, args.audit_key)
        print(f"audit key: {args.audit_key or default_key_path(db.url)}")
        print(f"database ready at revision {schema.current_revision(db)}: {db.engine.url.render_as_string()}")
    finally:
        db.dispose()
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .seed import seed

    db = open_database(args.db)
    try:
        schema.upgrade(db, args.audit_key)
        with tqdm(total=1, unit="row", unit_scale=True, desc=f"seeding {args.scale}",
                  disable=args.quiet or args.progress_lines) as bar:

            def progress(done: int, total: int) -> None:
                if args.progress_lines:
                    print(f"progress {done} {total}", file=sys.stderr, flush=True)
                bar.total = total
                bar.n = done
                bar.refresh()

            report = seed(db, args.scale, args.seed, progress=progress)
        print(
            f"seeded {args.scale} (seed {args.seed}) in {report.seconds:.1f} s: {report.groups} groups, "
            f"{report.users} users, {report.messages} messages, {report.cases} cases, {report.decisions} decisions; "
            f"scam wave over {report.scam_wave_groups} groups. Demo accounts mod1 mod2 sup1 sup2 admin1 audit1, "
            "password qunguan-demo."
        )
    except ValueError as exc:
        print(f"qunguan-platform seed: {exc}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    return 0


def cmd_add_moderator(args: argparse.Namespace) -> int:
    from .accounts import create_staff
    from .errors import ProblemError

    password = os.environ.get("QUNGUAN_NEW_PASSWORD") or getpass.getpass(f"password for {args.username}: ")
    if len(password) < 10:
        print("qunguan-platform add-moderator: the password needs at least 10 characters", file=sys.stderr)
        return 2
    db = open_database(args.db)
    try:
        schema.upgrade(db, args.audit_key)
        with db.writing() as session:
            staff = create_staff(session, args.username, args.display_name or args.username, Role(args.role),
                                 password, utcnow())
            print(f"created {staff.role} {staff.username} (id {staff.id})")
    except ProblemError as exc:
        print(f"qunguan-platform add-moderator: {exc.detail}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    return 0


def cmd_verify_audit(args: argparse.Namespace) -> int:
    """Verify the whole audit chain and the newest signed checkpoint against the key file."""
    from qunguan.contract.audit import verify_chain

    from .audit import Signer, view

    key = args.audit_key or default_key_path(normalise_url(args.db))
    if not key.exists():
        print(f"qunguan-platform verify-audit: no audit key at {key}", file=sys.stderr)
        return 2
    signer = Signer.load(key)
    db = open_database(args.db)
    try:
        with db.reading() as session:
            checkpoint_row = session.execute(
                select(models.AuditCheckpoint).order_by(models.AuditCheckpoint.id.desc()).limit(1)
            ).scalar_one_or_none()
            events = (view(row) for row in session.execute(
                select(models.AuditEvent).order_by(models.AuditEvent.seq)).scalars())
            checkpoint = None
            if checkpoint_row is not None:
                from qunguan.contract.models import Checkpoint

                checkpoint = Checkpoint(seq=checkpoint_row.seq, hash=checkpoint_row.hash,
                                        signature=checkpoint_row.signature, key_id=checkpoint_row.key_id)
            verdict = verify_chain(events, checkpoint, signer.public_b64)
    finally:
        db.dispose()
    if verdict.ok:
        signed = f", signed head at {checkpoint.seq}" if checkpoint else ", no signed checkpoint yet"
        print(f"audit chain verified: {verdict.checked} events{signed}")
        return 0
    where = f" (first bad event: {verdict.first_bad_seq})" if verdict.first_bad_seq is not None else ""
    print(f"audit chain FAILED{where}: {verdict.reason}", file=sys.stderr)
    return 1


def cmd_import(args: argparse.Namespace) -> int:
    """Import a platform export (JSON Lines), all or nothing."""
    from .importer import ImportFailed, import_file

    db = open_database(args.db)
    try:
        schema.upgrade(db, args.audit_key)
        report = import_file(db, args.file, utcnow())
    except ImportFailed as exc:
        for line, reason in exc.errors:
            print(f"line {line}: {reason}" if line else f"{args.file}: {reason}", file=sys.stderr)
        if exc.more:
            print(f"... and {exc.more} more", file=sys.stderr)
        print("nothing was imported", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    print(
        f"imported {report.file} (sha256 {report.sha256}) in {report.seconds:.1f} s: {report.users} users, "
        f"{report.groups} groups, {report.members} new members, {report.messages} messages, "
        f"{report.attachments} attachments, {report.reports} reports; {report.cases_opened} cases opened, "
        f"{report.cases_updated} updated; audit event {report.audit_seq}."
    )
    return 0


def _settings(args: argparse.Namespace, command: str) -> Settings | None:
    """The settings the command line gives, or None after saying why they are refused."""
    try:
        return Settings(db_url=args.db, audit_key_path=args.audit_key,
                        personal_data_retention_days=args.personal_retention_days,
                        log_retention_days=args.log_retention_days)
    except ValueError as exc:
        print(f"qunguan-platform {command}: {exc}", file=sys.stderr)
        return None


def _initialised(db: Database, command: str) -> bool:
    """Whether the schema is at head; if not, say what to run."""
    if schema.is_initialised(db):
        return True
    print(f"qunguan-platform {command}: the database is not initialised or is out of date; "
          "run `qunguan-platform init-db` first", file=sys.stderr)
    return False


def cmd_retention(args: argparse.Namespace) -> int:
    """Remove what the retention policy says is due (or with --dry-run, say what would go)."""
    from dataclasses import asdict

    from .platform import Platform
    from .retention import Cutoffs, drain, preview

    settings = _settings(args, "retention")
    if settings is None:
        return 2
    db = open_database(args.db)
    try:
        if not _initialised(db, "retention"):
            return 2
        platform = Platform.open(settings, db)
        now = platform.now()
        counts = preview(platform, now) if args.dry_run else drain(platform, now)
    finally:
        db.dispose()
    cut = Cutoffs.of(settings, now)
    print(f"personal data before {cut.personal:%Y-%m-%d %H:%M} UTC ({settings.personal_data_retention_days} days), "
          f"access log before {cut.logs:%Y-%m-%d %H:%M} UTC ({settings.log_retention_days} days); "
          "audit events are kept")
    verb = "would remove" if args.dry_run else "removed"
    for name, value in asdict(counts).items():
        print(f"{verb} {name.replace('_', ' ')}: {value}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    if _settings(args, "serve") is None:
        return 2
    db = open_database(args.db)
    try:
        if not _initialised(db, "serve"):
            return 2
        with db.reading() as session:
            has_demo = session.execute(select(models.Staff.id).where(models.Staff.is_demo.is_(True))).first()
    finally:
        db.dispose()
    if has_demo and not _is_loopback(args.host) and not args.allow_demo_accounts:
        print(
            f"qunguan-platform serve: this database has the demo accounts (password qunguan-demo); refusing to "
            f"serve them on {args.host}. Use a loopback address, or --allow-demo-accounts if you mean it.",
            file=sys.stderr,
        )
        return 2
    os.environ[DEFAULT_DB_ENV] = args.db
    if args.audit_key:
        os.environ["QUNGUAN_PLATFORM_AUDIT_KEY"] = str(args.audit_key)
    os.environ["QUNGUAN_PLATFORM_ACCESS_TTL"] = str(args.access_ttl)
    os.environ["QUNGUAN_PLATFORM_JOBS_INTERVAL"] = str(args.jobs_interval)
    os.environ["QUNGUAN_PLATFORM_PERSONAL_RETENTION_DAYS"] = str(args.personal_retention_days)
    os.environ["QUNGUAN_PLATFORM_LOG_RETENTION_DAYS"] = str(args.log_retention_days)
    uvicorn.run(
        "qunguan.server.serve:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        access_log=args.log_level == "debug",
    )
    return 0


def cmd_run_jobs(args: argparse.Namespace) -> int:
    """Run the platform's own jobs once, now (for a cron job when serving with --jobs-interval 0)."""
    from .jobs import run_all
    from .platform import Platform

    settings = _settings(args, "run-jobs")
    if settings is None:
        return 2
    db = open_database(args.db)
    try:
        if not _initialised(db, "run-jobs"):
            return 2
        run = run_all(Platform.open(settings, db))
    finally:
        db.dispose()
    for name, changed in run.changed.items():
        print(f"{name}: {changed}")
    for name, error in run.failed.items():
        print(f"{name}: FAILED: {error}", file=sys.stderr)
    return 1 if run.failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qunguan-platform", description="The Qunguan reference platform.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_db(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--db", default=_default_db(),
                       help=f"database URL or SQLite file (default: ${DEFAULT_DB_ENV} or the user data dir)")
        p.add_argument("--audit-key", type=Path, default=None,
                       help="the Ed25519 key file that signs audit checkpoints (default: beside a SQLite "
                            "database, else in the user data dir); created by init-db")
        return p

    def with_policy(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--personal-retention-days", type=int, default=Settings.personal_data_retention_days,
                       help="remove message content, and the real names and phones of users quiet for this "
                            "long, unless under a legal hold (default: %(default)s)")
        p.add_argument("--log-retention-days", type=int, default=Settings.log_retention_days,
                       help=f"keep the access log this long; at least {MIN_LOG_RETENTION_DAYS} (six months); "
                            "audit events are never removed (default: %(default)s)")
        return p

    p = with_db(sub.add_parser("init-db", help="create or upgrade the database schema"))
    p.set_defaults(func=cmd_init_db)

    p = with_db(sub.add_parser("seed", help="fill the database with deterministic demo data"))
    p.add_argument("--scale", choices=("small", "medium", "large"), default="medium")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--progress-lines", action="store_true",
                   help="report progress as 'progress DONE TOTAL' lines on stderr (for launchers)")
    p.set_defaults(func=cmd_seed)

    p = with_db(sub.add_parser("add-moderator", help="create a staff account (password from a prompt or "
                                                       "$QUNGUAN_NEW_PASSWORD)"))
    p.add_argument("username")
    p.add_argument("--role", choices=[r.value for r in Role], default=Role.MODERATOR.value)
    p.add_argument("--display-name")
    p.set_defaults(func=cmd_add_moderator)

    p = with_db(sub.add_parser("verify-audit", help="verify the audit chain and its signed checkpoint"))
    p.set_defaults(func=cmd_verify_audit)

    p = with_db(sub.add_parser("import", help="import groups, users, messages and reports from a platform export "
                                                "(JSON Lines); all or nothing"))
    p.add_argument("file", type=Path, metavar="FILE", help="the export, one JSON object per line")
    p.set_defaults(func=cmd_import)

    p = with_policy(with_db(sub.add_parser("serve", help="serve the API over HTTP")))
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8710)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--access-ttl", type=int, default=Settings.access_ttl_seconds, help="access token lifetime (s)")
    p.add_argument("--allow-demo-accounts", action="store_true",
                   help="serve a database with demo accounts on a non-loopback address")
    p.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"))
    p.add_argument("--jobs-interval", type=float, default=Settings.jobs_interval_seconds,
                   help="seconds between runs of the platform's own jobs in each worker (0: never; "
                        "then run `run-jobs` from cron)")
    p.set_defaults(func=cmd_serve)

    p = with_policy(with_db(sub.add_parser(
        "run-jobs", help="run the platform's own jobs once (proposal expiry, escalation, credit restoration, "
                         "retention)")))
    p.set_defaults(func=cmd_run_jobs)

    p = with_policy(with_db(sub.add_parser(
        "retention", help="remove the personal data and access-log rows the retention policy says are due "
                          "(all of them at once; the job does a batch a minute)")))
    p.add_argument("--dry-run", action="store_true", help="only say what would be removed")
    p.set_defaults(func=cmd_retention)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())

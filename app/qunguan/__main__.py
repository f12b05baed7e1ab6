"""`qunguan` (and `python -m qunguan`): the moderators' workstation."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from qunguan import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qunguan", description="Qunguan, the group moderation workstation.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="start the embedded reference platform with demo data and log in to it")
    parser.add_argument("--as", dest="demo_user", default="mod1", metavar="USER",
                        help="with --demo: the demo account to log in as (mod1, mod2, sup1, sup2, admin1, audit1)")
    parser.add_argument("--server", metavar="URL", help="pre-fill the login with this platform URL")
    parser.add_argument("--lang", choices=("en", "zh_CN"), help="interface language (default: the system's)")
    parser.add_argument("--self-test", action="store_true",
                        help="start offscreen on a throwaway demo platform, open and close the main window, and "
                             "exit 0 when everything worked (default language for it: zh_CN)")
    return parser


def verify_export_main(argv: Sequence[str]) -> int:
    """`qunguan verify-export FILE [--public-key B64]`: check an export offline."""
    parser = argparse.ArgumentParser(prog="qunguan verify-export",
                                     description="Check a Qunguan history export offline: every row, the row "
                                                 "count and the platform's signature.")
    parser.add_argument("file")
    parser.add_argument("--public-key", help="the platform's audit public key (base64) as you know it; "
                                             "default: the one in the file (integrity, not origin)")
    args = parser.parse_args(argv)
    from pathlib import Path

    from qunguan.client.export import verify_export

    verdict = verify_export(Path(args.file), public_key_b64=args.public_key)
    if verdict.ok:
        print(f"OK: {verdict.rows} rows, signature valid")
        return 0
    print(f"FAILED: {verdict.reason}", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["verify-export"]:
        return verify_export_main(argv[1:])
    if argv[:1] == ["platform"]:
        # Internal: the reference platform (`qunguan-platform`) inside an installed build, where
        # there is no Python to run `-m qunguan.server.cli` with (see qunguan.client.demo).
        from qunguan.server.cli import main as platform_main

        return platform_main(argv[1:])
    args = build_parser().parse_args(argv)
    if args.self_test:
        from qunguan.selftest import run_self_test

        return run_self_test(args.lang or "zh_CN")
    from qunguan.ui.app import Options, run

    return run(Options(demo=args.demo, demo_user=args.demo_user, server=args.server, language=args.lang))


if __name__ == "__main__":
    sys.exit(main())

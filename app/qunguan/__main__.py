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
    parser.add_argument("--as", dest="demo_user", default="mod1",
                        help="the demo account to log in as (mod1, mod2, sup1, sup2, admin1, audit1)")
    parser.add_argument("--server", help="the platform URL to connect to")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from qunguan.client.api import ApiClient
    from qunguan.client.errors import KnownError
    from qunguan.ui.app import run

    demo = None
    try:
        if args.demo:
            from qunguan.client import demo as demo_platform

            print("starting the demo platform (the first start seeds the demo data) ...", file=sys.stderr)
            demo = demo_platform.start(
                progress=lambda done, total: print(f"\rseeding {done}/{total}", end="", file=sys.stderr)
            )
            client = ApiClient(demo.url)
            tokens = client.login(args.demo_user, demo_platform.DEMO_PASSWORD)
            return run(demo.url, tokens.moderator, client.counts())
        return run(args.server or "", None, None)
    except KnownError as exc:
        print(f"qunguan: {exc}", file=sys.stderr)
        return 2
    finally:
        if demo is not None:
            demo.stop()


if __name__ == "__main__":
    sys.exit(main())

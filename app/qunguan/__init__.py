"""群管 Qunguan: a desktop workstation for group-chat moderators, and its reference platform."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("qunguan")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

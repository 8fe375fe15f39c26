"""Where the browser tests find Chromium (Debian's package, never a downloaded browser), and what
they say when it is missing: a skip with how to enable them, or a failure where CI requires them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

REQUIRED = "NTM_BROWSER_TESTS"  # =required: a missing browser fails the run instead of skipping
HINT = ("browser tests skipped: Chromium not found; install Debian's package (apt-get install -y chromium) "
        f"to run them, or set {REQUIRED}=required to fail instead of skipping")
# Flags that work for Debian's Chromium here (as root, no GPU, no network of its own).
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def chromium() -> str | None:
    """The Chromium to drive: $NTM_CHROMIUM, else Debian's /usr/bin/chromium, else one on PATH."""
    for candidate in (os.environ.get("NTM_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def required() -> bool:
    return os.environ.get(REQUIRED, "").lower() == "required"


def chromium_or_skip() -> str:
    """The Chromium to drive; without one, skip with how to enable the tests, or fail where
    ``NTM_BROWSER_TESTS=required`` (CI)."""
    import pytest

    path = chromium()
    if path is None:
        if required():
            pytest.fail(f"{REQUIRED}=required but Chromium is not installed (apt-get install -y chromium)")
        pytest.skip(HINT)
    return path

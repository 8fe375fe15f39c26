"""`ntm explore` started as a person starts it, for the tests: its address read from stdout, and
always stopped afterwards, with every process it started, also when a test fails."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from contextlib import contextmanager

import psutil

from conftest import ctrl_c_able

START_TIMEOUT = 180  # seconds: a cold start of Voilà on a busy two-core machine


class Explore:
    """A running ``ntm explore``: its process, the address it printed, and what it wrote on stderr."""

    def __init__(self, process: subprocess.Popen, url: str, stderr: list[str]):
        self.process, self.url, self._stderr = process, url, stderr

    @property
    def stderr(self) -> str:
        return "".join(self._stderr)

    def descendants(self) -> list[psutil.Process]:
        try:
            return psutil.Process(self.process.pid).children(recursive=True)
        except psutil.Error:
            return []

    def interrupt(self, timeout: float = 60) -> int:
        """Ctrl-C as a terminal sends it (SIGINT to the command's process group); its exit status."""
        os.killpg(self.process.pid, signal.SIGINT)
        return self.process.wait(timeout)


def _pump(stream, lines: queue.Queue, keep: list[str] | None = None) -> None:
    for line in stream:
        if keep is not None:
            keep.append(line)
        lines.put(line)
    lines.put(None)


@contextmanager
def ntm_explore(*args: str):
    """Start ``ntm explore ARGS`` in a session of its own and yield it once it printed its address."""
    process = subprocess.Popen(ctrl_c_able([sys.executable, "-m", "ntm_analysis", "explore", *args]), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, encoding="utf-8",
                               start_new_session=True)
    out, err, stderr = queue.Queue(), queue.Queue(), []
    threading.Thread(target=_pump, args=(process.stdout, out), daemon=True).start()
    threading.Thread(target=_pump, args=(process.stderr, err, stderr), daemon=True).start()
    started: list[psutil.Process] = []
    try:
        try:
            url = out.get(timeout=START_TIMEOUT)
        except queue.Empty:
            url = None
        assert url, f"ntm explore printed no address (exit {process.poll()}): {''.join(stderr)}"
        server = Explore(process, url.strip(), stderr)
        yield server
    finally:
        started = Explore(process, "", stderr).descendants()
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGINT)
                process.wait(60)
            except (OSError, subprocess.TimeoutExpired):
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
        for child in started:
            try:
                child.kill()
            except psutil.Error:
                pass

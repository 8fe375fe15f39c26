"""Reading ahead: the next file (or the next block of a long file) parsed by Arrow in a second
thread while this one interprets the current one.

A national history is sixty files. Arrow parses a file without holding Python's lock, so while
the readers turn one file's columns into codes (Python), the next file's bytes are already being
parsed: the same work and the same results, the parsing hidden on a second core. Only the parse
is done ahead (a pure function of the file, ``read(path)``, which touches no shared state), at
most ``AHEAD`` small files; a file larger than ``LIMIT`` is read by the caller, and a long file's
blocks come one ahead (``blocks``), so that a long file is never whole in memory.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

AHEAD = 2  # files parsed ahead of the one being interpreted
LIMIT = 1 << 25  # bytes: a larger file is read in place (its blocks are never all in memory)

MISSING = object()  # what ``take`` gives for a file not parsed ahead
_current: "_Ahead | None" = None


class _Ahead:
    def __init__(self, paths: list[Path], read: Callable[[Path], object]):
        self._paths, self._read = paths, read
        self._position = {path: i for i, path in enumerate(paths)}
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="ntm-read-ahead")
        self._futures: dict[Path, Future] = {}
        self._next = 0
        self._fill()

    def _fill(self) -> None:
        while self._next < len(self._paths) and len(self._futures) < AHEAD:
            path = self._paths[self._next]
            self._futures[path] = self._pool.submit(self._read, path)
            self._next += 1

    def take(self, path: Path):
        """``read(path)`` if it was parsed ahead, else ``MISSING``. Files before it that were never
        asked for (a file the careful path read instead) are dropped, the ones after it parsed."""
        at = self._position.get(Path(path))
        if at is None:
            return MISSING
        for earlier in [p for p in self._futures if self._position[p] < at]:
            self._futures.pop(earlier).cancel()
        future = self._futures.pop(Path(path), None)
        self._next = max(self._next, at + 1)
        self._fill()
        return future.result() if future is not None else MISSING

    def close(self) -> None:
        for future in self._futures.values():
            future.cancel()
        self._pool.shutdown(wait=True)


@contextmanager
def reading_ahead(paths, read: Callable[[Path], object], wanted: Callable[[Path], bool]):
    """Within the block, ``take(path)`` gives ``read(path)`` of the small ``wanted`` files of
    ``paths``, parsed ahead in order (``MISSING`` for any other file: the caller reads it in
    place)."""
    global _current
    small = [Path(p) for p in paths if _small(Path(p)) and wanted(Path(p))]
    if len(small) < 2 or _current is not None:  # nothing to overlap (or already reading ahead)
        yield
        return
    _current = _Ahead(small, read)
    try:
        yield
    finally:
        ahead, _current = _current, None
        ahead.close()


def take(path: Path, read: Callable[[Path], object]):
    """``read(path)``: as parsed ahead when inside ``reading_ahead`` and the file was, else read
    now, in this thread."""
    found = _current.take(path) if _current is not None else MISSING
    return read(path) if found is MISSING else found


def _small(path: Path) -> bool:
    try:
        return path.stat().st_size <= LIMIT
    except OSError:
        return False


def blocks(read: Callable[[int], object], n: int):
    """``read(0)``, ``read(1)`` … ``read(n - 1)`` (the blocks of one long file), each read in a
    second thread while the one before it is used: at most two blocks are held."""
    if n < 2:
        yield from (read(i) for i in range(n))
        return
    with ThreadPoolExecutor(1, thread_name_prefix="ntm-read-ahead") as pool:
        coming = pool.submit(read, 0)
        for i in range(n):
            block = coming.result()
            if i + 1 < n:
                coming = pool.submit(read, i + 1)
            yield block
            del block

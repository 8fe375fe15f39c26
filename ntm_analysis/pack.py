"""The briefing pack on disk: complete or absent.

A pack is built in a hidden folder beside its destination, listed file by file with checksums in
``pack.json`` (with the input files and theirs, the package version and the command), and only
then moved into place, replacing the previous pack in one step. A lock beside the destination
lets one writer at a time build it; a run killed at any moment leaves the previous pack as it
was (or none), and its half-built folder is removed by the next run.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from .vocab_messages import Message, os_reason

PACK_FILE = "pack.json"
GENERATOR = "ntm_analysis"
_BUILDING, _OLD, _LOCK = ".building-", ".old-", ".lock"


class PackError(Exception):
    """A destination the pack cannot be written to (a usage error: exit 2)."""


def sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def is_pack(folder: Path) -> bool:
    """Whether ``folder`` holds a pack this package wrote (its ``pack.json`` says so)."""
    marker = Path(folder) / PACK_FILE
    if not marker.is_file():
        return False
    try:
        return json.loads(marker.read_text(encoding="utf-8")).get("generator") == GENERATOR
    except (OSError, ValueError, AttributeError):
        return False


# Files a desktop leaves in any folder it shows (thumbnails, folder view settings): not the
# person's work, so a pack folder holding them is still the pack's alone.
DESKTOP_CLUTTER = {".DS_Store", "Thumbs.db", "ehthumbs.db", "desktop.ini", "Desktop.ini"}
EXTRA_SHOWN = 5  # extra files named in the refusal, then "…"


def not_of_the_pack(out: Path) -> list[str]:
    """What a pack folder holds beyond its ``pack.json`` and the files it lists: a person's notes
    saved beside the briefing, a folder (another pack) put inside. Each named as the topmost
    path that holds nothing of the pack ("ghi_chu.txt", "sub/"), sorted. Replacing the pack
    would delete them, so ``check_destination`` refuses instead."""
    try:
        listed = set(json.loads((out / PACK_FILE).read_text(encoding="utf-8")).get("files", {}))
    except (OSError, ValueError, AttributeError):
        listed = set()
    folders = {Path(name).parent.as_posix() for name in listed}
    folders |= {parent.as_posix() for name in listed for parent in Path(name).parents}
    extra = []
    for root, dirs, files in os.walk(out):
        at = Path(root).relative_to(out)
        for name in sorted(dirs):
            if (at / name).as_posix() not in folders:
                extra.append((at / name).as_posix() + "/")
        dirs[:] = sorted(d for d in dirs if (at / d).as_posix() in folders)
        for name in files:
            path = (at / name).as_posix()
            if path not in listed and path != PACK_FILE and name not in DESKTOP_CLUTTER:
                extra.append(path)
    return sorted(extra)


def check_destination(out: Path) -> None:
    """Refuse, before any work, a destination that is a file, a folder of other things (a pack
    folder holding files it does not list included), or a place that cannot be written; a
    PackError says which and why."""
    if not str(out).strip():  # `--out ""` (an unset variable in a script): not "the default"
        raise PackError(Message("out_empty"))
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise PackError(Message("out_is_file", out=str(out)))
    if out.is_dir() and any(out.iterdir()) and not is_pack(out):
        raise PackError(Message("out_not_empty", out=str(out), marker=PACK_FILE))
    extra = not_of_the_pack(out) if out.is_dir() and is_pack(out) else []
    if extra:
        shown = ", ".join(extra[:EXTRA_SHOWN]) + (", …" if len(extra) > EXTRA_SHOWN else "")
        raise PackError(Message("out_extra_files", out=str(out), n=len(extra), files=shown))
    existing = next(p for p in (out, *out.parents) if p.exists() or p == p.parent)
    if not existing.is_dir():
        raise PackError(Message("out_cannot_create", out=str(out), existing=str(existing)))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        probe = tempfile.mkdtemp(prefix=f".{out.name}.probe-", dir=out.parent)
        os.rmdir(probe)
    except OSError as exc:
        # a folder that is there but refuses new entries as missing ones (/proc, /sys): said so
        why = Message("out_no_new_entries") if exc.errno == errno.ENOENT and out.parent.is_dir() else os_reason(exc)
        raise PackError(Message("out_cannot_write", folder=str(out.parent), reason=why)) from None


@contextlib.contextmanager
def _locked(out: Path, say, waiting: str):
    """Hold the lock of ``out``; a second writer waits for the first (and says so).

    The lock file is removed on release, so a writer that got the lock on a file that has
    since been removed tries again on the new one: two writers never both hold it."""
    lock_path = out.parent / f".{out.name}{_LOCK}"
    waited = False
    while True:
        lock = open(lock_path, "a+")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not waited:
                say(waiting.format(out=out))
                waited = True
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            current = os.stat(lock_path).st_ino
        except FileNotFoundError:
            current = None
        if current == os.fstat(lock.fileno()).st_ino:
            break
        lock.close()  # the file was removed and replaced while we waited
    try:
        yield
    finally:
        lock_path.unlink(missing_ok=True)
        fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()


def _remove_leftovers(out: Path) -> None:
    """Half-built and replaced folders of runs that were killed (only called under the lock)."""
    for stale in out.parent.glob(f".{out.name}.*"):
        if stale.is_dir() and (stale.name.startswith(f".{out.name}{_BUILDING}")
                               or stale.name.startswith(f".{out.name}{_OLD}")):
            shutil.rmtree(stale, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.EPERM):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(a))


def _move_into_place(built: Path, out: Path) -> None:
    """``built`` becomes ``out``; a previous pack at ``out`` is swapped out, then removed."""
    if out.is_dir() and not any(out.iterdir()):
        out.rmdir()
    if not out.exists():
        os.rename(built, out)
    elif _exchange(built, out):
        shutil.rmtree(built)  # now holds the previous pack
    else:  # two renames: killed between them, there is no pack, never a mixed one
        old = out.parent / f".{out.name}{_OLD}{os.getpid()}"
        os.rename(out, old)
        os.rename(built, out)
        shutil.rmtree(old)
    descriptor = os.open(out.parent, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def pack_contents(folder: Path, *, inputs: dict[str, str], meta: dict) -> dict:
    """The content of ``pack.json``: every file of ``folder`` with its SHA-256, and ``meta``."""
    files = {p.relative_to(folder).as_posix(): sha256(p)
             for p in sorted(folder.rglob("*")) if p.is_file() and p.name != PACK_FILE}
    return {"generator": GENERATOR, **meta, "files": files, "inputs": dict(sorted(inputs.items()))}


WAITING = "waiting: another ntm report is writing {out}"


def write_pack(out: Path, build, *, inputs: dict[str, str], meta: dict, progress=None,
               waiting: str = WAITING) -> list[Path]:
    """Build a pack with ``build(folder)`` and put it at ``out`` whole; the files as placed.

    ``inputs`` maps each input file to its SHA-256; ``meta`` (version, command, period) goes into
    ``pack.json`` as given; ``waiting`` is said (``{out}`` filled in) when another writer holds
    the lock. Anything raised (Ctrl-C included) leaves ``out`` as it was.
    """
    out = Path(out)
    say = progress or (lambda message: None)
    check_destination(out)
    with _locked(out, say, waiting):
        _remove_leftovers(out)
        folder = Path(tempfile.mkdtemp(prefix=f".{out.name}{_BUILDING}", dir=out.parent))
        try:
            os.chmod(folder, 0o755)
            build(folder)
            content = pack_contents(folder, inputs=inputs, meta=meta)
            _write_synced(folder / PACK_FILE, json.dumps(content, ensure_ascii=False, indent=2) + "\n")
            _move_into_place(folder, out)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
    return [out / name for name in [*content["files"], PACK_FILE]]


def _write_synced(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def verify(out: Path) -> list[str]:
    """What does not match a pack's ``pack.json``: missing, changed or unlisted files."""
    out = Path(out)
    listed = json.loads((out / PACK_FILE).read_text(encoding="utf-8"))["files"]
    present = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != PACK_FILE}
    problems = [f"missing: {name}" for name in sorted(set(listed) - present)]
    problems += [f"not listed: {name}" for name in sorted(present - set(listed))]
    problems += [f"changed: {name}" for name in sorted(set(listed) & present) if sha256(out / name) != listed[name]]
    return problems

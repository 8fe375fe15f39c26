"""Reviewed quarters stay as reviewed: each data folder's sidecar (``provenance.json``) records
the checksum of every file it lists; a file that no longer matches is an error naming both
checksums, until someone records the change deliberately, with a reason the sidecar keeps.

A sidecar's ``files`` entries look like ``{"path": "ntm_2020Q1.csv", "md5": "…", "sha256": "…",
"status": "…", "history": [{"date": "…", "reason": "…", "md5": "<before>", …}]}``; every
checksum an entry holds is checked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path

from ..problems import Problems
from ..vocab_messages import Message

SIDECAR = "provenance.json"
ALGORITHMS = ("sha256", "md5")


def checksums(path: Path, algorithms=ALGORITHMS) -> dict[str, str]:
    """The file's digests by algorithm name, from one read of its bytes."""
    digests = {name: hashlib.new(name) for name in algorithms}
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            for digest in digests.values():
                digest.update(block)
    return {name: digest.hexdigest() for name, digest in digests.items()}


def _sidecar(folder: Path) -> dict | None:
    path = folder / SIDECAR
    if not path.is_file():
        return None
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) and isinstance(meta.get("files"), list) else None


def check_recorded(files: list[tuple[Path, str]], problems: Problems) -> None:
    """Every file read that its folder's sidecar lists must still have the recorded checksums;
    a file beside a sidecar that does not list it is said (it is not yet recorded)."""
    by_folder: dict[Path, list[tuple[Path, str]]] = {}
    for path, source in files:
        by_folder.setdefault(path.parent, []).append((path, source))
    for folder, members in by_folder.items():
        meta = _sidecar(folder)
        if meta is None:
            continue
        listed = {entry.get("path"): entry for entry in meta["files"] if isinstance(entry, dict)}
        for path, source in members:
            entry = listed.get(path.name)
            if entry is None:
                problems.warning(source, None, None, "not_recorded", sidecar=SIDECAR, source=source)
                continue
            wanted = [name for name in ALGORITHMS if isinstance(entry.get(name), str)]
            if not wanted:
                continue
            now = checksums(path, wanted)
            for name in wanted:
                if now[name] != entry[name]:
                    problems.error(source, None, None, "changed_since", sidecar=SIDECAR, algorithm=name,
                                   recorded=entry[name], now=now[name], source=source)
                    break


def record(files: list[tuple[Path, str]], reason: str, today: dt.date | None = None) -> list[str]:
    """Record the current checksums of ``files`` in their folders' sidecars, keeping the reason
    and the checksums they replace in each entry's history; lines saying what changed."""
    if not reason.strip():
        raise ValueError(Message("reason_needed"))
    day = (today or dt.date.today()).isoformat()
    said = []
    by_folder: dict[Path, list[tuple[Path, str]]] = {}
    for path, source in files:
        by_folder.setdefault(path.parent, []).append((path, source))
    for folder, members in sorted(by_folder.items()):
        meta = _sidecar(folder) or {"dataset": folder.name, "files": []}
        entries = {entry.get("path"): entry for entry in meta["files"] if isinstance(entry, dict)}
        for path, source in members:
            now = checksums(path)
            entry = entries.get(path.name)
            if entry is None:
                entry = {"path": path.name, **now, "history": [{"date": day, "reason": reason.strip()}]}
                meta["files"].append(entry)
                said.append(Message("recorded", source=source, sha256=now["sha256"]))
                continue
            before = {name: entry[name] for name in ALGORITHMS if name in entry}
            if all(now[name] == value for name, value in before.items()) and "sha256" in before:
                said.append(Message("unchanged", source=source))
                continue
            entry.setdefault("history", []).append({"date": day, "reason": reason.strip(), **before})
            entry.update(now)
            said.append(Message("recorded_before", source=source, sha256=now["sha256"],
                                before=", ".join(f"{k} {v}" for k, v in before.items())))
        meta["files"].sort(key=lambda e: str(e.get("path")))
        _write_atomic(folder / SIDECAR, json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
    return said


def _write_atomic(path: Path, text: str) -> None:
    """Write beside ``path`` and rename over it: a reader sees the old file or the new one."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

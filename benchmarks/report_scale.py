"""`ntm report` at national scale, measured as a ratio against `ntm summary` on the same data in
the same run (never as a timed assertion): N communes × 2 quarters, written as office CSV files.

    python benchmarks/report_scale.py [N]      # default 10000

Prints the wall time of each command, their ratio, and the report's peak memory.
"""

from __future__ import annotations

import csv
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def write_data(folder: Path, n: int) -> None:
    """N communes in 200 districts, two quarters, each commune gaining or losing a little."""
    rng = random.Random(1)
    base = [rng.randint(2, 19) for _ in range(n)]
    for period, step in (("2020Q4", 0), ("2021Q1", 1)):
        rows = [["STT", "Tên xã", "Huyện", *map(str, range(1, 20))]]
        for i, k in enumerate(base):
            met = max(0, min(19, k + (step if i % 3 else 0) - (step if i % 17 == 0 else 0)))
            rows.append([i + 1, f"Xã Thử {i:05d}", f"Huyện {i % 200:03d}",
                         *["Đạt" if c <= met else "Chưa đạt" for c in range(1, 20)]])
        with open(folder / f"ntm_{period}.csv", "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)


def timed(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ntm_analysis", *args], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        write_data(data, n)
        summary = timed("summary", str(data), "--json")
        report = timed("report", str(data), "--out", str(Path(tmp) / "pack"))
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{n} communes × 2 quarters: summary {summary:.1f} s, report {report:.1f} s "
          f"(report/summary {report / summary:.1f}×), peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()

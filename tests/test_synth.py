"""The synthetic generator: deterministic, the sizes asked, read back as written in every form,
names as in real life, trajectories that mostly rise, and a consistent 2025 merger mapping."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import unicodedata

import numpy as np
import pandas as pd
import pytest

from ntm_analysis import load, synth
from ntm_analysis.criteria import set_for_period
from ntm_analysis.text import MET, NOT_MET, is_town, name_key


@pytest.fixture(scope="module")
def small():
    """60 communes over 12 quarters across 1/7/2025 and the 2026 set, with churn."""
    return synth.generate(60, 12, seed=7, end="2026Q2", churn=0.05, basic_share=1.0)


def _digest(folder) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix != ".xlsx"}


def test_the_same_seed_writes_the_same_files_and_another_seed_does_not(tmp_path):
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        synth.write(synth.generate(40, 6, seed=seed, end="2025Q4"), tmp_path / name,
                    formats=("csv", "parquet"))
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    different = _digest(tmp_path / "c")
    assert set(different) == set(_digest(tmp_path / "a")) and different != _digest(tmp_path / "a")


@pytest.mark.parametrize("communes", [1, 5, 300])
def test_sizes(communes):
    data = synth.generate(communes, 4, seed=1, end="2024Q4", churn=0)
    assert len(data.periods) == 4 and data.periods == ["2024Q1", "2024Q2", "2024Q3", "2024Q4"]
    assert [len(a) for a in data.alive] == [communes] * 4  # no merger before 2025, no churn
    assert all(s.shape == (communes, 19) for s in data.status)
    assert data.units["district"].nunique() == max(1, round(communes / synth.COMMUNES_PER_DISTRICT))


def test_criteria_sets_by_period_and_ten_criteria_from_2026(small):
    assert [s.name for s in small.sets] == [set_for_period(p).name for p in small.periods]
    for period, status in zip(small.periods, small.status):
        assert status.shape[1] == (10 if period >= "2026Q1" else 19)
    assert {s.name for s in small.sets} == {"2021-2025", "2026-2030"}


def test_three_statuses_and_names_as_in_real_life(small):
    codes = np.concatenate([s.ravel() for s in small.status])
    assert set(np.unique(codes)) == {0, 1, 2}
    units = small.units
    for name in units["name"]:
        assert name == unicodedata.normalize("NFC", name) and not is_town(name)
        assert 2 <= len(name.split()) <= 3 and name_key(name).split()[0] not in ("xa", "xã")
    old = units[units["district"].notna()]
    keys = old["name"].map(name_key)
    assert not pd.DataFrame({"k": keys, "d": old["district"]}).duplicated().any()  # unique in a district
    big = synth.generate(3000, 2, seed=2, end="2024Q4").units
    spread = big.groupby(big["name"].map(name_key))["district"].nunique()
    assert (spread > 1).any()  # some names repeated across districts, as in real life
    assert big["label"].str.contains(r" \(").sum() == big["name"].map(name_key).map(spread).gt(1).sum()


def test_trajectories_mostly_rise_and_sometimes_fall():
    data = synth.generate(400, 24, seed=5, end="2025Q2")  # 2019Q3–2025Q2, one 19-criterion set
    means = [float((s == MET).sum(axis=1).mean()) for s in data.status]
    assert means[-1] > means[0] + 2 and all(b > a - 0.2 for a, b in zip(means, means[1:]))
    rises = falls = 0
    for t in range(1, len(data.periods)):
        common, a, b = np.intersect1d(data.alive[t - 1], data.alive[t], return_indices=True)
        was, now = data.status[t - 1][a] == MET, data.status[t][b] == MET
        rises += int((now & ~was).sum())
        falls += int((was & ~now).sum())
    assert rises > 5 * falls > 0
    recognised = data.units["recognised_year"].dropna()
    assert len(recognised) and recognised.between(2019, 2025).all()  # none after the data's last year


def test_the_2025_merger_mapping_is_consistent(small):
    units, mapping = small.units, small.boundaries
    t = small.periods.index("2025Q3")
    before, after = set(small.alive[t - 1]), set(small.alive[t])
    assert not before & after  # every commune of 2025Q2 became part of a new one
    assert all(units.loc[list(after), "district"].isna())  # no districts after 1/7/2025
    label = dict(zip(units["label"], units.index))
    olds, news = mapping["old_commune"].map(label), mapping["new_commune"].map(label)
    assert sorted(olds) == sorted(before)  # each old commune once
    assert set(news) == after  # each new commune formed from at least one old
    assert (units.loc[olds, "province"].to_numpy() == units.loc[news, "province"].to_numpy()).all()
    sizes = news.value_counts()
    assert sizes.min() >= 1 and sizes.max() <= 5 and 2 < len(before) / len(after) < 4
    assert (mapping["effective_date"] == "01/07/2025").all()


@pytest.mark.parametrize("form", ["wide_csv", "wide_parquet", "wide_xlsx", "long_csv", "long_parquet",
                                  "long_xlsx"])
def test_every_form_reads_back_as_generated(small, tmp_path_factory, form):
    folder = tmp_path_factory.getbasetemp() / "every_form"
    if not folder.exists():
        synth.write(small, folder, formats=("csv", "parquet", "xlsx"))
    kind, fmt = form.split("_")
    path = folder / (f"wide_{fmt}" if kind == "wide" else f"long.{fmt}")
    assessment = load([path, folder / "records"])  # raises DataError on any error
    assert assessment.periods == small.periods
    for t, period in enumerate(small.periods):
        snap, expected = assessment.snapshot(period), small.snapshot(t)
        assert snap.communes == list(expected.index)
        assert (snap.status.to_numpy() == expected.to_numpy()).all()
        assert snap.criteria_set.name == small.sets[t].name
    assert len(assessment.boundaries) == len(small.boundaries) and len(assessment.targets) == len(small.targets)
    register = assessment.communes["recognised_year"]
    assert register.notna().sum() == small.register["recognised_year"].notna().sum()
    unexpected = [p for p in assessment.problems.warnings if "column not recognised" not in p.message]
    assert unexpected == []


def test_wide_files_are_the_office_form(small):
    first, last = small.wide(0), small.wide(len(small.periods) - 1)
    assert list(first.columns) == ["STT", "Tỉnh", "Huyện", "Tên xã", *map(str, range(1, 20)), "Số tiêu chí đạt"]
    assert list(last.columns) == ["STT", "Tỉnh", "Tên xã", *map(str, range(1, 11)), "Số tiêu chí đạt"]
    assert set(first["1"]) <= {"Đạt", "Chưa đạt", "Cơ bản đạt"}
    assert (first["Số tiêu chí đạt"] == (first[[str(c) for c in range(1, 20)]] == "Đạt").sum(axis=1)).all()
    long = small.long()
    assert list(long.columns) == ["province", "district", "commune", "period", "criterion", "status"]
    assert len(long) == small.n_cells


def test_the_command_writes_what_it_says(tmp_path):
    result = subprocess.run([sys.executable, "-m", "ntm_analysis.synth", str(tmp_path / "out"),
                             "--communes", "30", "--quarters", "3", "--end", "2020Q4",
                             "--forms", "wide,records", "--formats", "parquet"],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out" / "wide_parquet").iterdir() if p.name != "provenance.json") == [
        "ntm_2020Q2.parquet", "ntm_2020Q3.parquet", "ntm_2020Q4.parquet"]
    assert "3 quarters 2020Q2–2020Q4, 30 communes" in result.stderr
    assert load([tmp_path / "out"]).snapshot("2020Q4").status.shape == (30, 19)
    bad = subprocess.run([sys.executable, "-m", "ntm_analysis.synth", str(tmp_path / "x"), "--formats", "ods"],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "unknown form or format: ods" in bad.stderr


def test_not_met_is_written_explicitly(small):
    assert all((s == NOT_MET).any() for s in small.status)


def test_the_readme_national_demo_runs(tmp_path):
    """The README's demo commands, as written, at 60 communes instead of 10,000."""
    import json
    import re
    import shlex

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## National scale.*?```\n(.*?)```", readme, re.S)[1]
    lines = [line for line in block.splitlines() if line.strip()]
    assert lines[0].startswith("python -m ntm_analysis.synth demo/ --communes 10000 --quarters 60")
    outputs = []
    for line in lines:
        words = shlex.split(line.replace("--communes 10000", "--communes 60"))
        target = None
        if ">" in words:
            words, target = words[:words.index(">")], words[words.index(">") + 1]
        command = [sys.executable, "-m", "ntm_analysis", *words[1:]] if words[0] == "ntm" else \
            [sys.executable, *words[1:]]
        result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", cwd=tmp_path)
        assert result.returncode == 0, (line, result.stderr)
        if target:
            (tmp_path / target).write_text(result.stdout, encoding="utf-8")
        outputs.append(result.stdout)
    assert outputs[1].startswith("Quý IV/2024 (2021-2025, 60 xã)")
    merger = json.loads((tmp_path / "merger.json").read_text(encoding="utf-8"))
    assert merger["boundary_changes"] and len(merger["merged_removed"]) > len(merger["communes"])


def test_quarters_all_after_the_reorganisation_have_no_districts(tmp_path):
    data = synth.generate(80, 3, seed=2, end="2026Q2")  # 2025Q4–2026Q2: province → commune
    assert data.units["district"].isna().all() and data.boundaries.empty
    assert data.units["name"].map(name_key).is_unique  # no district to tell names apart
    assert "Huyện" not in data.wide(0).columns
    synth.write(data, tmp_path, forms=("wide", "records"), formats=("csv",))
    assessment = load([tmp_path / "wide_csv", tmp_path / "records"])
    assert assessment.communes["recognised_year"].notna().sum() == data.register["recognised_year"].notna().sum()


def test_the_provincial_form_reads_back_by_district_with_its_subtotals_checked(tmp_path):
    """The office form of a province (district blocks, subtotals, "Tổng cộng") reads back as
    generated: every commune, its district from the block heading, every subtotal agreeing."""
    from openpyxl import load_workbook

    synthetic = synth.generate(330, 4, seed=3, end="2025Q4")  # two provinces; two quarters with districts, two without
    folder = synth.write(synthetic, tmp_path, forms=("provincial",))["provincial"]
    first = sorted(folder.glob("tinh_01_*.xlsx"))[0]
    cells = [[c for c in row if c not in (None, "")] for row in load_workbook(first).active.iter_rows(values_only=True)]
    assert cells[0][0].startswith("UBND TỈNH ") and cells[5][:2] == ["I", f"Huyện {synthetic.units['district'][0]}"]
    assert any(row and str(row[0]).startswith("Cộng huyện") for row in cells)
    assessment = load([folder])  # raises DataError on any error (a subtotal that disagrees is one)
    assert assessment.periods == synthetic.periods
    for t, period in enumerate(synthetic.periods):
        snap, expected = assessment.snapshot(period), synthetic.snapshot(t)
        assert sorted(snap.communes) == sorted(expected.index)
        assert (snap.status.loc[expected.index].to_numpy() == expected.to_numpy()).all()
        units = synthetic.units.set_index("label").loc[expected.index]
        assert snap.units["province"].loc[expected.index].tolist() == units["province"].tolist()  # letterhead
        if period < "2025Q3":
            assert snap.units["district"].loc[expected.index].tolist() == units["district"].tolist()
        else:
            assert snap.units["district"].isna().all() or (snap.units["district"] == "").all()


@pytest.mark.parametrize("end, quarters, goals", [("2026Q4", 60, {"2020Q4", "2025Q4"}), ("2025Q2", 4, {"2025Q4"})])
def test_no_target_due_before_the_history_begins(end, quarters, goals):
    """A history of 2024–2025 is not given the 2016–2020 goals (every demo would open its
    targets with a "missed" goal of 2020); a history from 2012 has them all."""
    data = synth.generate(200, quarters, seed=2, end=end)
    district = data.targets[data.targets["kind"] != "all_criteria"]
    assert set(district["due"]) == goals
    assert (data.targets["due"] >= data.periods[0]).all()


def test_a_pack_of_synthetic_data_says_it_is_synthetic(tmp_path):
    """The generator leaves a provenance sidecar beside the files it writes (the bundled data's
    format: status, source with version, seed and parameters, date, checksums); ``ntm`` reads
    the files without a warning about them, and the pack labels them "số liệu giả lập" /
    "synthetic data" on the page, in the text, on every sheet and under every chart."""
    import json

    from bs4 import BeautifulSoup
    from openpyxl import load_workbook

    from conftest import run_cli
    from ntm_analysis.io.provenance import checksums

    out = tmp_path / "syn"
    written = synth.write(synth.generate(30, 3, seed=5, end="2025Q2"), out, ("wide", "records"), ("csv",))
    meta = json.loads((written["wide_csv"] / "provenance.json").read_text(encoding="utf-8"))
    assert "synthetic" in meta["status"] and meta["generator"]["name"] == "ntm_analysis.synth"
    assert meta["generator"]["seed"] == 5 and meta["generator"]["parameters"]["communes"] == 30
    assert meta["generator"]["version"] and meta["date"]
    assert [f["path"] for f in meta["files"]] == ["ntm_2024Q4.csv", "ntm_2025Q1.csv", "ntm_2025Q2.csv"]
    assert meta["files"][0]["sha256"] == checksums(written["wide_csv"] / "ntm_2024Q4.csv")["sha256"]
    assert (written["records"] / "provenance.json").is_file()

    for lang, source, note in [
        ("vi", "Nguồn số liệu: số liệu đánh giá các xã, tỉnh {p} (số liệu giả lập).",
         "Số liệu giả lập (do ntm_analysis.synth sinh ra), không phải số liệu của địa phương nào, "
         "không phải số liệu chính thức."),
        ("en", "Source: commune assessments, {p} province (synthetic data).",
         "Synthetic data (generated by ntm_analysis.synth), not about any real place, not official figures."),
    ]:
        pack = tmp_path / f"pack_{lang}"
        result = run_cli("report", str(written["wide_csv"]), str(written["records"]), "--lang", lang,
                         "--out", str(pack))
        assert result.returncode == 0, result.stderr
        assert "provenance" not in result.stderr and "checksum" not in result.stderr  # the sidecar is accepted
        province = load([written["wide_csv"], written["records"]]).snapshot().units["province"].iloc[0]
        line = source.format(p=province)
        page = BeautifulSoup((pack / "review.html").read_text(encoding="utf-8"), "html.parser")
        paragraphs = [p.get_text(" ", strip=True) for p in page.find_all("p")]
        assert line in paragraphs and note in paragraphs
        assert line in (pack / f"summary_{lang}.txt").read_text(encoding="utf-8").splitlines()
        book = load_workbook(next(pack.glob("tables_*.xlsx")))
        assert all([list(r) for r in ws.iter_rows(values_only=True)][-1][0] == line for ws in book.worksheets)
        label = "(số liệu giả lập)" if lang == "vi" else "(synthetic data)"
        charts = sorted(pack.glob("*.svg"))  # the source line is text in each SVG
        assert len(charts) >= 5 and all(label in svg.read_text(encoding="utf-8") for svg in charts)

    # the checksums are checked: a generated file changed afterwards is an error naming it
    (written["wide_csv"] / "ntm_2025Q2.csv").write_text("x", encoding="utf-8")
    changed = run_cli("summary", str(written["wide_csv"]), str(written["records"]))
    assert changed.returncode != 0 and "ntm_2025Q2.csv" in changed.stderr

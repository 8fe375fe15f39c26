"""Every array path gives the answers of the plain pandas reference (tests/reference.py: the
commune-by-commune code it replaced), on generated histories with the 1/7/2025 mergers and
renames, communes appearing and disappearing, "Cơ bản đạt" statuses and the 19 → 10 change."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict

import numpy as np
import pandas as pd
import pytest

import reference
from conftest import run_cli
from ntm_analysis import load, synth
from ntm_analysis.boundaries import groups, successors
from ntm_analysis.checks import flags, jumps, lost_criteria, recognised_below_all
from ntm_analysis.compare import compare, trend
from ntm_analysis.figures import lagging_criteria, summarise_snapshot
from ntm_analysis.targets import evaluate

# (seed, communes, quarters, last quarter, share of provinces writing "Cơ bản đạt", share of
# merged communes keeping a member's name)
CASES = [(1, 70, 10, "2026Q2", 1.0, 0.5), (2, 45, 9, "2026Q1", 0.5, 0.3), (3, 90, 8, "2025Q4", 0.0, 0.0)]


def _json(value) -> str:
    """As ``ntm compare --json`` prints it."""
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


@pytest.fixture(scope="module", params=CASES, ids=lambda c: f"seed{c[0]}")
def generated(request, tmp_path_factory):
    seed, communes, quarters, end, basic, keep = request.param
    data = synth.generate(communes, quarters, seed=seed, end=end, churn=0.06, basic_share=basic,
                          keep_names=keep)
    folder = tmp_path_factory.mktemp(f"seed{seed}")
    synth.write(data, folder, forms=("wide", "records"), formats=("parquet",))
    assessment = load([folder / "wide_parquet", folder / "records"])
    return data, assessment, folder


def _pairs(periods: list[str]) -> list[tuple[str, str]]:
    """Every consecutive pair, a year apart, and first to last (across every change)."""
    pairs = list(zip(periods, periods[1:])) + [(periods[0], periods[-1])]
    return pairs + [(a, b) for a, b in zip(periods, periods[4:])]


def test_the_generated_data_has_every_case(generated):
    data, assessment, _ = generated
    statuses = np.concatenate([s.status.to_numpy().ravel() for s in assessment.snapshots.values()])
    assert len(assessment.boundaries) and any(len(s) for s in data.alive)
    comparisons = [compare(assessment, a, b) for a, b in _pairs(assessment.periods)]
    assert any(c.added and c.removed and not c.boundary_changes for c in comparisons)  # churn
    assert any(c.boundary_changes for c in comparisons)  # mergers
    assert any(c.changes.renamed_from.any() for c in comparisons)  # renames
    if data.seed != 3:
        assert any(c.changes.boundary_changed.any() for c in comparisons)  # a name kept in a merger
    if data.seed == 1:
        assert (statuses == 1).any()  # "Cơ bản đạt"
        assert any(not c.criteria_compared for c in comparisons)  # 19 → 10


@pytest.mark.parametrize("bands", [None, "exact", "19,15-18,10-14,5-9,0-4"])
def test_comparisons_are_those_of_the_reference_byte_for_byte(generated, bands):
    _, assessment, _ = generated
    for a, b in _pairs(assessment.periods):
        sizes = {assessment.snapshot(p).criteria_set.size for p in (a, b)}
        if bands and bands[0].isdigit() and sizes != {19}:
            continue  # a 19-criterion band spec on the 10-criterion set is a usage error
        fast, slow = compare(assessment, a, b, bands), reference.compare(assessment, a, b, bands)
        assert _json(fast.to_dict()) == _json(slow.to_dict()), (a, b)
        assert [asdict(c) for c in fast.communes] == [asdict(c) for c in slow.communes]
        assert [asdict(c) for c in fast.crossed_bands] == [asdict(c) for c in slow.crossed_bands]
        assert (fast.reached_all, fast.left_all) == (slow.reached_all, slow.left_all)


def test_the_change_arrays_agree_with_the_objects(generated):
    _, assessment, _ = generated
    periods = assessment.periods
    for a, b in zip(periods, periods[1:]):
        result = compare(assessment, a, b)
        # the arrays taken through the rows are made when read: none yet, its length known
        lazy = ("before", "after", "commune", "band_before", "band_after", "renamed_from")
        assert not set(lazy) & set(vars(result.changes)) and len(result.changes) == len(result.changes.before_at)
        changes, objects = result.changes, result.communes
        assert set(lazy) <= set(vars(changes))  # read by ``communes``, and kept
        assert len(changes) == len(objects)
        table = changes.frame()
        assert table["commune"].tolist() == [c.commune for c in objects]
        assert table["n_gained"].tolist() == [len(c.gained) for c in objects]
        assert table["n_lost"].tolist() == [len(c.lost) for c in objects]
        before, after = assessment.snapshot(a), assessment.snapshot(b)
        # rows of the arrays are the communes' rows in the two snapshots
        assert (before.count_array[changes.before_at] == changes.before).all()
        assert after.names[changes.after_at].tolist() == changes.commune.tolist()
        # comparisons compare as values, as when they held lists of objects
        assert compare(assessment, a, b) == result and (a == b or compare(assessment, a, a) != result)


def test_ntm_compare_json_across_the_merger_is_the_reference(generated):
    _, assessment, folder = generated
    a, b = next((a, b) for a, b in zip(assessment.periods, assessment.periods[1:])
                if compare(assessment, a, b).boundary_changes)
    result = run_cli("compare", "--from", a, "--to", b, "--json", str(folder / "wide_parquet"),
                     str(folder / "records"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == _json(reference.compare(assessment, a, b).to_dict()) + "\n"


def test_boundary_successors_are_the_reference(generated):
    _, assessment, _ = generated
    changes = assessment.boundaries
    fast, slow = successors(changes), reference.successors(changes)
    assert list(fast) == list(slow)
    assert all(asdict(fast[k]) == asdict(slow[k]) for k in fast)
    assert groups(changes) == reference.groups(changes)


@pytest.mark.parametrize("rows", [
    # one reorganisation, no unit moved twice (the national case), a unit listed twice
    [("A", "X", 1), ("B", "X", 1), ("C", "Y", 1), ("xã a", "Z", 1)],
    # chains: a unit merged into one that merges again later, and a rename of a merged unit
    [("A", "B", 1), ("C", "B", 1), ("B", "D", 2), ("E", "F", 2), ("D", "G", 3), ("Hòa", "Hoà Mới", 3)],
])
def test_boundary_successors_through_chains_are_the_reference(rows):
    """``successors`` reads a reorganisation in which no unit moves twice in one pass, and
    follows units moving on otherwise, as the reference does."""
    changes = pd.DataFrame({"old_commune": [r[0] for r in rows], "new_commune": [r[1] for r in rows],
                            "effective_date": [dt.date(2020 + r[2], 7, 1) for r in rows],
                            "decision": [f"NQ {i}" for i in range(len(rows))]})
    fast, slow = successors(changes), reference.successors(changes)
    assert list(fast) == list(slow)
    assert all(asdict(fast[k]) == asdict(slow[k]) for k in fast)
    assert groups(changes) == reference.groups(changes)


def test_trend_is_the_reference(generated):
    _, assessment, _ = generated
    pd.testing.assert_frame_equal(trend(assessment), reference.trend(assessment))
    pd.testing.assert_frame_equal(trend(assessment, "exact"), reference.trend(assessment, "exact"))


@pytest.mark.parametrize("jump", [1, 5])
def test_flags_are_the_reference(generated, jump):
    _, assessment, _ = generated
    fast, slow = flags(assessment, jump), reference.flags(assessment, jump)
    assert len(fast) and set(fast["check"]) >= {"lost_criterion", "commune_missing", "commune_new"}
    pd.testing.assert_frame_equal(fast, slow)
    for check in (lost_criteria, recognised_below_all):
        pd.testing.assert_frame_equal(check(assessment), getattr(reference, check.__name__)(assessment))
    pd.testing.assert_frame_equal(jumps(assessment, jump), reference.jumps(assessment, jump))


def test_recognised_below_all_is_flagged_in_the_generated_data(generated):
    _, assessment, _ = generated
    below = recognised_below_all(assessment)
    if len(below):
        row = below.iloc[0]
        snap = assessment.snapshot(row["period_to"])
        assert snap.met_count[row["commune"]] < snap.criteria_set.size


@pytest.mark.parametrize("bands", [None, "exact", "19,12,9,5-8"])
def test_summaries_and_lagging_criteria_are_the_reference(generated, bands):
    _, assessment, _ = generated
    for period, snap in assessment.snapshots.items():
        if bands == "19,12,9,5-8" and snap.criteria_set.size != 19:
            continue
        fast = summarise_snapshot(assessment, snap, bands).to_dict()
        slow = asdict(reference.summarise_snapshot(assessment, snap, bands))
        assert fast == slow, period
        pd.testing.assert_frame_equal(lagging_criteria(snap), reference.lagging_criteria(snap))
        # the explorer's ranking, without the lists of communes: the same rows and numbers
        pd.testing.assert_frame_equal(lagging_criteria(snap, communes=False),
                                      reference.lagging_criteria(snap).drop(columns="missing"))


def test_targets_are_the_reference(generated):
    _, assessment, _ = generated
    for period in assessment.periods:
        fast = [t.to_dict() for t in evaluate(assessment, period)]
        slow = [asdict(t) for t in reference.evaluate(assessment, period)]
        assert fast == slow, period


def test_cached_arrays_follow_a_new_status_table(generated):
    _, assessment, _ = generated
    snap = assessment.snapshot()
    counts = snap.count_array.copy()
    original = snap.status
    try:
        snap.status = original.where(original != 2, 0).astype("int8")  # nothing met
        assert snap.count_array.sum() == 0 and snap.met_count.sum() == 0 and not snap.met.any().any()
    finally:
        snap.status = original
    assert (snap.count_array == counts).all()


def test_an_assessment_built_by_hand_numbers_its_names_when_first_asked(generated):
    """Snapshots not assembled by ``load`` (no numbers yet) give the same answers."""
    from dataclasses import replace

    from ntm_analysis.model import Assessment

    _, loaded, _ = generated
    snapshots = {p: replace(s) for p, s in loaded.snapshots.items()}  # no caches, no numbers
    fresh = Assessment(snapshots, loaded.communes, targets=loaded.targets, boundaries=loaded.boundaries)
    assert "_numbering" not in fresh.__dict__
    for a, b in _pairs(fresh.periods):
        assert _json(compare(fresh, a, b).to_dict()) == _json(reference.compare(loaded, a, b).to_dict())
    pd.testing.assert_frame_equal(flags(fresh), reference.flags(loaded))
    pd.testing.assert_frame_equal(trend(fresh), reference.trend(loaded))
    assert fresh.numbering.n_names == len({n for s in snapshots.values() for n in s.communes})


# ------------------------------------------------------------------------------------------
# Assessments reshaped by hand: the cases the array paths treat apart (issue 10, round 3)
# ------------------------------------------------------------------------------------------


def _reshaped(assessment, how: str):
    """A copy of ``assessment`` with its snapshots reshaped: one period with no commune, every
    period down to one commune, no register, or some communes spelled otherwise in alternate
    periods (the same name key, another printed name: aligned by key, not by name)."""
    from dataclasses import replace

    from ntm_analysis.model import Assessment

    snapshots = {}
    for i, (period, snap) in enumerate(assessment.snapshots.items()):
        keep = slice(None)
        if how == "empty period" and i == 3:
            keep = slice(0, 0)
        elif how == "one commune":
            keep = slice(0, 1)
        names = snap.status.index[keep]
        if how == "respelled" and i % 2:
            names = pd.Index([f"Xã {n}" if j % 3 == 0 else n for j, n in enumerate(names)], name="commune",
                             dtype=object)
        snapshots[period] = replace(snap, status=snap.status.iloc[keep].set_axis(names),
                                    origin=snap.origin.iloc[keep].set_axis(names),
                                    measures=snap.measures.iloc[keep].set_axis(names),
                                    units=snap.units.iloc[keep].set_axis(names))
    register = assessment.communes.iloc[:0, :0] if how == "no register" else assessment.communes
    return Assessment(snapshots, register, targets=assessment.targets, boundaries=assessment.boundaries)


@pytest.mark.parametrize("how", ["empty period", "one commune", "no register", "respelled"])
def test_reshaped_assessments_give_the_reference_figures(generated, how):
    _, loaded, _ = generated
    assessment = _reshaped(loaded, how)
    for period, snap in assessment.snapshots.items():
        for bands in (None, "exact"):
            fast = summarise_snapshot(assessment, snap, bands).to_dict()
            assert fast == asdict(reference.summarise_snapshot(assessment, snap, bands)), (how, period)
        pd.testing.assert_frame_equal(lagging_criteria(snap), reference.lagging_criteria(snap))
        # the explorer's ranking, without the lists of communes: the same rows and numbers
        pd.testing.assert_frame_equal(lagging_criteria(snap, communes=False),
                                      reference.lagging_criteria(snap).drop(columns="missing"))
    for a, b in _pairs(assessment.periods):
        fast, slow = compare(assessment, a, b), reference.compare(assessment, a, b)
        assert _json(fast.to_dict()) == _json(slow.to_dict()), (how, a, b)
    for bands in (None, "exact"):
        pd.testing.assert_frame_equal(trend(assessment, bands), reference.trend(assessment, bands))
    for jump in (1, 5):
        pd.testing.assert_frame_equal(flags(assessment, jump), reference.flags(assessment, jump))
    for check in (lost_criteria, recognised_below_all):
        pd.testing.assert_frame_equal(check(assessment), getattr(reference, check.__name__)(assessment))
    # the respelled names share their keys: aligning by key is not aligning by name there
    assert assessment.numbering.keys_are_names == (how != "respelled")


def test_figures_asked_twice_and_in_another_order_are_the_same(generated):
    """What is kept per snapshot and per pair (alignments, criteria gained and lost, band counts,
    recognised communes) gives the same answers whichever figure asks first."""
    _, loaded, _ = generated
    first, second = _reshaped(loaded, "none"), _reshaped(loaded, "none")
    periods = first.periods
    table = flags(first)  # flags first, then the comparisons
    comparisons = [compare(first, a, b) for a, b in zip(periods, periods[1:])]
    again = [compare(second, a, b) for a, b in zip(periods, periods[1:])]  # comparisons first
    pd.testing.assert_frame_equal(table, flags(second))
    assert comparisons == again
    assert [_json(c.to_dict()) for c in comparisons] == [_json(c.to_dict()) for c in again]
    pd.testing.assert_frame_equal(trend(first, "exact"), trend(second, "exact"))
    pd.testing.assert_frame_equal(trend(first), reference.trend(loaded))


def test_the_shared_arrays_cannot_be_changed_by_a_caller(generated):
    """Arrays kept for the next figure are read-only, so that no caller changes another's."""
    _, assessment, _ = generated
    a, b = assessment.periods[:2]
    result = compare(assessment, a, b)
    for array in (result.changes.gained, result.changes.lost, result.changes.before_at):
        with pytest.raises(ValueError):
            array[...] = 0
    table = lagging_criteria(assessment.snapshot(a))
    table.loc[0, "name_vi"] = "changed"  # a table is the caller's own
    assert lagging_criteria(assessment.snapshot(a)).loc[0, "name_vi"] != "changed"


def test_an_assessment_let_go_of_is_freed_at_once(tmp_path):
    """No cycle holds an assessment (its snapshots reach it weakly): let go of, its memory is
    given back at once, not when the cyclic collector runs (a national history is a gigabyte;
    the benchmark saw two of them alive at once)."""
    import gc
    import weakref

    from ntm_analysis import load, synth

    synth.write(synth.generate(200, 4, 0, end="2024Q4"), tmp_path, forms=("wide", "records"), formats=("parquet",))
    assessment = load([tmp_path / "wide_parquet", tmp_path / "records"])
    snapshot = assessment.snapshot()
    ranked = list(snapshot.names[snapshot.vi_order])
    held = weakref.ref(assessment)
    gc.disable()
    try:
        del assessment
        assert held() is None
    finally:
        gc.enable()
    assert list(snapshot.names[snapshot.vi_order]) == ranked  # alone, it still ranks its names


def test_the_names_in_vietnamese_order_are_the_snapshots_names(tmp_path):
    """Through its assessment a snapshot's names in Vietnamese order are copies laid out in that
    order (``Numbering.in_vi_order``): equal to its own names ranked, in every period (3,000
    communes: ranked as Arrow columns), and each list of communes missing a criterion is the
    plain one, whose row positions (``positions``, the list not made) name the same communes."""
    import numpy as np

    from ntm_analysis import load, synth, text
    from ntm_analysis.figures import lagging_criteria

    synth.write(synth.generate(3000, 3, 1, end="2024Q4"), tmp_path, forms=("wide",), formats=("parquet",))
    assessment = load([tmp_path / "wide_parquet"])
    for period in assessment.periods:
        snapshot = assessment.snapshot(period)
        names = snapshot.names.tolist()
        order = text.vi_order(names)
        ranked = [names[i] for i in order]
        in_order, met = snapshot.in_vi_order
        assert in_order.tolist() == ranked and snapshot.vi_order.tolist() == order.tolist()
        assert np.array_equal(met, snapshot.met_array[order])
        table = lagging_criteria(snapshot)
        for number, missing in zip(table["criterion"], table["missing"]):
            column = snapshot.criteria_set.numbers.index(number)
            assert list(missing) == [n for n, m in zip(ranked, met[:, column]) if not m]
            assert snapshot.names[missing.positions].tolist() == list(missing)  # the same communes, unmade


def test_a_snapshots_status_table_is_column_major_and_counts_as_the_plain_reference(tmp_path):
    """Each criterion's column of a snapshot lies whole in memory (what the figures count and
    mask by); every count and every row taken is numpy's plain answer, and rows taken stay
    column-major."""
    import numpy as np
    import pandas as pd

    from ntm_analysis import load, synth
    from ntm_analysis.model import take_rows

    synth.write(synth.generate(400, 3, 2, end="2024Q4"), tmp_path, forms=("wide",), formats=("csv",))
    assessment = load([tmp_path / "wide_csv"])
    rng = np.random.default_rng(0)
    for period in assessment.periods:
        snapshot = assessment.snapshot(period)
        met = snapshot.met_array
        assert snapshot.codes.flags.f_contiguous and met.flags.f_contiguous
        files = snapshot.origin["file"]  # a category per file, not its path once per row
        assert isinstance(files.dtype, pd.CategoricalDtype) and len(files.cat.categories) == 1
        assert set(files.tolist()) == {str(tmp_path / "wide_csv" / f"ntm_{period}.csv")} and len(files) == len(met)
        assert np.array_equal(snapshot.count_array, np.count_nonzero(met, axis=1))
        assert np.array_equal(snapshot.met_by_criterion, np.count_nonzero(met, axis=0))
        rows = rng.permutation(len(met))[: len(met) // 2]
        taken = take_rows(met, rows)
        assert np.array_equal(taken, np.asarray(met)[rows]) and taken.flags.f_contiguous
    c_order = np.ascontiguousarray(met)
    assert np.array_equal(take_rows(c_order, rows), c_order[rows])
    from ntm_analysis.model import _row_counts
    assert np.array_equal(_row_counts(c_order), np.count_nonzero(c_order, axis=1))

"""The ``ntm`` command: a thin shell over the library (see shared contract).

Exit codes: 0 success; 1 the data has errors (all of them printed, one per line); 2 usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from .bands import BandError, preset_names

# the text encodings --encoding may force (io.sources.ENCODINGS; kept here so that --help does
# not import the readers)
ENCODINGS = ("utf-8", "cp1258", "utf-16", "tcvn3", "vni")

USAGE, DATA = 2, 1


class UsageError(Exception):
    """A request the command cannot serve as asked (exit 2)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ntm", description="Quarterly NTM review figures.")
    commands = parser.add_subparsers(dest="command", required=True)

    def common(sub, period_help=None, json_help=True, lang=False):
        sub.add_argument("paths", nargs="*", metavar="PATH",
                         help="files (.csv, .xlsx, .parquet) and folders; default: the bundled data")
        if period_help:
            sub.add_argument("--period", help=period_help)
        else:
            sub.set_defaults(period=None)
        sub.add_argument("--criteria-set", help="criteria set of files that do not name one "
                         "(e.g. 2016-2020); default: the set in force at the end of the period")
        sub.add_argument("--encoding", type=str.lower, choices=ENCODINGS, help="text encoding of the "
                         "files instead of detecting it (tcvn3, vni: also converts workbook cells typed "
                         "in those fonts)")
        sub.add_argument("--hidden-sheets", action="store_true",
                         help="read hidden worksheets too (skipped with a warning otherwise)")
        if json_help:
            sub.add_argument("--json", action="store_true", help="print only JSON on stdout")
        if lang:
            sub.add_argument("--lang", choices=["vi", "en"], default="vi")

    bands_help = "bands in report order, e.g. 19,12,9,5-8, or a preset: " + ", ".join(preset_names())
    summary = commands.add_parser("summary", help="district figures and report text per period")
    common(summary, "only this period (e.g. 2020Q1); also the period of files that do not state one",
           lang=True)
    summary.add_argument("--bands", help=bands_help)
    summary.add_argument("--truncate", action="store_true",
                         help="cut averages and shares in the text instead of rounding them")
    summary.add_argument("--shares", action="store_true", help="give each band's share: (chiếm 12,4%%)")

    validate = commands.add_parser("validate", help="check the data and list every problem")
    common(validate, "the period of files that do not state their own", json_help=False)

    compare = commands.add_parser("compare", help="criteria gained and lost between two periods")
    common(compare, lang=True)
    compare.add_argument("--from", dest="from_period", required=True, help="the earlier period")
    compare.add_argument("--to", dest="to_period", required=True, help="the later period")
    compare.add_argument("--bands", help=bands_help + " (for communes crossing a band)")
    compare.add_argument("--truncate", action="store_true", help="cut the averages instead of rounding")

    trend = commands.add_parser("trend", help="mean, total, bands and criteria shares per period")
    common(trend)
    trend.add_argument("--bands", help=bands_help)

    flags = commands.add_parser("flags", help="lost criteria, recognised communes below all "
                                "criteria, large jumps, communes appearing or disappearing")
    common(flags)
    flags.add_argument("--jump", type=int, default=5, help="flag changes larger than this (default 5)")

    targets = commands.add_parser("targets", help="each target of the data on a period: level, gap, "
                                  "criteria still missing")
    common(targets, "the period to measure (default: the latest)", lang=True)

    lagging = commands.add_parser("lagging", help="criteria from the least met, with the communes "
                                  "missing each")
    common(lagging, "the period (default: the latest)", lang=True)
    lagging.add_argument("--top", type=int, help="criteria named in the text (default: every "
                         "criterion at the lowest count)")
    report = commands.add_parser("report", help="the quarterly briefing pack: HTML, charts, tables, texts")
    common(report, "the period to review (default: the latest in the data)", json_help=False, lang=True)
    report.add_argument("--out", help="folder to write into (default: reports/PERIOD/)")
    report.add_argument("--bands", help=bands_help)
    report.add_argument("--shares", action="store_true", help="give each band's share in the text")
    return parser


def _period(text: str | None, option: str = "--period") -> str | None:
    from .criteria import period_problem
    from .periods import parse_period

    if text is None:
        return None
    period = parse_period(text)
    if period is None:
        raise UsageError(f"{option} {text!r} is not a quarter (expected e.g. 2020Q1)")
    if (why := period_problem(period)) is not None:
        raise UsageError(f"{option}: {why}")
    return period


def _read(args, missing_period: str):
    from . import _criteria_set, _paths
    from .model import read_assessment

    try:
        criteria_set = _criteria_set(args.criteria_set)
    except ValueError as exc:
        raise UsageError(f"--criteria-set: {exc}") from None
    try:
        return read_assessment(_paths(args.paths), _period(args.period), criteria_set, missing_period,
                               encoding=args.encoding, hidden_sheets=args.hidden_sheets)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from None


def _print_problems(problems, stream) -> None:
    for problem in problems:
        print(problem, file=stream)


def run_validate(args) -> int:
    assessment = _read(args, "warning")
    _print_problems(assessment.problems, sys.stdout)
    errors, warnings = len(assessment.problems.errors), len(assessment.problems.warnings)
    n_communes = sum(len(s.communes) for s in assessment.snapshots.values())
    print(f"{errors} error(s), {warnings} warning(s); {len(assessment.periods)} period(s), "
          f"{n_communes} commune assessments", file=sys.stderr)
    return DATA if errors else 0


def run_summary(args) -> int:
    from . import summarise

    assessment = _load(args)
    period = _known_period(assessment, args.period, "--period")
    try:
        summaries = summarise(assessment, period, args.bands, args.lang, args.truncate, args.shares)
    except BandError as exc:
        raise UsageError(str(exc)) from None
    for s in summaries:
        if s.outside_bands:
            print(f"warning: {s.period}: {len(s.outside_bands)} commune(s) fall in no band: "
                  f"{', '.join(s.outside_bands)}", file=sys.stderr)
    if args.json:
        _json([s.to_dict() for s in summaries])
        return 0
    for s in summaries:
        print(f"{s.period} ({s.criteria_set}, {s.n_communes} {'xã' if args.lang == 'vi' else 'communes'})")
        print(s.text)
        print()
    return 0


def _load(args):
    """The assessment, or UsageError/exit 1 after printing the errors of bad data."""
    assessment = _read(args, "error")
    _print_problems(assessment.problems, sys.stderr)
    if assessment.problems.errors:
        raise DataErrors
    return assessment


class DataErrors(Exception):
    """The data has errors (already printed): exit 1."""


def _known_period(assessment, text: str | None, option: str) -> str | None:
    period = _period(text, option) if text else None
    if period and period not in assessment.periods:
        raise UsageError(f"{option}: no data for period {period} (periods: {', '.join(assessment.periods)})")
    return period


def _json(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    print()


def run_compare(args) -> int:
    from .compare import compare
    from .wording import compare_text

    assessment = _load(args)
    start = _known_period(assessment, args.from_period, "--from")
    end = _known_period(assessment, args.to_period, "--to")
    try:
        result = compare(assessment, start, end, args.bands)
    except BandError as exc:
        raise UsageError(str(exc)) from None
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.json:
        _json(result.to_dict())
        return 0
    print(compare_text(result, args.lang, args.truncate))
    print()
    for c in result.communes:
        if c.gained or c.lost or c.boundary_changed:
            gained = f" +[{', '.join(map(str, c.gained))}]" if c.gained else ""
            lost = f" -[{', '.join(map(str, c.lost))}]" if c.lost else ""
            note = " (boundary changed)" if c.boundary_changed else ""
            print(f"{c.commune}: {c.before} -> {c.after}{gained}{lost}{note}")
    return 0


def run_trend(args) -> int:
    from .compare import trend

    assessment = _load(args)
    try:
        table = trend(assessment, args.bands)
    except BandError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        _json(table.reset_index().to_dict(orient="records"))
    else:
        print(table.to_string(float_format=lambda v: f"{v:.2f}"))
    return 0


def run_flags(args) -> int:
    from .checks import flags

    table = flags(_load(args), args.jump)
    if args.json:
        _json([{k: (None if v is None or v != v else v) for k, v in row.items()}
               for row in table.astype(object).to_dict(orient="records")])
    else:
        for row in table.itertuples(index=False):
            print(f"{row.period_from}->{row.period_to} {row.check} {row.commune}: {row.detail}")
    return 0


def run_targets(args) -> int:
    from .targets import evaluate
    from .wording import target_text

    assessment = _load(args)
    statuses = evaluate(assessment, _known_period(assessment, args.period, "--period"))
    if args.json:
        _json([dict(s.to_dict(), text=target_text(s, args.lang)) for s in statuses])
    else:
        for s in statuses:
            print(f"[{s.state}] {target_text(s, args.lang)}")
    return 0


def run_lagging(args) -> int:
    from .figures import lagging_criteria
    from .wording import lagging_text

    assessment = _load(args)
    snapshot = assessment.snapshot(_known_period(assessment, args.period, "--period"))
    table = lagging_criteria(snapshot)
    if args.json:
        _json({"period": snapshot.period, "text": lagging_text(table, len(snapshot.communes), args.lang,
                                                               args.top),
               "criteria": table.to_dict(orient="records")})
    else:
        print(lagging_text(table, len(snapshot.communes), args.lang, args.top))
        for row in table.itertuples(index=False):
            print(f"{row.criterion:>2} {row.name_vi if args.lang == 'vi' else row.name_en}: "
                  f"{row.n_met}/{len(snapshot.communes)}; missing: {', '.join(row.missing) or '-'}")
    return 0


def run_report(args) -> int:
    from pathlib import Path

    from . import _paths
    from .bands import parse_bands
    from .report import build

    assessment = _load(args)
    period = _known_period(assessment, args.period, "--period") or assessment.periods[-1]
    try:
        parse_bands(args.bands, assessment.snapshot(period).criteria_set.size)
    except BandError as exc:
        raise UsageError(str(exc)) from None
    out = Path(args.out or Path("reports") / period)
    print(f"ntm report: {period} → {out}/", file=sys.stderr)
    written = build(assessment, _paths(args.paths), period, out, args.bands, shares=args.shares,
                    lang=args.lang)
    for path in written:
        print(path)
    return 0


COMMANDS = {"summary": run_summary, "validate": run_validate, "compare": run_compare,
            "trend": run_trend, "flags": run_flags, "targets": run_targets, "lagging": run_lagging,
            "report": run_report}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except DataErrors:
        return DATA
    except BrokenPipeError:  # output piped into `head`: stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except UsageError as exc:
        print(f"ntm {args.command}: error: {exc}", file=sys.stderr)
        return USAGE


if __name__ == "__main__":
    sys.exit(main())

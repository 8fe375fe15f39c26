"""The ``ntm`` command: a thin shell over the library (see shared contract).

Exit codes: 0 success; 1 the data has errors (all of them printed, one per line); 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys

from .bands import BandError, preset_names

USAGE, DATA = 2, 1


class UsageError(Exception):
    """A request the command cannot serve as asked (exit 2)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ntm", description="Quarterly NTM review figures.")
    commands = parser.add_subparsers(dest="command", required=True)

    def common(sub, period_help):
        sub.add_argument("paths", nargs="*", metavar="PATH",
                         help="files (.csv, .xlsx, .parquet) and folders; default: the bundled data")
        sub.add_argument("--period", help=period_help)
        sub.add_argument("--criteria-set", help="criteria set of files that do not name one "
                         "(e.g. 2016-2020); default: the set in force at the end of the period")

    summary = commands.add_parser("summary", help="district figures and report text per period")
    common(summary, "only this period (e.g. 2020Q1); also the period of files that do not state one")
    summary.add_argument("--bands", help="bands in report order, e.g. 19,12,9,5-8, or a preset: "
                         + ", ".join(preset_names()))
    summary.add_argument("--truncate", action="store_true",
                         help="cut averages and shares in the text instead of rounding them")
    summary.add_argument("--shares", action="store_true", help="give each band's share: (chiếm 12,4%%)")
    summary.add_argument("--lang", choices=["vi", "en"], default="vi")
    summary.add_argument("--json", action="store_true", help="print only JSON on stdout")

    validate = commands.add_parser("validate", help="check the data and list every problem")
    common(validate, "the period of files that do not state their own")
    return parser


def _period(text: str | None) -> str | None:
    from .periods import parse_period

    if text is None:
        return None
    period = parse_period(text)
    if period is None:
        raise UsageError(f"--period {text!r} is not a quarter (expected e.g. 2020Q1)")
    return period


def _read(args, missing_period: str):
    from . import _criteria_set, _paths
    from .model import read_assessment

    try:
        criteria_set = _criteria_set(args.criteria_set)
    except ValueError as exc:
        raise UsageError(f"--criteria-set: {exc}") from None
    try:
        return read_assessment(_paths(args.paths), _period(args.period), criteria_set, missing_period)
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

    assessment = _read(args, "error")
    _print_problems(assessment.problems, sys.stderr)
    if assessment.problems.errors:
        return DATA
    period = _period(args.period)
    if period and period not in assessment.periods:
        raise UsageError(f"no data for period {period} (periods: {', '.join(assessment.periods)})")
    try:
        summaries = summarise(assessment, period, args.bands, args.lang, args.truncate, args.shares)
    except BandError as exc:
        raise UsageError(str(exc)) from None
    for s in summaries:
        if s.outside_bands:
            print(f"warning: {s.period}: {len(s.outside_bands)} commune(s) fall in no band: "
                  f"{', '.join(s.outside_bands)}", file=sys.stderr)
    if args.json:
        json.dump([s.to_dict() for s in summaries], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for s in summaries:
        print(f"{s.period} ({s.criteria_set}, {s.n_communes} {'xã' if args.lang == 'vi' else 'communes'})")
        print(s.text)
        print()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return {"summary": run_summary, "validate": run_validate}[args.command](args)
    except UsageError as exc:
        print(f"ntm {args.command}: error: {exc}", file=sys.stderr)
        return USAGE


if __name__ == "__main__":
    sys.exit(main())

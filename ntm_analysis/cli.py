"""The ``ntm`` command: a thin shell over the library (see shared contract).

Exit codes: 0 success; 1 the data has errors (all of them printed, one per line); 2 usage.
Everything a command prints is in its ``--lang`` (Vietnamese by default): results, the data's
problems, warnings, usage errors (argparse's own ones included), progress and stop lines;
``--help`` stays as argparse writes it.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import sys

from .bands import BandError, preset_names
from .vocab_messages import Count, Message, Tally, message_text, reason

# the text encodings --encoding may force (io.sources.ENCODINGS; kept here so that --help does
# not import the readers)
ENCODINGS = ("utf-8", "cp1258", "utf-16", "tcvn3", "vni")

USAGE, DATA = 2, 1


class UsageError(Exception):
    """A request the command cannot serve as asked (exit 2); its message is a ``Message`` (a
    message id with values) or one taken from the library's exception."""

    def __init__(self, message, /, **params):
        self.message = message if isinstance(message, Message) else Message(message, **params)
        super().__init__(self.message)


# argparse's own usage errors as it words them (Python 3.11-3.13), read back into messages that
# are said in the command's language; any other is kept as argparse words it
_ARGPARSE_WORDS = tuple((re.compile(pattern), key) for pattern, key in (
    (r"argument (?P<arg>.+?): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)$",
     "arg_invalid_choice"),
    (r"argument (?P<arg>.+?): expected one argument$", "arg_expected_one"),
    (r"argument (?P<arg>.+?): invalid (?P<kind>\S+) value: (?P<value>.+)$", "arg_invalid_value"),
    (r"argument (?P<arg>.+?): not allowed with argument (?P<other>.+)$", "arg_not_allowed_with"),
    (r"the following arguments are required: (?P<args>.+)$", "arg_required"),
    (r"unrecognized arguments: (?P<args>.+)$", "arg_unrecognized"),
))


class _Parser(argparse.ArgumentParser):
    """argparse's parser, its own usage errors (an invalid choice, a missing or unknown
    argument) said in the command line's ``--lang`` like every other usage error (exit 2)."""

    def __init__(self, *args, lang: str = "vi", **kwargs):
        super().__init__(*args, **kwargs)
        self.lang = lang

    def error(self, message: str):
        from .vocab import phrases

        found = next(((pattern.match(message), key) for pattern, key in _ARGPARSE_WORDS
                      if pattern.match(message)), (None, None))
        said = Message(found[1], **found[0].groupdict()) if found[0] else Message("text", text=message)
        formatter = self._get_formatter()  # format_usage's own steps, with the prefix in the language
        formatter.add_usage(self.usage, self._actions, self._mutually_exclusive_groups,
                            phrases(self.lang, "cli")["usage_prefix"])
        usage = formatter.format_help()
        self.exit(USAGE, usage + Message("usage_line", command=self.prog, message=said).text(self.lang) + "\n")


def _parser(lang: str = "vi") -> argparse.ArgumentParser:
    parser = _Parser(prog="ntm", description="Quarterly NTM review figures.", lang=lang)
    parser.add_argument("--version", action=_Version, help="print the package's version and exit")
    commands = parser.add_subparsers(dest="command", required=True,
                                     parser_class=functools.partial(_Parser, lang=lang))

    def common(sub, period_help=None, json_help=True, lang=True):
        sub.add_argument("paths", nargs="*", metavar="PATH",
                         help="files (.csv, .txt, .xlsx, .parquet) and folders; default: the bundled data")
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
            _lang_option(sub)

    bands_help = "bands in report order, e.g. 19,12,9,5-8, or a preset: " + ", ".join(preset_names())
    summary = commands.add_parser("summary", help="district figures and report text per period")
    common(summary, "only this period (e.g. 2020Q1); also the period of files that do not state one")
    summary.add_argument("--bands", help=bands_help)
    summary.add_argument("--truncate", action="store_true",
                         help="cut averages and shares in the text instead of rounding them")
    summary.add_argument("--shares", action="store_true", help="give each band's share: (chiếm 12,4%%)")
    _by_option(summary)

    validate = commands.add_parser("validate", help="check the data and list every problem")
    common(validate, "the period of files that do not state their own", json_help=False)

    compare = commands.add_parser("compare", help="criteria gained and lost between two periods")
    common(compare)
    compare.add_argument("--from", dest="from_period", required=True, help="the earlier period")
    compare.add_argument("--to", dest="to_period", required=True, help="the later period")
    compare.add_argument("--bands", help=bands_help + " (for communes crossing a band)")
    compare.add_argument("--truncate", action="store_true", help="cut the averages instead of rounding")
    _by_option(compare)

    trend = commands.add_parser("trend", help="mean, total, bands and criteria shares per period")
    common(trend)
    trend.add_argument("--bands", help=bands_help)
    _by_option(trend)

    flags = commands.add_parser("flags", help="lost criteria, recognised communes not meeting all "
                                "criteria, large jumps, communes appearing or disappearing")
    common(flags)
    flags.add_argument("--jump", type=int, default=5, help="flag changes larger than this (default 5)")

    targets = commands.add_parser("targets", help="each target of the data on a period: level, gap, "
                                  "criteria still missing")
    common(targets, "the period to measure (default: the latest)")
    _by_option(targets)

    lagging = commands.add_parser("lagging", help="criteria from the least met, with the communes "
                                  "missing each")
    common(lagging, "the period (default: the latest)")
    lagging.add_argument("--top", type=int, help="name the N least met criteria in the text, and any "
                         "criterion tied with the N-th (default: every criterion at the lowest count)")
    _by_option(lagging)
    report = commands.add_parser("report", help="the quarterly briefing pack: HTML, charts, tables, texts")
    common(report, "the period to review (default: the latest in the data)", json_help=False)
    report.add_argument("--out", help="folder to write into (default: reports/PERIOD/)")
    report.add_argument("--bands", help=bands_help)
    report.add_argument("--shares", action="store_true", help="give each band's share in the text")
    report.add_argument("--slides", action="store_true", help="also write 16:9 chart versions (*_16x9)")

    record = commands.add_parser("record", help="record the checksums of data files in their folder's "
                                 "provenance.json, deliberately, with a reason kept there")
    record.add_argument("paths", nargs="+", metavar="PATH", help="files and folders to record")
    record.add_argument("--reason", required=True, help="why the recorded file changed (kept in the sidecar)")
    _lang_option(record)

    explore = commands.add_parser("explore", help="the explorer dashboard in a browser (Voilà on 127.0.0.1)")
    common(explore, json_help=False)
    explore.add_argument("--port", type=int, help="port to serve on (default: a free one)")
    explore.add_argument("--open", action="store_true", help="open it in the default browser")
    return parser


# the levels --by splits into (model.UNIT_LEVELS; kept here so that --help does not import pandas)
BY_LEVELS = ("district", "province")


def _by_option(sub) -> None:
    sub.add_argument("--by", choices=BY_LEVELS, help="one result per unit (district or province), the units "
                     "ranked; districts exist until 30/6/2025")


def _lang_option(sub) -> None:
    sub.add_argument("--lang", choices=["vi", "en"], default="vi",
                     help="language of everything the command prints (default: vi)")


def _period(text: str | None, option: str = "--period") -> str | None:
    from .criteria import period_problem
    from .periods import parse_period

    if text is None:
        return None
    period = parse_period(text)
    if period is None:
        raise UsageError("not_a_quarter", option=option, text=text)
    if (why := period_problem(period)) is not None:
        raise UsageError("option_reason", option=option, reason=why)
    return period


def _read(args, missing_period: str):
    from . import _criteria_set, _paths
    from .model import read_assessment

    try:
        criteria_set = _criteria_set(args.criteria_set)
    except ValueError as exc:
        raise UsageError("option_reason", option="--criteria-set", reason=reason(exc)) from None
    try:
        return read_assessment(_paths(args.paths), _period(args.period), criteria_set, missing_period,
                               encoding=args.encoding, hidden_sheets=args.hidden_sheets)
    except FileNotFoundError as exc:  # NotData too: a named report pack
        raise UsageError(reason(exc)) from None


def _print_problems(problems, stream, lang: str) -> None:
    for problem in problems:
        print(problem.text(lang), file=stream)


def _warn(message: Message, lang: str) -> None:
    """A warning on stderr: "cảnh báo: …" / "warning: …"."""
    print(Message("warning_line", message=message).text(lang), file=sys.stderr)


def run_validate(args) -> int:
    assessment = _read(args, "warning")
    _print_problems(assessment.problems, sys.stdout, args.lang)
    errors, warnings = len(assessment.problems.errors), len(assessment.problems.warnings)
    n_communes = sum(len(s.communes) for s in assessment.snapshots.values())
    print(Message("validate_summary", errors=Count(errors), warnings=Count(warnings),
                  periods=Count(len(assessment.periods)), assessments=Count(n_communes)).text(args.lang),
          file=sys.stderr)
    return DATA if errors else 0


def run_summary(args) -> int:
    from . import summarise

    assessment = _load(args)
    period = _known_period(assessment, args.period, "--period")
    if args.by:
        return _summary_by(args, assessment, period)
    try:
        summaries = summarise(assessment, period, args.bands, args.lang, args.truncate, args.shares)
    except BandError as exc:
        raise UsageError(exc.message) from None
    from .vocab_messages import period_ref

    for s in summaries:
        if s.outside_bands:
            _warn(Message("outside_bands", period=period_ref(s.period), n=Tally(len(s.outside_bands)),
                          names=", ".join(s.outside_bands)), args.lang)
    if args.json:
        _json([s.to_dict() for s in summaries])
        return 0
    from .vocab import count_noun, phrases, quarter_label

    for s in summaries:
        print(phrases(args.lang, "summary")["head"].format(period=quarter_label(s.period, args.lang),
                                                          criteria_set=s.criteria_set,
                                                          n=count_noun(s.n_communes, "commune", args.lang)))
        print(s.text)
        print()
    return 0


def _summary_by(args, assessment, period: str | None) -> int:
    """``ntm summary --by``: per period, the units ranked in a table and one paragraph per unit in
    the style of the commune-level paragraph, then who leads and trails; with ``--json`` one object
    per unit and period (the summary's keys, ``unit`` and ``level``, ``text`` the unit's paragraph)."""
    from .units import unit_summaries
    from .vocab_messages import period_ref
    from .wording import ranking_sentence, unit_paragraph

    periods = _by_periods(args, assessment, [period] if period else assessment.periods)
    try:
        per_period = [(p, unit_summaries(assessment, p, args.by, args.bands)) for p in periods]
    except BandError as exc:
        raise UsageError(exc.message) from None
    for p, units in per_period:
        outside = [name for u in units for name in u.outside_bands]
        if outside:
            _warn(Message("outside_bands", period=period_ref(p), n=Tally(len(outside)), names=", ".join(outside)), args.lang)
    texts = {id(u): unit_paragraph(u, args.lang, args.truncate, args.shares) for _, units in per_period for u in units}
    if args.json:
        _json([{"level": u.level, "unit": u.unit, **u.to_dict(), "text": texts[id(u)]}
               for _, units in per_period for u in units])
        return 0
    from .terminal import units_table
    from .vocab import count_noun, phrases, quarter_label

    for p, units in per_period:
        n = sum(u.n_communes for u in units)
        print(phrases(args.lang, "summary")["head"].format(period=quarter_label(p, args.lang),
                                                          criteria_set=units[0].criteria_set,
                                                          n=count_noun(n, "commune", args.lang)))
        print(units_table(units, args.lang))
        print()
        for u in units:
            print(texts[id(u)])
        ranking = ranking_sentence(units, args.lang, args.truncate)
        if ranking:
            print(ranking)
        print()
    return 0


def _by_periods(args, assessment, periods: list[str]) -> list[str]:
    """The periods that can be split at ``--by``'s level, with a warning naming those left out;
    a usage error (why) when none can: districts from 1/7/2025, data naming no such unit."""
    from .units import NoUnits, periods_with_units

    try:
        kept, left = periods_with_units(assessment, args.by, periods)
    except NoUnits as exc:
        raise UsageError(exc.message) from None
    if left:
        from .units import DISTRICTS_ABOLISHED
        from .periods import period_end
        from .vocab_messages import day_ref, period_ref

        refs = [period_ref(p) for p in left]
        if args.by == "district" and all(period_end(p) >= DISTRICTS_ABOLISHED for p in left):
            _warn(Message("by_left_out_abolished", n=len(left), periods=refs, date=day_ref(DISTRICTS_ABOLISHED)),
                  args.lang)
        else:
            _warn(Message("by_left_out", level=args.by, n=len(left), periods=refs), args.lang)
    return kept


def _by_warnings(results, lang: str) -> None:
    """The warnings of each unit's comparison: one said by every unit once, the others with the
    unit's name in front."""
    from .wording import unit_lead

    said = {}
    for r in results:
        for warning in r.result.warnings:
            said.setdefault(warning, []).append(r)
    for warning, units in said.items():
        if len(units) == len(results):
            _warn(warning, lang)
        else:
            for r in units:
                _warn(Message("text", text=unit_lead(r.level, r.unit, warning.text(lang), lang)), lang)


def _load(args):
    """The assessment, or UsageError/exit 1 after printing the errors of bad data."""
    assessment = _read(args, "error")
    _print_problems(assessment.problems, sys.stderr, args.lang)
    if assessment.problems.errors:
        raise DataErrors
    return assessment


class DataErrors(Exception):
    """The data has errors (already printed): exit 1."""


def _known_period(assessment, text: str | None, option: str) -> str | None:
    period = _period(text, option) if text else None
    if period and period not in assessment.periods:
        raise UsageError("no_data_for_period", option=option, period=period, periods=", ".join(assessment.periods))
    return period


def _json(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=_json_value)
    print()


def _json_value(value):
    """What JSON does not know: a list made when read (``figures.MissingNames``) as the list
    it is, anything else (dates, paths) as its text."""
    from collections import UserList

    return value.data if isinstance(value, UserList) else str(value)


def run_compare(args) -> int:
    from .compare import compare
    from .wording import compare_text

    assessment = _load(args)
    start = _known_period(assessment, args.from_period, "--from")
    end = _known_period(assessment, args.to_period, "--to")
    if start == end:
        raise UsageError("same_periods", period=start)
    if start > end:  # the library compares either way; the command reads "from" as the earlier
        raise UsageError("from_after_to", start=start, end=end)
    if args.by:
        return _compare_by(args, assessment, start, end)
    try:
        result = compare(assessment, start, end, args.bands)
    except BandError as exc:
        raise UsageError(exc.message) from None
    for warning in result.warnings:
        _warn(warning, args.lang)
    if args.json:
        _json(result.to_dict())
        return 0
    from .terminal import compare_table
    from .wording import lists_in

    changes = compare_table(result, args.lang)
    with lists_in("table" if changes else "json"):  # the communes changed are listed just below
        print(compare_text(result, args.lang, args.truncate))
    if changes:
        print()
        print(changes)
    return 0


def _compare_by(args, assessment, start: str, end: str) -> int:
    """``ntm compare --by``: the units ranked by the change of their average, in a table (criteria
    and communes gained and lost), then each unit's comparison paragraph."""
    from .units import NoUnits, unit_comparisons
    from .wording import compare_text, unit_lead

    try:
        results, single = unit_comparisons(assessment, start, end, args.by, args.bands)
    except NoUnits as exc:
        raise UsageError(exc.message) from None
    except BandError as exc:
        raise UsageError(exc.message) from None
    if single:
        _warn(Message("by_one_period", level=args.by, units=", ".join(u or "\u2014" for u in single)), args.lang)
    _by_warnings(results, args.lang)
    if args.json:
        _json([{"level": r.level, "unit": r.unit, **r.result.to_dict()} for r in results])
        return 0
    from .terminal import unit_compare_table

    print(unit_compare_table(results, args.lang))
    print()
    for r in results:
        print(unit_lead(r.level, r.unit, compare_text(r.result, args.lang, args.truncate), args.lang))
    return 0


def run_trend(args) -> int:
    from .compare import trend

    assessment = _load(args)
    if args.by:
        return _trend_by(args, assessment)
    try:
        table = trend(assessment, args.bands)
    except BandError as exc:
        raise UsageError(exc.message) from None
    if args.json:
        _json(table.reset_index().to_dict(orient="records"))
    else:
        from .terminal import trend_text

        print(trend_text(table, args.lang))
    return 0


def _trend_by(args, assessment) -> int:
    """``ntm trend --by``: each unit's series (average, communes meeting all criteria) period by
    period, the units in the ranking of their latest period; ``--json``: trend's records per unit."""
    from .units import unit_trend

    periods = _by_periods(args, assessment, assessment.periods)
    try:
        frame = unit_trend(assessment, args.by, args.bands, periods)
    except BandError as exc:
        raise UsageError(exc.message) from None
    if args.json:
        _json(frame.astype(object).where(frame.notna(), None).to_dict(orient="records"))
    else:
        from .terminal import unit_trend_text

        print(unit_trend_text(frame, args.by, args.lang))
    return 0


def run_flags(args) -> int:
    from .checks import flags

    assessment = _load(args)
    table = flags(assessment, args.jump)
    if args.json:  # the keys as they are; the human text (detail) in the language
        details = [_flag_detail(assessment, row, args.lang, args.jump) for row in table.itertuples(index=False)]
        _json([{k: (None if v is None or v != v else v) for k, v in dict(row, detail=detail).items()}
               for row, detail in zip(table.astype(object).to_dict(orient="records"), details)])
    else:
        for row in table.itertuples(index=False):
            print(_flag_line(assessment, row, args.lang, args.jump))
    return 0


def _flag_line(assessment, row, lang: str, jump: int) -> str:
    """One flag of ``checks.flags`` in the language: period, kind, commune and what happened."""
    from .vocab import flag_label, quarter_label

    return (f"{quarter_label(row.period_to, lang)} \u2014 {flag_label(row.check, lang)}: {row.commune}: "
            f"{_flag_detail(assessment, row, lang, jump)}")


def _flag_detail(assessment, row, lang: str, jump: int) -> str:
    """What a flag says happened, in the language ("công nhận năm 2017, hiện đạt 18/19 tiêu chí; …")."""
    from .review import flag_of_row
    from .wording import flag_text

    flag = flag_of_row(assessment, row, jump)
    return flag_text(flag, lang, assessment.snapshot(row.period_to).criteria_set)


def run_targets(args) -> int:
    from .targets import evaluate, pilot_communes
    from .vocab import target_communes
    from .wording import target_text

    assessment = _load(args)
    if args.by:
        return _targets_by(args, assessment)
    statuses = evaluate(assessment, _known_period(assessment, args.period, "--period"))
    named = {"pilots": pilot_communes(assessment), "communes_of": target_communes(statuses)}  # as the pack names them
    if args.json:
        _json([dict(s.to_dict(), text=target_text(s, args.lang, **named)) for s in statuses])
    else:
        import pandas as pd

        from .review import data_sources, unit_of
        from .vocab import target_state_label
        from .wording import targets_heading

        period = _known_period(assessment, args.period, "--period") or assessment.periods[-1]  # as evaluate's
        snap = assessment.snapshot(period)
        register = assessment.communes.reindex(snap.communes) if len(assessment.communes.columns) else \
            pd.DataFrame(index=pd.Index(snap.communes, name="commune"))
        print(targets_heading(unit_of(register, data_sources(assessment), snap.units).label(args.lang), period,
                              args.lang))
        for s in statuses:  # the state once, in brackets, in the one vocabulary of target states
            print(f"[{target_state_label(s.state, args.lang)}] {target_text(s, args.lang, with_state=False, **named)}")
    return 0


def _targets_by(args, assessment) -> int:
    """``ntm targets --by``: each unit's targets (the whole-unit targets measured on its communes,
    the targets of its communes) counted by state in a table, then one line per target."""
    from .targets import pilot_communes
    from .units import NoUnits, unit_targets
    from .vocab import target_communes, target_state_label
    from .wording import target_text, unit_lead

    try:
        results = unit_targets(assessment, _known_period(assessment, args.period, "--period"), args.by)
    except NoUnits as exc:
        raise UsageError(exc.message) from None
    pilots = pilot_communes(assessment)
    named = {id(r): {"pilots": pilots, "communes_of": target_communes(r.result)} for r in results}
    if args.json:  # a target's own "unit" is its unit of measure: the unit's targets go in a list
        _json([{"level": r.level, "unit": r.unit, "period": r.summary.period,
                "targets": [dict(s.to_dict(), text=target_text(s, args.lang, **named[id(r)])) for s in r.result]}
               for r in results])
        return 0
    from .terminal import unit_targets_table

    print(unit_targets_table(results, args.lang))
    for r in results:
        if r.result:
            print()
        for s in r.result:
            print(unit_lead(r.level, r.unit, f"[{target_state_label(s.state, args.lang)}] "
                                             f"{target_text(s, args.lang, with_state=False, **named[id(r)])}",
                            args.lang))
    return 0


def run_lagging(args) -> int:
    from .figures import lagging_criteria
    from .wording import lagging_text

    if args.top is not None and args.top < 1:
        raise UsageError("top_at_least_one", n=args.top)
    assessment = _load(args)
    if args.by:
        return _lagging_by(args, assessment)
    snapshot = assessment.snapshot(_known_period(assessment, args.period, "--period"))
    table = lagging_criteria(snapshot)
    if args.json:
        _json({"period": snapshot.period, "text": lagging_text(table, len(snapshot.communes), args.lang,
                                                               args.top),
               "criteria": table.to_dict(orient="records")})
    else:
        from .terminal import lagging_rows

        print(lagging_text(table, len(snapshot.communes), args.lang, args.top))
        for line in lagging_rows(table, len(snapshot.communes), args.lang):
            print(line)
    return 0


def _lagging_by(args, assessment) -> int:
    """``ntm lagging --by``: each unit's least met criteria (``--top`` as without ``--by``) in a
    table, then per unit the sentence and the rows of the criteria it names."""
    from .figures import least_met, least_met_top
    from .units import NoUnits, unit_lagging
    from .wording import lagging_text, unit_lead

    period = _known_period(assessment, args.period, "--period")
    try:
        results = unit_lagging(assessment, period, args.by)
    except NoUnits as exc:
        raise UsageError(exc.message) from None
    texts = [lagging_text(r.result, r.summary.n_communes, args.lang, args.top) for r in results]
    if args.json:
        _json([{"level": r.level, "unit": r.unit, "period": r.summary.period, "text": text,
                "criteria": r.result.to_dict(orient="records")} for r, text in zip(results, texts)])
        return 0
    from .terminal import lagging_rows, unit_lagging_table

    print(unit_lagging_table(results, args.lang, args.top))
    for r, text in zip(results, texts):
        print()
        print(unit_lead(r.level, r.unit, text, args.lang))
        named = least_met(r.result) if args.top is None else least_met_top(r.result, args.top)
        for line in lagging_rows(named, r.summary.n_communes, args.lang):
            print("  " + line)
    return 0


def run_report(args) -> int:
    from pathlib import Path

    from . import _paths
    from .bands import parse_bands
    from .io import Options, data_files
    from .pack import PackError, check_destination, sha256, write_pack
    from .report import build

    if args.out is not None:
        _check_out(args.out, check_destination, PackError)
    assessment = _load(args)
    period = _known_period(assessment, args.period, "--period") or assessment.periods[-1]
    try:
        parse_bands(args.bands, assessment.snapshot(period).criteria_set.size)
    except BandError as exc:
        raise UsageError(exc.message) from None
    from .vocab import phrases

    out = Path(args.out or Path("reports") / period)
    _check_out(out, check_destination, PackError)
    paths = _paths(args.paths)
    inputs = {source: sha256(path) for path, source in data_files(paths, Options(encoding=args.encoding))}
    meta = {"version": _version(), "command": args.command_line, "period": period}
    say = _progress
    say(phrases(args.lang, "cli")["report_head"].format(period=period, out=out))

    def build_into(folder):
        build(assessment, paths, period, folder, args.bands, progress=say, shares=args.shares,
              lang=args.lang, slides=args.slides)

    try:
        written = write_pack(out, build_into, inputs=inputs, meta=meta, progress=say,
                             waiting=phrases(args.lang, "cli")["waiting"])
    except PackError as exc:
        raise UsageError("option_reason", option="--out", reason=reason(exc)) from None
    for path in written:
        print(path)
    return 0


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _check_out(out, check, error) -> None:
    try:
        check(out)
    except error as exc:
        raise UsageError("option_reason", option="--out", reason=reason(exc)) from None


class _Version(argparse.Action):
    """``ntm --version``: the version looked up only when asked (``--help`` stays quick)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"ntm {_version()}")
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ntm_analysis")
    except PackageNotFoundError:
        return "unknown"


def run_record(args) -> int:
    from .io import Options, data_files
    from .io.provenance import record

    try:
        files = data_files(args.paths, Options(encoding=getattr(args, "encoding", None)))
    except FileNotFoundError as exc:
        raise UsageError(reason(exc)) from None
    if not files:
        raise UsageError("nothing_to_record")
    try:
        lines = record(files, args.reason)
    except ValueError as exc:
        raise UsageError(reason(exc)) from None
    for line in lines:
        print(message_text(line, args.lang))
    return 0


def run_explore(args) -> int:
    """Serve the explorer until Ctrl-C: the address on stdout; stopping says one line, exit 130."""
    from . import _paths
    from .explore import ExploreError, PortInUse, Stopped, serve

    _load(args)  # bad data is said here, as by every command, not in the browser
    try:
        serve(_paths(args.paths), port=args.port, open_browser=args.open, lang=args.lang,
              reading={"criteria_set": args.criteria_set, "encoding": args.encoding,
                       "hidden_sheets": args.hidden_sheets})
    except Stopped as stop:
        print(Message("explore_stopped", command="ntm explore", how=str(stop)).text(args.lang), file=sys.stderr)
        return stop.code
    except ExploreError as exc:
        print(Message("usage_line", command="ntm explore", message=reason(exc)).text(args.lang), file=sys.stderr)
        return USAGE if isinstance(exc, PortInUse) else DATA
    return 0


COMMANDS = {"summary": run_summary, "validate": run_validate, "compare": run_compare,
            "trend": run_trend, "flags": run_flags, "targets": run_targets, "lagging": run_lagging,
            "report": run_report, "record": run_record, "explore": run_explore}
INTERRUPTED, TERMINATED = 130, 143


class Terminated(BaseException):
    """SIGTERM, raised where the program is so that every cleanup runs, as for Ctrl-C."""


def _terminate(signum, frame):
    raise Terminated


def main(argv: list[str] | None = None) -> int:
    import shlex
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    argv = sys.argv[1:] if argv is None else list(argv)
    name, lang = "ntm", _lang_asked(argv)
    try:
        args = _parser(lang).parse_args(argv)
        name, lang = f"ntm {args.command}", getattr(args, "lang", lang)
        args.command_line = shlex.join(["ntm", *argv])
        if args.command in ("report", "explore"):
            return COMMANDS[args.command](args)
        from .wording import lists_in

        with lists_in("json"):  # the terminal has no workbook: long lists are in --json
            return COMMANDS[args.command](args)
    except DataErrors:
        return DATA
    except BrokenPipeError:  # output piped into `head`: stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except UsageError as exc:
        print(Message("usage_line", command=name, message=exc.message).text(lang), file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        print(_stop_line("interrupted", name, lang), file=sys.stderr)
        return INTERRUPTED
    except Terminated:
        print(_stop_line("terminated", name, lang), file=sys.stderr)
        return TERMINATED


def _lang_asked(argv: list[str]) -> str:
    """The ``--lang`` of a command line not yet parsed (for a stop during parsing): vi unless
    ``--lang en`` (or ``--lang=en``) is given."""
    for i, arg in enumerate(argv):
        if arg == "--lang=en" or (arg == "--lang" and argv[i + 1:i + 2] == ["en"]):
            return "en"
    return "vi"


def _stop_line(key: str, command: str, lang: str) -> str:
    from .vocab import phrases

    return phrases(lang, "cli")[key].format(command=command)


if __name__ == "__main__":
    sys.exit(main())

"""Report paragraphs as district reports write them, from the vocabulary's phrase tables.

"Tính đến ngày 31/3/2020, toàn huyện có 19 xã thực hiện Bộ tiêu chí quốc gia về xã nông thôn
mới giai đoạn 2016–2020, trong đó có 04 xã đạt 19 tiêu chí, …" Every word comes from
``vocab``; this module only chooses phrases and fills them with formatted figures, so the same
code writes both languages.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from fractions import Fraction

from .figures import BandCount, PeriodSummary
from .periods import shift
from .vocab import (LANGS, check_lang, count_noun, criterion_name, count_text, date_text, display_text, flag_label,
                    join_names, level_text, noun, phrases, quarter_label, quarter_short, share_text,
                    target_communes, target_title, toward_text)
from .vocab import FLAG_DETAILS, SHEETS
from .text import format_count, format_decimal, vi_sort_key, vi_sorted

__all__ = ["LANGS", "band_phrase", "share_text", "band_sentence", "summary_text", "change_phrase",
           "compare_text", "target_text", "target_sentences", "lagging_text", "lagging_sentence",
           "recognition_text", "band_table", "report_sections", "report_text", "flag_text", "Section"]


# Lists of communes in a sentence are given in full up to this many; beyond, the sentence
# counts them and the workbook lists them (a national file has thousands).
NAMES_LIMIT = 30
_LISTS_IN: ContextVar[str] = ContextVar("lists_in", default="workbook")


@contextmanager
def lists_in(where: str):
    """Say where the full lists are while texts are written: "workbook" (the review pack's, by
    default), "json" (a command's ``--json`` output: the terminal has no workbook) or "table"
    (the table the command prints under the text)."""
    token = _LISTS_IN.set(where)
    try:
        yield
    finally:
        _LISTS_IN.reset(token)


def _listed(lang: str) -> str:
    """"danh sách trong bảng tính" / "listed in full with --json": where a counted list is."""
    return phrases(lang, "report")["listed_" + _LISTS_IN.get()]


def names_text(names, lang: str = "vi", sep: str = ", ") -> str:
    """Names in full, or beyond ``NAMES_LIMIT`` their count and where the list is."""
    names = list(names)
    if len(names) <= NAMES_LIMIT:
        return sep.join(names)
    return phrases(lang, "report")["many"].format(n=count_noun(len(names), "commune", lang), listed=_listed(lang))


def _set_name(name: str) -> str:
    """A criteria set's years with an en dash, as printed: "2016–2020"."""
    return name.replace("-", "\u2013")


def band_phrase(band: BandCount, lang: str) -> str:
    """How a band is named: "19 tiêu chí", "từ 5 đến 8 tiêu chí", "dưới 5 tiêu chí"."""
    say = phrases(lang, "band")
    if band.low == band.high:
        return say["exact"].format(level=band.low, cnoun=noun(band.low, "criterion", lang))
    if band.low == 0:
        return say["under"].format(limit=band.high + 1)
    return say["range"].format(low=band.low, high=band.high)


def band_sentence(summary: PeriodSummary, lang: str = "vi", truncate: bool = False,
                  shares: bool = False) -> str:
    """The bands with at least one commune, in the order given, joined as one clause."""
    say = phrases(lang, "summary")
    parts = []
    for band in summary.bands:
        if band.n == 0:
            continue
        values = {"n": count_text(band.n, lang), "noun": noun(band.n, "commune", lang), "level": band.low,
                  "cnoun": noun(band.low, "criterion", lang), "low": band.low, "high": band.high,
                  "limit": band.high + 1}
        key = "band_exact" if band.low == band.high else "band_under" if band.low == 0 else "band_range"
        part = say[key].format(**values)
        if shares:
            part += say["share"].format(share=share_text(band.n, summary.n_communes, lang, truncate))
        parts.append(part)
    return ", ".join(parts)


def summary_text(summary: PeriodSummary, lang: str = "vi", truncate: bool = False,
                 shares: bool = False) -> str:
    """The report paragraph of one period's figures (the contract's ``text``)."""
    check_lang(lang)
    bands = band_sentence(summary, lang, truncate, shares)
    text = (f"{bands[:1].upper() + bands[1:]}. " if bands else "") + _totals(summary, lang, truncate)
    return text


def _totals(summary: PeriodSummary, lang: str, truncate: bool) -> str:
    say = phrases(lang, "summary")
    text = say["totals"].format(total=format_count(summary.total_met, lang),
                                mean=format_decimal(summary.mean_exact, 2, lang, truncate))
    if summary.total_basically_met:
        text += say["basic"].format(basic=count_text(summary.total_basically_met, lang))
    return text


# ---------------------------------------------------------------------------------------------
# Comparisons
# ---------------------------------------------------------------------------------------------

_CHANGE = {"vi": ("tăng", "giảm", "không đổi"), "en": ("up", "down", "unchanged")}


def change_phrase(delta: Fraction, decimals: int, lang: str, truncate: bool = False) -> str:
    """"tăng 0,58" / "giảm 1" / "không đổi", by the rounded (or cut) size of the change."""
    up, down, same = _CHANGE[check_lang(lang)]
    size = format_decimal(abs(delta), decimals, lang, truncate)
    if not any(digit in size for digit in "123456789"):  # rounds (or is cut) to nothing
        return same
    return f"{up if delta > 0 else down} {size}"


def _change(before, after, decimals: int, unit: str, lang: str, truncate: bool) -> str:
    """"tăng 16 tiêu chí (từ 187 lên 203)" / "không đổi (203 tiêu chí)"."""
    say = phrases(lang, "compare")
    delta = Fraction(after) - Fraction(before)
    size = format_decimal(abs(delta), decimals, lang, truncate)
    values = {"size": size, "unit": say[unit], "before": format_decimal(Fraction(before), decimals, lang, truncate),
              "after": format_decimal(Fraction(after), decimals, lang, truncate)}
    if not any(digit in size for digit in "123456789"):
        return say["same"].format(**values)
    return say["up" if delta > 0 else "down"].format(**values)


def compare_text(comparison, lang: str = "vi", truncate: bool = False, see_section: int | None = None) -> str:
    """The comparison paragraph: total and mean change, communes gaining criteria and, counted
    apart, communes losing one (a commune that gained two and lost one is in both), communes
    reaching all criteria, and the communes or boundaries that changed. With ``see_section`` the
    communes losing a criterion are counted and the reader sent to that section for their names."""
    c, say = comparison, phrases(lang, "compare")
    if c.year_on_year:
        ref = say["ref_year_ago"].format(year=c.from_period[:4], period=quarter_short(c.from_period, lang))
    else:
        ref = say["ref_previous"].format(period=quarter_short(c.from_period, lang))
    mean_change = _change(c.mean_before_exact, c.mean_after_exact, 2, "unit_mean", lang, truncate)
    if not sets_comparable(c):  # 19 → 10 criteria: neither totals nor means nor "all criteria"
        text = sets_sentence(c, lang)
        if getattr(c, "reorganised", False):
            text += reorganised_sentence(c, lang)
    elif getattr(c, "reorganised", False):  # a merger: the totals count different communes
        text = say["head_reorganised"].format(
            ref=ref, **_reorganisation(c, lang), period_before=quarter_short(c.from_period, lang),
            period_after=quarter_short(c.to_period, lang),
            mean_before=format_decimal(c.mean_before_exact, 2, lang, truncate),
            mean_after=format_decimal(c.mean_after_exact, 2, lang, truncate))
    else:
        text = say["head"].format(
            ref=ref, total_change=_change(c.total_before, c.total_after, 0, "unit_total", lang, False),
            mean_change=mean_change)
    if not sets_comparable(c):
        pass  # said above; no per-criterion change across the sets
    elif c.criteria_compared:
        gained = [x for x in c.communes if x.gained]
        lost = sorted((x for x in c.communes if x.lost), key=lambda x: vi_sort_key(x.commune))  # as a reader looks
        said = say["gained"].format(n=count_noun(len(gained), "commune", lang)) if gained else say["gained_none"]
        part = compared_part(c)
        if part is not None:  # a merger left only some communes to compare: how many
            said = say["compared_part"].format(n=count_noun(part, "commune", lang)) + said[0].lower() + said[1:]
        text += " " + said
        if lost and see_section:
            text += say["lost_ref"].format(n=count_noun(len(lost), "commune", lang), section=see_section)
        elif len(lost) > NAMES_LIMIT:  # counted once, and where the list is
            text += say["lost_many"].format(n=count_noun(len(lost), "commune", lang), listed=_listed(lang))
        elif lost:
            items = names_text([say["lost_item"].format(commune=x.commune, criteria=", ".join(map(str, x.lost)),
                                                        cnoun=noun(len(x.lost), "criterion", lang)) for x in lost],
                               lang, "; ")
            text += say["lost"].format(n=count_noun(len(lost), "commune", lang), items=items)
        else:
            text += say["lost_none"]
    else:
        text += say["sets"].format(before=_set_name(c.criteria_sets[0]), after=_set_name(c.criteria_sets[1]))
    size = c.n_all_criteria[1]
    # every list in Vietnamese alphabetical order, as a reader looks a commune up
    if c.reached_all:
        text += say["reached"].format(size=size, names=names_text(vi_sorted(c.reached_all), lang))
    if c.left_all:
        text += say["left"].format(size=size, names=names_text(vi_sorted(c.left_all), lang))
    if c.added:
        text += say["added"].format(period=quarter_short(c.to_period, lang), names=names_text(vi_sorted(c.added), lang))
    if c.removed:
        text += say["removed"].format(period=quarter_short(c.to_period, lang),
                                      names=names_text(vi_sorted(c.removed), lang))
    return text + mergers_text(c, lang)


def compared_part(comparison) -> int | None:
    """How many communes a comparison across a merger could compare commune by commune (the
    later period's communes whose territory did not change), when that is fewer than all of
    them; None when every commune was compared."""
    if not getattr(comparison, "reorganised", False):
        return None
    n = sum(1 for x in comparison.communes if not x.boundary_changed)
    return n if n < comparison.n_after else None


def sets_comparable(comparison) -> bool:
    """Whether the two periods' criteria sets have as many criteria (not so from 2026: 19 → 10)."""
    before, after = comparison.n_all_criteria
    return before == after


def _first_period_of_set(comparison) -> str:
    """The first quarter after the earlier period assessed under the later period's set."""
    from .criteria import set_for_period

    period = shift(comparison.from_period, 1)
    while period < comparison.to_period:
        try:
            if set_for_period(period).name == comparison.criteria_sets[1]:
                return period
        except ValueError:
            pass
        period = shift(period, 1)
    return comparison.to_period


def sets_sentence(comparison, lang: str = "vi", key: str = "sets_size") -> str:
    """"Từ quý I/2026 áp dụng Bộ tiêu chí 2026–2030 (10 tiêu chí): không so sánh trực tiếp tổng số
    và bình quân tiêu chí với quý IV/2025 (Bộ tiêu chí 2021–2025, 19 tiêu chí).": what a comparison
    across sets of different sizes says instead of a change (``key="sets_size_note"``: under a table)."""
    c, say = comparison, phrases(lang, "compare")
    return say[key].format(start=quarter_short(_first_period_of_set(c), lang),
                           after=_set_name(c.criteria_sets[1]), n_after=c.n_all_criteria[1],
                           period=quarter_short(c.from_period, lang), before=_set_name(c.criteria_sets[0]),
                           n_before=c.n_all_criteria[0])


# Mergers are said one sentence each up to this many; beyond, they are counted and the workbook
# lists them (after 1/7/2025 a province has hundreds, each sentence naming three or four communes).
MERGERS_LIMIT = 10


def _iso_day(date):
    import datetime as dt

    return dt.date.fromisoformat(date) if isinstance(date, str) else date


def reorganised_sentence(comparison, lang: str = "vi") -> str:
    """" Từ ngày 1/7/2025 sắp xếp lại: 182 xã thành 67 xã; không so sánh trực tiếp tổng số tiêu chí.":
    what a comparison across a merger of communes says instead of a change of the total."""
    return phrases(lang, "compare")["reorganised"].format(**_reorganisation(comparison, lang))


def _reorganisation(comparison, lang: str) -> dict:
    """What every sentence on a merger of communes names: the dates it took effect and the
    communes counted before and after ("1/7/2025", "60 xã", "22 xã")."""
    c = comparison
    return {"date": join_names([_day(_iso_day(d), lang) for d in c.reorganisation_dates], lang),
            "before": count_noun(c.n_before, "commune", lang), "after": count_noun(c.n_after, "commune", lang)}


def reorganised_note(comparison, lang: str = "vi") -> str:
    """The sentence under a comparison table across a merger: why its total row is blank, and
    the sheet listing the communes formed by merging."""
    return phrases(lang, "compare")["reorganised_note"].format(**_reorganisation(comparison, lang),
                                                              sheet=SHEETS[lang]["mergers"])


def mergers_text(comparison, lang: str = "vi") -> str:
    """The communes formed by merging, one sentence each ("Xã Tam Gia hình thành từ Tam Gia, Tĩnh
    Bắc (từ ngày 1/12/2024): …"), or beyond ``MERGERS_LIMIT`` their count and where the list is."""
    say = phrases(lang, "compare")
    mergers = comparison.boundary_changes
    if len(mergers) > MERGERS_LIMIT:
        return say["merged_many"].format(n=count_noun(len(mergers), "commune", lang),
                                         old=count_noun(sum(len(b["merged_from"]) for b in mergers), "commune", lang),
                                         listed=_listed(lang))
    return "".join(say["merged"].format(commune=b["commune"], names=", ".join(b["merged_from"]),
                                        date=_day(_iso_day(b["date"]), lang)) for b in mergers)


def _day(day, lang: str) -> str:
    """A date in a sentence, as every text of the language writes it ("1/7/2025" / "1 July
    2025")."""
    return date_text(day, lang)


# ---------------------------------------------------------------------------------------------
# Targets
# ---------------------------------------------------------------------------------------------


def _due(statuses, lang: str, with_state: bool = True) -> str:
    """The target's state and due quarter, in the one vocabulary of states ("đang thực hiện, hạn
    quý IV/2020"; "đến hạn quý IV/2020" in the due quarter itself; "đã đạt")."""
    from .vocab import group_state, target_due_text

    return target_due_text(group_state(s.state for s in statuses), statuses[0].due, lang, with_state)


def _other_set(status, lang: str) -> str:
    """" của Bộ tiêu chí 2026–2030" when a commune target is judged on another criteria set than
    the one of its due quarter (a pilot due 2025Q4 read in 2026Q1): which criteria numbers mean."""
    from .criteria import NoCriteriaSet, set_for_period

    try:
        judged, due = set_for_period(status.period), set_for_period(status.due)
    except (NoCriteriaSet, ValueError, TypeError):
        return ""
    if judged.name == due.name:
        return ""
    return phrases(lang, "targets")["of_set"].format(set=_set_name(judged.name))


def _target_body(statuses, lang: str) -> str:
    """The clause of one target's statuses (one per commune, or one for a group): communes that
    reached it named together, each other commune with the criteria it still lacks; a commune
    judged on the one it was merged into, or kept "met" from an earlier quarter, says so."""
    from .targets import NO_DATA

    say = phrases(lang, "targets")
    kind = statuses[0].kind
    measured = [s for s in statuses if s.state != NO_DATA]
    parts = []
    if kind == "all_criteria":
        reached = [s for s in measured if s.gap == 0 and not _told_apart(s)]
        if reached:
            names = join_names(vi_sorted(s.communes[0] for s in reached), lang)  # as a reader looks names up
            parts.append(say["all_criteria_met"].format(commune=names, size=int(reached[0].value),
                                                        verb="meet" if len(reached) > 1 else "meets"))
        for s in measured:
            if s.gap == 0 and not _told_apart(s):
                continue
            commune = _commune_said(s, lang)
            if s.gap == 0 and s.met_in and s.missing:  # met before, some criterion lost since
                parts.append(say["all_criteria_met_since_now"].format(
                    commune=commune, size=int(s.value), since=_since(s, lang),
                    n=count_noun(len(s.missing), "criterion", lang), criteria=", ".join(map(str, s.missing)),
                    numbered=noun(len(s.missing), "criterion", lang)))
                continue
            if s.gap == 0:
                phrase = "all_criteria_met_since" if s.met_in else "all_criteria_met_judged"
                parts.append(say[phrase].format(commune=commune, size=int(s.value), since=_since(s, lang)))
                continue
            values = {"commune": commune, "size": int(s.value), "actual": count_text(int(s.actual), lang),
                      "n": count_noun(len(s.missing), "criterion", lang),
                      "criteria": ", ".join(map(str, s.missing)) + _other_set(s, lang),
                      "numbered": noun(len(s.missing), "criterion", lang)}
            parts.append(say["all_criteria_missing"].format(**values))
    elif kind in ("model_areas", "advanced"):
        groups: dict[tuple, list[str]] = {}
        for s in measured:
            if kind == "advanced":
                key = ("advanced_met" if s.gap == 0 else "advanced", "", "")
            elif s.gap == 0:
                key = ("model_areas_met", count_text(int(s.actual), lang), level_text(s.value, lang))
            elif s.actual == 0:
                key = ("model_areas_none", "", level_text(s.value, lang))  # a level: never padded
            else:
                key = ("model_areas", count_text(int(s.actual), lang), level_text(s.value, lang))
            groups.setdefault(key + (_since(s, lang),), []).append(_commune_said(s, lang))
        for (phrase, actual, level, since), communes in groups.items():
            area = noun(int(actual) if actual else 0, "area", lang)
            text = say[phrase].format(communes=join_names(vi_sorted(communes), lang), actual=actual, level=level,
                                      area=area)
            parts.append(text + (say["since"].format(since=since) if since else ""))
    else:
        for s in measured:
            parts.append(_group_clause(s, lang))
    missing = [s for s in statuses if s.state == NO_DATA]
    if missing:
        names = target_commune_names(missing, lang)
        many = len({c for s in missing for c in s.communes}) > 1  # "them", the communes; else "it"
        parts.append(say["no_data_many" if many else "no_data"].format(communes=f" ({names})" if names else ""))
    return "; ".join(parts)


def _told_apart(status) -> bool:
    """Whether a commune target's status is said on its own: judged on the commune its commune
    was merged into, or kept met from an earlier quarter."""
    return bool(status.judged_on or status.met_in or status.successors)


def _commune_said(status, lang: str) -> str:
    """The commune of a commune target as its clause names it: "Bảo Phú (nay thuộc xã Hòa Bản,
    đánh giá theo xã Hòa Bản)" when judged on the commune it was merged into, "Bảo Phú (nay thuộc
    xã Hòa Bản)" when only merged."""
    say = phrases(lang, "targets")
    commune = status.communes[0] if status.communes else ""
    successor = status.successors.get(commune)
    if status.judged_on:
        return say["judged_on"].format(commune=commune, successor=status.judged_on)
    return say["moved"].format(commune=commune, successor=successor) if successor else commune


def _since(status, lang: str) -> str:
    """The quarter a target kept "met" was first reached in, or "" when it is met now."""
    return quarter_short(status.met_in, lang) if status.met_in else ""


def target_commune_names(statuses, lang: str = "vi") -> str:
    """The communes of target statuses in Vietnamese alphabetical order, each merged away one with
    the commune it is now part of: "Tân Lập, nay thuộc xã Long Liên" (the sentence, the page's and
    the workbook's targets table say it alike); separated by semicolons when one of them has its
    own comma."""
    say = phrases(lang, "targets")
    pairs = sorted(((s, c) for s in statuses for c in s.communes), key=lambda p: vi_sort_key(p[1]))
    names = [say["now_in_judged" if s.judged_on else "now_in"].format(commune=c, successor=s.successors[c])
             if c in s.successors else c for s, c in pairs]
    return ("; " if any(c in s.successors for s in statuses for c in s.communes) else ", ").join(names)


def _group_clause(s, lang: str) -> str:
    """A district or group target's clause: share of villages or communes, mean, minimum."""
    say = phrases(lang, "targets")
    if s.kind in ("villages_share", "recognised_share"):
        text = say[s.kind].format(count=count_text(s.count, lang), of=count_text(s.of, lang),
                                  communes=join_names(s.communes, lang), share=share_text(s.count, s.of, lang),
                                  level=_share_level(s.value, lang))
        gap = "villages_gap" if s.kind == "villages_share" else "recognised_gap"
        return text + (say[gap].format(gap=count_text(int(s.gap), lang)) if s.gap else "")
    if s.kind == "mean":
        text = say["mean"].format(actual=toward_text(s.actual, s.value, 2, lang), level=level_text(s.value, lang))
        return text + (say["mean_gap"].format(gap=format_decimal(Fraction(str(s.gap)), 2, lang, truncate=False))
                       if s.gap else "")
    if s.kind == "min_met":
        if not s.below:
            return say["min_met_met"].format(level=level_text(s.value, lang))
        names = ", ".join(s.below) if len(s.below) <= NAMES_LIMIT else _listed(lang)
        return say["min_met"].format(n=count_noun(len(s.below), "commune", lang), level=level_text(s.value, lang),
                                     names=names)
    return f"{s.kind}: {s.actual}"


def _share_level(value, lang: str) -> str:
    from .vocab import fraction_share_text

    return fraction_share_text(value, lang)


def target_sentences(statuses, lang: str = "vi", pilots=frozenset(), with_state: bool = True,
                     communes_of=None) -> list[str]:
    """One sentence per target, the statuses of one target grouped ("Khu dân cư NTM kiểu mẫu năm
    2020 (đang thực hiện, hạn quý IV/2020): Yên Khoái, Hữu Khánh, Đồng Bục và Tú Đoạn chưa hoàn
    thành …"). ``pilots`` are the pilot communes (an English name says "pilot" for them);
    ``communes_of`` each target's communes (``vocab.target_communes``) when ``statuses`` holds
    only some of a target's statuses."""
    groups: dict[tuple[str, str], list] = {}
    for s in statuses:
        groups.setdefault((s.target, s.kind), []).append(s)
    out = []
    for key, members in groups.items():
        communes = target_communes(members) if communes_of is None else communes_of
        label = _sentence_name(target_title(members[0], lang, pilots, communes[key]))
        body = _target_body(members, lang)
        out.append(phrases(lang, "targets")["sentence"].format(name=label, due=_due(members, lang, with_state),
                                                               body=body))
    return out


def _sentence_name(name: str) -> str:
    """A target's name inside a sentence that puts a colon after it: the name's own colon ("Mục
    tiêu quốc gia 2016–2020: bình quân 15 tiêu chí/xã") becomes a dash, one colon per sentence."""
    return name.replace(": ", " \u2013 ")


def targets_heading(unit: str, period: str, lang: str = "vi") -> str:
    """The line over ``ntm targets``: what it is, the unit and the quarter ("Tiến độ thực hiện mục
    tiêu – tỉnh Tam Mỹ, quý I/2026" / "Progress on targets – Tam Mỹ province, Q1 2026")."""
    from .vocab import chart_word

    where = ", ".join(p for p in (unit, quarter_short(period, lang)) if p)
    return phrases(lang, "targets")["heading"].format(title=chart_word("targets", lang), where=where)


def target_text(status, lang: str = "vi", with_state: bool = True, pilots=frozenset(), communes_of=None) -> str:
    """One target status's sentence (``ntm targets`` prints one per line, its state in brackets
    before it, so ``with_state=False`` leaves the state out of the sentence); ``pilots`` and
    ``communes_of`` as for ``target_sentences``, so that the target has the name it has there."""
    return target_sentences([status], lang, pilots, with_state=with_state, communes_of=communes_of)[0]


# ---------------------------------------------------------------------------------------------
# Lagging criteria, recognition
# ---------------------------------------------------------------------------------------------


def lagging_text(lagging, n_communes: int, lang: str = "vi", top: int | None = None) -> str:
    """The least met criteria, as a list: the ``top`` first and any tied with the last of them,
    or (None) every criterion at the lowest count, ties included."""
    from .figures import least_met, least_met_top

    say = phrases(lang, "lagging")
    rows = least_met(lagging) if top is None else least_met_top(lagging, top)
    parts = [say["item"].format(number=row.criterion, name=criterion_name(row, lang),
                                met=count_text(row.n_met, lang), n=count_text(n_communes, lang),
                                share=share_text(row.n_met, n_communes, lang))
             for row in rows.itertuples(index=False)]
    return say["head_one" if len(parts) == 1 else "head"] + "; ".join(parts) + "."


def lagging_sentence(lagging, n_communes: int, lang: str = "vi") -> str:
    """The criteria at the lowest count in one sentence: "Tiêu chí số 16 về Văn hóa và số 17 về
    Môi trường và an toàn thực phẩm có tỷ lệ đạt thấp nhất (04/19 xã, 21,1%)"."""
    from .figures import least_met

    say = phrases(lang, "report")
    rows = least_met(lagging)
    if rows.empty:
        return ""
    n_met = int(rows["n_met"].iloc[0])
    if n_met == n_communes:
        return say["lagging_all"].format(size=len(lagging), n=n_communes)
    names = [criterion_name(row, lang) for row in rows.itertuples(index=False)]
    first = "lagging_one" if len(rows) == 1 else "lagging_first"
    items = [say[first if i == 0 else "lagging_more"].format(number=row.criterion, name=name)
             for i, (row, name) in enumerate(zip(rows.itertuples(index=False), names))]
    return say["lagging"].format(criteria=join_names(items, lang), met=count_text(n_met, lang),
                                 n=count_text(n_communes, lang),  # a count: "04/09 xã"
                                 share=share_text(n_met, n_communes, lang),
                                 verb="is" if len(items) == 1 else "are")


def recognition_text(summary: PeriodSummary, lang: str = "vi") -> str:
    """Recognised communes and communes meeting all criteria now: two different counts."""
    say = phrases(lang, "recognition")
    all_met = say["all_met"].format(n=count_noun(summary.n_all_met, "commune", lang), size=summary.n_criteria) \
        if summary.n_all_met else say["all_met_none"].format(size=summary.n_criteria)
    values = {"all_met": all_met, "size": summary.n_criteria}
    if summary.n_recognised is None:
        text = say["none"].format(**values)
    elif summary.n_recognised == 0:  # "chưa có xã nào", never "00 xã"
        text = say["both_none"].format(**values)
    else:
        text = say["both"].format(recognised=count_noun(summary.n_recognised, "commune", lang),
                                  ntm=noun(summary.n_recognised, "ntm_commune", lang), **values)
    return text[:1].upper() + text[1:]


def band_table(summary: PeriodSummary, lang: str = "vi"):
    """The bands as a table to show: band, communes, share, in the language's number format."""
    import pandas as pd

    from .vocab import header

    return pd.DataFrame({
        header("band", lang): [band_phrase(b, lang) for b in summary.bands],
        header("communes", lang): [format_count(b.n, lang) for b in summary.bands],  # no padding in a table
        header("share", lang): [share_text(b.n, summary.n_communes, lang) for b in summary.bands],
    })


# ---------------------------------------------------------------------------------------------
# Flags
# ---------------------------------------------------------------------------------------------


def flag_text(flag, lang: str = "vi", criteria_set=None) -> str:
    """One warning's detail in the language: "công nhận năm 2017, hiện đạt 18/19 tiêu chí; …"."""
    values = dict(flag.values)
    values.update(commune=flag.commune, criteria=", ".join(map(str, flag.criteria)),
                  cnoun=noun(len(flag.criteria), "criterion", lang),
                  before=quarter_short(flag.before, lang) if flag.before else "",
                  after=quarter_short(flag.after, lang))
    if flag.kind == "lost_criterion":
        names = [criteria_set.criterion(c).name(lang) for c in flag.criteria] if criteria_set else []
        values["name"] = "; ".join(names)
    if flag.kind == "jump":
        values["change"] = f"{values['change']:+d}".replace("-", "\u2212")
    if "met" in values:
        values["met"] = count_text(values["met"], lang)
    return FLAG_DETAILS[check_lang(lang)][flag.kind].format(**values)


# ---------------------------------------------------------------------------------------------
# The review as sections
# ---------------------------------------------------------------------------------------------


@dataclass
class Section:
    """One numbered section of the review: its key, number, title and paragraphs."""

    key: str
    number: int
    title: str
    paragraphs: list[str]


def opening_text(review, lang: str = "vi") -> str:
    """"Tính đến ngày 31/3/2020, toàn huyện có 19 xã thực hiện Bộ tiêu chí …, trong đó có 04 xã đạt
    19 tiêu chí, …. Tổng số tiêu chí đạt chuẩn là 187 tiêu chí, trung bình đạt 9,84 tiêu chí/xã."""
    from .vocab import whole_unit

    say = phrases(lang, "report")
    whole = whole_unit(review.unit.level, lang)
    text = say["opening"].format(date=date_text(review.reference_date, lang),
                                 whole=say["whole"].format(whole=whole) if whole else "",
                                 n=count_text(review.n_communes, lang), noun=noun(review.n_communes, "commune", lang),
                                 verb="was" if review.n_communes == 1 else "were",
                                 criteria_set=_set_name(review.criteria_set.name))
    text = text[:1].upper() + text[1:]
    bands = band_sentence(review.summary, lang, review.truncate, review.shares)
    text += (say["bands"].format(bands=bands) if bands else "") + ". "
    text += _totals(review.summary, lang, review.truncate)
    if review.summary.outside_bands:
        text += " " + say["outside"].format(n=count_noun(len(review.summary.outside_bands), "commune", lang),
                                            names=", ".join(review.summary.outside_bands))
    return text


def detail_text(review, lang: str = "vi") -> str | None:
    """The communes at each count, when the bands group counts together."""
    if [b.n for b in review.summary.bands if b.n] == [b.n for b in review.exact.bands if b.n] and \
            all(b.low == b.high for b in review.summary.bands if b.n):
        return None
    return phrases(lang, "report")["detail"].format(detail=band_sentence(review.exact, lang))


def recognised_text(review, lang: str = "vi") -> str:
    """Recognised communes named with their years, and the communes meeting all criteria now."""
    say = phrases(lang, "report")
    size = review.criteria_set.size
    period = quarter_short(review.period, lang)
    parts = []
    if "recognised_year" in review.register.columns:
        if len(review.recognised):
            by_year: dict[int, list[str]] = {}
            for commune, year in sorted(review.recognised.items(), key=lambda item: int(item[1])):
                by_year.setdefault(int(year), []).append(commune)
            n = count_noun(len(review.recognised), "commune", lang)
            if len(review.recognised) <= NAMES_LIMIT:
                names = "; ".join(say["recognised_year"].format(names=join_names(vi_sorted(c), lang), year=y)
                                  for y, c in by_year.items())
                parts.append(say["recognised"].format(period=period, names=names, n=n,
                                                      ntm=noun(len(review.recognised), "ntm_commune", lang)))
            else:  # a province's or the country's: how many each year, the names in the workbook
                years = ", ".join(say["recognised_year_count"].format(n=count_noun(len(c), "commune", lang), year=y)
                                  for y, c in by_year.items())
                parts.append(say["recognised_many"].format(period=period, years=years, n=n, listed=_listed(lang)))
        elif review.recognised_merged:
            parts.append(say["recognised_none_merged"].format(period=period, **_merged_values(review, lang)))
        else:
            parts.append(say["recognised_none"].format(period=period))
        if len(review.recognised) and review.recognised_merged:
            parts.append(say["recognised_merged"].format(**_merged_values(review, lang)))
    n_all = review.summary.n_all_met
    said = any(b.low == b.high == size and b.n for b in review.summary.bands)  # "04 xã đạt 19 tiêu chí"
    if not parts and said:
        return ""  # with no recognition to set it against, the opening's count is not said twice
    parts.append(say["all_met"].format(n=count_noun(n_all, "commune", lang), size=size,
                                       meets=noun(n_all, "meets", lang)) if n_all
                 else say["all_met_none"].format(size=size))
    return " ".join(parts)


def _merged_values(review, lang: str) -> dict:
    """The recognised communes a merger took away, for a sentence: how many, into how many of
    today's communes, and (a district's few) which went where ("Hòa Bản: An Phú, Bảo Phú")."""
    say = phrases(lang, "report")
    merged = review.recognised_merged
    into: dict[str, list[str]] = {}
    for old, new in merged.items():
        into.setdefault(new, []).append(old)
    names = ""
    if len(merged) <= NAMES_LIMIT:
        groups = [say["merged_group"].format(successor=new, olds=", ".join(vi_sorted(olds)))
                  for new, olds in sorted(into.items(), key=lambda item: vi_sort_key(item[0]))]
        names = say["merged_names"].format(names="; ".join(groups))
    return {"n": count_noun(len(merged), "commune", lang), "m": count_noun(len(into), "commune", lang),
            "now": count_noun(review.n_communes, "commune", lang), "is_are": noun(len(merged), "is_are", lang),
            "names": names}


def _target_communes(review) -> set[str]:
    """Communes that an all-criteria target of the review names (the target's sentence details them)."""
    return {c for t in review.targets if t.kind == "all_criteria" for c in t.communes}


def pilots_text(review, lang: str = "vi") -> str | None:
    """"Xã điểm Khuất Xá còn 07 tiêu chí chưa đạt (tiêu chí số 2, 5, …); xã điểm Tú Mịch …", for the
    pilot communes of the year that no all-criteria target already details (each commune is said
    once in the section)."""
    covered = _target_communes(review)
    pilots = [p for p in review.pilots if p.commune not in covered]
    if not pilots:
        return None
    say = phrases(lang, "report")
    parts = []
    for p in pilots:
        if p.missing:
            parts.append(say["pilot"].format(commune=p.commune, n=count_noun(len(p.missing), "criterion", lang),
                                             criteria=", ".join(map(str, p.missing))))
        else:
            parts.append(say["pilot_met"].format(commune=p.commune, size=p.size))
    text = "; ".join(parts) + "."
    return text[:1].upper() + text[1:]


def criteria_paragraph(review, lang: str = "vi") -> str | None:
    """What the criteria say together, as a district report writes it: the criteria every commune
    meets, those met by fewer than half of the communes, and the average share met in each group
    of criteria ("Theo nhóm tiêu chí, tỷ lệ đạt bình quân của nhóm quy hoạch là 100%, …")."""
    say = phrases(lang, "report")
    t, n = review.lagging, review.n_communes
    if not n or t.empty:
        return None
    every = sorted(int(c) for c in t.loc[t["n_met"] == n, "criterion"])
    half = sorted(int(c) for c in t.loc[2 * t["n_met"] < n, "criterion"])
    # the criteria first ("Criteria 5 and 16 are met by every commune"): "Every commune meets 2
    # criteria" read as "only 2"
    cnoun = noun(len(every), "criterion", lang)
    first = (say["criteria_all"].format(n=count_noun(len(every), "criterion", lang),
                                        criteria=join_names(map(str, every), lang),
                                        cnoun=cnoun, Cnoun=cnoun[:1].upper() + cnoun[1:],
                                        verb="is" if len(every) == 1 else "are")
             if every else say["criteria_all_none"])
    second = (say["criteria_half"].format(n=count_noun(len(half), "criterion", lang),
                                          criteria=join_names(map(str, half), lang),
                                          cnoun=noun(len(half), "criterion", lang))
              if half else say["criteria_half_none"])
    text = f"{first}; {second}"
    groups = review.criteria_groups
    if len(groups) > 1:
        from .vocab import group_name

        items = [say["group_item" if i == 0 else "group_more"].format(
            group=group_name(g.group, lang), share=share_text(g.met, g.cells, lang))  # one decimal: 75,0% beside 67,7%
            for i, g in enumerate(groups)]
        joined = join_names(items, lang)
        if any("," in group_name(g.group, lang) for g in groups):  # "culture, society and environment"
            joined = "; ".join(items[:-1]) + ";" + say["and"] + items[-1]  # items set apart by semicolons
        text += " " + say["groups"].format(items=joined)
    return text


def no_flag_sentences(review, lang: str = "vi") -> list[str]:
    """With no warning, its sentences, each on its own (the workbook's warnings give each a
    row): none recognised below all criteria, then what can be said of criteria lost since the
    previous quarter (nothing across criteria sets, nor with too few communes compared); a
    sentence that claims nothing about a previous quarter the data does not hold."""
    say = phrases(lang, "report")
    if review.flags:
        return []
    if review.previous is None:
        return [say["no_flags"]]
    part = compared_part(review.previous)
    period = quarter_short(review.previous.from_period, lang)
    of = review.previous.n_after
    if not review.previous.criteria_compared:  # 19 criteria → 10: no criterion "lost"
        return [say["no_flags"], say["lost_other_set"].format(period=period)]
    if part is None:
        return [say["no_flags_previous"].format(period=period)]
    if 2 * part < of:  # almost nothing compared: no claim that nothing was lost
        return [say["no_flags"], say["lost_few"].format(period=period, n=count_text(part, lang),
                                                        of=count_text(of, lang), rest=count_text(of - part, lang))]
    return [say["no_flags_part"].format(period=period, n=count_noun(part, "commune", lang))]


def flags_paragraphs(review, lang: str = "vi") -> list[str]:
    """The warnings of the period, one sentence per kind of warning; with no warning, the
    sentences of ``no_flag_sentences``. Then how many notes the reading of the data left (listed
    in the page's notes and the workbook)."""
    say = phrases(lang, "report")
    out = []
    if not review.flags:
        out.append(" ".join(no_flag_sentences(review, lang)))
    by_kind: dict[str, list] = {}
    for flag in review.flags:
        by_kind.setdefault(flag.kind, []).append(flag)
    from .unit_columns import commune_units

    units = commune_units(review)  # a province's review: each commune with its district

    def named(commune: str) -> str:
        unit = units.get(commune)
        return f"{commune} ({unit})" if unit and not commune.endswith(f"({unit})") else commune

    for kind, flags in by_kind.items():
        items = names_text([f"{named(f.commune)} \u2014 {flag_text(f, lang, review.criteria_set)}" for f in flags], lang,
                           "; ")
        out.append(f"{flag_label(kind, lang)}: {items}.")
    if review.notes:
        from .vocab import count_noun as _count

        out.append(say["notes"].format(n=_count(len(review.notes), "note", lang)))
    return out


def districts_paragraphs(review, lang: str = "vi") -> list[str]:
    """The district section of a province review: who leads and who trails first (the sentence a
    leader reads), then one paragraph per district in the style of the opening (communes, bands,
    total and average), best average first."""
    say = phrases(lang, "districts")
    ranking = ranking_sentence(review.districts, lang, review.truncate)
    out = [ranking] if ranking else []
    if len(review.districts) <= NAMES_LIMIT:  # beyond, the workbook lists them
        out += [unit_paragraph(d, lang, review.truncate, review.shares) for d in review.districts]
    if len(review.districts) > NAMES_LIMIT:
        level = review.units_level
        out.append(say["listed"].format(unit=noun(1, level, lang), n=count_noun(len(review.districts), level, lang)))
    return out


def unit_label(level: str, unit: str | None, lang: str = "vi") -> str:
    """A unit as a paragraph opens with it: "Huyện Cao Sơn" / "Cao Sơn district"; "—" for the
    communes whose unit the data does not tell."""
    from .vocab import unit_name

    return unit_name(level, unit, None, lang, head=True) if unit else "—"


def unit_paragraph(unit, lang: str = "vi", truncate: bool = False, shares: bool = False) -> str:
    """One unit's figures (``units.UnitSummary``) in the style of the opening: "Huyện Cao Sơn có 03
    xã, trong đó có 01 xã đạt 19 tiêu chí, … Tổng số tiêu chí đạt chuẩn là 44 tiêu chí, trung bình
    đạt 14,67 tiêu chí/xã." (the review's district section and ``ntm summary --by``); the communes
    whose unit the data does not tell: "01 xã không ghi huyện, trong đó …"."""
    say = phrases(lang, "districts")
    bands = band_sentence(unit.summary, lang, truncate, shares)
    values = {"n": count_noun(unit.summary.n_communes, "commune", lang),
              "bands": say["bands"].format(bands=bands) if bands else ""}
    if unit.unit:
        text = say["district"].format(unit=unit_label(unit.level, unit.unit, lang), **values)
    else:  # "01 xã không ghi huyện, trong đó …"
        text = say["unknown"].format(level=noun(1, unit.level, lang), **values)
    return text + " " + _totals(unit.summary, lang, truncate)


def ranking_sentence(units, lang: str = "vi", truncate: bool = False) -> str:
    """Who leads and who trails among ranked units (``units.UnitSummary``, the best first); "" with
    fewer than two named units."""
    from .vocab import unit_name

    named = [d for d in units if d.unit]
    if len(named) < 2:
        return ""
    best, worst = named[0], named[-1]
    mean = lambda d: format_decimal(d.summary.mean_exact, 2, lang, truncate)  # noqa: E731
    return phrases(lang, "districts")["ranking"].format(
        best=unit_name(best.level, best.unit, None, lang), best_mean=mean(best),
        worst=unit_name(worst.level, worst.unit, None, lang), worst_mean=mean(worst))


def unit_lead(level: str, unit: str | None, text: str, lang: str = "vi") -> str:
    """A unit's paragraph of a command run per unit: "Huyện Cao Sơn: So với quý IV/2020, …"."""
    return phrases(lang, "districts")["lead"].format(unit=unit_label(level, unit, lang), text=text)


def report_sections(review, lang: str = "vi") -> list[Section]:
    """The review's numbered sections, in the order of a district quarterly report (with a
    section comparing the districts after the overall result when the data holds several)."""
    check_lang(lang)
    titles = phrases(lang, "sections")
    say = phrases(lang, "report")
    overall = [opening_text(review, lang)]
    detail = detail_text(review, lang)
    if detail:
        overall.append(detail)
    recognised = recognised_text(review, lang)
    if recognised:
        overall.append(recognised)
    criteria = [p for p in (lagging_sentence(review.lagging, review.n_communes, lang),
                            criteria_paragraph(review, lang)) if p]
    keys = ["overall"] + (["districts"] if len(review.districts) > 1 else []) + ["criteria", "compare", "targets",
                                                                                  "flags"]
    number = {key: i for i, key in enumerate(keys, 1)}
    compare_part = []
    if review.previous is not None:
        compare_part.append(compare_text(review.previous, lang, review.truncate, see_section=number["flags"]))
    else:
        from .periods import shift

        compare_part.append(say["no_previous"].format(period=quarter_short(shift(review.period, -1), lang)))
    if review.year_ago is not None and review.year_ago is not review.previous:
        compare_part.append(compare_text(review.year_ago, lang, review.truncate))
    elif review.year_ago is None:
        from .periods import shift

        compare_part.append(say["no_year_ago"].format(period=quarter_short(shift(review.period, -4), lang)))
    compare_part += timeline_sentences(review, lang)
    targets = [t for t in [pilots_text(review, lang)] if t] + target_sentences(review.targets, lang,
                                                                                 review.pilot_communes)
    if not targets:
        targets = [say["no_targets"]]
    parts = {"overall": overall, "criteria": criteria, "compare": compare_part, "targets": targets,
             "flags": flags_paragraphs(review, lang)}
    names = dict(titles)
    if "districts" in number:
        parts["districts"] = districts_paragraphs(review, lang)
        names["districts"] = titles["provinces" if review.units_level == "province" else "districts"]
    return [Section(key, number[key], names[key], parts[key]) for key in keys]


def timeline_sentences(review, lang: str = "vi") -> list[str]:
    """What the quarters to date leave out or change: quarters missing from the data ("Số liệu
    không có quý III/2024: …") and the reorganisation of 1/7/2025 when the quarters span it."""
    from .timeline import REORGANISATION, missing_quarters, reorganisation_between

    say = phrases(lang, "report")
    periods = list(review.trend.index) if len(review.trend) else []
    out = []
    missing = missing_quarters(periods)
    if missing:
        out.append(say["missing_quarters"].format(periods=join_names([quarter_short(p, lang) for p in missing], lang),
                                                  them=say["missing_one" if len(missing) == 1 else "missing_many"]))
    if reorganisation_between(periods) is not None:
        out.append(say["reorganised_trend"].format(date=_day(REORGANISATION, lang)))
    return out


def report_heading(review, lang: str = "vi") -> list[str]:
    """The heading lines of the text and the page: programme, unit and quarter, reference date."""
    page = phrases(lang, "page")
    unit = review.unit.label(lang, head=True)
    quarter = quarter_label(review.period, lang)
    return [page["heading"].upper(), f"{unit} \u2014 {quarter}" if unit else quarter,
            f"({page['as_of'].format(date=date_text(review.reference_date, lang))})"]


def report_text(review, lang: str = "vi") -> str:
    """The whole review as plain text (summary_vi.txt, summary_en.txt): heading, then each
    numbered section with its paragraphs."""
    lines = report_heading(review, lang) + [""]
    for section in report_sections(review, lang):
        lines.append(f"{section.number}. {section.title}")
        lines += [p for p in section.paragraphs]
        lines.append("")
    page = phrases(lang, "page")
    lines.append(page["source"].format(source=review.source_text(lang)))
    return "\n".join(lines) + "\n"

"""The review page: one self-contained HTML file in one language, printable on A4.

Rendered with Jinja2 over the review object (``templates/review.html.j2``), not exported from a
notebook: the page is a document for the district leadership, so its structure (numbered
sections in report order, captioned charts and tables, print styles) is the template's, every
string from the data is escaped by Jinja2's autoescaping wherever it lands, and no kernel runs.
The notebook stays the analyst's view of the same review.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from .review_tables import Table, cell_text, changed_rows, review_tables
from .vocab import CHART_WORDS, SHEETS, count_noun, date_text, header, phrases, quarter_label, quarter_short
from .wording import report_sections

TEMPLATE = "review.html.j2"

# Each chart's title (a key of vocab.CHART_WORDS), by the chart's name in report.CHART_ORDER.
CHARTS = {
    "communes_by_criteria_met": "by_count", "communes_by_band": "by_band", "criteria_by_commune": "heatmap",
    "share_meeting_each_criterion": "criteria", "change_per_commune": "change", "trend": "trend",
    "targets": "targets", "district_means": "district_means", "district_bands": "district_bands",
}

# Phrases a line must never break inside ("NÔNG THÔN / MỚI"): their spaces become no-break spaces.
KEEP_TOGETHER = {"vi": ("nông thôn mới", "mục tiêu quốc gia"), "en": ("New Rural Communes", "New Rural Development")}


def keep_together(text: str, lang: str) -> str:
    """``text`` with the spaces of the language's fixed phrases made no-break (any case)."""
    import re

    for phrase in KEEP_TOGETHER[lang]:
        text = re.sub(re.escape(phrase).replace("\\ ", " "), lambda m: m.group(0).replace(" ", "\u00a0"), text,
                      flags=re.IGNORECASE)
    return text


@dataclass
class Block:
    kind: str  # p, note, figure, table
    text: str = ""
    data: str = ""
    alt: str = ""
    caption: str = ""
    title: str = ""
    css: str = ""
    headers: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    subheads: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    frame: str = ""  # "bleed": a wide table may use the whole window on screen


def page_title(review, lang: str) -> str:
    """The tab's title: programme, unit, quarter and reference date."""
    say = phrases(lang, "page")
    unit = review.unit.label(lang)
    title = say["title"].format(unit=unit or "", period=quarter_short(review.period, lang),
                                date=date_text(review.reference_date, lang))
    return title.replace(" , ", " ").replace(",  ", ", ")


def _css(kind: str, value) -> str:
    if kind in ("int", "signed", "mean", "share", "year", "level"):
        return "num"
    if kind == "wrap":
        return "wrap"
    return ""


def table_block(table: Table, lang: str, counter: list[int], form: bool = False) -> Block:
    """A table as the page prints it: STT, headers in the language, numbers in its format, no
    index; the office form's criteria under one "Tiêu chí" header."""
    say = phrases(lang, "page")
    counter[0] += 1
    heads = ([header("stt", lang)] if table.stt else []) + [c.header for c in table.columns]
    css = " ".join(c for c in ("form" if form else "", "keep" if len(table.rows) <= 25 else "") if c)
    block = Block("table", title=f"{say['table']} {counter[0]}. {table.title}", css=css, headers=heads,
                  frame="bleed" if len(heads) > 9 and not form else "")
    if any(c.group for c in table.columns):
        groups, subheads = ([{"text": header("stt", lang), "span": 1, "rowspan": 2}] if table.stt else []), []
        for c in table.columns:
            if c.group and groups and groups[-1].get("group") == c.group:
                groups[-1]["span"] += 1
            elif c.group:
                groups.append({"text": c.group, "span": 1, "rowspan": 1, "group": c.group})
            else:
                groups.append({"text": c.header, "span": 1, "rowspan": 2})
            if c.group:
                subheads.append(c.header)
        block.groups, block.subheads = groups, subheads
    from .vocab import STATUS_LABELS, STATUS_MARKS

    marks = {STATUS_LABELS[lang][code]: (STATUS_MARKS[lang][code], css)
             for code, css in ((2, "met"), (1, "basic"), (0, ""))}
    for i, row in enumerate(table.rows):
        cells = [{"text": str(i + 1), "css": "num"}] if table.stt else []
        for j, value in enumerate(row):
            kind = table.kind(i, j)
            css = _css(kind, value)
            text = cell_text(value, kind, lang)
            if kind == "status":
                text, css = marks[value][0] if form else text, "mark " + marks[value][1]
            elif j == 0 and kind == "text":
                css = "name"
            elif kind == "text" and len(text) <= 16:  # a quarter, a state: kept on one line
                css = "short"
            cells.append({"text": text, "css": css})
        block.rows.append({"cells": cells, "total": False})
    if table.total is not None:
        cells = [{"text": "", "css": ""}] if table.stt else []
        for j, value in enumerate(table.total):
            kind = table.kind(-1, j)
            text = phrases(lang, "workbook")["total"] if j == 0 and value is None else cell_text(value, kind, lang)
            cells.append({"text": text, "css": _css(kind, value)})
        block.rows.append({"cells": cells, "total": True})
    return block


def _figure(name: str, images: dict[str, bytes], review, lang: str, counter: list[int]) -> list[Block]:
    """The chart ``name`` as a figure, captioned with the number of its file ("03_…" is "Biểu đồ
    3"): the files and the page number the charts alike."""
    stem = next((k for k in images if k[:2].isdigit() and k[3:] == name), None)
    if stem is None:
        return []
    counter[0] = int(stem[:2])
    from .report import chart_note

    key = CHARTS[name]
    if key.startswith("district_") and review.units_level == "province":
        key = key.replace("district_", "province_")
    note = chart_note(name, review, lang)
    if note and name == "change_per_commune":  # communes counted by change: the chart's own title
        key = "change_hist"
    title = CHART_WORDS[lang][key]
    say = phrases(lang, "page")
    caption = f"{say['chart']} {counter[0]}. {title}"
    blocks = [Block("figure", data=base64.b64encode(images[stem]).decode("ascii"), alt=title, caption=caption)]
    if note:  # the chart changed form beyond the limit: said under it too, with where the rest is
        blocks.append(Block("note", text=say["chart_reduced"].format(number=counter[0], note=note)))
    return blocks


def _change_blocks(review, tables, key: str, comparison, lang: str, counts: list[int]) -> list[Block]:
    """A comparison's communes that changed, as a table (or a note when none or too many)."""
    from .review import LIMIT

    say = phrases(lang, "page")
    if "change" not in [c.key for c in tables[key].columns]:  # criteria sets of different sizes: no changes
        return [Block("note", text=tables[key].note + " " + say["sets_sheet"].format(
            sheet=SHEETS[lang][key], all=count_noun(len(tables[key].rows), "commune", lang)))]
    changed = changed_rows(tables[key])
    # across a merger of communes: why the total row is blank (the workbook's note under the table)
    why = [Block("note", text=changed.note)] if changed.note else []
    if not changed.rows:
        return [Block("note", text=say["no_change"].format(period=quarter_short(comparison.from_period, lang)))] + why
    sheet = SHEETS[lang][key]
    every = count_noun(len(tables[key].rows), "commune", lang)
    if len(changed.rows) <= LIMIT:
        blocks = [table_block(changed, lang, counts)] + why
        if len(changed.rows) < len(tables[key].rows):  # the sheet lists every commune: say so
            blocks.append(Block("note", text=say["sheet_lists_all"].format(sheet=sheet, all=every)))
        return blocks
    return [Block("note", text=say["changes_too_many"].format(
        title=changed.title, n=count_noun(len(changed.rows), "commune", lang), sheet=sheet, all=every))] + why


def long_table_note(table: Table, key: str, n: str, lang: str) -> Block:
    """What stands in the page for a table too long to print: the table's title, its size
    (``n``, counted: "80 xã") and the workbook sheet that holds it all."""
    return Block("note", text=phrases(lang, "page")["too_many_named"].format(
        title=table.title, n=n, sheet=SHEETS[lang][key]))


def _criteria_without_names(table: Table, review, lang: str) -> tuple[Table, str | None]:
    """The criteria table as the page shows it, and the note saying where the communes not
    meeting each criterion are when the page does not list them: beyond review.LIMIT communes the
    page drops the column of names (the workbook's criteria sheet keeps it); lists too long for
    the workbook's cells are on its communes sheet (the table came without them). The page has no
    cells and, for so many communes, no commune table in its annex: the note names the sheet."""
    from .review_tables import CELL_NAMES

    say = phrases(lang, "page")
    if table.note:  # the workbook's note speaks of its cells: the page says it its own way
        return table, say["criteria_names_page"].format(n=CELL_NAMES, sheet=SHEETS[lang]["communes"])
    if review.large and "missing" in [c.key for c in table.columns]:
        table = _without(table, "missing")
        table.title = say["lagging_table_counts"]
        return table, say["criteria_names_listed"].format(sheet=SHEETS[lang]["criteria"])
    return table, None


def _without(table: Table, key: str) -> Table:
    """A table without one of its columns."""
    j = [c.key for c in table.columns].index(key)
    drop = lambda row: row[:j] + row[j + 1:]  # noqa: E731
    return Table(table.key, table.title, drop(table.columns), [drop(r) for r in table.rows],
                 drop(table.total) if table.total is not None else None, table.stt,
                 {(r, c - (c > j)): k for (r, c), k in table.kinds.items() if c != j}, table.note)


def page_sections(review, lang: str, images: dict[str, bytes], tables: dict[str, Table]) -> list[dict]:
    """The sections of the page: each report section's paragraphs, then its charts and tables;
    an annex with the commune table (beyond review.LIMIT communes, the workbook holds the long
    lists and the page says so)."""
    from .review import LIMIT

    say = phrases(lang, "page")
    figures, counts = [0], [0]
    sections = []
    for section in report_sections(review, lang):
        blocks = [Block("p", text=p) for p in section.paragraphs]
        if section.key == "overall":
            blocks += _figure("communes_by_band", images, review, lang, figures)
            blocks.append(table_block(tables["bands"], lang, counts))
            blocks += _figure("communes_by_criteria_met", images, review, lang, figures)
        elif section.key == "districts":
            units = tables.get("districts") or tables.get("provinces")
            if len(units.rows) <= LIMIT:
                blocks.append(table_block(units, lang, counts))
            else:
                blocks.append(long_table_note(units, units.key, count_noun(len(units.rows), review.units_level,
                                                                          lang), lang))
            blocks += _figure("district_means", images, review, lang, figures)
            blocks += _figure("district_bands", images, review, lang, figures)
        elif section.key == "criteria":
            blocks += _figure("share_meeting_each_criterion", images, review, lang, figures)
            criteria, where = _criteria_without_names(tables["criteria"], review, lang)
            blocks.append(table_block(criteria, lang, counts))
            if where:  # the names are not on the page: where they are
                blocks.append(Block("note", text=where))
            blocks += _figure("criteria_by_commune", images, review, lang, figures)
        elif section.key == "compare":
            blocks += _figure("change_per_commune", images, review, lang, figures)
            if "previous" in tables:
                blocks += _change_blocks(review, tables, "previous", review.previous, lang, counts)
            if "year_ago" in tables:
                blocks += _change_blocks(review, tables, "year_ago", review.year_ago, lang, counts)
            blocks += _figure("trend", images, review, lang, figures)
        elif section.key == "targets":
            blocks += _figure("targets", images, review, lang, figures)
            if "targets" in tables and tables["targets"].rows:
                page_targets = tables["targets"]  # the page says the result; the workbook holds the numbers
                for key in ("actual", "level", "unit"):
                    page_targets = _without(page_targets, key)
                blocks.append(table_block(page_targets, lang, counts))
        elif section.key == "flags":
            flags = tables["flags"]
            if flags.rows and len(flags.rows) <= LIMIT:
                blocks.append(table_block(flags, lang, counts))
            elif flags.rows:
                blocks.append(long_table_note(flags, "flags", count_noun(len(flags.rows), "row", lang), lang))
            blocks.append(Block("h3", text=say["notes_title"]))
            notes = tables["notes"]
            if not notes.rows:
                blocks.append(Block("note", text=say["notes_none"]))
            elif len(notes.rows) <= LIMIT:
                blocks.append(Block("note", text=say["notes_intro"]))
                blocks.append(table_block(notes, lang, counts))
            else:
                blocks.append(long_table_note(notes, "notes", count_noun(len(notes.rows), "row", lang), lang))
        sections.append({"key": section.key, "number": section.number, "title": section.title, "blocks": blocks})
    annex = {"key": "annex", "number": len(sections) + 1, "title": phrases(lang, "sections")["annex"], "blocks": []}
    if review.large:
        annex["blocks"].append(long_table_note(tables["communes"], "communes",
                                               count_noun(review.n_communes, "commune", lang), lang))
    else:
        annex["blocks"].append(table_block(tables["communes"], lang, counts, form=True))
        annex["blocks"].append(Block("note", text=say["marks"]))
    sections.append(annex)
    return sections


def _environment():
    import jinja2

    return jinja2.Environment(loader=jinja2.PackageLoader("ntm_analysis", "templates"), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)


def section_html(review, lang: str, key: str, images: dict[str, bytes] | None = None,
                 tables: dict[str, Table] | None = None) -> str:
    """One section of the page (``overall``, ``criteria``, ``compare``, ``targets``, ``flags``,
    ``annex``) as an HTML fragment, exactly as the page shows it: for the review notebook."""
    sections = page_sections(review, lang, images or {}, tables or review_tables(review, lang))
    [section] = [s for s in sections if s["key"] == key]
    return _environment().get_template("section.html.j2").render(section=section)


def heading_html(review, lang: str) -> str:
    """The page's heading (programme, unit and quarter, reference date) as an HTML fragment."""
    from markupsafe import escape

    say = phrases(lang, "page")
    unit = review.unit.label(lang, head=True)
    quarter = quarter_label(review.period, lang)
    line = f"{unit} \u2014 {quarter}" if unit else quarter
    date = say["as_of"].format(date=date_text(review.reference_date, lang))
    return (f"<p>{escape(keep_together(say['programme'], lang))}</p><h1>{escape(keep_together(say['heading'], lang))}</h1>"
            f"<p><b>{escape(line)}</b></p><p><i>({escape(date)})</i></p>")


def table_html(table: Table, lang: str, number: int = 1) -> str:
    """One table as the page prints it (no index, headers and numbers in the language),
    captioned as table ``number`` ("Bảng 2. …")."""
    section = {"key": table.key, "number": 0, "title": "", "blocks": [table_block(table, lang, [number - 1])]}
    html = _environment().get_template("section.html.j2").render(section=section)
    return html.split("</h2>", 1)[1].rsplit("</section>", 1)[0]


def render_page(review, lang: str = "vi", images: dict[str, bytes] | None = None,
                tables: dict[str, Table] | None = None) -> str:
    """The review page's HTML; ``images`` maps chart stems to their SVG bytes, ``tables`` are
    the review's tables in ``lang`` (made here when not given)."""
    env = _environment()
    say = phrases(lang, "page")
    unit = review.unit.label(lang, head=True)
    quarter = quarter_label(review.period, lang)
    return env.get_template(TEMPLATE).render(
        lang=lang, title=page_title(review, lang), programme=keep_together(say["programme"], lang),
        heading=keep_together(say["heading"], lang),
        unit_line=f"{unit} \u2014 {quarter}" if unit else quarter,
        as_of=say["as_of"].format(date=date_text(review.reference_date, lang)),
        sections=page_sections(review, lang, images or {}, tables or review_tables(review, lang)),
        source=say["source"].format(source=review.source_text(lang)),
        illustrative=say[review.data_label] if review.data_label else "")

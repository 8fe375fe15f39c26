"""The review workbook as a report form (Biểu mẫu): one sheet per table of the review, each with
a title block (form name, unit, period, reference date), STT, a "Tổng cộng" row where a total
means something, real Excel number formats, fitted column widths, a bold frozen header, and A4
landscape pages fitted to the width. The communes sheet mirrors the office form: a row per
commune, "Tiêu chí" over one column per criterion marked Đạt / Chưa đạt / Cơ bản đạt, then
criteria met, year recognised, pilot, villages and model areas.

Nothing from the data becomes a formula: every text cell is stored as text, whatever its first
character ("=", "+", "-", "@"). The workbook holds no formula at all; totals are values.

Numbers are numbers: criterion headers (1 … 19) are written as numbers; lists of criterion
numbers ("3, 14", or a single "16") are text on purpose, and each sheet tells Excel so
(``ignoredErrors numberStoredAsText`` over those cells), so no green triangle marks them; long
texts wrap; a sheet with nothing to list says so in a sentence.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from .review_tables import Table
from .vocab import SHEET_TITLES, SHEETS, date_text, header, phrases, quarter_label

NUMBER_FORMATS = {"int": "#,##0", "signed": "+#,##0;\u2212#,##0;0", "mean": "0.00", "share": "0.0%",
                  "year": "0", "level": "#,##0"}
LEVEL_DECIMALS = "0.00"  # a level that is not whole (an average target of 12,5)
WRAP_WIDTH = 50  # columns of long text wrap at this width
TITLE_ROWS = 4  # form name, unit, period, reference date
HEADER_ROW = TITLE_ROWS + 2  # a blank row between


def _text(cell, value: str) -> None:
    """A text cell stored as text, never read as a formula (openpyxl makes "=…" a formula)."""
    cell.value = value
    cell.data_type = "s"


def _width(text: str) -> float:
    return len(text) * 1.1 + 2


def write_sheet(ws, table: Table, review, lang: str, form_no: int, empty: str | list[str] = "") -> list[str]:
    """One table as a report form on worksheet ``ws``; ``empty`` is the sentence a table without
    rows says instead (a list: sentences, each a row numbered in STT, the text in the next
    column). Returns the ranges of cells holding numbers as text on purpose (lists of criterion
    numbers), for ``ignoredErrors``."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    say = phrases(lang, "workbook")
    columns = ([("stt", header("stt", lang), "int", None)] if table.stt else []) + \
              [(c.key, c.header, c.kind, c.group) for c in table.columns]
    width = len(columns)
    last = get_column_letter(width)
    unit = review.unit.label(lang, head=True)
    titles = [f"{say['form_no'].format(n=form_no)}: {SHEET_TITLES[lang][table.key]}", unit,
              quarter_label(review.period, lang), say["as_of"].format(date=date_text(review.reference_date, lang))]
    for i, text in enumerate(titles, 1):
        cell = ws.cell(row=i, column=1)
        _text(cell, text)
        cell.font = Font(bold=i <= 2, italic=i == 4, size=13 if i == 1 else 12)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=False)
        if width > 1:
            ws.merge_cells(f"A{i}:{last}{i}")
    thin = Side(style="thin", color="666666")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="E7E7E7")
    grouped = any(g for *_, g in columns)
    head_rows = 2 if grouped else 1
    row = HEADER_ROW
    j = 0
    while j < width:
        key, text, kind, group = columns[j]
        if group:
            span = 1
            while j + span < width and columns[j + span][3] == group:
                span += 1
            _text(ws.cell(row=row, column=j + 1), group)
            if span > 1:
                ws.merge_cells(start_row=row, start_column=j + 1, end_row=row, end_column=j + span)
            for k in range(span):
                sub = columns[j + k][1]
                cell = ws.cell(row=row + 1, column=j + k + 1)
                if sub.isdigit() and columns[j + k][0] == f"c{sub}":  # criterion numbers head their columns as numbers
                    cell.value = int(sub)
                else:
                    _text(cell, sub)
            j += span
            continue
        _text(ws.cell(row=row, column=j + 1), text)
        if grouped:
            ws.merge_cells(start_row=row, start_column=j + 1, end_row=row + 1, end_column=j + 1)
        j += 1
    for r in range(row, row + head_rows):
        for c in range(1, width + 1):
            cell = ws.cell(row=r, column=c)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = border
            cell.fill = fill
    first = row + head_rows
    offset = 1 if table.stt else 0
    widths = [_width(c[1]) if not c[3] else 4 for c in columns]
    styles = _styles(ws, first, border)
    fit = len(table.rows) <= 2000  # beyond, widths from the first 2000 rows
    as_text = set()  # columns holding lists of numbers as text
    if not table.rows and isinstance(empty, list):  # sentences, each a numbered row, in the text column
        start = 2 if table.stt and width > 2 else 1
        for i, sentence in enumerate(empty):
            if start > 1:
                _styled(ws.cell(row=first + i, column=1, value=i + 1), styles, "stt")
            cell = ws.cell(row=first + i, column=start)
            _text(cell, sentence)
            cell.font = Font(italic=True)
            if width > start:
                ws.merge_cells(start_row=first + i, start_column=start, end_row=first + i, end_column=width)
        if empty:
            span = width - start + 1
            widths[start - 1] = max(widths[start - 1], min(max(map(_width, empty)), 80) / span)
    elif not table.rows and empty:
        cell = ws.cell(row=first, column=1)
        _text(cell, empty)
        cell.font = Font(italic=True)
        if width > 1:
            ws.merge_cells(start_row=first, start_column=1, end_row=first, end_column=width)
        widths[0] = max(widths[0], min(_width(empty), 80) / max(width, 1))
    for i, values in enumerate(table.rows):
        r = first + i
        if table.stt:
            _styled(ws.cell(row=r, column=1, value=i + 1), styles, "stt")
        for j, value in enumerate(values):
            kind = table.kind(i, j)
            cell = ws.cell(row=r, column=j + 1 + offset)
            _put(cell, value, kind, fmt=False)
            if kind == "level" and value is not None and not float(value).is_integer():
                _styled(cell, styles, "level_decimals")
            else:
                _styled(cell, styles, kind if value is not None and not isinstance(value, str) else
                        kind if kind in ("status", "wrap") else "text")
            if kind == "list" and value is not None:
                as_text.add(j + 1 + offset)
            if fit or i < 2000:
                shown = _shown(value, kind)
                widths[j + offset] = max(widths[j + offset], min(_width(shown), WRAP_WIDTH) if kind == "wrap"
                                         else _width(shown))
    if table.total is not None:
        r = first + len(table.rows)
        label_column = offset + 1
        for c in range(1, width + 1):
            _styled(ws.cell(row=r, column=c), styles, "total")
        _text(ws.cell(row=r, column=label_column), say["total"])
        for j, value in enumerate(table.total):
            if value is not None:
                cell = ws.cell(row=r, column=j + 1 + offset)
                _put(cell, value, table.kind(-1, j))
        widths[offset] = max(widths[offset], _width(say["total"]))
    shown = len(table.rows) or (len(empty) if isinstance(empty, list) and empty else 1)
    r = first + shown + (table.total is not None) + 1
    if table.note:  # a sentence under the table (criteria sets of different sizes)
        cell = ws.cell(row=r, column=1)
        _text(cell, table.note)
        cell.font = Font(italic=True)
        r += 1
    if review.data_label:  # illustrative or synthetic data says so on every sheet, as the page does
        cell = ws.cell(row=r, column=1)
        _text(cell, phrases(lang, "page")["source"].format(source=review.source_text(lang)))
        cell.font = Font(italic=True)
    for group in {c[3] for c in columns if c[3]}:  # the columns under one header ("Tiêu chí") at one width
        under = [j for j, c in enumerate(columns) if c[3] == group]
        for j in under:
            widths[j] = max(widths[k] for k in under)
    for c, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = min(max(w, 6), 60)
    last_row = first + max(len(table.rows), 1) - 1
    text_ranges = [f"{get_column_letter(c)}{first}:{get_column_letter(c)}{last_row}" for c in sorted(as_text)]
    name_column = get_column_letter(offset + 2) if table.key == "communes" else "A"
    ws.freeze_panes = f"{name_column}{first}"
    if table.key == "communes" and table.rows:  # the sheet to filter: by province, district, criterion
        ws.auto_filter.ref = f"A{first - 1}:{last}{last_row}"
    ws.print_title_rows = f"{row}:{first - 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    return text_ranges


def _styles(ws, row: int, border) -> dict:
    """One style per kind of cell, made once on a scratch cell and copied onto every cell of its
    kind (copying openpyxl's style array is what keeps 10,000 communes fast)."""
    from copy import copy

    from openpyxl.styles import Alignment, Font

    scratch = ws.cell(row=row, column=1)
    out = {}
    for kind in ("text", "status", "stt", "total", "wrap", "level_decimals", *NUMBER_FORMATS):
        scratch.border = border
        scratch.number_format = {"stt": "0", "level_decimals": LEVEL_DECIMALS}.get(kind, NUMBER_FORMATS.get(kind,
                                                                                                         "General"))
        scratch.alignment = Alignment(horizontal="center") if kind == "status" else \
            Alignment(wrap_text=True, vertical="top") if kind == "wrap" else Alignment()
        scratch.font = Font(bold=kind == "total")
        out[kind] = copy(scratch._style)
    scratch.style = "Normal"
    return out


def _styled(cell, styles: dict, kind: str) -> None:
    from copy import copy

    cell._style = copy(styles[kind])


def _put(cell, value, kind: str, fmt: bool = True) -> None:
    """A value in its cell: numbers as numbers with their Excel format, text as text."""
    if value is None:
        return
    if isinstance(value, str):
        _text(cell, value)
        return
    cell.value = value
    if fmt and kind == "level" and not float(value).is_integer():
        cell.number_format = LEVEL_DECIMALS
    elif fmt and kind in NUMBER_FORMATS:
        cell.number_format = NUMBER_FORMATS[kind]


def _shown(value, kind: str) -> str:
    """About what Excel shows, to fit the column's width."""
    if value is None:
        return ""
    if kind == "mean":
        return f"{value:.2f}"
    if kind == "share":
        return f"{value * 100:.1f}%"
    if kind == "level" and not float(value).is_integer():
        return f"{value:.2f}"
    return str(value)


def write_workbook(review, lang: str, tables: dict[str, Table], path: Path) -> Path:
    """The workbook of the review in ``lang``; its bytes depend only on the data (document
    dates are the reference date, zip entries carry a fixed time)."""
    from openpyxl import Workbook

    from .pack import GENERATOR

    book = Workbook()
    book.properties.creator = GENERATOR  # how a pack's workbook copied among the data is known
    book.remove(book.active)
    as_text = {}
    for n, (key, table) in enumerate(tables.items(), 1):
        as_text[n] = write_sheet(book.create_sheet(SHEETS[lang][key]), table, review, lang, n, _empty(key, review, lang))
    buffer = io.BytesIO()
    book.save(buffer)
    _fix_zip(buffer.getvalue(), path, review.reference_date, as_text)
    return path


def _empty(key: str, review, lang: str) -> str | list[str]:
    """What a sheet with nothing to list says: no warning, nothing noted while reading."""
    if key == "flags":
        from .wording import no_flag_sentences

        return no_flag_sentences(review, lang)  # each its own numbered row
    if key == "notes":
        return phrases(lang, "page")["notes_none"]
    return ""


def _ignored_errors(ranges: list[str]) -> bytes:
    """The ``ignoredErrors`` element telling Excel the cells of ``ranges`` hold numbers as text
    on purpose (openpyxl does not write it)."""
    return (f'<ignoredErrors><ignoredError sqref="{" ".join(ranges)}" numberStoredAsText="1"/>'
            f'</ignoredErrors>').encode("ascii")


def _fix_zip(data: bytes, path: Path, stamp, as_text: dict[int, list[str]] | None = None) -> None:
    """Rewrite an OOXML zip with fixed entry times and document dates, and each sheet's
    ``ignoredErrors`` (``as_text``: sheet number → ranges) where its schema puts it."""
    iso = f"{stamp.isoformat()}T00:00:00Z"
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            content = source.read(item.filename)
            sheet = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", item.filename)
            if sheet and as_text and as_text.get(int(sheet.group(1))):
                element = _ignored_errors(as_text[int(sheet.group(1))])
                # after headerFooter/rowBreaks/colBreaks, before drawing/legacyDrawing/tableParts/extLst
                later = re.search(rb"<(?:drawing|legacyDrawing|legacyDrawingHF|picture|oleObjects|controls|"
                                  rb"webPublishItems|tableParts|extLst)\b", content)
                at = later.start() if later else content.rindex(b"</worksheet>")
                content = content[:at] + element + content[at:]
            if item.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + iso.encode(), content)
            entry = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(entry, content)

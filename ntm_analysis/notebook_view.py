"""What the notebooks show around the page's sections: their title, intro and headings, in the
language the notebook is run in.

A markdown cell cannot follow the notebook's ``lang`` parameter, so the notebooks draw every
visible word from here (phrases in ``vocab.PHRASES[lang]["notebooks"]``); what a developer needs
to know stays in code comments. The title also carries the page's table style, so that a table
reads in a notebook as it does on the page (names left-aligned, a quarter on one line) rather
than in the notebook's own table style (every cell right-aligned and wrapped).
"""

from __future__ import annotations

from markupsafe import escape

from .vocab import phrases

# The page's table rules (templates/review.html.j2) for the tables the notebooks show (each sits
# in a div.wide). A notebook's own rule aligns every cell right with a selector of two classes:
# the alignment is marked important so that it holds in JupyterLab, the classic notebook and an
# HTML export alike.
TABLE_STYLE = """<style>
.wide > table { border-collapse: collapse; margin: 2mm 0 4mm; }
.wide > table caption { font-weight: bold; text-align: left; caption-side: top; margin-bottom: 1.5mm; }
.wide > table th, .wide > table td { border: 1px solid #555; padding: 0.3em 0.5em; vertical-align: top; }
.wide > table th { background: #eee; font-weight: bold; text-align: center !important; }
.wide > table td { text-align: left !important; }
.wide > table td.num { text-align: right !important; white-space: nowrap; }
.wide > table td.mark { text-align: center !important; }
.wide > table td.name, .wide > table td.short { white-space: nowrap; }
.wide > table td.wrap { white-space: normal; min-width: 10em; }
.wide > table tr.total td { font-weight: bold; background: #f6f6f6; }
.wide > table td.met { background: #e3f2ec; }
.wide > table td.basic { background: #fdf0d5; }
</style>"""


def notebook_title_html(notebook: str, lang: str) -> str:
    """The notebook's title and what it shows (``notebook``: ``review`` or ``compare``), in
    ``lang``, with the page's table style."""
    say = phrases(lang, "notebooks")
    return (f"{TABLE_STYLE}<h1>{escape(say[notebook + '_title'])}</h1>"
            f"<p>{escape(say[notebook + '_intro'])}</p>")


def notebook_heading_html(key: str, lang: str) -> str:
    """A heading of the notebook (``each_quarter``, ``year_on_year``, ``warnings``) in ``lang``."""
    return f"<h2>{escape(phrases(lang, 'notebooks')[key])}</h2>"

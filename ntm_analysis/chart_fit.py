"""Text that fits its chart: nothing cut at the figure's edge, nothing written over other text.

A 16:9 slide at 1280×720 with no text under 18 px leaves little room: a subtitle runs off the
right edge, five band names run together under a panel, a long criterion name squeezes the
plot. ``fit_texts`` wraps titles and long tick labels at word boundaries and turns crowded
tick labels, measuring what the renderer draws; ``text_problems`` lists what still does not
fit (the tests assert it is empty).
"""

from __future__ import annotations

from matplotlib.text import Text

MARGIN = 4  # pixels kept free at the figure's edges
IN_PANEL = "fit-in-panel"  # the gid of a text wrapped to stay inside its panel


def _hidden_ticks(fig) -> set[int]:
    """Tick labels matplotlib keeps but does not draw (their tick lies outside the axis' view)."""
    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            drawn = {id(t) for tick in axis._update_ticks() for t in (tick.label1, tick.label2)}
            hidden |= {id(t) for tick in axis.get_major_ticks() + axis.get_minor_ticks()
                       for t in (tick.label1, tick.label2) if id(t) not in drawn}
    return hidden


def _visible_texts(fig) -> list[Text]:
    hidden = _hidden_ticks(fig)
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and id(t) not in hidden
            and (t.axes is None or t.axes.get_visible())]


def _polygon(text: Text, renderer) -> list[tuple[float, float]]:
    """The corners of the rectangle ``text`` covers as drawn: its upright box, or for a turned
    label the turned rectangle inside that box (whose corners touch the box's four sides)."""
    import math

    box = text.get_window_extent(renderer)
    angle = text.get_rotation() % 180
    if angle in (0, 90):
        return [(box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1)]
    text.set_rotation(0)
    upright = text.get_window_extent(renderer)
    text.set_rotation(angle)
    w, h = upright.width, upright.height
    sin, cos = abs(math.sin(math.radians(angle))), abs(math.cos(math.radians(angle)))
    if angle < 90:
        return [(box.x0 + h * sin, box.y0), (box.x1, box.y0 + w * sin), (box.x0 + w * cos, box.y1),
                (box.x0, box.y0 + h * cos)]
    return [(box.x0 + w * cos, box.y0), (box.x1, box.y0 + h * cos), (box.x0 + h * sin, box.y1),
            (box.x0, box.y0 + w * sin)]


def _polygons_overlap(p, q, slack: float = 1.0) -> bool:
    """Two convex polygons overlap by more than ``slack`` pixels (separating axis test)."""
    for poly in (p, q):
        for (x1, y1), (x2, y2) in zip(poly, poly[1:] + poly[:1]):
            nx, ny = y2 - y1, x1 - x2
            norm = (nx * nx + ny * ny) ** 0.5 or 1.0
            a = [(x * nx + y * ny) / norm for x, y in p]
            b = [(x * nx + y * ny) / norm for x, y in q]
            if max(a) <= min(b) + slack or max(b) <= min(a) + slack:
                return False
    return True


def _wrap_to(text: Text, width: float, renderer) -> None:
    """``text`` broken into lines at spaces so that no line is wider than ``width`` pixels."""
    lines = []
    whole = text.get_text()
    if " (" in whole and "\n" not in whole:  # "Tân Phúc district (11 communes)": the brackets on a line of their own
        head, _, tail = whole.partition(" (")
        text.set_text(head)
        if text.get_window_extent(renderer).width <= width:
            text.set_text(f"{head}\n({tail}")
            if text.get_window_extent(renderer).width <= width:
                return
        text.set_text(whole)
    for paragraph in text.get_text().split("\n"):
        words, line = paragraph.split(" "), ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            text.set_text(candidate)
            if line and text.get_window_extent(renderer).width > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    text.set_text("\n".join(lines))


def _renderer(fig):
    """The figure's renderer, drawn (a figure made without pyplot gets an Agg canvas)."""
    if not hasattr(fig.canvas, "get_renderer"):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def _shorten_to(text: Text, width: float, renderer) -> None:
    """``text`` cut at a word and ended with "…" so that it is no wider than ``width`` pixels."""
    words = text.get_text().split(" ")
    while len(words) > 1:
        words.pop()
        text.set_text(" ".join(words).rstrip(",;:") + "…")
        if text.get_window_extent(renderer).width <= width:
            return


def _fit_long_names(ax, width: float, renderer) -> None:
    """Row names wider than ``width`` (a criterion's full name squeezing the bars): on two lines
    where the rows leave room for two, else cut short with "…" (the page and the workbook give
    them in full)."""
    labels = ax.get_yticklabels()
    if not any(t.get_text() and t.get_window_extent(renderer).width > width for t in labels):
        return
    ticks = ax.get_yticks()
    positions = sorted(ax.transData.transform([(0, y) for y in ticks])[:, 1])
    spacing = min((b - a for a, b in zip(positions, positions[1:])), default=float("inf"))
    line = max(t.get_window_extent(renderer).height for t in labels)
    texts = []
    for t in labels:
        if t.get_window_extent(renderer).width > width:
            _wrap_to(t, width, renderer) if spacing >= 2.2 * line else _shorten_to(t, width, renderer)
        texts.append(t.get_text())
    ax.set_yticks(ticks, texts)  # fixed: a category axis would write its names again


def _overlap(a, b) -> bool:
    return a.x0 < b.x1 - 1 and b.x0 < a.x1 - 1 and a.y0 < b.y1 - 1 and b.y0 < a.y1 - 1


def _fix_once(fig, renderer) -> None:
    width = fig.bbox.width
    titles = [fig._suptitle] if getattr(fig, "_suptitle", None) is not None else []
    for ax in fig.axes:
        titles += [ax.title, ax._left_title, ax._right_title]
        titles.append(ax.xaxis.label)
    panels = len([ax for ax in fig.axes if ax.get_title()]) > 1
    for text in titles:
        if not text.get_text():
            continue
        box = text.get_window_extent(renderer)
        limit = width - MARGIN - max(box.x0, MARGIN)
        if panels and text.axes is not None and text is text.axes.title:  # a panel's title: its panel's width
            limit = min(limit, text.axes.get_window_extent(renderer).width * 1.05)
        if box.width > limit:
            _wrap_to(text, limit, renderer)
    for ax in fig.axes:
        turn_crowded_ticks(ax, renderer)
        if ax.get_title() and any(_overlap(t.get_window_extent(renderer), ax.title.get_window_extent(renderer))
                                  for t in ax.texts if t.get_text()):
            low, high = ax.get_ylim()  # a value written above its bar runs into the panel's title: more room
            ax.set_ylim(low, high + 0.12 * (high - low))
        _fit_long_names(ax, 0.35 * width, renderer)
    _wrap_in_panels(fig, renderer)


def turn_crowded_ticks(ax, renderer) -> bool:
    """The x tick labels of ``ax`` turned one step further (35°, 60°, 90°) when two of them, as
    drawn, are written over each other ("Quý I/2020Quý II/2020"); True when turned. Measured on
    the labels, not decided by their number: six Vietnamese quarters need it, six English ones not."""
    labels = [t for t in ax.get_xticklabels() if t.get_visible() and t.get_text()]
    if not any(_polygons_overlap(_polygon(a, renderer), _polygon(b, renderer)) for a, b in zip(labels, labels[1:])):
        return False
    angle = {0: 35, 35: 60}.get(round(labels[0].get_rotation()) % 360, 90)
    ax.tick_params(axis="x", labelrotation=angle)
    for t in labels:
        t.set_horizontalalignment("right" if angle < 90 else "center")
        t.set_rotation_mode("anchor" if angle < 90 else "default")
    return True


def wrap_long_names(ax, width: float, renderer) -> bool:
    """Row names (y tick labels) wider than ``width`` pixels broken at spaces onto more lines,
    never shortened (the page's charts name each criterion in full); True when one was wrapped."""
    labels = ax.get_yticklabels()
    if not any(t.get_text() and t.get_window_extent(renderer).width > width for t in labels):
        return False
    ticks, texts = ax.get_yticks(), []
    for t in labels:
        if t.get_window_extent(renderer).width > width:
            _wrap_even(t, width, renderer)
        texts.append(t.get_text())
    ax.set_yticks(ticks, texts)  # fixed: a category axis would write its names again
    return True


def _wrap_even(text: Text, width: float, renderer) -> None:
    """``text`` on as few lines as ``width`` pixels allow, the lines of even length ("Tổ chức sản
    xuất và phát / triển kinh tế nông thôn", not a word left alone on the last line)."""
    import math

    whole = text.get_text()
    full = text.get_window_extent(renderer).width
    lines = math.ceil(full / width)
    target = full / lines
    while target < width:
        text.set_text(whole)
        _wrap_to(text, target, renderer)
        if text.get_text().count("\n") < lines:
            return
        target += 8
    text.set_text(whole)
    _wrap_to(text, width, renderer)


def _wrap_in_panels(fig, renderer) -> None:
    """Notes that must stay inside their panel (the break on a trend chart, gid ``IN_PANEL``)
    wrapped at spaces to the room left to the panel's right edge."""
    for ax in fig.axes:
        for text in ax.texts:
            if text.get_gid() == IN_PANEL and text.get_text():
                room = ax.get_window_extent(renderer).x1 - text.get_window_extent(renderer).x0 - MARGIN
                if text.get_window_extent(renderer).width > room:
                    _wrap_to(text, room, renderer)


def fit_in_panels(fig, rect=(0, 0, 1, 1)) -> None:
    """``_wrap_in_panels`` on a laid-out figure, laid out again if a note was wrapped (charts of
    the page and workbook, which ``fit_texts`` does not otherwise touch)."""
    notes = [t for ax in fig.axes for t in ax.texts if t.get_gid() == IN_PANEL]
    if not notes:
        return
    before = [t.get_text() for t in notes]
    _wrap_in_panels(fig, _renderer(fig))
    if [t.get_text() for t in notes] != before:
        fig.tight_layout(rect=rect)


def fit_texts(fig, rect=(0, 0, 1, 1), rounds: int = 4) -> None:
    """Wrap and turn the figure's text until it fits, re-laying it out each time."""
    for i in range(rounds):
        renderer = _renderer(fig)
        if i and not text_problems(fig):  # the first round always: long names wrapped even if they fit
            return
        _fix_once(fig, renderer)
        fig.tight_layout(rect=rect)


def text_problems(fig) -> list[str]:
    """Texts cut at the figure's edge and pairs of texts written over each other, as drawn."""
    renderer = _renderer(fig)
    width, height = fig.bbox.width, fig.bbox.height
    texts = _visible_texts(fig)
    boxes = [(t, t.get_window_extent(renderer)) for t in texts]
    out = [f"cut: {t.get_text()!r}" for t, b in boxes
           if b.x0 < -0.5 or b.y0 < -0.5 or b.x1 > width + 0.5 or b.y1 > height + 0.5]
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            if _overlap(box_a, box_b) and _polygons_overlap(_polygon(a, renderer), _polygon(b, renderer)):
                out.append(f"overlap: {a.get_text()!r} / {b.get_text()!r}")
    return out

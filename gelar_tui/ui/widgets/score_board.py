"""The scoreboard itself: the ranking, which sheets are still missing, and the state of the results.

The console's scoreboard screen and the audience display compose this one widget.
It reads on a projector at any size from 80×24 up (see :mod:`.board_layout`):
no column that matters is ever off screen. On the display (``paged``) a ranking
longer than the screen turns its pages by itself.

With ``[[categories]]`` the board shows the category the moderator chose (``board_category``
records, which every board follows): its name above, its ranking with its own awards and
finality, its finalists and any tie at the cut below (the berita acara's lines), and only its
groups' sheets. An event without categories shows every group, as it always has.
"""

from __future__ import annotations

import time
from fractions import Fraction

from rich.style import Style
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from ...day.hall import OVERALL, board_category, board_choices
from ...scoring.awards import award_for
from ...results.document_categories import finalist_lines
from ...results.export import rank_label, status_line, tie_break_name
from ...scoring.categories import CategoryRanking
from ...scoring.live_categories import LiveCategories
from ...scoring.live_ranking import LiveRanking
from ...scoring.rules import Results
from .board_layout import plan_board, shorten
from .slot_bar import bar_text
from .table_view import Cell, Column, TableView

LOCKED, COMPLETE, PARTIAL, EMPTY = "✓", "○", "◐", "·"
PAGE_SECONDS = 10.0
"""How long the display shows each page of a long ranking."""
COST_FACTOR = 20
"""After a redraw that took t seconds, the next waits at least COST_FACTOR × t: the board
takes at most about 1/COST_FACTOR of a core however fast scores arrive."""
MAX_WAIT = 0.4
"""…but never longer than this: every change shows within half a second."""
MIN_INTERVAL = 0.33
"""While changes keep coming (jurors typing), they are folded into at most one redraw per this many seconds;
the first change after a quiet spell shows at once."""
FLIP_ROOM = 0.04
"""A redraw due just before the clock's next flip waits until this long after it: the flip is painted first."""


class ScoreBoard(Vertical):
    """Status line, ranking (or the note that it is hidden), juror legend and sheet progress."""

    def __init__(self, *, paged: bool = False, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.paged = paged
        self.page = 0
        self.pages = 1
        self.redraws = 0
        self._drawn_at = 0.0
        self._cost = 0.0
        self._pending: Timer | None = None
        self._page_timer: Timer | None = None
        self._row_cache: dict[str, tuple[tuple, dict]] = {}
        """Group -> (what its ranking row shows, the row formatted)."""
        self._line_cache: dict[int, tuple[dict, object, list]] = {}
        """id(row) -> (the row, the column plan, its cells)."""
        self._progress_cache: dict[str, tuple[tuple, list, list, dict]] = {}
        """Group -> (its marks' key, its progress row, each cell's width, the row shortened to a width)."""
        self._progress_state = None
        self._live: LiveRanking | None = None
        self._categories: LiveCategories | None = None
        self._choice: str | None = None
        """The category shown (None: an event without categories)."""
        self._texts: dict[str, tuple[str, str]] = {}
        """Selector -> (what it shows, its plain text), for the lines updated on every redraw."""

    def compose(self) -> ComposeResult:
        yield Static(id="board-category", markup=False)
        yield Static(id="board-status")
        yield TableView(id="ranking")
        yield Static(self.app.t("scoreboard.hidden"), id="hidden-note", markup=False)
        yield Static(id="board-finalists", markup=False)
        yield Static(id="juror-legend")
        yield Static(id="progress-title")
        yield TableView(id="progress")

    def on_mount(self) -> None:
        if self.paged:
            self._page_timer = self.set_interval(PAGE_SECONDS, self.next_page)
        self.redraw()

    @property
    def day(self):
        return self.app.day

    def _ranking(self) -> LiveRanking:
        """This board's own live ranking of the day's event (see scoring.live_ranking)."""
        live = self._live
        if live is None or live.event is not self.day.event:
            live = self._live = LiveRanking(self.day.event)
        return live

    def _category(self, choice: str) -> CategoryRanking:
        """The chosen category's ranking, awards and cut, from this board's own live rankings (scoring.live_categories)."""
        live = self._categories
        if live is None or live.event is not self.day.event:
            live = self._categories = LiveCategories(self.day.event)
        return live.ranking(self.day.state, self.day.overtimes(), choice)

    # -- when to draw -------------------------------------------------------------

    def changed(self) -> None:
        """Redraw now, or, while changes keep coming, a moment later (several changes fold into one)."""
        if self._pending is not None:
            return
        now = time.monotonic()
        interval = min(MAX_WAIT, max(MIN_INTERVAL, COST_FACTOR * self._cost))
        due = self._after_flip(max(now, self._drawn_at + interval), now)
        if due <= now:
            self.redraw()
        else:
            self._pending = self.set_timer(due - now, self.redraw)

    def _after_flip(self, due: float, now: float) -> float:
        """*due*, or just after the clock's next flip when a redraw at *due* could hold the flip up."""
        day = self.day
        until = day.slot().until_next_change()
        if until is None:
            return due
        flip = now + until / day.clock.speed
        if due - FLIP_ROOM <= flip < due + 3 * self._cost + 0.01:
            return flip + FLIP_ROOM
        return due

    def on_resize(self) -> None:
        self.redraw()  # the columns take the width the screen has

    def next_page(self) -> None:
        if self.pages > 1:
            self.page = (self.page + 1) % self.pages
            self.redraw()

    def redraw(self) -> None:
        started = time.monotonic()
        self._pending = None
        day = self.day
        choice = board_category(day.event, day.state)
        if choice != self._choice:  # another category: its first page, for a whole turn
            self._choice, self.page = choice, 0
            if self._page_timer is not None:
                self._page_timer.reset()
        category = None if choice is None else self._category(choice)
        results = self._ranking().results(day.state, day.overtimes()) if category is None else category.results
        hidden = day.event.scoring.reveal == "end" and not day.state.revealed
        self._show_widget("#ranking", not hidden)
        self._show_widget("#hidden-note", hidden)
        self._show_category(category, hidden)
        if hidden:
            self._set_text("#juror-legend", "")
        else:
            self._fill_ranking(results, day.event if category is None else category.event)
        self._set_text("#board-status", self._status(results, hidden))
        self._fill_progress(results, day.state.order if category is None else self._category_order(category))
        self.redraws += 1
        self._drawn_at = time.monotonic()
        self._cost = self._drawn_at - started

    # -- drawing ------------------------------------------------------------------------

    def _show_category(self, category: CategoryRanking | None, hidden: bool) -> None:
        """The category's name (and which of the choices it is) above, its finalists and tie at the cut below."""
        self._show_widget("#board-category", category is not None)
        self.set_class(category is not None, "-categories")
        finalists = [] if category is None or hidden else finalist_lines(self.day, category, self.app.t)
        self._show_widget("#board-finalists", bool(finalists))
        self._set_text("#board-finalists", "\n".join(finalists))
        if category is None:
            return
        t = self.app.t
        name = t("provincial.categories.overall") if category.category == OVERALL else category.name
        choices = board_choices(self.day.event)
        position = t("catboard.position", index=choices.index(category.category) + 1, count=len(choices))
        width = self.content_size.width - len(position) - 2
        if width > 8:  # one line however long the name (the first draw, before the layout, keeps it whole)
            name = shorten(name, width)
        self._set_text("#board-category", Content.assemble((name, "bold"), "  ", (position, "dim")))

    def _category_order(self, category: CategoryRanking) -> list[str]:
        """The category's groups in running order (every group for the overall ranking)."""
        if category.category == OVERALL:
            return self.day.state.order
        mine = set(category.event.group_ids)
        return [g for g in self.day.state.order if g in mine]

    def _show_widget(self, selector: str, shown: bool) -> None:
        widget = self.query_one(selector)
        if widget.display != shown:
            widget.display = shown

    def _set_text(self, selector: str, text: str | Content) -> None:
        """Update a line only when it changes; without a layout pass when it stays one line of the same length."""
        if isinstance(text, str):
            text = Content(text)  # juror's names, catalogue lines with "[scoring]" in them: text, never markup
        plain, key = text.plain, text.markup
        before = self._texts.get(selector)
        if before is not None and before[0] == key:
            return
        widget = self.query_one(selector, Static)
        same_room = before is not None and len(before[1]) == len(plain) and len(plain) < widget.content_size.width
        self._texts[selector] = (key, plain)
        widget.update(text, layout=not same_room)

    def _status(self, results: Results, hidden: bool) -> Content:
        t = self.app.t
        line = status_line(results, t, self.app.day.event)
        method = t("results.method_line", method=t(f"method.{results.method}"))
        page = t("display.page", page=self.page + 1, pages=self.pages) if self.paged and self.pages > 1 and not hidden else ""
        style = "bold $warning" if results.provisional else "bold $success"
        return Content.from_markup(f"[{style}]$line[/]  [dim]$method[/]  [b]$page[/]", line=line, method=method, page=page)

    def _style(self, colour: str, bold: bool = False) -> Style:
        """A theme colour as a rich style, for the table's cells."""
        return Style(color=self.app.theme_variables.get(colour), bold=bold)

    def _fraction(self, score: Fraction | None, results: Results, ranked: int) -> float:
        """How much of the bar a score fills: its place on the scale (or, for mean ranks, among the ranks)."""
        if score is None:
            return 0.0
        scoring = self.day.event.scoring
        if results.lower_is_better:
            return (ranked + 1 - float(score)) / ranked if ranked else 0.0
        span = float(scoring.max - scoring.min)
        return (float(score) - float(scoring.min)) / span if span else 0.0

    def _fill_ranking(self, results: Results, awards) -> None:
        """The ranking's rows (this page's on the display); *awards*: the event whose awards apply (a category's own)."""
        table = self.query_one("#ranking", TableView)
        ranked = sum(1 for e in results.entries if e.rank is not None)
        places = 3 if results.lower_is_better else 2
        entries = results.entries
        if self.paged:
            per_page = max(1, table.size.height - 1)
            self.pages = max(1, -(-len(entries) // per_page))
            self.page = min(self.page, self.pages - 1)
            entries = entries[self.page * per_page : (self.page + 1) * per_page]
        rows = []
        cache, theme = self._row_cache, self.app.theme
        for entry in entries:
            # A row is formatted again only when what it shows changed (most records move one group).
            key = (entry.rank, entry.tied, entry.decided_by, entry.score, tuple(entry.units.values()), entry.penalty, ranked, theme, self._choice)
            found = cache.get(entry.group)
            if found is None or found[0] != key:
                found = cache[entry.group] = (key, self._ranking_row(entry, results, ranked, places, awards))
            rows.append(found[1])
        self._show_ranking(table, rows)

    def _ranking_row(self, entry, results: Results, ranked: int, places: int, awards) -> dict:
        t, event = self.app.t, self.day.event
        group = event.group(entry.group)
        award = award_for(entry.rank, awards)
        note = ""
        if entry.decided_by:
            note = t("scoreboard.decided", key=tie_break_name(self.day, entry.decided_by, t))
        elif entry.tied:
            note = t("scoreboard.tied")
        colour = {"winner": "accent", "honourable": "warning"}.get(award.kind if award else "", "foreground")
        jurors = [t.number(None if u is None else u / entry.denominator) for u in entry.units.values()]
        row = {
            "rank": (rank_label(entry.rank, entry.tied), self._style(colour, bold=award is not None)),
            "name": group.name,
            "agency": group.agency,
            # units over the denominator: the same float as the exact total's, without a Fraction each
            "jurors": jurors,
            "penalty": t.number(float(entry.penalty)) if entry.penalty else "-",
            "score": (t.number(None if entry.score is None else float(entry.score), places), Style(bold=True)),
            "fraction": self._fraction(entry.score, results, ranked),
            "note": note,
        }
        row["widths"] = {k: len(_text(row[k])) for k in ("rank", "name", "agency", "penalty", "score", "note")}
        row["widths"]["jurors"] = max([0, *(len(v) for v in jurors)])
        return row

    def _show_ranking(self, table: TableView, rows: list[dict]) -> None:
        t, event = self.app.t, self.day.event
        headers = {k: t(f"results.{k}") for k in ("rank", "group", "agency", "penalty", "score")}
        note_header = t("scoreboard.note")

        def longest(key: str, title: str) -> int:
            return max([len(title), *(r["widths"][key] for r in rows)])

        numbers = max([4, *(r["widths"]["jurors"] for r in rows)])
        plan = plan_board(
            table.size.width - 2,
            rank=longest("rank", headers["rank"]),
            name=longest("name", headers["group"]),
            agency=longest("agency", headers["agency"]),
            juror_names=[j.name for j in event.jurors],
            juror_ids=event.juror_ids,
            number=numbers,
            penalty=longest("penalty", headers["penalty"]),
            score=longest("score", headers["score"]),
            note=max([0, *(r["widths"]["note"] for r in rows)]) and longest("note", note_header),
        )
        columns = [Column(headers["rank"], plan.rank), Column(headers["group"], plan.name)]
        if plan.agency:
            columns.append(Column(headers["agency"], plan.agency))
        if plan.jurors:
            columns += [Column(j.id if plan.juror_ids else j.name, plan.jurors, True) for j in event.jurors]
        if plan.penalty:
            columns.append(Column(headers["penalty"], plan.penalty, True))
        columns += [Column(headers["score"], plan.score, True), Column("", plan.bar)]
        if plan.note:
            columns.append(Column(note_header, plan.note))
        bar_style = self._style("success")
        cells: list[list[Cell]] = []
        lines, kept = self._line_cache, {}
        for r in rows:
            found = lines.get(id(r))
            if found is not None and found[0] is r and found[1] == plan:
                kept[id(r)] = found
                cells.append(found[2])
                continue
            line: list[Cell] = [r["rank"], shorten(r["name"], plan.name)]
            if plan.agency:
                line.append(shorten(r["agency"], plan.agency))
            if plan.jurors:
                line += r["jurors"]
            if plan.penalty:
                line.append(r["penalty"])
            line += [r["score"], (bar_text(r["fraction"], plan.bar).replace("·", " "), bar_style)]
            if plan.note:
                line.append(r["note"])
            kept[id(r)] = (r, plan, line)
            cells.append(line)
        self._line_cache = kept  # the rows shown now; a row formatted again is a new row
        table.show(columns, cells)
        legend = ""
        if plan.jurors and plan.juror_ids:
            legend = "  ".join(f"{j.id} = {j.name}" for j in event.jurors)
        self._set_text("#juror-legend", legend)
        self._show_widget("#juror-legend", bool(legend))

    def _fill_progress(self, results: Results, order: list[str]) -> None:
        t, day = self.app.t, self.day
        everything_locked = results.sheets_expected > 0 and results.sheets_locked == results.sheets_expected
        progress = self.query_one("#progress", TableView)
        self._show_widget("#progress", not everything_locked and not self.paged)
        if everything_locked:
            self._set_text("#progress-title", t("display.all_locked", sheets=results.sheets_expected, mark=LOCKED))
            return
        self._set_text(
            "#progress-title",
            t(
                "scoreboard.progress",
                locked=results.sheets_locked,
                sheets=results.sheets_expected,
                legend=t("scoreboard.legend", locked=LOCKED, complete=COMPLETE, partial=PARTIAL, empty=EMPTY),
            )
        )
        if self.paged:
            return
        state, theme = day.state, self.app.theme
        if self._progress_state is not state:  # replayed afresh: every row again
            self._progress_state, self._progress_cache = state, {}
        cache = self._progress_cache
        entries = []
        for group_id in order:
            # A group's marks change only with a record naming the group (DayState.touched).
            key = (state.touched.get(group_id, 0), theme)
            found = cache.get(group_id)
            if found is None or found[0] != key:
                marks = self._progress_marks(group_id)
                found = cache[group_id] = (key, marks, [len(_text(m)) for m in marks], {})
            entries.append(found)
        widths = [max(column) for column in zip(*(e[2] for e in entries))] if entries else []
        titles = [t("results.group"), *(j.id for j in day.event.jurors)]
        width = progress.size.width - 2
        first = max(len(titles[0]), widths[0] if widths else 0)
        if sum(max(len(j.name), 5) + 2 for j in day.event.jurors) + first <= width:
            titles = [titles[0], *(j.name for j in day.event.jurors)]
        columns = [Column(title, max(len(title), w)) for title, w in zip(titles, widths or [0] * len(titles))]
        spare = width - sum(c.width + 2 for c in columns[1:])
        shortened = columns[0].width > spare > 8
        if shortened:
            columns[0] = Column(columns[0].title, spare)
        rows: list[list[Cell]] = []
        for _, marks, _, short in entries:
            if not shortened:
                rows.append(marks)
                continue
            if spare not in short:
                short.clear()
                short[spare] = [shorten(str(marks[0]), spare), *marks[1:]]
            rows.append(short[spare])
        progress.show(columns, rows)

    def _progress_marks(self, group_id: str) -> list[Cell]:
        """A group's row of the progress matrix: its name, then each juror's sheet as a mark."""
        t, day = self.app.t, self.day
        criteria = len(day.event.criteria)
        locked, partial = self._style("success", bold=True), self._style("warning")
        marks: list[Cell] = [day.event.group(group_id).name]
        for juror in day.event.juror_ids:
            filled = len(day.state.sheets.get((group_id, juror), {}))
            if (group_id, juror) in day.state.recused:
                marks.append(t("recusal.mark"))
            elif (group_id, juror) in day.state.locked:
                marks.append((LOCKED, locked))
            elif filled == criteria:
                marks.append((COMPLETE, partial))
            elif filled:
                marks.append((f"{PARTIAL} {filled}/{criteria}", partial))
            else:
                marks.append(EMPTY)
        return marks


def _text(cell) -> str:
    return cell if isinstance(cell, str) else cell[0]

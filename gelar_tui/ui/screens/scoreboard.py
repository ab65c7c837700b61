"""The live scoreboard: the ranking as it stands, and which sheets are still missing.

It redraws the moment a score is journaled, by this console or by any other
process writing to the same journal.
"""

from __future__ import annotations

from fractions import Fraction

from rich.style import Style
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Static

from ...awards import award_for
from ...export import rank_label, tie_break_name
from ...scoring import Results
from ..bindings import translate_bindings
from ..messages import DayChanged
from ..widgets.slot_bar import bar_text
from ..widgets.table_view import Cell, Column, TableView, fit
from .base import SubScreen
from .confirm import ConfirmScreen

LOCKED, COMPLETE, PARTIAL, EMPTY = "✓", "○", "◐", "·"


class ScoreboardScreen(SubScreen):
    """Rank, group, agency, each juror's total, penalty, final score and a bar."""

    CSS_PATH = "scoreboard.tcss"
    BINDINGS = [
        Binding("v", "reveal", "scoreboard.key_reveal"),
        Binding("escape,s", "close", "scoreboard.key_close"),
    ]

    def compose(self) -> ComposeResult:
        t = self.app.t
        yield from self.compose_topbar(t("scoreboard.title", event=self.day.event.event.title))
        yield Static(id="board-status")
        with Vertical(id="board"):
            yield TableView(id="ranking")
            yield Static(t("scoreboard.hidden"), id="hidden-note")
            yield Static(id="progress-title")
            yield TableView(id="progress")
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self)
        t, event = self.app.t, self.day.event
        self._headers = [
            t("results.rank"), t("results.group"), t("results.agency"), *(j.name for j in event.jurors),
            t("results.penalty"), t("results.score"), "", t("scoreboard.note"),
        ]
        self.refresh_board()

    @on(DayChanged)
    def refresh_board(self) -> None:
        results = self.day.results()
        hidden = self.day.event.scoring.reveal == "end" and not self.day.state.revealed
        self.query_one("#board-status", Static).update(self._status(results, hidden))
        self.query_one("#ranking").display = not hidden
        self.query_one("#hidden-note").display = hidden
        if not hidden:
            self._fill_ranking(results)
        self._fill_progress(results)

    def _status(self, results: Results, hidden: bool) -> Content:
        t = self.app.t
        from ...export import status_line

        line = status_line(results, t)
        method = t("results.method_line", method=t(f"method.{results.method}"))
        style = "bold $warning" if results.provisional else "bold $success"
        return Content.from_markup(f"[{style}]$line[/]  [dim]$method[/]", line=line, method=method)

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

    def _fill_ranking(self, results: Results) -> None:
        t, event = self.app.t, self.day.event
        ranked = sum(1 for e in results.entries if e.rank is not None)
        places = 3 if results.lower_is_better else 2
        jurors = len(event.jurors)
        rows: list[list[Cell]] = []
        for entry in results.entries:
            group = event.group(entry.group)
            award = award_for(entry.rank, event)
            note = ""
            if entry.decided_by:
                note = t("scoreboard.decided", key=tie_break_name(self.day, entry.decided_by, t))
            elif entry.tied:
                note = t("scoreboard.tied")
            colour = {"winner": "accent", "honourable": "warning"}.get(award.kind if award else "", "foreground")
            rows.append(
                [
                    (rank_label(entry.rank, entry.tied), self._style(colour, bold=award is not None)),
                    group.name,
                    group.agency,
                    *(t.number(None if v is None else float(v)) for v in entry.totals.values()),
                    t.number(float(entry.penalty)) if entry.penalty else "-",
                    (t.number(None if entry.score is None else float(entry.score), places), Style(bold=True)),
                    "",  # the bar, drawn below once the other columns are measured
                    note,
                ]
            )
        numbers = set(range(3, 5 + jurors))
        columns = fit([Column(h, 0, i in numbers) for i, h in enumerate(self._headers)], rows)
        bar_width = max(8, self.size.width - sum(c.width for c in columns) - TableView.GAP * len(columns) - 4)
        bar_style = self._style("success")
        for row, entry in zip(rows, results.entries):
            row[-2] = (bar_text(self._fraction(entry.score, results, ranked), bar_width).replace("·", " "), bar_style)
        columns[-2] = Column("", bar_width)
        self.query_one("#ranking", TableView).show(columns, rows)

    def _fill_progress(self, results: Results) -> None:
        t, day = self.app.t, self.day
        self.query_one("#progress-title", Static).update(
            t(
                "scoreboard.progress",
                locked=results.sheets_locked,
                sheets=results.sheets_expected,
                legend=t("scoreboard.legend", locked=LOCKED, complete=COMPLETE, partial=PARTIAL, empty=EMPTY),
            )
        )
        criteria = len(day.event.criteria)
        locked, complete, partial = self._style("success", bold=True), self._style("warning"), self._style("warning")
        rows: list[list[Cell]] = []
        for group_id in day.state.order:
            marks: list[Cell] = [day.event.group(group_id).name]
            for juror in day.event.juror_ids:
                filled = len(day.state.sheets.get((group_id, juror), {}))
                if (group_id, juror) in day.state.locked:
                    marks.append((LOCKED, locked))
                elif filled == criteria:
                    marks.append((COMPLETE, complete))
                elif filled:
                    marks.append((f"{PARTIAL} {filled}/{criteria}", partial))
                else:
                    marks.append(EMPTY)
            rows.append(marks)
        headers = [t("results.group"), *(j.name for j in day.event.jurors)]
        self.query_one("#progress", TableView).show(fit([Column(h, 0) for h in headers], rows), rows)

    def on_resize(self) -> None:
        self.refresh_board()  # the bars take the width the screen has

    def action_reveal(self) -> None:
        day, t = self.day, self.app.t
        if day.event.scoring.reveal != "end":
            self.app.notify(t("scoreboard.always_live"))
            return
        revealed = not day.state.revealed
        question = t("scoreboard.confirm_reveal" if revealed else "scoreboard.confirm_hide")

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.act(lambda: day.reveal_results(revealed))

        self.app.push_screen(ConfirmScreen(question), answered)

    def action_close(self) -> None:
        self.dismiss()

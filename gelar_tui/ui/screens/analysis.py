"""The analysis before the announcement: is the result robust, does the jury agree, is a sheet out of line?

It shows what `gelar analysis` prints (the same sections, from the same core), and
follows the journal: a score typed at a jury station or a recusal redraws it.
"""

from __future__ import annotations

import time

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from ...scoring.analysis import Analysis, analyse_day
from ...results.analysis_report import header, sections
from ..bindings import translate_bindings
from ..messages import DayChanged
from ..widgets.table_view import Column, TableView, fit_within
from .base import SubScreen

MAX_TABLE_LINES = 14
"""A long table scrolls inside its own frame so that the sections below it stay in reach."""
COST_FACTOR = 10
"""After an analysis that took t seconds, changes wait at least COST_FACTOR × t before the next one:
on a big day (half a second an analysis) the screen takes at most a tenth of a core, and the clock keeps its flips."""
MIN_WAIT = 0.5


class AnalysisScreen(SubScreen):
    """Methods side by side, each juror left out, severity, agreement, outlying sheets, notes."""

    CSS_PATH = "analysis.tcss"
    BINDINGS = [Binding("escape,a", "close", "analysis.key_close")]

    def compose(self) -> ComposeResult:
        yield from self.compose_topbar(self.app.t("analysis.title", event=self.day.event.event.title))
        yield Static(id="analysis-status")
        yield VerticalScroll(id="analysis-body")
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self)
        self._pending = None
        self._done_at = 0.0
        self._cost = 0.0
        self.refresh_analysis()

    @on(DayChanged)
    def day_changed(self) -> None:
        """News in the journal: the analysis again, at once after a quiet spell, else folded with what follows."""
        if self._pending is not None:
            return
        now = time.monotonic()
        due = self._done_at + max(MIN_WAIT, COST_FACTOR * self._cost)
        if due <= now:
            self.refresh_analysis()
        else:
            self._pending = self.set_timer(due - now, self.refresh_analysis)

    def refresh_analysis(self) -> None:
        """Compute the analysis afresh and draw every section."""
        self._pending = None
        started = time.monotonic()
        self.analysis = analyse_day(self.day)
        self._done_at = time.monotonic()
        self._cost = self._done_at - started
        self.query_one("#analysis-status", Static).update(self._status(self.analysis))
        body = self.query_one("#analysis-body", VerticalScroll)
        with self.app.batch_update():
            body.remove_children()
            body.mount_all(self._widgets(self.analysis))

    def _status(self, analysis: Analysis) -> Content:
        t = self.app.t
        if not analysis.winners:  # the methods' section says so
            return Content.from_markup("[dim]$line[/]", line=header(analysis, t))
        if analysis.needs_confirmation:
            verdict, style = t("analysis.check_first"), "bold $warning"
        else:
            verdict, style = t("analysis.looks_sound"), "bold $success"
        return Content.from_markup(f"[{style}]$verdict[/]\n[dim]$line[/]", verdict=verdict, line=header(analysis, t))

    def _widgets(self, analysis: Analysis) -> list:
        widgets = []
        for index, (title, headers, rows, below) in enumerate(sections(analysis, self.day.event, self.app.t)):
            warn = (index == 0 and analysis.winners and not analysis.winner_stable) or (index == 3 and analysis.outliers)
            widgets.append(Static(title, markup=False, classes="section-title" + (" -warning" if warn else "")))
            if rows is not None:
                table = TableView(classes="section-table")
                table.styles.height = min(len(rows) + 1, MAX_TABLE_LINES)
                table.show(fit_within([Column(h, 0) for h in headers], rows, self._table_width()), rows)
                widgets.append(table)
            if below:
                widgets.append(Static("\n".join(below), classes="section-lines" + (" -warning" if warn else ""), markup=False))
        return widgets

    def _table_width(self) -> int:
        """The cells a table has on this screen: the body's padding and both scrollbars off."""
        return max(20, self.size.width - 4)

    def on_resize(self) -> None:
        if getattr(self, "analysis", None) is not None:
            self.day_changed()  # the tables again, fitted to the new width

    def action_close(self) -> None:
        self.dismiss()

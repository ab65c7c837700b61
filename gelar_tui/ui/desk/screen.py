"""The desk's screens: the table of every journal on the hub, and a journal's scoreboard (the console's own)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ...hub.overview import JournalLine
from ..plain import visible
from ..screens.scoreboard import ScoreboardScreen

COLUMNS = ("event", "on_stage", "left", "delay", "sheets", "state", "leader")
NAMES = {"event": 0.45, "on_stage": 0.3, "leader": 0.25}
"""The columns of user text, and their shares of the width the others leave (long names end in …)."""


class DeskScreen(Screen[None]):
    """One row per journal: the group on stage and its time left, the delay, sheets, provisional or final, the leader."""

    BINDINGS = [Binding("enter", "open", "Scoreboard", show=False)]

    def __init__(self) -> None:
        super().__init__()
        self.shown: dict[str, JournalLine] = {}
        """What each row shows now, by journal: a row is redrawn only when its line changed."""
        self.widths: dict[str, int] = {}
        """The width of each column of names, from the screen's width."""

    def compose(self) -> ComposeResult:
        t = self.app.t
        yield Static(Content(t("hubread.desk.title", url=self.app.address)), classes="topbar", id="desk-title")
        table: DataTable = DataTable(id="desk-table", cursor_type="row", zebra_stripes=True)
        for column in COLUMNS:
            table.add_column(t(f"hubread.desk.{column}"), key=column)
        yield table
        yield Static(Content(t("hubread.desk.empty")), id="desk-empty")
        yield Static(Content(t("hubread.desk.hint")), id="desk-status")

    ready = False

    def on_mount(self) -> None:
        self.ready = True
        self.app.tick()  # the lines as they stand, now that the table is there

    def on_resize(self) -> None:
        """Names get what the other columns leave: every row is drawn again at the new widths."""
        width = self.size.width
        if not self.ready or width == getattr(self, "_width", None):
            return
        self._width = width
        self._set_widths(width)
        table = self.query_one(DataTable)
        for key in list(self.shown):
            table.remove_row(key)
        self.shown.clear()
        self.app.tick()

    def _set_widths(self, width: int) -> None:
        t = self.app.t
        fixed = sum(max(len(t(f"hubread.desk.{column}")), size) for column, size in (("left", 7), ("delay", 11), ("sheets", 7), ("state", 11)))
        free = max(24, width - fixed - 2 * len(COLUMNS) - 2)
        table = self.query_one(DataTable)
        for column, share in NAMES.items():
            self.widths[column] = max(6, int(free * share))
            table.columns[column].width = self.widths[column]  # type: ignore[index]
            table.columns[column].auto_width = False  # type: ignore[index]

    def show_lines(self, lines: list[JournalLine], *, lost: bool) -> None:
        """Bring the table up to *lines* (in order), touching only the cells that changed."""
        if not self.ready:
            return  # on_mount shows them
        if not self.widths:
            self._set_widths(self.size.width)
        table = self.query_one(DataTable)
        wanted = {line.journal: line for line in lines}
        for journal in [key for key in self.shown if key not in wanted]:
            table.remove_row(journal)
            del self.shown[journal]
        for line in lines:
            cells = self._cells(line)
            before = self.shown.get(line.journal)
            if before is None:
                table.add_row(*cells, key=line.journal)
            elif before != line:
                old = self._cells(before)
                for column, new, was in zip(COLUMNS, cells, old):
                    if new != was:
                        table.update_cell(line.journal, column, new)
            self.shown[line.journal] = line
        self.query_one("#desk-empty").display = not lines
        status = self.query_one("#desk-status", Static)
        status.set_class(lost, "-lost")
        t = self.app.t
        status.update(Content(t("hubread.desk.lost") if lost else t("hubread.desk.hint")))

    def _cells(self, line: JournalLine) -> list[Text]:
        """The row's cells as plain text (titles and names are user text: never markup)."""
        t = self.app.t
        if line.delay_s is None:
            delay = ""
        elif abs(line.delay_s) < 60:
            delay = t("rundown.on_time")
        else:
            delay = t("rundown.late" if line.delay_s > 0 else "rundown.early", minutes=abs(line.delay_s) // 60)
        texts = (
            line.title,
            line.on_stage or t("hubread.desk.nobody"),
            line.left,
            delay,
            f"{line.sheets_locked}/{line.sheets_expected}",
            t("hubread.desk.final" if line.final else "hubread.desk.provisional"),
            line.leader or t("hubread.desk.nobody"),
        )
        cells = []
        for column, text in zip(COLUMNS, texts):
            cell = Text(visible(text), no_wrap=True, overflow="ellipsis")
            if column in self.widths:
                cell.truncate(self.widths[column], overflow="ellipsis")
            cells.append(cell)
        return cells

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        self.app.open_scoreboard(key)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_scoreboard(event.row_key.value)


class DeskScoreboard(ScoreboardScreen):
    """The console's scoreboard on one journal of the hub; the desk writes nothing, so reveal and winner say so."""

    CSS_PATH = str(Path(__file__).parent.parent / "screens" / "scoreboard.tcss")  # the console's, from this folder

    def action_reveal(self) -> None:
        self._read_only()

    def action_winner(self) -> None:
        self._read_only()

    def _read_only(self) -> None:
        self.app.notify(self.app.t("hubread.read_only", source=self.day.journal.source), severity="warning")

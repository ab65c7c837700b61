"""The jury sheet: criteria as rows, jurors as columns, one score per cell.

A value is checked as it is typed and journaled the moment its cell is left,
so nothing typed is lost if the app dies. A juror's column is locked once
submitted; opening it again asks for a reason, which the journal keeps.

The console opens it with every juror; a jury station (``juror=``) with that
juror's column only to write, the others read-only, or none of them in blind mode.
The console's sheet also says which jurors have PINs and which stations are open.

A station of an event with a review stage (``stage=``) shows that stage's sheet: only
the entries of the juror's panels, the stage's criteria, the juror's column alone (a
desk review is each juror's own), and each entry's proposal document where the stage
names one; F3 switches between the stages the station offers (see
:func:`gelar_tui.day.stages.station_stages`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, HorizontalScroll, Vertical, VerticalScroll
from textual.content import Content
from textual.events import DescendantBlur, Key
from textual.widget import Widget
from textual.widgets import Button, Footer, Select, Static

from ...errors import GelarError
from ...day.scorebook import parse_score, refused, score_as_typed
from ...day.stages import find_stage, juror_entries, locked_of, sheet_stage, sheets_of, stage_event, station_stages
from ...day.state import STATION_RECORD_KINDS, Kind
from ...event.stages import criteria_of, document_of
from ..bindings import translate_bindings
from ..messages import DayChanged
from ..widgets.columns_hint import ColumnsHint
from ..widgets.lock_button import LockButton
from ..widgets.score_cell import ScoreCell
from .base import SubScreen
from .reason import ReasonScreen

if TYPE_CHECKING:
    from ...scoring.rules import Scale


class JuryScreen(SubScreen):
    """Score entry for one group at a time; any group can be chosen."""


    CSS_PATH = "jury.tcss"
    BINDINGS = [
        # priority: the inputs and the scrolling sheet have their own uses for these keys
        Binding("ctrl+s", "lock", "jury.key_lock", priority=True),
        Binding("ctrl+u", "unlock", "jury.key_unlock", priority=True),
        Binding("ctrl+u", "station_unlock", show=False, priority=True),  # a station: says who can unlock
        Binding("ctrl+r", "recuse", "recusal.key_recuse", priority=True),
        Binding("ctrl+l", "clear_pin_wait", "station.key_clear_lockout", show=False, priority=True),
        Binding("pageup", "group(-1)", "jury.key_previous_group", priority=True),
        Binding("pagedown", "group(1)", "jury.key_next_group", priority=True),
        # priority: every key that moves between cells is decided as the key arrives, and a cell applies
        # its editing keys as they arrive too (ScoreCell.take_key): a burst lands key by key where it was typed
        Binding("up", "move(-1)", show=False, priority=True),
        Binding("down", "move(1)", show=False, priority=True),
        Binding("enter", "enter", show=False, priority=True),
        Binding("left", "sideways(-1)", show=False, priority=True),
        Binding("right", "sideways(1)", show=False, priority=True),
        Binding("tab", "tab(1)", show=False, priority=True),
        Binding("shift+tab", "tab(-1)", show=False, priority=True),
        Binding("escape", "close", "jury.key_close", priority=True),
        Binding("f3", "next_stage", "stagestation.key_next_stage", priority=True),
    ]

    def __init__(self, group: str | None = None, juror: str | None = None, stage: str | None = None) -> None:
        super().__init__()
        day = self.day
        self.station = juror
        self.stage = sheet_stage(day.event, day.state, juror, stage)
        """The review stage shown (None: the presentation stage, the day's sheets)."""
        self.criteria = criteria_of(day.event, self.stage) if self.stage else day.event.criteria
        self.groups = juror_entries(day.event, day.state, self.stage, juror) if self.stage and juror else list(day.event.group_ids)
        self.group = group or (self.groups[0] if self.stage else day.state.current or day.state.order[0])
        blind = (day.event.scoring.blind or self.stage is not None) and juror is not None
        self.jurors = [j for j in day.event.jurors if not blind or j.id == juror]
        if juror is not None:  # a station: its own column first, in view on a small screen
            self.jurors.sort(key=lambda j: j.id != juror)

    def compose(self) -> ComposeResult:
        t, event = self.app.t, self.day.event
        title = t("jury.title") if self.stage is None else t("stagestation.title", stage=self.stage.name)
        yield from self.compose_topbar(title)
        with Horizontal(id="jury-head"):
            yield Static(t("jury.group"), id="group-label")
            shown = [event.group(g) for g in self.groups]
            options = [(Content(f"{n}. {g.name} ({g.agency})"), g.id) for n, g in enumerate(shown, start=1)]
            yield Select(options, value=self.group, allow_blank=False, id="group-select")
        if self.stage is not None:
            yield Static("", id="stage-line", markup=False)
        if self.station is None:
            yield Static("", id="stations", markup=False)
            if any(s.kind == "review" for s in event.stages):
                yield Static("", id="review-progress", markup=False)
        # The criteria stay in view; the jurors' columns scroll sideways when they do not all fit.
        with VerticalScroll(id="sheet-scroll"), Horizontal(id="sheet"):
            with Vertical(id="sheet-criteria"):
                yield Static(t("jury.criterion"), classes="corner criterion-head")
                yield Static("", classes="corner")
                for criterion in self.criteria:
                    weight = self.app.t.number(float(criterion.weight), 0 if criterion.weight == int(criterion.weight) else 2)
                    yield Static(Content(f"{weight:>3}  {criterion.name}"), classes="criterion")
                yield Static(t("jury.total"), classes="total-label")
            with HorizontalScroll(id="sheet-columns"):
                grid = Grid(id="sheet-grid")
                grid.styles.grid_size_columns = len(self.jurors)
                grid.styles.grid_columns = " ".join(["26"] * len(self.jurors))
                with grid:
                    for juror in self.jurors:
                        yield Static(Content(juror.name), classes="juror-name", id=f"name-{juror.id}")
                    for juror in self.jurors:
                        yield Static("", classes="lock-state", id=f"lock-{juror.id}")
                    for criterion in self.criteria:
                        for juror in self.jurors:
                            yield ScoreCell(juror.id, criterion.id, id=f"cell-{juror.id}-{criterion.id}", classes="score")
                    for juror in self.jurors:
                        yield Static("", classes="total", id=f"total-{juror.id}")
                    for juror in self.jurors:
                        yield LockButton(t("jury.lock_button"), id=f"lockbtn-{juror.id}", classes="lock-button", compact=True)
        yield ColumnsHint("#sheet-columns", [f"#name-{juror.id}" for juror in self.jurors], id="columns-hint")
        yield Static("", id="jury-message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self)
        self.load_group()
        if self.station is not None and self.day.event.stages and not self._offered():
            self.app.notify(self.app.t("stagestation.nothing_yet"), severity="warning", timeout=10)
        first = self._cell(self.station or self.jurors[0].id, self.criteria[0].id)  # a station: its own column
        # now, not when Widget.focus() comes round: keys typed in a burst before the sheet was drawn go to this cell
        self._focus_now(first if not first.disabled else self.query_one(Select))

    def _forward_event(self, event) -> None:
        """A key sent to the screen itself (nothing had the focus yet: the sheet not drawn, as after F3 in a burst)."""
        if isinstance(event, Key):
            event.to_screen = True
        super()._forward_event(event)

    def on_key(self, event: Key) -> None:
        """Such a key, handled once the sheet is up: the cell with the cursor takes it, as it would have."""
        if getattr(event, "to_screen", False) and isinstance(self.focused, ScoreCell) and self.focused.take_key(event):
            event.stop()
            event.prevent_default()

    def on_resize(self) -> None:
        self.call_after_refresh(self._resized)

    def _resized(self) -> None:
        """The cell with the cursor stays in view at any size; the hint looks again."""
        if self.focused is not None:
            self.focused.scroll_visible(animate=False)
        self.query_one(ColumnsHint).show()

    # -- what the sheet shows -------------------------------------------------

    def _cell(self, juror: str, criterion: str) -> ScoreCell:
        cells = self.__dict__.get("_cells")
        if cells is None:  # found once: a sheet has up to hundreds of cells, and records arrive while jurors type
            cells = self._cells = {(c.juror, c.criterion): c for c in self.query(ScoreCell)}
        return cells[(juror, criterion)]

    def _sheets(self) -> dict:
        """The sheets of the stage shown, (group, juror) -> criterion -> hundredths."""
        return sheets_of(self.day.state, self.stage.id if self.stage else None)

    def _locked(self) -> set:
        """The locked sheets of the stage shown."""
        return locked_of(self.day.state, self.stage.id if self.stage else None)

    def _editable(self, juror: str) -> bool:
        key = (self.group, juror)
        return key not in self._locked() and key not in self.day.state.recused and self.station in (None, juror)

    def load_group(self, keep_focused: bool = False, jurors: set[str] | None = None) -> None:
        """Fill the cells from the journal: every column, or those of *jurors*.

        With *keep_focused* (a refresh), what the juror is typing is left alone: the focused
        cell, and a refused value left in its cell to be corrected.
        """
        focused = self.focused if keep_focused else None
        for juror in self.jurors:
            if jurors is not None and juror.id not in jurors:
                continue
            editable = self._editable(juror.id)
            for criterion in self.criteria:
                cell = self._cell(juror.id, criterion.id)
                if cell is not focused and not (keep_focused and self._refused(cell)):
                    self._show_stored(cell)
                cell.disabled = not editable
            self._show_lock(juror.id)
            self._show_total(juror.id)
        if self.station is None:
            self._show_stations()
            self._show_review_progress()
        if self.stage is not None:
            self._show_stage_line()

    def _show_stage_line(self) -> None:
        """The review stage's line: the entry's proposal document (where the stage names one) and how far the juror is."""
        t, stage = self.app.t, self.stage
        done = sum(1 for g in self.groups if (g, self.station) in self._locked())
        where = document_of(stage, self.group)
        document = t("stagestation.document", path=where) if where else t("stagestation.no_document")
        self.query_one("#stage-line", Static).update(
            f"{document} · {t('stagestation.progress', done=done, of=len(self.groups))}"
            + (f" · {t('stagestation.switch_hint')}" if len(self._offered()) > 1 else "")
        )

    def _show_review_progress(self) -> None:
        """The console's line on each review stage: its sheets complete of those expected, or closed."""
        from ...day.stages import expected_sheets, missing_sheets

        t, event, state = self.app.t, self.day.event, self.day.state
        parts = []
        for stage in (s for s in event.stages if s.kind == "review"):
            if stage.id in state.closed:
                parts.append(t("stagestation.review_closed", stage=stage.name))
            else:
                expected = expected_sheets(event, state, stage)
                parts.append(t("stagestation.review_progress", stage=stage.name, done=expected - len(missing_sheets(event, state, stage)), of=expected))
        for found in self.query("#review-progress"):
            found.update(" · ".join(parts))

    def _offered(self) -> list:
        return station_stages(self.day.event, self.day.state, self.station) if self.station else []

    def action_next_stage(self) -> None:
        """F3 at a station: the next stage it offers (the review stage, the presentation stage), in the event's order."""
        offered = [s.id for s in self._offered()]
        if self.station is None or not offered or offered == [self._stage_id()]:
            self.app.notify(self.app.t("stagestation.one_stage"))
            return
        self._save_focused()
        here = self._stage_id()
        following = offered[(offered.index(here) + 1) % len(offered)] if here in offered else offered[0]
        self.app.switch_screen(JuryScreen(juror=self.station, stage=following))

    def _stage_id(self) -> str:
        return self.stage.id if self.stage else find_stage(self.day.event, None).id

    def _show_stored(self, cell: ScoreCell) -> None:
        """Show in *cell* what the journal holds for it."""
        value = self._sheets().get((self.group, cell.juror), {}).get(cell.criterion)
        shown = score_as_typed(value, "," if self.app.t.language == "id" else ".")
        if cell.value != shown:
            cell.value = shown
        cell.remove_class("-refused")

    def _refused(self, cell: ScoreCell) -> bool:
        """True when the cell holds text that is not a valid score (it is not stored)."""
        return refused(cell.value, self.day.event)

    def _show_stations(self) -> None:
        """Which jurors have a PIN, and how many of their stations are open (the console's view)."""
        t, day = self.app.t, self.day
        open_now = day.open_stations()
        parts = []
        for juror in day.event.jurors:
            count = open_now.get(juror.id, 0)
            if count > 1:
                parts.append(t("station.has_pin_open_many", juror=juror.name, count=count))
            elif count:
                parts.append(t("station.has_pin_open", juror=juror.name))
            else:
                parts.append(t("station.has_pin" if day.has_pin(juror.id) else "station.no_pin_short", juror=juror.name))
        self.query_one("#stations", Static).update(t("station.stations_line", list=" · ".join(parts)))

    def _show_lock(self, juror: str) -> None:
        t = self.app.t
        locked = (self.group, juror) in self._locked()
        recused = (self.group, juror) in self.day.state.recused
        label = self.query_one(f"#lock-{juror}", Static)
        label.update(t("recusal.mark").upper() if recused else t("jury.locked") if locked else t("jury.open"))
        label.set_class(locked and not recused, "-locked")
        label.set_class(recused, "-recused")
        button = self.query_one(f"#lockbtn-{juror}", Button)
        button.label = t("recusal.undo_button") if recused else t("jury.unlock_button") if locked else t("jury.lock_button")
        # A station locks its own juror's sheet; unlocking and recusals stay the moderator's.
        button.disabled = self.station not in (None, juror) or (self.station is not None and (locked or recused))

    def _scale(self) -> Scale:
        """The event's weights as integers (see scoring.rules.Scale), made once for this screen."""
        found = self.__dict__.get("_event_scale")
        if found is None or found[0] is not self.day.event:
            from ...scoring.rules import Scale  # the console starts without the ranking code

            scored = stage_event(self.day.event, self.stage) if self.stage else self.day.event
            found = self.__dict__["_event_scale"] = (self.day.event, Scale(scored))
        return found[1]

    def _show_total(self, juror: str) -> None:
        """The juror's weighted total from what the cells hold now, typed or stored."""
        values = {}
        for criterion in self.criteria:
            try:
                values[criterion.id] = parse_score(self._cell(juror, criterion.id).value, self.day.event).hundredths
            except GelarError:
                continue
        scale = self._scale()
        total = scale.total(values)
        label = self.query_one(f"#total-{juror}", Static)
        if total is None:
            label.update(self.app.t("jury.incomplete", done=len(values), of=len(self.criteria)))
        else:
            label.update(self.app.t.number(total / scale.denominator))
        label.set_class(total is not None, "-complete")

    @on(DayChanged)
    def _day_changed(self, message: DayChanged) -> None:
        """Redraw only the columns the new records concern: the jurors of the group shown they name."""
        if message.records is None:
            self.load_group(keep_focused=True)
            return
        stage = self.stage.id if self.stage else None
        jurors = {r.data.get("juror") for r in message.records if r.data.get("group") == self.group and r.data.get("stage") == stage}
        if jurors:
            self.load_group(keep_focused=True, jurors=jurors)
        elif self.station is None and any(r.kind in STATION_RECORD_KINDS for r in message.records):
            self._show_stations()
        if self.station is None and any(r.data.get("stage") for r in message.records):
            self._show_review_progress()
        if self.station is not None and any(r.kind in (Kind.PANELS_SET, Kind.STAGE_CLOSED) for r in message.records):
            self._follow_stages()

    def _follow_stages(self) -> None:
        """Panels set or a stage closed elsewhere: a station goes to the stage it would open on now, when that changed
        (the desk review once the juror has entries in it; the presentation sheet once the review is closed)."""
        now = sheet_stage(self.day.event, self.day.state, self.station)
        shown = self.stage.id if self.stage else None
        offered = [s.id for s in self._offered()]
        if (now.id if now else None) != shown and (shown not in offered or shown is None):
            self._save_focused()
            self.app.switch_screen(JuryScreen(juror=self.station))

    # -- typing and leaving a cell ---------------------------------------------------

    @on(ScoreCell.Changed)
    def _typed(self, event: ScoreCell.Changed) -> None:
        cell = event.input
        if not isinstance(cell, ScoreCell):
            return
        message = self.query_one("#jury-message", Static)
        if cell.value.strip():
            try:
                parse_score(cell.value, self.day.event)
            except GelarError as exc:
                cell.add_class("-refused")
                message.update(self.app.t("jury.invalid", problem=exc.render(self.app.t)))
                self._show_total(cell.juror)
                return
        cell.remove_class("-refused")
        message.update("")
        self._show_total(cell.juror)

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        """A cell left some other way than through :meth:`set_focus` (the app losing the focus)."""
        if isinstance(event.widget, ScoreCell) and event.widget is not self.focused:
            self.save(event.widget)

    def set_focus(self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False) -> None:
        """Every move of the focus, by key or mouse: the cell left is journaled, the cell entered has its text selected.

        Both happen now, as the key that moves arrives, not when Textual's blur and focus events
        come round: keys already typed are in the cell left, keys typed next go to the cell entered.
        """
        left = self.focused
        if widget is left or (widget is not None and not widget.focusable):
            return  # the focus stays: nothing is left
        if isinstance(left, ScoreCell):
            self.save(left)
            if not self._refused(left):
                self._show_stored(left)
        super().set_focus(widget, scroll_visible, from_app_focus)
        if isinstance(self.focused, ScoreCell) and self.focused is widget:
            widget.select_all()

    def save(self, cell: ScoreCell) -> None:
        """Journal the cell's value if it is valid and differs from what is stored."""
        if cell.disabled:
            return
        stored = self._sheets().get((self.group, cell.juror), {}).get(cell.criterion)
        stage = self.stage.id if self.stage else None
        text = cell.value.strip()
        if not text:
            if stored is not None:
                self.app.act(lambda: self.day.set_score(self.group, cell.juror, cell.criterion, None, stage=stage))
            return
        try:
            score = parse_score(text, self.day.event)  # the one reading: the journal keeps this very value
        except GelarError:
            return
        if score.hundredths != stored:
            self.app.act(lambda: self.day.set_score(self.group, cell.juror, cell.criterion, score, stage=stage))

    # -- moving between cells ----------------------------------------------------------

    def _position(self) -> tuple[int, int] | None:
        cell = self.focused
        if not isinstance(cell, ScoreCell):
            return None
        jurors = [j.id for j in self.jurors]
        criteria = [c.id for c in self.criteria]
        return jurors.index(cell.juror), criteria.index(cell.criterion)

    def _focus_at(self, column: int, row: int) -> None:
        jurors, criteria = self.jurors, self.criteria
        if 0 <= column < len(jurors) and 0 <= row < len(criteria):
            self._focus_now(self._cell(jurors[column].id, criteria[row].id))

    def _focus_now(self, widget: Widget) -> None:
        """Focus *widget* now: ``Widget.focus()`` waits its turn, and keys typed meanwhile would land in the cell left."""
        self.set_focus(widget)

    def action_move(self, step: int) -> None:
        """Up/down (and Enter, down) to the next cell of the column."""
        where = self._position()
        if where is None:
            raise SkipAction()  # up/down/enter belong to whatever else has focus (the group list, a button)
        self._focus_at(where[0], where[1] + step)

    def action_enter(self) -> None:
        """Enter: down the column in a cell; at a lock button, the press, decided now on the group shown now (a
        Pressed message would be handled after a PageDown typed next, on the next group)."""
        focused = self.focused
        if isinstance(focused, Button) and (focused.id or "").startswith("lockbtn-"):
            if not focused.disabled:
                self._lock_pressed_now(focused.id.removeprefix("lockbtn-"))
            return
        self.action_move(1)

    def action_sideways(self, step: int) -> None:
        """Left/right: the cursor inside the text, or, at its edge, the next juror's cell for the same criterion."""
        cell = self.focused
        if not isinstance(cell, ScoreCell):
            raise SkipAction()
        if cell.at_start if step < 0 else cell.at_end:
            where = self._position()
            self._focus_at(where[0] + step, where[1])
        elif step < 0:
            cell.action_cursor_left()
        else:
            cell.action_cursor_right()

    def action_tab(self, step: int) -> None:
        """Down the juror's column, then to its lock button, then on to the next juror."""
        order: list[Widget] = []
        for juror in self.jurors:
            order += [self._cell(juror.id, c.id) for c in self.criteria]
            order.append(self.query_one(f"#lockbtn-{juror.id}", Button))
        order = [widget for widget in order if widget.focusable]
        if self.focused in order:  # round and round the sheet: the group changes with PageUp/PageDown
            self._focus_now(order[(order.index(self.focused) + step) % len(order)])
            return
        self.focus_next() if step > 0 else self.focus_previous()

    # -- groups, locks, leaving --------------------------------------------------------

    @on(Select.Changed, "#group-select")
    def _group_chosen(self, event: Select.Changed) -> None:
        # Only a choice in the list itself: PageUp/PageDown set the list as they change the group, and the
        # Changed of an earlier press can arrive after a later one (its value is no longer the list's).
        if event.value != self.group and event.value == event.select.value and isinstance(event.value, str):
            self.show_group(event.value)

    def action_group(self, step: int) -> None:
        order = self.groups
        self.show_group(order[(order.index(self.group) + step) % len(order)])

    def show_group(self, group: str) -> None:
        """Change the group now (as PageDown arrives, so the keys typed next go to the new group's cell)."""
        self._save_focused()
        in_cell = isinstance(self.focused, ScoreCell)
        self.group = group
        self.load_group()
        self.query_one(Select).value = group  # its Changed, when it comes, finds the group shown already
        after_lock, self._after_lock = self.__dict__.get("_after_lock", False), False
        first = self._cell(self.station, self.criteria[0].id) if self.station else None
        if after_lock and self.focused is self.query_one(Select) and first is not None and first.focusable:
            self._focus_now(first)  # a station after a lock: the keys typed next go to the juror's cell of this group
        elif in_cell and not (isinstance(self.focused, ScoreCell) and self.focused.focusable):  # a locked sheet: now, not
            self._focus_now(self.query_one(Select))  # whenever Textual notices that the focused cell is disabled
            self._after_lock = True
        elif isinstance(self.focused, ScoreCell):
            self.focused.select_all()

    def _save_focused(self) -> None:
        if isinstance(self.focused, ScoreCell):
            self.save(self.focused)

    def _juror_here(self, locked: bool | None = None) -> str | None:
        """The juror whose column has the focus (a cell, or the column's lock button).

        Otherwise, the only juror whose sheet is in the state wanted (*locked* True/False).
        """
        focused = self.focused
        if isinstance(focused, ScoreCell):
            return focused.juror
        if isinstance(focused, Button) and (focused.id or "").startswith("lockbtn-"):
            return focused.id.removeprefix("lockbtn-")
        if self.station:
            return self.station
        candidates = [j.id for j in self.jurors if locked is None or ((self.group, j.id) in self._locked()) == locked]
        return candidates[0] if len(candidates) == 1 else None

    def action_lock(self, juror: str | None = None) -> None:
        juror = juror or self._juror_here(locked=False)
        if juror is None:
            self.app.notify(self.app.t("jury.choose_juror"), severity="warning")
            return
        self._save_focused()
        stage = self.stage.id if self.stage else None
        if self.app.act(lambda: self.day.lock_sheet(self.group, juror, stage=stage)):
            self.app.notify(self.app.t("jury.locked_note", juror=self.day.event.juror_name(juror)))
            self.load_group(keep_focused=False)
            button = self.query_one(f"#lockbtn-{juror}", Button)  # its cells can no longer take the focus
            self._focus_now(button if button.focusable else self.query_one(Select))  # a station's: disabled once locked
            self._after_lock = not button.focusable  # PageDown then goes on to the juror's cell of the next group

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_stage":
            return len(self._offered()) > 1
        if action == "station_unlock":
            return self.station is not None
        return not (action in ("unlock", "recuse") and self.station is not None)  # the moderator's, on the console

    def action_station_unlock(self) -> None:
        """ctrl+u at a station: only the moderator unlocks a sheet; say so (on an open sheet, the cell's own ctrl+u)."""
        if (self.group, self.station) not in self._locked():
            if isinstance(self.focused, ScoreCell):
                raise SkipAction()  # the cell's ctrl+u: delete what is left of the cursor
            self.app.notify(self.app.t("jury.station_nothing_to_unlock"))
            return
        self.app.notify(self.app.t("jury.station_cannot_unlock"), severity="warning", timeout=10)

    def action_unlock(self, juror: str | None = None) -> None:
        juror = juror or self._juror_here(locked=True)
        if juror is None:
            self.app.notify(self.app.t("jury.choose_juror"), severity="warning")
            return
        if (self.group, juror) not in self._locked():
            return
        stage = self.stage.id if self.stage else None

        def answered(reason: str | None) -> None:
            if reason and self.app.act(lambda: self.day.unlock_sheet(self.group, juror, reason, stage=stage)):
                self.load_group()

        self.app.push_screen(ReasonScreen(self.app.t("jury.unlock_question", juror=self.day.event.juror_name(juror))), answered)

    def action_recuse(self, juror: str | None = None) -> None:
        """Recuse the juror whose column has the focus from this group, or bring them back (asks why)."""
        from .recusal_ask import ask_recusal

        juror = juror or self._juror_here()
        if juror is None:
            self.app.notify(self.app.t("jury.choose_juror"), severity="warning")
            return
        self._save_focused()
        ask_recusal(self.app, self.group, juror, self.load_group)

    @on(Button.Pressed, ".lock-button")
    def _lock_pressed(self, event: Button.Pressed) -> None:
        self._lock_pressed_now((event.button.id or "").removeprefix("lockbtn-"))

    def _lock_pressed_now(self, juror: str) -> None:
        if (self.group, juror) in self.day.state.recused:
            self.action_recuse(juror)
        elif (self.group, juror) in self._locked():
            self.action_unlock(juror)
        else:
            self.action_lock(juror)

    def action_clear_pin_wait(self) -> None:
        """The moderator lets the juror whose column has the focus try their PIN again at once (journaled)."""
        juror = self._juror_here()
        if juror is None or self.station is not None:
            self.app.notify(self.app.t("jury.choose_juror"), severity="warning")
            return
        if self.app.act(lambda: self.day.clear_pin_wait(juror)):
            self.app.notify(self.app.t("station.lockout_cleared", juror=self.day.event.juror_name(juror)))

    def action_close(self) -> None:
        if self.query_one(Select).expanded:
            raise SkipAction()  # Escape closes the open group list first
        self._save_focused()
        if self.station is not None:
            self.app.leave_station()  # a station has nothing under its sheet: it asks for the PIN again
        else:
            self.dismiss()

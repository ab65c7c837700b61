"""Asking for a recusal, or for its undoing, with the reason the journal keeps.

Used by the jury sheet: the question says, before anything is written, when the
juror's scores for the group will leave the results, and a recusal of the event
file is refused with the reason why (the day's action says so).
"""

from __future__ import annotations

from collections.abc import Callable

from .reason import ReasonScreen


def ask_recusal(app, group: str, juror: str, done: Callable[[], None]) -> None:
    """Recuse *juror* from *group*, or bring them back, after asking why; *done* runs once it is journaled."""
    day, t = app.day, app.t
    names = {"juror": day.event.juror_name(juror), "group": day.event.group(group).name}
    if day.is_recused(group, juror):
        if (group, juror) in day.state.recused_in_file:  # refused by the day, with the message that says why
            app.act(lambda: day.withdraw_recusal(group, juror, "-"))
            return
        question = t("recusal.undo_question", **names)
        action, note, hint = day.withdraw_recusal, "recusal.undone", "jury.undo_recusal_hint"
    else:
        kept = day.scores_kept(group, juror)
        question = t("recusal.question_scores", count=kept, **names) if kept else t("recusal.question", **names)
        action, note, hint = day.recuse, "recusal.done", "jury.recuse_hint"

    def answered(reason: str | None) -> None:
        if reason and app.act(lambda: action(group, juror, reason)):
            app.notify(t(note, **names))
            done()

    app.push_screen(ReasonScreen(question, hint), answered)

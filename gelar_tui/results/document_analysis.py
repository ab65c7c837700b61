"""The parts of the results document that come from recusals and the analysis.

The document lists each recusal with its reason under the ranking, and carries the
analysis (methods side by side, leave-one-out, agreement, outlying sheets) as an appendix.
"""

from __future__ import annotations

import html

from ..day.facade import Day
from ..i18n import Messages
from ..scoring.rules import scale_of


def recusal_lines(day: Day, t: Messages) -> list[str]:
    """"Juror X did not score group Y: reason", for each recusal in force, in running order."""
    lines = []
    for group in day.state.order:
        for juror in day.event.juror_ids:
            reason = day.state.recused.get((group, juror))
            if reason is not None:
                lines.append(t("recusal.list_line", juror=day.event.juror_name(juror), group=day.event.group(group).name, reason=reason))
    return lines


def recusals_markdown(day: Day, t: Messages) -> list[str]:
    lines = recusal_lines(day, t)
    return [f"### {t('recusal.list_title')}", "", *(f"- {line}" for line in lines), ""] if lines else []


def recusals_html(day: Day, t: Messages) -> str:
    lines = recusal_lines(day, t)
    if not lines:
        return ""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return f'<h3>{html.escape(t("recusal.list_title"))}</h3><ul class="recusals">{items}</ul>'


def appendix_markdown(day: Day, t: Messages) -> list[str]:
    from ..scoring.analysis import analyse_day
    from .analysis_report import to_markdown

    if day.event.categories:  # the analysis of each category on its own
        out = ["", f"### {t('analysis.appendix')}", ""]
        for found in _category_analyses(day):
            out += [f"#### {found.name}", "", to_markdown(found.analysis, found.event, t, level=5)]
        return out
    return ["", f"### {t('analysis.appendix')}", "", to_markdown(analyse_day(day), day.event, t, level=4)]


def _category_analyses(day: Day):
    from ..scoring.categories import category_analyses

    return category_analyses(day.event, day.state, day.overtimes(), scale_of(day.event))


def appendix_html(day: Day, t: Messages) -> str:
    from ..scoring.analysis import analyse_day
    from .analysis_report import to_html

    if day.event.categories:  # the analysis of each category on its own
        body = "\n".join(
            f'<h4 class="category" style="overflow-wrap: anywhere">{html.escape(found.name)}</h4>' + to_html(found.analysis, found.event, t) for found in _category_analyses(day)
        )
    else:
        body = to_html(analyse_day(day), day.event, t)
    return f'<section class="appendix"><h3>{html.escape(t("analysis.appendix"))}</h3>{body}</section>'

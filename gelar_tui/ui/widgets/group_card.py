"""The group on stage: name, agency, topic and number of members."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class GroupCard(Static):
    """Who is presenting now (or that nobody is)."""

    _shown: tuple | None = None

    def show(self, group_id: str | None, position: int, total: int) -> None:
        if self._shown == (group_id, position, total):
            return
        self._shown = (group_id, position, total)
        t = self.app.t
        if group_id is None:
            self.update(Content.from_markup("[b]$text[/]", text=t("console.no_group")))
            return
        group = self.app.day.event.group(group_id)
        details = [group.agency]
        if group.topic:
            details.append(group.topic)
        if group.members:
            details.append(t("console.members", count=len(group.members)))
        head = Content.from_markup("[b]$name[/]  [dim]$place[/]", name=group.name, place=t("console.position", position=position, total=total))
        self.update(Content("\n").join([head, Content(" · ".join(details))]))

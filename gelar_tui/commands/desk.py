"""`gelar desk --hub URL`: the results desk, every journal on the hub, live (it writes nothing)."""

from __future__ import annotations

import argparse

from ..i18n import Messages


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    desk = commands.add_parser("desk", parents=[common], help="the results desk: every journal on the hub, live (read-only)")
    desk.add_argument("--hub", metavar="URL", help="the hub (default: GELAR_HUB); the password comes from PGPASSWORD or ~/.pgpass")
    desk.add_argument("--theme", metavar="NAME", help="colour theme (default: projector)")
    desk.set_defaults(handler=cmd_desk, needs_event=False, console=True)


def cmd_desk(args: argparse.Namespace, t: Messages) -> int:
    from ..errors import GelarError
    from ..hub.reader import Hub, hub_address
    from ..ui.desk.app import DeskApp
    from ..ui.themes import DEFAULT_THEME, load_themes

    url = hub_address(args.hub)
    if url is None:
        raise GelarError("hubread.no_address")
    hub = Hub(url)
    try:
        hub.journals()  # a database with no hub is refused here, before the screen opens
        themes, _problems = load_themes()
        app = DeskApp(hub, t, themes=themes, theme=args.theme or DEFAULT_THEME)
        app.run()
    finally:
        hub.close()
    return int(app.return_code or 0)

"""`gelar display` and `gelar show`: the audience display (or the presenter monitor), and what it shows."""

from __future__ import annotations

import argparse

from ..context import Context
from ..day.hall import DISPLAY_VIEWS, VIEW_NAMES
from . import event_argument, hub_options


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    display = commands.add_parser("display", parents=[common], help="the audience display for the projector (read-only)")
    event_argument(display)
    hub_options(display)
    display.add_argument("--presenter", action="store_true", help="the presenter monitor: the group on stage and its countdown, nothing else")
    display.add_argument("--theme", metavar="NAME", help="colour theme (default: the event's)")
    display.add_argument("--bell", action="store_true", help="ring the terminal bell at alerts (off: the console rings)")
    display.add_argument("--sound", action="store_true", help="play the alerts' sounds here (this machine's audio goes to the hall)")
    display.add_argument("--sound-player", metavar="COMMAND", help='the command that plays a sound file, e.g. "paplay {file}"')
    display.set_defaults(handler=cmd_display, console=True)

    show = commands.add_parser("show", parents=[common], help="choose what the audience display shows")
    event_argument(show)
    hub_options(show)
    show.add_argument("view", metavar="|".join(DISPLAY_VIEWS), help="what the display shows (with --hub, also 'room': what the room's display shows)")
    show.add_argument("--category", metavar="ID", help="with [[categories]]: the category every scoreboard shows (* the overall ranking), as the console's c key")
    show.set_defaults(handler=cmd_show)


def cmd_display(args: argparse.Namespace, context: Context) -> int:
    from ..ui.launch import launch_display

    return launch_display(args, context)


def cmd_show(args: argparse.Namespace, context: Context) -> int:
    if context.hub is not None:
        return _show_on_hub(args, context)
    if args.view not in DISPLAY_VIEWS:  # before anything is opened (`gelar show lomba.toml` names no view)
        from ..errors import GelarError

        raise GelarError("display.unknown_view", view=args.view, known=", ".join(DISPLAY_VIEWS))
    with context.writing_day() as day:
        if args.category is not None:  # refused, naming the choices, before the view changes
            day.show_category(args.category)
        day.show_on_display(args.view)
    print(context.t("display.shown", view=context.t(VIEW_NAMES[args.view])))
    if args.category is not None:
        name = next((c.name for c in day.event.categories if c.id == args.category), None)
        print(context.t("catboard.category_shown", category=name if name is not None else context.t("catboard.overall")))
    return 0


def _show_on_hub(args: argparse.Namespace, context: Context) -> int:
    """`gelar show --hub`: what the hub's displays of the event show (the room's journal is not written)."""
    from ..errors import GelarError

    views = (*DISPLAY_VIEWS, "room")
    if args.category is not None:  # the hub's displays follow the room's choice of category
        raise GelarError("catboard.category_on_hub")
    if args.view not in views:
        raise GelarError("display.unknown_view", view=args.view, known=", ".join(views))
    journal = context.hub
    try:
        view = None if args.view == "room" else args.view
        journal.hub.choose_lobby_view(journal.event, view)
    finally:
        journal.close()
    if view is None:
        print(context.t("hubread.lobby_follow", event=journal.event))
    else:
        print(context.t("hubread.lobby_shown", event=journal.event, view=context.t(VIEW_NAMES[view])))
    return 0

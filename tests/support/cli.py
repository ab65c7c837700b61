"""Running the `gelar` command in-process, and the demo's score sheet: shared by the command-line tests."""

from __future__ import annotations

import json
from pathlib import Path

from gelar_tui.cli import main

JURORS = ["pemprov", "swasta"]
GROUPS = ["ceria", "melati", "berlian", "cp-joss"]
CRITERIA = ["analisis", "solusi", "inovasi", "manfaat", "presentasi", "kerjasama"]
HEADER = "juror,group,criterion,score"


def gelar(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def ok(capsys, *argv: object) -> str:
    code, out, err = gelar(capsys, *argv)
    assert code == 0, err
    return out


def refused(capsys, *argv: object) -> str:
    """Run a command that must fail as a user error: exit 2, a message on stderr, nothing on stdout."""
    code, out, err = gelar(capsys, *argv)
    assert code == 2, (out, err)
    assert err.strip() and not out
    return err


def write_sheet(folder: Path, *rows: str, header: str = HEADER, prefix: bytes = b"") -> Path:
    path = folder / "sheet.csv"
    path.write_bytes(prefix + "\n".join([header, *rows, ""]).encode("utf-8"))
    return path


def juror_total(juror: str, group: str) -> int:
    return 70 + 5 * GROUPS.index(group) + JURORS.index(juror)


def full_rows() -> list[str]:
    """Every score of the demo: a juror's total is juror_total() (presentasi, weight 10, gets 10 more)."""
    return [
        f"{j},{g},{c},{juror_total(j, g) - 1 + (10 if c == 'presentasi' else 0)}"
        for j in JURORS
        for g in GROUPS
        for c in CRITERIA
    ]


def status(capsys, event: Path, *extra: object) -> dict:
    return json.loads(ok(capsys, "status", event, "--json", *extra))

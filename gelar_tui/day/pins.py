"""Jurors' PINs: six random digits each, kept in the journal only as a salted scrypt hash.

A PIN opens one juror's jury station. It is drawn with :mod:`secrets` and never
written anywhere but to the person who prints the slips; the journal keeps a
random salt and ``hashlib.scrypt`` of the PIN with it, so reading the journal
does not give the PINs away, and equal PINs would not even hash alike.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from collections.abc import Callable, Iterable

DIGITS = 6
SALT_BYTES = 16
# scrypt's cost: about 16 MiB and some tens of milliseconds per check, so guessing
# a million PINs from a copied journal costs hours, while a station's check stays quick.
COST = {"n": 2**14, "r": 8, "p": 1}
KEY_BYTES = 32

WRONG_IN_A_ROW = 5
"""Wrong tries in a row after which a station makes its juror wait."""
WAIT_SECONDS = 60
"""How long a station waits after WRONG_IN_A_ROW wrong tries in a row (and after each one more)."""


def bounded_wait(wait_until: object, written_at: float) -> float:
    """Until when a `pin_failed` record makes its address wait: what it says, but never more than
    WAIT_SECONDS after it was written (a record saying 1e300, or not a number, locks nobody out for ever)."""
    try:
        until = float(wait_until)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        until = written_at + WAIT_SECONDS
    if math.isnan(until):
        until = written_at + WAIT_SECONDS
    return min(until, written_at + WAIT_SECONDS)


def new_pin() -> str:
    """Six random digits, leading zeros included ("048213")."""
    import secrets  # only when PINs are made: not on the console's way to its first frame

    return f"{secrets.randbelow(10**DIGITS):0{DIGITS}d}"


def new_pins(jurors: Iterable[str], taken: Callable[[str], bool] = lambda pin: False) -> dict[str, str]:
    """A different PIN for each juror, none for which *taken* is true (another juror's PIN)."""
    pins: dict[str, str] = {}
    for juror in jurors:
        pin = new_pin()
        while pin in pins.values() or taken(pin):
            pin = new_pin()
        pins[juror] = pin
    return pins


def hash_pin(pin: str, salt: bytes | None = None) -> dict[str, str | int]:
    """What the journal keeps of a PIN: a fresh random salt, the scrypt cost and the hash."""
    import secrets

    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    digest = hashlib.scrypt(pin.encode("ascii"), salt=salt, dklen=KEY_BYTES, maxmem=64 * 1024 * 1024, **COST)
    return {"salt": salt.hex(), "hash": digest.hex(), **COST}


def pin_matches(pin: str, stored: dict) -> bool:
    """Whether *pin* is the PIN that *stored* (from :func:`hash_pin`) was made of."""
    pin = pin.strip()
    if len(pin) != DIGITS or not pin.isascii() or not pin.isdigit():
        return False
    try:
        salt = bytes.fromhex(str(stored["salt"]))
        expected = bytes.fromhex(str(stored["hash"]))
        cost = {name: int(stored[name]) for name in COST}
    except (KeyError, ValueError, TypeError):
        return False
    digest = hashlib.scrypt(pin.encode("ascii"), salt=salt, dklen=len(expected), maxmem=64 * 1024 * 1024, **cost)
    return hmac.compare_digest(digest, expected)

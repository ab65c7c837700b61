"""Where the served stations listen, and the address jurors type or scan to reach them."""

from __future__ import annotations

import ipaddress
import socket

from ..errors import GelarError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
ALL_INTERFACES = ("0.0.0.0", "::")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def hall_address() -> str:
    """This computer's address on the network it reaches others through (the hall's Wi-Fi).

    A UDP socket "connected" to an outside address learns which local address the
    system would send from; connecting a UDP socket sends no packet, so this works
    offline too. With no network at all, the loopback address.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed, nothing is sent
            return probe.getsockname()[0]
        except OSError:
            return DEFAULT_HOST


def public_url(host: str, port: int, given: str | None = None, *, secure: bool = False) -> str:
    """The address to print and draw as a QR code: *given* (``--public-url``), else one a
    browser on the hall's network can reach (never 0.0.0.0)."""
    if given:
        if not given.startswith(("http://", "https://")):
            raise GelarError("serve.bad_url", url=given)
        return given.rstrip("/")
    if host in ALL_INTERFACES:
        host = hall_address()
    elif host == "localhost":
        host = DEFAULT_HOST
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    scheme, default_port = ("https", 443) if secure else ("http", 80)
    return f"{scheme}://{host}" if port == default_port else f"{scheme}://{host}:{port}"

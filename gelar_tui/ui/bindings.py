"""Key bindings whose descriptions are message keys, shown in the footer in the app's language."""

from __future__ import annotations

import dataclasses

from textual.dom import DOMNode


def translate_bindings(node: DOMNode) -> None:
    """Replace every binding description that is a message key with its text."""
    t = node.app.t
    for key, bindings in node._bindings.key_to_bindings.items():
        node._bindings.key_to_bindings[key] = [
            dataclasses.replace(b, description=t(b.description)) if t.has(b.description) else b for b in bindings
        ]
    node.refresh_bindings()

"""What an attack on the hub found: each test failed before its fix."""

from __future__ import annotations

import pytest

from gelar_tui.hub.address import has_password, masked


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://gelar:pa/ss9w@hub.local/gelar",  # "/" typed unencoded: urlsplit ends the user part there
        "postgresql://gelar:pa?ss9w@hub.local/gelar",  # libpq reads "?" and "#" as part of the password
        "postgresql://gelar:pa#ss9w@hub.local/gelar?sslmode=require",
        "postgresql://gelar:p@ss/9w@hub.local/gelar",
    ],
)
def test_a_password_typed_with_url_characters_is_masked_whole(url):
    shown = masked(url)
    assert has_password(url)
    assert "ss9w" not in shown and "pa" not in shown.replace("postgresql", "") and shown.startswith("postgresql://gelar:***@")

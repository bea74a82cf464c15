"""The explorer's and the card's page files: templates, style sheet and script.

They live in ``templates/`` beside this module as ordinary files (so an editor, a
linter or a browser can open them) and ship in the wheel; the writers fill them from
data with ``string.Template``, whose single pass never reads a placeholder out of a
value it put in.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from string import Template

__all__ = ["read_asset", "template"]


@cache
def read_asset(name: str) -> str:
    """The text of ``templates/<name>``.

    >>> read_asset("explorer.html").startswith("<!DOCTYPE html>")
    True
    """
    return files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


def template(name: str) -> Template:
    """``templates/<name>`` as a template to ``substitute`` every ``$placeholder`` of."""
    return Template(read_asset(name))

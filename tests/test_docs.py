"""The docs describe what the code offers: a new detector, hook, field or command without
its documentation fails here."""

from __future__ import annotations

import inspect
from pathlib import Path

import click
import pytest

from netgov.cli.main import cli
from netgov.core.conditions import CONTENT_FIELDS
from netgov.plugins import NetgovSpec, default_registry
from netgov.settings import Settings

DOCS = Path(__file__).parents[1] / "docs"
README = Path(__file__).parents[1] / "README.md"


def _text(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("family", default_registry(load_entry_points=False).names())
def test_every_detector_family_is_documented_in_the_rule_language(family: str) -> None:
    assert f"`{family}: NAME`" in _text("rule-language.md")


@pytest.mark.parametrize("field", sorted(CONTENT_FIELDS))
def test_every_content_field_is_documented(field: str) -> None:
    shown = field.replace("<key>", "KEY")
    assert f"`{shown}`" in _text("rule-language.md") or shown in _text("rule-language.md")


@pytest.mark.parametrize("hook", [n for n, _ in inspect.getmembers(NetgovSpec, inspect.isfunction)])
def test_every_hook_is_documented_with_its_docstring(hook: str) -> None:
    doc = inspect.getdoc(getattr(NetgovSpec, hook))
    assert doc
    assert f"`{hook}()`" in _text("api.md")
    assert doc in _text("api.md")


def _commands(group: click.Group, prefix: str = "netgov") -> list[str]:
    found = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            found += _commands(command, path)
        else:
            found.append(path)
    return found


def _all_docs() -> str:
    return "\n".join(page.read_text(encoding="utf-8") for page in sorted(DOCS.rglob("*.md")))


@pytest.mark.parametrize("command", _commands(cli))
def test_every_command_is_documented(command: str) -> None:
    assert command in _all_docs()


@pytest.mark.parametrize("command", _commands(cli))
def test_every_command_has_help(command: str) -> None:
    group: click.Command = cli
    for part in command.split()[1:]:
        assert isinstance(group, click.Group)
        group = group.commands[part]
    assert group.help
    assert len(group.help) > 40


def test_the_readme_links_every_doc() -> None:
    readme = README.read_text(encoding="utf-8")
    for page in DOCS.glob("*.md"):
        assert f"docs/{page.name}" in readme


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_is_documented_with_its_variable(field: str) -> None:
    assert f"`NETGOV_{field.upper()}`" in _text("service.md")

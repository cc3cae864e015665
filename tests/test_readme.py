"""The README's set-up commands are the ones CI runs, and its settings table matches the Settings object."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

from service.settings import PREFIX, Settings

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    section = README.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_has_exactly_two_setup_commands():
    commands = setup_commands()
    assert len(commands) == 2
    assert "gunicorn" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readmes_test_command_verbatim():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    command = setup_commands()[1]
    assert any(line == command or line.startswith(command + " || ") for line in ci.splitlines())


def test_every_setting_is_in_the_readme_table():
    for f in fields(Settings):
        assert f"`{PREFIX}{f.name.upper()}`" in README

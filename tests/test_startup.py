"""Start-up stays lazy: what opening the app loads, and what only loads when first used.

A user waits for the first frame at every start (benchmarks/README.md, start):
nothing the overview does not need may be imported before it is drawn. These
tests check which modules are loaded, never how long anything takes.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from conftest import write_data_file

from netui.cli import group as cli_commands
from netui.core.models import Contact

ROOT = Path(__file__).resolve().parent.parent

#: Never loaded by the start: drafting (Jinja2), the importers and exporters, iCalendar,
#: the palette, batches, the other screens, and click (the app path does not parse with it).
NOT_AT_START = (
    "jinja2", "netui.outreach.drafting", "netui.io.importers", "netui.io.exporters", "icalendar", "netui.events.ics",
    "netui.tui.palette", "netui.outreach.batch", "netui.outreach.lint", "netui.outreach.mail", "netui.outreach.clipboard",
    "netui.tui.screens.compose", "netui.tui.screens.contact", "netui.tui.screens.drafts", "netui.tui.screens.events",
    "netui.tui.screens.profile", "netui.tui.screens.help", "netui.tui.dialogs.import_dialog",
    "netui.tui.dialogs.log_interaction", "click", "netui.cli.group", "netui.cli.io", "netui.cli.drafts",
    "netui.cli.events", "netui.cli.demo",
)


def run_python(code: str, *args: str) -> str:
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_entry_point_imports_nothing_heavy():
    """`from netui.cli.main import main` (the console script) loads no click, store or Textual."""
    loaded = json.loads(run_python("import sys, json; from netui.cli.main import main; "
                                   "print(json.dumps(sorted(sys.modules)))"))
    for name in ("click", "textual", "netui.storage.store", "netui.core.models", "netui.cli.group", "jinja2"):
        assert name not in loaded


def test_opening_the_app_loads_only_what_the_overview_needs(tmp_path):
    """Through the real start path (main without a subcommand) until the overview shows
    its rows, then the modules loaded are listed: none of NOT_AT_START."""
    db = write_data_file(tmp_path / "netui.json", [Contact(first_name="Ada", last_name="Rossi1")])
    code = """
import asyncio, json, sys
import netui.tui.app
from netui.cli.main import main

def run(app):  # instead of the terminal, Textual's test harness: the same start, headless
    async def start():
        app.handle_signals = False
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            shown = app.screen.model is not None and len(app.screen.model) == 1
            print(json.dumps({"shown": shown, "modules": sorted(sys.modules)}))
    asyncio.run(start())

netui.tui.app.NetuiApp.run = run
sys.exit(main(["--db", sys.argv[1]]))
"""
    found = json.loads(run_python(code, str(db)))
    assert found["shown"]
    loaded = set(found["modules"])
    assert "netui.tui.screens.overview" in loaded
    assert sorted(loaded.intersection(NOT_AT_START)) == []


@pytest.mark.parametrize("argv, expected", [
    ([], "env.json"),
    (["--db", "flag.json"], "flag.json"),
    (["--db=flag.json"], "flag.json"),
])
def test_opening_the_app_skips_click_but_resolves_the_file_as_click_would(tmp_path, argv, expected):
    code = """
import json, os, sys
import netui.tui.launch as launch
from netui.cli.main import main
opened = []
launch.run_tui = lambda path, **kwargs: opened.append(str(path))
os.chdir(sys.argv[1])
os.environ["NETUI_DB"] = "env.json"
code = main(json.loads(sys.argv[2]))
print(json.dumps([code, opened, "click" in sys.modules]))
"""
    code_, opened, click_loaded = json.loads(run_python(code, str(tmp_path), json.dumps(argv)))
    assert code_ == 0 and opened == [expected] and not click_loaded


def test_other_arguments_still_go_through_click(capsys):
    from netui.cli.main import main

    assert main(["--db"]) == 2
    assert "requires an argument" in capsys.readouterr().err
    assert main(["--version"]) == 0


def test_help_lists_every_command_of_every_area():
    """`netui --help` (a real process) lists exactly what the areas register on the group."""
    result = subprocess.run([sys.executable, "-m", "netui", "--help"], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 0
    listed = {line.split()[0] for line in result.stdout.split("Commands:", 1)[1].splitlines() if line.strip()}
    assert listed == set(cli_commands.cli.list_commands(click.Context(cli_commands.cli)))
    assert {"add", "contacts", "log", "profile", "doctor", "backup", "restore", "draft", "templates",
            "events", "event", "import", "export", "demo"} <= listed


async def test_the_collector_is_back_after_the_first_frame(make_app):
    """run_tui pauses garbage collection for the start; the app turns it back on."""
    app = make_app(contacts=[Contact(first_name="Ada")])
    app.resume_gc = True
    gc.disable()
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
    finally:
        gc.enable()

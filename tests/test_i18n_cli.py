"""The installed `netui` command in Italian: every help page, click's own words, errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from netui.cli.group import cli

NETUI = Path(sys.executable).parent / "netui"

#: Words of English sentences that no Italian help page may contain.
ENGLISH = ("the ", " your ", " with ", " and ", " of ", "Show", "List", "Usage", "Options", "Commands",
           "default", "required", "Print", "Only ", "Where ", "When ")
#: Words of Italian sentences that no English help page may contain.
ITALIAN = (" il ", " la ", " dei ", " della ", " e ", "Mostra", "Uso:", "Opzioni", "predefinit",
           "obbligatorio")


def command_paths(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every subcommand of the `netui` group, nested groups included."""
    found = []
    for name, command in sorted(group.commands.items()):
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found.extend(command_paths(command, (*prefix, name)))
    return found


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed command, with no language in the environment."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("NETUI_DB", "NETUI_LANG", "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "C.UTF-8"
    env["COLUMNS"] = "200"  # one line per option: words are not split across lines
    return subprocess.run([str(NETUI), *args], capture_output=True, text=True, env=env, timeout=60)


def prose(help_page: str) -> str:
    """The help page without option names, metavars and choices (identifiers, not words)."""
    lines = []
    for line in help_page.splitlines():
        stripped = line.strip()
        if stripped.startswith("-"):
            parts = stripped.split("  ", 1)  # the option and its metavar, then its help
            stripped = parts[1] if len(parts) > 1 else ""
        lines.append(stripped)
    return "\n".join(lines)


PATHS = [()] + command_paths()


def test_every_subcommand_is_checked():
    assert ("event", "add") in PATHS and ("import",) in PATHS and len(PATHS) > 20


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "netui")
def test_help_in_italian_has_no_english_sentence(path: tuple[str, ...]):
    shown = run("--lang", "it", *path, "--help")
    assert shown.returncode == 0, shown.stderr
    text = prose(shown.stdout)
    assert "Uso: netui" in shown.stdout and "Opzioni:" in shown.stdout
    assert "Mostra questo messaggio ed esci." in shown.stdout
    english = [word for word in ENGLISH if word in text]
    assert not english, f"English in `netui {' '.join(path)} --help`: {english}\n{text}"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "netui")
def test_help_in_english_has_no_italian_sentence(path: tuple[str, ...]):
    shown = run("--lang", "en", *path, "--help")
    assert shown.returncode == 0, shown.stderr
    text = prose(shown.stdout)
    assert "Usage: netui" in shown.stdout and "Show this message and exit." in shown.stdout
    italian = [word for word in ITALIAN if word in text]
    assert not italian, f"Italian in `netui {' '.join(path)} --help`: {italian}\n{text}"


def test_the_command_list_reads_in_italian():
    shown = run("--lang", "it", "--help").stdout
    assert "Comandi:" in shown
    assert "Aggiungi un contatto" in shown and "Elenca gli eventi" in shown


def test_a_usage_error_reads_in_italian():
    done = run("--lang", "it", "contacts", "--bogus")
    assert done.returncode == 2
    assert done.stderr.strip() == "netui: L'opzione '--bogus' non esiste. (vedi 'netui contacts --help')"


def test_a_command_error_reads_in_italian(tmp_path: Path):
    done = run("--lang", "it", "--db", str(tmp_path / "netui.json"), "import", "linkedin",
               str(tmp_path / "missing.csv"))
    assert done.returncode == 1
    assert done.stderr.strip() == f"netui: il file non esiste: {tmp_path / 'missing.csv'}"
    assert not (tmp_path / "netui.json").exists()


def test_importing_a_binary_file_reads_in_italian(tmp_path: Path):
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    done = run("--lang", "it", "--db", str(tmp_path / "netui.json"), "import", "linkedin", str(binary))
    assert done.returncode == 1
    assert done.stderr.strip() == "netui: questo è un file binario, non un Connections.csv di LinkedIn"
    assert not (tmp_path / "netui.json").exists()


def test_an_import_summary_reads_in_italian(tmp_path: Path):
    csv = tmp_path / "Connections.csv"
    csv.write_text("First Name,Last Name,Email Address,Company,Position,Connected On\n"
                   "Ada,Verdi,not-an-email,Acme,CTO,09 Oct 2024\n"
                   ",,,,,10 Oct 2024\n", encoding="utf-8")
    done = run("--lang", "it", "--db", str(tmp_path / "netui.json"), "import", "linkedin", str(csv), "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "  riga 3: vuota tranne la data (un membro che nasconde i suoi dati)" in done.stdout
    assert "  riga 2: 'not-an-email' tralasciato: non è un indirizzo email" in done.stdout


def test_messages_and_counts_read_in_italian(tmp_path: Path):
    db = str(tmp_path / "netui.json")
    added = run("--lang", "it", "--db", db, "add", "Sara Conti <sara@example.org>")
    assert added.returncode == 0 and added.stdout.startswith("aggiunto Sara Conti ("), added.stderr
    event = run("--lang", "it", "--db", db, "event", "add", "Career day", "--kind", "career_day",
                "--date", "2026-05-09")
    assert event.returncode == 0, event.stderr
    assert "aggiunto Career day il 9 mag 2026" in event.stdout and "voci" in event.stdout
    listing = run("--lang", "it", "--db", db, "events").stdout
    assert "0 persone conosciute" in listing and "checklist 0/" in listing
    english = run("--lang", "en", "--db", db, "events").stdout
    assert "0 people met" in english
    nobody = run("--lang", "it", "--db", db, "contacts", "--search", "zzz")
    assert nobody.stdout.strip() == "nessun contatto corrisponde a 'zzz'"
    doctor = run("--lang", "it", "--db", db, "doctor").stdout
    assert "1 contatto, 0 interazioni, 1 evento, 0 bozze" in doctor

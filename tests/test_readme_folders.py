"""The README's table of data and template folders is what platformdirs gives on each system.

netui asks platformdirs (storage/paths.py: user_data_dir and user_config_dir of "netui");
this test asks the same for Linux, macOS and Windows and reads the README's table, so a
change of either shows here. Windows folders come from the environment variable the
README names (what platformdirs reads where the Windows API is missing, as here).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import platformdirs.windows
import pytest
from platformdirs.macos import MacOS
from platformdirs.unix import Unix
from platformdirs.windows import Windows

from netui.storage.paths import APP_NAME

README = Path(__file__).resolve().parent.parent / "README.md"


def table() -> dict[str, tuple[str, str]]:
    rows = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| (Linux|macOS|Windows) \| `([^`]+)`[^|]*\| `([^`]+)`", line)
        if match:
            rows[match[1]] = (match[2], match[3])
    return rows


def _plain(path: str) -> str:
    return path.replace("\\", "/")


@pytest.mark.parametrize("system", ["Linux", "macOS", "Windows"])
def test_the_readme_folders_are_platformdirs_folders(system: str, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = table()
    assert set(rows) == {"Linux", "macOS", "Windows"}, "the README's folder table is gone or changed shape"
    data_file, templates = rows[system]
    home = os.path.expanduser("~")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LOCALAPPDATA", "%LOCALAPPDATA%")
    monkeypatch.setattr(platformdirs.windows, "_RESOLVE_WIN_FOLDER", platformdirs.windows.get_win_folder_from_env_vars)
    dirs = {"Linux": Unix, "macOS": MacOS, "Windows": Windows}[system](APP_NAME)
    expected_data = _plain(str(Path(dirs.user_data_dir) / "netui.json")).replace(home, "~")
    expected_templates = _plain(str(Path(dirs.user_config_dir) / "templates")).replace(home, "~")
    assert _plain(data_file) == expected_data
    assert _plain(templates) == expected_templates

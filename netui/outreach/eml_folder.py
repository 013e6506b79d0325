"""Where an .eml draft is saved by default: the folder used last time, else Downloads.

The last folder is remembered across runs in one small text file in the config
folder, so a user who keeps drafts in ~/Documents/jobs is offered that folder
again. Without one: the Downloads folder when it exists (where a browser user
looks for a file to open), else the home folder, else the current folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from netui.storage.paths import config_dir

#: The file (in the config folder) that holds the last folder used, one line.
LAST_FOLDER_FILE = "last-eml-folder"


def _writable_folder(path: Path) -> bool:
    try:
        return path.is_dir() and os.access(path, os.W_OK)
    except OSError:
        return False


def _downloads() -> Path | None:
    try:
        import platformdirs

        return Path(platformdirs.user_downloads_dir())
    except Exception:  # noqa: BLE001 - an odd platform: fall back to home
        return None


def last_folder() -> Path | None:
    """The folder of the last .eml saved, if it is still there and writable."""
    try:
        text = (config_dir() / LAST_FOLDER_FILE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    folder = Path(text) if text else None
    return folder if folder is not None and _writable_folder(folder) else None


def default_folder() -> Path:
    """The folder offered for a new .eml: the last used, Downloads, home or the current folder."""
    for candidate in (last_folder(), _downloads(), Path.home()):
        if candidate is not None and _writable_folder(candidate):
            return candidate
    return Path.cwd()


def remember_folder(saved_file: Path) -> None:
    """Remember the folder of a saved .eml for next time (a failure only loses the hint)."""
    folder = saved_file.expanduser().resolve().parent
    try:
        target = config_dir() / LAST_FOLDER_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"{folder}\n", encoding="utf-8")
    except OSError:
        pass

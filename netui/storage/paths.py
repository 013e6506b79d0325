"""Where netui keeps things: the data file, its lock, backups, user templates.

One module so that the CLI, the app and the tests agree on every location.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "netui"
DB_ENV = "NETUI_DB"
CONFIG_ENV = "NETUI_CONFIG_DIR"


def default_db_path() -> Path:
    """`platformdirs.user_data_dir("netui")/netui.json`."""
    import platformdirs  # here: `netui --db FILE` opens the app without it

    return Path(platformdirs.user_data_dir(APP_NAME)) / "netui.json"


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """`--db PATH` wins over `NETUI_DB`, which wins over the platform default."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return default_db_path()


def config_dir() -> Path:
    """The user's config folder (template overrides); `NETUI_CONFIG_DIR` overrides it."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME))


def user_templates_dir() -> Path:
    return config_dir() / "templates"


def shipped_templates_dir() -> Path:
    """Templates shipped with the package (inside the wheel, or the source tree)."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "templates"
    if packaged.is_dir():
        return packaged
    return package.parent / "templates"


def real_path(db_path: Path) -> Path:
    """The file a (possibly symlinked) data path really points to."""
    return Path(os.path.realpath(db_path))


def lock_path(db_path: Path) -> Path:
    real = real_path(db_path)
    return real.with_name(real.name + ".lock")


def backups_dir(db_path: Path) -> Path:
    return real_path(db_path).parent / "backups"


def recovery_path(db_path: Path) -> Path:
    """Unsaved form edits kept after SIGTERM/SIGHUP, offered at the next start."""
    real = real_path(db_path)
    return real.with_name(real.name + ".recovery.json")

"""Start the full-screen app on a data file (used by the CLI and the demo).

Textual and the store are imported inside `run_tui`, so that importing this
module costs nothing for the scripting subcommands.
"""

from __future__ import annotations

import gc
from pathlib import Path


def run_tui(db_path: Path, *, demo: bool = False) -> None:
    """Open the data file (read-only if another netui holds it) and run the app."""
    from netui.core.today import current_day

    current_day()  # a bad NETUI_TODAY is one line on stderr here, not an error inside the app
    # Until the first frame, nearly every object made (modules, the loaded network, the
    # widgets) lives as long as the app: the collector would only walk them. The app
    # collects again once its first frame is drawn (NetuiApp(resume_gc=True)).
    collecting = gc.isenabled()
    gc.disable()
    try:
        from netui.storage.store import Store

        store = Store.open(db_path, fallback_readonly=True)
        try:
            from netui.tui.app import NetuiApp

            NetuiApp(store, demo=demo, resume_gc=collecting).run()
        finally:
            store.close()
    finally:
        if collecting:
            gc.enable()

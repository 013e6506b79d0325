"""In-process UI measurements: keystroke to the frame that shows its effect.

Run: python -m benchmarks.uibench netui DB [--repeats N]   (filter, clear, scroll, save, preview)
     python -m benchmarks.uibench netui DB --only filter [--query TEXT]   (the filter alone)
     python -m benchmarks.uibench floor [--repeats N]      (a bare Textual app: the baselines)
Prints one JSON object of samples in seconds; `benchmarks.run` takes medians.

How a latency is measured. The app runs under Textual's test harness
(`run_test` + Pilot) with a driver that takes keys like the headless one but
does not skip the output: every frame is rendered to terminal escape
sequences exactly as for a real terminal, then dropped (`RenderingDriver`).
A key is timed from just before it is sent (the same call the terminal
driver makes when a key arrives) to the end of the first frame written after
the app's state shows the key's effect (the rows handed to the table, the
cursor moved, the preview updated: `Probe`). So the figure includes
Textual's own frame pacing (a frame at most every 1/60 s), the handler's
work, and rendering the frame; the baseline app measured the same way shows
what Textual alone costs.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import inspect
import json
import time
from pathlib import Path
from typing import Any, Callable

from textual.app import App, ComposeResult
from textual.drivers.headless_driver import HeadlessDriver
from textual.widgets import DataTable, Input, Static, TextArea

from .common import SIZE

#: What is typed in the overview's filter, one timed key at a time, then one backspace.
QUERY = "rossi1"
#: Characters typed in the compose editor, one timed key at a time.
TYPED = "thanks"
PAGES = 3  # timed page-downs per repeat
SETTLE = 0.05  # seconds of quiet between timed keys (a fast typist leaves ~100 ms)
TICK = 0.002  # the stall probe's period


class RenderingDriver(HeadlessDriver):
    """Keys as the headless driver takes them; frames rendered in full, then dropped."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.writes = 0
        self.bytes = 0

    @property
    def is_headless(self) -> bool:
        return False  # so App._display turns each frame into escape sequences and writes them

    def write(self, data: str) -> None:
        self.writes += 1
        self.bytes += len(data)

    def flush(self) -> None:
        pass


class Probe:
    """Resolves a future at the end of the first frame written once a condition holds."""

    def __init__(self) -> None:
        self.waiters: list[tuple[Callable[[], bool], asyncio.Future[float]]] = []
        self.frames = 0
        self._writes = 0

    def until(self, condition: Callable[[], bool]) -> "asyncio.Future[float]":
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiters.append((condition, future))
        return future

    def displayed(self, driver: RenderingDriver | None) -> None:
        if driver is None or driver.writes == self._writes:
            return  # a display call that wrote nothing
        now = time.perf_counter()
        self._writes = driver.writes
        self.frames += 1
        for waiter in list(self.waiters):
            condition, future = waiter
            if future.done():
                self.waiters.remove(waiter)
            elif condition():
                future.set_result(now)
                self.waiters.remove(waiter)


def instrumented(base: type[App]) -> type[App]:
    """`base` with the rendering driver and a probe called after every frame."""

    class Instrumented(base):  # type: ignore[valid-type, misc]
        probe: Probe

        def _build_driver(self, headless: bool, inline: bool, mouse: bool, size: tuple[int, int] | None):
            if not headless:
                return super()._build_driver(headless, inline, mouse, size)
            driver = self._driver = RenderingDriver(self, debug=False, mouse=mouse, size=size)
            return driver

        def post_display_hook(self) -> None:
            super().post_display_hook()
            self.probe.displayed(self._driver)  # type: ignore[arg-type]

    # Textual finds CSS_PATH next to the module of the class: keep pointing at the base's files.
    css = base.CSS_PATH
    if css:
        folder = Path(inspect.getfile(base)).parent
        Instrumented.CSS_PATH = [str(folder / path) for path in (css if isinstance(css, list) else [css])]
    Instrumented.__name__ = f"Instrumented{base.__name__}"
    return Instrumented


def counting(obj: Any, name: str, keep: Callable[..., Any] | None = None) -> dict[str, Any]:
    """Wrap `obj.name` (an instance's method) to count calls (and keep `keep(*args)`)."""
    state: dict[str, Any] = {"calls": 0, "kept": None}
    original = getattr(obj, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        state["calls"] += 1
        if keep is not None:
            state["kept"] = keep(*args, **kwargs)
        return original(*args, **kwargs)

    setattr(obj, name, wrapper)
    return state


async def timed_key(pilot: Any, key: str, condition: Callable[[], bool], timeout: float = 30.0) -> float:
    """Seconds from sending `key` to the end of the first frame written once `condition` holds."""
    future = pilot.app.probe.until(condition)
    start = time.perf_counter()
    await pilot.press(key)
    try:
        end = await asyncio.wait_for(future, timeout)
    except TimeoutError:
        raise RuntimeError(f"key {key!r}: no frame showed its effect within {timeout:.0f} s "
                           "(see the conditions in benchmarks/uibench.py)") from None
    return end - start


async def settle(pilot: Any, quiet: float = SETTLE) -> None:
    """Let the app finish what the last key started (workers, timers, frames)."""
    for _ in range(200):
        await pilot.pause()
        if all(worker.is_finished for worker in pilot.app.workers):
            break
        await asyncio.sleep(0.01)
    await asyncio.sleep(quiet)
    await pilot.pause()


class Stalls:
    """The longest time the event loop could not run a 2 ms ticker: how long the UI froze.
    Also the longest garbage collection meanwhile (a likely cause, worth knowing)."""

    def __init__(self) -> None:
        self.worst = 0.0
        self.gc_worst = 0.0
        self._gc_start = 0.0
        self._task: asyncio.Task[None] | None = None

    def __enter__(self) -> "Stalls":
        # Counted from now, not from the ticker's first run: the code that follows the
        # `with` runs before the ticker does, and may block the loop.
        self._since = time.perf_counter()
        self._task = asyncio.get_running_loop().create_task(self._run())
        gc.callbacks.append(self._on_gc)
        return self

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_start = time.perf_counter()
        elif self._gc_start:
            self.gc_worst = max(self.gc_worst, time.perf_counter() - self._gc_start)

    async def _run(self) -> None:
        last = self._since
        while True:
            await asyncio.sleep(TICK)
            now = time.perf_counter()
            self.worst = max(self.worst, now - last - TICK)
            last = now

    def __exit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()
        gc.callbacks.remove(self._on_gc)


# --- netui -------------------------------------------------------------------------------


async def measure_netui(db: Path, repeats: int, *, only_filter: bool = False, query: str = QUERY) -> dict[str, Any]:
    """Every UI measure; with `only_filter`, the filter keystrokes and clear alone, typing `query`
    (to compare a change to the filter before and after, or time a query of another kind)."""
    from netui.storage.store import Store
    from netui.tui.app import NetuiApp
    from netui.tui.widgets.contact_table import ContactTable

    store = Store.open(db)
    app = instrumented(NetuiApp)(store, handle_signals=False)
    app.probe = Probe()
    out: dict[str, Any] = {}
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot, 0.2)
            screen = app.screen
            table = screen.query_one(ContactTable)
            total = table.row_count
            assert total > 0, "the overview shows no rows"
            filter_input = screen.query_one("#filter", Input)
            shows = counting(table, "show")

            # Filter: type the query, one key at a time, then one backspace; then escape clears it.
            keys: dict[str, list[float]] = {}
            clears: list[float] = []
            for _ in range(repeats):
                await pilot.press("slash")
                await settle(pilot)
                assert app.focused is filter_input, f"/ focused {app.focused!r}"
                typed = ""
                for key in [*query, "backspace"]:
                    typed = typed[:-1] if key == "backspace" else typed + key
                    before = shows["calls"]
                    seconds = await timed_key(pilot, key, lambda t=typed, b=before: (
                        shows["calls"] > b and filter_input.value == t))
                    keys.setdefault(key if key != "backspace" else "backspace", []).append(seconds)
                    await settle(pilot)
                if query == QUERY:  # the standard query narrows; another may find all rows or none
                    assert 0 < table.row_count < total, f"filter {typed!r} shows {table.row_count} of {total}"
                before = shows["calls"]
                clears.append(await timed_key(pilot, "escape", lambda b=before: (
                    shows["calls"] > b and table.row_count == total)))
                await settle(pilot)
            out["filter_keys"] = keys
            out["filter_clear"] = clears
            if only_filter:
                out["filter_rows"] = [table.row_count]
                return out

            # Scroll: page down from the top.
            pages: list[float] = []
            table.focus()
            for _ in range(repeats):
                await pilot.press("home")
                await settle(pilot)
                for _ in range(PAGES):
                    target = min(table.cursor + table.page_height, table.row_count - 1)
                    pages.append(await timed_key(pilot, "pagedown", lambda t=target: table.cursor == t))
                    await settle(pilot)
            out["scroll_page"] = pages

            # Save: what the contact form does on ctrl+s (app.commit: in memory at once, on disk
            # in a thread), then the overview's refresh, as when the form closes.
            out.update(await _saves(pilot, screen, table, max(repeats, 5)))

            # Compose: type in the email body; the preview must show it.
            out["preview_keys"] = await _preview(pilot, table.highlighted_uid, repeats)
            out["frames"] = app.probe.frames
            out["rows"] = total
    finally:
        store.close()
    return out


async def _saves(pilot: Any, screen: Any, table: Any, repeats: int) -> dict[str, Any]:
    app = pilot.app
    store = app.store
    idle = Stalls()
    with idle:
        await asyncio.sleep(0.5)
    durable: list[float] = []
    shown: list[float] = []
    stalls: list[float] = []
    during: list[float] = []  # while the edit is applied and saved (app.commit)
    after: list[float] = []  # while the overview shows it (its DataChanged and the frame)
    collections: list[float] = []  # the longest garbage collection in either
    for i in range(repeats):
        await pilot.press("down")
        await settle(pilot)
        uid = table.highlighted_uid
        contact = store.contact(uid)
        edited = contact.copy(position=f"Edited {i}", notes=contact.notes + f" (edit {i})")
        # The first frame that shows the edit: the commit's DataChanged may redraw the row
        # before the save has finished, so the waiter is set before the commit.
        frame = app.probe.until(lambda i=i: table.row_at(table.cursor).cells[2] == f"Edited {i}")
        with Stalls() as saving:
            start = time.perf_counter()
            _, saved = await app.commit(lambda e=edited: store.update_contact(e), uids={uid})
            # On disk when the store has nothing pending (a save that finished after
            # `commit` returned, e.g. coalesced, is waited for too).
            while store.dirty and time.perf_counter() - start < 30:
                await asyncio.sleep(0.001)
            on_disk = time.perf_counter()
        assert saved and not store.dirty, f"the save failed: {app.save_failed}"
        with Stalls() as refreshing:  # the loop is free between the two: no stall is split
            painted = await asyncio.wait_for(frame, 30)
            await settle(pilot, 0.1)
        durable.append(on_disk - start)
        shown.append(painted - start)
        stalls.append(max(saving.worst, refreshing.worst))
        during.append(saving.worst)
        after.append(refreshing.worst)
        collections.append(max(saving.gc_worst, refreshing.gc_worst))
        assert table.row_at(table.cursor).cells[2] == f"Edited {i}", "the edit is not in the table"
    from netui.storage.store import Store

    with Store.open(store.path, readonly=True) as disk:  # what is really on disk
        assert disk.contact(uid).position == f"Edited {repeats - 1}", "the last edit is not on disk"
    return {"save_durable": durable, "save_shown": shown, "save_stall": stalls, "save_stall_during": during,
            "save_stall_after": after, "save_gc": collections, "idle_stall": [idle.worst]}


async def _preview(pilot: Any, uid: str, repeats: int) -> list[float]:
    from netui.tui.screens.compose import ComposeScreen

    app = pilot.app
    app.push_screen(ComposeScreen(uid))
    await settle(pilot, 0.2)
    screen = app.screen
    assert isinstance(screen, ComposeScreen), f"compose did not open: {screen!r}"
    body = screen.query_one("#c-body", TextArea)
    preview = screen.query_one("#c-preview", Static)
    shown = counting(preview, "update", keep=lambda content="", *a, **k: getattr(content, "plain", str(content)))
    body.focus()
    await settle(pilot)
    samples = []
    for _ in range(repeats):
        for key in TYPED:
            before = shown["calls"]
            samples.append(await timed_key(pilot, key, lambda b=before: (
                shown["calls"] > b and body.text in (shown["kept"] or ""))))
            await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
    assert TYPED in body.text and TYPED in shown["kept"], "the typing is not in the preview"
    return samples


# --- the bare app: baselines -------------------------------------------------------------


class FloorApp(App[None]):
    """A bare Textual app: an Input and a TextArea echoed to Statics, and a DataTable."""

    CSS = "TextArea { height: 6; } DataTable { height: 1fr; }"

    def compose(self) -> ComposeResult:
        yield Input(id="input")
        yield Static(id="input-echo")
        yield TextArea(id="text")
        yield Static(id="text-echo")
        yield DataTable(cursor_type="row", id="table")

    def on_mount(self) -> None:
        from .bare_app import ROWS

        table = self.query_one(DataTable)
        table.add_columns("Name", "Company", "Position", "Sector", "Source", "Tier", "Contacted", "Next due")
        table.add_rows(ROWS * 20)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#input-echo", Static).update(event.value)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.query_one("#text-echo", Static).update(event.text_area.text)


async def measure_floor(repeats: int) -> dict[str, Any]:
    app = instrumented(FloorApp)()
    app.probe = Probe()
    out: dict[str, Any] = {}
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot, 0.2)
        field = app.query_one("#input", Input)
        echo = counting(app.query_one("#input-echo", Static), "update", keep=lambda c="", *a, **k: str(c))
        field.focus()
        await settle(pilot)
        samples = []
        for _ in range(repeats):
            for key in QUERY:
                before = echo["calls"]
                samples.append(await timed_key(pilot, key, lambda b=before: (
                    echo["calls"] > b and echo["kept"] == field.value)))
                await settle(pilot)
        out["input_keys"] = samples

        text = app.query_one("#text", TextArea)
        text_echo = counting(app.query_one("#text-echo", Static), "update", keep=lambda c="", *a, **k: str(c))
        text.focus()
        await settle(pilot)
        samples = []
        for _ in range(repeats):
            for key in TYPED:
                before = text_echo["calls"]
                samples.append(await timed_key(pilot, key, lambda b=before: (
                    text_echo["calls"] > b and text_echo["kept"] == text.text)))
                await settle(pilot)
        out["textarea_keys"] = samples

        table = app.query_one(DataTable)
        table.focus()
        samples = []
        for _ in range(repeats):
            table.move_cursor(row=0)
            await settle(pilot)
            for _ in range(PAGES):
                start_row = table.cursor_row
                samples.append(await timed_key(pilot, "pagedown", lambda s=start_row: table.cursor_row > s))
                await settle(pilot)
        out["table_pages"] = samples
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["netui", "floor"])
    parser.add_argument("db", nargs="?", type=Path)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--only", choices=["filter"], help="netui: only this measure")
    parser.add_argument("--query", default=QUERY, help=f"netui: what the filter measure types (default {QUERY!r})")
    args = parser.parse_args()
    if args.what == "netui":
        if args.db is None:
            parser.error("netui needs the data file")
        result = asyncio.run(measure_netui(args.db, args.repeats, only_filter=args.only == "filter",
                                           query=args.query))
    else:
        result = asyncio.run(measure_floor(args.repeats))
    print(json.dumps(result))


if __name__ == "__main__":
    main()

"""The clipboard: a real X server and xclip, no display at all, and tools that hang or fail."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netui.outreach import clipboard

TEXT = "Ciao Zoë,\n\n[brackets] & «quotes» 😊 שלום e\u0301\nlast line\n"
pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="X11 clipboard tests run on Linux")


@pytest.fixture
def no_display(monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)


@pytest.fixture
def xclip() -> str:
    """xclip, or a clean skip naming it: Xvfb alone cannot read the clipboard back."""
    binary = shutil.which("xclip")
    if binary is None:
        pytest.skip("xclip is not installed (apt-get install xclip): the X clipboard test needs it beside Xvfb")
    return binary


@pytest.fixture
def xvfb(monkeypatch, no_display):
    """A real X server on a display it picks itself (-displayfd), stopped afterwards."""
    binary = shutil.which("Xvfb")
    if binary is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb xclip)")
    read_end, write_end = os.pipe()
    proc = subprocess.Popen([binary, "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0",
                             "320x240x24"], pass_fds=(write_end,), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 10)
        assert ready, "Xvfb did not start within 10 s"
        number = os.read(read_end, 64).decode().strip()
        assert number.isdigit(), f"Xvfb gave no display number: {number!r}"
        display = f":{number}"
        monkeypatch.setenv("DISPLAY", display)
        yield display
    finally:
        os.close(read_end)
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def fake_tools(folder: Path, script: str, names=("xclip", "xsel", "wl-copy", "wl-paste")) -> Path:
    folder.mkdir()
    for name in names:
        path = folder / name
        path.write_text("#!/bin/sh\n" + script)
        path.chmod(0o755)
    return folder


def gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def test_no_display_falls_back_without_raising(no_display):
    started = time.monotonic()
    result = clipboard.copy(TEXT)
    assert not result.ok and result.message
    assert time.monotonic() - started < 5
    assert "clipboard" in clipboard.describe_backend()


def test_display_but_no_tool_falls_back(monkeypatch, tmp_path):
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    result = clipboard.copy(TEXT)
    assert not result.ok and result.backend == "none"


def test_real_x_server_copy_reads_back(xclip, xvfb):
    result = clipboard.copy(TEXT)
    assert result.ok, result.message
    assert result.backend in ("xclip", "xsel")
    back = subprocess.run(["xclip", "-o", "-selection", "clipboard"], capture_output=True, timeout=5,
                          env={**os.environ, "DISPLAY": xvfb})
    assert back.stdout.decode("utf-8") == TEXT
    assert xvfb in clipboard.describe_backend()


def test_a_hanging_tool_times_out_fast_and_is_killed(monkeypatch, tmp_path):
    pids = tmp_path / "pids"
    folder = fake_tools(tmp_path / "bin", f'echo $$ >> "{pids}"\nexec sleep 60\n')
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    started = time.monotonic()
    result = clipboard.copy(TEXT, timeout=1.0)
    elapsed = time.monotonic() - started
    assert not result.ok and "did not answer within 1 s" in result.message and "xclip" in result.message
    assert result.backend == "xclip"
    assert elapsed < 2.5, f"took {elapsed:.1f} s"
    for pid in map(int, pids.read_text().split()):
        deadline = time.monotonic() + 2
        while not gone(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert gone(pid), f"the hanging tool {pid} was left running"


def test_a_tool_that_fails_silently_is_caught_by_reading_back(monkeypatch, tmp_path):
    folder = fake_tools(tmp_path / "bin", "cat > /dev/null\nexit 1\n")
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    result = clipboard.copy(TEXT, timeout=3.0)
    assert not result.ok and "did not take the text" in result.message


def test_describe_backend_never_raises(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("DISPLAY", ":99")
    assert "no system clipboard" in clipboard.describe_backend()


def test_xvfb_without_xclip_is_a_clean_skip_naming_xclip(tmp_path):
    """A machine with Xvfb but no xclip skips the X clipboard test and says what to install."""
    xvfb_binary = shutil.which("Xvfb")
    if xvfb_binary is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb)")
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "Xvfb").symlink_to(xvfb_binary)
    env = {**os.environ, "PATH": str(tools)}
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
                             f"{Path(__file__).name}::test_real_x_server_copy_reads_back"],
                            cwd=root / "tests", env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout and "xclip is not installed" in result.stdout

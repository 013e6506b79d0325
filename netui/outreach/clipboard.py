"""Copy text to the system clipboard without ever hanging or raising into the UI.

pyperclip raises with no display, returns silently when xclip fails, and can
hang on Wayland. So the copy runs in a helper process that is killed (with
the tools it started) after a timeout, and it reads the clipboard back to
check the text really arrived. On failure the caller falls back: OSC 52 from
the app, then showing the text or saving an .eml.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass

from netui.core.i18n import _

# Runs in the helper process. Clipboard tools such as xclip stay alive to serve
# the selection: they get /dev/null, not our pipe, or the parent would wait for them.
# It reports what happened as a code and a detail; the parent words it (`_outcome`),
# in the language the app speaks.
_HELPER = r"""
import json, os, sys, time
out = os.fdopen(os.dup(1), "w", encoding="utf-8")
null = os.open(os.devnull, os.O_RDWR)
os.dup2(null, 1)
os.dup2(null, 2)

def say(**fields):
    out.write(json.dumps(fields) + "\n")
    out.flush()

def report(ok, backend, code, detail=""):
    say(ok=ok, backend=backend, code=code, detail=detail)
    sys.exit(0)

def same(a, b):
    norm = lambda s: s.replace("\r\n", "\n").rstrip()
    return norm(a) == norm(b)

text = sys.stdin.buffer.read().decode("utf-8")
try:
    import pyperclip
except Exception as exc:
    report(False, "pyperclip", "no_pyperclip", str(exc))
backend = "pyperclip"
try:
    copy, paste = pyperclip.determine_clipboard()
    backend = getattr(copy, "__name__", "none").replace("copy_", "") or "none"
    say(backend=backend)  # known even if the copy then hangs
    copy(text)
except Exception as exc:
    message = str(exc).split("\n")[0].split(". ")[0].rstrip(".") or type(exc).__name__
    report(False, backend, "no_clipboard", message)
back = None
for _ in range(10):
    try:
        back = paste()
    except Exception as exc:
        report(True, backend, "unchecked", str(exc))
    if same(back, text):
        report(True, backend, "copied")
    time.sleep(0.05)
report(False, backend, "not_taken")
"""


@dataclass(frozen=True)
class CopyResult:
    ok: bool
    backend: str
    message: str


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """Kill the helper and every tool it started (its own process group)."""
    from netui.storage.platform import kill_process_tree

    kill_process_tree(proc)
    try:
        proc.wait(timeout=1.0)
    except Exception:
        pass


def _outcome(code: str, backend: str, detail: str) -> str:
    """The helper's report in words: what happened, with which tool."""
    if code == "no_pyperclip":
        return _("pyperclip is not installed ({problem})").format(problem=detail)
    if code == "no_clipboard":
        return _("no system clipboard: {problem}").format(problem=detail)
    if code == "unchecked":
        return _("copied with {backend} (could not read it back: {problem})").format(backend=backend, problem=detail)
    if code == "copied":
        return _("copied with {backend}").format(backend=backend)
    if code == "not_taken":
        return _("{backend} did not take the text (reading the clipboard back gave something else)").format(
            backend=backend)
    return detail or code


def _answers(out: bytes | None) -> dict[str, object]:
    """Merge the helper's JSON lines: first the backend, last the result."""
    merged: dict[str, object] = {}
    for line in (out or b"").decode("utf-8", "replace").splitlines():
        try:
            merged.update(json.loads(line))
        except ValueError:
            pass
    return merged


def copy(text: str, timeout: float = 2.0) -> CopyResult:
    """Put `text` on the system clipboard via pyperclip; never raises, never waits past `timeout`."""
    from netui.storage.platform import new_process_group_options

    if not sys.executable:
        return CopyResult(False, "pyperclip", _("cannot start the clipboard helper (no Python executable)"))
    try:
        payload = str(text).encode("utf-8", "surrogatepass")
        proc = subprocess.Popen(
            [sys.executable, "-P", "-c", _HELPER],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            **new_process_group_options(),
        )
    except (OSError, ValueError) as exc:
        return CopyResult(False, "pyperclip", _("cannot start the clipboard helper: {problem}").format(problem=exc))
    try:
        out, _errors = proc.communicate(payload, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(proc)
        backend = str(_answers(_rest(proc)).get("backend", "pyperclip"))
        return CopyResult(False, backend, _("the clipboard tool ({backend}) did not answer within {seconds:g} s").format(
            backend=backend, seconds=timeout))
    except Exception as exc:  # a broken pipe, an encoding problem: report, never raise
        _kill(proc)
        return CopyResult(False, "pyperclip", _("clipboard copy failed: {problem}").format(problem=exc))
    answer = _answers(out)
    if "ok" not in answer:
        return CopyResult(False, str(answer.get("backend", "pyperclip")),
                          _("the clipboard helper failed (exit {code})").format(code=proc.returncode))
    backend = str(answer["backend"])
    return CopyResult(bool(answer["ok"]), backend,
                      _outcome(str(answer.get("code", "")), backend, str(answer.get("detail", ""))))


def fallback_note(result: CopyResult, what: str, *, osc52: bool) -> str:
    """What the user reads when the system clipboard failed: why (once), where the text went,
    and what to do if pasting gives nothing."""
    why = result.message.strip().rstrip(".") or _("the system clipboard did not work")
    why = why[0].upper() + why[1:]
    if osc52:
        return _("{why}. The {what} went to your terminal's clipboard instead (OSC 52, works over SSH "
                 "in most terminals). If pasting gives nothing, select the text below and copy it, "
                 "or save it as an .eml.").format(why=why, what=what)
    return _("{why}: could not copy. Select the text below and copy it, or save it as an .eml.").format(why=why)


def _rest(proc: subprocess.Popen[bytes]) -> bytes:
    """What the killed helper wrote before it hung (its pipe is closed once the group is dead)."""
    try:
        out, _errors = proc.communicate(timeout=1.0)
        return out or b""
    except Exception:
        return b""


def _backend_name() -> str:
    """The tool pyperclip would use here: xclip, xsel, wl (wl-copy), pbcopy, windows... or none."""
    try:
        import pyperclip

        copy_func, _paste = pyperclip.determine_clipboard()
    except Exception:
        return "none"
    return getattr(copy_func, "__name__", "none").replace("copy_", "") or "none"


def describe_backend() -> str:
    """One line for `netui doctor`: which tool copies, and what happens when it cannot."""
    name = _backend_name()
    where = ", ".join(f"{k}={os.environ[k]}" for k in ("WAYLAND_DISPLAY", "DISPLAY") if os.environ.get(k))
    if name == "none":
        if not where:
            return _("no system clipboard tool found (no DISPLAY): "
                     "the app falls back to OSC 52, then shows the text or saves an .eml")
        return _("no system clipboard tool found ({where}): "
                 "the app falls back to OSC 52, then shows the text or saves an .eml").format(where=where)
    if where:
        return _("pyperclip with {name} ({where}), run with a timeout; "
                 "if it fails the app falls back to OSC 52, then shows the text").format(name=name, where=where)
    return _("pyperclip with {name}, run with a timeout; "
             "if it fails the app falls back to OSC 52, then shows the text").format(name=name)

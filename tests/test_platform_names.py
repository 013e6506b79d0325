"""No module but netui/storage/platform.py names an API that only POSIX (or only
Windows) has: everything else asks `platform`, so it runs on every desktop."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "netui"
ALLOWED = PACKAGE / "storage" / "platform.py"

#: Modules that exist on one family of systems only.
ONE_SYSTEM_MODULES = {"fcntl", "resource", "termios", "tty", "pwd", "grp", "pty", "posix", "msvcrt", "winreg",
                      "_winapi", "winsound", "syslog", "crypt", "spwd", "nis"}
#: module attribute -> names missing on Windows (or on Windows' Python before 3.13).
ONE_SYSTEM_NAMES = {
    "os": {"fchmod", "fchown", "chown", "lchown", "killpg", "getpgid", "setpgid", "setsid", "getsid", "getuid",
           "geteuid", "getgid", "getegid", "getgroups", "fork", "forkpty", "wait3", "wait4", "WNOHANG",
           "O_DIRECTORY", "O_NOFOLLOW", "O_BINARY", "O_CLOEXEC", "O_SYNC", "O_DSYNC", "writev", "readv", "sysconf",
           "pathconf", "mkfifo", "mknod", "sync", "fdatasync", "nice", "getloadavg", "uname", "statvfs",
           "fstatvfs", "openpty", "ttyname", "lockf", "sched_getaffinity", "startfile", "add_dll_directory"},
    "signal": {"SIGHUP", "SIGKILL", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGCHLD", "SIGPIPE", "SIGALRM", "SIGTSTP",
               "SIGCONT", "SIGSTOP", "SIGTTIN", "SIGTTOU", "SIGWINCH", "SIGBREAK", "CTRL_C_EVENT",
               "CTRL_BREAK_EVENT", "alarm", "pause", "setitimer", "getitimer", "siginterrupt", "pthread_kill",
               "pthread_sigmask", "sigwait"},
    "subprocess": {"CREATE_NEW_PROCESS_GROUP", "CREATE_NO_WINDOW", "STARTUPINFO"},
}


def _aliases(tree: ast.AST) -> dict[str, str]:
    """Local names bound to the checked modules (`import os as _os`)."""
    names = {m: m for m in ONE_SYSTEM_NAMES}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in ONE_SYSTEM_NAMES and alias.asname:
                    names[alias.asname] = alias.name
    return names


def one_system_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    aliases = _aliases(tree)
    found = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            found += [f"{where} import {a.name}" for a in node.names if a.name.split(".")[0] in ONE_SYSTEM_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module:
            top = node.module.split(".")[0]
            if top in ONE_SYSTEM_MODULES:
                found.append(f"{where} from {node.module} import ...")
            for alias in node.names:
                if alias.name in ONE_SYSTEM_NAMES.get(node.module, ()):
                    found.append(f"{where} from {node.module} import {alias.name}")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            module = aliases.get(node.value.id)
            if module and node.attr in ONE_SYSTEM_NAMES[module]:
                found.append(f"{where} {node.value.id}.{node.attr}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in {"getattr", "hasattr"} and len(node.args) >= 2
              and isinstance(node.args[0], ast.Name) and isinstance(node.args[1], ast.Constant)):
            module = aliases.get(node.args[0].id)
            if module and node.args[1].value in ONE_SYSTEM_NAMES[module]:
                found.append(f"{where} {node.func.id}({node.args[0].id}, {node.args[1].value!r})")
    return found


def test_only_the_platform_module_names_one_system_apis():
    found = [use for path in sorted(PACKAGE.rglob("*.py")) if path != ALLOWED for use in one_system_uses(path)]
    assert found == [], "use netui.storage.platform instead:\n" + "\n".join(found)


def test_the_check_sees_each_way_of_naming_them(tmp_path):
    """A check that cannot fail is no check: each spelling is caught."""
    sample = tmp_path / "netui" / "sample.py"
    sample.parent.mkdir()
    sample.write_text(
        "import os, signal, fcntl\nimport os as _os\nfrom os import fchmod\nfrom termios import tcgetattr\n"
        "signal.SIGHUP\n_os.killpg(1, 9)\nhasattr(os, 'getuid')\nos.O_NOFOLLOW\nos.replace('a', 'b')\n",
        encoding="utf-8")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        found = one_system_uses(sample)
    finally:
        ROOT = saved
    assert sorted(f.split(" ", 1)[1] for f in found) == sorted([
        "import fcntl", "from os import fchmod", "from termios import ...", "signal.SIGHUP", "_os.killpg",
        "hasattr(os, 'getuid')", "os.O_NOFOLLOW"])


def test_the_platform_module_exists_and_is_the_one_allowed():
    assert ALLOWED.is_file()
    assert one_system_uses(ALLOWED)  # it does name them: that is its job

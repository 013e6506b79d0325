"""Reliability cases with real processes and real files (shared/reliability.md 1-3, 6-7, 9, 22)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from netui.core.errors import StorageError
from netui.core.models import Contact
from netui.storage.store import Store
from tests.support.datagen import make_contacts

ROOT = Path(__file__).resolve().parent.parent
NETUI = [sys.executable, "-m", "netui"]


def run_netui(args, db, env=None, **kw):
    full_env = {**os.environ, "NETUI_DB": str(db), **(env or {})}
    return subprocess.run(NETUI + args, capture_output=True, text=True, env=full_env, cwd=ROOT,
                          timeout=60, **kw)


def temp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if ".tmp-" in p.name]


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    """A data file of at least 5 MB."""
    path = tmp_path_factory.mktemp("big") / "netui.json"
    with Store.open(path) as store:
        store.backup_on_save = False
        store.add_contacts(make_contacts(5000, note_size=700))
    assert path.stat().st_size >= 5 * 1024 * 1024
    return path


def test_kill_9_during_saves_never_damages_the_file(big_db):
    """Case 1: 200 SIGKILLs at random moments of a save loop; the file always parses."""
    harness = ROOT / "tests" / "support" / "kill_harness.py"
    result = subprocess.run([sys.executable, str(harness), str(big_db), "200", "1"], capture_output=True,
                            text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=600)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["kills"] == 200
    assert summary["bad"] == 0
    # Proof that kills landed inside saves: half-written temp files were left...
    assert summary["temp_seen"] > 0
    # ...and many different versions were seen complete on disk.
    assert summary["distinct_versions"] > 20
    # The next start cleans the orphans away.
    with Store.open(big_db) as store:
        assert len(store.contacts()) == 5000
    assert temp_files(big_db.parent) == []


DISK_FULL_CHILD = r"""
import os, resource, sys
from netui.storage.store import Store
from netui.core.models import Contact
from netui.core.errors import StorageError
path = sys.argv[1]
store = Store.open(path)
original = open(path, "rb").read()
size = os.path.getsize(path)
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (size // 2, hard))
try:
    store.add_contact(Contact(first_name="Zed", notes="x" * 1000))
    print("SAVED")
except StorageError as exc:
    print("ERROR", exc)
print("INTACT", open(path, "rb").read() == original)
print("DIRTY", store.dirty, len(store.contacts()))
left = [n for n in os.listdir(os.path.dirname(path)) if ".tmp-" in n]
print("TEMPS", len(left))
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
store.save()
print("RETRIED", store.dirty)
"""


def test_disk_full_keeps_the_old_file_and_the_edit(tmp_path):
    """Case 2: RLIMIT_FSIZE in a child: clear error, old file intact, no temp, retry works."""
    db = tmp_path / "netui.json"
    with Store.open(db) as store:
        store.add_contacts(make_contacts(300))
    result = subprocess.run([sys.executable, "-c", DISK_FULL_CHILD, str(db)], capture_output=True,
                            text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("ERROR cannot save") and "disk full" in lines[0]
    assert lines[1] == "INTACT True"
    assert lines[2] == "DIRTY True 301"
    assert lines[3] == "TEMPS 0"
    assert lines[4] == "RETRIED False"
    with Store.open(db) as store:
        assert len(store.contacts()) == 301


def test_disk_full_cli_writes_nothing(tmp_path):
    db = tmp_path / "netui.json"
    with Store.open(db) as store:
        store.add_contacts(make_contacts(300))
    before = db.read_bytes()
    limit = f"import resource; resource.setrlimit(resource.RLIMIT_FSIZE, ({len(before) // 2}, -1))"
    code = f"{limit}; import sys; from netui.cli.main import main; sys.exit(main(sys.argv[1:]))"
    result = subprocess.run([sys.executable, "-c", code, "--db", str(db), "add", "Zed <zed@example.org>"],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "disk full" in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == before
    assert temp_files(tmp_path) == []


def _as_unprivileged(fn, *args):
    """Run fn in a forked child as an unprivileged user; return what it returns (as text)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        try:
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
            out = fn(*args)
        except BaseException as exc:  # report anything to the parent
            out = f"EXC {type(exc).__name__}: {exc}"
        os.write(write_fd, str(out).encode())
        os._exit(0)
    os.close(write_fd)
    chunks = []
    while chunk := os.read(read_fd, 65536):
        chunks.append(chunk)
    os.close(read_fd)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode()


def _try_open_and_add(path: str) -> str:
    try:
        with Store.open(path) as store:
            store.add_contact(Contact(first_name="Zed"))
        return "SAVED"
    except StorageError as exc:
        return f"StorageError: {exc}"


def _try_cli_add(path: str) -> str:
    import contextlib
    import io

    from netui.cli.main import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["--db", path, "add", "Zed"])
    return f"{code}|{err.getvalue()}"


@pytest.fixture
def shared_tmp():
    """A folder an unprivileged user can traverse (pytest's tmp_path is 0700)."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="netui-perm-"))
    os.chmod(folder, 0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_unwritable_folder_gives_a_clear_error(shared_tmp):
    """Case 3, as an unprivileged user: a folder it cannot write."""
    tmp_path = shared_tmp
    folder = tmp_path / "locked"
    folder.mkdir()
    db = folder / "netui.json"
    with Store.open(db) as store:
        store.add_contact(Contact(first_name="Ada"))
    os.chmod(tmp_path, 0o755)
    os.chmod(folder, 0o755)
    os.chmod(db, 0o644)
    before = db.read_bytes()
    out = _as_unprivileged(_try_open_and_add, str(db))
    assert out.startswith("StorageError:") and "Permission denied" in out
    assert str(folder) in out
    out = _as_unprivileged(_try_cli_add, str(db))
    code, _, err = out.partition("|")
    assert code == "1" and err.count("\n") == 1 and str(folder) in err
    assert db.read_bytes() == before


def test_unwritable_file_gives_a_clear_error(shared_tmp):
    """Case 3: the folder is writable but the data file is read-only."""
    tmp_path = shared_tmp
    folder = tmp_path / "mine"
    folder.mkdir()
    db = folder / "netui.json"
    with Store.open(db) as store:
        store.add_contact(Contact(first_name="Ada"))
    os.chmod(tmp_path, 0o755)
    if os.geteuid() == 0:
        os.chown(folder, 65534, 65534)
        os.chown(db, 65534, 65534)
        (folder / "netui.json.lock").unlink()
        (folder / "backups").chmod(0o777)
    os.chmod(db, 0o400)
    before = db.read_bytes()
    out = _as_unprivileged(_try_open_and_add, str(db))
    assert out == f"StorageError: cannot save {db}: permission denied"
    assert db.read_bytes() == before


def test_second_process_is_refused_naming_the_holder(tmp_path):
    """Case 7: a running netui holds the file; a second one is refused for writing."""
    db = tmp_path / "netui.json"
    holder = subprocess.Popen([sys.executable, "-c",
                               "import sys, time; from netui.storage.store import Store; "
                               "s = Store.open(sys.argv[1]); print('ready', flush=True); time.sleep(60)",
                               str(db)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "ready"
        before = db.read_bytes()
        result = run_netui(["add", "Zed"], db)
        assert result.returncode == 1
        assert f"pid {holder.pid}" in result.stderr and result.stderr.count("\n") == 1
        assert db.read_bytes() == before
        # Reading still works while another netui writes.
        assert run_netui(["contacts", "--json"], db).returncode == 0
        doctor = run_netui(["doctor"], db)
        assert f"held by pid {holder.pid}" in doctor.stdout
    finally:
        holder.kill()
        holder.wait()
    # Case 6: the holder died; its lock is taken over.
    result = run_netui(["add", "Zed"], db)
    assert result.returncode == 0, result.stderr


def test_two_writers_at_once_never_lose_a_write_silently(tmp_path):
    """Case 7: two processes adding contacts at the same time: each add is saved or reported."""
    db = tmp_path / "netui.json"
    run_netui(["profile", "--set", "first_name=Me"], db)
    script = ("import sys; from netui.cli.main import main\n"
              "ok = 0\n"
              "for i in range(40):\n"
              "    ok += main(['--db', sys.argv[1], 'add', f'{sys.argv[2]} {i}']) == 0\n"
              "print(ok)\n")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(db), name], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, cwd=ROOT) for name in ("Alpha", "Beta")]
    outputs = [p.communicate(timeout=300) for p in procs]
    saved = sum(int(out.strip().splitlines()[-1]) for out, _ in outputs)
    refused = sum(err.count("is open for writing in another netui") for _, err in outputs)
    assert saved + refused == 80
    data = orjson.loads(db.read_bytes())
    on_disk = {f"{c['first_name']} {c['last_name']}" for c in data["contacts"].values()}
    reported = {line[len("added "):].rsplit(" (", 1)[0] for out, _ in outputs
                for line in out.splitlines() if line.startswith("added ")}
    assert len(on_disk) == saved and on_disk == reported


UNICODE_NAMES = ["Zoë Ñúñez-Ærøskøbing", "שרה כהן", "محمد الأحمد", "e\u0301mile Cafe\u0301",
                 "[bold]Boss[/bold]", "🚀 Rocket 👩‍💻", "Łukasz Żółć"]


@pytest.mark.parametrize("locale_env", [{}, {"LC_ALL": "C", "LANG": "C"}])
def test_unicode_round_trip_byte_identical(tmp_path, locale_env):
    """Case 9: accents, RTL, combining marks, emoji, markup-like brackets; also under LC_ALL=C."""
    db = tmp_path / "netui.json"
    for name in UNICODE_NAMES:
        result = run_netui(["add", name, "--company", "[red]Co"], db, env=locale_env)
        assert result.returncode == 0, result.stderr
    listed = run_netui(["contacts", "--json"], db, env=locale_env)
    assert listed.returncode == 0
    stored = {f"{c['first_name']} {c['last_name']}".strip() for c in json.loads(listed.stdout)}
    assert stored == set(UNICODE_NAMES)
    raw = db.read_text(encoding="utf-8")
    for name in UNICODE_NAMES:
        last = name.split()[-1]
        assert last in raw  # stored as UTF-8 text, byte-identical, not escaped
    assert '"company": "[red]Co"' in raw

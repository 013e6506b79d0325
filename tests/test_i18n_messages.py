"""With Italian chosen, what imports, saves and the core say reads in Italian.

Each test runs the real code (an importer on a file in tmp_path, a store on disk)
and reads the message a user would see.
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from netui.core import i18n
from netui.core.errors import ReadOnlyError, StorageError
from netui.core.funnel import funnel
from netui.core.models import Contact
from netui.core.wording import readonly_notice
from netui.io.importers import parse_file, plan_import, summary_lines
from netui.storage import atomic, platform
from netui.storage.merge import MergeReport
from netui.storage.store import Store

#: A Connections.csv with one of each problem: a bad email, a bad date, a row with only
#: the date, a row with too many fields, and a quote never closed.
BROKEN_LINKEDIN = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ada,Verdi,https://www.linkedin.com/in/ada-verdi,not-an-email,Acme,CTO,09 Oct 2024\n"
    "Bea,Neri,https://www.linkedin.com/in/bea-neri,,Enel,PM,someday\n"
    ",,,,,,10 Oct 2024\n"
    "Carlo,Bianchi,https://www.linkedin.com/in/carlo,,Eni,Dev,11 Oct 2024,extra,more\n"
    'Dario,"Rossi,https://www.linkedin.com/in/dario,,Fiat,QA,12 Oct 2024\n'
    "Elena,Gallo,https://www.linkedin.com/in/elena,,Tim,HR,13 Oct 2024\n"
)


@pytest.fixture
def italian():
    i18n.set_language("it")
    yield
    i18n.set_language("en")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_broken_linkedin_csv_gives_italian_skip_reasons_and_warnings(italian, tmp_path):
    result = parse_file("linkedin", write(tmp_path, "Connections.csv", BROKEN_LINKEDIN))
    assert ("riga 2", "'not-an-email' tralasciato: non è un indirizzo email") in result.warnings
    assert ("riga 3", "Connected On 'someday' tralasciato: non è una data") in result.warnings
    assert ("riga 4", "vuota tranne la data (un membro che nasconde i suoi dati)") in result.skipped
    assert ("riga 5", "9 campi dove l'intestazione ne ha 7; riga tralasciata") in result.skipped
    assert ("riga 6", "una virgoletta non viene mai chiusa; riga tralasciata, la riga dopo letta come "
            "una riga a sé") in result.skipped
    assert "Elena" in {c.first_name for c in result.contacts}  # the row after the open quote is read
    lines = summary_lines(plan_import([], result))
    assert "Valori tralasciati:" in lines
    assert "  riga 2: 'not-an-email' tralasciato: non è un indirizzo email" in lines


def test_a_conflict_names_the_field_by_its_italian_label(italian, tmp_path):
    mine = Contact(first_name="Ada", last_name="Verdi", company="Mine Srl",
                   linkedin_url="https://www.linkedin.com/in/ada-verdi").validate()
    result = parse_file("linkedin", write(tmp_path, "Connections.csv", BROKEN_LINKEDIN))
    plan = plan_import([mine], result)
    assert "riga 2: Ada Verdi: tenuto azienda 'Mine Srl', il file ha 'Acme'" in plan.conflicts


def test_a_cut_vcard_warns_in_italian(italian, tmp_path):
    path = write(tmp_path, "contacts.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Verdi\nX-NETUI-TIER:gold\n")
    result = parse_file("vcard", path)
    assert ("scheda 1", "manca END:VCARD (il file è stato troncato?)") in result.warnings
    assert ("scheda 1", "X-NETUI-TIER 'gold' tralasciato: non è un valore che netui conosce") in result.warnings


def test_a_json_restore_names_records_and_fields_in_italian(italian, tmp_path):
    path = write(tmp_path, "export.json", '{"format": "netui-export", "contacts": ['
                 '{"uid": "a b", "first_name": "Ada"}, {"first_name": 12}]}')
    result = parse_file("json", path)
    (where, warning), = result.warnings
    assert where == "contatto 1" and warning.startswith("uid 'a b' non è un id di netui")
    assert result.skipped == [("contatto 2", "nome: atteso un testo, ricevuto int")]


def test_a_save_on_a_read_only_store_is_refused_in_italian(italian, tmp_path):
    db = tmp_path / "netui.json"
    with Store.open(db) as store:
        store.add_contact(Contact(first_name="Ada"))
    with Store.open(db, readonly=True) as store:
        with pytest.raises(ReadOnlyError) as refused:
            store.add_contact(Contact(first_name="Bea"))
    assert str(refused.value) == f"{db} è aperto in sola lettura"


def test_a_full_disk_is_said_in_italian(italian, tmp_path, monkeypatch):
    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(platform, "open_new_private", full)
    target = tmp_path / "netui.json"
    with pytest.raises(StorageError) as refused:
        atomic.atomic_write(target, b"{}")
    assert str(refused.value) == f"impossibile salvare {target}: il disco è pieno"


def test_a_file_held_by_a_newer_netui_reads_in_italian(italian, tmp_path):
    db = tmp_path / "netui.json"
    db.write_text('{"meta": {"1": {"schema_version": 999}}}', encoding="utf-8")
    with Store.open(db) as store:
        assert store.readonly
        assert store.readonly_reason.startswith(f"sola lettura: {db} è stato scritto da un netui più recente")
        notice = readonly_notice(store.readonly_reason)
    assert notice.startswith(f"SOLA LETTURA: {db} è stato scritto")
    assert notice.lower().count("sola lettura") == 1 and notice.endswith("Non si può modificare nulla.")


def test_the_lock_reason_in_italian_says_read_only_once(italian):
    reason = i18n.gettext("read-only: {reason}").format(reason=i18n.gettext(
        "{data_file} is open for writing in another netui ({who}); close it there first (commands that only read it still work)").format(
        data_file="/tmp/x.json", who=i18n.gettext("another process")))
    notice = readonly_notice(reason)
    assert notice == ("SOLA LETTURA: /tmp/x.json è aperto in scrittura in un altro netui (un altro processo); "
                      "chiudi l'altro netui e riapri questo file per modificarlo. Non si può modificare nulla.")


def test_the_merge_notice_counts_in_italian(italian, tmp_path):
    one = MergeReport(taken=1, removed=2)
    assert one.summary() == ("Il file dei dati è stato modificato da un altro programma: "
                             "preso 1 record modificato sul disco; 2 eliminati sul disco.")


def test_core_words_in_italian(italian):
    assert Contact().name == "(senza nome)"
    rows = funnel([Contact(first_name="Ada").validate()], []).by_sector
    assert [r.group for r in rows] == ["(nessun settore)"]
    with pytest.raises(Exception, match="--lang: lingua sconosciuta 'fr'; usa una tra: it, en"):
        i18n.resolve_language("fr", None, {})

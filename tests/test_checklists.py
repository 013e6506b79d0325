"""Event checklists: one per kind and language, user files win, bad files are explained."""

from __future__ import annotations

import pytest

from netui.core.errors import ChecklistError
from netui.core.models import CHECKLIST_PHASES, EVENT_KINDS, ChecklistItem
from netui.events.checklists import checklist_path, load_checklist, parse_checklist

LANGS = ("en", "it")


@pytest.fixture(autouse=True)
def config_dir(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv("NETUI_CONFIG_DIR", str(folder))
    return folder


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", EVENT_KINDS)
def test_every_kind_has_a_checklist_in_every_phase(kind, lang):
    items = load_checklist(kind, lang)
    assert checklist_path(kind, lang)[1] == "shipped"
    assert all(isinstance(i, ChecklistItem) and not i.done for i in items)
    for item in items:
        item.validate()
    assert {i.phase for i in items} == set(CHECKLIST_PHASES)
    phases = [i.phase for i in items]
    assert phases == sorted(phases, key=CHECKLIST_PHASES.index)
    texts = [i.text for i in items]
    assert len(texts) == len(set(texts)) and len(items) >= 6


@pytest.mark.parametrize("lang", LANGS)
def test_each_kind_is_its_own_list(lang):
    lists = {kind: {i.text for i in load_checklist(kind, lang)} for kind in EVENT_KINDS}
    for kind in EVENT_KINDS:
        for other in EVENT_KINDS:
            if kind < other:
                shared = lists[kind] & lists[other]
                assert len(shared) <= 3, (kind, other, shared)


def test_languages_are_written_separately():
    for kind in EVENT_KINDS:
        en = {i.text for i in load_checklist(kind, "en")}
        it = {i.text for i in load_checklist(kind, "it")}
        assert not en & it


def test_user_checklist_wins(config_dir):
    folder = config_dir / "templates" / "it" / "checklists"
    folder.mkdir(parents=True)
    (folder / "webinar.txt").write_text("\ufeff[prima]\n- Preparare il caffè\n[dopo]\nScrivere ai relatori\n",
                                        encoding="utf-8")
    assert checklist_path("webinar", "it")[1] == "user"
    items = load_checklist("webinar", "it")
    assert [(i.phase, i.text) for i in items] == [("before", "Preparare il caffè"),
                                                  ("after", "Scrivere ai relatori")]
    assert checklist_path("webinar", "en")[1] == "shipped"


def test_phases_are_ordered_and_comments_skipped():
    items = parse_checklist("# note\n[after]\nC\n\n[before]\n* A\n[during]\nB\n[before]\nA2\n")
    assert [(i.phase, i.text) for i in items] == [("before", "A"), ("before", "A2"), ("during", "B"),
                                                  ("after", "C")]


@pytest.mark.parametrize("text, fragment", [
    ("[before]\nok\n[someday]\nnope\n", "line 3: unknown section [someday]"),
    ("an item\n[before]\nok\n", "line 1: an item before any section"),
    ("# only a comment\n[before]\n", "no items"),
    ("", "no items"),
    ("[before]\n" + "x" * 400 + "\n", "line 2: an item longer"),
])
def test_bad_files_are_explained(config_dir, text, fragment):
    folder = config_dir / "templates" / "en" / "checklists"
    folder.mkdir(parents=True)
    path = folder / "meetup.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ChecklistError) as caught:
        load_checklist("meetup", "en")
    assert fragment in str(caught.value) and str(path) in str(caught.value)


def test_not_utf8_unknown_kind_and_language(config_dir):
    folder = config_dir / "templates" / "en" / "checklists"
    folder.mkdir(parents=True)
    (folder / "other.txt").write_bytes(b"[before]\ncaf\xe9\n")
    with pytest.raises(ChecklistError, match="not UTF-8"):
        load_checklist("other", "en")
    with pytest.raises(ChecklistError, match="unknown event kind"):
        load_checklist("party", "en")
    with pytest.raises(ChecklistError, match="unknown language"):
        load_checklist("webinar", "fr")

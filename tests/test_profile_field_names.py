"""A profile field is named to the user as the profile form names it, in their language:
the templates panel of the profile screen, the error of a draft that needs a field, the
checks of a draft. Never by its key alone ("landed_company", "landed company")."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from netui.core import vocabulary
from netui.core.errors import DraftingError
from netui.core.models import Contact, Profile
from netui.outreach import drafting, lint
from netui.storage.store import Store
from netui.tui.app import NetuiApp
from netui.tui.screens.profile import SECTIONS, ProfileScreen
from tests.support.pilot import plain, settle, switch_to

#: What the templates panel says of job_news for a profile with no job found yet.
JOB_NEWS = {
    "en": "job_news: fill Company (once you have found a job)",
    "it": "job_news: compila Azienda (quando avrai trovato lavoro)",
}


@pytest.fixture(autouse=True)
def setup(tmp_path, monkeypatch):
    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path / "config"))


@pytest.mark.parametrize("lang", ["en", "it"])
async def test_the_templates_panel_names_a_missing_field_by_its_label_on_the_form(tmp_path, lang):
    store = Store.open(tmp_path / "netui.json")
    store.set_profile(Profile(first_name="Ana", target_sector="data science", language=lang))
    async with NetuiApp(store).run_test(size=(120, 36)) as pilot:
        screen = await switch_to(pilot, "profile", ProfileScreen)
        await settle(pilot)
        side = plain(screen.query_one("#p-templates", Static))
        assert JOB_NEWS[lang] in side
        assert "landed" not in side
        labels = [plain(label) for label in screen.query(".p-label").results(Static)]
        assert labels.count(vocabulary.PROFILE_FIELDS.label("landed_company", lang)) == 2  # hence the part
    store.close()


@pytest.mark.parametrize("lang, expected", [
    ("en", "fill your profile: Company (once you have found a job, landed_company)"),
    ("it", "completa il tuo profilo: Azienda (quando avrai trovato lavoro, landed_company)"),
])
def test_a_draft_that_needs_a_field_names_its_label_and_the_key_to_set(lang, expected):
    with pytest.raises(DraftingError) as caught:
        drafting.render("job_news", lang, Profile(first_name="Ana"), Contact(first_name="Bea"), None, {})
    assert str(caught.value) == expected
    assert caught.value.field == "landed_company"


@pytest.mark.parametrize("lang, cv, limit", [
    ("en", "your profile has no CV file (cv_path)",
     "as your profile sets it under Connection note limit (linkedin_note_limit)"),
    ("it", "nel profilo manca il file del CV (cv_path)",
     "come indicato nel tuo profilo alla voce Limite della nota di collegamento (linkedin_note_limit)"),
])
def test_the_checks_name_profile_fields_by_their_labels(lang, cv, limit):
    [warning] = lint.check_cv("", "My CV is attached.", Profile(), lang)
    assert cv in warning.message
    [warning] = lint.check_linkedin_length("note", "x" * 301, Profile(), lang)
    assert limit in warning.message


def test_the_form_and_the_messages_use_one_list_of_labels():
    """Every field of the form takes its label from vocabulary.PROFILE_FORM, and every
    profile field a shipped template requires is on it (so none is named by its key)."""
    assert [(part, [(key, label) for key, label, _hint in fields]) for part, fields in SECTIONS] == \
        vocabulary.PROFILE_FORM
    on_form = {key for _part, fields in vocabulary.PROFILE_FORM for key, _label in fields}
    for lang in ("en", "it"):
        for info in drafting.list_templates(lang):
            needed = {item.partition(".")[2] for item in drafting.required_fields(drafting.template_source(
                info.name, lang)) if item.startswith("me.")}
            assert needed <= on_form, (info.name, needed - on_form)

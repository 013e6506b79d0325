"""The Companies view (5): companies and warm paths, asking for an introduction from a path,
logging the request and the introduction, thanking the introducer; snapshots at 80x24."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, TextArea

from netui.core.models import Contact, Interaction, Profile
from netui.tui.dialogs.confirm import ConfirmScreen
from netui.tui.dialogs.draft_dialogs import TextModal
from netui.tui.dialogs.event_dialogs import ContactPicker
from netui.tui.dialogs.log_interaction import LogInteractionScreen
from netui.tui.screens.companies import CompaniesScreen
from netui.tui.screens.compose import ComposeScreen
from netui.tui.screens.contact import ContactScreen
from tests.conftest import TODAY
from tests.support.pilot import plain, settle

SMALL = (80, 24)
PROFILE = Profile(first_name="Giulia", last_name="Rossi", target_sector="automotive", language="en",
                  target_companies=["Ferrari", "Enel"])


@pytest.fixture(autouse=True)
def setup(tmp_path, monkeypatch):
    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path / "config"))


def network() -> list[Contact]:
    return [
        Contact(uid="ada", first_name="Ada", last_name="Uno", company="Ferrari S.p.A.", tier="key",
                emails=["ada@example.org"]),
        Contact(uid="bruno", first_name="Bruno", last_name="Due", company="FERRARI SPA", position="Engineer"),
        Contact(uid="carla", first_name="Carla", last_name="Tre", company="Ferrari", introduced_by="luca"),
        Contact(uid="luca", first_name="Luca", last_name="Amico", emails=["luca@example.org"],
                knows_at=[{"company": "Ferrari", "name": "Anna", "note": "HR"}]),
        Contact(uid="marco", first_name="Marco", last_name="Nuovo", company="Leonardo"),
    ]


def rows(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def open_companies(pilot) -> CompaniesScreen:
    await pilot.pause()
    await pilot.press("5")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CompaniesScreen)
    return screen


async def wait_for(pilot, kind, tries: int = 60):
    for _ in range(tries):
        if isinstance(pilot.app.screen, kind):
            return pilot.app.screen
        await pilot.pause(0.05)
    raise AssertionError(f"expected {kind.__name__}, got {type(pilot.app.screen).__name__}")


async def test_spellings_are_one_company_and_targets_come_first(make_app):
    app = make_app(network(), profile=PROFILE)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_companies(pilot)
        listed = rows(screen.companies_table)
        assert listed == [["★", "Ferrari", "4"], ["★", "Enel", "0"], ["", "Leonardo", "1"]]
        paths = rows(screen.paths_table)
        assert [r[1] for r in paths][:1] == ["Ada Uno"]  # key tier first
        assert {r[1] for r in paths} == {"Ada Uno", "Bruno Due", "Carla Tre", "Luca Amico"}
        luca = next(r for r in paths if r[1] == "Luca Amico")
        assert luca[2].startswith("knows someone there: Anna, HR")
        assert "introduced you to Carla Tre" in luca[2]
        await pilot.press("down")  # Enel: nobody yet
        await pilot.pause()
        assert screen.paths_table.row_count == 0
        assert "No one in your network leads to Enel yet" in plain(screen.query_one("#co-detail"))


async def test_the_overview_counts_spellings_of_one_company_as_one(make_app):
    from netui.tui.widgets.network_panel import BarChart

    app = make_app(network(), profile=PROFILE)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await settle(pilot)
        model = app.screen.model
        assert model.totals.companies() == [("Ferrari S.p.A.", 3), ("Leonardo", 1)]
        chart = app.screen.query_one("#panel-companies", BarChart)
        assert chart.data == (("Ferrari S.p.A.", 3), ("Leonardo", 1))
        marco = app.store.contact("marco")
        await app.commit(lambda: app.store.update_contact(marco.copy(company="FERRARI SPA")), uids={"marco"})
        app.screen.sync({"marco"})
        await pilot.pause()
        assert model.totals.companies() == [("Ferrari S.p.A.", 4)]


async def test_typing_a_company_shows_its_paths_and_suggests_close_names(make_app):
    app = make_app(network(), profile=PROFILE)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_companies(pilot)
        await pilot.press("slash", *"leonardo spa", "enter")
        await pilot.pause()
        assert screen.current is not None and screen.current.key == "leonardo"
        assert [r[1] for r in rows(screen.paths_table)] == ["Marco Nuovo"]
        await pilot.press("slash", *"Leonard", "enter")
        await pilot.pause()
        assert screen.paths_table.row_count == 0
        detail = plain(screen.query_one("#co-detail"))
        assert "Did you mean: Leonardo?" in detail


async def test_enter_on_a_path_opens_the_contact(make_app):
    app = make_app(network(), profile=PROFILE)
    async with app.run_test(size=SMALL) as pilot:
        await open_companies(pilot)
        await pilot.press("enter")  # to the paths
        await pilot.press("enter")  # open the first
        screen = await wait_for(pilot, ContactScreen)
        assert screen.uid == "ada"


async def test_asking_for_an_introduction_from_a_path_to_a_copied_draft_and_the_log(make_app, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    app = make_app(network(), profile=PROFILE)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_companies(pilot)
        await pilot.press("enter")
        while screen.highlighted_path().uid != "luca":
            await pilot.press("down")
        await pilot.press("a")
        compose = await wait_for(pilot, ComposeScreen)
        await settle(pilot)
        assert compose.template == "ask_intro"
        assert "Ferrari" in compose.subject
        assert "you know Anna there" in compose.body
        await pilot.press("ctrl+b")
        modal = await wait_for(pilot, TextModal)
        assert modal.query_one(TextArea).text == compose.body
        await pilot.press("escape")
        await pilot.pause()
        [draft] = app.store.drafts("luca")
        assert draft.status == "copied" and draft.template == "ask_intro"
        assert draft.variables == {"company": "Ferrari", "person": "Anna"}
        await pilot.press("escape")  # saved: leaves at once
        question = await wait_for(pilot, ConfirmScreen)
        assert "Did you ask Luca Amico for an introduction at Ferrari?" in question.message
        await pilot.press("y")
        await settle(pilot)
        [logged] = [i for i in app.store.interactions("luca") if i.kind == "intro_requested"]
        assert logged.summary == "asked for an introduction to Anna at Ferrari"
        assert logged.date == TODAY.isoformat()
    from tests.conftest import reopen

    with reopen(app.store.path) as store:
        assert [i.kind for i in store.interactions("luca")] == ["intro_requested"]


async def test_logging_the_introduction_made_links_the_new_contact(make_app):
    app = make_app(network(), profile=PROFILE)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_companies(pilot)
        await pilot.press("enter")
        while screen.highlighted_path().uid != "luca":
            await pilot.press("down")
        await pilot.press("m")
        picker = await wait_for(pilot, ContactPicker)
        assert "Luca Amico" in picker.title_text
        for _ in range(40):
            if picker.entries is not None:
                break
            await pilot.pause(0.05)
        await pilot.press(*"marco", "enter")
        await settle(pilot)
        assert app.store.contact("marco").introduced_by == "luca"
        [made] = [i for i in app.store.interactions("luca") if i.kind == "intro_made"]
        assert made.summary == "introduced you to Marco Nuovo (Ferrari)"
        # Marco now shows up as a path into Leonardo, with the chain.
        await pilot.press("slash", *"Leonardo", "enter")
        await pilot.pause()
        [marco] = screen.current.paths[:1]
        assert marco.chain == ("Luca Amico",)


async def test_a_reply_from_someone_introduced_offers_to_thank_the_introducer(make_app):
    app = make_app(network(), profile=PROFILE)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.screen.table.move_to_uid("carla")
        await pilot.press("l")
        log = await wait_for(pilot, LogInteractionScreen)
        log.query_one("#input-kind").value = "reply_received"
        await pilot.press("ctrl+s")
        first = await wait_for(pilot, ConfirmScreen)
        assert "Carla Tre replied" in first.message
        await pilot.press("n")
        await pilot.pause()
        second = await wait_for(pilot, ConfirmScreen)
        assert second is not first
        assert "introduced to you by Luca Amico" in second.message
        await pilot.press("y")
        compose = await wait_for(pilot, ComposeScreen)
        assert compose.contact_uid == "luca" and compose.template == "thank_you"


async def test_a_meeting_with_someone_not_introduced_asks_nothing(make_app):
    app = make_app(network(), profile=PROFILE)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.screen.table.move_to_uid("ada")
        await pilot.press("l")
        log = await wait_for(pilot, LogInteractionScreen)
        log.query_one("#input-kind").value = "meeting"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, (ConfirmScreen, LogInteractionScreen))
        assert [i.kind for i in app.store.interactions("ada")] == ["meeting"]


async def test_the_funnel_is_one_key_away(make_app):
    interactions = [Interaction(contact_uid="ada", kind="email_sent", date="2026-03-01"),
                    Interaction(contact_uid="ada", kind="reply_received", date="2026-03-02")]
    app = make_app(network(), interactions, profile=PROFILE)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_companies(pilot)
        await pilot.press("f")
        await pilot.pause()
        table = screen.query_one("#co-funnel", DataTable)
        assert table.display and screen.has_class("-funnel")
        assert rows(table)[0] == ["other", "5", "2 (40%)", "1 (50%)", "0", "1 (50%)"]
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.has_class("-funnel")


async def test_the_key_is_in_help_and_the_palette(make_app):
    from netui.tui.screens.help import sections

    app = make_app(network(), profile=PROFILE)
    titles = dict(sections(type(app).BINDINGS))
    assert ("5", "Companies") in titles["Everywhere"]
    assert ("a", "Ask intro") in titles["Companies: warm paths and sources"]


async def test_the_contact_form_edits_the_links(make_app):
    from netui.tui.widgets.contact_link import ContactLinkField

    app = make_app(network(), profile=PROFILE)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.push_screen(ContactScreen("carla"))
        form = await wait_for(pilot, ContactScreen)
        await pilot.pause()
        link = form.query_one("#input-introduced_by", ContactLinkField)
        assert link.value == "luca" and "Luca Amico" in str(link.render())
        form.query_one("#input-knows_at", Input).value = "Enel: Piero, IT; Eni"
        form.query_one("#input-past_companies", Input).value = "Snam; Terna"
        link.focus()
        await pilot.press("delete")
        assert link.value == ""
        await pilot.press("enter")
        picker = await wait_for(pilot, ContactPicker)
        assert "carla" in picker.exclude  # not herself
        for _ in range(40):
            if picker.entries is not None:
                break
            await pilot.pause(0.05)
        await pilot.press(*"ada uno", "enter")
        await pilot.pause()
        assert link.value == "ada"
        await pilot.press("ctrl+s")
        await settle(pilot)
        carla = app.store.contact("carla")
        assert carla.introduced_by == "ada"
        assert carla.knows_at == [{"company": "Enel", "name": "Piero", "note": "IT"},
                                  {"company": "Eni", "name": "", "note": ""}]
        assert carla.past_companies == ["Snam", "Terna"]


async def test_a_knows_at_entry_without_a_company_is_refused_next_to_the_field(make_app):
    app = make_app(network(), profile=PROFILE)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.push_screen(ContactScreen("carla"))
        form = await wait_for(pilot, ContactScreen)
        await pilot.pause()
        form.query_one("#input-knows_at", Input).value = ": Piero"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "needs a company" in plain(form.query_one("#error-knows_at"))
        assert app.store.contact("carla").knows_at == []


# --- snapshots -----------------------------------------------------------------

async def steady(pilot) -> None:
    pilot.app.sub_title = "netui.json"
    await pilot.press("5")
    await pilot.pause()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


def test_snapshot_empty(snap_compare, make_app):
    app = make_app()
    assert snap_compare(app, terminal_size=SMALL, run_before=steady)


def test_snapshot_with_targets(snap_compare, make_app):
    app = make_app(network(), profile=PROFILE)
    assert snap_compare(app, terminal_size=SMALL, run_before=steady)


async def test_a_close_name_is_suggested_beside_the_paths_never_merged(make_app):
    """Ferrari has paths, and someone works at "Ferari": the detail line names it, apart."""
    people = [*network(), Contact(uid="dora", first_name="Dora", last_name="Typo", company="Ferari")]
    app = make_app(people, profile=PROFILE)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_companies(pilot)
        assert {r[1] for r in rows(screen.paths_table)} == {"Ada Uno", "Bruno Due", "Carla Tre", "Luca Amico"}
        detail = plain(screen.query_one("#co-detail"))
        assert detail.splitlines()[0].startswith("Ada Uno: works there")
        assert detail.splitlines()[1] == "Also in your network, with a close name (kept apart): Ferari"

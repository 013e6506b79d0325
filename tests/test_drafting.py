"""Email templates: every shipped one renders cleanly; errors say what to fix; the sandbox holds."""

from __future__ import annotations

import hashlib
import os
import re
import time
from datetime import date

import pytest

from netui.core.models import Contact, Event, Profile
from netui.core.vocabulary import PROFILE_FIELDS
from netui.outreach import drafting
from netui.outreach.drafting import (
    TEMPLATE_NAMES,
    DraftingError,
    find_template,
    list_templates,
    missing_profile_fields,
    remove_user_template,
    render,
    render_source,
    required_fields,
    save_user_template,
    template_source,
)
from netui.outreach.lint import check_placeholders
from netui.storage.paths import shipped_templates_dir

LANGS = ("en", "it")
TODAY = date(2025, 3, 20)

#: The contract: what each shipped template cannot do without.
REQUIRED = {
    "generic": ["me.first_name", "me.target_sector"],
    "personal": ["me.first_name", "contact.first_name", "ask"],
    "thank_you": ["me.first_name"],
    "follow_up": ["me.first_name"],
    "event_follow_up": ["me.first_name", "event.name"],
    "ask_intro": ["me.first_name", "company"],
}
ASKS = ("call", "companies", "cv", "Could you introduce me to the head of your data team?")


@pytest.fixture(autouse=True)
def config_dir(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv("NETUI_CONFIG_DIR", str(folder))
    return folder


def full_profile(lang: str) -> Profile:
    return Profile(
        first_name="Giulia", last_name="Rinaldi", email="giulia@example.org", phone="+39 333 123 4567",
        current_position="Data Analyst", current_company="Logistica Nord", time_in_role="3 anni" if lang == "it" else "3 years",
        current_sector="logistica" if lang == "it" else "logistics",
        target_sector="energie rinnovabili" if lang == "it" else "renewable energy",
        target_position="Data Scientist", target_location="Torino" if lang == "it" else "Turin",
        target_work_type="ibrido" if lang == "it" else "hybrid",
        company_traits=["innovazione", "respiro internazionale"] if lang == "it" else ["innovation", "an international team"],
        target_companies=["Solare Srl", "Vento & Co"], experiences=["Tesi sull'accumulo", "Previsione della domanda"],
        cv_path="~/Documents/cv.pdf", signature="Giulia Rinaldi\nData Analyst", language=lang,
    )


def minimal_inputs(name: str):
    """A profile, contact, event and variables holding only what the template requires."""
    profile, contact, event, extra = Profile(), Contact(emails=["someone@example.org"]), None, {}
    for item in REQUIRED[name]:
        head, _, attr = item.partition(".")
        if head == "me":
            setattr(profile, attr, "Energia" if attr == "target_sector" else "Luca")
        elif head == "contact":
            setattr(contact, attr, "Sara")
        elif head == "event":
            event = Event(name="Green Jobs Day", kind="career_day", date="2025-03-12")
        else:
            extra[head] = "call"
    return profile, contact, event, extra


def assert_clean(text: str) -> None:
    assert "{{" not in text and "{%" not in text and "}}" not in text
    assert check_placeholders("", text) == [], text
    assert "\n\n\n" not in text, text
    assert "None" not in text
    for line in text.splitlines():
        assert line == line.rstrip(), f"trailing space: {line!r}"
        assert not re.search(r" [,.;:!?]", line), f"dangling punctuation: {line!r}"
        assert "  " not in line and ",," not in line and ".." not in line, line
        if line.endswith(","):  # only a greeting or a sign-off ends with a comma
            assert re.match(r"(Hi|Dear|Hello|Ciao|Buongiorno|Gentile)\b", line) or re.search(
                r"(regards|saluti|saluto|again|much|best|presto|ancora),$", line, re.I), line


def test_every_shipped_template_exists_in_both_languages():
    for lang in LANGS:
        found = {t.name: t for t in list_templates(lang)}
        for name in TEMPLATE_NAMES:
            assert found[name].origin == "shipped"
            assert found[name].path.parent == shipped_templates_dir() / lang


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_required_fields_are_declared(name, lang):
    assert required_fields(template_source(name, lang)) == REQUIRED[name]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_renders_for_a_full_profile(name, lang):
    contact = Contact(first_name="Sara", last_name="Conti", company="Solare Srl", emails=["sara@example.org"])
    event = Event(name="Green Jobs Day", kind="career_day", date="2025-03-12", online=False)
    for ask in ASKS if name == "personal" else (None,):
        extra = {"ask": ask} if ask else {}
        if name == "ask_intro":
            extra = {"company": "Solare Srl", "person": "Anna Bruno"}
        email = render(name, lang, full_profile(lang), contact, event, extra, today=TODAY)
        assert email.subject and "\n" not in email.subject
        assert_clean(email.subject + "\n" + email.body)
        assert email.body.endswith("Giulia Rinaldi\nData Analyst\n")
        assert email.origin == "shipped" and email.template == name and email.lang == lang
        if name in ("generic",):
            for needle in ("Logistica Nord", "Data Scientist", "Solare Srl", "Vento & Co", "Previsione della domanda"):
                assert needle in email.body
        if ask and ask not in ("call", "companies", "cv"):
            assert ask in email.body


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_renders_with_only_the_required_fields(name, lang):
    profile, contact, event, extra = minimal_inputs(name)
    for ask in ASKS if name == "personal" else (None,):
        if ask:
            extra["ask"] = ask
        email = render(name, lang, profile, contact, event, extra, today=TODAY)
        assert email.subject
        assert_clean(email.subject + "\n" + email.body)
        assert email.body.rstrip().endswith("Luca")


@pytest.mark.parametrize("lang", LANGS)
def test_online_event_and_topic(lang):
    profile, contact, _event, _extra = minimal_inputs("event_follow_up")
    event = Event(name="Data & Energia", kind="webinar", date="2025-03-12T18:00", online=True)
    email = render("event_follow_up", lang, profile, contact, event, {"topic": "dati satellitari"}, today=TODAY)
    assert "dati satellitari" in email.body and ("12 March 2025" in email.body or "12 marzo 2025" in email.body)
    assert_clean(email.body)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_each_missing_required_field_is_named(name, lang):
    for item in REQUIRED[name]:
        profile, contact, event, extra = minimal_inputs(name)
        head, _, attr = item.partition(".")
        field = attr or head
        if head == "me":
            setattr(profile, attr, "   ")
            expected = (f"fill your profile: {PROFILE_FIELDS.label(attr, 'en')} ({attr})" if lang == "en" else
                        f"completa il tuo profilo: {PROFILE_FIELDS.label(attr, 'it')} ({attr})")
        elif head == "contact":
            setattr(contact, attr, "")
            expected = f"contact has no {attr}" if lang == "en" else f"il contatto non ha {attr}"
        elif head == "event":
            event, field = None, "event"
            expected = "needs an event" if lang == "en" else "richiede un evento"
        else:
            extra.pop(head)
            expected = f"missing {head}" if lang == "en" else f"manca {head}"
        with pytest.raises(DraftingError) as caught:
            render(name, lang, profile, contact, event, extra, today=TODAY)
        assert expected in str(caught.value)
        assert caught.value.field == field


def test_missing_profile_fields_lists_them_for_the_profile_screen():
    assert missing_profile_fields("generic", "en", Profile()) == ["first_name", "target_sector"]
    assert missing_profile_fields("generic", "it", Profile(first_name="Luca")) == ["target_sector"]
    assert missing_profile_fields("personal", "en", Profile(first_name="Luca")) == []


def test_an_empty_field_printed_without_a_condition_is_an_error_not_a_gap():
    source = "Subject: Hi\n\nCall me on {{ me.phone }}.\nAt {{ contact.company }}.\n"
    with pytest.raises(DraftingError, match=r"^fill your profile: Phone \(phone\)$"):
        render_source(source, "en", Profile(first_name="A"), Contact(first_name="B"))
    with pytest.raises(DraftingError, match=r"^contact has no company$") as caught:
        render_source(source, "en", Profile(phone="1"), Contact(first_name="B"))
    assert caught.value.lineno == 4


def test_undefined_variable_names_it_with_line_and_text():
    source = "Subject: Hello\n\nHi {{ contact.first_name }},\n\nI work in {{ target_sectr }} now.\n"
    with pytest.raises(DraftingError) as caught:
        render_source(source, "en", Profile(), Contact(first_name="Sara"))
    message = str(caught.value)
    assert "target_sectr" in message and "line 5" in message and "I work in {{ target_sectr }} now." in message
    assert caught.value.lineno == 5 and caught.value.kind == "undefined"


def test_unknown_profile_field_is_named():
    with pytest.raises(DraftingError, match=r"profile has no field 'hobby' on line 3"):
        render_source("Subject: x\n\n{{ me.hobby }}\n", "en", Profile(), Contact())


def test_syntax_error_gives_line_number_and_text():
    source = "Subject: Hello\n\nDear {{ contact.first_name }},\n{% if me.cv_path %}\nCV attached.\n"
    with pytest.raises(DraftingError) as caught:
        render_source(source, "en", Profile(), Contact(first_name="Sara"))
    error = caught.value
    assert error.kind == "syntax" and error.lineno is not None
    assert f"line {error.lineno}" in str(error)
    broken = "Subject: Hello\n\nDear {{ contact.first_name },\n"
    with pytest.raises(DraftingError) as caught:
        render_source(broken, "en", Profile(), Contact(first_name="Sara"))
    assert caught.value.lineno == 3 and "Dear {{ contact.first_name }," in str(caught.value)


def test_template_without_subject_is_explained():
    with pytest.raises(DraftingError, match="Subject"):
        render_source("Hello there\n\nBody\n", "en", Profile(), Contact())
    with pytest.raises(DraftingError, match="Subject"):
        render_source("To: a@b.org\n\nBody\n", "en", Profile(), Contact())


def test_reserved_and_bad_variable_names_are_refused():
    with pytest.raises(DraftingError, match="me"):
        render("thank_you", "en", Profile(first_name="A"), Contact(), extra_vars={"me": "x"})
    with pytest.raises(DraftingError, match="not a variable name"):
        render("thank_you", "en", Profile(first_name="A"), Contact(), extra_vars={"a-b": "x"})


def test_extra_vars_do_not_leak_into_the_profile():
    profile = Profile(first_name="A", target_sector="x", experiences=["one"])
    with pytest.raises(DraftingError):
        render_source("Subject: x\n\n{{ me.experiences.append('two') }}\n", "en", profile, Contact())
    with pytest.raises(DraftingError):
        render_source("Subject: x\n\n{{ me.set_value('first_name', 'B') }}\n", "en", profile, Contact())
    assert profile.experiences == ["one"] and profile.first_name == "A"


ATTACKS = {
    "class": "{{ ''.__class__ }}",
    "subclasses": "{{ ().__class__.__base__.__subclasses__() }}",
    "mro": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "attr filter": "{{ ''|attr('__class__') }}",
    "attr chain": "{{ (''|attr('__class__')|attr('__base__')|attr('__subclasses__'))() }}",
    "globals": "{{ require.__globals__ }}",
    "format": "{{ '{0.__class__}'.format('') }}",
    "big repeat": "{{ 'a' * 10**9 }}",
    "big repeat reversed": "{{ 10**9 * 'a' }}",
    "big list": "{{ [1] * 10**8 }}",
    "big power": "{{ 10 ** 1000000 }}",
    "big power chain": "{{ 10 ** 10 ** 10 ** 10 ** 10 ** 10 }}",
    "percent width": "{{ '%999999999d' % 1 }}",
    "format width": "{{ '{:>999999999}'.format(1) }}",
    "center": "{{ 'a'.center(999999999) }}",
    "doubling": "{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
    "list doubling": "{% set ns = namespace(s=[1]) %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
    "replace": "{{ ('a' * 100000)|replace('a', 'b' * 100000) }}",
    "join": "{{ ('x' * 100000).join(['a'] * 100000) }}",
    "join filter": "{{ (['y' * 100000] * 1000)|join }}",
    "recursion": "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
    "huge output": "{% for i in range(100000) %}xxxxxxxxxxxxxxxxxxxx{% endfor %}",
    "big range": "{% for i in range(10**9) %}{% endfor %}",
}


@pytest.mark.parametrize("attack", list(ATTACKS.values()), ids=list(ATTACKS))
def test_sandbox_refuses_quickly_with_a_clear_message(attack):
    started = time.monotonic()
    with pytest.raises(DraftingError) as caught:
        render_source(f"Subject: x\n\n{attack}\n", "en", Profile(), Contact())
    assert time.monotonic() - started < 1.0
    assert caught.value.kind in ("sandbox", "limit", "undefined", "template", "syntax")
    message = str(caught.value)
    assert message.startswith(("refused", "unknown", "syntax error", "template error"))
    assert "\n" not in message


def test_runaway_loop_stops_at_the_time_limit():
    started = time.monotonic()
    with pytest.raises(DraftingError, match="took more than"):
        render_source("Subject: x\n\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
                      "{% endfor %}\n", "en", Profile(), Contact())
    assert time.monotonic() - started < drafting.TIME_LIMIT + 1.0


def test_after_an_attack_rendering_still_works():
    for attack in ATTACKS.values():
        with pytest.raises(DraftingError):
            render_source(f"Subject: x\n\n{attack}\n", "en", Profile(), Contact())
    email = render("thank_you", "en", Profile(first_name="Luca"), Contact(first_name="Sara"))
    assert email.subject == "Thank you, Sara"


def test_user_override_wins_and_shipped_file_is_untouched(config_dir):
    shipped = shipped_templates_dir() / "en" / "generic.txt.j2"
    before = hashlib.sha256(shipped.read_bytes()).hexdigest()
    path = save_user_template("generic", "en", "Subject: Mine\n\nHello {{ contact.first_name }}\n")
    assert path == config_dir / "templates" / "en" / "generic.txt.j2"
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["generic.txt.j2"]  # no temp file left
    assert find_template("generic", "en").origin == "user"
    origins = {(t.name, t.lang): t.origin for t in list_templates()}
    assert origins[("generic", "en")] == "user" and origins[("generic", "it")] == "shipped"
    email = render("generic", "en", Profile(), Contact(first_name="Sara"))
    assert (email.subject, email.body, email.origin) == ("Mine", "Hello Sara\n", "user")
    assert hashlib.sha256(shipped.read_bytes()).hexdigest() == before
    assert remove_user_template("generic", "en") is True
    assert find_template("generic", "en").origin == "shipped"


def test_a_user_only_template_is_listed():
    save_user_template("coffee_chat", "it", "Subject: Un caffè?\n\nCiao!\n")
    names = {t.name: t.origin for t in list_templates("it")}
    assert names["coffee_chat"] == "user" and names["generic"] == "shipped"
    assert "coffee_chat" not in {t.name for t in list_templates("en")}


def test_save_refuses_broken_templates_and_bad_names():
    with pytest.raises(DraftingError) as caught:
        save_user_template("generic", "en", "Subject: x\n\n{% if %}\n")
    assert caught.value.lineno == 3
    for bad in ("../generic", "a/b", "", "Generic", ".hidden"):
        with pytest.raises(DraftingError, match="template name"):
            save_user_template(bad, "en", "Subject: x\n\nbody\n")
    with pytest.raises(DraftingError, match="language"):
        save_user_template("generic", "fr", "Subject: x\n\nbody\n")


def test_unknown_template_lists_the_available_ones():
    with pytest.raises(DraftingError, match="available: .*generic"):
        render("nope", "en", Profile(), Contact())


def test_compiled_templates_are_cached_and_preview_is_fast():
    source = template_source("generic", "en")
    profile, contact = full_profile("en"), Contact(first_name="Sara", company="Solare Srl")
    render_source(source, "en", profile, contact, today=TODAY)
    hits = drafting._compiled.cache_info().hits
    started = time.monotonic()
    for _ in range(200):
        render_source(source, "en", profile, contact, today=TODAY)
    elapsed = time.monotonic() - started
    assert drafting._compiled.cache_info().hits >= hits + 200
    assert elapsed < 1.0, f"200 previews took {elapsed:.2f} s"


def test_live_preview_of_an_edited_template_keeps_working_per_keystroke():
    text = "Subject: Hi {{ contact.first_name }}\n\nA note for {{ contact.first_name }}.\n"
    for end in range(len("Subject: "), len(text) + 1):
        try:
            render_source(text[:end], "en", Profile(), Contact(first_name="Sara"))
        except DraftingError:
            pass  # half-typed text gives a message, never another exception
    assert render_source(text, "en", Profile(), Contact(first_name="Sara")).body == "A note for Sara.\n"


def test_filters_longdate_and_human_list():
    source = "Subject: x\n\n{{ '2025-01-05'|longdate }} / {{ ['a', 'b', 'c']|human_list }}\n"
    assert render_source(source, "en", Profile(), Contact()).body == "5 January 2025 / a, b and c\n"
    assert render_source(source, "it", Profile(), Contact()).body == "5 gennaio 2025 / a, b e c\n"


def test_any_mix_of_optional_fields_leaves_no_gaps():
    import random

    rng = random.Random(4)
    optional = ["last_name", "email", "phone", "current_position", "current_company", "time_in_role",
                "current_sector", "target_position", "target_location", "target_work_type", "company_traits",
                "target_companies", "experiences", "cv_path", "signature"]
    contact_fields = ["first_name", "last_name", "company"]
    for lang in LANGS:
        full = full_profile(lang)
        for _ in range(150):
            profile = Profile(first_name="Luca", target_sector=full.target_sector)
            for key in rng.sample(optional, rng.randint(0, len(optional))):
                setattr(profile, key, getattr(full, key))
            contact = Contact(emails=["s@example.org"])
            for key in rng.sample(contact_fields, rng.randint(0, 3)):
                setattr(contact, key, {"first_name": "Sara", "last_name": "Conti", "company": "Idro"}[key])
            event = Event(name="Green Jobs Day", kind="meetup", date="2025-03-12", online=rng.random() < 0.5)
            extra = {"ask": rng.choice(ASKS), "detail": rng.choice(["", "Your tip on Idro was gold."]),
                     "news": rng.choice(["", "I started a course on energy markets."]),
                     "topic": rng.choice(["", "grid data"]), "company": rng.choice(["Idro", "Solare Srl"]),
                     "person": rng.choice(["", "Anna Bruno"])}
            for name in TEMPLATE_NAMES:
                if name == "personal" and not contact.first_name:
                    continue
                email = render(name, lang, profile, contact, event, extra, today=TODAY)
                assert_clean(email.subject + "\n" + email.body)


@pytest.mark.parametrize("alias, keyword", [("chiamata", "call"), ("Aziende", "companies"), ("curriculum", "cv")])
def test_the_ask_s_italian_words_give_the_same_email_as_its_keywords(alias, keyword):
    """An Italian user types the ask in Italian ("aziende"): the email is the one "companies" gives."""
    contact = Contact(first_name="Sara", last_name="Conti", company="Solare Srl", emails=["sara@example.org"])
    for lang in LANGS:
        by_alias = render("personal", lang, full_profile(lang), contact, None, {"ask": alias}, today=TODAY)
        by_keyword = render("personal", lang, full_profile(lang), contact, None, {"ask": keyword}, today=TODAY)
        assert by_alias.body == by_keyword.body and alias not in by_alias.body


#: Every company the templates can name, each ending in the dot of its legal form.
DOTTED = {"contact": "Ferrari S.p.A.", "current": "Logistica Nord S.r.l.", "landed": "GreenGrid S.p.A.",
          "asked": "Solare Inc."}


@pytest.mark.parametrize("lang", LANGS)
def test_no_shipped_template_writes_two_dots_after_a_company_ending_in_one(lang):
    """"at GreenGrid S.p.A.." never: the abbreviation's dot is the sentence's full stop too."""
    profile = full_profile(lang)
    profile.current_company, profile.target_companies = DOTTED["current"], [DOTTED["asked"]]
    profile.landed_company, profile.landed_position, profile.landed_on = DOTTED["landed"], "Data Scientist", "2025-03-01"
    contact = Contact(first_name="Sara", last_name="Conti", company=DOTTED["contact"], emails=["sara@example.org"],
                      linkedin_url="https://www.linkedin.com/in/sara")
    event = Event(name="Green Jobs Day", kind="career_day", date="2025-03-12")
    extra = {"ask": "call", "company": DOTTED["asked"], "person": "Anna Bruno", "detail": "We met at Expo",
             "help_call": "2025-02-10", "help_introduced": "Anna Bruno"}
    shipped = [t for t in list_templates(lang) if t.origin == "shipped"]
    assert {"linkedin_note", "job_news", "linkedin_message", *TEMPLATE_NAMES} <= {t.name for t in shipped}
    named = set()
    for info in shipped:
        email = render(info.name, lang, profile, contact, event, extra, today=TODAY)
        text = email.subject + "\n" + email.body
        assert ".." not in text, (info.name, [line for line in text.splitlines() if ".." in line])
        named |= {company for company in DOTTED.values() if company in text}
    assert named == set(DOTTED.values())  # each company was written, its own dot kept


def test_one_dot_ends_a_sentence_after_an_abbreviation_and_an_ellipsis_stays():
    source = "Subject: {{ company }}.\n\nAt {{ company }}. Wait... {{ company }}, and e.g. this.\n"
    email = render_source(source, "en", full_profile("en"), None, extra_vars={"company": "Acme Ltd."})
    assert email.subject == "Acme Ltd."
    assert email.body == "At Acme Ltd. Wait... Acme Ltd., and e.g. this.\n"

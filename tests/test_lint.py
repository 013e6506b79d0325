"""Checks on a draft: the method's rules, caught before the email goes out."""

from __future__ import annotations

import time

import pytest

from netui.core.models import NO_GENERIC_RELATIONSHIPS, Contact, Profile
from netui.outreach.lint import (
    Warning,
    check_contact_email,
    check_cv,
    check_draft,
    check_generic_target,
    check_placeholders,
    check_similar,
    check_subject,
    mentions_cv,
    similarity,
)


def codes(warnings):
    assert all(isinstance(w, Warning) and w.message for w in warnings)
    return [w.code for w in warnings]


@pytest.mark.parametrize("relationship", sorted(NO_GENERIC_RELATIONSHIPS))
def test_generic_email_never_to_mentors_managers_employers(relationship):
    contact = Contact(first_name="Sara", relationship=relationship, emails=["s@example.org"])
    found = check_generic_target("generic", contact)
    assert codes(found) == ["generic_to_relationship"]
    assert "Sara" in found[0].message and relationship.replace("_", " ") in found[0].message
    assert check_generic_target("personal", contact) == []


@pytest.mark.parametrize("relationship", [None, "peer", "recruiter"])
def test_generic_email_is_fine_for_peers_and_recruiters(relationship):
    assert check_generic_target("generic", Contact(first_name="Sara", relationship=relationship)) == []


def test_generic_email_to_a_key_contact_suggests_a_personal_one():
    contact = Contact(first_name="Sara", tier="key")
    assert codes(check_generic_target("generic", contact)) == ["generic_to_key"]
    assert "personal" in check_generic_target("generic", contact)[0].message
    both = Contact(first_name="Sara", tier="key", relationship="mentor")
    assert codes(check_generic_target("generic", both)) == ["generic_to_relationship", "generic_to_key"]


def test_text_left_in_square_brackets():
    assert codes(check_placeholders("Hello [Company]", "Body")) == ["placeholder"]
    found = check_placeholders("Hi", "Dear [Name],\nI saw [something specific] at [Company].")
    assert "[Name]" in found[0].message and "[Company]" in found[0].message
    assert check_placeholders("Hi", "No brackets here, nor [\nacross lines].") == []


@pytest.mark.parametrize("text", [
    "I attach my CV.", "Ti allego il mio curriculum.", "Please find my curriculum vitae.",
    "My résumé is attached", "Here is my resume.", "Il mio C.V. aggiornato", "cv allegato",
])
def test_cv_mentions_in_english_and_italian(text):
    assert mentions_cv(text)


@pytest.mark.parametrize("text", ["Let's resume our talk", "I am curious", "cvs pharmacy", "a CVE fix"])
def test_not_cv_mentions(text):
    assert not mentions_cv(text)


def test_cv_without_a_path_and_the_reminder_to_attach():
    assert codes(check_cv("Hi", "My CV is attached.", Profile())) == ["cv_no_path"]
    found = check_cv("Il mio curriculum", "Ciao", Profile(cv_path="/data/Giulia CV.pdf"))
    assert codes(found) == ["cv_attach"] and "Giulia CV.pdf" in found[0].message
    assert check_cv("Hi", "No attachment talk here.", Profile()) == []


def test_contact_without_email_and_empty_subject():
    assert codes(check_contact_email(Contact(first_name="Sara"))) == ["no_email"]
    assert check_contact_email(Contact(first_name="Sara", emails=["s@example.org"])) == []
    assert codes(check_subject("  ")) == ["empty_subject"]


def test_check_draft_collects_everything():
    contact = Contact(first_name="Sara", relationship="manager", tier="key")
    found = check_draft("generic", "About [Topic]", "I attach my CV.", contact, Profile())
    assert sorted(codes(found)) == sorted(["generic_to_relationship", "generic_to_key", "no_email",
                                           "placeholder", "cv_no_path"])
    clean = Contact(first_name="Sara", emails=["s@example.org"])
    assert check_draft("personal", "Coffee?", "Hi Sara, how are you?", clean, Profile()) == []


BODY = ("Hi {name},\n\nI hope all is well at {company}. As you may know I am moving into renewable "
        "energy and you are one of the first people I wanted to ask. Would you have twenty minutes "
        "for a call in the next couple of weeks? I would love to hear how you see the sector today "
        "and what you would do in my place.\n\nThanks so much,\nLuca\n")


def test_two_personalised_drafts_that_read_the_same_are_flagged_with_how_similar():
    drafts = [("Sara", BODY.format(name="Sara", company="Solare")),
              ("Marco", BODY.format(name="Marco", company="Vento")),
              ("Anna", "Hi Anna,\n\nCongratulations on the new role at Idro! Could you tell me how "
                       "your team hires data people? I'd be glad to buy you a coffee next week.\n\nLuca\n")]
    found = check_similar(drafts)
    assert codes(found) == ["similar_drafts"]
    assert "Sara" in found[0].message and "Marco" in found[0].message
    assert "%" in found[0].message
    percent = int(found[0].message.split("%")[0].split()[-1])
    assert 85 <= percent < 100


def test_similarity_threshold():
    a = BODY.format(name="Sara", company="Solare")
    assert similarity(a, a) == 1.0
    assert similarity(a, "Something completely different about gardening and bread.") < 0.2
    assert check_similar([("one", a)]) == []
    assert check_similar([("one", a), ("two", a)], threshold=1.0) != []


def test_similarity_of_a_large_batch_is_quick():
    drafts = [(f"c{i}", BODY.format(name=f"Name{i}", company=f"Company{i}") + f"extra words {i} " * i)
              for i in range(30)]
    started = time.monotonic()
    check_similar(drafts)
    assert time.monotonic() - started < 2.0

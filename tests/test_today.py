"""`netui today [--json]`: the day at a glance, on a fixed day (NETUI_TODAY)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import write_data_file

from netui.core.models import Contact, Draft, Event, Interaction, Profile

NETUI = Path(sys.executable).parent / "netui"
ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-12-02"  # a Wednesday


def netui(db: Path, *args: str, today: str = TODAY) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NETUI_DB"}
    env["NETUI_TODAY"] = today
    return subprocess.run([str(NETUI), "--db", str(db), *args], capture_output=True, text=True, env=env,
                          timeout=120)


def history(db: Path, *, extra_due: int = 0) -> Path:
    contacts = [
        Contact(uid="ada", first_name="Ada", last_name="Nuova", tier="key", emails=["ada@example.org"]),
        Contact(uid="bruno", first_name="Bruno", last_name="Tardi", tier="key"),
        Contact(uid="carla", first_name="Carla", last_name="Grata"),
        Contact(uid="dario", first_name="Dario", last_name="Fresco", tier="key"),
        Contact(uid="elena", first_name="Elena", last_name="Lotto"),
        *[Contact(uid=f"k{i}", first_name="Key", last_name=f"N{i:02d}", tier="key") for i in range(extra_due)],
    ]
    log = [
        Interaction(contact_uid="bruno", kind="call", date="2026-10-01"),            # due since 2026-10-31
        Interaction(contact_uid="carla", kind="email_sent", date="2026-11-20"),
        Interaction(contact_uid="carla", kind="reply_received", date="2026-11-28"),  # to thank
        Interaction(contact_uid="dario", kind="meeting", date="2026-11-25"),         # due 2026-12-25
    ]
    events = [
        Event(uid="fair", name="Career day", kind="career_day", date="2026-12-04T09:30", location="Milano"),
        Event(uid="next", name="Meetup", kind="meetup", date="2026-12-09"),           # beyond the week
        Event(uid="gone", name="Webinar", kind="webinar", date="2026-12-01"),         # yesterday
        Event(uid="skip", name="Skipped", kind="webinar", date="2026-12-03", status="skipped"),
    ]
    drafts = [
        Draft(uid="d1", contact_uid="elena", batch_uid="now", send_on=TODAY),
        Draft(uid="d2", contact_uid="dario", batch_uid="now", send_on=TODAY, status="sent"),
        Draft(uid="d3", contact_uid="elena", batch_uid="far", send_on="2026-12-20"),
        Draft(uid="d4", contact_uid="elena", batch_uid="done", send_on="2026-11-20", status="sent"),
    ]
    return write_data_file(db, contacts, log, events, drafts,
                           profile=Profile(first_name="Giulia", cadence_key_days=30, cadence_network_days=90))


def tick_whole_checkup(db: Path, today: str = TODAY) -> None:
    """Tick every check-up item: the round is complete, the next one due 90 days later."""
    items = json.loads(netui(db, "checkup", "--json", today=today).stdout)["items"]
    ticks = [arg for item in items for arg in ("--tick", str(item["number"]))]
    assert netui(db, "checkup", *ticks, today=today).returncode == 0


def test_json_lists_who_is_due_to_thank_this_weeks_events_and_batches(db_path):
    history(db_path)
    result = netui(db_path, "today", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "date": TODAY,
        "due": [
            {"uid": "bruno", "name": "Bruno Tardi", "email": "", "tier": "key", "next_due": "2026-10-31"},
            {"uid": "ada", "name": "Ada Nuova", "email": "ada@example.org", "tier": "key", "next_due": TODAY},
        ],
        "to_thank": [{"uid": "carla", "name": "Carla Grata", "email": "", "replied_on": "2026-11-28"}],
        "events": [{"uid": "fair", "name": "Career day", "date": "2026-12-04T09:30", "kind": "career_day",
                    "location": "Milano"}],
        "batches": [{"batch_uid": "now", "send_on": TODAY, "total": 2, "sent": 1}],
        "landed": None,
        "more": {  # the profile's default target (1 post a week), no post; the check-up never done
            "posts": {"week": "2026-W49", "done": 0, "target": 1, "streak": 0, "behind": True, "ideas": 0},
            "checkup": {"due": TODAY, "is_due": True, "days_left": 0},
        },
    }


def test_text_is_a_few_short_lines(db_path):
    history(db_path)
    result = netui(db_path, "today")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "netui · Wednesday 2 Dec 2026",
        "Due for a follow-up (2): Bruno Tardi (since 31 Oct 2026), Ada Nuova",
        "To thank (1): Carla Grata (replied 28 Nov 2026)",
        "Events this week (1): 4 Dec 2026 09:30 Career day",
        "Batches to send (1): today (1 of 2 sent)",
        "0 of 1 post this week (2026-W49) · streak 0 weeks",
        "Reputation check-up due now: netui checkup",
    ]



def test_the_text_shows_dates_the_language_s_way(db_path):
    """Dates are read, not parsed: "2 dic 2026" in Italian; --json keeps ISO."""
    history(db_path)
    lines = netui(db_path, "--lang", "it", "today").stdout.splitlines()
    assert lines[0].endswith(" 2 dic 2026")
    assert "31 ott 2026" in lines[1] and "28 nov 2026" in lines[2] and "4 dic 2026 09:30" in lines[3]
    # no ISO date (the ISO week of the post line, 2026-W49, is how `posts` names a week too)
    assert not any(re.search(r"\d{4}-\d\d", line) or "Dec" in line for line in lines)
    english = netui(db_path, "--lang", "en", "today").stdout.splitlines()
    assert english[0] == "netui · Wednesday 2 Dec 2026"
    assert json.loads(netui(db_path, "--lang", "it", "today", "--json").stdout)["date"] == "2026-12-02"

def test_long_lists_are_capped_and_another_day_gives_another_summary(db_path):
    history(db_path, extra_due=10)
    lines = netui(db_path, "today").stdout.splitlines()
    assert lines[1].startswith("Due for a follow-up (12): Bruno Tardi (since 31 Oct 2026), Ada Nuova, Key N00")
    assert lines[1].endswith(", and 7 more")
    later = json.loads(netui(db_path, "today", "--json", today="2026-12-18").stdout)
    assert [b["batch_uid"] for b in later["batches"]] == ["now", "far"]
    assert later["events"] == []
    assert "dario" not in [d["uid"] for d in later["due"]]
    assert "dario" in [d["uid"] for d in json.loads(netui(db_path, "today", "--json",
                                                          today="2026-12-25").stdout)["due"]]


def test_an_empty_day_says_so_and_a_found_job_is_shown(db_path):
    write_data_file(db_path, [Contact(uid="x", first_name="Solo")], profile=Profile(first_name="Giulia"))
    assert netui(db_path, "post", "A takeaway").returncode == 0  # the week's target met
    tick_whole_checkup(db_path)
    assert netui(db_path, "today").stdout.splitlines() == [
        "netui · Wednesday 2 Dec 2026",
        "1 of 1 post this week (2026-W49) · streak 1 week",
        "Nothing due: a good day to meet someone new.",
    ]
    assert netui(db_path, "landed", "--company", "Acme", "--position", "Analyst", "--date", "2026-11-20").returncode == 0
    result = netui(db_path, "today", "--json")
    assert json.loads(result.stdout)["landed"] == {"company": "Acme", "position": "Analyst", "date": "2026-11-20"}
    assert netui(db_path, "today").stdout.splitlines()[-1] == "The search is over: Analyst at Acme (20 Nov 2026)"


def test_a_bad_netui_today_is_one_line(db_path):
    history(db_path)
    result = netui(db_path, "today", today="2026-02-30")
    assert result.returncode == 1
    assert result.stderr == "netui: invalid NETUI_TODAY: not a valid date (YYYY-MM-DD): '2026-02-30'\n"


def test_every_json_key_is_documented_in_the_readme(db_path):
    history(db_path)
    data = json.loads(netui(db_path, "today", "--json").stdout)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### netui today --json", 1)[1].split("\n#", 1)[0]
    documented = set(re.findall(r"`([a-z_]+)`", section))
    keys = set(data) | {k for v in data.values() if isinstance(v, list) and v for k in v[0]}
    keys |= {k for part in data["more"].values() for k in part} | set(data["more"])
    assert {"posts", "checkup", "streak", "days_left"} <= keys
    keys |= {"company", "position"}  # of `landed`, null here
    assert keys <= documented, sorted(keys - documented)


def test_the_post_target_and_the_check_up_on_fixed_days(db_path):
    """The overview panel's figures (core.habits), in text and JSON, as the days go by."""
    write_data_file(db_path, [Contact(uid="x", first_name="Solo")],
                    profile=Profile(first_name="Giulia", posts_per_week=2))
    for args in (("Last week", "--date", "2026-11-24"), ("Last week too", "--date", "2026-11-26"),
                 ("This week", "--date", "2026-11-30"), ("Later", "--idea")):
        assert netui(db_path, "post", *args).returncode == 0
    lines = netui(db_path, "today").stdout.splitlines()
    assert lines[1:] == ["1 of 2 posts this week (2026-W49) · streak 1 week",
                         "Reputation check-up due now: netui checkup"]
    assert json.loads(netui(db_path, "today", "--json").stdout)["more"] == {
        "posts": {"week": "2026-W49", "done": 1, "target": 2, "streak": 1, "behind": True, "ideas": 1},
        "checkup": {"due": TODAY, "is_due": True, "days_left": 0},
    }

    tick_whole_checkup(db_path)  # next round due 2027-03-02
    assert netui(db_path, "today").stdout.splitlines()[1:] == ["1 of 2 posts this week (2026-W49) · streak 1 week"]
    more = json.loads(netui(db_path, "today", "--json").stdout)["more"]
    assert more["checkup"] == {"due": "2027-03-02", "is_due": False, "days_left": 90}

    soon = netui(db_path, "today", today="2027-02-26").stdout.splitlines()  # a Friday, no post that week
    assert soon[1:] == ["0 of 2 posts this week (2027-W08) · streak 0 weeks", "Reputation check-up due on 2 Mar 2027"]
    late = netui(db_path, "--lang", "it", "today", today="2027-03-10").stdout.splitlines()
    assert late[-1] == "Controllo della reputazione da fare dal 2 mar 2027: netui checkup"
    assert json.loads(netui(db_path, "today", "--json", today="2027-03-10").stdout)["more"]["checkup"] == {
        "due": "2027-03-02", "is_due": True, "days_left": -8}


def test_no_weekly_target_leaves_the_post_line_out(db_path):
    write_data_file(db_path, [Contact(uid="x", first_name="Solo")],
                    profile=Profile(first_name="Giulia", posts_per_week=0))
    tick_whole_checkup(db_path)
    assert netui(db_path, "today").stdout.splitlines()[1:] == ["Nothing due: a good day to meet someone new."]
    assert json.loads(netui(db_path, "today", "--json").stdout)["more"]["posts"] == {
        "week": "2026-W49", "done": 0, "target": 0, "streak": 0, "behind": False, "ideas": 0}

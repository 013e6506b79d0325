"""A demo network for newcomers: invented people from every source, with history.

`build_demo(path, today)` writes a new data file (it refuses an existing one,
so it can never touch a real network): a filled profile, about thirty contacts
from every source and sector, interactions spread over the past months relative
to `today` (so some follow-ups are due and some replies wait for thanks), an
upcoming event with its checklist, a past one with the people met, and drafts.
Everything is invented; emails use the reserved example.* domains.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

from netui.core.errors import NetuiError
from netui.core.i18n import _
from netui.core.models import (
    SOURCES,
    ChecklistItem,
    Contact,
    Draft,
    Event,
    Interaction,
    Profile,
)
from netui.core.textsearch import fold
from netui.storage.store import Store

# first, last, company, position, sector, location, source, relationship, tier, tags, notes, cadence
PEOPLE: list[tuple[str, str, str, str, str, str, str, str | None, str, list[str], str, int | None]] = [
    ("Marta", "Colombo", "Farmacia Colombo", "Pharmacist", "healthcare", "Bergamo", "family", None, "network",
     ["family"], "My aunt. Knows everyone in the town's business association.", None),
    ("Paolo", "Gentile", "Studio Gentile", "Accountant", "finance", "Milan", "family", None, "network",
     ["family"], "Cousin; works with several energy start-ups as clients.", 120),
    ("Sara", "Fontana", "Lumen Design", "UX designer", "software", "Turin", "friend", "peer", "network",
     ["friends", "design"], "Friend from high school. Offered to review my portfolio.", None),
    ("Noé", "Lefèvre", "Solvent Energie", "Project engineer", "renewable energy", "Lyon", "friend", "peer", "key",
     ["friends", "solar", "france"], "Met during Erasmus in Lyon. Works on solar farms: the closest to my target role.", 45),
    ("Chiara", "Bassi", "Banco Alimentare", "Volunteer coordinator", "non-profit", "Milan", "volunteering", None,
     "network", ["volunteering"], "Coordinates the Saturday food drive.", None),
    ("Davide", "Moretti", "Croce Verde", "Paramedic", "healthcare", "Milan", "volunteering", None, "network",
     ["volunteering"], "", None),
    ("Luca", "Ferri", "Hydra Power", "Maintenance lead", "renewable energy", "Brescia", "sport", None, "network",
     ["running club", "hydro"], "Runs with me on Sundays. His company maintains hydro plants.", None),
    ("Elena", "Russo", "Vela Club Garda", "Sailing instructor", "sport", "Riva del Garda", "sport", None, "network",
     ["sailing"], "", None),
    ("Giorgio", "Marini", "Banca Aurora", "Head of analytics", "banking", "Milan", "colleague", "manager", "key",
     ["work"], "My manager. Supportive of the move; never send him the generic email.", 30),
    ("Irene", "Conti", "Banca Aurora", "Risk analyst", "banking", "Milan", "colleague", "peer", "network",
     ["work"], "Sits next to me; her brother works at a grid operator.", None),
    ("Tomás", "Herrera", "Banca Aurora", "Data engineer", "banking", "Milan", "colleague", "peer", "network",
     ["work", "python"], "", None),
    ("Francesca", "Greco", "Assicura Nord", "Analytics manager", "insurance", "Milan", "former_colleague",
     "former_employer", "key", ["work"], "My first boss. Wrote my reference letter.", 60),
    ("Søren", "Madsen", "Nordvind", "Data scientist", "renewable energy", "Copenhagen", "former_colleague", "peer",
     "key", ["wind", "python"], "Former colleague, moved to a wind-energy company in 2023.", None),
    ("Anna", "Ricci", "Politecnico di Milano", "Professor of energy systems", "education", "Milan", "professor",
     "mentor", "key", ["university", "mentor"], "Supervised my thesis. Runs the energy transition lab.", 60),
    ("Roberto", "Galli", "Università Bocconi", "Lecturer in statistics", "education", "Milan", "professor", None,
     "network", ["university"], "", None),
    ("Beatrice", "Longo", "GreenGrid", "Energy analyst", "renewable energy", "Rome", "alumni", "peer", "key",
     ["alumni", "grid"], "Same master's, two years ahead of me. Happy to talk about her team.", None),
    ("Matteo", "Vitale", "Enerwave", "Product manager", "renewable energy", "Milan", "alumni", None, "network",
     ["alumni", "storage"], "Alumni association dinner, March.", None),
    ("Giulia", "Serra", "Consulta Verde", "Sustainability consultant", "consulting", "Milan", "alumni", None,
     "network", ["alumni", "esg"], "", None),
    ("Priya", "Nair", "SunHarbor", "Head of data", "renewable energy", "Amsterdam", "linkedin", None, "key",
     ["solar", "data"], "Commented on my post about forecasting solar output.", None),
    ("Jonas", "Weber", "Voltaris", "Grid data engineer", "utilities", "Munich", "linkedin", None, "network",
     ["grid", "python"], "", None),
    ("Chloé", "Martin", "Atelier Watt", "Founder", "renewable energy", "Paris", "linkedin", None, "network",
     ["start-up"], "Start-up doing home energy audits; hiring in 2025?", None),
    ("Kenji", "Sato", "Fluxa", "Machine learning engineer", "software", "Berlin", "linkedin", None, "network",
     ["python", "ml"], "", None),
    ("Valentina", "De Luca", "Sole Futuro", "HR business partner", "renewable energy", "Milan", "event",
     "recruiter", "key", ["career day"], "Met at the Energy Career Day; asked for my CV.", 30),
    ("Omar", "Haddad", "Terna Data Lab", "Analytics lead", "utilities", "Rome", "event", None, "network",
     ["career day", "grid"], "Gave the talk on grid forecasting.", None),
    ("Ines", "Costa", "Eolica Sud", "Operations analyst", "renewable energy", "Bari", "event", None, "network",
     ["webinar", "wind"], "", None),
    ("Federico", "Pace", "TalentLink", "Senior recruiter", "recruiting", "Milan", "recruiter", "recruiter", "key",
     ["recruiter"], "Placed me at Banca Aurora. Specialises in energy and utilities now.", 45),
    ("Laura", "Neri", "Hunt & Partners", "Recruiter", "recruiting", "Turin", "recruiter", "recruiter", "network",
     ["recruiter"], "", None),
    ("Alessandro", "Fabbri", "", "", "", "Milan", "other", None, "network", [],
     "Neighbour; retired engineer from an oil company.", None),
    ("Yara", "Haddad", "Open Energy Community", "Community manager", "non-profit", "Online", "other", None,
     "network", ["community"], "Runs the open energy data forum.", None),
    ("Edoardo", "Sala", "Fotonica Alpina", "CTO", "renewable energy", "Trento", "friend", None, "key",
     ["friends", "solar"], "Friend of Sara; his company makes solar trackers.", None),
]

# contact index -> (days ago, kind, summary)
HISTORY: dict[int, list[tuple[int, str, str]]] = {
    0: [(200, "call", "Told her about my plan to change sector")],
    1: [(150, "meeting", "Lunch: he offered to introduce me to two clients"),
        (140, "email_sent", "Thanked him and sent my CV for the introductions")],
    2: [(20, "message", "Asked for feedback on my portfolio"),
        (12, "reply_received", "Sent detailed notes on the portfolio")],
    3: [(70, "call", "Video call about solar project engineering"),
        (65, "email_sent", "Sent the article on forecasting we talked about"),
        (8, "reply_received", "Offered to introduce me to his manager")],
    4: [(30, "event_met", "Saturday food drive")],
    6: [(6, "meeting", "Sunday run: talked about hydro maintenance data")],
    8: [(40, "meeting", "One-to-one: told him I am exploring the energy sector")],
    9: [(15, "message", "Asked about her brother's grid operator")],
    11: [(90, "email_sent", "Asked for advice on the move to energy"),
         (85, "reply_received", "Long answer: suggested three companies"),
         (84, "thanked", "Thanked her for the suggestions")],
    12: [(25, "linkedin_comment", "Commented on his wind-forecasting post"),
         (20, "reply_received", "He suggested a call next month")],
    13: [(120, "meeting", "Thesis catch-up at the lab"),
         (45, "email_sent", "Asked whether the lab works with companies on data projects")],
    15: [(10, "call", "Half an hour on what her team does every day"),
         (9, "thanked", "Thank-you email after the call")],
    16: [(60, "event_met", "Alumni dinner")],
    18: [(35, "linkedin_comment", "Replied to her comment on my post"),
         (5, "reply_received", "Asked me to send my CV")],
    21: [(100, "note", "Works with PyTorch on time series")],
    22: [(28, "event_met", "Energy Career Day: CV handed over"),
         (27, "email_sent", "Follow-up email with CV attached")],
    23: [(28, "event_met", "Energy Career Day: talk on grid forecasting")],
    24: [(50, "event_met", "Webinar on wind-farm operations")],
    25: [(95, "call", "Catch-up: he now recruits for utilities"),
         (94, "email_sent", "Sent updated CV")],
    28: [(3, "message", "Asked about volunteering for the forum")],
}


#: Who knows whom, who worked where: what the Companies view (5) finds paths through.
#: `introduced_by` names another demo person by position.
WARM_PATHS: dict[int, dict] = {
    1: {"knows_at": [{"company": "SunHarbor", "name": "", "note": "a client of his studio"}]},
    9: {"knows_at": [{"company": "GreenGrid", "name": "her brother Marco", "note": "grid operations"}]},
    12: {"past_companies": ["Banca Aurora"]},
    25: {"knows_at": [{"company": "Sole Futuro S.p.A.", "name": "the HR team", "note": "places people there"}]},
    29: {"introduced_by": 2},
}


def _stamp(day: date) -> str:
    return datetime.combine(day, time(9, 0)).astimezone().isoformat(timespec="seconds")


def demo_records(today: date) -> tuple[Profile, list[Contact], list[Interaction], list[Event], list[Draft]]:
    """The demo network as records, relative to `today` (fixed in tests: stable output)."""
    profile = Profile(
        first_name="Alex", last_name="Bianchi", email="alex.bianchi@example.org", phone="+39 333 000 0000",
        current_position="data analyst", current_company="Banca Aurora", time_in_role="three years",
        current_sector="banking", target_sector="renewable energy", target_position="energy data analyst",
        target_location="Milan or remote", target_work_type="full-time, hybrid",
        company_traits=["a clear climate mission", "small data teams", "room to learn the engineering side"],
        target_companies=["GreenGrid", "SunHarbor", "Nordvind", "Sole Futuro"],
        experiences=["credit-risk models at Banca Aurora", "a thesis on solar output forecasting"],
        signature="Alex Bianchi\n+39 333 000 0000", language="en",
        questions=["Which skill would you learn first if you started today?"],
    )
    contacts = []
    for i, (first, last, company, position, sector, location, source, relationship, tier, tags, notes,
            cadence) in enumerate(PEOPLE):
        slug = fold(f"{first}.{last}").replace(" ", "").replace("ø", "o")
        slug = slug.encode("ascii", "ignore").decode() or f"contact{i}"
        created = today - timedelta(days=220 - i)
        answers = {}
        if i == 3:
            answers = {"career_start": "An internship on a solar farm during his master's.",
                       "same_path": "Yes, but he would learn Python sooner."}
        if i == 15:
            answers = {"likes_challenges": "Seeing models used by the control room; messy sensor data."}
        contacts.append(Contact(
            uid=f"demo{i:04d}", first_name=first, last_name=last,
            emails=[f"{slug}@example.{('com', 'org', 'net')[i % 3]}"], phones=[f"+39 3{i:02d} 555 01{i:02d}"],
            company=company, position=position, sector=sector, location=location,
            linkedin_url=f"https://www.linkedin.com/in/{slug.replace('.', '-')}-demo" if source == "linkedin" else "",
            source=source, relationship=relationship, tier=tier, tags=tags, notes=notes, answers=answers,
            keep_in_touch_days=cadence, connected_on=(today - timedelta(days=400 + 7 * i)).isoformat(),
            created_at=_stamp(created), updated_at=_stamp(created),
        ))
    for index, changes in WARM_PATHS.items():
        for name, value in changes.items():
            setattr(contacts[index], name, contacts[value].uid if name == "introduced_by" else value)
    interactions = []
    n = 0
    for index, items in HISTORY.items():
        for days_ago, kind, summary in items:
            n += 1
            interactions.append(Interaction(uid=f"demoi{n:04d}", contact_uid=contacts[index].uid, kind=kind,
                                            date=(today - timedelta(days=days_ago)).isoformat(),
                                            summary=summary))
    events = [
        Event(uid="demoe0001", name="Green Jobs Career Day", kind="career_day",
              date=(today + timedelta(days=10)).isoformat() + "T09:30", location="Milan, Fiera",
              url="https://example.org/green-jobs", status="planned",
              checklist=[ChecklistItem("Print ten CVs", "before"), ChecklistItem("List the companies to visit", "before"),
                         ChecklistItem("Ask each stand about data roles", "during"),
                         ChecklistItem("Write to everyone met within two days", "after")],
              contact_uids=[contacts[22].uid], notes="Companies collect CVs at the stands."),
        Event(uid="demoe0002", name="Energy Career Day", kind="career_day",
              date=(today - timedelta(days=28)).isoformat(), location="Rome", status="attended",
              checklist=[ChecklistItem("Bring CVs", "before", True), ChecklistItem("Follow up", "after", True)],
              contact_uids=[contacts[22].uid, contacts[23].uid]),
        Event(uid="demoe0003", name="Wind operations webinar", kind="webinar",
              date=(today - timedelta(days=50)).isoformat(), online=True, status="attended",
              contact_uids=[contacts[24].uid]),
    ]
    send_on = (today + timedelta(days=3)).isoformat()
    drafts = [
        Draft(uid="demod0001", contact_uid=contacts[15].uid, template="personal", lang="en",
              subject="A question about your team at GreenGrid",
              body="Hi Beatrice,\n\nthank you again for the call...\n\nAlex", status="draft", send_on=send_on,
              created_at=_stamp(today), updated_at=_stamp(today)),
        Draft(uid="demod0002", contact_uid=contacts[18].uid, template="personal", lang="en",
              subject="My CV, as promised", body="Hi Priya,\n\nhere is my CV...\n\nAlex", status="ready",
              send_on=send_on, created_at=_stamp(today), updated_at=_stamp(today)),
        Draft(uid="demod0003", contact_uid=contacts[20].uid, template="generic", lang="en",
              subject="Data roles in renewable energy", body="Dear Chloé,\n\nI am a data analyst...\n\nAlex",
              status="draft", created_at=_stamp(today), updated_at=_stamp(today)),
    ]
    assert {c.source for c in contacts} == set(SOURCES), "the demo covers every source"
    return profile, contacts, interactions, events, drafts


def build_demo(path: Path, today: date | None = None) -> Path:
    """Write the demo network to `path`, which must not exist yet; returns it."""
    path = Path(path)
    if path.exists():
        raise NetuiError(_("{path} already exists: the demo is only ever written to a new file").format(path=path))
    today = today or date.today()
    profile, contacts, interactions, events, drafts = demo_records(today)
    store = Store.open(path)
    try:
        store.backup_on_save = False
        with store.transaction():
            store.set_profile(profile)
            for contact in contacts:
                store.add_contact(contact)
            for item in interactions:
                store.add_interaction(item)
            for event in events:
                store.add_event(event)
            for draft in drafts:
                store.add_draft(draft)
    finally:
        store.close()
    return path


def temporary_demo(today: date | None = None) -> tuple[Path, tempfile.TemporaryDirectory]:
    """A demo file in a new private temporary folder; clean up the folder when done."""
    folder = tempfile.TemporaryDirectory(prefix="netui-demo-")
    return build_demo(Path(folder.name) / "netui-demo.json", today), folder

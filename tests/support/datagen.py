"""Synthetic contacts for tests and benchmarks (invented names, varied scripts)."""

from __future__ import annotations

import random

from netui.core.models import SOURCES, Contact, Interaction

FIRST = ["Ada", "Noé", "Zoë", "Łukasz", "Chiara", "Giulia", "Marco", "Amélie", "Søren", "Aiko",
         "Omar", "Yara", "Mateo", "Priya", "Ivan", "Ngozi", "Hana", "Luca", "Inès", "Tomás"]
LAST = ["Rossi", "Bianchi", "Müller", "García", "Dubois", "Nakamura", "Kowalski", "Okafor",
        "Haddad", "Jensen", "Silva", "Novak", "Ricci", "Moreau", "Costa", "Ferrari"]
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne",
             "Tyrell", "Cyberdyne", "Soylent", "Wonka"]
SECTORS = ["finance", "energy", "software", "consulting", "healthcare", "education", "retail"]


def make_contacts(n: int, seed: int = 7, note_size: int = 300) -> list[Contact]:
    rng = random.Random(seed)
    contacts = []
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        contacts.append(Contact(
            first_name=first, last_name=f"{last}{i}",
            emails=[f"{first.lower()}.{i}@example.org".encode("ascii", "ignore").decode()],
            phones=[f"+39 3{rng.randrange(10**8, 10**9)}"],
            company=rng.choice(COMPANIES), position=rng.choice(["Analyst", "Engineer", "Manager"]),
            sector=rng.choice(SECTORS), location="Milano",
            linkedin_url=f"https://www.linkedin.com/in/person-{i}",
            source=rng.choice(SOURCES), tier="key" if i % 10 == 0 else "network",
            tags=["alumni", "2024"], notes=("Met at a conference; " * 20)[:note_size],
            connected_on="2024-10-09",
        ))
    return contacts


def make_interactions(contacts: list[Contact], n: int, seed: int = 7) -> list[Interaction]:
    rng = random.Random(seed)
    kinds = ["email_sent", "reply_received", "meeting", "call", "note"]
    return [Interaction(contact_uid=rng.choice(contacts).uid, kind=rng.choice(kinds),
                        date=f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
                        summary="Talked about openings") for _ in range(n)]

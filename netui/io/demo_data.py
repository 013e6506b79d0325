"""The demo network's invented data, one table per language; `netui.io.demo` builds it.

This is sample data, not interface text: it stays out of the gettext catalogue.
Each language has the same people, history, events and drafts in the same order
(tests compare the shapes), written as someone of that language would write
them. Dates are offsets from the day the demo is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: first, last, company, position, sector, location, source, relationship, tier, tags, notes, cadence
Person = tuple[str, str, str, str, str, str, str, str | None, str, list[str], str, int | None]
#: contact index -> (days ago, interaction kind, summary)
History = dict[int, list[tuple[int, str, str]]]
#: Who knows whom, who worked where: what the Companies view (5) finds paths through.
#: contact index -> fields to set; `introduced_by` names another demo person by index.
WarmPaths = dict[int, dict[str, Any]]


@dataclass(frozen=True)
class DemoEvent:
    """An event; `days` from the demo's day (negative: in the past), `time` "HH:MM" or ""."""

    uid: str
    name: str
    kind: str
    days: int
    status: str
    location: str = ""
    time: str = ""
    url: str = ""
    online: bool = False
    #: (text, phase, done)
    checklist: list[tuple[str, str, bool]] = field(default_factory=list)
    #: contact indexes
    contacts: list[int] = field(default_factory=list)
    notes: str = ""


@dataclass(frozen=True)
class DemoDraft:
    """A draft to contact number `contact`; `send_in` days from the demo's day, or never set."""

    uid: str
    contact: int
    template: str
    subject: str
    body: str
    status: str
    send_in: int | None = None
    variables: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoData:
    """Everything the demo holds, in one language (`lang` is also the profile's language)."""

    lang: str
    profile: dict[str, Any]
    people: list[Person]
    #: contact index -> first-meeting answers by question id
    answers: dict[int, dict[str, str]]
    history: History
    warm_paths: WarmPaths
    events: list[DemoEvent]
    drafts: list[DemoDraft]


# --- English -----------------------------------------------------------------------

_EN_PEOPLE: list[Person] = [
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

_EN_HISTORY: History = {
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


_EN_WARM_PATHS: WarmPaths = {
    1: {"knows_at": [{"company": "SunHarbor", "name": "", "note": "a client of his studio"}]},
    9: {"knows_at": [{"company": "GreenGrid", "name": "her brother Marco", "note": "grid operations"}]},
    12: {"past_companies": ["Banca Aurora"]},
    25: {"knows_at": [{"company": "Sole Futuro S.p.A.", "name": "the HR team", "note": "places people there"}]},
    29: {"introduced_by": 2},
}

_EN_PROFILE: dict[str, Any] = dict(
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

_EN_ANSWERS: dict[int, dict[str, str]] = {
    3: {"career_start": "An internship on a solar farm during his master's.",
        "same_path": "Yes, but he would learn Python sooner."},
    15: {"likes_challenges": "Seeing models used by the control room; messy sensor data."},
}

_EN_EVENTS = [
    DemoEvent("demoe0001", "Green Jobs Career Day", "career_day", 10, "planned", location="Milan, Fiera",
              time="09:30", url="https://example.org/green-jobs",
              checklist=[("Print ten CVs", "before", False), ("List the companies to visit", "before", False),
                         ("Ask each stand about data roles", "during", False),
                         ("Write to everyone met within two days", "after", False)],
              contacts=[22], notes="Companies collect CVs at the stands."),
    DemoEvent("demoe0002", "Energy Career Day", "career_day", -28, "attended", location="Rome",
              checklist=[("Bring CVs", "before", True), ("Follow up", "after", True)], contacts=[22, 23]),
    DemoEvent("demoe0003", "Wind operations webinar", "webinar", -50, "attended", online=True, contacts=[24]),
]

_EN_DRAFTS = [
    DemoDraft("demod0001", 15, "personal", "A question about your team at GreenGrid",
              "Hi Beatrice,\n\nthank you again for the call...\n\nAlex", "draft", send_in=3,
              variables={"ask": "Could you tell me how your team is organised and who looks after hiring?"}),
    DemoDraft("demod0002", 18, "personal", "My CV, as promised", "Hi Priya,\n\nhere is my CV...\n\nAlex", "ready",
              send_in=3, variables={"ask": "cv"}),
    DemoDraft("demod0003", 20, "generic", "Data roles in renewable energy",
              "Dear Chloé,\n\nI am a data analyst...\n\nAlex", "draft"),
]

ENGLISH = DemoData("en", _EN_PROFILE, _EN_PEOPLE, _EN_ANSWERS, _EN_HISTORY, _EN_WARM_PATHS, _EN_EVENTS,
                   _EN_DRAFTS)


# --- Italian -----------------------------------------------------------------------

_IT_PEOPLE: list[Person] = [
    ("Marta", "Colombo", "Farmacia Colombo", "Farmacista", "sanità", "Bergamo", "family", None, "network",
     ["famiglia"], "Mia zia. Conosce tutti nell'associazione dei commercianti del paese.", None),
    ("Paolo", "Gentile", "Studio Gentile", "Commercialista", "finanza", "Milano", "family", None, "network",
     ["famiglia"], "Mio cugino; tra i suoi clienti ha diverse start-up dell'energia.", 120),
    ("Sara", "Fontana", "Lumen Design", "UX designer", "software", "Torino", "friend", "peer", "network",
     ["amici", "design"], "Amica del liceo. Si è offerta di dare un'occhiata al mio portfolio.", None),
    ("Noé", "Lefèvre", "Solvent Energie", "Ingegnere di progetto", "energie rinnovabili", "Lione", "friend", "peer",
     "key", ["amici", "solare", "francia"],
     "Conosciuto durante l'Erasmus a Lione. Lavora su impianti fotovoltaici: è il più vicino al ruolo che cerco.",
     45),
    ("Chiara", "Bassi", "Banco Alimentare", "Coordinatrice dei volontari", "non profit", "Milano", "volunteering",
     None, "network", ["volontariato"], "Coordina la raccolta alimentare del sabato.", None),
    ("Davide", "Moretti", "Croce Verde", "Soccorritore", "sanità", "Milano", "volunteering", None, "network",
     ["volontariato"], "", None),
    ("Luca", "Ferri", "Hydra Power", "Responsabile della manutenzione", "energie rinnovabili", "Brescia", "sport",
     None, "network", ["gruppo di corsa", "idroelettrico"],
     "Corriamo insieme la domenica. La sua azienda fa la manutenzione di centrali idroelettriche.", None),
    ("Elena", "Russo", "Vela Club Garda", "Istruttrice di vela", "sport", "Riva del Garda", "sport", None, "network",
     ["vela"], "", None),
    ("Giorgio", "Marini", "Banca Aurora", "Responsabile dell'analisi dati", "servizi bancari", "Milano",
     "colleague", "manager", "key", ["lavoro"],
     "Il mio responsabile. Mi appoggia nel cambio di settore; mai mandargli l'email generica.", 30),
    ("Irene", "Conti", "Banca Aurora", "Analista del rischio", "servizi bancari", "Milano", "colleague", "peer",
     "network", ["lavoro"],
     "Lavora alla scrivania accanto alla mia; suo fratello è in un gestore della rete elettrica.", None),
    ("Tomás", "Herrera", "Banca Aurora", "Ingegnere dei dati", "servizi bancari", "Milano", "colleague", "peer",
     "network", ["lavoro", "python"], "", None),
    ("Francesca", "Greco", "Assicura Nord", "Responsabile dell'analisi dati", "assicurazioni", "Milano",
     "former_colleague", "former_employer", "key", ["lavoro"],
     "La mia prima responsabile. Mi ha scritto la lettera di referenze.", 60),
    ("Søren", "Madsen", "Nordvind", "Data scientist", "energie rinnovabili", "Copenaghen", "former_colleague",
     "peer", "key", ["eolico", "python"], "Ex collega; nel 2023 è passato a un'azienda dell'eolico.", None),
    ("Anna", "Ricci", "Politecnico di Milano", "Professoressa di sistemi energetici", "istruzione", "Milano",
     "professor", "mentor", "key", ["università", "mentore"],
     "Relatrice della mia tesi. Dirige il laboratorio sulla transizione energetica.", 60),
    ("Roberto", "Galli", "Università Bocconi", "Docente di statistica", "istruzione", "Milano", "professor", None,
     "network", ["università"], "", None),
    ("Beatrice", "Longo", "GreenGrid", "Analista energetica", "energie rinnovabili", "Roma", "alumni", "peer", "key",
     ["alumni", "rete elettrica"],
     "Stessa magistrale, due anni avanti a me. Disponibile a raccontarmi del suo team.", None),
    ("Matteo", "Vitale", "Enerwave", "Product manager", "energie rinnovabili", "Milano", "alumni", None, "network",
     ["alumni", "accumulo"], "Conosciuto alla cena dell'associazione alumni, a marzo.", None),
    ("Giulia", "Serra", "Consulta Verde", "Consulente di sostenibilità", "consulenza", "Milano", "alumni", None,
     "network", ["alumni", "esg"], "", None),
    ("Priya", "Nair", "SunHarbor", "Responsabile dei dati", "energie rinnovabili", "Amsterdam", "linkedin", None,
     "key", ["solare", "dati"], "Ha commentato il mio post sulle previsioni di produzione fotovoltaica.", None),
    ("Jonas", "Weber", "Voltaris", "Ingegnere dei dati di rete", "utility", "Monaco di Baviera", "linkedin", None,
     "network", ["rete elettrica", "python"], "", None),
    ("Chloé", "Martin", "Atelier Watt", "Fondatrice", "energie rinnovabili", "Parigi", "linkedin", None, "network",
     ["start-up"], "Start-up di diagnosi energetiche per le abitazioni; assumerà nel 2025?", None),
    ("Kenji", "Sato", "Fluxa", "Ingegnere di machine learning", "software", "Berlino", "linkedin", None, "network",
     ["python", "ml"], "", None),
    ("Valentina", "De Luca", "Sole Futuro", "Responsabile delle risorse umane", "energie rinnovabili", "Milano",
     "event", "recruiter", "key", ["career day"], "Conosciuta al Career Day dell'energia; mi ha chiesto il CV.", 30),
    ("Omar", "Haddad", "Terna Data Lab", "Responsabile dell'analisi dati", "utility", "Roma", "event", None,
     "network", ["career day", "rete elettrica"], "Ha tenuto l'intervento sulle previsioni per la rete elettrica.",
     None),
    ("Ines", "Costa", "Eolica Sud", "Analista operativa", "energie rinnovabili", "Bari", "event", None, "network",
     ["webinar", "eolico"], "", None),
    ("Federico", "Pace", "TalentLink", "Selezionatore senior", "selezione del personale", "Milano", "recruiter",
     "recruiter", "key", ["selezionatori"],
     "È lui che mi ha fatto entrare in Banca Aurora. Ora è specializzato in energia e utility.", 45),
    ("Laura", "Neri", "Hunt & Partners", "Selezionatrice", "selezione del personale", "Torino", "recruiter",
     "recruiter", "network", ["selezionatori"], "", None),
    ("Alessandro", "Fabbri", "", "", "", "Milano", "other", None, "network", [],
     "Il mio vicino di casa; ingegnere in pensione, ha lavorato per una compagnia petrolifera.", None),
    ("Yara", "Haddad", "Open Energy Community", "Responsabile della comunità", "non profit", "Online", "other", None,
     "network", ["comunità"], "Anima il forum sui dati aperti dell'energia.", None),
    ("Edoardo", "Sala", "Fotonica Alpina", "Direttore tecnico", "energie rinnovabili", "Trento", "friend", None,
     "key", ["amici", "solare"], "Amico di Sara; la sua azienda produce inseguitori solari.", None),
]

_IT_HISTORY: History = {
    0: [(200, "call", "Le ho raccontato che voglio cambiare settore")],
    1: [(150, "meeting", "Pranzo insieme: si è offerto di presentarmi a due suoi clienti"),
        (140, "email_sent", "L'ho ringraziato e gli ho mandato il CV per le presentazioni")],
    2: [(20, "message", "Le ho chiesto un parere sul mio portfolio"),
        (12, "reply_received", "Mi ha mandato commenti dettagliati sul portfolio")],
    3: [(70, "call", "Videochiamata sulla progettazione di impianti fotovoltaici"),
        (65, "email_sent", "Gli ho mandato l'articolo sulle previsioni di cui avevamo parlato"),
        (8, "reply_received", "Si è offerto di presentarmi al suo responsabile")],
    4: [(30, "event_met", "Raccolta alimentare del sabato")],
    6: [(6, "meeting", "Corsa della domenica: abbiamo parlato dei dati di manutenzione delle centrali")],
    8: [(40, "meeting", "Colloquio individuale: gli ho detto che sto valutando il settore dell'energia")],
    9: [(15, "message", "Le ho chiesto del gestore di rete dove lavora suo fratello")],
    11: [(90, "email_sent", "Le ho chiesto un consiglio sul passaggio all'energia"),
         (85, "reply_received", "Risposta lunga: mi ha suggerito tre aziende"),
         (84, "thanked", "L'ho ringraziata per i suggerimenti")],
    12: [(25, "linkedin_comment", "Ho commentato il suo post sulle previsioni di produzione eolica"),
         (20, "reply_received", "Mi ha proposto di sentirci al telefono il mese prossimo")],
    13: [(120, "meeting", "Incontro in laboratorio per fare il punto dopo la tesi"),
         (45, "email_sent", "Le ho chiesto se il laboratorio collabora con aziende su progetti di dati")],
    15: [(10, "call", "Mezz'ora su cosa fa il suo team ogni giorno"),
         (9, "thanked", "Email di ringraziamento dopo la telefonata")],
    16: [(60, "event_met", "Cena degli alumni")],
    18: [(35, "linkedin_comment", "Ho risposto al suo commento sotto il mio post"),
         (5, "reply_received", "Mi ha chiesto di mandarle il CV")],
    21: [(100, "note", "Lavora con PyTorch sulle serie storiche")],
    22: [(28, "event_met", "Career Day dell'energia: le ho consegnato il CV"),
         (27, "email_sent", "Email per ricontattarla, con il CV in allegato")],
    23: [(28, "event_met", "Career Day dell'energia: intervento sulle previsioni per la rete elettrica")],
    24: [(50, "event_met", "Webinar sulla gestione dei parchi eolici")],
    25: [(95, "call", "Ci siamo aggiornati: ora seleziona personale per le utility"),
         (94, "email_sent", "Gli ho mandato il CV aggiornato")],
    28: [(3, "message", "Le ho chiesto come posso dare una mano al forum")],
}

_IT_WARM_PATHS: WarmPaths = {
    1: {"knows_at": [{"company": "SunHarbor", "name": "", "note": "un cliente del suo studio"}]},
    9: {"knows_at": [{"company": "GreenGrid", "name": "suo fratello Marco", "note": "gestione della rete"}]},
    12: {"past_companies": ["Banca Aurora"]},
    25: {"knows_at": [{"company": "Sole Futuro S.p.A.", "name": "l'ufficio del personale",
                       "note": "ci ha già fatto assumere diverse persone"}]},
    29: {"introduced_by": 2},
}

_IT_PROFILE: dict[str, Any] = dict(
    first_name="Alex", last_name="Bianchi", email="alex.bianchi@example.org", phone="+39 333 000 0000",
    current_position="analista dati", current_company="Banca Aurora", time_in_role="tre anni",
    current_sector="servizi bancari", target_sector="energie rinnovabili",
    target_position="analista dati in ambito energetico",
    target_location="Milano o da remoto", target_work_type="a tempo pieno, in modalità ibrida",
    company_traits=["una missione chiara per il clima", "piccoli team di analisi dati",
                    "spazio per imparare anche la parte ingegneristica"],
    target_companies=["GreenGrid", "SunHarbor", "Nordvind", "Sole Futuro"],
    experiences=["modelli di rischio di credito in Banca Aurora",
                 "una tesi sulla previsione della produzione fotovoltaica"],
    signature="Alex Bianchi\n+39 333 000 0000", language="it",
    questions=["Quale competenza impareresti per prima, se cominciassi oggi?"],
)

_IT_ANSWERS: dict[int, dict[str, str]] = {
    3: {"career_start": "Uno stage in un impianto fotovoltaico durante la magistrale.",
        "same_path": "Sì, ma imparerebbe Python prima."},
    15: {"likes_challenges": "Vedere i suoi modelli usati dalla sala controllo; la sfida sono i dati dei sensori, "
                             "pieni di buchi."},
}

_IT_EVENTS = [
    DemoEvent("demoe0001", "Career Day dei lavori verdi", "career_day", 10, "planned", location="Milano, Fiera",
              time="09:30", url="https://example.org/green-jobs",
              checklist=[("Stampa dieci copie del CV", "before", False),
                         ("Fai l'elenco delle aziende da visitare", "before", False),
                         ("Chiedi a ogni stand se cercano profili nell'analisi dati", "during", False),
                         ("Scrivi entro due giorni a tutte le persone conosciute", "after", False)],
              contacts=[22], notes="Le aziende raccolgono i CV agli stand."),
    DemoEvent("demoe0002", "Career Day dell'energia", "career_day", -28, "attended", location="Roma",
              checklist=[("Porta i CV", "before", True), ("Ricontatta le persone conosciute", "after", True)],
              contacts=[22, 23]),
    DemoEvent("demoe0003", "Webinar sulla gestione dei parchi eolici", "webinar", -50, "attended", online=True,
              contacts=[24]),
]

_IT_DRAFTS = [
    DemoDraft("demod0001", 15, "personal", "Una domanda sul tuo team in GreenGrid",
              "Ciao Beatrice,\n\ngrazie ancora per la telefonata...\n\nAlex", "draft", send_in=3,
              variables={"ask": "Mi racconteresti come è organizzato il tuo team e chi segue le assunzioni?"}),
    DemoDraft("demod0002", 18, "personal", "Il mio CV, come promesso",
              "Gentile Priya,\n\ncome promesso, Le invio il mio CV...\n\nAlex", "ready", send_in=3,
              variables={"ask": "cv"}),
    DemoDraft("demod0003", 20, "generic", "Ruoli nell'analisi dati per le energie rinnovabili",
              "Gentile Chloé,\n\nmi chiamo Alex Bianchi e lavoro come analista dati...\n\nAlex", "draft"),
]

ITALIAN = DemoData("it", _IT_PROFILE, _IT_PEOPLE, _IT_ANSWERS, _IT_HISTORY, _IT_WARM_PATHS, _IT_EVENTS,
                   _IT_DRAFTS)

#: The demo in each language netui speaks.
DEMOS: dict[str, DemoData] = {data.lang: data for data in (ENGLISH, ITALIAN)}

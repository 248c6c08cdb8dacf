"""Stores for the view tests: the real samples, plus trace links written the way the linker
writes them (named graphs links/explicit and links/inferred, ikg:Link nodes), so the views are
tested on known links whatever the linker currently infers."""

from __future__ import annotations

import shutil
from pathlib import Path

from inspectkg.graph.build import build
from inspectkg.graph.store import Store, open_store
from inspectkg.samples import sample

BASE = "https://w3id.org/inspectkg/id/"
IKG = "https://w3id.org/inspectkg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
R02 = BASE + "report/westminster-2002-lea-inspection"
R06 = BASE + "report/westminster-2006-apa-letter"
R10 = BASE + "report/westminster-2010-04-23-action-plan-progress"
CITED = BASE + "report/westminster-2000-lea-inspection"
SEN_2002 = R02 + "/recommendation/1"


def _judgement_iri(report: str, iri: str, quote: str) -> str:
    """The IRI of the report's judgement with this quote (judgements are numbered in reading
    order, so the number moves whenever the reader finds more)."""
    from inspectkg.loaders import parse

    quotes = [j.quote for j in parse(sample(report)).judgements]
    return f"{iri}/judgement/{quotes.index(quote) + 1}"


POOR_SEN_2002 = _judgement_iri(
    "westminster-lea-inspection-2002", R02, "The strategy for SEN is poor."
)
LDD_2006 = R06 + "/judgement/31"
SEN_2010 = R10 + "/recommendation/6"

# (from, to, explicit?, method, score, evidence from, evidence to)
LINKS = [
    (SEN_2002, LDD_2006, False, "same-service", "0.82",
     "draw up with schools a clear plan of action",
     "The provision for pupils with learning difficulties and/or disabilities has "
     "significantly improved."),
    (SEN_2002, SEN_2010, False, "same-service+wording", "0.74",
     "developing more inclusive provision", "securing the future of outreach services"),
    (R02 + "/recommendation/16", R10 + "/recommendation/5.2", False, "wording", "0.41",
     "no school place", "pupil referral units"),
    (SEN_2010, R10 + "/action/6-1", True, "addresses", "1.0", "Extend the educational", ""),
    (CITED, R02 + "/reference/previous", True, "previous-inspection", "1.0", "",
     "The LEA was last inspected in 2000."),
]


def _lit(text: str, datatype: str | None = None) -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{body}"' + (f"^^<{datatype}>" if datatype else "")


def add_links(store: Store, links: list[tuple] = LINKS) -> None:
    """Write links (and the node of the cited 2000 report) into the two link graphs."""
    decimal = "http://www.w3.org/2001/XMLSchema#decimal"
    graphs: dict[str, list[str]] = {"explicit": [], "inferred": []}
    for i, (src, dst, explicit, method, score, ev_from, ev_to) in enumerate(links, start=1):
        which = "explicit" if explicit else "inferred"
        link = f"<{BASE}link/test-{i}>"
        cls = "ExplicitLink" if explicit else "InferredLink"
        graphs[which] += [
            f"{link} <{RDF_TYPE}> <{IKG}Link> .", f"{link} <{RDF_TYPE}> <{IKG}{cls}> .",
            f"{link} <{IKG}from> <{src}> .", f"{link} <{IKG}to> <{dst}> .",
            f"{link} <{IKG}method> {_lit(method)} .",
            f"{link} <{IKG}score> {_lit(score, decimal)} .",
            f"<{src}> <{IKG}linkedTo> <{dst}> .",
        ]
        if ev_from:
            graphs[which].append(f"{link} <{IKG}evidenceFrom> {_lit(ev_from)} .")
        if ev_to:
            graphs[which].append(f"{link} <{IKG}evidenceTo> {_lit(ev_to)} .")
    graphs["explicit"] += [
        f"<{CITED}> <{RDF_TYPE}> <{IKG}CitedReport> .",
        f"<{CITED}> <http://www.w3.org/2000/01/rdf-schema#label> "
        f"{_lit('westminster LEA inspection 2000-05 (named by a later report, not loaded)')} .",
        f"<{CITED}> <{IKG}date> {_lit('2000-05-01', 'http://www.w3.org/2001/XMLSchema#date')} .",
        f"<{CITED}> <{IKG}kind> {_lit('lea_inspection')} .",
        f"<{CITED}> <{IKG}authority> <{BASE}authority/westminster> .",
    ]
    for which, lines in graphs.items():
        store.replace({f"{BASE}graph/links/{which}/westminster": "\n".join(lines).encode()})


def linked_store(path: Path, files: list[Path] | None = None,
                 links: list[tuple] = LINKS) -> Store:
    """The samples (or the files given) built without the linker, then our links added."""
    store = open_store(path)
    result = build(store, files, link=False)
    assert not result.failed, [f.message for f in result.failed]
    add_links(store, links)
    return store


XSS_TITLE = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'
XSS_REC = '<script>alert(2)</script> "><img src=x onerror=alert(2)>'
XSS_EVIDENCE = '</script><script>alert(3)</script><img src=x onerror=alert(3)>'


def xss_reports(folder: Path) -> list[Path]:
    """Copies of the 2002 inspection and the 2010 plan; the plan's title (subject) and its
    recommendation 6 carry script and HTML injection text."""
    folder.mkdir(parents=True, exist_ok=True)
    lea = folder / "westminster-lea-inspection-2002.txt"
    shutil.copy(sample("westminster-lea-inspection-2002"), lea)
    plan = folder / "westminster-cabinet-action-plan-2010.txt"
    text = sample("westminster-cabinet-action-plan-2010").read_text(encoding="utf-8")
    subject = "Subject: Improving Education in Westminster"
    rec6 = "6 Extend the educational opportunities"
    assert subject in text and rec6 in text
    text = text.replace(subject, f"{subject} {XSS_TITLE}", 1)
    text = text.replace(rec6, f"6 {XSS_REC} Extend the educational opportunities", 1)
    plan.write_text(text, encoding="utf-8")
    return [lea, plan]


XSS_LINKS = [(SEN_2002, SEN_2010, False, "same-service", "0.9", XSS_EVIDENCE, XSS_REC)]

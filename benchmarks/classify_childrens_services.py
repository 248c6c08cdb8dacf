"""Benchmark: how well the service scheme classifies what Ofsted children's services reports ask.

Pulls the improvement items ("What needs to improve", "Recommendations", "Areas for
improvement", "Priority and immediate action", with their timescale groups) out of the raw
text of the reports (pypdfium2 page text, "=====PAGE N=====" between pages), classifies each
with `inspectkg.graph.services.classify` and prints:

- how many items get at least one concept that is not cross-cutting (a function);
- the distribution of top concepts;
- a sample of items with no function;
- precision and recall of the top concept against the reader-judged set
  ``tests/data/cs_services_judged.csv`` (what a careful reader would give each item, or
  nothing).

The extraction is rough on purpose (the real loader lives in ``inspectkg/loaders``): it is only
good enough to measure the scheme. Not a test: the figures are for ``benchmarks/README.md``.

    python benchmarks/classify_childrens_services.py [TEXT_DIR] [--sample 30] [--misses]
        [--baseline GIT_REF]

``--baseline`` also prints the figures of the scheme as it was at a git commit (for example the
one before the children's services concepts), classified by the same code; broader/narrower is
always judged with the current scheme.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import importlib
import random
import re
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from inspectkg.graph.services import ServiceScheme, classify, scheme

# The module, not the function of the same name that the package exports.
scheme_module = importlib.import_module("inspectkg.graph.services.scheme")

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TEXT_DIR = ROOT.parent / "notes" / "cs-text"
JUDGED = ROOT / "tests" / "data" / "cs_services_judged.csv"
# What a loader gives as the group of the items of a SIF report's review of the LSCB.
LSCB_HEADING = "Local Safeguarding Children Board"

# Headings that open a list of improvement items (alone on their line; a contents line has a
# page number after it and is skipped).
_LIST_HEADING = re.compile(
    r"^(what needs to improve( in this local authority)?\??|recommendations|"
    r"areas for improvement|priority and immediate action|areas for priority action)\s*$",
    re.I,
)
# Groups inside a list: timescales (2012-13 inspections) and the SIF's themes.
_GROUP = re.compile(
    r"^(immediately|within (one|two|three|four|six|nine|twelve) months?)\s*:?\s*$", re.I
)
# Lines that end a list: the sections that follow one in the reports' layouts.
_STOP = re.compile(
    r"^(summary for children|the experiences and progress|inspection findings|"
    r"summary of (key )?findings|information about this|review of the effectiveness|"
    r"executive summary|local authority|contents|the local authority|"
    r"strengths|key strengths|areas for development|what is the local authority|"
    r"leadership, management and governance|the effectiveness of|"
    r"children who need help and protection|children looked after|"
    r"the impact of leaders|overall effectiveness|next steps|"
    r"what does the local authority need|what does the lscb need|"
    r"what does the local safeguarding|inspection judgements?|about this inspection|"
    r"main findings|key findings|judgement|version|grade [1-4]\b|outcomes for |\u00a9)",
    re.I,
)
# Lines that end a list wherever they come.
_HARD_STOP = re.compile(
    r"^(grade [1-4]\b.*|.*\bgrade [1-4] \((outstanding|good|adequate|inadequate)\)|"
    r"inspection findings.*|summary for children.*|information about this.*)$",
    re.I,
)
# What a list says when it has no items.
_NONE_FOUND = re.compile(r"^(the inspection|inspectors) did not (find|identify) any ", re.I)
# Headings that open a SIF report's review of the Local Safeguarding Children Board: the lists
# after them are the board's.
_LSCB_PART = re.compile(
    r"^(the local safeguarding children board \(lscb\)|what does the lscb need to improve\??|"
    r"section 2: the effectiveness of the local safeguarding( children board)?|"
    r"the effectiveness of the lscb (is|requires) \D*)\s*$",
    re.I,
)
_BULLET = re.compile(r"^[\uf06e\uf02d\u25fc\uf0a7\uf0be\uf0b7\u2022\u25aa\u25cf\u2013\u2212-]\s*")
_NUMBERED = re.compile(r"^(\d{1,3})\.\s+(?=\S)")
_PAGE = re.compile(r"^=====PAGE \d+=====$")
_RUNNING = re.compile(
    r"^(\d{1,3}|inspection of .{0,80}(children|services).{0,40}|"
    r"\d{1,2}( [a-z]+)?( \d{4})? (to|\u2013|-) \d{1,2} [a-z]+ \d{4}( \d{1,3})?|"
    r".{0,60}council inspection of .*|"
    r"[a-z ,'\u2019]+ inspection of (services|looked after) .*)\s*$",
    re.I,
)


@dataclass(frozen=True)
class Item:
    """One improvement item as the benchmark reads it."""

    file: str
    heading: str
    group: str | None
    number: str | None
    text: str
    lscb: bool = False  # in the review of the Local Safeguarding Children Board


def _clean(line: str) -> str:
    """A line without the extraction artefacts that matter for matching."""
    line = line.replace("\ufffe", "-").replace("\u00ad", "").replace("\u00a0", " ")
    return line.rstrip()


def _join(lines: list[str]) -> str:
    """Lines of one item as one text, hyphenated line ends closed up."""
    out = ""
    for line in lines:
        s = line.strip()
        if not s:
            continue
        if s.startswith("\x00"):  # a sub-item: kept apart, so no phrase runs across two
            out = f"{out.rstrip(' ;')}; {s[1:]}" if not out.endswith(":") else f"{out} {s[1:]}"
            continue
        if out.endswith("-") and not out.endswith(" -"):
            out = out + s if re.search(r"\w-$", out) and s[:1].islower() else out + s
        else:
            out = f"{out} {s}" if out else s
    return " ".join(out.split())


@dataclass
class _Open:
    """The item being read: its lines, number and whether bullets after it are its sub-items."""

    file: str
    heading: str
    lscb: bool
    group: str | None = None
    number: str | None = None
    lines: list[str] | None = None
    parent_open: bool = False  # the item ends with ":" and the bullets after it belong to it
    top_glyph: str = ""  # the bullet of the list's own items (sub-items have another)

    def text(self) -> str:
        """The item's text so far."""
        return _join(self.lines or [])

    def close(self) -> Item | None:
        """The finished item (if it has text), and a clean slate for the next."""
        text = self.text()
        item = Item(self.file, self.heading, self.group, self.number, text, self.lscb)
        self.lines, self.number, self.parent_open = None, None, False
        if len(text) <= 15 or _NONE_FOUND.match(text):
            return None
        return item


def _read_list(lines: list[str], i: int, cur: _Open) -> tuple[list[Item], int]:
    """The items of the list whose heading is just before line i, and the line after it."""
    out: list[Item] = []

    def close() -> None:
        item = cur.close()
        if item is not None:
            out.append(item)

    while i < len(lines):
        s = lines[i].strip()
        i += 1
        if not s or _PAGE.match(s) or _RUNNING.match(s):
            continue
        if _LIST_HEADING.match(s):
            close()
            return out, i - 1
        if _GROUP.match(s):
            close()
            cur.group = s.rstrip(":")
            continue
        if _HARD_STOP.match(s):
            break
        if _STOP.match(s) and (not cur.lines or cur.text().endswith((".", ";", ")"))):
            break  # a heading that ends the list (not the middle of a sentence)
        n, b = _NUMBERED.match(s), _BULLET.match(s)
        if n:
            intro = " ".join([s[n.end() :], *lines[i : i + 3]])
            if re.match(r"in order to .*? following action", intro, re.I):
                continue  # the introduction of a 2012-13 list, not an item
            if cur.lines and (cur.number is None or int(n.group(1)) != int(cur.number) + 1):
                break  # the report's numbered paragraphs after a list: it has ended
            close()
            cur.number, cur.lines, cur.parent_open = n.group(1), [s[n.end() :]], s.endswith(":")
        elif b:
            if cur.lines and cur.parent_open and (cur.number or s[0] != cur.top_glyph):
                cur.lines.append("\x00" + s[b.end() :])  # a sub-item of "... including:"
            else:
                close()
                cur.lines, cur.top_glyph, cur.parent_open = [s[b.end() :]], s[0], s.endswith(":")
        elif cur.lines:
            short_heading = s[:1].isupper() and len(s) < 60 and not s.endswith((".", ","))
            if cur.text().endswith((".", ";")) and short_heading:
                # A short capitalised line after a finished item: a theme heading (SIF
                # "Quality of practice") if items follow, else the next section.
                nxt = next((x.strip() for x in lines[i : i + 3] if x.strip()), "")
                if _NUMBERED.match(nxt) or _BULLET.match(nxt):
                    close()
                    continue
                break
            cur.lines.append(s)
            cur.parent_open = cur.parent_open or s.endswith(":")
        # else: text before the first item ("In order to improve ... the local authority
        # should take the following action.") or a theme heading: not an item.
    close()
    return out, i


def items_of(path: Path) -> Iterator[Item]:
    """The improvement items of one report's text, in order."""
    lines = [_clean(x) for x in path.read_text(encoding="utf-8").split("\n")]
    i = 0
    lscb = False
    while i < len(lines):
        head = lines[i].strip()
        lscb = lscb or bool(_LSCB_PART.match(head))
        i += 1
        if _LIST_HEADING.match(head):
            found, i = _read_list(lines, i, _Open(path.name, head.rstrip("?").strip(), lscb))
            yield from found


def all_items(text_dir: Path) -> list[Item]:
    """Every improvement item of every report text in a folder."""
    return [it for p in sorted(text_dir.glob("*.txt")) for it in items_of(p)]


def top_function(text: str, lscb: bool = False) -> tuple[str | None, list[str]]:
    """The first concept the classifier gives, and every concept it gives.

    An item of the LSCB's own list is classified with the board as its heading, as the report
    prints it and as a loader gives it.
    """
    found = [c.concept for c in classify(text, heading=LSCB_HEADING if lscb else None)]
    return (found[0] if found else None), found


def has_function(found: list[str]) -> bool:
    """Whether any concept found is a function, not a cross-cutting management concept."""
    sch = scheme()
    return any(not sch.is_cross_cutting(c) for c in found)


@contextlib.contextmanager
def scheme_at(git_ref: str) -> Iterator[None]:
    """Classify with ``services.ttl`` as it was at a git commit, then with the current one."""
    relative = "inspectkg/ontology/services.ttl"
    text = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{git_ref}:{relative}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    original = scheme_module.ontology_file
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "services.ttl"
        old.write_text(text, encoding="utf-8")
        scheme_module.ontology_file = lambda name: old if name == "services.ttl" else original(name)
        scheme.cache_clear()
        try:
            yield
        finally:
            scheme_module.ontology_file = original
            scheme.cache_clear()


def judged_scores(path: Path = JUDGED, hierarchy: ServiceScheme | None = None) -> dict[str, float]:
    """Precision and recall of the top concept against the reader-judged set.

    A row's ``concept`` is what a careful reader would give: the first slug is the reader's
    main concept, the others (separated by "|") are also right where the item names several
    functions alike; empty: no concept fits. Precision: of the items given a concept, how many
    got a right one (``strict``: the main one). Recall: of the items a reader gave a concept,
    how many got a right one. Counted apart, "related": the top concept is broader or
    narrower than a right one (the right function at another level), and "wrong".
    ``hierarchy`` is the scheme whose broader links decide "related" (default: the one used).
    """
    sch = hierarchy or scheme()
    n = {k: 0 for k in ("given", "right", "main", "related", "wrong", "wanted", "wrong_on_empty")}
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        want = [c for c in row["concept"].split("|") if c]
        top, _ = top_function(row["text"], lscb=bool(row["lscb"]))
        n["wanted"] += bool(want)
        if top is None:
            continue
        n["given"] += 1
        if top in want:
            n["right"] += 1
            n["main"] += top == want[0]
        elif want and any(top in sch.ancestors(w) or w in sch.ancestors(top) for w in want):
            n["related"] += 1
        else:
            n["wrong"] += 1
            n["wrong_on_empty"] += not want
    given, wanted = n["given"] or 1, n["wanted"] or 1
    return {
        "rows": len(rows),
        **n,
        "precision": n["right"] / given,
        "precision_strict": n["main"] / given,
        "precision_incl_related": (n["right"] + n["related"]) / given,
        "recall": (n["right"]) / wanted,
        "recall_strict": n["main"] / wanted,
    }


def report(items: list[Item], args: argparse.Namespace, hierarchy: ServiceScheme) -> None:
    """Print the figures of the scheme in use."""
    files = {it.file for it in items}
    tops: Counter[str] = Counter()
    with_function = 0
    unclassified: list[Item] = []
    rows = []
    for it in items:
        top, found = top_function(it.text, it.lscb)
        rows.append((it, found))
        if has_function(found):
            with_function += 1
        else:
            unclassified.append(it)
        tops[top or "(none)"] += 1
    print(
        f"{len(items)} improvement items ({sum(it.lscb for it in items)} of LSCB lists) from "
        f"{len(files)} report texts in {args.text_dir}"
    )
    share = with_function / len(items) if items else 0.0
    print(f"with at least one function (non-cross-cutting concept): {with_function} ({share:.0%})")
    if args.distribution:
        print("\ntop concept distribution:")
        for concept, n in tops.most_common():
            print(f"  {n:5d}  {concept}")
    if args.sample:
        print(f"\nsample of {min(args.sample, len(unclassified))} items with no function:")
        for it in random.Random(8).sample(unclassified, min(args.sample, len(unclassified))):
            print(f"  - [{it.file[:40]}] {it.text[:160]}")
    if args.dump:
        with args.dump.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["file", "lscb", "heading", "group", "number", "text", "concepts"])
            for it, found in rows:
                w.writerow(
                    [it.file, it.lscb, it.heading, it.group, it.number, it.text, "|".join(found)]
                )
    if not JUDGED.exists():
        return
    s = judged_scores(hierarchy=hierarchy)
    print(
        f"reader-judged set ({JUDGED.relative_to(ROOT)}): {s['rows']} items, "
        f"{s['wanted']} with a concept"
    )
    print(
        f"  top concept given for {s['given']}: right {s['right']} (the reader's main "
        f"{s['main']}), broader/narrower {s['related']}, wrong {s['wrong']} "
        f"(of which where a reader gives none {s['wrong_on_empty']})"
    )
    print(
        f"  precision {s['precision']:.2f} (main concept only {s['precision_strict']:.2f}; "
        f"counting broader/narrower {s['precision_incl_related']:.2f}), "
        f"recall {s['recall']:.2f} (main only {s['recall_strict']:.2f})"
    )
    if args.misses:
        with JUDGED.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                top, found = top_function(row["text"], bool(row["lscb"]))
                want = {c for c in row["concept"].split("|") if c}
                if top not in want and not (top is None and not want):
                    print(f"  want {row['concept'] or '-':30s} got {'|'.join(found) or '-'}")
                    print(f"      {row['text'][:150]}")


def main() -> None:
    """Print the figures (and those of a baseline scheme first, if asked)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("text_dir", nargs="?", type=Path, default=DEFAULT_TEXT_DIR)
    ap.add_argument("--sample", type=int, default=25, help="unclassified items to print")
    ap.add_argument("--distribution", action="store_true", help="print the top concepts")
    ap.add_argument("--misses", action="store_true", help="print judged rows the top misses")
    ap.add_argument("--dump", type=Path, help="write every item and its concepts to a CSV")
    ap.add_argument("--baseline", help="git commit whose services.ttl to measure first")
    args = ap.parse_args()

    if not any(args.text_dir.glob("*.txt")):
        raise SystemExit(f"error: {args.text_dir}: no report texts (*.txt) to read")
    items = all_items(args.text_dir)
    current = scheme()
    if args.baseline:
        print(f"== baseline: services.ttl at {args.baseline}")
        baseline_args = argparse.Namespace(**{**vars(args), "dump": None, "sample": 0})
        with scheme_at(args.baseline):
            report(items, baseline_args, current)
        print("\n== current services.ttl")
    report(items, args, current)


if __name__ == "__main__":
    main()

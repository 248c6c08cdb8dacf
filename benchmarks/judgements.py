"""Recall and precision of the evaluative-sentence reader on a reader-judged set.

`tests/data/judgements.jsonl` holds sentences taken at random from the sample LEA
inspections and from children's services reports of the shared corpus, each marked by a
person reading it: the grade word the sentence gives what it judges, or null where it grades
nothing (the rules are in `benchmarks/README.md`). A found judgement is right when its grade is
the one marked; a grade found where none is marked, or a different one, is wrong.

    python benchmarks/judgements.py [--show]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from inspectkg.loaders.evaluative import evaluate

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "judgements.jsonl"


def load(path: Path = DATA) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def found_grade(sentence: str) -> str | None:
    """The grade `evaluate` reads as this report's own judgement (None if none)."""
    ev = evaluate(sentence)
    return ev.grade if ev is not None and not ev.earlier else None


def score(rows: list[dict]) -> dict[str, float | int]:
    """Marked, found and right judgements, with recall and precision."""
    marked = sum(1 for r in rows if r["grade"])
    found = right = 0
    for r in rows:
        grade = found_grade(r["sentence"])
        if grade is not None:
            found += 1
            right += grade == r["grade"]
    return {
        "sentences": len(rows),
        "marked": marked,
        "found": found,
        "right": right,
        "recall": right / marked if marked else 1.0,
        "precision": right / found if found else 1.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="list every miss and wrong find")
    args = parser.parse_args()
    rows = load()
    for kind in sorted({r["kind"] for r in rows}) + ["all"]:
        part = [r for r in rows if kind in ("all", r["kind"])]
        s = score(part)
        print(f"{kind:20} {s['sentences']:4} sentences, {s['marked']:3} judgements marked, "
              f"{s['found']:3} found, {s['right']:3} right: recall {s['recall']:.0%}, "
              f"precision {s['precision']:.0%}")
    if args.show:
        for r in rows:
            grade = found_grade(r["sentence"])
            if grade != r["grade"]:
                print(f"  marked {r['grade']!s:15} found {grade!s:15} {r['sentence'][:150]}")


if __name__ == "__main__":
    main()

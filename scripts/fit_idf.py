"""Fit the word-rarity model the trace ranks later findings with, on a corpus of reports.

    python scripts/fit_idf.py [FOLDER ...]   (default: ../shared/corpus and the bundled samples)

Every passage a linker may compare (paragraphs, recommendations, judgements, references ...)
is one document. The model is written to inspectkg/graph/links/idf.tsv; the same corpus always
gives the same file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from inspectkg.errors import LoadError
from inspectkg.graph.links.issue import IdfModel
from inspectkg.loaders import parse

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "inspectkg" / "graph" / "links" / "idf.tsv"


def passages(report: object) -> list[str]:
    out: list[str] = []
    for name in ("paragraphs", "recommendations", "judgements", "references", "strengths",
                 "weaknesses", "areas_for_improvement", "future_focus", "actions"):
        for item in getattr(report, name, None) or []:
            text = " ".join(
                str(getattr(item, f)) for f in ("aim", "objective", "text", "quote", "action")
                if getattr(item, f, None)
            )
            if text.strip():
                out.append(text)
    return out


def main(folders: list[str]) -> None:
    paths: list[Path] = []
    for folder in folders or [str(ROOT.parent / "shared" / "corpus"),
                              str(ROOT / "inspectkg" / "data" / "samples")]:
        paths += sorted(p for p in Path(folder).rglob("*") if p.suffix in (".txt", ".pdf"))
    texts: list[str] = []
    seen: set[str] = set()
    for path in paths:
        if path.name in seen:  # the bundled samples are copies of corpus files
            continue
        seen.add(path.name)
        try:
            texts += passages(parse(path))
        except LoadError as exc:
            print(f"skipped {exc}", file=sys.stderr)
    model = IdfModel.fit(texts)
    OUT.write_text(model.dumps(), encoding="utf-8")
    print(f"{len(paths)} files, {len(texts)} passages, {len(model.frequencies)} stems -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:])

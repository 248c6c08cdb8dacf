"""Fit the same-issue link score on recommendation/passage pairs judged by reading.

    python scripts/calibrate_links.py [--corpus ../shared/corpus/childrens-services] [--write]

`tests/data/trace_judged.jsonl` holds, for recommendations of one children's services report,
what a reader found on the same issue in the authority's next report: the passages (paragraph
N, an unnumbered summary paragraph, recommendation N) and a verdict for the first candidates a
baseline ranker proposed. Tasks of one authority in three (sha256 of its slug) are held out:
the model is fitted on the others, its threshold chosen on them (the lowest score whose top link
is on the issue for at least 8 in 10 recommendations), and its figures reported on the held-out
authorities. `--write` saves the model to inspectkg/graph/links/calibration.json; the figures
belong in benchmarks/README.md.

Needs scikit-learn (a development tool, not a dependency of the package).
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from inspectkg.graph.links.same_issue import Candidate, report_features  # noqa: E402
from inspectkg.loaders import parse  # noqa: E402

JUDGED = ROOT / "tests" / "data" / "trace_judged.jsonl"
OUT = ROOT / "inspectkg" / "graph" / "links" / "calibration.json"
TARGET_PRECISION = 0.8


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s.lower()).strip()


def candidates(report) -> list[tuple[str, Candidate]]:
    """The items of a later report as the linker sees them: paragraphs and recommendations."""
    out = []
    for p in report.paragraphs:
        where = f"paragraph {p.number}" if p.number is not None else f"summary:{p.key}"
        out.append((where, Candidate(where, "paragraph", p.text, area=p.area)))
    for r in report.recommendations:
        where = f"recommendation {r.number}"
        out.append((where, Candidate(where, "recommendation", r.text)))
    return out


def rows(corpus: Path) -> list[dict]:
    tasks = [json.loads(line) for line in JUDGED.read_text("utf-8").splitlines() if line]
    reports: dict[str, object] = {}
    out = []
    for t in tasks:
        name = t["later_report"]
        if name not in reports:
            reports[name] = parse(corpus / f"{name}.pdf")
        later = reports[name]
        # unnumbered passages are found by their words (their keys follow the loader's reading
        # of the report; a passage the loader now reads as the rest of a numbered paragraph is
        # found there)
        positive = {p["where"] for p in t["passages"] if not p["where"].startswith("summary")}
        positive |= {c["where"] for c in t["candidates"]
                     if c.get("on_issue") and not c["where"].startswith("summary")}
        summaries = [_norm(p.get("quote") or "")[:60] for p in t["passages"]
                     if p["where"].startswith("summary")]
        texts = dict(candidates(later))
        for cand, f, sentence, _ in report_features(t["recommendation"], list(texts.values())):
            where = cand.iri
            on = where in positive or any(s and s in _norm(cand.text) for s in summaries)
            out.append({"task": t["id"], "held_out": t["held_out"], "where": where,
                        "on_issue": on, "features": f, "sentence": sentence,
                        "has_passage": bool(t["passages"])})
    return out


def metrics(data: list[dict], probs: np.ndarray, threshold: float) -> dict[str, float]:
    """Top link on the issue (of tasks given one), coverage, and reader passage in the top 3."""
    by: dict[str, list[tuple[float, bool]]] = collections.defaultdict(list)
    has: dict[str, bool] = {}
    for r, p in zip(data, probs, strict=True):
        by[r["task"]].append((float(p), r["on_issue"]))
        has[r["task"]] = r["has_passage"]
    shown = right = with_passage = in_top3 = 0
    for task, lst in by.items():
        lst.sort(key=lambda x: -x[0])
        kept = [x for x in lst if x[0] >= threshold]
        if kept:
            shown += 1
            right += kept[0][1]
        if has[task]:
            with_passage += 1
            in_top3 += any(on for _, on in kept[:3])
    return {"tasks": len(by), "shown": shown, "top1": right / max(shown, 1),
            "top3": in_top3 / max(with_passage, 1)}


def reliability(data: list[dict], probs: np.ndarray) -> list[tuple[str, int, float]]:
    """Observed share on the issue of the links in each score band."""
    bands = [(0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01)]
    out = []
    for lo, hi in bands:
        sel = [r["on_issue"] for r, p in zip(data, probs, strict=True) if lo <= p < hi]
        out.append((f"{lo:.1f}-{min(hi, 1.0):.1f}", len(sel), sum(sel) / max(len(sel), 1)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus"
                    / "childrens-services")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    from sklearn.linear_model import LogisticRegression

    data = rows(args.corpus)
    names = sorted(data[0]["features"])
    X = np.array([[r["features"][n] for n in names] for r in data])
    y = np.array([r["on_issue"] for r in data])
    held = np.array([r["held_out"] for r in data])
    lr = LogisticRegression(C=1.0, max_iter=5000).fit(X[~held], y[~held])
    probs = lr.predict_proba(X)[:, 1]
    dev = [r for r, h in zip(data, held, strict=True) if not h]
    test = [r for r, h in zip(data, held, strict=True) if h]
    threshold = 0.5
    for t in np.arange(0.05, 0.95, 0.01):
        if metrics(dev, probs[~held], float(t))["top1"] >= TARGET_PRECISION:
            threshold = round(float(t), 2)
            break
    print(f"pairs {len(data)} ({int(y.sum())} on the issue); tasks dev "
          f"{len({r['task'] for r in dev})}, held-out {len({r['task'] for r in test})}")
    print(f"threshold {threshold} (lowest with dev top-1 >= {TARGET_PRECISION})")
    for label, part, p in (("dev", dev, probs[~held]), ("held-out", test, probs[held])):
        for t in (0.0, threshold):
            m = metrics(part, p, t)
            print(f"{label:9} threshold {t:.2f}: top link on the issue {m['top1']:.2f} "
                  f"({m['shown']}/{m['tasks']} recommendations given one); reader passage in "
                  f"top 3 {m['top3']:.2f}")
    print("reliability on held-out (score band, links, observed on the issue):")
    for band, n, share in reliability(test, probs[held]):
        print(f"  {band}  {n:5d}  {share:.2f}")
    if args.write:
        OUT.write_text(json.dumps({
            "weights": {n: round(float(w), 4)
                        for n, w in zip(names, lr.coef_[0], strict=True)},
            "bias": round(float(lr.intercept_[0]), 4), "threshold": threshold,
            "note": "fitted by scripts/calibrate_links.py on tests/data/trace_judged.jsonl",
        }, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

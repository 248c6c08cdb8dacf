"""Fuzz benchmark: seeded mutations of real reports against every registered loader.

Each case (see `tests/fuzzing.py`) is a real report - a bundled sample, or the text layer of
a children's services PDF from the shared corpus when pypdfium2 is installed - damaged in one
to three ways and saved in some encoding. A worker process decodes it, asks every registered
loader to detect it and has every loader read it. Outcomes:

- parsed: the kind detected read a report (what `parse_bytes` returns);
- refused: the text was refused (not text, no known kind, or the kind's `LoadError`);
- crashed: any exception but a loader's own `LoadError` escaped, from any loader, even one
  that would not have been chosen;
- hung: the worker did not answer within the hard limit and was killed.

Times are the worker's CPU seconds (what a loader costs, whoever else uses the machine) and,
beside them, seconds on the clock.

Not a test: timings depend on the machine.

    python benchmarks/fuzz.py [--cases 10000] [--workers 2] [--limit 60] [--pdfs 8]
    python benchmarks/fuzz.py --case 1234          # replay one case, with its timings
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time
import traceback
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fuzzing import make_case, sample_texts  # noqa: E402

from inspectkg.errors import LoadError  # noqa: E402
from inspectkg.loaders import DETECT_THRESHOLD, decode, loaders  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "childrens-services"


def pdf_texts(count: int) -> dict[str, str]:
    """The text layers of the first `count` corpus PDFs (none without pypdfium2)."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return {}
    texts: dict[str, str] = {}
    paths = sorted(CORPUS.glob("*.pdf"))
    for path in paths[:: max(1, len(paths) // max(count, 1))][:count]:
        pdf = pdfium.PdfDocument(str(path))
        try:
            pages = [page.get_textpage().get_text_range() for page in pdf]
        finally:
            pdf.close()
        texts[f"pdf:{path.stem}"] = "\n".join(pages).replace("\r\n", "\n")
    return texts


def _is_crash(exc: BaseException) -> bool:
    """Anything but a loader's own refusal: another exception, or one the safety net wrapped."""
    if not isinstance(exc, LoadError):
        return True
    return exc.__cause__ is not None and not isinstance(exc.__cause__, LoadError)


def run_case(number: int, seeds: dict[str, str]) -> dict:
    """Every loader on one case: the outcome of the user's path and the time of each step.

    The user's path (`parse_bytes`) is decode, every loader's detect, then the read of the
    kind detected; here every loader also reads the text, so a crash in a loader that would
    not have been chosen is found too. The parse time counts the user's path only.
    """
    case = make_case(number, seeds)
    result: dict = {"case": number, "what": case.description, "crash": None}
    steps: dict[str, float] = {}  # CPU seconds of the worker: what the loader costs
    wall: dict[str, float] = {}  # seconds on the clock, which other processes also use
    errors: dict[str, BaseException | None] = {}

    def timed(name: str, call) -> object:
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            value, errors[name] = call(), None
        except Exception as exc:  # noqa: BLE001 - the point is to see every escape
            value, errors[name] = None, exc
        steps[name] = time.process_time() - c0
        wall[name] = time.perf_counter() - t0
        return value

    text = timed("decode", lambda: decode(case.data, "fuzz.txt"))
    scores: dict[str, float] = {}
    if text is not None:
        for kind, loader in loaders().items():
            scores[kind] = timed(f"{kind}.detect", lambda lo=loader: lo.detect(text)) or 0.0
        for kind, loader in loaders().items():
            timed(f"{kind}.read", lambda lo=loader: lo.read(text, "fuzz.txt"))
    best = max(scores, key=scores.get) if scores else None
    chosen = best if best is not None and scores[best] >= DETECT_THRESHOLD else None
    path = ["decode", *(f"{k}.detect" for k in scores), *([f"{chosen}.read"] if chosen else [])]
    result["parse_s"] = sum(steps[name] for name in path)
    result["parse_wall_s"] = sum(wall[name] for name in path)
    if text is None or chosen is None:
        result["outcome"] = "refused"
    else:
        result["outcome"] = "parsed" if errors[f"{chosen}.read"] is None else "refused"
    for name, exc in errors.items():
        if exc is not None and _is_crash(exc) and result["crash"] is None:
            result["outcome"] = "crashed"
            result["crash"] = f"{name}: " + "".join(traceback.format_exception(exc))[-1500:]
    result["step_s"], result["step"] = max((v, k) for k, v in steps.items())
    return result


def _worker(conn: Connection, seeds: dict[str, str]) -> None:
    while True:
        number = conn.recv()
        if number is None:
            return
        conn.send(run_case(number, seeds))


class _Slot:
    """One worker process and the case it is on."""

    def __init__(self, seeds: dict[str, str]) -> None:
        self.seeds = seeds
        self.start()

    def start(self) -> None:
        self.conn, child = mp.Pipe()
        self.proc = mp.Process(target=_worker, args=(child, self.seeds), daemon=True)
        self.proc.start()
        self.case: int | None = None
        self.since = 0.0

    def give(self, number: int) -> None:
        self.case, self.since = number, time.monotonic()
        self.conn.send(number)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join()
        self.start()


def fuzz(cases: int, workers: int, limit: float, seeds: dict[str, str], first: int = 0) -> list:
    """Run cases first..first+cases-1 over `workers` processes, killing any over `limit` s."""
    results: list[dict] = []
    todo = list(range(first, first + cases))
    slots = [_Slot(seeds) for _ in range(workers)]
    for slot in slots:
        if todo:
            slot.give(todo.pop(0))
    done = 0
    while any(slot.case is not None for slot in slots):
        for slot in slots:
            if slot.case is None:
                continue
            if slot.conn.poll(0.01):
                results.append(slot.conn.recv())
            elif time.monotonic() - slot.since > limit:
                what = make_case(slot.case, seeds).description
                results.append({"case": slot.case, "what": what, "outcome": "hung",
                                "parse_s": limit, "parse_wall_s": limit, "step_s": limit,
                                "step": "?", "crash": None})
                slot.kill()
            else:
                continue
            done += 1
            if done % 500 == 0:
                print(f"  {done} cases", flush=True)
            slot.case = None
            if todo:
                slot.give(todo.pop(0))
    for slot in slots:
        slot.conn.send(None)
        slot.proc.join(timeout=5)
    return results


def report(results: list[dict], seeds: dict[str, str], seconds: float) -> None:
    outcomes = {k: 0 for k in ("parsed", "refused", "crashed", "hung")}
    for r in results:
        outcomes[r["outcome"]] += 1
    kinds = ", ".join(sorted(loaders()))
    print(f"{len(results)} cases over loaders [{kinds}] from {len(seeds)} seed texts "
          f"in {seconds:.0f} s")
    print("  " + "  ".join(f"{k} {v}" for k, v in outcomes.items()))
    timed = [r for r in results if r["outcome"] != "hung"]
    if timed:
        slow = max(timed, key=lambda r: r["parse_s"])
        print(f"  slowest parse: {slow['parse_s']:.3f} s of CPU, {slow['parse_wall_s']:.3f} s "
              f"on the clock ({slow['what']})")
        wall = max(timed, key=lambda r: r["parse_wall_s"])
        print(f"  slowest parse on the clock: {wall['parse_wall_s']:.3f} s, "
              f"{wall['parse_s']:.3f} s of CPU ({wall['what']})")
        step = max(timed, key=lambda r: r["step_s"])
        print(f"  slowest single loader step: {step['step_s']:.3f} s of CPU, {step['step']} "
              f"({step['what']})")
        times = sorted(r["parse_s"] for r in timed)
        print(f"  parse CPU time median {times[len(times) // 2]:.3f} s, "
              f"99th percentile {times[int(len(times) * 0.99)]:.3f} s")
    for r in results:
        if r["outcome"] in ("crashed", "hung"):
            print(f"  {r['outcome']}: {r['what']}")
            if r["crash"]:
                print("    " + r["crash"].strip().replace("\n", "\n    "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--first", type=int, default=0, help="number of the first case")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=float, default=60.0, help="hard seconds per case")
    parser.add_argument("--pdfs", type=int, default=8, help="corpus PDFs among the seeds")
    parser.add_argument("--case", type=int, help="replay this one case in this process")
    args = parser.parse_args()
    seeds = {**sample_texts(), **pdf_texts(args.pdfs)}
    if args.case is not None:
        r = run_case(args.case, seeds)
        print(r["what"], r["outcome"], f"parse {r['parse_s']:.3f} s of CPU "
              f"({r['parse_wall_s']:.3f} s on the clock), slowest step {r['step']} "
              f"{r['step_s']:.3f} s")
        if r["crash"]:
            print(r["crash"])
        return
    t0 = time.monotonic()
    results = fuzz(args.cases, args.workers, args.limit, seeds, args.first)
    report(results, seeds, time.monotonic() - t0)


if __name__ == "__main__":
    main()

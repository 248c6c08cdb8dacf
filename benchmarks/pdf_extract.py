"""Benchmark: time to read each PDF of a folder into cleaned text (`read_pdf`), per file.

Splits each file's wall time into the pdfium pass (opening the file and reading every page's
text layout and rules) and the clean-up (running lines, footnotes, tables, glyphs, hyphens,
paragraphs), and gives the process's CPU time for the whole (which a busy machine inflates
less); prints median, 95th percentile, max and total over the folder, with the slowest files.
Reading the bytes from disk is not counted. Not a test: timings depend on the machine.

    python benchmarks/pdf_extract.py [FOLDER] [--repeat N] [--dump OUT_FOLDER]

FOLDER defaults to ../shared/corpus/childrens-services (beside the checkout). --dump writes
each file's text (with the page of every line) to OUT_FOLDER, to read what the reader made.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from pathlib import Path

from inspectkg.errors import LoadError
from inspectkg.loaders.pdf import _read_pages, compose

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "childrens-services"


def machine() -> str:
    """CPU model, cores and memory, for the figures' context."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        ram = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}; nproc {os.cpu_count()}{ram}; Python {platform.python_version()}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("folder", nargs="?", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=1, help="read each file N times, keep the best")
    ap.add_argument("--dump", help="write each file's text to this folder")
    args = ap.parse_args()
    files = sorted(p for p in Path(args.folder).glob("*") if p.suffix.lower() == ".pdf")
    if not files:
        raise SystemExit(f"no PDF files in {args.folder}")
    if args.dump:
        Path(args.dump).mkdir(parents=True, exist_ok=True)
    extract: list[float] = []
    clean: list[float] = []
    cpu: list[float] = []
    total: list[tuple[float, str, int]] = []
    failed = 0
    for path in files:
        data = path.read_bytes()
        best = (float("inf"), float("inf"))
        best_cpu = float("inf")
        lines: list[str] = []
        pages_of: list[int] = []
        count = 0
        try:
            for _ in range(max(1, args.repeat)):
                c0 = time.process_time()
                t0 = time.perf_counter()
                pages, count = _read_pages(data, path)
                t1 = time.perf_counter()
                lines, pages_of = compose(pages)
                t2 = time.perf_counter()
                best_cpu = min(best_cpu, time.process_time() - c0)
                if t2 - t0 < sum(best):
                    best = (t1 - t0, t2 - t1)
        except LoadError as exc:
            print(f"failed {exc}")
            failed += 1
            continue
        extract.append(best[0])
        clean.append(best[1])
        cpu.append(best_cpu)
        total.append((sum(best), path.name, count))
        if args.dump:
            out = Path(args.dump) / (path.stem + ".txt")
            out.write_text("".join(f"{p:>3}| {t}\n" for t, p in zip(lines, pages_of, strict=True)))
    print(f"{len(total)} PDFs read ({failed} failed) from {args.folder}")
    print(f"machine: {machine()}")
    pages = sum(c for _, _, c in total)
    print(f"pages: {pages} (median {statistics.median(c for *_, c in total):.0f} per file)")
    print(f"{'seconds per file':<22}{'median':>9}{'p95':>9}{'max':>9}{'total':>9}")
    for label, values in (
        ("pdfium (text layout)", extract),
        ("clean-up", clean),
        ("whole read_pdf", [t for t, _, _ in total]),
        ("read_pdf, CPU time", cpu),
    ):
        print(
            f"{label:<22}{statistics.median(values):>9.3f}{percentile(values, 0.95):>9.3f}"
            f"{max(values):>9.3f}{sum(values):>9.2f}"
        )
    print("slowest:")
    for t, name, count in sorted(total, reverse=True)[:5]:
        print(f"  {t:.3f} s  {count:>3} pages  {name}")


if __name__ == "__main__":
    main()

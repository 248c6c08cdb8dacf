"""Screenshots of the browse pages for the README, taken in headless Chromium.

Builds the bundled samples into a fresh store (linking included), writes the Westminster views
with `inspectkg browse`, opens them from file:// with every other request blocked, and saves:

- docs/img/westminster-timeline.png         the whole timeline: 2002 -> 2006 -> 2010, trace links
- docs/img/westminster-timeline-detail.png  zoomed on the 2002 SEN recommendation, its details open
- docs/img/westminster-2002-sen-trace.png   the chain of the 2002 SEN recommendation 1

    python scripts/screenshots.py [--out docs/img] [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from inspectkg import api

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Page, Route

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
SEN_2002 = "westminster-2002-lea-inspection/recommendation/1"
BASE = "https://w3id.org/inspectkg/id/report/"
# Zoom on a recommendation and the first item it is linked to, and show its details.
ZOOM = """([rec, later]) => {
  const k = window.inspectkg, p = k.network.getPositions([rec, later]);
  k.network.moveTo({position: {x: (p[rec].x + p[later].x) / 2, y: p[rec].y + 300}, scale: 0.62});
  k.network.selectNodes([rec]); k.showNode(rec); }"""
Shot = tuple[Path, str, str | None, list[str]]


def pages(folder: Path) -> list[Shot]:
    """Build the samples and write the views: (page, PNG name, script to run, its args)."""
    store = str(folder / "kg")
    result = api.build(store=store)
    if result.failed:
        sys.exit(f"build failed: {[f.message for f in result.failed]}")
    site = api.browse(folder / "site", authority="Westminster", recommendation=SEN_2002,
                      store=store)
    timeline = next(p.path for p in site.pages if p.kind == "timeline")
    chain = next(p.path for p in site.pages if p.kind == "chain")
    rec = BASE + SEN_2002
    return [
        (timeline, "westminster-timeline.png", None, []),
        (timeline, "westminster-timeline-detail.png", ZOOM,
         [rec, BASE + "westminster-2006-apa-letter/judgement/31"]),
        (chain, "westminster-2002-sen-trace.png", None, []),  # opens on its recommendation
    ]


def shoot(shots: list[Shot], out: Path, chromium: str) -> list[Path]:
    """Open each page offline and save a PNG; fail on any request or console error."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        for page_path, name, script, args in shots:
            page = browser.new_page(viewport={"width": 1700, "height": 950},
                                    device_scale_factor=1.5)
            problems = _guard(page)
            page.goto(page_path.as_uri())
            page.wait_for_selector("body[data-ready=true]")
            if script:
                page.evaluate(script, args)
            page.wait_for_timeout(300)
            if problems:
                sys.exit(f"{page_path.name}: {problems}")
            target = out / name
            page.screenshot(path=str(target))
            written.append(target)
            page.close()
        browser.close()
    return written


def _guard(page: Page) -> list[str]:
    """Block every request that is not a local file; collect them and console errors."""
    problems: list[str] = []

    def route(r: Route) -> None:
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            problems.append(r.request.url)
            r.abort()

    def console(m: ConsoleMessage) -> None:
        if m.type == "error":
            problems.append(m.text)

    page.route("**/*", route)
    page.on("console", console)
    return problems


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parent.parent
    parser.add_argument("--out", type=Path, default=root / "docs" / "img")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    if not Path(args.chromium).exists():
        sys.exit(f"no Chromium at {args.chromium} (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        for path in shoot(pages(Path(tmp)), args.out, args.chromium):
            print(f"wrote {path}")


if __name__ == "__main__":
    main()

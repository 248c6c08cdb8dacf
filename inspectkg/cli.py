"""The `inspectkg` command: each subcommand is a thin skin over the library function of its name.

User mistakes (a missing file, a bad query, an unreadable report) end in one line on stderr and
a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from tabulate import tabulate

from . import api
from .errors import InspectKGError
from .graph.store import STORE_ENV, default_store_path
from .terminal import fit_table, iri_columns, terminal_width

OUTPUT_FORMATS = ("table", "csv", "tsv", "json", "markdown")
FORMAT_HELP = ("table (fits the terminal; IRIs only with --iris), csv or tsv (every column), "
               "json (typed values: numbers, booleans, dates; IRIs as strings), markdown.")
IRIS_HELP = "Show IRIs in the table too (JSON and CSV always have them)."


def _store_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--store", "store", type=click.Path(path_type=str), default=None, envvar=STORE_ENV,
        help=f"Store folder or SPARQL endpoint URL (default: {default_store_path()}).",
    )(f)


def _friendly(f: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the errors a user can cause into one line and exit code 1 (2 for a name that
    names nothing, like any other usage error)."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except InspectKGError as exc:
            error = click.ClickException(str(exc))
            error.exit_code = getattr(exc, "exit_code", 1)
            raise error from None
        except OSError as exc:
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from None

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="inspectkg")
def main() -> None:
    """Turn inspection reports about English local authorities into a knowledge graph, and
    follow every recommendation to the later reports that say what became of it."""


# ---- parse ----------------------------------------------------------------------------------
@main.command()
@click.argument("file", type=click.Path(path_type=str))
@_friendly
def parse(file: str) -> None:
    """Print what the loader read from FILE, as JSON (for checking a loader)."""
    click.echo(json.dumps(api.parse_dict(file), indent=2, ensure_ascii=False))


# ---- build ----------------------------------------------------------------------------------
@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@_store_option
@click.option("--base", default=None, envvar="INSPECTKG_BASE", help="Base IRI of instance data.")
@click.option("--quiet", "-q", is_flag=True, help="Only report failures.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes that read files and link authorities [default: one per "
                   "core].")
@_friendly
def build(paths: tuple[str, ...], store: str | None, base: str | None, quiet: bool,
          jobs: int | None) -> None:
    """Load reports into the store: the bundled samples by default, or the FILES and folders
    given. Building the same reports again changes nothing."""
    from .loaders.files import candidates

    files = candidates(paths)
    bar = None
    if len(files) > 5 and not quiet and sys.stderr.isatty():
        bar = click.progressbar(length=len(files), label="Reading reports", file=sys.stderr)

    def progress(i: int, total: int, path: Path) -> None:
        if bar is not None:
            bar.update(1)
        elif total > 5 and not quiet:
            click.echo(f"[{i}/{total}] {path.name}", err=True)

    result = api.build(paths or None, store=store, base=base, progress=progress, jobs=jobs)
    if bar is not None:
        bar.render_finish()
    for problem in result.repaired:
        click.echo(f"healed {problem}", err=True)
    for f in result.files:
        if f.ok and not quiet:
            click.echo(f"ok    {f.path}: {f.message}")
        elif not f.ok:
            click.echo(f"error {f.path}: {f.message}", err=True)
    if result.links and not quiet:
        links = ", ".join(f"{v} {k}" for k, v in sorted(result.links.items()))
        click.echo(f"links {links}")
    loc = store or str(default_store_path())
    if not quiet:
        click.echo(
            f"{len(result.loaded)} loaded, {len(result.failed)} failed; store: {loc}",
            err=bool(result.failed),
        )
    if result.failed:
        sys.exit(1)


# ---- query ----------------------------------------------------------------------------------
def _params(values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for v in values:
        key, sep, val = v.partition("=")
        if not sep or not key:
            raise InspectKGError(f"--param {v!r}: expected key=value, e.g. authority=Westminster")
        out[key.strip()] = val
    return out


def render(
    columns: list[str], rows: list[dict[str, str]], fmt: str, *, iris: bool = False,
    width: int | None = None,
) -> str:
    """Rows of plain strings as a terminal table, CSV, TSV, JSON or Markdown.

    The table fits the terminal (long text wrapped) and leaves out columns that are empty or
    hold only IRIs (``iris`` keeps the IRIs); CSV, TSV, JSON and Markdown hold every column.
    """
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.DictWriter(
            buf, fieldnames=columns, delimiter="," if fmt == "csv" else "\t",
            lineterminator="\n",
        )
        writer.writeheader()
        writer.writerows(rows)
        return buf.getvalue().rstrip("\n")
    if fmt == "markdown":
        table = [[r.get(c, "") for c in columns] for r in rows]
        return tabulate(table, headers=columns, tablefmt="github", disable_numparse=True)
    shown = list(columns)
    if rows:
        hidden = set() if iris else set(iri_columns(columns, rows))
        shown = [c for c in columns
                 if c not in hidden and any(r.get(c, "") for r in rows)] or list(columns)
    return fit_table(shown, rows, width=width, fixed=set(iri_columns(shown, rows)))


def _prefix_help() -> str:
    from .ontology.namespaces import PREFIXES

    lines = [f"  {p}: <{ns}>" for p, ns in PREFIXES.items()]
    return "\b\nBuilt-in prefixes (usable without a PREFIX line):\n" + "\n".join(lines)


@main.command(epilog=_prefix_help())
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True,
              help="A parameter as name=value (see `inspectkg queries`); repeatable.")
@click.option("--format", "-f", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table",
              help=FORMAT_HELP)
@click.option("--iris", is_flag=True, help=IRIS_HELP)
@_store_option
@_friendly
def query(query: str, params: tuple[str, ...], fmt: str, iris: bool, store: str | None) -> None:
    """Run QUERY: a named query (see `inspectkg queries`), a .rq file or SPARQL text."""
    from .queries import json_value, to_python, value

    given = _params(params)
    columns, rows = api.query(query, given, store=store, terms=True)
    if fmt == "json":
        typed = [{c: json_value(to_python(r.get(c))) for c in columns} for r in rows]
        click.echo(json.dumps(typed, indent=2, ensure_ascii=False))
    else:
        text_rows = [{c: value(r.get(c)) for c in columns} for r in rows]
        if fmt == "table":  # the parameters' own columns echo what was typed: not in the table
            from .queries import resolve as find_query

            echoed = {p.name for p in find_query(query).params}
            columns = [c for c in columns if c not in echoed] or columns
        click.echo(render(columns, text_rows, fmt, iris=iris))
    if not rows:
        _nothing("no rows match", given)


@main.command("queries")
def list_queries() -> None:
    """List the named queries with what they answer and their parameters."""
    from .queries import catalogue

    for name, q in catalogue().items():
        click.echo(f"{name}: {q.title}")
        if q.description:
            click.echo(f"    {q.description}")
        for p in q.params:
            need = "required" if p.required else "optional"
            click.echo(f"    --param {p.name}=...  ({p.type}, {need}) {p.description}")


def _nothing(what: str, filters: dict[str, str | None]) -> None:
    """Say on stderr that an answer is empty, and for which filters: never a silent nothing."""
    given = ", ".join(f"{k}={v}" for k, v in filters.items() if v)
    click.echo(f"note: {what}{' for ' + given if given else ''}", err=True)


# ---- export ---------------------------------------------------------------------------------
@main.command()
@click.option(
    "--format", "-f", "fmt", default=None,
    type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld", "graphml", "gexf"]),
    help="ttl/nt hold the union of all graphs; nq/trig/jsonld keep the named graphs; "
    "graphml/gexf are the network of authorities, reports, items, services and trace links "
    "for desktop tools (Gephi, Cytoscape, yEd). Default: told by --out's extension "
    "(kg.trig is TriG), else ttl; a --format that disagrees with the extension is refused.",
)
@click.option("--out", "-o", type=click.Path(path_type=str), default=None,
              help="Output file (never inside a store folder); standard output if omitted.")
@_store_option
@_friendly
def export(fmt: str | None, out: str | None, store: str | None) -> None:
    """Write the whole graph as Turtle, N-Triples, N-Quads, TriG or JSON-LD, or its network
    as GraphML or GEXF (labels, kinds, statuses, grades and IRIs on every node)."""
    if out is None:
        click.echo(api.export(fmt, None, store=store), nl=False)
        return
    existed = Path(out).exists()
    api.export(fmt, out, store=store)
    from .graph.export import choose_format

    chosen = choose_format(fmt, out)
    click.echo(f"{'replaced' if existed else 'wrote'} {out} ({chosen})", err=True)


# ---- browse ---------------------------------------------------------------------------------
@main.command()
@click.option("--authority", "-a", default=None, help="Draw this authority (any of its names).")
@click.option("--service", "-s", default=None,
              help="Only items about this service (notation or label, e.g. SEN, attendance).")
@click.option("--recommendation", "-r", default=None,
              help="Also draw the trace of this recommendation: its IRI, the end of it "
              "(westminster-2002-lea-inspection/recommendation/1) or its number.")
@click.option("--out", "-o", required=True, type=click.Path(path_type=str),
              help="Folder to write the pages to (created if missing).")
@click.option("--max-nodes", type=int, default=None,
              help="Most nodes a page draws before it counts items instead (default 1500).")
@_store_option
@_friendly
def browse(authority: str | None, service: str | None, recommendation: str | None, out: str,
           max_nodes: int | None, store: str | None) -> None:
    """Write interactive views as standalone HTML pages that work offline: an overview, each
    authority's timeline of reports and trace links, and one recommendation's chain."""
    result = api.browse(out, authority=authority, service=service,
                        recommendation=recommendation, max_nodes=max_nodes, store=store)
    for page in result.pages:
        done = "replaced" if page.replaced else "wrote"
        click.echo(f"{done} {page.path}: {page.title} ({page.nodes} nodes, {page.edges} edges)")
        for note in page.notes:
            click.echo(f"  note: {note}")
    for note in result.notes:
        click.echo(f"note: {note}")
    if result.index_replaced:
        click.echo(f"replaced {result.index}")
    click.echo(f"open {result.index}")


# ---- trace ----------------------------------------------------------------------------------
TRACE_COLUMNS = [
    "recommendation", "number", "recommendation_text", "recommendation_report",
    "recommendation_date", "services", "step", "kind", "text", "report", "date", "status",
    "grade", "rank", "method", "score", "evidence", "matched", "verdict", "via", "rests_on",
    "reason",
]


def _trace_rows(chains: list[Any]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for chain in chains:
        rec = chain.recommendation
        base = {
            "recommendation": rec["iri"], "number": rec["number"],
            "recommendation_text": rec["text"], "recommendation_report": rec["report"],
            "recommendation_date": rec["date"], "services": " ".join(rec["services"]),
            "rests_on": chain.rests_on, "reason": chain.reason or "",
        }
        for step in chain.steps or [None]:
            row = dict.fromkeys(TRACE_COLUMNS, "") | base
            if step is not None:
                row |= {
                    "step": step.iri, "kind": step.kind, "text": step.text,
                    "report": step.report, "date": step.date, "status": step.status or "",
                    "grade": step.grade or "", "rank": "" if step.rank is None else str(step.rank),
                    "method": step.link.method, "score": f"{step.link.score:.3f}",
                    "evidence": step.link.evidence, "matched": " | ".join(step.link.matched),
                    "verdict": step.link.verdict or "", "via": step.link.via,
                }
            rows.append(row)
    return rows


def grouped_steps(chain: Any) -> list[Any]:
    """The steps in date order, each progress update right under the action it reports on."""
    updates: dict[str, list[Any]] = {}
    for s in chain.steps:
        if s.kind == "progress_update":
            updates.setdefault(s.link.via, []).append(s)
    out: list[Any] = []
    for s in chain.steps:
        if s.kind != "progress_update":
            out.append(s)
            out.extend(updates.pop(s.iri, []))
    out.extend(u for rest in updates.values() for u in rest)  # an action not shown itself
    return out


def render_trace(
    chains: list[Any], fmt: str, *, iris: bool = False, width: int | None = None
) -> str:
    """Chains as readable text (table, markdown) or complete data (json, csv).

    The table has one line per step, cut to the terminal's width; ``iris`` adds each
    recommendation's and step's IRI.
    """
    if fmt == "json":
        return json.dumps([c.to_dict() for c in chains], indent=2, ensure_ascii=False)
    if fmt in ("csv", "tsv"):
        return render(TRACE_COLUMNS, _trace_rows(chains), fmt)
    width = width or terminal_width()
    columns = ["date", "kind", "status/grade", "link", "text"] + (["iri"] if iris else [])
    blocks: list[str] = []
    for chain in chains:
        rec = chain.recommendation
        services = ", ".join(rec["services"]) or "no service"
        title = f"Recommendation {rec['number']} - {rec['report_label']} ({services})"
        text = " ".join(rec["text"].split())
        if fmt == "markdown":
            blocks.append(f"### {title}\n{text}" + (f"\n<{rec['iri']}>" if iris else ""))
        else:
            lines = [*textwrap.wrap(title, width, break_on_hyphens=False),
                     *textwrap.wrap(text, width, break_on_hyphens=False)]
            blocks.append("\n".join(lines + ([rec["iri"]] if iris else [])))
        if not chain.steps:
            said = textwrap.wrap(f"nothing found: {chain.reason or 'no link'}", width - 2,
                                 break_on_hyphens=False)
            blocks.append("\n".join("  " + line for line in said) + "\n")
            continue
        blocks.append("\n".join(textwrap.wrap(f"rests on: {chain.rests_on}", width,
                                               break_on_hyphens=False)))
        rows = [
            {"date": s.date, "kind": ("  - " if s.kind == "progress_update" else "")
             + s.kind.replace("_", " "),
             "status/grade": s.status or s.grade or s.link.verdict or "",
             "link": f"{s.link.method} ({s.link.score:.2f})", "text": s.text, "iri": s.iri}
            for s in grouped_steps(chain)
        ]
        if fmt == "markdown":
            table = tabulate([[r[c] for c in columns] for r in rows], headers=columns,
                             tablefmt="github", disable_numparse=True)
        else:
            table = fit_table(columns, rows, width=width, wrap=False, fixed={"iri"},
                              first={"text"})
        blocks.append(table + "\n")
    return "\n".join(blocks).rstrip()


@main.command()
@click.option("--authority", "-a", help="Any name of the authority, e.g. Westminster.")
@click.option("--service", "-s", help="Only recommendations about this service.")
@click.option("--recommendation", "-r", help="One recommendation: its IRI or its number.")
@click.option("--format", "-f", "fmt", default="table",
              type=click.Choice(["table", "json", "csv", "tsv", "markdown"]),
              help="table (one line per step, fits the terminal), json (the complete chains "
              "with IRIs), csv or tsv (one row per step), markdown (for a paper).")
@click.option("--iris", is_flag=True, help=IRIS_HELP)
@click.option("--min-score", type=click.FloatRange(0, 1), default=0.0,
              help="Leave out links scored below this (0-1), and what hangs off them.")
@click.option("--explicit-only", is_flag=True,
              help="Only links the reports state, no inferred ones.")
@_store_option
@_friendly
def trace(authority: str | None, service: str | None, recommendation: str | None, fmt: str,
          iris: bool, min_score: float, explicit_only: bool, store: str | None) -> None:
    """Follow recommendations to what later reports say became of them, in date order."""
    if not authority and not recommendation:
        raise InspectKGError("give --authority NAME or --recommendation IRI")
    chains = api.trace(authority, service=service, recommendation=recommendation, store=store,
                       inferred=not explicit_only, min_score=min_score)
    if not chains:
        _nothing("no recommendation matches",
                 {"authority": authority, "service": service, "recommendation": recommendation})
        if fmt == "json":
            click.echo("[]")
        return
    click.echo(render_trace(chains, fmt, iris=iris))


# ---- services -------------------------------------------------------------------------------
@main.command()
@click.option("--authority", "-a", help="Only this authority (any name or code).")
@click.option("--format", "-f", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table",
              help=FORMAT_HELP)
@_store_option
@_friendly
def services(authority: str | None, fmt: str, store: str | None) -> None:
    """List the service scheme with how many items each concept holds per authority."""
    from .queries import value

    _, rows = api.services(authority, store=store, terms=True)
    authorities = sorted({value(r["authorityName"]) for r in rows} - {""})
    table: list[dict[str, str]] = []
    for notation in sorted({value(r["notation"]) for r in rows}):
        mine = [r for r in rows if value(r["notation"]) == notation]
        line = {"service": notation, "label": value(mine[0]["label"]),
                "broader": value(mine[0]["broader"])}
        for a in authorities:
            counts = [r for r in mine if value(r["authorityName"]) == a]
            line[a] = (
                "/".join(value(counts[0][k]) for k in ("recommendations", "judgements", "actions"))
                if counts else "0/0/0"
            )
        table.append(line)
    columns = ["service", "label", "broader", *authorities]
    click.echo(render(columns, table, fmt))
    if not authorities:
        _nothing("no item is classified to any service", {"authority": authority})
    if fmt == "table":
        click.echo("\ncounts: recommendations/judgements/actions", err=True)


# ---- validate -------------------------------------------------------------------------------
@main.command()
@_store_option
@_friendly
def validate(store: str | None) -> None:
    """Check the graph against the SHACL shapes; list violations readably."""
    report = api.validate(store=store)
    click.echo(report.text())
    if not report.conforms:
        sys.exit(1)


# ---- serve ----------------------------------------------------------------------------------
@main.command()
@click.option("--store", "store", type=click.Path(path_type=str), default=None, envvar=STORE_ENV,
              help=f"Store folder to serve (default: {default_store_path()}).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", "-p", type=int, default=7878, show_default=True, help="Port to listen on.")
@click.option("--timeout", type=int, default=30, show_default=True,
              help="Seconds a query may run.")
@click.option("--max-results", type=int, default=10_000, show_default=True,
              help="Rows (solutions or triples) a query may return.")
@_friendly
def serve(store: str | None, host: str, port: int, timeout: int, max_results: int) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint, with an editor and the browse pages,
    until Ctrl-C."""

    def ready(endpoint: object) -> None:
        url = getattr(endpoint, "url", "")
        click.echo(f"SPARQL endpoint {url}/query, editor {url}/, browse pages {url}/browse/ "
                   f"(read-only; {timeout} s, {max_results} rows a query). Ctrl-C stops.",
                   err=True)

    api.serve(store=store, host=host, port=port, timeout=timeout, max_results=max_results,
              ready=ready)


if __name__ == "__main__":  # pragma: no cover
    main()

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
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from tabulate import tabulate

from . import api
from .errors import InspectKGError
from .graph.store import STORE_ENV, default_store_path

OUTPUT_FORMATS = ("table", "csv", "tsv", "json", "markdown")


def _store_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--store", "store", type=click.Path(path_type=str), default=None, envvar=STORE_ENV,
        help=f"Store folder or SPARQL endpoint URL (default: {default_store_path()}).",
    )(f)


def _friendly(f: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the errors a user can cause into one line and exit code 1."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except InspectKGError as exc:
            raise click.ClickException(str(exc)) from None
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
@_friendly
def build(paths: tuple[str, ...], store: str | None, base: str | None, quiet: bool) -> None:
    """Load reports into the store: the bundled samples by default, or the FILES and folders
    given. Building the same reports again changes nothing."""
    from .graph.build import report_paths

    files = report_paths(paths)
    bar = None
    if len(files) > 5 and not quiet and sys.stderr.isatty():
        bar = click.progressbar(length=len(files), label="Reading reports", file=sys.stderr)

    def progress(i: int, total: int, path: Path) -> None:
        if bar is not None:
            bar.update(1)
        elif total > 5 and not quiet:
            click.echo(f"[{i}/{total}] {path.name}", err=True)

    result = api.build(files, store=store, base=base, progress=progress)
    if bar is not None:
        bar.render_finish()
    for f in result.files:
        if f.ok and not quiet:
            click.echo(f"ok    {f.path}: {f.message}")
        elif not f.ok:
            click.echo(f"error {f.path}: {f.message}", err=True)
    if result.links and not quiet:
        links = ", ".join(f"{v} {k}" for k, v in sorted(result.links.items()))
        click.echo(f"links {links}")
    loc = store or str(default_store_path())
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


def render(columns: list[str], rows: list[dict[str, str]], fmt: str) -> str:
    """Rows of plain strings as a terminal table, CSV, TSV, JSON or Markdown."""
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
    table = [[r.get(c, "") for c in columns] for r in rows]
    style = "github" if fmt == "markdown" else "simple"
    return tabulate(table, headers=columns, tablefmt=style, maxcolwidths=None)


@main.command()
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, help="A parameter as key=value.")
@click.option("--format", "-f", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table")
@_store_option
@_friendly
def query(query: str, params: tuple[str, ...], fmt: str, store: str | None) -> None:
    """Run QUERY: a named query (see `inspectkg queries`), a .rq file or SPARQL text."""
    from .queries import value

    columns, rows = api.query(query, _params(params), store=store)
    text_rows = [{c: value(r.get(c)) for c in columns} for r in rows]
    click.echo(render(columns, text_rows, fmt))


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


# ---- export ---------------------------------------------------------------------------------
@main.command()
@click.option(
    "--format", "-f", "fmt", default="ttl",
    type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld"]),
    help="ttl/nt hold the union of all graphs; nq/trig/jsonld keep the named graphs.",
)
@click.option("--out", "-o", type=click.Path(path_type=str), default=None, help="Output file.")
@_store_option
@_friendly
def export(fmt: str, out: str | None, store: str | None) -> None:
    """Write the whole graph as Turtle, N-Triples, N-Quads, TriG or JSON-LD."""
    text = api.export(fmt, None, store=store)
    if out is None:
        click.echo(text, nl=False)
    else:
        from .graph.export import write

        write(text, out)
        click.echo(f"wrote {out}", err=True)


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


if __name__ == "__main__":  # pragma: no cover
    main()

"""Pages from views: pyvis holds the nodes and edges, our own template writes standalone HTML.

pyvis's own template fetches vis-network, Bootstrap and tom-select from CDNs and prints its
heading unescaped, so it is not used: pyvis renders ``assets/page.html`` through a Jinja
environment that autoescapes, and the page inlines the shipped vis-network, our CSS and script.

Report text reaches a page three ways, each safe:
- in the HTML (heading, notes): autoescaped by Jinja;
- in the page data: JSON inside ``<script type="application/json">`` with ``<``, ``>`` and ``&``
  written as ``\\u003c``, ``\\u003e`` and ``\\u0026``, so it cannot close the script element;
- in the page: the script puts it in the DOM with ``textContent`` only, tooltips included.
A Content-Security-Policy with the hashes of our own scripts and styles, and no network source
at all, stops anything that got through anyway.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping, Sequence
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from .items import SUBKIND_LABELS
from .style import KINDS, NO_VALUE_COLOR, palette
from .views import View

_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                   "\u2028": "\\u2028", "\u2029": "\\u2029"}
# Node attributes a page needs; the rest (e.g. report_label) stay in the networkx graph.
_NODE_KEYS = ("kind", "subkind", "text", "quote", "iri", "report", "date", "source", "services",
              "service_labels", "status", "status_label", "grade", "rank", "grade_band", "fields")
_EDGE_KEYS = ("relation", "label", "method", "methods", "score", "link_type", "evidence_from",
              "evidence_to", "iri", "count")


def assets_dir() -> Path:
    return Path(str(files("inspectkg.graph.views") / "assets"))


@cache
def asset(name: str) -> str:
    """A shipped asset's text (vis-network, our CSS and script)."""
    return (assets_dir() / name).read_text(encoding="utf-8")


def script_json(data: Any) -> Markup:
    """JSON that is safe inside a ``<script>`` element of an HTML page."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(char, escaped)
    return Markup(text)


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(scripts: Sequence[str], styles: Sequence[str]) -> str:
    """Only our own inline scripts and styles may run; nothing may be fetched from anywhere."""
    script_src = " ".join(_hash(s) for s in scripts) or "'none'"
    style_src = " ".join(_hash(s) for s in styles) or "'none'"
    return (f"default-src 'none'; script-src {script_src}; style-src {style_src}; "
            "img-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'")


def _environment(**globals_: Any) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(assets_dir())),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    env.globals.update(globals_)
    return env


def render_view(view: View, pages: Mapping[str, tuple[str, str]] | None = None) -> str:
    """The standalone HTML of a view; ``pages`` maps node IRIs to (file, link text) of pages."""
    net = Network(height="100%", width="100%", directed=True, heading=view.title,
                  cdn_resources="in_line")
    for n, d in view.graph.nodes(data=True):
        kind = KINDS.get(d["kind"])
        data = {k: _plain(d.get(k)) for k in _NODE_KEYS if d.get(k) not in (None, "", ())}
        data["subkindLabel"] = SUBKIND_LABELS.get(d.get("subkind") or "")
        page = (pages or {}).get(n)
        if page and page[0] != f"{view.name}.html":
            data["page"], data["pageLabel"] = page
        elif d["kind"] == "recommendation" and "/report/" in n and view.kind != "chain":
            tail = n.rsplit("/report/", 1)[1]
            data["trace_command"] = f"inspectkg browse --recommendation {tail} --out DIR"
        net.add_node(n, label=d.get("label") or n, shape=kind.shape if kind else "dot",
                     color=kind.color if kind else NO_VALUE_COLOR,
                     x=d.get("x", 0.0), y=d.get("y", 0.0), **data)
    for u, v, d in view.graph.edges(data=True):
        net.add_edge(u, v, **{k: _plain(d.get(k)) for k in _EDGE_KEYS if d.get(k) is not None})
    vis_js, app_js, css = asset("vis-network.min.js"), asset("browse.js"), asset("browse.css")
    meta = {"view": view.kind, "focus": view.focus, "bands": view.bands, "palette": palette(),
            "noValueColor": NO_VALUE_COLOR}

    def page_data(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> Markup:
        return script_json({"nodes": nodes, "edges": edges, "meta": meta})

    net.set_template_dir(str(assets_dir()) + "/", "page.html")
    net.templateEnv = _environment(
        csp=content_security_policy([vis_js, app_js], [css]), css=Markup(css),
        vis_js=Markup(vis_js), app_js=Markup(app_js), page_data=page_data,
        subtitle=view.description, notes=view.notes, view_kind=view.kind,
    )
    return net.generate_html()


def render_index(
    heading: str, subtitle: str, sections: list[dict[str, Any]], notes: Sequence[str] = ()
) -> str:
    """The index page: a list of the pages written, no script."""
    css = asset("browse.css")
    env = _environment(csp=content_security_policy([], [css]), css=Markup(css))
    return env.get_template("index.html").render(heading=heading, subtitle=subtitle,
                                                 sections=sections, notes=notes)


def _plain(value: Any) -> Any:
    """Values as JSON: tuples as lists, field pairs as lists."""
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value

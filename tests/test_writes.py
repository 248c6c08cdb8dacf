"""Files the user asks for are written where asked and nowhere else: the export format told by
the extension, never inside a store, never through a link, never over someone else's file, and
always said when one is replaced."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import inspectkg.api as kg
from inspectkg.cli import main
from inspectkg.errors import InspectKGError
from inspectkg.graph.store import open_store


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def small_store(tmp_path_factory, westminster_apa_2006):
    """A store of one report (quick to export), closed so the CLI can open it."""
    loc = tmp_path_factory.mktemp("writes") / "kg"
    result = kg.build([westminster_apa_2006], store=str(loc))
    assert not result.failed
    return str(loc)


def test_export_format_follows_the_extension(small_store, tmp_path):
    out = tmp_path / "kg.trig"
    result = _run("export", "--out", str(out), "--store", small_store)
    assert result.exit_code == 0, result.output
    assert f"wrote {out} (trig)" in result.output
    quads = list(ox.parse(path=str(out), format=ox.RdfFormat.TRIG))
    assert any(isinstance(q.graph_name, ox.NamedNode) for q in quads)
    nq = tmp_path / "kg.nq"
    kg.export(out=nq, store=small_store)
    assert len(list(ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS))) == len(quads)


def test_a_format_that_disagrees_with_the_extension_is_refused(small_store, tmp_path):
    out = tmp_path / "kg.ttl"
    result = _run("export", "--format", "trig", "--out", str(out), "--store", small_store)
    assert result.exit_code == 1
    assert "the extension .ttl means ttl, but --format is trig" in result.output
    assert not out.exists()
    result = _run("export", "--out", str(tmp_path / "kg.txt"), "--store", small_store)
    assert result.exit_code == 1 and "cannot tell the format from '.txt'" in result.output
    result = _run("export", "--format", "nt", "--out", str(tmp_path / "kg.data"),
                  "--store", small_store)
    assert result.exit_code == 0  # an extension of no format: --format decides


def test_export_says_when_it_replaces_a_file(small_store, tmp_path):
    out = tmp_path / "kg.ttl"
    out.write_text("old")
    result = _run("export", "--out", str(out), "--store", small_store)
    assert result.exit_code == 0
    assert f"replaced {out} (ttl)" in result.output
    assert out.read_text().startswith("@prefix")


def test_export_never_writes_inside_a_store(small_store, tmp_path):
    from pathlib import Path

    current = Path(small_store) / "CURRENT"
    before = current.read_bytes()
    for target in (current, Path(small_store) / "sub" / "kg.ttl"):
        result = _run("export", "-f", "ttl", "--out", str(target), "--store", small_store)
        assert result.exit_code == 1, result.output
        assert "is inside the store folder" in result.output
    assert current.read_bytes() == before
    with pytest.raises(InspectKGError, match="inside the store folder"):
        kg.export("nt", current, store=small_store)
    store = open_store(small_store, read_only=True)  # still opens: nothing was harmed
    assert len(store.graphs()) > 1
    store.close()


def test_browse_never_overwrites_an_unrelated_index(small_store, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>my own page</p>")
    result = _run("browse", "--out", str(site), "--store", small_store)
    assert result.exit_code == 1
    assert "index.html: exists and was not written by inspectkg browse" in result.output
    assert (site / "index.html").read_text() == "<p>my own page</p>"
    assert not (site / "overview.html").exists()  # checked before anything is written


def test_browse_never_follows_a_link_out_of_its_folder(small_store, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    outside = tmp_path / "outside.html"
    outside.write_text("precious")
    (site / "overview.html").symlink_to(outside)
    result = _run("browse", "--out", str(site), "--store", small_store)
    assert result.exit_code == 1
    assert "overview.html: is a symbolic link" in result.output
    assert outside.read_text() == "precious"


def test_browse_says_when_it_replaces_its_own_pages(small_store, tmp_path):
    site = tmp_path / "site"
    first = _run("browse", "--out", str(site), "--store", small_store)
    assert first.exit_code == 0 and "replaced" not in first.output
    again = _run("browse", "--out", str(site), "--store", small_store)
    assert again.exit_code == 0, again.output
    assert f"replaced {site / 'overview.html'}" in again.output
    assert f"replaced {site / 'index.html'}" in again.output


def test_browse_refuses_a_folder_inside_a_store(small_store):
    result = _run("browse", "--out", f"{small_store}/site", "--store", small_store)
    assert result.exit_code == 1 and "is inside the store folder" in result.output

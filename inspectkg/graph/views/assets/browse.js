/* inspectkg views: draw the page's graph with vis-network, filters, search, legend, details.
 *
 * Safety rule of this file: text that comes from a report (labels, quotes, titles, notes) only
 * ever reaches the page as text: textContent / createTextNode, or a canvas label. Never
 * innerHTML, never an HTML string given to vis-network (tooltips are DOM elements we build).
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var meta = data.meta;
  var palette = meta.palette;
  var GREY = meta.noValueColor;
  var NON_ITEMS = { report: true, authority: true, service: true };

  // ---- small DOM helpers (text only) ---------------------------------------------------------
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function byId(id) { return document.getElementById(id); }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function kindLabel(n) {
    var k = palette.kind[n.kind];
    return n.subkindLabel || (k ? k.label : n.kind);
  }

  // ---- colours --------------------------------------------------------------------------------
  var mode = "kind";
  function colourOf(n) {
    if (mode === "status") { return n.status && palette.status[n.status] ? palette.status[n.status].color : GREY; }
    if (mode === "grade") { return n.grade_band && palette.grade[n.grade_band] ? palette.grade[n.grade_band].color : GREY; }
    return palette.kind[n.kind] ? palette.kind[n.kind].color : GREY;
  }
  function visColour(c) {
    return { background: c, border: "#333333", highlight: { background: c, border: "#000000" },
             hover: { background: c, border: "#000000" } };
  }

  // ---- tooltips as DOM elements ----------------------------------------------------------------
  function nodeTip(n) {
    var d = el("div");
    d.appendChild(el("div", kindLabel(n), "tip-kind"));
    d.appendChild(el("div", n.text ? short(n.text, 300) : n.label));
    if (n.quote && n.quote !== n.text) { d.appendChild(el("div", "\u201c" + short(n.quote, 300) + "\u201d", "tip-quote")); }
    if (n.status_label) { d.appendChild(el("div", "Status: " + n.status_label)); }
    if (n.grade) { d.appendChild(el("div", "Grade: " + n.grade + (n.rank !== null && n.rank !== undefined ? " (rank " + n.rank + " of 4)" : ""))); }
    if (n.source) { d.appendChild(el("div", n.source, "tip-source")); }
    return d;
  }
  function edgeTip(e) {
    var d = el("div");
    d.appendChild(el("div", e.label || e.relation, "tip-kind"));
    if (e.relation === "link" || e.relation === "aggregate") {
      d.appendChild(el("div", "Method: " + methodsOf(e).join(", ") + "; score " + fmtScore(e.score)));
    }
    if (e.evidence_from) { d.appendChild(el("div", "\u201c" + short(e.evidence_from, 200) + "\u201d", "tip-quote")); }
    if (e.evidence_to) { d.appendChild(el("div", "\u2192 \u201c" + short(e.evidence_to, 200) + "\u201d", "tip-quote")); }
    return d;
  }
  function short(s, n) { s = String(s); return s.length > n ? s.slice(0, n - 1) + "\u2026" : s; }
  function fmtScore(s) { return (s === null || s === undefined) ? "n/a" : Number(s).toFixed(2); }

  // ---- data sets -----------------------------------------------------------------------------
  var byNode = {};
  var visNodes = data.nodes.map(function (n) {
    byNode[n.id] = n;
    var kind = palette.kind[n.kind] || { shape: "dot" };
    return {
      id: n.id, label: n.label, x: n.x, y: n.y, shape: kind.shape,
      color: visColour(colourOf(n)), title: nodeTip(n),
      // labels inside a box need no background of their own
      font: n.kind === "report" || n.kind === "authority" ? { multi: false, size: 22, background: "rgba(0,0,0,0)" }
        : (n.kind === "group" ? { multi: false, background: "rgba(0,0,0,0)" } : { multi: false }),
      borderWidth: n.id === meta.focus ? 4 : 1,
      size: n.kind === "report" || n.kind === "authority" ? 24 : 14
    };
  });
  var byEdge = {};
  var visEdges = data.edges.map(function (e, i) {
    var id = "e" + i;
    e.id = id;
    byEdge[id] = e;
    var inferred = e.link_type === "inferred";
    var width = 1.5;
    if (e.relation === "link") { width = 1 + 4 * (e.score === null || e.score === undefined ? 0.5 : e.score); }
    if (e.count) { width = Math.min(1 + Math.log(1 + e.count) * 1.5, 10); }
    var colour = inferred ? "#7b3fa0" : (e.relation === "about" || e.relation === "report" ? "#b5b5b5" : "#444444");
    return {
      id: id, from: e.from, to: e.to, width: width, dashes: inferred ? [8, 5] : false,
      // unselected links stay light so labels read through them; selection shows them in full
      color: { color: colour, opacity: inferred ? 0.45 : 0.7, highlight: "#000000", hover: "#000000",
               inherit: false },
      arrows: { to: { enabled: e.relation !== "about" && e.relation !== "report", scaleFactor: 0.6 } },
      title: edgeTip(e),
      label: e.relation === "aggregate" ? String(e.count) : undefined
    };
  });
  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);

  // ---- filters ---------------------------------------------------------------------------------
  var state = { service: "", kinds: {}, status: "", methods: {}, minScore: 0, trace: null };
  var visible = {};
  var statusNeighbours = null;

  function present(key) {
    var seen = {};
    data.nodes.forEach(function (n) { if (n[key]) { seen[n[key]] = true; } });
    return seen;
  }
  function buildFilters() {
    var box = byId("filters");
    // services
    var services = {};
    data.nodes.forEach(function (n) {
      (n.services || []).forEach(function (s, i) { services[s] = (n.service_labels || [])[i] || s; });
    });
    var ids = Object.keys(services).sort(function (a, b) { return services[a].localeCompare(services[b]); });
    if (ids.length > 1) {
      box.appendChild(labelFor("filter-service", "Service"));
      var sel = el("select"); sel.id = "filter-service";
      sel.appendChild(option("", "every service"));
      ids.forEach(function (s) { sel.appendChild(option(s, services[s])); });
      sel.addEventListener("change", function () { state.service = sel.value; refresh(); });
      box.appendChild(sel);
    }
    // kinds
    var kinds = present("kind");
    var kindSet = el("fieldset"); kindSet.appendChild(el("legend", "Kinds of node"));
    Object.keys(palette.kind).forEach(function (k) {
      if (!kinds[k]) { return; }
      state.kinds[k] = true;
      kindSet.appendChild(checkbox("kind-" + k, palette.kind[k].label, function (on) { state.kinds[k] = on; refresh(); }));
    });
    box.appendChild(kindSet);
    // statuses
    var statuses = present("status");
    var sids = Object.keys(palette.status).filter(function (s) { return statuses[s]; });
    if (sids.length) {
      box.appendChild(labelFor("filter-status", "Status"));
      var ssel = el("select"); ssel.id = "filter-status";
      ssel.appendChild(option("", "any status"));
      sids.forEach(function (s) { ssel.appendChild(option(s, palette.status[s].label)); });
      ssel.addEventListener("change", function () { state.status = ssel.value; refresh(); });
      box.appendChild(ssel);
    }
    // link methods and score
    var methods = {};
    var scored = false;
    data.edges.forEach(function (e) {
      methodsOf(e).forEach(function (m) { methods[m] = true; });
      if (e.relation === "link" || e.relation === "aggregate") { scored = true; }
    });
    var mids = Object.keys(methods).sort();
    if (mids.length) {
      var mset = el("fieldset"); mset.appendChild(el("legend", "Links by method"));
      mids.forEach(function (m) {
        state.methods[m] = true;
        mset.appendChild(checkbox("method-" + m.replace(/[^A-Za-z0-9]+/g, "-"), m, function (on) { state.methods[m] = on; refresh(); }));
      });
      box.appendChild(mset);
    }
    if (scored) {
      box.appendChild(labelFor("min-score", "Lowest link score shown"));
      var range = el("input"); range.id = "min-score"; range.type = "range";
      range.min = "0"; range.max = "1"; range.step = "0.05"; range.value = "0";
      var out = el("span", "0.00", "hint"); out.id = "min-score-value";
      range.addEventListener("input", function () {
        state.minScore = Number(range.value); out.textContent = state.minScore.toFixed(2); refresh();
      });
      box.appendChild(range); box.appendChild(out);
    }
  }
  function option(value, text) { var o = el("option", text); o.value = value; return o; }
  function labelFor(id, text) { var l = el("label", text); l.htmlFor = id; return l; }
  function checkbox(id, text, onChange) {
    var l = el("label"); var c = el("input"); c.type = "checkbox"; c.id = id; c.checked = true;
    c.addEventListener("change", function () { onChange(c.checked); });
    l.appendChild(c); l.appendChild(document.createTextNode(" " + text));
    return l;
  }

  function methodsOf(e) { return e.methods || (e.method ? [e.method] : []); }
  function edgeShown(e) {
    var ms = methodsOf(e);
    if (ms.length && ms.every(function (m) { return state.methods[m] === false; })) { return false; }
    if ((e.relation === "link" || e.relation === "aggregate") && (e.score || 0) < state.minScore) { return false; }
    return true;
  }
  function nodeShown(n) {
    if (!state.kinds[n.kind]) { return false; }
    if (state.trace && !state.trace[n.id] && n.kind !== "report") { return false; }
    if (state.service && !NON_ITEMS[n.kind] && (n.services || []).indexOf(state.service) < 0) { return false; }
    if (state.service && n.kind === "service" && n.id !== state.service) { return false; }
    if (state.status) {
      if (n.status) { return n.status === state.status; }
      return NON_ITEMS[n.kind] || statusNeighbours[n.id] === true;
    }
    return true;
  }
  function computeVisible() {
    statusNeighbours = {};
    if (state.status) {
      data.edges.forEach(function (e) {
        if (!edgeShown(e)) { return; }
        var a = byNode[e.from], b = byNode[e.to];
        if (a && a.status === state.status) { statusNeighbours[e.to] = true; }
        if (b && b.status === state.status) { statusNeighbours[e.from] = true; }
      });
    }
    visible = {};
    data.nodes.forEach(function (n) { if (nodeShown(n)) { visible[n.id] = true; } });
  }
  var nodesView = new vis.DataView(nodes, { filter: function (n) { return visible[n.id] === true; } });
  var edgesView = new vis.DataView(edges, { filter: function (v) {
    var e = byEdge[v.id];
    return visible[e.from] === true && visible[e.to] === true && edgeShown(e);
  } });

  function refresh(keepView) {
    computeVisible();
    nodesView.refresh();
    edgesView.refresh();
    var items = data.nodes.filter(function (n) { return !NON_ITEMS[n.kind]; });
    var shownItems = items.filter(function (n) { return visible[n.id]; });
    byId("shown").textContent = "Showing " + nodesView.length + " of " + data.nodes.length + " nodes" +
      (items.length ? " (" + shownItems.length + " of " + items.length + " items)" : "") +
      " and " + edgesView.length + " links.";
    renderList();
    runSearch();
    if (!keepView && typeof network !== "undefined") { fitView(null, null, true); }
  }

  // ---- one item's trace: everything it leads to and everything that leads to it ----------------
  function traceOf(id) {
    var seen = {}; seen[id] = true;
    [["from", "to"], ["to", "from"]].forEach(function (dir) {
      var queue = [id], done = {}; done[id] = true;
      while (queue.length) {
        var cur = queue.shift();
        data.edges.forEach(function (e) {
          if (e[dir[0]] === cur && !done[e[dir[1]]] && byNode[e[dir[1]]] && !NON_ITEMS[byNode[e[dir[1]]].kind]) {
            done[e[dir[1]]] = true; seen[e[dir[1]]] = true; queue.push(e[dir[1]]);
          }
        });
      }
    });
    return seen;
  }
  function showTrace(id) {
    state.trace = traceOf(id);
    var box = byId("trace-note"); clear(box);
    box.appendChild(el("span", "Showing only the trace of: " + byNode[id].label + " "));
    var b = el("button", "Show everything again"); b.type = "button"; b.id = "trace-clear";
    b.addEventListener("click", function () { state.trace = null; clear(box); refresh(); showNode(id); });
    box.appendChild(b);
    refresh(true);
    fitView(null, id, true);  // fitted to the trace; too wide for reading, around the item
    showNode(id);
  }

  // ---- legend ------------------------------------------------------------------------------------
  function renderLegend() {
    var ul = byId("legend"); clear(ul);
    var kinds = present("kind");
    if (mode === "kind") {
      Object.keys(palette.kind).forEach(function (k) {
        if (kinds[k]) { ul.appendChild(legendItem(palette.kind[k].color, palette.kind[k].label, palette.kind[k].shape)); }
      });
    } else {
      var key = mode === "status" ? "status" : "grade_band";
      var seen = present(key);
      var table = palette[mode];
      Object.keys(table).forEach(function (k) {
        if (seen[k]) { ul.appendChild(legendItem(table[k].color, table[k].label)); }
      });
      ul.appendChild(legendItem(GREY, mode === "status" ? "no status (not an action or update)" : "no grade"));
      ul.appendChild(el("li", "Shapes still show the kind of item; labels name the " + (mode === "status" ? "status." : "grade."), "hint"));
    }
    var el2 = byId("edge-legend"); clear(el2);
    var types = {};
    data.edges.forEach(function (e) { types[e.link_type || e.relation] = true; });
    if (types.stated || types.explicit) { el2.appendChild(lineItem(false, "#444444", "stated in a report (addresses, cites, updates, explicit link)")); }
    if (types.inferred) { el2.appendChild(lineItem(true, "#7b3fa0", "inferred link (thicker = higher score)")); }
    if (types.aggregate) { el2.appendChild(lineItem(false, "#444444", "number of trace links between groups")); }
    if (types.about || types.report) { el2.appendChild(lineItem(false, "#b5b5b5", "report of an authority / items about a service")); }
  }
  function legendItem(colour, text, shape) {
    var li = el("li"); var sw = el("span", null, "swatch"); sw.style.background = colour;
    li.appendChild(sw); li.appendChild(el("span", text));
    if (shape) { li.appendChild(el("span", "(" + shape + ")", "shape")); }
    return li;
  }
  function lineItem(dashed, colour, text) {
    var li = el("li"); var ln = el("span", null, dashed ? "line dashed" : "line");
    ln.style.borderTopColor = colour; li.appendChild(ln); li.appendChild(el("span", text));
    return li;
  }
  byId("colour-by").addEventListener("change", function (ev) {
    mode = ev.target.value;
    nodes.update(data.nodes.map(function (n) { return { id: n.id, color: visColour(colourOf(n)) }; }));
    renderLegend();
  });

  // ---- details ---------------------------------------------------------------------------------
  function showNode(id) {
    var n = byNode[id]; var box = byId("details"); clear(box);
    if (!n) { return; }
    box.appendChild(el("h2", kindLabel(n)));
    box.appendChild(el("p", n.label, "node-label"));
    var dl = el("dl");
    (n.fields || []).forEach(function (f) {
      dl.appendChild(el("dt", f[0]));
      var dd = el("dd");
      if (f[0] === "Quote") { dd.appendChild(el("blockquote", f[1])); } else { dd.textContent = f[1]; }
      dl.appendChild(dd);
    });
    if (n.iri) {
      dl.appendChild(el("dt", "IRI"));
      var dd = el("dd"); dd.appendChild(el("code", n.iri, "iri")); dl.appendChild(dd);
    }
    box.appendChild(dl);
    if (n.page && /^[a-z0-9-]+\.html$/.test(n.page)) {
      var a = el("a", n.pageLabel || "Open its page"); a.href = n.page;
      box.appendChild(el("p")).appendChild(a);
    } else if (n.trace_command) {
      var hint = el("p", "Its trace as a page of its own: ", "hint");
      hint.appendChild(el("code", n.trace_command));
      box.appendChild(hint);
    }
    if (!NON_ITEMS[n.kind] && meta.view !== "chain") {
      var tb = el("button", state.trace ? "Show the trace of this item instead" : "Show only its trace");
      tb.type = "button"; tb.id = "show-trace";
      tb.addEventListener("click", function () { showTrace(id); });
      box.appendChild(el("p")).appendChild(tb);
    }
    var links = data.edges.filter(function (e) { return e.from === id || e.to === id; });
    if (links.length) {
      box.appendChild(el("h2", "Connected (" + links.length + ")"));
      var ul = el("ul");
      links.forEach(function (e) {
        var other = byNode[e.from === id ? e.to : e.from];
        if (!other) { return; }
        var li = el("li");
        li.appendChild(document.createTextNode((e.from === id ? "\u2192 " : "\u2190 ") + (e.label || e.relation) +
          (e.relation === "link" ? " (" + e.method + ", " + fmtScore(e.score) + ")" : "") + ": "));
        li.appendChild(goButton(other));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
  }
  function showEdge(id) {
    var e = byEdge[id]; var box = byId("details"); clear(box);
    if (!e) { return; }
    box.appendChild(el("h2", e.label || e.relation));
    var dl = el("dl");
    function row(k, v, quote) {
      if (v === undefined || v === null || v === "") { return; }
      dl.appendChild(el("dt", k)); var dd = el("dd");
      if (quote) { dd.appendChild(el("blockquote", v)); } else { dd.textContent = String(v); }
      dl.appendChild(dd);
    }
    row("From", byNode[e.from] ? byNode[e.from].label : e.from);
    row("To", byNode[e.to] ? byNode[e.to].label : e.to);
    row("Kind of link", e.link_type);
    row("Method", methodsOf(e).join(", "));
    if (e.relation === "link" || e.relation === "aggregate") { row("Score", fmtScore(e.score)); }
    row("Count", e.count);
    row("Evidence (earlier)", e.evidence_from, true);
    row("Evidence (later)", e.evidence_to, true);
    if (e.iri) { dl.appendChild(el("dt", "IRI")); var dd = el("dd"); dd.appendChild(el("code", e.iri, "iri")); dl.appendChild(dd); }
    box.appendChild(dl);
    var p = el("p"); p.appendChild(goButton(byNode[e.from])); p.appendChild(document.createTextNode(" \u2192 "));
    p.appendChild(goButton(byNode[e.to])); box.appendChild(p);
  }
  function goButton(n) {
    var b = el("button", n ? n.label : "?", "linkish"); b.type = "button";
    b.addEventListener("click", function () { if (n) { focusNode(n.id); } });
    return b;
  }
  function focusNode(id) {
    if (!visible[id]) { return; }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
    showNode(id);
  }

  // ---- search and the list -------------------------------------------------------------------
  var search = byId("search");
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    var out = byId("search-results"); clear(out);
    if (!q) { byId("search-count").textContent = ""; return []; }
    var hits = data.nodes.filter(function (n) {
      return visible[n.id] && [n.label, n.text, n.quote, n.iri, n.source].some(function (s) {
        return s && String(s).toLowerCase().indexOf(q) >= 0;
      });
    });
    byId("search-count").textContent = hits.length + (hits.length === 1 ? " match" : " matches") +
      (hits.length > 30 ? " (first 30 listed)" : "");
    hits.slice(0, 30).forEach(function (n) { var li = el("li"); li.appendChild(goButton(n)); out.appendChild(li); });
    network.selectNodes(hits.map(function (n) { return n.id; }));
    return hits;
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var hits = runSearch(); if (hits.length) { focusNode(hits[0].id); } }
  });
  function renderList() {
    var box = byId("item-list-box"); var ol = byId("item-list");
    if (!box.open) { return; }
    clear(ol);
    data.nodes.forEach(function (n) {
      if (!visible[n.id]) { return; }
      var li = el("li"); li.appendChild(document.createTextNode(kindLabel(n) + ": "));
      li.appendChild(goButton(n)); ol.appendChild(li);
    });
  }
  byId("item-list-box").addEventListener("toggle", renderList);

  // ---- the network --------------------------------------------------------------------------------
  var options = {
    physics: false,
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 150, navigationButtons: false, keyboard: false,
                   hideEdgesOnDrag: data.nodes.length > 600 },
    nodes: { font: { size: 13, face: "system-ui, sans-serif", multi: false,
                     background: "rgba(255,255,255,0.75)" },
             widthConstraint: { maximum: 210 }, margin: 6 },
    edges: { smooth: { enabled: true, type: "curvedCW", roundness: 0.12 }, font: { size: 12, align: "middle" } }
  };
  computeVisible();
  var network = new vis.Network(byId("graph"), { nodes: nodesView, edges: edgesView }, options);
  // Report bands and column headings behind the nodes; text kept at a readable screen size
  // but never wider than its band (canvas text: drawn as text, never parsed).
  function fittedText(ctx, text, x, y, maxWidth, px, weight) {
    var scale = network.getScale();
    var size = px / scale;
    ctx.font = weight + " " + size + "px system-ui, sans-serif";
    var w = ctx.measureText(text).width;
    if (w > maxWidth) { size = size * maxWidth / w; ctx.font = weight + " " + size + "px system-ui, sans-serif"; }
    ctx.fillText(text, x, y);
  }
  function wrappedText(ctx, text, x, y, maxWidth, px, weight) {
    // Lines that fit maxWidth, stacked upwards from y, all at one size: px screen pixels, or
    // smaller when the longest word would not fit.
    var size = px / network.getScale();
    var words = String(text).split(/\s+/);
    ctx.font = weight + " " + size + "px system-ui, sans-serif";
    var widest = Math.max.apply(null, words.map(function (w) { return ctx.measureText(w).width; }));
    if (widest > maxWidth) { size = size * maxWidth / widest; ctx.font = weight + " " + size + "px system-ui, sans-serif"; }
    var lines = [], line = "";
    words.forEach(function (w) {
      var next = line ? line + " " + w : w;
      if (line && ctx.measureText(next).width > maxWidth) { lines.push(line); line = w; } else { line = next; }
    });
    if (line) { lines.push(line); }
    lines.reverse().forEach(function (l, i) { ctx.fillText(l, x, y - i * size * 1.2); });
  }
  network.on("beforeDrawing", function (ctx) {
    (meta.bands || []).forEach(function (b, i) {
      ctx.fillStyle = i % 2 ? "rgba(78,121,167,0.08)" : "rgba(242,142,43,0.08)";
      ctx.fillRect(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
      ctx.fillStyle = "#222222"; ctx.textAlign = "left"; ctx.textBaseline = "bottom";
      wrappedText(ctx, b.label, b.x0 + 6, b.y0 - 8, b.title_width || (b.x1 - b.x0 - 12), 15, "600");
      ctx.fillStyle = "#555555";
      (b.columns || []).forEach(function (c) {
        fittedText(ctx, c.label, c.x0 + 6, c.y, c.x1 - c.x0 - 12, 12, "400");
      });
    });
  });
  network.on("click", function (p) {
    if (p.nodes.length) { showNode(p.nodes[0]); } else if (p.edges.length) { showEdge(p.edges[0]); }
  });
  // ---- the view: fitted, never zoomed out beyond reading -----------------------------------
  // A label is 13 canvas px: below this scale it is too small to read, above MOST_SCALE a few
  // nodes would fill the screen. A view that fits only at a smaller scale opens at the start
  // (top left: the earliest report) or at the focus, and the user pans from there.
  var READABLE_SCALE = 0.75, MOST_SCALE = 1.5, MARGIN = 30, TITLE_ROOM = 100;
  function fitView(ids, focus, itemsOnly) {
    ids = (ids || Object.keys(visible)).filter(function (k) { return visible[k]; });
    // after a filter, the items shown, not the report boxes that always stay: a filter's few
    // items fill the view
    var items = ids.filter(function (k) { return byNode[k] && !NON_ITEMS[byNode[k].kind]; });
    if (itemsOnly && items.length) { ids = items; }
    if (!ids.length) { return; }
    var bands = meta.bands || [];
    network.fit({ nodes: ids, animation: false });
    var scale = network.getScale();
    if (scale >= READABLE_SCALE) {
      var at = network.getViewPosition();
      if (bands.length) {  // room above the nodes for the report titles drawn on the canvas
        scale = Math.max(Math.min(scale * 0.88, MOST_SCALE), READABLE_SCALE);
        network.moveTo({ scale: scale, position: { x: at.x, y: at.y - 30 / scale }, animation: false });
      } else if (scale > MOST_SCALE) {
        network.moveTo({ scale: MOST_SCALE, position: at, animation: false });
      }
      return;
    }
    var pos = network.getPositions(ids), box = byId("graph");
    var w = box.clientWidth, h = box.clientHeight, s = READABLE_SCALE;
    if (focus && pos[focus]) {
      network.moveTo({ scale: s, position: pos[focus], animation: false });
      return;
    }
    var boxes = ids.map(function (k) {
      return network.getBoundingBox(k) || { left: pos[k].x, top: pos[k].y, right: pos[k].x, bottom: pos[k].y };
    });
    // On opening, the first node in reading order (leftmost, then topmost: the earliest report);
    // after a filter, the place where the view holds the most of what is left.
    var first = itemsOnly ? fullestWindow(boxes, (w - 2 * MARGIN) / s, (h - 2 * MARGIN) / s) : null;
    if (!first) {
      boxes.forEach(function (b) {
        if (!first || b.left < first.left - 1 || (Math.abs(b.left - first.left) <= 1 && b.top < first.top)) { first = b; }
      });
    }
    var left = first.left, top = first.top, room = MARGIN;
    bands.forEach(function (b) {  // the band it sits in, and the band's title, if it stays in view
      if (b.x0 <= left && left <= b.x1) {
        if (first.right - b.x0 < (w - 2 * MARGIN) / s) { left = b.x0; }
        if (first.bottom - b.y0 < (h - 2 * MARGIN - TITLE_ROOM) / s) { top = b.y0; room += TITLE_ROOM; }
      }
    });
    network.moveTo({ scale: s, animation: false,
                     position: { x: left - MARGIN / s + w / (2 * s), y: top - room / s + h / (2 * s) } });
  }

  function fullestWindow(boxes, width, height) {
    // The box whose top left corner opens the window (width x height) holding the most boxes.
    var best = null, most = -1;
    boxes.forEach(function (a) {
      var n = 0;
      boxes.forEach(function (b) {
        if (b.left >= a.left && b.right <= a.left + width && b.top >= a.top && b.bottom <= a.top + height) { n++; }
      });
      if (n > most || (n === most && (a.left < best.left || (a.left === best.left && a.top < best.top)))) {
        best = a; most = n;
      }
    });
    return best;
  }

  buildFilters();
  renderLegend();
  refresh(true);
  var focusShown = meta.focus && visible[meta.focus];
  fitView(null, focusShown ? meta.focus : null, false);
  if (focusShown) { network.selectNodes([meta.focus]); showNode(meta.focus); }

  // For scripts and tests driving the page: the data sets, the network and the actions.
  window.inspectkg = { network: network, nodes: nodes, edges: edges, nodesView: nodesView,
                       edgesView: edgesView, data: data, showNode: showNode, showEdge: showEdge,
                       focusNode: focusNode, fitView: fitView, readableScale: READABLE_SCALE };
  document.body.setAttribute("data-ready", "true");
})();

/* The editor page: YASGUI (as the engine ships it) on this endpoint, and the query catalogue.
   Text from the catalogue goes into the page with textContent only. */
(function () {
  "use strict";
  const catalogue = JSON.parse(document.getElementById("catalogue").textContent);
  const endpoint = new URL("query", document.baseURI).href;

  // Offline: no prefix.cc or LOV look-ups while typing; variables still complete.
  Yasqe.defaults.autocompleters = ["variables"];
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
  });
  window.inspectkgYasgui = yasgui;

  function element(tag, attrs, text) {
    const el = document.createElement(tag);
    Object.entries(attrs || {}).forEach(function ([k, v]) { el.setAttribute(k, v); });
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function open(query, inputs, message, run) {
    const params = new URLSearchParams();
    inputs.forEach(function (input) { if (input.value.trim()) params.set(input.name, input.value.trim()); });
    const url = "catalogue/" + encodeURIComponent(query.name) + ".rq?" + params.toString();
    fetch(url).then(function (resp) {
      return resp.text().then(function (text) { return { ok: resp.ok, text: text }; });
    }).then(function (r) {
      if (!r.ok) { message.textContent = r.text; return; }
      message.textContent = "";
      yasgui.addTab(true, { name: query.title });
      const tab = yasgui.getTab();
      tab.setQuery(r.text);
      if (run) tab.query();
    }).catch(function (err) { message.textContent = String(err); });
  }

  const list = document.getElementById("catalogue-list");
  catalogue.forEach(function (query) {
    const box = element("details", { "class": "query", "data-query": query.name });
    box.appendChild(element("summary", {}, query.title));
    box.appendChild(element("p", {}, query.description));
    const inputs = query.params.map(function (p) {
      const label = element("label", {}, p.name + (p.required ? " (required)" : ""));
      const input = element("input", { name: p.name, placeholder: p.description, type: "text" });
      label.appendChild(input);
      box.appendChild(label);
      return input;
    });
    const message = element("p", { "class": "error", role: "status" });
    const show = element("button", { type: "button", "class": "open" }, "Open in a new tab");
    const run = element("button", { type: "button", "class": "run" }, "Open and run");
    show.addEventListener("click", function () { open(query, inputs, message, false); });
    run.addEventListener("click", function () { open(query, inputs, message, true); });
    box.appendChild(show);
    box.appendChild(run);
    box.appendChild(message);
    list.appendChild(box);
  });
})();

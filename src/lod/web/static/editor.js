// The query editor: YASGUI over our endpoint, with our example queries (no inline script: the CSP forbids it).
(function () {
  var endpoint = JSON.parse(document.getElementById("lod-endpoint").textContent);
  var examples = JSON.parse(document.getElementById("lod-examples").textContent);
  var query = JSON.parse(document.getElementById("lod-query").textContent);
  if (typeof Yasgui === "undefined") {
    document.getElementById("yasgui").innerHTML = "<p class=muted>The editor's files are not installed (run <code>make assets</code>).</p>";
    return;
  }
  // Show plain values ("2147", not "2147"^^xsd:integer) until the user unticks "Simple view".
  if (Yasgui.Yasr && Yasgui.Yasr.defaults.plugins.table) {
    Yasgui.Yasr.defaults.plugins.table.dynamicConfig = { compact: true };
  }
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasqe: { value: query, autocompleters: ["prefixes", "variables"] },
    yasr: { defaultPlugin: "table" }
  });
  window.lodYasgui = yasgui;
  yasgui.getTab().setQuery(query);
  document.querySelectorAll("[data-example]").forEach(function (button) {
    button.addEventListener("click", function () {
      var tab = yasgui.getTab();
      tab.setQuery(examples[Number(button.dataset.example)]);
      tab.query();
    });
  });
})();

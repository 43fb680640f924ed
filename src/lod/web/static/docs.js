// Swagger UI over our own OpenAPI description (no CDN, no inline script).
(function () {
  var node = document.getElementById("swagger-ui");
  if (typeof SwaggerUIBundle === "undefined") {
    node.textContent = "The API browser's files are not installed (run make assets).";
    return;
  }
  window.lodSwagger = SwaggerUIBundle({ url: node.dataset.openapi, domNode: node, deepLinking: true });
})();

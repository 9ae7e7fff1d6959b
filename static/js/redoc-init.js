/* Start Redoc on /api/v1/docs/ (templates/drf_spectacular/redoc.html) without an inline script.
   Redoc gives the CSP nonce of this script to the <style> elements it creates. */
(function () {
  "use strict";
  var script = document.currentScript;
  var houder = document.getElementById("redoc-container");
  var instellingen = document.getElementById("redoc-instellingen");
  // drf-spectacular hands REDOC_UI_SETTINGS over as a JSON text; json_script wraps it once more.
  var opties = instellingen ? JSON.parse(JSON.parse(instellingen.textContent)) : {};
  opties.nonce = script.nonce;
  Redoc.init(houder.dataset.schemaUrl, opties, houder);
})();

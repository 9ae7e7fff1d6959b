/* django-import-export's export page: "Select all" without the inline onchange attribute, which
   the Content-Security-Policy blocks (templates/admin/import_export/export.html). The handler
   itself is the package's onSelectToggleChange (export_selectable_fields.js). */
document.addEventListener("change", function (event) {
  var doel = event.target;
  if (doel.matches && doel.matches("input.select-toggle") && typeof onSelectToggleChange === "function") {
    onSelectToggleChange(event);
  }
});

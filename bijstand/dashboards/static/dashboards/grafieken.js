/*
 * Charts of the management dashboards, drawn from the data tables (progressive enhancement).
 *
 * The table is the source of truth: each <figure class="dashboard-grafiek" data-tabel="id">
 * reads the table with that id. Columns whose header has data-reeks ("lijn", "staaf", "doel")
 * become series; cells carry their number in data-waarde (a suppressed cell has none and
 * leaves a gap). Rows of class dashboard-tabel__totaal are not drawn. Series differ in colour
 * AND in line dash or point shape, so meaning never depends on colour alone; reference lines
 * ("doel") are dashed. After drawing, the table folds behind its chart (still one click away).
 */
(function () {
  "use strict";
  if (!window.Chart) {
    return;
  }
  var STIJLEN = [
    { kleur: "#0b4a8b", punt: "circle", streep: [] },
    { kleur: "#b34700", punt: "rect", streep: [8, 4] },
    { kleur: "#2e6b30", punt: "triangle", streep: [2, 3] },
    { kleur: "#6a1b9a", punt: "rectRot", streep: [10, 4, 2, 4] },
    { kleur: "#37474f", punt: "crossRot", streep: [4, 4] },
    { kleur: "#ad1457", punt: "star", streep: [12, 3] },
    { kleur: "#00695c", punt: "rectRounded", streep: [1, 2] }
  ];
  var DOEL = { kleur: "#1a1a1a", punt: "line", streep: [6, 6] };

  function getal(cel) {
    if (!cel || !cel.hasAttribute("data-waarde")) {
      return null;
    }
    var waarde = parseFloat(cel.getAttribute("data-waarde"));
    return isNaN(waarde) ? null : waarde;
  }

  function teken(figuur) {
    var tabel = document.getElementById(figuur.getAttribute("data-tabel"));
    if (!tabel) {
      return;
    }
    var soort = figuur.getAttribute("data-soort");
    var koppen = Array.prototype.slice.call(tabel.querySelectorAll("thead th"));
    var rijen = Array.prototype.slice.call(
      tabel.querySelectorAll("tbody tr:not(.dashboard-tabel__totaal)")
    ).filter(function (rij) { return rij.querySelector("th[scope=row]"); });
    var labels = rijen.map(function (rij) {
      return rij.querySelector("th[scope=row]").textContent.trim();
    });
    var reeksen = [];
    var nummer = 0;
    koppen.forEach(function (kop, index) {
      var rol = kop.getAttribute("data-reeks");
      if (!rol || index === 0) {
        return;
      }
      var stijl = rol === "doel" ? DOEL : STIJLEN[nummer++ % STIJLEN.length];
      var data = rijen.map(function (rij) { return getal(rij.children[index]); });
      var lijn = rol !== "staaf";
      reeksen.push({
        type: lijn ? "line" : "bar",
        label: kop.textContent.trim(),
        data: data,
        borderColor: stijl.kleur,
        backgroundColor: lijn ? stijl.kleur : stijl.kleur + "cc",
        borderDash: lijn ? stijl.streep : [],
        borderWidth: lijn ? 2 : 1,
        pointStyle: stijl.punt,
        pointRadius: rol === "doel" ? 0 : 4,
        spanGaps: false,
        order: lijn ? 0 : 1
      });
    });
    if (!reeksen.length || !labels.length) {
      return;
    }
    var gestapeld = soort === "gestapeld";
    figuur.hidden = false;
    new window.Chart(figuur.querySelector("canvas"), {
      type: soort === "lijn" ? "line" : "bar",
      data: { labels: labels, datasets: reeksen },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { stacked: gestapeld },
          y: {
            stacked: gestapeld,
            beginAtZero: true,
            title: { display: true, text: figuur.getAttribute("data-y") || "" }
          }
        },
        plugins: {
          legend: { position: "bottom", labels: { usePointStyle: true } }
        }
      }
    });
    var blok = figuur.closest(".dashboard-blok");
    var details = blok && blok.querySelector("details.dashboard-tabel");
    if (details) {
      details.open = false;
    }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("figure.dashboard-grafiek"), teken);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

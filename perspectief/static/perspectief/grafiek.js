/* Draws the ontwikkelperspectief chart (Chart.js, served from npm static) from the JSON that
   the page holds in a <script type="application/json"> element. Progressive enhancement: the
   table beside the chart holds the same data; without JavaScript the chart stays hidden. */
(function () {
  "use strict";

  var KLEUREN = {
    vorig: { rand: "#5a5a5a", vlak: "rgba(90, 90, 90, 0.35)" },
    huidig: { rand: "#0b4a8b", vlak: "rgba(11, 74, 139, 0.85)" },
    doel: { rand: "#1d5b2a", vlak: "rgba(29, 91, 42, 0.15)" },
    zelf: { rand: "#8a3a00", vlak: "rgba(138, 58, 0, 0.55)" }
  };

  function teken(canvas) {
    var bron = document.getElementById(canvas.getAttribute("data-bron"));
    if (!bron || typeof window.Chart === "undefined") {
      return;
    }
    var gegevens = JSON.parse(bron.textContent);
    if (!gegevens.datasets.length) {
      return;
    }
    var figuur = canvas.closest("figure");
    if (figuur) {
      figuur.hidden = false;
      var omhulsel = figuur.closest(".perspectief-grafiek-tabel");
      if (omhulsel) {
        omhulsel.classList.add("perspectief-grafiek-tabel--met-grafiek");
      }
    }
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: gegevens.labels,
        datasets: gegevens.datasets.map(function (d) {
          var kleur = KLEUREN[d.soort] || KLEUREN.vorig;
          return {
            label: d.label,
            data: d.data,
            backgroundColor: kleur.vlak,
            borderColor: kleur.rand,
            borderWidth: d.soort === "doel" ? 2 : 1,
            borderDash: d.soort === "doel" ? [4, 3] : undefined
          };
        })
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { min: 0, max: gegevens.max, ticks: { stepSize: 1 } }
        },
        plugins: { legend: { position: "bottom" } }
      }
    });
  }

  function start() {
    var vlakken = document.querySelectorAll("canvas[data-bron]");
    for (var i = 0; i < vlakken.length; i++) {
      teken(vlakken[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

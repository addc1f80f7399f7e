// Staff page « Statistiques »: draws each chart from the JSON its section carries (json_script); the table
// after each chart holds the same figures for screen readers and when JavaScript or Chart.js is missing.
(function () {
  "use strict";
  var COLOURS = ["#1f5fa8", "#2e8540", "#b3261e", "#8a6d00", "#6b3fa0"];

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var horizontal = data.kind === "hbar";
    var line = data.kind === "line";
    new window.Chart(canvas, {
      type: line ? "line" : "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (serie, index) {
          var colour = COLOURS[index % COLOURS.length];
          return {label: serie.label, data: serie.values, backgroundColor: colour, borderColor: colour,
                  spanGaps: true, tension: 0};
        })
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: false,
        locale: "fr-FR",
        scales: {
          x: {beginAtZero: true, ticks: {precision: 0}},
          y: {beginAtZero: true, ticks: {precision: line ? undefined : 0},
              title: {display: Boolean(data.unit), text: data.unit === "h" ? "heures" : ""}}
        },
        plugins: {legend: {display: data.series.length > 1}}
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var canvases = document.querySelectorAll("canvas[data-chart]");
    for (var index = 0; index < canvases.length; index += 1) {
      draw(canvases[index]);
    }
  });
}());

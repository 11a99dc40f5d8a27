/* The dashboard's charts (templates/dashboards/dashboard.html).
 *
 * The Content-Security-Policy allows no inline script, so the page carries its
 * numbers in a JSON block (<script type="application/json" id="dashboard-charts">,
 * never executed) and this file draws each <canvas data-chart="key"> with
 * Chart.js (static/vendor/chartjs). The same numbers are in the table beside
 * each chart. Bars are horizontal so that long group names stay readable on a
 * phone; in Arabic the axes and legend run right to left.
 */
(function () {
  "use strict";

  var COLORS = ["#1f5f8b", "#d9822b", "#3c8d5a", "#b03a48", "#6b4c9a", "#7a7a7a", "#2a9d8f"];

  function draw() {
    var source = document.getElementById("dashboard-charts");
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var charts = JSON.parse(source.textContent);
    var rtl = document.documentElement.dir === "rtl";
    var locale = document.documentElement.lang || "en";
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var spec = charts[canvas.dataset.chart];
      if (!spec) {
        return;
      }
      var box = canvas.parentElement;
      var rows = parseInt(box.dataset.rows, 10) || 1;
      var series = parseInt(box.dataset.series, 10) || 1;
      var line = spec.type === "line";
      // A bar per row and series, at least a readable height (the CSSOM, which the policy allows).
      box.style.height = (line ? 260 : Math.max(160, 40 + rows * (10 + 14 * series))) + "px";
      var percent = spec.datasets.some(function (d) { return d.percent; });
      var datasets = spec.datasets.map(function (d, i) {
        var color = COLORS[i % COLORS.length];
        return {
          label: d.label,
          data: d.percent ? d.data.map(function (v) { return v === null ? null : Math.round(v * 1000) / 10; }) : d.data,
          backgroundColor: color,
          borderColor: color,
          pointRadius: 4, // a single period still shows as a point
          fill: false,
        };
      });
      var valueAxis = { beginAtZero: true, ticks: { precision: 0 } };
      if (percent) {
        valueAxis.max = 100;
      }
      new window.Chart(canvas, {
        type: line ? "line" : "bar",
        data: { labels: spec.labels, datasets: datasets },
        options: {
          indexAxis: line ? "x" : "y",
          locale: locale,
          maintainAspectRatio: false,
          responsive: true,
          animation: false,
          scales: line
            ? { x: { reverse: rtl }, y: valueAxis }
            : { x: Object.assign({ reverse: rtl }, valueAxis), y: { position: rtl ? "right" : "left" } },
          plugins: {
            legend: { display: datasets.length > 1, rtl: rtl, labels: { boxWidth: 12 } },
            tooltip: { rtl: rtl },
          },
        },
      });
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
})();

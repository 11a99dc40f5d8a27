/* The progress bar of a progress report's PDF (templates/reports/report_detail.html).
 *
 * Each <div class="report-generation" data-status-url="…"> that is not finished
 * asks its JSON status (reports.views.report_status) every second and redraws
 * the bar, the label and, once ready, the download link. A static file: the
 * Content-Security-Policy forbids inline scripts.
 */
(function () {
  "use strict";

  var INTERVAL = 1000;

  function draw(box, status) {
    var bar = box.querySelector(".progress-bar");
    var track = box.querySelector(".progress");
    var value = Math.max(0, Math.min(100, status.progress || 0));
    if (bar) {
      bar.style.width = value + "%";
      bar.textContent = value + "%";
      bar.dataset.progress = value;
    }
    if (track) {
      track.setAttribute("aria-valuenow", value);
      track.hidden = status.finished;
    }
    box.querySelector("[data-role=label]").textContent = status.label;
    var link = box.querySelector("[data-role=download]");
    if (status.download) {
      link.href = status.download;
      link.hidden = false;
    }
    var message = box.querySelector("[data-role=message]");
    if (status.message) {
      message.textContent = status.message;
      message.hidden = false;
    }
    box.dataset.finished = status.finished ? "1" : "0";
  }

  function poll(box) {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (status) {
        draw(box, status);
        if (!status.finished) {
          window.setTimeout(function () { poll(box); }, INTERVAL);
        }
      })
      .catch(function () {
        window.setTimeout(function () { poll(box); }, INTERVAL * 5);
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".report-generation[data-status-url]").forEach(function (box) {
      if (box.dataset.finished !== "1") {
        poll(box);
      }
    });
  });
})();

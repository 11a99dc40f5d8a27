/* Small behaviours the templates ask for with data attributes.
 *
 * The Content-Security-Policy (coordination/settings.py) allows scripts from
 * this site only: no inline <script>, no onclick="…", no style="…". A template
 * that needs behaviour marks the element and this file acts on it:
 *
 *   <form data-confirm="Really?">     asks before the form is sent
 *   <div data-progress="40">          is drawn 40% wide (a progress bar)
 *   <div class="error-summary">      a form's error summary takes the focus, so a
 *                                     screen reader reads it and Tab reaches its links
 *   <button data-print>               opens the browser's print dialog
 *
 * Content swapped in by htmx gets the same treatment (htmx:load).
 */
(function () {
  "use strict";

  function drawProgress(root) {
    root.querySelectorAll("[data-progress]").forEach(function (bar) {
      var value = Math.max(0, Math.min(100, parseInt(bar.dataset.progress, 10) || 0));
      bar.style.width = value + "%"; // the CSSOM, which the policy allows
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.dataset ? form.dataset.confirm : null;
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  function focusErrors(root) {
    var summary = root.querySelector(".error-summary");
    if (summary) {
      summary.focus();
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-print]") : null;
    if (button) {
      window.print();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    drawProgress(document);
    focusErrors(document);
  });
  document.addEventListener("htmx:load", function (event) {
    drawProgress(event.target.parentElement || event.target);
  });
})();

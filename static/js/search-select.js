/* Search-as-you-type for <select data-search-url="…"> (coordination/search_select.py).
 *
 * The select stays in the form (it is what is submitted) but is hidden; a text
 * box with the ARIA 1.2 combobox pattern takes its label and place. Typing asks
 * the URL for ?q=…&limit… and lists at most the endpoint's results; ArrowUp /
 * ArrowDown move, Enter or a click chooses, Escape closes. A select with
 * data-search-depends="field" sends that field's value as data-search-param, and
 * is cleared when that field changes (the owner's person follows the owner).
 * A <select multiple> keeps the box for searching and lists its chosen options
 * under it, each with a button (data-search-remove names it) that takes it away.
 * Without JavaScript the select shows its preset options and the chosen one.
 */
(function () {
  "use strict";

  var counter = 0;

  function enhance(select) {
    if (select.dataset.searchReady) return;
    select.dataset.searchReady = "1";
    counter += 1;
    var id = "search-select-" + counter;
    var form = select.form;

    var wrapper = document.createElement("div");
    wrapper.className = "search-select position-relative";
    var input = document.createElement("input");
    input.type = "text";
    input.className = select.classList.contains("form-select-sm")
      ? "form-control form-control-sm"
      : "form-control";
    input.id = id + "-input";
    input.autocomplete = "off";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id + "-list");
    // A fixed choice (a partner's own organization) stays fixed.
    input.disabled = select.disabled;
    var list = document.createElement("ul");
    list.id = id + "-list";
    list.className = "search-select-list list-group position-absolute w-100 shadow-sm";
    list.setAttribute("role", "listbox");
    list.hidden = true;

    // The label of the select now names the text box.
    var label = select.id ? document.querySelector("label[for='" + select.id + "']") : null;
    if (label) {
      label.htmlFor = input.id;
    } else if (select.getAttribute("aria-label")) {
      input.setAttribute("aria-label", select.getAttribute("aria-label"));
    }
    var described = select.getAttribute("aria-describedby");
    if (described) input.setAttribute("aria-describedby", described);
    input.dataset.searchFor = select.name;

    select.parentNode.insertBefore(wrapper, select);
    wrapper.appendChild(input);
    wrapper.appendChild(list);
    wrapper.appendChild(select);
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;

    var multiple = select.multiple;
    var chosen = null;
    if (multiple) {
      chosen = document.createElement("ul");
      chosen.className = "search-select-chosen list-unstyled mb-0 mt-1";
      wrapper.appendChild(chosen);
    }

    function renderChosen() {
      if (!chosen) return;
      chosen.textContent = "";
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.selected || !option.value) return;
        var item = document.createElement("li");
        item.className = "d-flex align-items-center gap-2";
        var text = document.createElement("span");
        text.textContent = option.text;
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "btn btn-sm btn-link p-0";
        remove.textContent = "\u00d7";
        remove.setAttribute("aria-label", (select.dataset.searchRemove || "Remove") + ": " + option.text);
        remove.disabled = select.disabled;
        remove.addEventListener("click", function () {
          option.selected = false;
          renderChosen();
          input.focus();
          select.dispatchEvent(new Event("change", { bubbles: true }));
        });
        item.appendChild(text);
        item.appendChild(remove);
        chosen.appendChild(item);
      });
    }
    renderChosen();

    var results = [];
    var active = -1;
    var timer = null;
    var request = 0;

    function chosenText() {
      if (multiple) return "";
      var option = select.options[select.selectedIndex];
      return option && option.value ? option.text : "";
    }
    input.value = chosenText();

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var items = list.querySelectorAll("[role=option]");
      items.forEach(function (item, i) {
        var on = i === index;
        item.classList.toggle("active", on);
        item.setAttribute("aria-selected", on ? "true" : "false");
      });
      active = index;
      if (index >= 0 && items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render() {
      list.textContent = "";
      var group = null;
      results.forEach(function (result, i) {
        if (result.group && result.group !== group) {
          group = result.group;
          var heading = document.createElement("li");
          heading.className = "list-group-item small text-muted py-1";
          heading.setAttribute("role", "presentation");
          heading.textContent = group;
          list.appendChild(heading);
        }
        var item = document.createElement("li");
        item.id = id + "-option-" + i;
        item.className = "list-group-item list-group-item-action py-1";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = result.text;
        item.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the box
          choose(i);
        });
        list.appendChild(item);
      });
      if (!results.length) {
        var none = document.createElement("li");
        none.className = "list-group-item small text-muted py-1";
        none.setAttribute("role", "presentation");
        none.textContent = select.dataset.searchEmpty || "—";
        list.appendChild(none);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight(results.length ? 0 : -1);
    }

    function search() {
      var params = new URLSearchParams({ q: input.value.trim() });
      var depends = select.dataset.searchDepends;
      if (depends && form && form.elements[depends]) {
        params.set(select.dataset.searchParam || depends, form.elements[depends].value);
      }
      var mine = ++request;
      fetch(select.dataset.searchUrl + (select.dataset.searchUrl.indexOf("?") < 0 ? "?" : "&") + params, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          // An older answer, or one arriving after the box was left.
          if (mine !== request || document.activeElement !== input) return;
          results = data.results || [];
          render();
        });
    }

    function choose(index) {
      var result = results[index];
      if (!result) return;
      clearTimeout(timer); // a search still waiting would reopen the list
      request += 1;
      var option = Array.prototype.find.call(select.options, function (o) { return o.value === result.id; });
      if (!option) {
        option = new Option(result.text, result.id);
        select.appendChild(option);
      }
      if (multiple) {
        option.selected = true;
        input.value = "";
        renderChosen();
      } else {
        select.value = result.id;
        input.value = result.text;
      }
      close();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    input.addEventListener("input", function () {
      if (!multiple && !input.value.trim() && select.value) {
        select.value = "";
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    input.addEventListener("focus", function () {
      if (list.hidden) search();
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (list.hidden) { search(); return; }
        highlight(Math.min(active + 1, results.length - 1));
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === "Enter" && !list.hidden) {
        event.preventDefault(); // choosing does not send the form
        choose(active);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
        input.value = chosenText();
      }
    });
    input.addEventListener("blur", function () {
      close();
      input.value = chosenText();
    });

    var depends = select.dataset.searchDepends;
    if (depends && form && form.elements[depends]) {
      form.elements[depends].addEventListener("change", function () {
        if (select.value) {
          Array.prototype.forEach.call(select.options, function (o) { o.selected = false; });
          input.value = "";
          renderChosen();
        }
      });
    }
  }

  function enhanceAll(root) {
    root.querySelectorAll("select[data-search-url]").forEach(enhance);
  }

  document.addEventListener("DOMContentLoaded", function () { enhanceAll(document); });
  document.addEventListener("htmx:load", function (event) { enhanceAll(event.target); });
})();

/* Search-as-you-type for <select data-search-url="…"> (coordination/search_select.py).
 *
 * The select stays in the form (it is what is submitted) but is hidden; a text
 * box with the ARIA 1.2 combobox pattern takes its label and place. Typing asks
 * the URL for ?q=…&limit… and lists at most the endpoint's results; ArrowUp /
 * ArrowDown move, Enter or a click chooses, Escape closes. A select with
 * data-search-depends="field" sends that field's value as data-search-param, and
 * is cleared when that field changes (the owner's person follows the owner).
 * Without JavaScript the select shows its preset options and the chosen one.
 *
 * A <select multiple> keeps the same box for searching; the chosen items are
 * listed above it, each with a remove button (its label from
 * data-search-remove, "%s" standing for the item). Choosing adds an item and
 * empties the box for the next search; a polite live region says what was
 * added or removed (data-search-added, data-search-removed). Without
 * JavaScript it is a plain multiple select of its preset and chosen options.
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
    var multiple = select.multiple;

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

    var chosenList = null;
    var status = null;
    if (multiple) {
      chosenList = document.createElement("ul");
      chosenList.className = "search-select-chosen list-unstyled d-flex flex-wrap gap-1 mb-1";
      if (label) chosenList.setAttribute("aria-label", label.textContent.trim());
      status = document.createElement("div");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      wrapper.appendChild(chosenList);
      wrapper.appendChild(status);
    }
    select.parentNode.insertBefore(wrapper, select);
    wrapper.appendChild(input);
    wrapper.appendChild(list);
    wrapper.appendChild(select);
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;

    var results = [];
    var active = -1;
    var timer = null;
    var request = 0;

    function chosenText() {
      if (multiple) return ""; // the box only searches; the chosen are listed
      var option = select.options[select.selectedIndex];
      return option && option.value ? option.text : "";
    }
    input.value = chosenText();

    function say(template, text) {
      if (!status || !template) return;
      status.textContent = template.replace("%s", text);
    }

    function unchoose(option, item) {
      option.selected = false;
      item.remove();
      say(select.dataset.searchRemoved, option.text);
      input.focus();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function renderChosen() {
      if (!chosenList) return;
      chosenList.textContent = "";
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.selected || !option.value) return;
        var item = document.createElement("li");
        item.className = "badge text-bg-light border d-inline-flex align-items-center gap-1 fw-normal";
        item.dataset.value = option.value;
        var text = document.createElement("span");
        text.textContent = option.text;
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "btn-close";
        remove.setAttribute("aria-label", (select.dataset.searchRemove || "%s").replace("%s", option.text));
        remove.disabled = select.disabled;
        remove.addEventListener("click", function () { unchoose(option, item); });
        item.appendChild(text);
        item.appendChild(remove);
        chosenList.appendChild(item);
      });
    }
    renderChosen();

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
      var chosen = multiple
        ? Array.prototype.filter.call(select.options, function (o) { return o.selected; })
            .map(function (o) { return o.value; })
        : [];
      fetch(select.dataset.searchUrl + (select.dataset.searchUrl.indexOf("?") < 0 ? "?" : "&") + params, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          // An older answer, or one arriving after the box was left.
          if (mine !== request || document.activeElement !== input) return;
          // What is chosen already is not offered again.
          results = (data.results || []).filter(function (r) { return chosen.indexOf(r.id) < 0; });
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
        say(select.dataset.searchAdded, result.text);
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
          select.value = "";
          input.value = "";
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

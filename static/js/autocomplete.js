/*
 * Accessible autocomplete (WAI-ARIA 1.2 combobox with a list box) for the referential fields
 * (lieux, métiers, secteurs). Progressive enhancement: without JavaScript the input stays a plain
 * text field resolved on the server. Markup: <input data-autocomplete data-autocomplete-url="/api/lieux/">
 * (data-autocomplete-multiple: comma-separated values, the last one is completed).
 */
(function () {
  "use strict";

  var MIN_CHARS = 2;
  var DELAY_MS = 150;
  var counter = 0;

  function Autocomplete(input) {
    this.input = input;
    this.url = input.getAttribute("data-autocomplete-url");
    this.multiple = input.hasAttribute("data-autocomplete-multiple");
    this.results = [];
    this.active = -1;
    this.timer = null;
    this.controller = null;
    counter += 1;
    this.id = (input.id || "autocomplete-" + counter) + "-listbox";

    var wrapper = document.createElement("div");
    wrapper.className = "autocomplete";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);

    this.listbox = document.createElement("ul");
    this.listbox.id = this.id;
    this.listbox.className = "autocomplete-listbox";
    this.listbox.setAttribute("role", "listbox");
    // Named « Suggestions : <label> » (not aria-labelledby the label: the label names the input only).
    var label = input.id ? document.querySelector('label[for="' + input.id + '"]') : null;
    var labelText = label ? label.textContent.replace(/\*/g, "").trim() : "";
    this.listbox.setAttribute("aria-label", labelText ? "Suggestions : " + labelText : "Suggestions");
    this.listbox.hidden = true;
    wrapper.appendChild(this.listbox);

    this.status = document.createElement("div");
    this.status.className = "visually-hidden autocomplete-status";
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    wrapper.appendChild(this.status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.id);
    input.setAttribute("autocomplete", "off");

    input.addEventListener("input", this.onInput.bind(this));
    input.addEventListener("keydown", this.onKeydown.bind(this));
    input.addEventListener("blur", this.onBlur.bind(this));
    this.listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.listbox.addEventListener("click", this.onClick.bind(this));
  }

  Autocomplete.prototype.term = function () {
    var value = this.input.value;
    if (this.multiple) {
      var parts = value.split(",");
      value = parts[parts.length - 1];
    }
    return value.trim();
  };

  Autocomplete.prototype.onInput = function () {
    var self = this;
    window.clearTimeout(this.timer);
    var term = this.term();
    if (term.length < MIN_CHARS) {
      this.close();
      return;
    }
    this.timer = window.setTimeout(function () { self.fetch(term); }, DELAY_MS);
  };

  Autocomplete.prototype.fetch = function (term) {
    var self = this;
    if (this.controller) { this.controller.abort(); }
    this.controller = window.AbortController ? new AbortController() : null;
    var url = this.url + (this.url.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(term);
    window.fetch(url, {
      headers: { "Accept": "application/json" },
      signal: this.controller ? this.controller.signal : undefined
    }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    }).then(function (data) {
      if (term === self.term() && document.activeElement === self.input) { self.render(data.results || []); }
    }).catch(function () { /* the plain text input still works */ });
  };

  Autocomplete.prototype.render = function (results) {
    this.results = results;
    this.active = -1;
    this.listbox.textContent = "";
    this.input.removeAttribute("aria-activedescendant");
    if (!results.length) {
      this.close();
      this.status.textContent = "Aucune suggestion.";
      return;
    }
    for (var i = 0; i < results.length; i++) {
      var item = document.createElement("li");
      item.id = this.id + "-option-" + i;
      item.className = "autocomplete-option";
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.setAttribute("data-index", String(i));
      var main = document.createElement("span");
      main.className = "autocomplete-label";
      main.textContent = results[i].label;
      item.appendChild(main);
      var extra = [results[i].kind_label, results[i].detail].filter(Boolean).join(" · ");
      if (extra) {
        var detail = document.createElement("span");
        detail.className = "autocomplete-detail";
        detail.textContent = extra;
        item.appendChild(detail);
      }
      this.listbox.appendChild(item);
    }
    this.listbox.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    this.status.textContent = results.length === 1 ? "1 suggestion." : results.length + " suggestions.";
  };

  Autocomplete.prototype.highlight = function (index) {
    var options = this.listbox.querySelectorAll("[role=option]");
    if (!options.length) { return; }
    if (index < 0) { index = options.length - 1; }
    if (index >= options.length) { index = 0; }
    for (var i = 0; i < options.length; i++) {
      options[i].setAttribute("aria-selected", i === index ? "true" : "false");
    }
    this.active = index;
    this.input.setAttribute("aria-activedescendant", options[index].id);
    if (options[index].scrollIntoView) { options[index].scrollIntoView({ block: "nearest" }); }
  };

  Autocomplete.prototype.choose = function (index) {
    var result = this.results[index];
    if (!result) { return; }
    if (this.multiple) {
      var parts = this.input.value.split(",");
      parts[parts.length - 1] = " " + result.value;
      this.input.value = parts.map(function (p) { return p.trim(); }).filter(Boolean).join(", ") + ", ";
    } else {
      this.input.value = result.value;
    }
    this.close();
    this.status.textContent = result.label + " sélectionné.";
    this.input.dispatchEvent(new Event("change", { bubbles: true }));
  };

  Autocomplete.prototype.close = function () {
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  Autocomplete.prototype.isOpen = function () {
    return !this.listbox.hidden;
  };

  Autocomplete.prototype.onKeydown = function (event) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!this.isOpen()) {
          if (this.results.length) {
            this.listbox.hidden = false;
            this.input.setAttribute("aria-expanded", "true");
          } else {
            this.fetch(this.term());
            return;
          }
        }
        this.highlight(this.active + 1);
        break;
      case "ArrowUp":
        if (this.isOpen()) {
          event.preventDefault();
          this.highlight(this.active - 1);
        }
        break;
      case "Enter":
        if (this.isOpen() && this.active >= 0) {
          event.preventDefault();
          this.choose(this.active);
        }
        break;
      case "Escape":
        // Closes the list (and any suggestion still on its way); what was typed stays.
        window.clearTimeout(this.timer);
        if (this.controller) { this.controller.abort(); }
        if (this.isOpen()) {
          event.preventDefault();
          this.close();
        }
        break;
      case "Tab":
        this.close();
        break;
      default:
        break;
    }
  };

  Autocomplete.prototype.onClick = function (event) {
    var option = event.target.closest ? event.target.closest("[role=option]") : null;
    if (option) {
      this.choose(parseInt(option.getAttribute("data-index"), 10));
      this.input.focus();
    }
  };

  Autocomplete.prototype.onBlur = function () {
    var self = this;
    window.setTimeout(function () { self.close(); }, 100);
  };

  function init(root) {
    var inputs = (root || document).querySelectorAll("input[data-autocomplete]");
    for (var i = 0; i < inputs.length; i++) {
      if (!inputs[i].hasAttribute("data-autocomplete-ready") && inputs[i].getAttribute("data-autocomplete-url")) {
        inputs[i].setAttribute("data-autocomplete-ready", "");
        new Autocomplete(inputs[i]);
      }
    }
  }

  window.TerreDEmploisAutocomplete = { init: init };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();

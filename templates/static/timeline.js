/* Optional layer over the server-rendered timeline: filter by category, key events and text.
   Without JavaScript the form stays hidden and every entry is shown. */
(function () {
  "use strict";
  var form = document.getElementById("controls");
  if (!form) { return; }
  var query = document.getElementById("q");
  var category = document.getElementById("category");
  var keyOnly = document.getElementById("key-only");
  var status = document.getElementById("filter-status");
  var items = Array.prototype.slice.call(document.querySelectorAll(".timeline-item"));
  var texts = items.map(function (item) { return normalize(item.textContent); });
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-group]"));
  var years = Array.prototype.slice.call(document.querySelectorAll("section.year"));

  function normalize(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u2018\u2019\u201c\u201d"']/g, "").replace(/\s+/g, " ");
  }

  function toggle(element, hide) {
    if (hide) { element.setAttribute("hidden", ""); } else { element.removeAttribute("hidden"); }
  }

  function apply() {
    var words = normalize(query.value).split(" ").filter(Boolean);
    var wanted = category ? category.value : "";
    var keys = keyOnly ? keyOnly.checked : false;
    var shown = 0;
    items.forEach(function (item, i) {
      var visible = (!wanted || item.getAttribute("data-category") === wanted) &&
        (!keys || item.getAttribute("data-key") === "true") &&
        words.every(function (word) { return texts[i].indexOf(word) !== -1; });
      toggle(item, !visible);
      if (visible) { shown += 1; }
      // A match may sit in the quotes folded away under "more quotes": unfold them while searching.
      var more = item.querySelector("details.more-sources");
      if (more) { more.open = words.length > 0 && visible; }
    });
    groups.forEach(function (group) {
      toggle(group, !group.querySelector(".timeline-item:not([hidden])"));
    });
    years.forEach(function (year) {
      var empty = !year.querySelector(".timeline-item:not([hidden])");
      toggle(year, empty);
      var link = document.querySelector('.year-nav a[href="#' + year.querySelector("h2").id + '"]');
      if (link) { toggle(link.parentNode, empty); }
    });
    var filtered = words.length || wanted || keys;
    status.textContent = !filtered ? "Showing all " + items.length + " entries" :
      shown ? "Showing " + shown + " of " + items.length + " entries" :
      "No entries match. Clear the search or choose another category.";
    remember(words.length ? query.value.trim() : "", wanted, keys);
  }

  function remember(text, wanted, keys) {
    if (!window.history || !window.history.replaceState || location.protocol === "file:") { return; }
    var params = new URLSearchParams();
    if (text) { params.set("q", text); }
    if (wanted) { params.set("category", wanted); }
    if (keys) { params.set("key", "1"); }
    var search = params.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
  }

  function restore() {
    var params = new URLSearchParams(location.search);
    query.value = params.get("q") || "";
    if (category) {
      var wanted = params.get("category") || "";
      var known = Array.prototype.some.call(category.options, function (o) { return o.value === wanted; });
      category.value = known ? wanted : "";
    }
    if (keyOnly) { keyOnly.checked = params.get("key") === "1"; }
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.tagName === "INPUT" || target.tagName === "SELECT" ||
                            target.tagName === "TEXTAREA" || target.isContentEditable);
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      query.focus();
    }
  });
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details.more-sources"),
      function (more) { more.open = true; });
  });
  restore();
  form.removeAttribute("hidden");
  apply();
})();

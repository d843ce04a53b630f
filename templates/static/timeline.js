/* Optional layer over the server-rendered timeline: filter by category, key events and text.
   Without JavaScript the form stays hidden and every entry is shown. */
(function () {
  "use strict";
  // A link to an entry folded away (under "Background") unfolds it.
  function reveal() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var folded = target && target.closest ? target.closest("details:not([open])") : null;
    if (folded) { folded.open = true; target.scrollIntoView(); }
  }
  window.addEventListener("hashchange", reveal);
  reveal();

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
  var background = document.getElementById("background");

  function normalize(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u2018\u2019\u201c\u201d"']/g, "").replace(/\s+/g, " ");
  }

  function toggle(element, hide) {
    if (hide) { element.setAttribute("hidden", ""); } else { element.removeAttribute("hidden"); }
  }

  function apply() {
    var text = normalize(query.value);
    var words = text.split(" ").filter(Boolean);
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
    if (background) {
      var anyShown = background.querySelector(".timeline-item:not([hidden])");
      toggle(background, !anyShown);
      var backgroundLink = document.querySelector('.year-nav a[href="#background"]');
      if (backgroundLink) { toggle(backgroundLink.parentNode, !anyShown); }
      // A filter that matches background entries unfolds them; clearing it leaves the fold as it is.
      var list = background.querySelector("details.background-list");
      if (list && (words.length || wanted || keys) && anyShown) { list.open = true; }
    }
    var filtered = words.length || wanted || keys;
    status.textContent = !filtered ? "Showing all " + items.length + " entries" :
      shown ? "Showing " + shown + " of " + items.length + " entries" :
      "No entries match. Clear the search or choose another category.";
    remember(words.length ? query.value.trim() : "", wanted, keys);
    searchAll(text.match(/[a-z0-9]+/g) || []);
  }

  /* A timeline spread over year pages also searches every year, through an index in parts
     (search/index.json, one terms part per word, the entries parts of the results shown). */
  var allYears = document.getElementById("search-all");
  var root = form.getAttribute("data-search-root");
  var loaded = {};
  var latest = 0;
  var SHOWN = 50;

  function load(file) {
    if (!loaded[file]) {
      loaded[file] = fetch(root + "search/" + file).then(function (response) {
        if (!response.ok) { throw new Error(file + ": " + response.status); }
        return response.json();
      });
    }
    return loaded[file];
  }

  function entriesWith(index, word) {
    var prefix = word.slice(0, index.prefix);
    if (index.prefixes.indexOf(prefix) === -1) { return Promise.resolve([]); }
    return load("terms-" + prefix + ".json").then(function (terms) {
      var found = {};
      Object.keys(terms).forEach(function (term) {
        if (term.indexOf(word) === 0) { terms[term].forEach(function (n) { found[n] = true; }); }
      });
      return Object.keys(found).map(Number);
    });
  }

  var searched = null;

  function searchAll(words) {
    if (!allYears || root === null || !window.fetch) { return; }
    words = words.filter(function (word) { return word.length >= 2; });
    // A change event follows the input events of the same text: keep the list (and a link
    // being clicked in it) as it is.
    if (words.join(" ") === searched) { return; }
    searched = words.join(" ");
    var ticket = ++latest;
    if (!words.length) { toggle(allYears, true); return; }
    load("index.json").then(function (index) {
      return Promise.all(words.map(function (word) { return entriesWith(index, word); }))
        .then(function (lists) {
          var matches = lists.reduce(function (kept, list) {
            var set = {};
            list.forEach(function (n) { set[n] = true; });
            return kept.filter(function (n) { return set[n]; });
          }).sort(function (a, b) { return a - b; });
          var shown = matches.slice(0, SHOWN);
          var parts = [];
          shown.forEach(function (n) {
            var part = Math.floor(n / index.entries_per_part);
            if (parts.indexOf(part) === -1) { parts.push(part); }
          });
          return Promise.all(parts.map(function (part) { return load("entries-" + part + ".json"); }))
            .then(function (found) {
              if (ticket !== latest) { return; }
              var byPart = {};
              parts.forEach(function (part, i) { byPart[part] = found[i]; });
              show(matches.length, shown.map(function (n) {
                return byPart[Math.floor(n / index.entries_per_part)][n % index.entries_per_part];
              }));
            });
        });
    }).catch(function () { if (ticket === latest) { toggle(allYears, true); } });
  }

  function show(count, entries) {
    var list = document.getElementById("search-all-results");
    list.textContent = "";
    entries.forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + entry[2];
      link.textContent = entry[0];
      var date = document.createElement("span");
      date.className = "result-date";
      date.textContent = " · " + entry[1];
      item.appendChild(link);
      item.appendChild(date);
      list.appendChild(item);
    });
    document.getElementById("search-all-status").textContent = !count ? "No entry in any year matches." :
      (count === 1 ? "1 entry matches" : count + " entries match") +
      (count > entries.length ? "; the first " + entries.length + " are listed." : ".");
    toggle(allYears, false);
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
    Array.prototype.forEach.call(document.querySelectorAll("details.more-sources, details.background-list"),
      function (more) { more.open = true; });
  });
  restore();
  form.removeAttribute("hidden");
  apply();
})();

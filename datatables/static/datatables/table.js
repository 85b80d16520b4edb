/* Data tables for readers: sort by a click on a column head, filter long tables.
 * Progressive enhancement: without this script the table is a plain, complete
 * <table>. "?dtsort=N" (1-based column, negative for descending) sorts on load,
 * so a link can point at a sorted view. No libraries. */
(function () {
  "use strict";
  if (window.newsroomDataTables) { window.newsroomDataTables.start(); return; }

  var collator = window.Intl && Intl.Collator ? new Intl.Collator("zh-Hans-CN", {numeric: true}) : null;

  function key(row, index, type) {
    var cell = row.cells[index];
    if (!cell) { return null; }
    var sort = cell.getAttribute("data-sort");
    if (type === "number") {
      if (sort === null || sort === "") { return null; }
      var n = parseFloat(sort);
      return isNaN(n) ? null : n;
    }
    if (type === "date") { return sort || null; }
    var text = cell.textContent.trim();
    return text === "" ? null : text;
  }

  function compare(a, b, type) {
    if (type === "number") { return a - b; }
    if (type === "text" && collator) { return collator.compare(a, b); }
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function sortTable(table, index, descending) {
    var head = table.tHead.rows[0].cells[index];
    if (!head) { return; }
    var type = head.getAttribute("data-sort-type") || "text";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row) {
      return {row: row, key: key(row, index, type), order: +row.getAttribute("data-dt-order")};
    });
    rows.sort(function (a, b) {
      if (a.key === null || b.key === null) {  // blanks last, whatever the direction
        if (a.key === b.key) { return a.order - b.order; }
        return a.key === null ? 1 : -1;
      }
      var c = compare(a.key, b.key, type);
      if (descending) { c = -c; }
      return c || a.order - b.order;
    });
    rows.forEach(function (item) { body.appendChild(item.row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      if (i === index) {
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      } else {
        th.removeAttribute("aria-sort");
      }
    });
  }

  function filterTable(table, input, output) {
    var query = input.value.trim().toLowerCase();
    var shown = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var match = !query || row.textContent.toLowerCase().indexOf(query) !== -1;
      row.hidden = !match;
      if (match) { shown += 1; }
    });
    if (output) {
      output.textContent = query ? shown + " / " + table.tBodies[0].rows.length : "";
    }
  }

  function enhance(table) {
    if (table.getAttribute("data-dt-ready")) { return; }
    table.setAttribute("data-dt-ready", "1");
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row, i) {
      row.setAttribute("data-dt-order", i);
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "dt-sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        sortTable(table, index, th.getAttribute("aria-sort") === "ascending");
      });
    });
    if (table.hasAttribute("data-dt-filter")) {
      var input = document.querySelector('[data-dt-filter-for="' + table.id + '"]');
      if (input) {
        var box = input.closest(".dt-filter");
        box.hidden = false;
        var output = box.querySelector("output");
        input.addEventListener("input", function () { filterTable(table, input, output); });
      }
    }
    var match = /[?&]dtsort=(-?\d+)/.exec(window.location.search);
    if (match) {
      var column = Math.abs(parseInt(match[1], 10)) - 1;
      if (column >= 0) { sortTable(table, column, match[1].charAt(0) === "-"); }
    }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-dt]"), enhance);
  }

  window.newsroomDataTables = {start: start, sort: sortTable};
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

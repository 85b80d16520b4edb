/* The admin's table grid: buttons to add, remove and move rows and columns.
 * Without this script the same form still works through the order numbers and
 * delete boxes; with it those are kept up to date and hidden. No libraries. */
(function () {
  "use strict";
  // The admin's JavaScript catalogue (admin:jsi18n, on every change form) translates;
  // without it the labels stay in English.
  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (format, values) {
    return format.replace("%s", values[0]);
  };

  function button(label, title, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "dt-grid-button";
    b.textContent = label;
    b.title = title;
    b.setAttribute("aria-label", title);
    b.setAttribute("data-act", action);
    return b;
  }

  function Grid(root) {
    this.root = root;
    this.name = root.getAttribute("data-grid");
    this.table = root.querySelector(".dt-grid-table");
    this.rowsInput = root.querySelector('[data-grid-count="rows"]');
    this.colsInput = root.querySelector('[data-grid-count="cols"]');
  }

  Grid.prototype.headCells = function () {
    return Array.prototype.slice.call(this.table.tHead.rows[0].cells, 1);
  };

  Grid.prototype.bodyRows = function () {
    return Array.prototype.slice.call(this.table.tBodies[0].rows);
  };

  Grid.prototype.renumber = function () {
    var visible = 0;
    this.bodyRows().forEach(function (tr, position) {
      tr.querySelector(".dt-grid-order").value = position;
      if (!tr.hidden) {
        visible += 1;
        tr.querySelector(".dt-grid-number").textContent = visible;
      }
    });
    this.headCells().forEach(function (th, position) {
      th.querySelector(".dt-grid-order").value = position;
    });
  };

  Grid.prototype.controls = function () {
    var self = this;
    this.bodyRows().forEach(function (tr) { self.rowControls(tr); });
    this.headCells().forEach(function (th) { self.columnControls(th); });
    var add = document.createElement("p");
    add.className = "dt-grid-add";
    add.appendChild(button(gettext("+ row"), gettext("Add a row"), "row-add"));
    add.appendChild(button(gettext("+ column"), gettext("Add a column"), "col-add"));
    this.root.insertBefore(add, this.root.querySelector(".dt-grid-scroll").nextSibling);
    Array.prototype.forEach.call(this.root.querySelectorAll(".dt-grid-nojs"), function (el) {
      el.hidden = true;
    });
  };

  Grid.prototype.rowControls = function (tr) {
    if (tr.querySelector(".dt-grid-tools")) { return; }
    var tools = document.createElement("span");
    tools.className = "dt-grid-tools";
    tools.appendChild(button("↑", gettext("Move row up"), "row-up"));
    tools.appendChild(button("↓", gettext("Move row down"), "row-down"));
    tools.appendChild(button("✕", gettext("Remove row"), "row-del"));
    tr.cells[0].appendChild(tools);
  };

  Grid.prototype.columnControls = function (th) {
    if (th.querySelector(".dt-grid-tools")) { return; }
    var tools = document.createElement("span");
    tools.className = "dt-grid-tools";
    tools.appendChild(button("←", gettext("Move column left"), "col-left"));
    tools.appendChild(button("→", gettext("Move column right"), "col-right"));
    tools.appendChild(button("✕", gettext("Remove column"), "col-del"));
    th.appendChild(tools);
  };

  Grid.prototype.sibling = function (el, forward) {
    var next = forward ? el.nextElementSibling : el.previousElementSibling;
    while (next && next.hidden) {
      next = forward ? next.nextElementSibling : next.previousElementSibling;
    }
    return next;
  };

  Grid.prototype.moveRow = function (tr, forward) {
    var other = this.sibling(tr, forward);
    if (!other) { return; }
    tr.parentNode.insertBefore(forward ? other : tr, forward ? tr : other);
  };

  Grid.prototype.columnCells = function (col) {
    return Array.prototype.slice.call(this.table.querySelectorAll('[data-col="' + col + '"]'));
  };

  Grid.prototype.moveColumn = function (th, forward) {
    var other = this.sibling(th, forward);
    if (!other || !other.hasAttribute("data-col")) { return; }
    var mine = this.columnCells(th.getAttribute("data-col"));
    var theirs = this.columnCells(other.getAttribute("data-col"));
    mine.forEach(function (cell, i) {
      var peer = theirs[i];
      cell.parentNode.insertBefore(forward ? peer : cell, forward ? cell : peer);
    });
  };

  Grid.prototype.remove = function (el, isColumn) {
    var box = el.querySelector(".dt-grid-delete");
    if (box) { box.checked = true; }
    if (isColumn) {
      this.columnCells(el.getAttribute("data-col")).forEach(function (c) { c.hidden = true; });
    } else {
      el.hidden = true;
    }
  };

  Grid.prototype.input = function (name, label) {
    var input = document.createElement("input");
    input.type = "text";
    input.name = name;
    input.setAttribute("aria-label", label);
    return input;
  };

  Grid.prototype.hiddenControls = function (prefix) {
    var span = document.createElement("span");
    span.className = "dt-grid-nojs";
    span.hidden = true;
    var order = document.createElement("input");
    order.type = "number";
    order.step = "any";
    order.className = "dt-grid-order";
    order.name = prefix + "-order";
    var del = document.createElement("input");
    del.type = "checkbox";
    del.className = "dt-grid-delete";
    del.name = prefix + "-delete";
    span.appendChild(order);
    span.appendChild(del);
    return span;
  };

  Grid.prototype.addRow = function () {
    var index = parseInt(this.rowsInput.value, 10);
    var tr = document.createElement("tr");
    tr.setAttribute("data-row", index);
    var th = document.createElement("th");
    th.scope = "row";
    var number = document.createElement("span");
    number.className = "dt-grid-number";
    th.appendChild(number);
    th.appendChild(this.hiddenControls(this.name + "-row-" + index));
    tr.appendChild(th);
    var self = this;
    this.headCells().forEach(function (head) {
      var col = head.getAttribute("data-col");
      var td = document.createElement("td");
      td.setAttribute("data-col", col);
      td.hidden = head.hidden;
      td.appendChild(self.input(self.name + "-" + index + "-" + col,
                                interpolate(gettext("Row %s"), [index + 1])));
      tr.appendChild(td);
    });
    this.table.tBodies[0].appendChild(tr);
    this.rowControls(tr);
    this.rowsInput.value = index + 1;
    var first = tr.querySelector("td input");
    if (first) { first.focus(); }
  };

  Grid.prototype.addColumn = function () {
    var col = parseInt(this.colsInput.value, 10);
    var th = document.createElement("th");
    th.scope = "col";
    th.setAttribute("data-col", col);
    th.appendChild(this.input(this.name + "-col-" + col + "-name", gettext("Column name")));
    th.firstChild.className = "dt-grid-name";
    var template = this.root.querySelector(".dt-grid-type-template");
    var types = template.content.querySelector("select").cloneNode(true);
    types.value = "text";
    types.name = this.name + "-col-" + col + "-type";
    th.appendChild(types);
    th.appendChild(this.hiddenControls(this.name + "-col-" + col));
    this.table.tHead.rows[0].appendChild(th);
    this.columnControls(th);
    var self = this;
    this.bodyRows().forEach(function (tr) {
      var td = document.createElement("td");
      td.setAttribute("data-col", col);
      td.appendChild(self.input(self.name + "-" + tr.getAttribute("data-row") + "-" + col,
                                interpolate(gettext("Column %s"), [col + 1])));
      tr.appendChild(td);
    });
    this.colsInput.value = col + 1;
    th.firstChild.focus();
  };

  Grid.prototype.handle = function (event) {
    var target = event.target.closest("[data-act]");
    if (!target || !this.root.contains(target)) { return; }
    var action = target.getAttribute("data-act");
    var tr = target.closest("tr");
    var th = target.closest("th");
    if (action === "row-up") { this.moveRow(tr, false); }
    else if (action === "row-down") { this.moveRow(tr, true); }
    else if (action === "row-del") { this.remove(tr, false); }
    else if (action === "col-left") { this.moveColumn(th, false); }
    else if (action === "col-right") { this.moveColumn(th, true); }
    else if (action === "col-del") { this.remove(th, true); }
    else if (action === "row-add") { this.addRow(); }
    else if (action === "col-add") { this.addColumn(); }
    this.renumber();
  };

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".dt-grid[data-grid]"), function (root) {
      if (root.getAttribute("data-ready") || !root.querySelector('[data-grid-count="rows"]')) {
        return;
      }
      root.setAttribute("data-ready", "1");
      var grid = new Grid(root);
      grid.controls();
      root.addEventListener("click", function (event) { grid.handle(event); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

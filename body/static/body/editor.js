/* The story editor's progressive enhancement (the form works without it).
 *
 * Each text block becomes a contenteditable area with a bold / italic / link
 * toolbar, kept in sync with its textarea through a small allow-list cleaner (the
 * server sanitises again with nh3 on save and on render). Blocks move, are added and
 * deleted with buttons or the keyboard:
 *   Alt+ArrowUp / Alt+ArrowDown   move the block being edited
 *   Alt+Enter                     add a paragraph below it
 *   Alt+Backspace                 delete it (undone by reloading before saving)
 * Moving renumbers the hidden place fields; deleting ticks the hidden delete box.
 */
(function () {
  "use strict";
  const form = document.getElementById("nr-body-form");
  if (!form) return;
  document.documentElement.classList.add("nr-js");
  const list = document.getElementById("nr-blocks");
  const template = document.getElementById("nr-empty-block");
  const total = form.querySelector('input[name$="-TOTAL_FORMS"]');
  const TEXT_KINDS = ["paragraph", "heading", "quote", "list"];
  const ALLOWED = { B: [], STRONG: [], I: [], EM: [], A: ["href"] };
  // The admin's JavaScript catalogue (admin:jsi18n, loaded by the page) translates;
  // without it the labels stay in English and the editor still works.
  const gettext = window.gettext || function (text) { return text; };
  const interpolate = window.interpolate || function (format, values) {
    return format.replace("%s", values[0]);
  };

  function safeHref(value) {
    try {
      const url = new URL(value, location.href);
      return ["http:", "https:", "mailto:"].includes(url.protocol) ? url.href : null;
    } catch (e) { return null; }
  }

  /* Keep text, b/strong/i/em and links with a safe href; unwrap everything else. */
  function clean(node, into) {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) {
        into.appendChild(document.createTextNode(child.textContent));
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        const tag = child.tagName;
        if (tag in ALLOWED) {
          const copy = document.createElement(tag.toLowerCase());
          if (tag === "A") {
            const href = safeHref(child.getAttribute("href") || "");
            if (!href) { clean(child, into); continue; }
            copy.setAttribute("href", href);
          }
          clean(child, copy);
          into.appendChild(copy);
        } else if (tag === "BR" || tag === "DIV" || tag === "P") {
          if (into.lastChild) into.appendChild(document.createTextNode("\n"));
          clean(child, into);
        } else {
          clean(child, into);
        }
      }
    }
    return into;
  }

  function fragmentFrom(html) {
    const parsed = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
    return clean(parsed.body, document.createElement("div"));
  }

  function button(label, title, action) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.title = title;
    b.setAttribute("aria-label", title);
    b.addEventListener("click", action);
    return b;
  }

  function blocks() {
    return Array.from(list.querySelectorAll(".nr-block:not(.nr-deleted)"));
  }

  function renumber() {
    blocks().forEach(function (block, n) {
      const order = block.querySelector('input[name$="-ORDER"]');
      if (order) order.value = n + 1;
    });
  }

  /* The block's text first: a selector list matches in document order, so the kind
   * <select> in the block's bar took the focus, and the text typed after Alt+Enter went
   * nowhere (a letter picked another kind). */
  function focusBlock(block) {
    const target = block.querySelector(".nr-editable") ||
      block.querySelector("textarea, input:not([type=hidden]), select");
    if (target) target.focus();
  }

  function move(block, step) {
    const all = blocks();
    const at = all.indexOf(block);
    const to = at + step;
    if (to < 0 || to >= all.length) return;
    if (step < 0) list.insertBefore(block, all[to]);
    else list.insertBefore(block, all[to].nextSibling);
    renumber();
    focusBlock(block);
    announce(block, interpolate(gettext("moved to place %s"), [to + 1]));
  }

  function remove(block) {
    const next = blocks()[blocks().indexOf(block) + 1] || blocks()[blocks().indexOf(block) - 1];
    const box = block.querySelector('input[name$="-DELETE"]');
    if (box) box.checked = true;
    block.classList.add("nr-deleted");
    renumber();
    if (next) focusBlock(next);
  }

  function add(after) {
    const n = parseInt(total.value, 10);
    const holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(n));
    const block = holder.firstElementChild;
    total.value = String(n + 1);
    if (after) list.insertBefore(block, after.nextSibling);
    else list.appendChild(block);
    enhance(block);
    renumber();
    focusBlock(block);
  }

  function announce(block, text) {
    const label = block.querySelector(".nr-block-label");
    if (label) label.setAttribute("aria-live", "polite");
    block.dataset.status = text;
  }

  function enhanceText(block) {
    const textarea = block.querySelector("textarea");
    if (!textarea) return;
    textarea.classList.add("nr-source");
    const editable = document.createElement("div");
    editable.className = "nr-editable";
    editable.contentEditable = "true";
    editable.setAttribute("role", "textbox");
    editable.setAttribute("aria-multiline", "true");
    editable.appendChild(fragmentFrom(textarea.value));
    const sync = function () { textarea.value = fragmentFrom(editable.innerHTML).innerHTML; };
    editable.addEventListener("input", sync);
    editable.addEventListener("paste", function (event) {
      event.preventDefault();
      const text = (event.clipboardData || window.clipboardData).getData("text/plain");
      document.execCommand("insertText", false, text.replace(/\s*\n\s*/g, " "));
    });
    const toolbar = document.createElement("span");
    toolbar.className = "nr-toolbar";
    const format = function (command) {
      return function () { editable.focus(); document.execCommand(command); sync(); };
    };
    toolbar.append(
      button("B", gettext("Bold (Ctrl+B)"), format("bold")),
      button("I", gettext("Italic (Ctrl+I)"), format("italic")),
      button(gettext("Link"), gettext("Link (Ctrl+K)"), function () { link(editable, sync); }),
    );
    editable.addEventListener("keydown", function (event) {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        link(editable, sync);
      }
      // One paragraph a block; a list's items are its lines.
      if (event.key === "Enter" && !event.altKey) {
        event.preventDefault();
        if (block.dataset.kind === "list") document.execCommand("insertLineBreak");
      }
    });
    textarea.parentNode.insertBefore(editable, textarea);
    block.querySelector(".nr-block-bar").appendChild(toolbar);
  }

  function link(editable, sync) {
    const address = window.prompt(gettext("Link address (https://…, mailto:…)"), "https://");
    if (!address) return;
    const href = safeHref(address);
    if (!href) { window.alert(gettext("Only http(s) and mailto links are allowed.")); return; }
    editable.focus();
    document.execCommand("createLink", false, href);
    sync();
  }

  function enhance(block) {
    const kind = block.querySelector('select[name$="-kind"]');
    if (kind) {
      block.dataset.kind = kind.value;
      kind.addEventListener("change", function () { block.dataset.kind = kind.value; });
    }
    if (TEXT_KINDS.includes(block.dataset.kind) || !block.querySelector('input[name$="-id"]').value) {
      enhanceText(block);
    }
    const moves = document.createElement("span");
    moves.className = "nr-moves";
    moves.append(
      button("↑", gettext("Move up (Alt+↑)"), function () { move(block, -1); }),
      button("↓", gettext("Move down (Alt+↓)"), function () { move(block, 1); }),
      button("+", gettext("Add a block below (Alt+Enter)"), function () { add(block); }),
      button("✕", gettext("Delete (Alt+Backspace)"), function () { remove(block); }),
    );
    block.querySelector(".nr-block-bar").appendChild(moves);
    block.addEventListener("keydown", function (event) {
      if (!event.altKey) return;
      if (event.key === "ArrowUp") { event.preventDefault(); move(block, -1); }
      else if (event.key === "ArrowDown") { event.preventDefault(); move(block, 1); }
      else if (event.key === "Enter") { event.preventDefault(); add(block); }
      else if (event.key === "Backspace") { event.preventDefault(); remove(block); }
    });
  }

  list.querySelectorAll(".nr-block").forEach(enhance);
  // The spare empty form the page ends with is the "add" button's job now.
  const spare = Array.from(list.querySelectorAll(".nr-block")).filter(function (block) {
    const id = block.querySelector('input[name$="-id"]');
    return id && !id.value && !block.querySelector(".errorlist");
  });
  spare.forEach(function (block) { block.remove(); });
  const adder = button(gettext("+ Add a block"), gettext("Add a block at the end"),
                       function () { add(null); });
  adder.className = "button nr-add";
  list.after(adder);
  // A form sent back (a conflict, an error) lists its blocks as they were posted and
  // keeps the editor's moves in their place numbers and deletions in their boxes:
  // show it that way before renumbering, or saving again undid the moves (and showed
  // deleted blocks as kept). Unnumbered blocks go last, as the server orders them.
  Array.from(list.querySelectorAll(".nr-block")).map(function (block, n) {
    const order = block.querySelector('input[name$="-ORDER"]');
    const place = order && order.value.trim() !== "" ? Number(order.value) : NaN;
    return { block: block, n: n, place: Number.isFinite(place) ? place : Infinity };
  }).sort(function (a, b) {
    return a.place === b.place ? a.n - b.n : (a.place < b.place ? -1 : 1);
  }).forEach(function (entry) { list.appendChild(entry.block); });
  list.querySelectorAll('input[name$="-DELETE"]:checked').forEach(function (box) {
    box.closest(".nr-block").classList.add("nr-deleted");
  });
  renumber();
  form.addEventListener("submit", function () {
    form.querySelectorAll(".nr-editable").forEach(function (editable) {
      editable.dispatchEvent(new Event("input"));
    });
  });
})();

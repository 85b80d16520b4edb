// Selecting text in a story block fills the "Add an entity" form: surface, block
// and the selection's offset in the block's text, counted in code points as Python does.
document.addEventListener("mouseup", function () {
  var selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
  var range = selection.getRangeAt(0);
  var node = range.startContainer;
  var block = (node.nodeType === 1 ? node : node.parentElement).closest(".nr-review-block");
  if (!block || !block.contains(range.endContainer)) return;
  var before = document.createRange();
  before.setStart(block, 0);
  before.setEnd(range.startContainer, range.startOffset);
  var surface = range.toString();
  var start = Array.from(before.toString()).length;
  var form = document.getElementById("nr-selection");
  if (!form || !surface.trim()) return;
  form.querySelector("[name=sel-surface]").value = surface;
  form.querySelector("[name=sel-block]").value = block.dataset.block;
  form.querySelector("[name=sel-start]").value = start;
  form.querySelector("[name=sel-end]").value = start + Array.from(surface).length;
});

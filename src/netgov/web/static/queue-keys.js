// Keyboard navigation for the case queue (/console/cases).
//
//   j or ↓   next case          k or ↑   previous case
//   Enter/o  open the case      /        go to the filters
//
// Keys are ignored while typing in a field or with Ctrl, Alt or Meta held. The current row
// gets the class "current" and its link gets the focus, so the position is visible and a
// screen reader announces the case. HTMX replaces the table when a filter changes: the
// position is reset after each swap (htmx:afterSwap), the listener itself stays bound.
(function () {
  "use strict";

  var current = -1;

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("table.cases tbody tr"));
  }

  function linkOf(row) {
    return row ? row.querySelector("a.case-link") : null;
  }

  function mark(index) {
    var all = rows();
    all.forEach(function (row, n) {
      row.classList.toggle("current", n === index);
    });
    current = index;
  }

  function move(step) {
    var all = rows();
    if (all.length === 0) {
      return false;
    }
    var next = current < 0 ? (step > 0 ? 0 : all.length - 1) : current + step;
    next = Math.max(0, Math.min(all.length - 1, next));
    mark(next);
    var link = linkOf(all[next]);
    if (link) {
      link.focus();
      all[next].scrollIntoView({ block: "nearest" });
    }
    return true;
  }

  function open() {
    var link = linkOf(rows()[current]);
    if (!link) {
      return false;
    }
    window.location.assign(link.href);
    return true;
  }

  function focusFilters() {
    var first = document.querySelector("#queue-filters select, #queue-filters input:not([type=hidden])");
    if (!first) {
      return false;
    }
    first.focus();
    return true;
  }

  function typing(target) {
    if (!target || !target.tagName) {
      return false;
    }
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "select" || tag === "textarea" || target.isContentEditable;
  }

  function onKey(event) {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || typing(event.target)) {
      return;
    }
    var handled = false;
    if (event.key === "j" || event.key === "ArrowDown") {
      handled = move(1);
    } else if (event.key === "k" || event.key === "ArrowUp") {
      handled = move(-1);
    } else if (event.key === "o") {
      handled = open();
    } else if (event.key === "Enter") {
      // On a focused link or button the browser already acts; only a marked row needs us.
      var tag = document.activeElement ? document.activeElement.tagName.toLowerCase() : "";
      handled = tag !== "a" && tag !== "button" && open();
    } else if (event.key === "/") {
      handled = focusFilters();
    }
    if (handled) {
      event.preventDefault();
    }
  }

  // Tabbing or clicking into a row makes it the current one, so j/k continue from there.
  function onFocus(event) {
    var row = event.target && event.target.closest ? event.target.closest("table.cases tbody tr") : null;
    if (row) {
      mark(rows().indexOf(row));
    }
  }

  function bind() {
    mark(-1);
  }

  document.addEventListener("keydown", onKey);
  document.addEventListener("focusin", onFocus);
  document.addEventListener("htmx:afterSwap", bind);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", bind);
  } else {
    bind();
  }
})();

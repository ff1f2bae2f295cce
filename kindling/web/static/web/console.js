/* Review console keyboard shortcuts. Every action also has a button; this file only adds keys.
   Queue page: j/k move the selection, Enter opens, c claims, a approves, r opens the remove form, x selects for a
   bulk decision, ? shows the list. Item page: a picks "approve", r picks "remove" and focuses the rule, c claims.
   Keys never fire while typing in a field or with a modifier held. */
(function () {
  "use strict";

  var TEXT_INPUTS = /^(text|search|email|number|password|url|tel|date|datetime-local|month|week|time)$/;

  function isTyping(el) {
    if (!el || !el.tagName) return false;
    if (el.isContentEditable) return true;
    var tag = el.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT") return true;
    return tag === "INPUT" && TEXT_INPUTS.test((el.getAttribute("type") || "text").toLowerCase());
  }

  function submit(form) {
    if (!form) return;
    if (form.requestSubmit) form.requestSubmit();
    else form.submit();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var dialog = document.getElementById("shortcuts");
    var rows = Array.prototype.slice.call(document.querySelectorAll("[data-row]"));
    var decideForm = document.querySelector("[data-decide-form]");
    var index = -1;

    function toggleShortcuts() {
      if (!dialog || typeof dialog.showModal !== "function") return;
      if (dialog.open) dialog.close();
      else dialog.showModal();
    }
    document.querySelectorAll("[data-shortcuts-open]").forEach(function (button) {
      button.addEventListener("click", toggleShortcuts);
    });

    function select(i, moveFocus) {
      if (!rows.length) return;
      i = Math.max(0, Math.min(i, rows.length - 1));
      if (index >= 0 && rows[index]) rows[index].classList.remove("is-selected");
      index = i;
      var row = rows[index];
      row.classList.add("is-selected");
      if (moveFocus) {
        var link = row.querySelector("[data-open]");
        if (link) link.focus();
        if (row.scrollIntoView) row.scrollIntoView({ block: "nearest" });
      }
    }
    rows.forEach(function (row, i) {
      row.addEventListener("focusin", function () { select(i, false); });
    });

    function chooseAction(value, focusName) {
      if (!decideForm) return;
      var radio = decideForm.querySelector('input[name="action"][value="' + value + '"]');
      if (radio) radio.checked = true;
      var target = decideForm.querySelector('[name="' + focusName + '"]');
      if (target) target.focus();
    }

    // Arriving from "Remove…" (r): the remove form is ready, focus on the rule.
    function focusRule() {
      var rule = decideForm.querySelector('[name="rule"]');
      if (rule && !decideForm.contains(document.activeElement)) rule.focus();
    }
    if (decideForm && window.location.hash === "#decide") {
      focusRule();
      window.addEventListener("load", focusRule); // after the browser's own scroll to #decide
    }

    document.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target)) return;
      var key = event.key;
      if (key === "?") {
        event.preventDefault();
        toggleShortcuts();
        return;
      }
      if (dialog && dialog.open) return; // Escape closes the dialog natively

      if (rows.length) {
        var row = index >= 0 ? rows[index] : null;
        if (key === "j" || key === "k") {
          event.preventDefault();
          select(index < 0 ? 0 : index + (key === "j" ? 1 : -1), true);
        } else if (key === "Enter" && row) {
          var tag = event.target && event.target.tagName;
          if (tag === "A" || tag === "BUTTON" || tag === "INPUT" || tag === "SUMMARY") return; // native behaviour
          event.preventDefault();
          window.location.href = row.getAttribute("data-open-url");
        } else if (key === "c" && row) {
          event.preventDefault();
          submit(row.querySelector("form[data-claim]"));
        } else if (key === "a" && row) {
          event.preventDefault();
          submit(row.querySelector("form[data-approve]"));
        } else if (key === "r" && row) {
          event.preventDefault();
          window.location.href = row.getAttribute("data-remove-url");
        } else if (key === "x" && row) {
          event.preventDefault();
          var box = row.querySelector('input[type="checkbox"]');
          if (box) box.checked = !box.checked;
        }
        return;
      }

      if (decideForm) {
        if (key === "a") {
          event.preventDefault();
          chooseAction("approve", "explanation");
        } else if (key === "r") {
          event.preventDefault();
          chooseAction("remove", "rule");
        } else if (key === "c") {
          event.preventDefault();
          submit(document.querySelector("form[data-claim]"));
        }
      }
    });
  });
})();

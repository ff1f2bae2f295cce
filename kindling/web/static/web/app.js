/* Kindling: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  // Live character counter: <textarea data-counter="ID"> updates the element with that id.
  function setUpCounter(textarea) {
    var out = document.getElementById(textarea.getAttribute("data-counter"));
    if (!out) return;
    var max = parseInt(out.getAttribute("data-max") || textarea.getAttribute("maxlength") || "0", 10);
    var value = out.querySelector(".counter-value") || out;
    function update() {
      // Count code points, as the server does, so emoji count once.
      var length = Array.from(textarea.value).length;
      value.textContent = String(length);
      out.classList.toggle("is-near", max > 0 && length >= max - 100 && length <= max);
      out.classList.toggle("is-over", max > 0 && length > max);
    }
    textarea.addEventListener("input", update);
    update();
  }

  // Ask before destructive actions: <form data-confirm="Question?">.
  function setUpConfirm(form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-counter]").forEach(setUpCounter);
    document.querySelectorAll("form[data-confirm]").forEach(setUpConfirm);
    // Move focus to form errors so keyboard and screen-reader users hear what went wrong.
    var errors = document.querySelector(".form-errors, .nudge");
    if (errors) errors.focus();
  });
})();

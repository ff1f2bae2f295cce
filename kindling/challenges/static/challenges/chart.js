// Draws the per-day chart (entries as bars, views as a line) into an <svg> from JSON embedded with
// json_script. Plain JS, no library; the same numbers are in a table next to it for screen readers.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  function el(name, attrs) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function draw(svg) {
    var source = document.getElementById(svg.getAttribute("data-chart"));
    if (!source) return;
    var days = JSON.parse(source.textContent || "[]");
    if (!days.length) return;
    var W = 600, H = 200, pad = 24;
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    var maxEntries = Math.max(1, Math.max.apply(null, days.map(function (d) { return d.entries || 0; })));
    var maxViews = Math.max(1, Math.max.apply(null, days.map(function (d) { return d.views || 0; })));
    var step = (W - 2 * pad) / days.length;
    var points = [];
    days.forEach(function (d, i) {
      var x = pad + i * step;
      if (typeof d.entries === "number") {
        var h = (H - 2 * pad) * d.entries / maxEntries;
        svg.appendChild(el("rect", { x: x + step * 0.15, y: H - pad - h, width: Math.max(1, step * 0.7), height: h, "class": "bar-entries" }));
      }
      points.push((x + step / 2).toFixed(1) + "," + (H - pad - (H - 2 * pad) * (d.views || 0) / maxViews).toFixed(1));
    });
    svg.appendChild(el("polyline", { points: points.join(" "), "class": "line-views" }));
    var first = el("text", { x: pad, y: H - 6 }); first.textContent = days[0].day; svg.appendChild(first);
    var last = el("text", { x: W - pad, y: H - 6, "text-anchor": "end" }); last.textContent = days[days.length - 1].day; svg.appendChild(last);
    svg.setAttribute("data-drawn", String(days.length));
  }
  function init() { Array.prototype.forEach.call(document.querySelectorAll("svg[data-chart]"), draw); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();

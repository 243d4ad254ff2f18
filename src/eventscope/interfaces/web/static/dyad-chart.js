// Draws the dyad timeline as SVG: per month a bar each way (stacked by quad class, linking to
// the events browser), agreement diamonds on the time axis, the mean Goldstein line.
// Data comes from the page itself (#dyad-data, #quad-classes, #dyad-links); no library, no network.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function el(name, attrs, parent, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) { node.textContent = text; }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function niceMax(value) {
    if (value <= 5) { return Math.max(1, value); }
    var magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    return Math.ceil(value / magnitude) * magnitude;
  }

  function draw(target, summary, classes, links) {
    var months = summary.months;
    var width = 960, height = 380;
    var margin = { top: 16, right: 64, bottom: 96, left: 52 };
    var plotW = width - margin.left - margin.right, plotH = height - margin.top - margin.bottom;
    var wayMax = function (month) {
      return Math.max.apply(null, month.directions.map(function (way) { return way.events; }).concat([0]));
    };
    var maxCount = niceMax(Math.max.apply(null, months.map(wayMax).concat([1])));
    var slot = plotW / months.length, barW = Math.max(2, Math.min(22, slot * 0.38));
    var x = function (i) { return margin.left + slot * i + slot / 2; };
    var yCount = function (n) { return margin.top + plotH - (n / maxCount) * plotH; };
    var yScore = function (g) { return margin.top + plotH - ((g + 10) / 20) * plotH; };

    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, "aria-hidden": "true", "class": "dyad-svg" });
    var grid = el("g", { "class": "grid" }, svg);
    var countTicks = maxCount <= 5 ? maxCount : 5;
    for (var t = 0; t <= countTicks; t++) {
      var value = Math.round((maxCount / countTicks) * t);
      el("line", { x1: margin.left, x2: margin.left + plotW, y1: yCount(value), y2: yCount(value), stroke: "#e3e8ee" }, grid);
      el("text", { x: margin.left - 8, y: yCount(value) + 4, "text-anchor": "end" }, grid, String(value));
    }
    [-10, -5, 0, 5, 10].forEach(function (g) {
      el("text", { x: margin.left + plotW + 8, y: yScore(g) + 4 }, grid, (g > 0 ? "+" : "") + g);
    });
    el("line", { x1: margin.left, x2: margin.left + plotW, y1: yScore(0), y2: yScore(0),
                 stroke: "#8c959f", "stroke-dasharray": "3 3" }, grid);
    el("text", { x: 14, y: margin.top + plotH / 2, transform: "rotate(-90 14 " + (margin.top + plotH / 2) + ")",
                 "text-anchor": "middle" }, grid, "events");
    el("text", { x: width - 10, y: margin.top + plotH / 2,
                 transform: "rotate(90 " + (width - 10) + " " + (margin.top + plotH / 2) + ")",
                 "text-anchor": "middle" }, grid, "mean Goldstein");

    // Two bars a month, one per direction (A->B solid on the left, B->A paler on the right),
    // each stacked by quad class and linking to the events browser for its month and way.
    var bars = el("g", { "class": "bars" }, svg);
    months.forEach(function (month, i) {
      month.directions.forEach(function (way, side) {
        if (!way.events) { return; }
        var link = el("a", { href: "/events?" + links[month.month][side], "class": "bar-link way-" + side }, bars);
        el("title", {}, link, month.month + " " + way.source + "\u2192" + way.target + ": " + way.events +
           " event" + (way.events === 1 ? "" : "s") + " (click for the reports)");
        var left = side === 0 ? x(i) - barW - 1 : x(i) + 1;
        var bottom = 0;
        classes.forEach(function (quad) {
          var n = way.counts[String(quad.number)] || 0;
          if (!n) { return; }
          var rect = el("rect", {
            "class": "bar quad-" + quad.number, x: left, y: yCount(bottom + n), width: barW,
            height: yCount(bottom) - yCount(bottom + n), fill: quad.colour,
            "fill-opacity": side === 0 ? 1 : 0.5, stroke: side === 0 ? "none" : quad.colour, "stroke-width": 1.5
          }, link);
          el("title", {}, rect, month.month + " " + way.source + "\u2192" + way.target + ": " + n + " " + quad.label.toLowerCase());
          bottom += n;
        });
      });
    });

    // Agreements between the two countries: a diamond on the time axis at their month.
    var markers = el("g", { "class": "agreements" }, svg);
    (summary.agreements || []).forEach(function (agreement) {
      if (!agreement.date) { return; }
      var i = months.map(function (m) { return m.month; }).indexOf(agreement.date.slice(0, 7));
      if (i < 0) { return; }
      var cx = x(i), cy = margin.top + plotH;
      var mark = el("path", { "class": "agreement-marker", d: "M" + cx + " " + (cy - 7) + " l7 7 l-7 7 l-7 -7 z",
                              fill: "#6f42c1", stroke: "#fff", "stroke-width": 1 }, markers);
      el("title", {}, mark, agreement.date + ": " + agreement.kind + " (" + agreement.status + ")");
    });

    var step = Math.max(1, Math.ceil(months.length / 24));
    var axis = el("g", { "class": "x-axis" }, svg);
    el("line", { x1: margin.left, x2: margin.left + plotW, y1: margin.top + plotH, y2: margin.top + plotH, stroke: "#57606a" }, axis);
    months.forEach(function (month, i) {
      if (i % step) { return; }
      var y = margin.top + plotH + 12;
      el("text", { x: x(i), y: y, "text-anchor": "end", transform: "rotate(-45 " + x(i) + " " + y + ")" }, axis, month.month);
    });

    // The line breaks over months without events instead of inventing a value there.
    var line = el("g", { "class": "goldstein" }, svg);
    var path = "";
    months.forEach(function (month, i) {
      if (month.goldstein === null) { path += " "; return; }
      var previous = i > 0 && months[i - 1].goldstein !== null;
      path += (previous ? " L" : " M") + x(i).toFixed(1) + " " + yScore(month.goldstein).toFixed(1);
    });
    if (path.trim()) { el("path", { d: path.trim(), fill: "none", stroke: "#1f2328", "stroke-width": 1.6 }, line); }
    months.forEach(function (month, i) {
      if (month.goldstein === null) { return; }
      var dot = el("circle", { "class": "goldstein-point", cx: x(i), cy: yScore(month.goldstein), r: 4, fill: "#1f2328" }, line);
      el("title", {}, dot, month.month + ": mean Goldstein " + (month.goldstein > 0 ? "+" : "") + month.goldstein.toFixed(1));
    });

    var legend = el("g", { "class": "legend" }, svg);
    var lx = margin.left, ly = height - 14;
    classes.forEach(function (quad) {
      el("rect", { x: lx, y: ly - 10, width: 12, height: 12, fill: quad.colour }, legend);
      el("text", { x: lx + 17, y: ly }, legend, quad.label);
      lx += 30 + quad.label.length * 7;
    });
    el("line", { x1: lx, x2: lx + 18, y1: ly - 4, y2: ly - 4, stroke: "#1f2328", "stroke-width": 1.6 }, legend);
    el("circle", { cx: lx + 9, cy: ly - 4, r: 4, fill: "#1f2328" }, legend);
    el("text", { x: lx + 24, y: ly }, legend, "mean Goldstein");
    lx += 140;
    el("path", { d: "M" + (lx + 6) + " " + (ly - 11) + " l6 6 l-6 6 l-6 -6 z", fill: "#6f42c1" }, legend);
    el("text", { x: lx + 17, y: ly }, legend, "agreement");

    target.appendChild(svg);
  }

  function start() {
    var target = document.getElementById("dyad-chart");
    var data = document.getElementById("dyad-data");
    var classes = document.getElementById("quad-classes");
    var links = document.getElementById("dyad-links");
    if (!target || !data || !classes || !links) { return; }
    var summary = JSON.parse(data.textContent);
    if (summary.months.length) {
      draw(target, summary, JSON.parse(classes.textContent), JSON.parse(links.textContent));
    }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());

// Sort the site's tables by clicking a column header (numbers as numbers).
// Progressive enhancement: without JavaScript the tables keep their build order.
(function () {
  "use strict";

  function cellValue(row, column) {
    const text = row.cells[column] ? row.cells[column].textContent.trim() : "";
    const number = Number(text);
    return text !== "" && !Number.isNaN(number) ? number : text.toLowerCase();
  }

  function sortBy(table, column, header) {
    const body = table.tBodies[0];
    const ascending = header.getAttribute("aria-sort") !== "ascending";
    const rows = Array.from(body.rows);
    rows.sort(function (a, b) {
      const x = cellValue(a, column);
      const y = cellValue(b, column);
      const order = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : typeof x === "number" ? -1 : 1;
      return ascending ? order : -order;
    });
    table.querySelectorAll("thead th").forEach(function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    body.append.apply(body, rows);
  }

  function enhance(root) {
    root.querySelectorAll(".tv-table:not(.tv-matrix-table) table").forEach(function (table) {
      if (table.dataset.sortable) return;
      table.dataset.sortable = "true";
      table.querySelectorAll("thead th").forEach(function (header, column) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "tv-sort";
        button.title = "Sort by this column";
        while (header.firstChild) button.appendChild(header.firstChild);
        header.appendChild(button);
        button.addEventListener("click", function () { sortBy(table, column, header); });
      });
    });
  }

  if (window.document$) {
    window.document$.subscribe(function () { enhance(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  }
})();

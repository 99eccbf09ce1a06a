// Sort the site's tables by clicking a column header. A column of numbers sorts as numbers, largest
// first on the first click; a column of text sorts A to Z first; a second click reverses. Cells without
// a value ("—", or an element marked data-sort="") go last either way. A cell's value is its text, or
// the data-sort attribute of the cell or of an element in it (a score beside its rank sorts by the score).
// Headers of two rows (a group spanning its columns above them) are sorted by their one-column headers.
// The matrix and tables whose rows build on each other (.tv-table--fixed: tasks, then their totals) stay as built.
// Progressive enhancement: without JavaScript the tables keep their build order.
(function () {
  "use strict";

  const NUMBER = /^-?\d[\d,]*(\.\d+)?( \(\d+%\))?$/;  // 1,234 and 0.27, or a count beside its share: 12 (40%)

  function cellText(row, column) {
    const cell = row.cells[column];
    if (!cell) return "";
    const keyed = cell.hasAttribute("data-sort") ? cell : cell.querySelector("[data-sort]");
    return (keyed ? keyed.getAttribute("data-sort") : cell.textContent).trim();
  }

  function isMissing(text) {
    return text === "" || text === "—";
  }

  function isNumeric(rows, column) {
    const values = rows.map(function (row) { return cellText(row, column); }).filter(function (text) { return !isMissing(text); });
    return values.length > 0 && values.every(function (text) { return NUMBER.test(text); });
  }

  function sortKey(text, numeric) {
    if (isMissing(text)) return null;
    return numeric ? parseFloat(text.replace(/,/g, "")) : text.toLowerCase();
  }

  function sortBy(table, column, header) {
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    const numeric = isNumeric(rows, column);
    const current = header.getAttribute("aria-sort");
    const ascending = current ? current === "descending" : !numeric;
    const keyed = rows.map(function (row) { return { row: row, key: sortKey(cellText(row, column), numeric) }; });
    keyed.sort(function (a, b) {
      if (a.key === null || b.key === null) return (a.key === null) - (b.key === null);
      const order = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      return ascending ? order : -order;
    });
    table.querySelectorAll("thead th").forEach(function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    body.append.apply(body, keyed.map(function (item) { return item.row; }));
  }

  // Each header that heads a single column, with that column's index, spans of earlier rows counted.
  function columnHeaders(table) {
    const taken = [];
    const headers = [];
    Array.from(table.tHead.rows).forEach(function (row, rowIndex) {
      taken[rowIndex] = taken[rowIndex] || [];
      let column = 0;
      Array.from(row.cells).forEach(function (header) {
        while (taken[rowIndex][column]) column += 1;
        for (let down = 0; down < header.rowSpan; down += 1) {
          taken[rowIndex + down] = taken[rowIndex + down] || [];
          for (let across = 0; across < header.colSpan; across += 1) taken[rowIndex + down][column + across] = true;
        }
        if (header.colSpan === 1) headers.push({ header: header, column: column });
        column += header.colSpan;
      });
    });
    return headers;
  }

  function enhance(root) {
    root.querySelectorAll(".tv-table:not(.tv-matrix-table):not(.tv-table--fixed) table").forEach(function (table) {
      if (table.dataset.sortable || !table.tHead) return;
      table.dataset.sortable = "true";
      columnHeaders(table).forEach(function (found) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "tv-sort";
        button.title = "Sort by this column";
        while (found.header.firstChild) button.appendChild(found.header.firstChild);
        found.header.appendChild(button);
        button.addEventListener("click", function () { sortBy(table, found.column, found.header); });
      });
    });
  }

  if (window.document$) {
    window.document$.subscribe(function () { enhance(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  }
})();

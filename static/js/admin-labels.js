// Names for the admin's form controls that Django renders without a label: the cells of a tabular inline
// (their only label is the column heading) and the date and time halves of a date-time field.
(function () {
  "use strict";

  function nameTabularCells(root) {
    root.querySelectorAll(".tabular table").forEach((table) => {
      const headings = [...table.querySelectorAll("thead th")];
      table.querySelectorAll("tbody tr").forEach((row) => {
        [...row.children].forEach((cell, index) => {
          const heading = headings[index];
          const label = heading && heading.textContent.trim();
          if (!label) return;
          cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach((control) => {
            if (!control.labels || control.labels.length === 0) {
              if (!control.hasAttribute("aria-label")) control.setAttribute("aria-label", label);
            }
          });
        });
      });
    });
  }

  function nameDateTimeHalves(root) {
    root.querySelectorAll("p.datetime").forEach((paragraph) => {
      const field = paragraph.closest(".form-row, .fieldBox, td");
      const fieldLabel = field && field.querySelector("label");
      const prefix = fieldLabel ? fieldLabel.textContent.replace(/:\s*$/, "").trim() + " " : "";
      let text = "";
      paragraph.childNodes.forEach((node) => {
        if (node.nodeType === Node.TEXT_NODE) {
          text += node.textContent;
        } else if (node.matches && node.matches("input") && !node.hasAttribute("aria-label")) {
          node.setAttribute("aria-label", (prefix + text.replace(/:\s*$/, "")).trim());
          text = "";
        } else if (node.querySelector) {
          const input = node.querySelector("input");
          if (input && !input.hasAttribute("aria-label")) {
            input.setAttribute("aria-label", (prefix + text.trim().replace(/:\s*$/, "")).trim());
            text = "";
          }
        }
      });
    });
  }

  function nameAll() {
    nameTabularCells(document);
    nameDateTimeHalves(document);
  }

  document.addEventListener("DOMContentLoaded", nameAll);
  // A row added with "Add another" arrives without names too.
  document.addEventListener("formset:added", nameAll);
})();

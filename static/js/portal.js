// Small behaviours of the portal's pages, kept out of the HTML so the CSP forbids inline script.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
});

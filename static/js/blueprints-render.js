// The blueprint document panel: while the worker renders, ask the server how it is going and show it.
(function () {
  "use strict";

  const panel = document.querySelector("[data-render-panel]");
  if (!panel) return;

  async function poll() {
    try {
      const response = await fetch(panel.dataset.statusUrl, {
        credentials: "same-origin", headers: { "Accept": "application/json" },
      });
      if (!response.ok) throw new Error(String(response.status));
      const data = await response.json();
      panel.innerHTML = data.html;
      if (data.active) setTimeout(poll, 1500);
    } catch (error) {
      setTimeout(poll, 5000);
    }
  }

  if (panel.querySelector("[data-render-active]")) setTimeout(poll, 1000);
})();

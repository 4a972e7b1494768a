// Live progress of a background job (a bulk ZIP, a report): polls its status endpoint until it ends.
(function () {
  "use strict";
  const box = document.querySelector("[data-job-status-url]");
  if (!box) return;
  const bar = box.querySelector("progress");
  const text = box.querySelector("[data-job-text]");
  const template = text.textContent;
  const show = (selector, visible) => { box.querySelector(selector).hidden = !visible; };

  function render(status) {
    bar.max = Math.max(status.total, 1);
    bar.value = status.state === "ready" ? bar.max : status.done;
    text.textContent = template.replace(/\d+(\D+)\d+/, `${bar.value}$1${bar.max}`);
    box.dataset.jobState = status.state;
    if (status.download_url) box.querySelector("[data-job-download]").href = status.download_url;
    show("[data-job-ready]", Boolean(status.download_url));
    show("[data-job-failed]", status.state === "failed");
    show("[data-job-expired]", status.state === "expired");
    if (status.state === "failed") box.querySelector("[data-job-error]").textContent = status.error;
  }

  async function poll() {
    try {
      const response = await fetch(box.dataset.jobStatusUrl, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const status = await response.json();
        render(status);
        if (["ready", "failed", "expired"].includes(status.state)) return;
      }
    } catch (error) {
      // A dropped connection is retried on the next tick.
    }
    window.setTimeout(poll, 1000);
  }
  poll();
})();

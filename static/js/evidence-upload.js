// Evidence uploads: drag and drop onto the file field, several files at once, and a progress bar
// while large files stream to the server. Without JavaScript the form still posts normally.
(function () {
  "use strict";

  function listChosen(zone, input) {
    const list = zone.querySelector("[data-chosen-files]");
    if (!list) return;
    list.replaceChildren();
    Array.from(input.files).forEach((file) => {
      const li = document.createElement("li");
      li.textContent = file.name + " (" + Math.max(1, Math.round(file.size / 1024)) + " KB)";
      list.appendChild(li);
    });
  }

  document.querySelectorAll("[data-drop-zone]").forEach((zone) => {
    const input = zone.querySelector("input[type=file]");
    if (!input) return;
    input.addEventListener("change", () => listChosen(zone, input));
    ["dragenter", "dragover"].forEach((type) =>
      zone.addEventListener(type, (event) => {
        event.preventDefault();
        zone.classList.add("border-primary", "bg-light");
      })
    );
    ["dragleave", "drop"].forEach((type) =>
      zone.addEventListener(type, () => zone.classList.remove("border-primary", "bg-light"))
    );
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      const merged = new DataTransfer();
      Array.from(input.files).forEach((file) => merged.items.add(file));
      Array.from(event.dataTransfer.files).forEach((file) => merged.items.add(file));
      input.files = merged.files;
      listChosen(zone, input);
    });
  });

  document.querySelectorAll("form[data-upload-form]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const button = form.querySelector("[data-upload-submit]");
      const progress = form.querySelector("[data-upload-progress]");
      const status = form.querySelector("[data-upload-status]");
      if (button) button.disabled = true;
      if (progress) progress.classList.remove("d-none");
      if (status) status.classList.remove("d-none");

      const request = new XMLHttpRequest();
      request.open("POST", form.action || window.location.href);
      request.upload.addEventListener("progress", (e) => {
        if (!e.lengthComputable || !progress) return;
        progress.value = Math.round((100 * e.loaded) / e.total);
        if (status) status.textContent = progress.value + "%";
      });
      request.addEventListener("load", () => {
        // A success redirects to the case page; anything else is a page explaining what was refused.
        if (request.status < 300 && request.responseURL && request.responseURL !== form.action) {
          window.location.assign(request.responseURL);
          return;
        }
        document.open();
        document.write(request.responseText);
        document.close();
      });
      request.addEventListener("error", () => {
        if (button) button.disabled = false;
        if (status) status.textContent = form.dataset.networkError || "Network error: nothing was saved. Try again.";
      });
      request.send(new FormData(form));
    });
  });
})();

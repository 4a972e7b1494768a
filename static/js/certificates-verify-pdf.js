// The verification page's PDF check: a PDF dropped on the zone is put in the file input and the form is sent.
(function () {
  "use strict";
  const form = document.querySelector("[data-pdf-drop-form]");
  if (!form) return;
  const zone = form.querySelector("[data-pdf-drop-zone]");
  const input = form.querySelector("input[type=file]");

  const highlight = (on) => zone.classList.toggle("pdf-drop-zone-active", on);
  ["dragenter", "dragover"].forEach((name) => zone.addEventListener(name, (event) => {
    event.preventDefault();
    highlight(true);
  }));
  ["dragleave", "dragend"].forEach((name) => zone.addEventListener(name, () => highlight(false)));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    highlight(false);
    const files = event.dataTransfer && event.dataTransfer.files;
    if (!files || files.length === 0) return;
    input.files = files;
    form.requestSubmit();
  });
  // A file chosen with the picker is checked at once, as a dropped one is.
  input.addEventListener("change", () => { if (input.files.length) form.requestSubmit(); });
})();

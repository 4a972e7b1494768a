// The item form: show only the parts the chosen item type uses (choices, true/false, accepted answers, rubric).
(function () {
  "use strict";

  const form = document.getElementById("item-form");
  if (!form) return;
  const type = form.querySelector("select[name=item_type]");
  const parts = Array.from(form.querySelectorAll("[data-for-types]"));

  function update() {
    parts.forEach((part) => {
      part.classList.toggle("d-none", !part.dataset.forTypes.split(" ").includes(type.value));
    });
  }

  type.addEventListener("change", update);
  update();
})();

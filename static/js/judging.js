// The judging screen from the keyboard: digits choose a rubric level in the criterion being worked on,
// "n"/"p" move to the next/previous criterion. Previews load only when opened.
(function () {
  "use strict";
  const cards = Array.from(document.querySelectorAll(".criterion-card"));

  function currentCard() {
    return document.activeElement && document.activeElement.closest(".criterion-card");
  }

  function focusCard(card) {
    if (!card) return;
    const target = card.querySelector("input[type=radio]:checked") || card.querySelector("input[type=radio]");
    if (target) target.focus();
    card.scrollIntoView({ block: "start" });
  }

  document.addEventListener("keydown", (event) => {
    const typing = event.target.matches("textarea, input[type=text], select");
    if (typing || event.altKey || event.ctrlKey || event.metaKey) return;
    const card = currentCard();
    if (/^[0-9]$/.test(event.key) && card) {
      const radio = card.querySelector(`input[type=radio][value="${event.key}"]`);
      if (radio) {
        radio.checked = true;
        radio.focus();
        event.preventDefault();
      }
    } else if (event.key === "n" || event.key === "p") {
      const index = card ? cards.indexOf(card) : -1;
      focusCard(cards[event.key === "n" ? index + 1 : Math.max(index - 1, 0)]);
      event.preventDefault();
    }
  });

  document.querySelectorAll("details").forEach((details) => {
    details.addEventListener("toggle", () => {
      const frame = details.querySelector("iframe[data-src]");
      if (details.open && frame && !frame.src) frame.src = frame.dataset.src;
    });
  });
})();

// The judging screen from the keyboard: digits choose a rubric level in the criterion being worked on,
// "n"/"p" move to the next/previous criterion, "s" saves it. A judgment is saved without reloading the page:
// the criterion keeps the focus, shows its new verdict and a live region says it was saved. Without this
// script the form posts as usual and the page comes back at the criterion. Previews load only when opened.
(function () {
  "use strict";
  const cards = Array.from(document.querySelectorAll(".criterion-card"));
  const header = document.querySelector(".judging-header");
  const live = document.getElementById("judging-live");
  const progressText = document.getElementById("judging-progress");
  const progressBar = document.getElementById("judging-progress-bar");

  // Cards scroll to just below the sticky header, whatever its height on this screen.
  function fitHeader() {
    if (header) {
      document.documentElement.style.setProperty("--judging-header", header.offsetHeight + 12 + "px");
    }
  }
  fitHeader();
  window.addEventListener("resize", fitHeader);

  function currentCard() {
    return document.activeElement && document.activeElement.closest(".criterion-card");
  }

  function focusCard(card) {
    if (!card) return;
    const target = card.querySelector("input[type=radio]:checked") || card.querySelector("input[type=radio]");
    card.scrollIntoView({ block: "start", behavior: "instant" });
    if (target) target.focus({ preventScroll: true });
  }

  function focusHeading(card) {
    card.scrollIntoView({ block: "start", behavior: "instant" });
    const heading = card.querySelector("h2");
    if (heading) heading.focus({ preventScroll: true });
  }

  function announce(text) {
    // Emptied first, so the same words said twice are spoken twice.
    live.textContent = "";
    window.setTimeout(() => {
      live.textContent = text;
    }, 50);
  }

  function showVerdict(card, body) {
    const badge = card.querySelector("[data-verdict]");
    badge.dataset.verdict = body.verdict;
    badge.textContent = body.verdict_label;
    badge.className = "badge " + (body.verdict === "competent" ? "text-bg-success" : "text-bg-warning");
    card.querySelector("[data-saved-message]").textContent = body.message;
    if (progressText) progressText.textContent = body.progress;
    if (progressBar) progressBar.value = body.judged;
  }

  function showError(form, text) {
    const box = form.querySelector("[data-save-error]");
    box.textContent = text;
    box.classList.toggle("d-none", !text);
  }

  async function save(form) {
    const card = form.closest(".criterion-card");
    const button = form.querySelector("button[type=submit]");
    if (button.disabled || form.dataset.saving) return;
    form.dataset.saving = "1";
    showError(form, "");
    let response;
    let body = {};
    try {
      response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      body = await response.json().catch(() => ({}));
    } catch (e) {
      // Offline or the server unreachable: the ordinary post will say what happened.
      delete form.dataset.saving;
      form.submit();
      return;
    }
    delete form.dataset.saving;
    if (response.ok) {
      showVerdict(card, body);
      focusHeading(card);
      announce(body.message);
    } else if (body.error) {
      showError(form, body.error);
      announce(body.error);
      focusCard(card);
    } else {
      form.submit();
    }
  }

  document.querySelectorAll(".judgment-form").forEach((form) =>
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      save(form);
    })
  );

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
    } else if (event.key === "s" && card) {
      const form = card.querySelector(".judgment-form");
      if (form) {
        event.preventDefault();
        save(form);
      }
    } else if (event.key === "n" || event.key === "p") {
      const index = card ? cards.indexOf(card) : -1;
      focusCard(cards[event.key === "n" ? index + 1 : Math.max(index - 1, 0)]);
      event.preventDefault();
    }
  });

  // Back without the script (?saved=): the saved criterion takes the focus, below the header.
  const saved = new URLSearchParams(window.location.search).get("saved");
  const savedCard = saved && document.getElementById("criterion-" + saved);
  if (savedCard) focusHeading(savedCard);

  document.querySelectorAll("details").forEach((details) => {
    details.addEventListener("toggle", () => {
      const frame = details.querySelector("iframe[data-src]");
      if (details.open && frame && !frame.src) frame.src = frame.dataset.src;
    });
  });
})();

// The exam page's question map: kept behind a button on phones (open by default on wide screens), it takes the
// candidate to a question and puts the keyboard focus there; the skip link points at the question to answer next.
(function () {
  "use strict";

  const root = document.getElementById("exam");
  const toggle = document.getElementById("exam-map-toggle");
  const map = document.getElementById("exam-map");
  if (!root || !toggle || !map) return;

  const wide = window.matchMedia("(min-width: 992px)");
  const skip = document.getElementById("exam-skip");
  const count = document.getElementById("exam-answered-count");
  const questions = Array.from(document.querySelectorAll("[data-question]"));

  const bar = document.getElementById("exam-bar");

  // Questions scroll to just below the sticky bar, whose height changes as the map opens and closes.
  function fitBar() {
    root.style.setProperty("--exam-bar", bar.offsetHeight + "px");
  }

  function setOpen(open) {
    toggle.setAttribute("aria-expanded", String(open));
    map.hidden = !open;
    fitBar();
  }

  // The question the candidate would want next: the one shown in one-per-page, else the first unanswered one.
  function nextQuestion() {
    return (
      questions.find((q) => q.classList.contains("exam-current") && q.closest(".exam-one-per-page")) ||
      questions.find((q) => !q.hasAttribute("data-answered")) ||
      questions[0]
    );
  }

  function refresh() {
    const answered = questions.filter((q) => q.hasAttribute("data-answered")).length;
    count.textContent = answered + "/" + questions.length;
    const next = nextQuestion();
    if (skip && next) skip.setAttribute("href", "#" + next.id);
  }

  function goTo(question) {
    if (!question) return;
    // Scrolled first, so the question's scroll-margin keeps its start clear of the sticky bar.
    question.scrollIntoView({ block: "start" });
    question.focus({ preventScroll: true });
  }

  toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
  map.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !wide.matches) {
      setOpen(false);
      toggle.focus();
    }
  });
  document.querySelectorAll("[data-goto]").forEach((link) =>
    link.addEventListener("click", (event) => {
      event.preventDefault();
      if (!wide.matches) setOpen(false);
      goTo(document.getElementById("question-" + link.dataset.goto));
    })
  );
  if (skip) {
    skip.addEventListener("click", (event) => {
      event.preventDefault();
      goTo(nextQuestion());
    });
  }
  root.addEventListener("change", refresh);
  root.addEventListener("input", refresh);
  root.addEventListener("click", (event) => {
    if (event.target.closest("[data-page], [data-layout]")) refresh();
  });

  window.addEventListener("resize", fitBar);
  setOpen(wide.matches);
  refresh();
})();

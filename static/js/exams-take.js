// The exam page: saves every answer as it changes, keeps unsent answers in this browser until the server
// has them, counts down from the server's remaining seconds (re-synced on every reply), and hands the
// attempt in when the time is up. The server's clock rules: this page only ever shows it.
(function () {
  "use strict";

  const root = document.getElementById("exam");
  if (!root) return;

  const cfg = root.dataset;
  const attemptId = cfg.attempt;
  // Each tab keeps its own unsent answers, so two tabs never overwrite each other's backlog.
  const storagePrefix = "exam-" + attemptId + "-pending-";
  const storageKey = storagePrefix + tabId();
  const layoutKey = "exam-layout";
  const csrfToken = document.querySelector("#finish-form input[name=csrfmiddlewaretoken]").value;
  const clock = document.getElementById("exam-clock");
  const status = document.getElementById("save-status");
  const alertRegion = document.getElementById("exam-alert");
  const questions = Array.from(document.querySelectorAll("[data-question]"));
  const byItem = new Map(questions.map((q) => [q.dataset.item, q]));
  const TEXT_DELAY_MS = 800;
  const HEARTBEAT_MS = 20000;
  const MAX_RETRY_MS = 10000;

  let endsAt = performance.now() + Number(cfg.remaining) * 1000;
  let pending = loadPending();
  let flushing = null;
  let retryMs = 1000;
  let retryTimer = null;
  let closed = false;
  let timeUp = false;
  // Screen readers hear the time left at a few set points through a polite region, never every second: the
  // clock itself is a timer, which screen readers do not read out as it changes.
  const timeAnnouncer = document.getElementById("exam-time-announcer");
  const MILESTONES = [600, 300, 60];
  const spoken = new Set();
  let clockStarted = false;
  const textTimers = new Map();

  // --- Storage of answers the server does not have yet -------------------------------------------------

  function tabId() {
    try {
      let id = window.sessionStorage.getItem("exam-tab");
      if (!id) {
        id = String(Date.now()) + Math.random().toString(16).slice(2);
        window.sessionStorage.setItem("exam-tab", id);
      }
      return id;
    } catch (e) {
      return "tab";
    }
  }

  // This tab's backlog, plus what tabs closed while offline left behind (sending a value twice is harmless).
  function loadPending() {
    const merged = {};
    try {
      const keys = Object.keys(window.localStorage).filter((k) => k.startsWith(storagePrefix) && k !== storageKey);
      keys.forEach((key) => {
        Object.assign(merged, JSON.parse(window.localStorage.getItem(key) || "{}"));
        window.localStorage.removeItem(key);
      });
      Object.assign(merged, JSON.parse(window.localStorage.getItem(storageKey) || "{}"));
    } catch (e) {
      // Unreadable storage: the server's copy is what the page shows.
    }
    return merged;
  }

  function storePending() {
    try {
      if (Object.keys(pending).length) {
        window.localStorage.setItem(storageKey, JSON.stringify(pending));
      } else {
        window.localStorage.removeItem(storageKey);
      }
    } catch (e) {
      // Private browsing may refuse storage; saving to the server still works.
    }
  }

  // --- Reading and writing a question's inputs ---------------------------------------------------------

  function valueOf(question) {
    const type = question.dataset.type;
    const inputs = Array.from(question.querySelectorAll("input, textarea"));
    if (type === "single_choice") {
      const checked = inputs.find((i) => i.checked);
      return checked ? Number(checked.value) : null;
    }
    if (type === "multiple_choice") {
      return inputs.filter((i) => i.checked).map((i) => Number(i.value));
    }
    if (type === "true_false") {
      const checked = inputs.find((i) => i.checked);
      return checked ? checked.value === "true" : null;
    }
    return inputs[0].value;
  }

  function applyValue(question, value) {
    const type = question.dataset.type;
    const inputs = Array.from(question.querySelectorAll("input, textarea"));
    if (type === "single_choice") {
      inputs.forEach((i) => (i.checked = value !== null && Number(i.value) === value));
    } else if (type === "multiple_choice") {
      inputs.forEach((i) => (i.checked = (value || []).includes(Number(i.value))));
    } else if (type === "true_false") {
      inputs.forEach((i) => (i.checked = value !== null && (i.value === "true") === value));
    } else {
      inputs[0].value = value || "";
    }
  }

  function isAnswered(value) {
    return !(value === null || value === "" || (Array.isArray(value) && value.length === 0));
  }

  function markAnswered(question) {
    const answered = isAnswered(valueOf(question));
    question.toggleAttribute("data-answered", answered);
    const link = document.querySelector('[data-goto="' + question.dataset.number + '"]');
    if (link) {
      link.classList.toggle("btn-secondary", answered);
      link.classList.toggle("btn-outline-secondary", !answered);
    }
  }

  // --- Saving --------------------------------------------------------------------------------------------

  function setStatus(state, text) {
    status.dataset.state = state;
    status.textContent = text;
  }

  function queue(question) {
    pending[question.dataset.item] = valueOf(question);
    storePending();
    markAnswered(question);
    flush();
  }

  function scheduleRetry() {
    if (retryTimer || closed) return;
    retryTimer = window.setTimeout(() => {
      retryTimer = null;
      flush();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  }

  function closeAttempt(message) {
    closed = true;
    pending = {};
    storePending();
    lockInputs();
    const box = document.getElementById("exam-closed");
    box.querySelector("[data-closed-message]").textContent = message || cfg.msgClosed;
    box.classList.remove("d-none");
    setStatus("closed", message || cfg.msgClosed);
  }

  async function sendOne(item, value) {
    const response = await fetch(cfg.saveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken, Accept: "application/json" },
      body: JSON.stringify({ item: Number(item), value: value }),
    });
    const body = await response.json().catch(() => ({}));
    return { response, body };
  }

  // Sends pending answers one at a time; resolves true once the server has every one of them.
  function flush() {
    if (flushing) return flushing;
    flushing = (async () => {
      while (Object.keys(pending).length && !closed) {
        const [item, value] = Object.entries(pending)[0];
        setStatus("saving", cfg.msgSaving);
        let result;
        try {
          result = await sendOne(item, value);
        } catch (e) {
          setStatus("offline", cfg.msgOffline);
          scheduleRetry();
          return false;
        }
        const { response, body } = result;
        if (response.ok) {
          // A newer value typed while this one was in flight stays queued.
          if (JSON.stringify(pending[item]) === JSON.stringify(value)) delete pending[item];
          storePending();
          retryMs = 1000;
          syncClock(body.remaining_seconds);
        } else if (response.status === 409) {
          closeAttempt(body.error);
          return false;
        } else if (response.status === 403) {
          setStatus("error", cfg.msgSignedOut);
          return false;
        } else if (response.status >= 500) {
          setStatus("offline", cfg.msgOffline);
          scheduleRetry();
          return false;
        } else {
          delete pending[item];
          storePending();
          setStatus("error", body.error || "");
          return false;
        }
      }
      if (!closed) {
        setStatus("saved", cfg.msgSaved + " · " + new Date().toLocaleTimeString());
      }
      return !closed;
    })().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  // --- The clock -----------------------------------------------------------------------------------------

  function syncClock(remainingSeconds) {
    if (typeof remainingSeconds === "number") {
      const newEndsAt = performance.now() + remainingSeconds * 1000;
      // A coordinator granted extra time while the candidate sits the exam.
      if (newEndsAt - endsAt > 30000 && !timeUp) timeAnnouncer.textContent = timeAnnouncer.dataset.msgExtended;
      endsAt = performance.now() + remainingSeconds * 1000;
      clock.dataset.remaining = String(remainingSeconds);
    }
  }

  function format(seconds) {
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    const mm = String(m).padStart(2, "0");
    const ss = String(s).padStart(2, "0");
    return h ? h + ":" + mm + ":" + ss : mm + ":" + ss;
  }

  function announce(text) {
    alertRegion.textContent = text;
  }

  // Points passed well before the page opened are not spoken (the clock shows the time); a point is spoken
  // again if extra time moves the clock back above it.
  function speakTimeLeft(seconds) {
    MILESTONES.forEach((point) => {
      if (seconds > point + 5) spoken.delete(point);
      else if (!clockStarted && seconds < point - 1) spoken.add(point);
    });
    clockStarted = true;
    const due = MILESTONES.filter((point) => seconds <= point && !spoken.has(point));
    if (!due.length) return;
    due.forEach((point) => spoken.add(point));
    timeAnnouncer.textContent = timeAnnouncer.getAttribute("data-msg-" + Math.min(...due));
  }

  function tick() {
    const seconds = Math.max(0, Math.ceil((endsAt - performance.now()) / 1000));
    clock.textContent = format(seconds);
    clock.dataset.seconds = String(seconds);
    clock.classList.toggle("exam-clock-low", seconds <= 300);
    speakTimeLeft(seconds);
    if (seconds === 0 && !timeUp && !closed) {
      onTimeUp();
    }
  }

  function lockInputs() {
    questions.forEach((q) => q.querySelector("fieldset").setAttribute("disabled", ""));
    document.querySelectorAll("[data-finish], [data-confirm-submit]").forEach((b) => (b.disabled = true));
  }

  async function submitNow() {
    const response = await fetch(cfg.submitUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken, Accept: "application/json" },
    });
    const body = await response.json().catch(() => ({}));
    if (response.ok || response.status === 409) {
      window.location.assign(body.result_url || cfg.resultUrl);
      return true;
    }
    return false;
  }

  // Answers in flight are still accepted during the grace period; then the attempt is handed in.
  async function onTimeUp() {
    timeUp = true;
    lockInputs();
    setStatus("saving", cfg.msgTimeUp);
    announce(cfg.msgTimeUp);
    await flush();
    const tryAgain = async () => {
      try {
        if (await submitNow()) return;
      } catch (e) {
        setStatus("offline", cfg.msgTimeUpOffline);
      }
      window.setTimeout(tryAgain, 5000);
    };
    tryAgain();
  }

  async function heartbeat() {
    if (closed) return;
    try {
      const response = await fetch(cfg.stateUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const body = await response.json();
      if (body.status !== "in_progress") {
        closeAttempt(cfg.msgClosed);
        return;
      }
      syncClock(body.remaining_seconds);
    } catch (e) {
      // Offline: the clock keeps counting from the last time the server was heard.
    }
  }

  // --- Layout: every question at once, or one per page -------------------------------------------------

  const list = document.getElementById("exam-questions");
  const pager = document.querySelector(".exam-pager");
  let current = 0;

  function show(index) {
    current = Math.max(0, Math.min(questions.length - 1, index));
    questions.forEach((q, i) => q.classList.toggle("exam-current", i === current));
    document.querySelectorAll("[data-goto]").forEach((a, i) => a.classList.toggle("exam-current", i === current));
  }

  function setLayout(layout) {
    const one = layout === "one";
    list.classList.toggle("exam-one-per-page", one);
    pager.classList.toggle("d-none", !one);
    document.querySelectorAll("[data-layout]").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.layout === layout)));
    try {
      window.localStorage.setItem(layoutKey, layout);
    } catch (e) {
      // Layout is a comfort only.
    }
    show(current);
  }

  document.querySelectorAll("[data-layout]").forEach((b) => b.addEventListener("click", () => setLayout(b.dataset.layout)));
  document.querySelectorAll("[data-page]").forEach((b) => b.addEventListener("click", () => show(current + Number(b.dataset.page))));
  document.querySelectorAll("[data-goto]").forEach((a, i) =>
    a.addEventListener("click", (event) => {
      if (list.classList.contains("exam-one-per-page")) {
        event.preventDefault();
        show(i);
      }
    })
  );

  // --- Finishing -------------------------------------------------------------------------------------------

  const finishForm = document.getElementById("finish-form");
  const unanswered = document.getElementById("unanswered");
  const confirmBox = document.createElement("div");
  confirmBox.className = "d-none mt-2";
  confirmBox.id = "finish-confirm";
  const confirmText = document.createElement("p");
  confirmText.className = "mb-2";
  confirmText.textContent = cfg.msgConfirm;
  const confirmButton = document.createElement("button");
  confirmButton.type = "submit";
  confirmButton.className = "btn btn-danger";
  confirmButton.dataset.confirmSubmit = "";
  confirmButton.textContent = cfg.msgConfirmButton;
  confirmBox.append(confirmText, confirmButton);
  finishForm.appendChild(confirmBox);

  finishForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (event.submitter && event.submitter.hasAttribute("data-finish")) {
      const missing = questions.filter((q) => !isAnswered(valueOf(q))).map((q) => q.dataset.number);
      unanswered.textContent = missing.length ? cfg.msgUnanswered + " " + missing.join(", ") : "";
      confirmBox.classList.remove("d-none");
      confirmButton.focus();
      return;
    }
    confirmButton.disabled = true;
    if (await flush()) {
      finishForm.submit();
    } else {
      confirmButton.disabled = false;
    }
  });

  // --- Wiring ------------------------------------------------------------------------------------------------

  questions.forEach((question) => {
    question.addEventListener("change", () => {
      window.clearTimeout(textTimers.get(question));
      queue(question);
    });
    question.addEventListener("input", (event) => {
      if (!event.target.matches("textarea, input[type=text]")) return;
      markAnswered(question);
      window.clearTimeout(textTimers.get(question));
      textTimers.set(question, window.setTimeout(() => queue(question), TEXT_DELAY_MS));
    });
  });

  // Answers given while the connection was down, in this browser, before it was closed.
  Object.entries(pending).forEach(([item, value]) => {
    const question = byItem.get(item);
    if (question) {
      applyValue(question, value);
      markAnswered(question);
    } else {
      delete pending[item];
    }
  });
  storePending();

  window.addEventListener("online", () => {
    retryMs = 1000;
    flush();
  });
  window.addEventListener("beforeunload", (event) => {
    if (Object.keys(pending).length && !closed) event.preventDefault();
  });

  let layout = "all";
  try {
    layout = window.localStorage.getItem(layoutKey) || "all";
  } catch (e) {
    // Keep the default layout.
  }
  setLayout(layout);
  tick();
  window.setInterval(tick, 250);
  window.setInterval(heartbeat, HEARTBEAT_MS);
  flush();
})();

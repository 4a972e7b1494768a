// Blueprint sections: rows added and removed in place, and every change saved as the candidate types.
// The form still posts normally without JavaScript; with it, changes go to the autosave endpoint, which
// validates with the same form. Saves from this window are numbered so the server applies them in order.
(function () {
  "use strict";

  const form = document.querySelector("form[data-autosave-url]");
  if (!form) return;

  const statusEl = document.querySelector("[data-autosave-status]");
  const errorBox = form.querySelector("[data-autosave-error]");
  const session = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random();
  let seq = 0;
  let timer = null;
  let inFlight = false;
  let again = false;
  let dirty = false;
  let refused = false;

  function say(text) {
    if (statusEl) statusEl.textContent = text;
  }

  // ---- rows

  function addRow(fieldset) {
    const total = fieldset.querySelector("input[name$='-TOTAL_FORMS']");
    const template = fieldset.querySelector("template[data-row-template]");
    const index = Number(total.value);
    const html = template.innerHTML.replace(/__prefix__/g, String(index));
    const holder = document.createElement("div");
    holder.innerHTML = html.trim();
    const row = holder.firstElementChild;
    fieldset.querySelector("[data-rows]").appendChild(row);
    total.value = String(index + 1);
    const first = row.querySelector("input:not([type=hidden]):not([type=checkbox]), select, textarea");
    if (first) first.focus();
  }

  function removeRow(row) {
    const box = row.querySelector("input[type=checkbox][name$='-DELETE']");
    if (box) box.checked = true;
    row.classList.add("d-none");
    row.setAttribute("aria-hidden", "true");
    changed(0);
  }

  form.addEventListener("click", (event) => {
    const add = event.target.closest("[data-add-row]");
    if (add) {
      event.preventDefault();
      addRow(add.closest("[data-table]"));
      return;
    }
    const remove = event.target.closest("[data-remove-row]");
    if (remove) {
      event.preventDefault();
      removeRow(remove.closest("[data-row]"));
    }
  });

  // ---- errors

  function clearErrors() {
    form.querySelectorAll("[data-autosave-field-error]").forEach((el) => el.remove());
    form.querySelectorAll(".is-invalid").forEach((el) => el.classList.remove("is-invalid"));
    if (errorBox) {
      errorBox.classList.add("d-none");
      errorBox.replaceChildren();
    }
  }

  function showErrors(message, errors) {
    clearErrors();
    const general = [message].concat(errors.__all__ || []);
    Object.entries(errors).forEach(([name, messages]) => {
      if (name === "__all__") return;
      const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
      if (!input) {
        general.push(...messages);
        return;
      }
      input.classList.add("is-invalid");
      const note = document.createElement("div");
      note.className = "invalid-feedback d-block";
      note.dataset.autosaveFieldError = name;
      note.textContent = messages.join(" ");
      const anchor = input.closest(".mb-3") || input.parentElement;
      anchor.appendChild(note);
    });
    if (errorBox) {
      general.forEach((text) => {
        const p = document.createElement("p");
        p.className = "mb-0";
        p.textContent = text;
        errorBox.appendChild(p);
      });
      errorBox.classList.remove("d-none");
    }
  }

  // ---- saving

  function replace(selector, html) {
    const slot = document.querySelector(selector);
    if (slot && typeof html === "string") slot.innerHTML = html;
  }

  function body() {
    const data = new FormData(form);
    seq += 1;
    data.set("editor_session", session);
    data.set("editor_seq", String(seq));
    return data;
  }

  function sendOnLeaving() {
    // The page is going away: hand the latest state to the browser to deliver even after it closes.
    if (!dirty) return;
    fetch(form.dataset.autosaveUrl, {
      method: "POST", body: body(), credentials: "same-origin", keepalive: true,
      headers: { "Accept": "application/json", "X-Requested-With": "fetch" },
    }).catch(() => {
      // Too large to outlive the page (browsers cap it at 64 KB): the last regular save stands.
    });
  }

  async function save() {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    dirty = false;
    say(form.dataset.msgSaving);
    try {
      const response = await fetch(form.dataset.autosaveUrl, {
        method: "POST", body: body(), credentials: "same-origin",
        headers: { "Accept": "application/json", "X-Requested-With": "fetch" },
      });
      const data = await response.json().catch(() => ({}));
      if (response.ok && data.saved) {
        refused = false;
        clearErrors();
        form.querySelector("input[name=revision]").value = data.revision;
        say(`${form.dataset.msgSaved} ${data.saved_at}`);
        replace("[data-section-status]", data.status_html);
        replace("[data-chart-slot]", data.chart_html);
        form.dispatchEvent(new CustomEvent("blueprint:saved", { bubbles: true }));
      } else {
        refused = true;
        showErrors(data.message || form.dataset.msgOffline, data.errors || {});
        say(data.message || form.dataset.msgOffline);
      }
    } catch (error) {
      dirty = true;
      say(form.dataset.msgOffline);
      timer = setTimeout(save, 5000);
    } finally {
      inFlight = false;
      if (again) {
        again = false;
        save();
      }
    }
  }

  function changed(delay) {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(save, delay);
  }

  form.addEventListener("input", (event) => {
    if (event.target.matches("input[type=text], input[type=number], textarea, input:not([type])")) changed(700);
  });
  form.addEventListener("change", () => changed(50));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    dirty = true;
    save();
  });

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") sendOnLeaving();
  });
  window.addEventListener("pagehide", sendOnLeaving);
  window.addEventListener("beforeunload", (event) => {
    if (refused || inFlight) {
      event.preventDefault();
      event.returnValue = form.dataset.msgUnsaved;
    }
  });
})();

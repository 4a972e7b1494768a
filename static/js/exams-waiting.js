// The waiting room of a sitting: counts down to the candidate's moment of admission, which the server gave
// in seconds, and reloads the page then, so the start button appears. The server decides; this page only waits.
(function () {
  "use strict";

  const room = document.getElementById("waiting-room");
  if (!room) return;
  const clock = document.getElementById("admission-countdown");
  const opensAt = performance.now() + Number(room.dataset.admissionIn) * 1000;
  // Screen readers hear the wait at a few set points through the polite region, never every second.
  let lastSpoken = null;

  function said(seconds) {
    if (seconds > 60) {
      return room.dataset.msgMinutes.replace("%(minutes)s", String(Math.ceil(seconds / 60)));
    }
    return seconds > 0 ? room.dataset.msgUnderMinute : room.dataset.msgNow;
  }

  function tick() {
    const seconds = Math.max(0, Math.ceil((opensAt - performance.now()) / 1000));
    const text = said(seconds);
    if (text !== lastSpoken) {
      clock.textContent = text;
      lastSpoken = text;
    }
    if (seconds === 0) {
      window.location.reload();
      return;
    }
    window.setTimeout(tick, Math.min(1000, Math.max(50, opensAt - performance.now())));
  }

  tick();
})();

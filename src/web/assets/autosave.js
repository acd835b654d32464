/*
 * Autosave for the scoring forms: once a mark is picked and there are a few words of "why", the answer is
 * saved as a draft through the JSON API (PUT .../scores/:criterionId) with the page's CSRF token, so it
 * survives a reload. Without JavaScript the "Save this answer" button posts the same form.
 */
(function () {
  'use strict';
  // Error codes that mean the session is gone (auth.* in the README's table of error codes).
  var SIGNED_OUT = { 'auth.sign_in_required': true, 'auth.session_expired': true };
  var progress = document.querySelector('[data-progress]');
  var progressText = document.querySelector('[data-progress-text]');

  function countScored() {
    if (!progress) return;
    var value = Number(progress.value) + 1;
    progress.value = value;
    progress.textContent = Math.floor((value * 100) / Number(progress.max)) + '%';
    if (progressText) progressText.textContent = value + ' of ' + progress.max;
  }

  Array.prototype.forEach.call(document.querySelectorAll('form.score-form[data-api]'), function (form) {
    var status = form.querySelector('[data-status]');
    var textarea = form.querySelector('textarea[name="justification"]');
    var tokenField = form.querySelector('input[name="_csrf"]');
    var min = Number(form.getAttribute('data-min') || 10);
    var timer = null;
    var inFlight = false;
    var again = false;
    var lastSent = null;

    function mark() {
      var checked = form.querySelector('input[name="mark"]:checked');
      return checked ? Number(checked.value) : null;
    }

    function say(text, kind) {
      status.textContent = text;
      status.className = 'save-status' + (kind ? ' save-status--' + kind : '');
    }

    function payload() {
      var m = mark();
      var why = textarea.value.trim();
      if (m === null && why.length === 0) return { wait: '' };
      if (m === null) return { wait: 'Pick a mark and we will save your answer.' };
      if (why.length === 0) return { wait: 'Tell us why you chose this mark, and we will save it.' };
      if (why.length < min) return { wait: 'Keep going: a few more words and we will save it.' };
      return { body: JSON.stringify({ mark: m, justification: why }) };
    }

    function save() {
      timer = null;
      var next = payload();
      if (!next.body) return say(next.wait);
      if (next.body === lastSent) return;
      if (inFlight) { again = true; return; }
      inFlight = true;
      say('Saving…');
      fetch(form.getAttribute('data-api'), {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': tokenField ? tokenField.value : '' },
        body: next.body,
      })
        .then(function (res) {
          return res.json().catch(function () { return {}; }).then(function (data) { return { res: res, data: data }; });
        })
        .then(function (result) {
          // The API's error bodies carry a stable code (README, "Error codes"): decide by it, not by the status.
          var code = result.data && result.data.code;
          if (result.res.ok) {
            lastSent = next.body;
            var time = new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
            say('Saved as a draft at ' + time + ' ✓', 'saved');
            if (form.getAttribute('data-scored') !== 'yes') { form.setAttribute('data-scored', 'yes'); countScored(); }
          } else if (SIGNED_OUT[code]) {
            say('You have been signed out. Copy your words somewhere safe, then sign in again.', 'problem');
          } else if (code === 'request.invalid') {
            say('Please check your mark and your words, then press "Save this answer".', 'problem');
          } else {
            say((result.data && result.data.message) || 'We could not save that. Please press "Save this answer".', 'problem');
          }
        })
        .catch(function () {
          say('No connection right now. Press "Save this answer" to try again.', 'problem');
        })
        .then(function () {
          inFlight = false;
          if (again) { again = false; save(); }
        });
    }

    function soon(delay) {
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, delay);
    }

    form.addEventListener('change', function (event) {
      if (event.target && event.target.name === 'mark') soon(100);
    });
    textarea.addEventListener('input', function () { soon(800); });
    textarea.addEventListener('blur', function () { if (timer) { clearTimeout(timer); save(); } });
    // Leaving with a save still waiting: send it anyway.
    window.addEventListener('pagehide', function () {
      if (!timer) return;
      clearTimeout(timer);
      var next = payload();
      if (!next.body || next.body === lastSent) return;
      fetch(form.getAttribute('data-api'), {
        method: 'PUT', credentials: 'same-origin', keepalive: true,
        headers: { 'content-type': 'application/json', 'x-csrf-token': tokenField ? tokenField.value : '' },
        body: next.body,
      });
    });
  });
})();

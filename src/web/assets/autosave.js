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

  var leftLine = document.querySelector('[data-left]');

  function countScored() {
    if (leftLine) {
      var left = Math.max(0, Number(leftLine.getAttribute('data-left')) - 1);
      leftLine.setAttribute('data-left', String(left));
      var who = leftLine.getAttribute('data-supplier');
      leftLine.textContent = left === 0 ? 'All answers for ' + who + ' are scored. ✓' : left + ' still to score for ' + who + '.';
    }
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
    var draft = keptDraft(form);

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
            draft.forget();
            clearProblem(form);
            var time = new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
            say('Saved as a draft at ' + time + ' ✓', 'saved');
            if (form.getAttribute('data-scored') !== 'yes') { form.setAttribute('data-scored', 'yes'); countScored(); }
          } else if (code === 'request.duplicate') {
            // The form's own post saved this answer's first mark at the same moment: send it again, as a change.
            again = true;
          } else if (SIGNED_OUT[code]) {
            signedOut(status);
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
    textarea.addEventListener('input', function () { draft.keep(mark(), textarea.value); soon(800); });
    form.addEventListener('change', function () { draft.keep(mark(), textarea.value); });
    form.addEventListener('submit', function () { draft.keep(mark(), textarea.value); });
    if (draft.restore(form, textarea)) {
      say('We brought back words you had not saved yet. Saving them now…');
      soon(100);
    }
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

  /*
   * Words not yet saved are kept on this device (localStorage) until the server has them, so a sign-in
   * that ends while a young partner is writing loses nothing: the page brings them back after signing in.
   */
  function keptDraft(form) {
    var key = 'draft:' + form.getAttribute('data-who') + ':' + form.getAttribute('data-api');
    var store = null;
    try { store = window.localStorage; } catch (e) { store = null; }
    return {
      keep: function (m, why) {
        if (!store) return;
        try { store.setItem(key, JSON.stringify({ mark: m, justification: why })); } catch (e) { /* full or blocked: the server copy still counts */ }
      },
      forget: function () { if (store) store.removeItem(key); },
      restore: function (f, textarea) {
        if (!store) return false;
        var kept = null;
        try { kept = JSON.parse(store.getItem(key) || 'null'); } catch (e) { kept = null; }
        if (!kept) return false;
        var checked = f.querySelector('input[name="mark"]:checked');
        var same = (checked ? Number(checked.value) : null) === kept.mark && textarea.value === kept.justification;
        if (same) { store.removeItem(key); return false; }
        if (kept.mark !== null) {
          var radio = f.querySelector('input[name="mark"][value="' + kept.mark + '"]');
          if (radio) radio.checked = true;
        }
        if (typeof kept.justification === 'string') textarea.value = kept.justification;
        return true;
      },
    };
  }

  function signedOut(status) {
    var back = window.location.pathname + window.location.search;
    status.textContent = '';
    status.className = 'save-status save-status--problem';
    status.appendChild(document.createTextNode('You were signed out. Your words are kept on this device. '));
    var link = document.createElement('a');
    link.href = '/sign-in?next=' + encodeURIComponent(back);
    link.textContent = 'Sign in again';
    status.appendChild(link);
    status.appendChild(document.createTextNode(' and they will come back.'));
  }

  /* Once the answer is saved, the red box and the field messages of a failed save go. */
  function clearProblem(form) {
    Array.prototype.forEach.call(form.querySelectorAll('.problem, .field-error'), function (el) { el.parentNode.removeChild(el); });
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (el) { el.removeAttribute('aria-invalid'); });
  }

  /* After a failed save the page comes back with the problem: scroll it into view and move focus to it.
     After a save, say so again once the page has settled, so a screen reader announces it. */
  var problem = document.querySelector('form.score-form .problem');
  if (problem) {
    problem.setAttribute('tabindex', '-1');
    // After the browser has scrolled to the address's #fragment (which would otherwise take the focus back).
    var focusProblem = function () { setTimeout(function () { problem.scrollIntoView({ block: 'center' }); problem.focus(); }, 0); };
    if (document.readyState === 'complete') focusProblem(); else window.addEventListener('load', focusProblem);
  }
  var saved = document.querySelector('form.score-form .save-status--saved');
  if (saved && !problem) {
    var text = saved.textContent;
    saved.textContent = '';
    setTimeout(function () { saved.textContent = text; }, 150);
  }
})();

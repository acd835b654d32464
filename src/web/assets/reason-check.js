// The reason check as the lead writes a consensus reason: after a pause in typing, ask the server
// (the same check the summaries use) and say what is weak, in the live region under the box.
for (const box of document.querySelectorAll('textarea[data-reason-check]')) {
  const out = document.getElementById(box.getAttribute('aria-describedby'));
  let timer = null;
  box.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (!box.value.trim()) { out.textContent = ''; return; }
      try {
        const response = await fetch(box.dataset.reasonCheck + '&reason=' + encodeURIComponent(box.value), { credentials: 'same-origin' });
        if (!response.ok) return;
        const check = await response.json();
        out.textContent = check.ok ? 'Reason check: refers to the bid ✓' : 'Reason check: ' + check.problems.map((p) => p.message).join('; ');
      } catch { /* the check is advice; the form works without it */ }
    }, 400);
  });
}

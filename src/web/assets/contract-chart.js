/*
 * Draws each KPI's results over time against its target with Chart.js (served from node_modules). The
 * numbers come from the page (data-kpi-chart); the list beside each chart carries the same numbers.
 */
(function () {
  'use strict';
  if (!window.Chart) return;
  window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  window.Chart.defaults.font.size = 14;
  window.Chart.defaults.color = '#1c1d21';
  document.querySelectorAll('canvas[data-kpi-chart]').forEach(function (canvas) {
    var data = JSON.parse(canvas.getAttribute('data-kpi-chart'));
    new window.Chart(canvas, {
      type: 'line',
      data: {
        labels: data.labels,
        datasets: [
          { label: 'Result (' + data.unit + ')', data: data.values, borderColor: '#0a5c56', backgroundColor: '#0a5c56', borderWidth: 3, pointRadius: 6,
            pointStyle: data.met.map(function (met) { return met ? 'circle' : 'triangle'; }) },
          { label: 'Aim', data: data.values.map(function () { return data.target; }), borderColor: '#b3471d', borderDash: [8, 6], borderWidth: 2, pointRadius: 0 },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, title: { display: true, text: data.unit } }, x: { ticks: { maxRotation: 0, autoSkip: true } } },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 16, padding: 16 } } },
      },
    });
    canvas.setAttribute('data-rendered', 'yes');
  });
})();

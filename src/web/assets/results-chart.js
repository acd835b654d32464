/*
 * Draws the results charts with Chart.js (served from node_modules). The numbers come from the page
 * (data-chart); the tables next to the charts carry the same numbers for screen readers and without JavaScript.
 */
(function () {
  'use strict';
  if (!window.Chart) return;
  var COLOURS = { professional: '#1f5fa8', youngPartner: '#c2571a', price: '#5b6270' };
  var SECTION_COLOURS = ['#0a5c56', '#b3471d', '#5b6270', '#1f5fa8', '#7a4fa3', '#8a6d00', '#2f7d4a', '#a4161a'];
  window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  window.Chart.defaults.font.size = 14;
  window.Chart.defaults.color = '#1c1d21';

  /** Long names wrap onto several lines rather than being cut off on a narrow screen. */
  function wrap(label) {
    var width = window.innerWidth < 560 ? 14 : 28;
    var lines = [];
    label.split(' ').forEach(function (word) {
      var last = lines[lines.length - 1];
      if (last && (last + ' ' + word).length <= width) lines[lines.length - 1] = last + ' ' + word;
      else lines.push(word);
    });
    return lines;
  }

  function draw(canvas, datasets, names) {
    var labels = names.map(wrap);
    var box = canvas.parentElement;
    box.style.height = Math.max(220, labels.length * (window.innerWidth < 560 ? 90 : 64) + 110) + 'px';
    new window.Chart(canvas, {
      type: 'bar',
      data: { labels: labels, datasets: datasets },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { stacked: true, min: 0, max: 100, title: { display: true, text: 'Points out of 100' }, grid: { color: '#e6e0d5' } },
          y: { stacked: true, grid: { display: false } },
        },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 16, padding: 16 } },
          tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ': ' + ctx.parsed.x.toFixed(2); } } },
        },
      },
    });
    canvas.setAttribute('data-rendered', 'yes');
  }

  var groups = document.getElementById('chart-groups');
  if (groups) {
    var data = JSON.parse(groups.getAttribute('data-chart'));
    draw(groups, [
      { label: 'Professionals', data: data.groups.professional, backgroundColor: COLOURS.professional },
      { label: 'Young partners', data: data.groups.youngPartner, backgroundColor: COLOURS.youngPartner },
      { label: 'Price', data: data.groups.price, backgroundColor: COLOURS.price },
    ], data.labels);
  }
  var sections = document.getElementById('chart-sections');
  if (sections) {
    var byData = JSON.parse(sections.getAttribute('data-chart'));
    draw(sections, byData.sections.map(function (s, i) {
      return { label: s.label, data: s.data, backgroundColor: SECTION_COLOURS[i % SECTION_COLOURS.length] };
    }), byData.labels);
  }
})();

/*
 * Draws "how robust is this result": one horizontal bar per weight, cut into stretches coloured by the
 * bid that would rank first there, with the published weight marked. The sentences beside the chart
 * carry the same ranges for screen readers and without JavaScript.
 */
(function () {
  'use strict';
  var canvas = document.getElementById('chart-robustness');
  if (!window.Chart || !canvas) return;
  var data = JSON.parse(canvas.getAttribute('data-chart'));
  var COLOURS = ['#0a5c56', '#c2571a', '#1f5fa8', '#7a4fa3', '#8a6d00', '#a4161a', '#5b6270', '#2f7d4a'];
  var colour = function (winner) { return COLOURS[data.winners.indexOf(winner) % COLOURS.length]; };
  var labels = data.rows.map(function (r) { return r.label; });
  var datasets = [];
  var named = {};
  data.rows.forEach(function (row, i) {
    row.segments.forEach(function (segment) {
      var values = labels.map(function () { return null; });
      values[i] = [segment.from, segment.to];
      datasets.push({
        label: segment.winner, data: values, backgroundColor: colour(segment.winner), grouped: false, barPercentage: 0.7,
        // One legend entry per bid, however many stretches it has.
        hideInLegend: named[segment.winner] === true,
      });
      named[segment.winner] = true;
    });
  });
  var published = {
    id: 'published',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = '#1c1d21';
      ctx.lineWidth = 3;
      data.rows.forEach(function (row, i) {
        if (row.published === null) return;
        var x = chart.scales.x.getPixelForValue(row.published);
        var y = chart.scales.y.getPixelForValue(i);
        var half = chart.scales.y.height / labels.length * 0.4;
        ctx.beginPath();
        ctx.moveTo(x, y - half);
        ctx.lineTo(x, y + half);
        ctx.stroke();
      });
      ctx.restore();
    },
  };
  canvas.parentElement.style.height = Math.max(200, labels.length * 64 + 120) + 'px';
  new window.Chart(canvas, {
    type: 'bar',
    data: { labels: labels, datasets: datasets },
    plugins: [published],
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { min: 0, max: 100, title: { display: true, text: 'Weight (%)' }, grid: { color: '#e6e0d5' } },
        y: { grid: { display: false } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 16, padding: 16, filter: function (item, chart) { return !chart.datasets[item.datasetIndex].hideInLegend; } } },
        tooltip: { callbacks: { label: function (ctx) { var v = ctx.raw; return ctx.dataset.label + ' first from ' + v[0].toFixed(2) + ' % to ' + v[1].toFixed(2) + ' %'; } } },
      },
    },
  });
  canvas.setAttribute('data-rendered', 'yes');
})();

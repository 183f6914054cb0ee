/* report.html's script: builds the charts and the events table from the JSON that
 * write_report_html() embeds. Plain ES2017 and uPlot only, so the page works offline in any
 * current browser. */
(function () {
  'use strict';

  var DATA = JSON.parse(document.getElementById('report-data').textContent);
  var DAY = 86400;
  var CHART_HEIGHT = 210;
  var Y_AXIS_SIZE = 64; /* one width for every chart, so their plot areas line up */
  var PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf',
    '#7f7f7f', '#bcbd22', '#d62728'];
  var KIND_ORDER = ['violation', 'fault', 'protect', 'lock', 'alarm', 'release', 'system'];
  var KIND_COLORS = {
    violation: '#d62728', fault: '#d62728', protect: '#f28e2b', lock: '#8e44ad',
    alarm: '#e6b400', release: '#2ca02c', system: '#8c8c8c'
  };
  /* Tick steps for the time axis, in seconds: so that ticks land on whole minutes, hours, days. */
  var TIME_INCRS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600,
    43200, DAY, 2 * DAY, 3 * DAY, 7 * DAY, 14 * DAY, 28 * DAY, 56 * DAY, 112 * DAY, 364 * DAY];

  var charts = [];
  var hiddenKinds = {};
  var events = DATA.events
    .map(function (e, i) { return { t: e.t, kind: e.kind, text: e.text, i: i }; })
    .sort(function (a, b) { return (a.t - b.t) || (a.i - b.i); });

  function pad2(n) { return n < 10 ? '0' + n : String(n); }

  /* Simulated seconds as "d2 14:00" (day 2 since the start, 14:00), seconds only when needed. */
  function fmtTime(t, withSeconds) {
    if (t == null || !isFinite(t)) return '--';
    var sign = t < 0 ? '-' : '';
    var s = Math.round(Math.abs(t));
    var d = Math.floor(s / DAY);
    var r = s - d * DAY;
    var text = sign + 'd' + d + ' ' + pad2(Math.floor(r / 3600)) + ':' +
      pad2(Math.floor(r % 3600 / 60));
    return (withSeconds || r % 60) ? text + ':' + pad2(r % 60) : text;
  }

  function timeTicks(u, splits, axisIdx, space, incr) {
    return splits.map(function (t) {
      if (incr >= DAY && t % DAY === 0) return 'd' + t / DAY;
      return fmtTime(t, incr < 60);
    });
  }

  function fmtValue(v) {
    if (v == null) return '--';
    return String(+v.toPrecision(5));
  }

  function kindColor(kind) { return KIND_COLORS[kind] || '#5b7083'; }

  function visibleEvents(min, max) {
    return events.filter(function (e) {
      return !hiddenKinds[e.kind] && e.t >= min && e.t <= max;
    });
  }

  /* Thin vertical markers under the series lines, one per shown event. */
  function drawEventMarkers(u) {
    var ctx = u.ctx;
    var top = u.bbox.top;
    var bottom = top + u.bbox.height;
    ctx.save();
    ctx.lineWidth = Math.max(1, Math.round(window.devicePixelRatio || 1));
    ctx.globalAlpha = 0.75;
    visibleEvents(u.scales.x.min, u.scales.x.max).forEach(function (e) {
      var x = Math.round(u.valToPos(e.t, 'x', true)) + 0.5;
      ctx.strokeStyle = kindColor(e.kind);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
    });
    ctx.restore();
  }

  /* Hovering a marker names its events. */
  function attachEventTip(u) {
    var tip = document.createElement('div');
    tip.className = 'event-tip';
    u.over.appendChild(tip);
    u.eventTip = tip;
    u.over.addEventListener('mousemove', function (ev) {
      var x = ev.clientX - u.over.getBoundingClientRect().left;
      var near = visibleEvents(u.scales.x.min, u.scales.x.max).filter(function (e) {
        return Math.abs(u.valToPos(e.t, 'x') - x) <= 4;
      });
      if (!near.length) { tip.style.display = 'none'; return; }
      tip.textContent = near.map(function (e) {
        return fmtTime(e.t, true) + '  ' + e.kind + ': ' + e.text;
      }).join('\n');
      tip.style.display = 'block';
      var left = x + 12;
      if (left + tip.offsetWidth > u.over.clientWidth) left = Math.max(0, x - 12 - tip.offsetWidth);
      tip.style.left = left + 'px';
    });
    u.over.addEventListener('mouseleave', function () { tip.style.display = 'none'; });
  }

  /* A tip names what was under the pointer before a zoom moved it. */
  function hideEventTip(u) {
    if (u.eventTip) u.eventTip.style.display = 'none';
  }

  /* Zooming one chart zooms them all; the flag stops the echo. */
  var syncingZoom = false;
  function syncZoom(u, key) {
    if (key !== 'x' || syncingZoom) return;
    syncingZoom = true;
    var range = { min: u.scales.x.min, max: u.scales.x.max };
    charts.forEach(function (c) { if (c !== u) c.setScale('x', range); });
    syncingZoom = false;
  }

  function seriesOptions(panel) {
    var unit = panel.unit ? ' ' + panel.unit : '';
    var list = [{ label: 'time', value: function (u, t) { return fmtTime(t, true); } }];
    panel.series.forEach(function (s, i) {
      var color = PALETTE[i % PALETTE.length];
      list.push({
        label: s.name,
        stroke: color,
        width: s.step ? 2 : 1.25,
        paths: s.step ? uPlot.paths.stepped({ align: 1 }) : undefined,
        value: function (u, v) { return v == null ? '--' : fmtValue(v) + unit; }
      });
    });
    return list;
  }

  /* A panel of states only (all series stepped): whole-number ticks, room above and below. */
  function isStatePanel(panel) {
    return panel.series.length > 0 && panel.series.every(function (s) { return s.step; });
  }

  function yScale(panel) {
    if (!isStatePanel(panel)) return { auto: true };
    return {
      auto: true,
      range: function (u, min, max) {
        if (min == null || max == null) return [0, 1];
        var pad = Math.max(max - min, 1) * 0.12;
        return [min - pad, max + pad];
      }
    };
  }

  function chartOptions(panel, width) {
    var grid = { stroke: '#eceff2', width: 1 };
    var ticks = { stroke: '#d0d7de', width: 1, size: 4 };
    return {
      width: width,
      height: CHART_HEIGHT,
      padding: [8, 32, 0, 0], /* room on the right for the last time label */
      cursor: { sync: { key: 'lfpbms-report', setSeries: false }, drag: { x: true, y: false } },
      scales: { x: { time: false }, y: yScale(panel) },
      axes: [
        { incrs: TIME_INCRS, space: 80, values: timeTicks, grid: grid, ticks: ticks },
        {
          label: panel.unit || undefined, labelSize: 18, size: Y_AXIS_SIZE, grid: grid,
          ticks: ticks, incrs: isStatePanel(panel) ? [1, 2, 5, 10] : undefined,
          values: function (u, splits) { return splits.map(fmtValue); }
        }
      ],
      series: seriesOptions(panel),
      legend: { live: true },
      hooks: {
        drawAxes: [drawEventMarkers],
        setScale: [syncZoom, hideEventTip],
        ready: [attachEventTip]
      }
    };
  }

  function chartData(panel) {
    return [DATA.t].concat(panel.series.map(function (s) { return s.values; }));
  }

  function emptyNote(parent, text) {
    var p = document.createElement('p');
    p.className = 'empty';
    p.textContent = text;
    parent.appendChild(p);
  }

  function chartWidth(box) { return Math.max(200, box.clientWidth - 18); }

  function buildCharts() {
    var box = document.getElementById('charts');
    if (!DATA.panels.length) return emptyNote(box, 'No time series.');
    if (!DATA.t.length) return emptyNote(box, 'No samples: the run recorded no time points.');
    DATA.panels.forEach(function (panel) {
      var div = document.createElement('div');
      div.className = 'panel';
      var h = document.createElement('h3');
      h.textContent = panel.title;
      if (panel.unit) {
        var unit = document.createElement('span');
        unit.className = 'unit';
        unit.textContent = ' [' + panel.unit + ']';
        h.appendChild(unit);
      }
      div.appendChild(h);
      box.appendChild(div);
      charts.push(new uPlot(chartOptions(panel, chartWidth(box)), chartData(panel), div));
    });
    var pending = false;
    window.addEventListener('resize', function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        var w = chartWidth(box);
        charts.forEach(function (c) { c.setSize({ width: w, height: CHART_HEIGHT }); });
      });
    });
  }

  function redrawCharts() { charts.forEach(function (c) { c.redraw(false, false); }); }

  /* Shows about six hours around t on every chart. */
  function zoomTo(t) {
    if (!charts.length) return;
    var first = DATA.t[0];
    var last = DATA.t[DATA.t.length - 1];
    var half = Math.min(3 * 3600, (last - first) / 2 || 3600);
    charts[0].setScale('x', { min: Math.max(first, t - half), max: Math.min(last, t + half) });
    document.getElementById('plots').scrollIntoView({ behavior: 'smooth' });
  }

  function kindsInOrder() {
    var seen = {};
    events.forEach(function (e) { seen[e.kind] = (seen[e.kind] || 0) + 1; });
    var kinds = KIND_ORDER.filter(function (k) { return seen[k]; });
    Object.keys(seen).forEach(function (k) { if (kinds.indexOf(k) < 0) kinds.push(k); });
    return kinds.map(function (k) { return { kind: k, count: seen[k] }; });
  }

  function cell(tr, text, className) {
    var td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    tr.appendChild(td);
    return td;
  }

  function buildEventRows(tbody) {
    events.forEach(function (e) {
      var tr = document.createElement('tr');
      tr.dataset.kind = e.kind;
      var when = cell(tr, '', 'time');
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = fmtTime(e.t, true);
      button.title = 'Zoom the charts to this moment';
      button.addEventListener('click', function () { zoomTo(e.t); });
      when.appendChild(button);
      var kind = cell(tr, '', 'kind');
      var badge = document.createElement('span');
      badge.className = 'badge';
      badge.style.setProperty('--kind', kindColor(e.kind));
      badge.textContent = e.kind;
      kind.appendChild(badge);
      cell(tr, e.text, 'text');
      tbody.appendChild(tr);
    });
  }

  function applyFilter(tbody, status) {
    var shown = 0;
    Array.prototype.forEach.call(tbody.rows, function (tr) {
      var hide = !!hiddenKinds[tr.dataset.kind];
      tr.hidden = hide;
      if (!hide) shown += 1;
    });
    status.textContent = shown + ' of ' + events.length + ' events shown';
    redrawCharts();
  }

  function buildFilters(box, tbody, status) {
    kindsInOrder().forEach(function (k) {
      var label = document.createElement('label');
      label.className = 'filter';
      label.style.setProperty('--kind', kindColor(k.kind));
      var box2 = document.createElement('input');
      box2.type = 'checkbox';
      box2.checked = true;
      box2.addEventListener('change', function () {
        hiddenKinds[k.kind] = !box2.checked;
        applyFilter(tbody, status);
      });
      label.appendChild(box2);
      var name = document.createElement('span');
      name.textContent = k.kind + ' (' + k.count + ')';
      label.appendChild(name);
      box.appendChild(label);
    });
    box.appendChild(status);
  }

  function buildEvents() {
    var list = document.getElementById('event-list');
    if (!events.length) return emptyNote(list, 'No events.');
    var scroller = document.createElement('div');
    scroller.className = 'events-box';
    var table = document.createElement('table');
    table.className = 'events';
    table.innerHTML = '<thead><tr><th>time</th><th>kind</th><th>text</th></tr></thead>';
    var tbody = document.createElement('tbody');
    table.appendChild(tbody);
    scroller.appendChild(table);
    list.appendChild(scroller);
    buildEventRows(tbody);
    var status = document.createElement('span');
    status.className = 'status';
    buildFilters(document.getElementById('event-filters'), tbody, status);
    applyFilter(tbody, status);
  }

  buildCharts();
  buildEvents();
})();

// Teleop Monitor dashboard: everything arrives over /ws (no polling); reconnects resume with last_seq.
(function () {
  'use strict';
  const METRICS = ['command_rate_hz', 'latency_ms', 'bandwidth_mbps', 'packet_loss_percent', 'fps'];
  const params = new URLSearchParams(location.search);
  const token = params.get('access_token');
  let windowSeconds = 60;
  let lastSeq = null;
  let streamId = null;
  let backoff = 500;
  let socket = null;
  let state = null;
  let sessions = [];
  let alerts = [];
  const charts = {};
  // Stalls seen while the page is open (teleop_stall, video_stall events): shaded on every chart.
  let stalls = [];
  const $ = (id) => document.getElementById(id);

  function text(el, value) { el.textContent = value; }

  // Draws each stall as a band from its start to its end on the chart's "seconds ago" axis.
  const stallBands = {
    id: 'stallBands',
    beforeDatasetsDraw(chart) {
      const x = chart.scales.x, area = chart.chartArea, now = Date.now() / 1000, ctx = chart.ctx;
      ctx.save();
      for (const s of stalls) {
        const from = Math.max(x.min, s.started - now), to = Math.min(x.max, s.ended - now);
        if (to < x.min || from > x.max) { continue; }
        const left = x.getPixelForValue(from), right = Math.max(left + 2, x.getPixelForValue(to));
        ctx.fillStyle = s.kind === 'video' ? 'rgba(241,196,15,.25)' : 'rgba(231,76,60,.3)';
        ctx.fillRect(left, area.top, right - left, area.bottom - area.top);
      }
      ctx.restore();
    }
  };

  function makeCharts() {
    if (typeof Chart === 'undefined') { return; }
    Chart.defaults.color = '#8a96a6';
    Chart.defaults.borderColor = '#26313d';
    for (const name of METRICS) {
      charts[name] = new Chart($('chart-' + name), {
        type: 'line',
        plugins: [stallBands],
        data: { datasets: [{ data: [], borderColor: '#4aa3ff', backgroundColor: 'rgba(74,163,255,.15)',
          fill: true, pointRadius: 0, borderWidth: 2, tension: 0.2 }] },
        options: { animation: false, responsive: true, maintainAspectRatio: false,
          parsing: false, plugins: { legend: { display: false } },
          scales: { x: { type: 'linear', min: -windowSeconds, max: 0, ticks: { callback: (v) => v + 's' } },
                    y: { beginAtZero: true } } }
      });
    }
  }

  // Points are kept as absolute times and drawn as "seconds ago".
  const points = Object.fromEntries(METRICS.map((m) => [m, []]));
  function addPoint(t, metrics) {
    for (const name of METRICS) {
      const v = metrics[name];
      if (typeof v === 'number') { points[name].push({ t: t, y: v }); }
    }
  }
  function redraw() {
    const now = Date.now() / 1000;
    for (const name of METRICS) {
      const series = points[name];
      while (series.length && series[0].t < now - windowSeconds) { series.shift(); }
      const chart = charts[name];
      if (!chart) { continue; }
      chart.options.scales.x.min = -windowSeconds;
      chart.data.datasets[0].data = series.map((p) => ({ x: p.t - now, y: p.y }));
      chart.update('none');
    }
  }

  function fmtDuration(s) {
    if (s == null) { return '–'; }
    s = Math.max(0, Math.floor(s));
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    return (h ? h + 'h ' : '') + (h || m ? m + 'm ' : '') + sec + 's';
  }
  function fmtTime(epoch) { return epoch == null ? '–' : new Date(epoch * 1000).toLocaleTimeString(); }

  function renderState(s) {
    state = s;
    const badge = $('state-badge');
    if (!s) {
      text(badge, 'NO ENGINE'); badge.className = 'badge idle';
      return;
    }
    text(badge, s.is_active ? 'ACTIVE' : 'IDLE');
    badge.className = 'badge ' + (s.is_active ? 'active' : 'idle');
    text($('operators'), s.operators.length ? s.operators.map((o) => o.name).join(', ') : 'none');
    text($('confidence'), s.confidence + ' %');
    $('confidence-bar').style.width = Math.max(0, Math.min(100, s.confidence)) + '%';
    text($('robot'), s.robot_type || '–');
    renderDuration();
  }
  function renderDuration() {
    if (!state || !state.is_active || state.start_time == null) { text($('duration'), state ? 'idle' : '–'); return; }
    text($('duration'), fmtDuration(Date.now() / 1000 - state.start_time));
  }

  function renderSessions() {
    const body = $('sessions');
    body.replaceChildren();
    if (!sessions.length) {
      const row = body.insertRow(); const cell = row.insertCell(); cell.colSpan = 5;
      cell.className = 'empty'; cell.textContent = 'no session yet';
      return;
    }
    for (const s of sessions.slice(0, 10)) {
      const row = body.insertRow();
      row.className = s.is_active ? 'session-open' : 'session-ended';
      row.insertCell().textContent = fmtTime(s.start_time);
      row.insertCell().textContent = s.is_active ? 'running' : fmtDuration(s.duration);
      row.insertCell().textContent = s.operators.map((o) => o.name).join(', ') || '–';
      row.insertCell().textContent = s.robot_type || '–';
      const ended = row.insertCell();
      ended.className = 'end-reason';
      ended.textContent = s.is_active ? '' : (s.end_reason || '–').replace(/_/g, ' ');
      ended.title = s.end_detail || '';
    }
  }

  function addStall(s) {
    if (typeof s.started !== 'number' || typeof s.ended !== 'number') { return; }
    stalls.push(s);
    stalls = stalls.slice(-50);
    const list = $('stalls');
    list.replaceChildren();
    for (const x of stalls.slice(-8).reverse()) {
      const li = document.createElement('li');
      li.className = 'stall ' + x.kind;
      li.textContent = x.kind + ' stall ' + Math.round((x.ended - x.started) * 1000) + ' ms at ' + fmtTime(x.started) +
        ' (' + x.detector + ')';
      list.appendChild(li);
    }
    redraw();
  }

  // detector_update: each detector's measurements and the first rows of what it follows, compact.
  function fmtValue(v) {
    if (typeof v === 'number') { return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 10 ? 2 : 1); }
    if (v === null || v === undefined) { return '–'; }
    return String(v);
  }
  function renderDetectors(d) {
    const box = $('detectors');
    box.replaceChildren();
    for (const det of d.detectors || []) {
      const card = document.createElement('div');
      card.className = 'detector'; card.dataset.name = det.name;
      const title = document.createElement('h3');
      title.textContent = det.name + (det.is_active === undefined ? '' : det.is_active ? ' · active ' + det.confidence + ' %' : ' · idle');
      card.appendChild(title);
      const m = document.createElement('div'); m.className = 'measurements';
      for (const [k, v] of Object.entries(det.measurements || {})) {
        const span = document.createElement('span'); span.className = 'measurement'; span.dataset.name = k;
        span.append(k + ' '); const b = document.createElement('b'); b.textContent = fmtValue(v); span.appendChild(b);
        m.appendChild(span);
      }
      card.appendChild(m);
      const rows = (det.details || []).slice(0, 5);
      if (rows.length) {
        const keys = Object.keys(rows[0]).slice(0, 6);
        const table = document.createElement('table');
        const head = table.createTHead().insertRow();
        for (const k of keys) { const th = document.createElement('th'); th.textContent = k.replace(/_/g, ' '); head.appendChild(th); }
        const body = table.createTBody();
        for (const r of rows) {
          const tr = body.insertRow(); tr.className = 'detector-row';
          for (const k of keys) { tr.insertCell().textContent = fmtValue(r[k]); }
        }
        card.appendChild(table);
      }
      if ((det.details_total || 0) > rows.length) {
        const more = document.createElement('div'); more.className = 'more';
        more.textContent = rows.length + ' of ' + det.details_total + ' rows (GET detectors/' + det.name + '?offset=)';
        card.appendChild(more);
      }
      if (det.details_error) {
        const err = document.createElement('div'); err.className = 'more'; err.textContent = det.details_error;
        card.appendChild(err);
      }
      box.appendChild(card);
    }
    if (!box.children.length) {
      const p = document.createElement('p'); p.className = 'empty'; p.textContent = 'no detector'; box.appendChild(p);
    }
  }
  function upsertSession(s) {
    sessions = [s].concat(sessions.filter((x) => x.id !== s.id));
    renderSessions();
  }

  // Usage totals come from GET /usage (the ledger, else the engine's memory): read when the page opens,
  // when a session starts or stops, and when the grouping changes; nothing polls.
  const USAGE_KEYS = { operator: 'Operator', day: 'Day (UTC)', robot: 'Robot' };
  let usageRequest = 0;
  function loadUsage() {
    const by = $('usage-by').value;
    const q = new URLSearchParams({ by: by });
    if (token) { q.set('access_token', token); }
    const request = ++usageRequest;
    fetch('usage?' + q, { cache: 'no-store' })
      .then((r) => r.json().then((body) => ({ ok: r.ok, body: body })))
      .then(({ ok, body }) => {
        if (request !== usageRequest) { return; }
        if (!ok) { renderUsage(by, [], body.message || body.error); return; }
        renderUsage(by, body.totals || [], body.source === 'memory' ? 'recent sessions only: ' + body.note : '');
      })
      .catch((err) => { if (request === usageRequest) { renderUsage(by, [], 'cannot read usage: ' + err); } });
  }
  function renderUsage(by, totals, note) {
    text($('usage-key'), USAGE_KEYS[by]);
    const source = $('usage-source');
    text(source, note ? '(' + note + ')' : ''); source.title = note || '';
    const body = $('usage');
    body.replaceChildren();
    if (!totals.length) {
      const row = body.insertRow(); const cell = row.insertCell(); cell.colSpan = 4;
      cell.className = 'empty'; cell.textContent = note ? '–' : 'no session yet';
      return;
    }
    for (const t of totals.slice(0, 20)) {
      const row = body.insertRow();
      row.className = 'usage-row';
      row.insertCell().textContent = by === 'operator' ? (t.label || '–') + (t.key && t.key !== t.label ? ' (' + t.key + ')' : '')
        : by === 'robot' ? (t.key || '–') + (t.label ? ' (' + t.label + ')' : '') : t.key;
      row.insertCell().textContent = t.sessions;
      row.insertCell().textContent = fmtDuration(t.time);
      const latency = t.quality && t.quality.latency_ms;
      row.insertCell().textContent = typeof latency === 'number' ? latency.toFixed(1) + ' ms' : '–';
    }
  }

  function renderAlerts() {
    const list = $('alerts');
    list.replaceChildren();
    if (!alerts.length) {
      const li = document.createElement('li'); li.className = 'empty'; li.textContent = 'no alerts';
      list.appendChild(li); return;
    }
    for (const a of alerts.slice(0, 30)) {
      const li = document.createElement('li');
      li.className = a.status;
      li.textContent = fmtTime(a.timestamp) + ' ' + a.event + (a.subject ? ' [' + a.subject + ']' : '') + ': ' +
        (a.message || a.rule);
      list.appendChild(li);
    }
  }

  function renderHealth(h) {
    const body = $('health');
    body.replaceChildren();
    const overall = $('health-overall');
    overall.textContent = h.status; overall.className = 'pill s-' + h.status;
    for (const c of h.components.concat(h.detectors.map((d) => Object.assign({ detector: true }, d)))) {
      const row = body.insertRow();
      row.insertCell().textContent = (c.detector ? 'detector ' : '') + c.name;
      const status = row.insertCell(); status.textContent = c.status; status.className = 's-' + c.status;
      row.insertCell().textContent = c.message || '';
    }
  }

  function onMessage(msg) {
    if (typeof msg.seq === 'number' && (lastSeq === null || msg.seq > lastSeq)) { lastSeq = msg.seq; }
    const d = msg.data || {};
    switch (msg.type) {
      case 'hello':
        // detector_update is opt-in: ask for every topic, it included
        if (d.topics && socket) { socket.send(JSON.stringify({ type: 'subscribe', topics: d.topics })); }
        streamId = d.stream_id;
        windowSeconds = d.history_window || windowSeconds;
        text($('version'), 'v' + d.version);
        renderState(d.state);
        sessions = d.sessions || []; renderSessions();
        alerts = d.alerts || []; renderAlerts();
        for (const name of METRICS) { points[name].length = 0; }
        for (const p of d.history || []) { addPoint(p.t, p); }
        if (d.health) { renderHealth(d.health); }
        redraw();
        loadUsage();
        break;
      case 'resync':
        renderState(d.state || null);
        break;
      case 'state':
        if (!d.error) { renderState(d); }
        break;
      case 'state_update':
        renderState(d);
        addPoint(d.timestamp, d.metrics);
        redraw();
        break;
      case 'operator_connected': case 'operator_disconnected':
        if (d.state) { renderState(d.state); }
        break;
      case 'teleoperation_started': case 'teleoperation_stopped':
        if (d.state) { renderState(d.state); }
        if (d.session) { upsertSession(d.session); }
        loadUsage();
        break;
      case 'health':
        renderHealth(d);
        break;
      case 'detector_update':
        renderDetectors(d);
        break;
      case 'teleop_stall': case 'video_stall':
        addStall(d);
        break;
      default:
        if (msg.type.endsWith('_warning') || msg.type === 'alert_resolved') {
          alerts.unshift(d); alerts = alerts.slice(0, 100); renderAlerts();
        }
    }
  }

  function connect() {
    const q = new URLSearchParams();
    if (token) { q.set('access_token', token); }
    if (lastSeq !== null) { q.set('last_seq', lastSeq); q.set('stream_id', streamId); }
    const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host +
      location.pathname.replace(/[^/]*$/, '') + 'ws' + (q.toString() ? '?' + q : '');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => { backoff = 500; const c = $('conn'); text(c, 'connected'); c.className = 'conn up'; };
    ws.onmessage = (e) => { try { onMessage(JSON.parse(e.data)); } catch (err) { console.error(err); } };
    ws.onclose = (e) => {
      const c = $('conn'); text(c, 'disconnected' + (e.reason ? ': ' + e.reason : '')); c.className = 'conn down';
      setTimeout(connect, backoff); backoff = Math.min(backoff * 2, 10000);
    };
  }

  makeCharts();
  renderSessions();
  $('usage-by').addEventListener('change', loadUsage);
  renderAlerts();
  // Local clock only: the session duration ticks and old chart points slide out between events.
  setInterval(() => { renderDuration(); redraw(); }, 1000);
  connect();
}());

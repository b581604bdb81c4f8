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
  let state = null;
  let sessions = [];
  let alerts = [];
  const charts = {};
  const $ = (id) => document.getElementById(id);

  function text(el, value) { el.textContent = value; }

  function makeCharts() {
    if (typeof Chart === 'undefined') { return; }
    Chart.defaults.color = '#8a96a6';
    Chart.defaults.borderColor = '#26313d';
    for (const name of METRICS) {
      charts[name] = new Chart($('chart-' + name), {
        type: 'line',
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
      const row = body.insertRow(); const cell = row.insertCell(); cell.colSpan = 4;
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

// Patchstorm live dashboard: polls the JSON API, draws uPlot charts, posts controls and injections.
'use strict';
(function () {
  const token = new URLSearchParams(location.search).get('token');
  const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];
  // Charts of the overlay model: [column, label]; 'expected' is computed from the diurnal demand.
  const CHARTS = [
    { id: 'online', title: 'Online and connected peers', colors: ['#1f77b4', '#888888', '#2ca02c'],
      series: [['online', 'online'], ['expected', 'expected online'], ['connected', 'connected']] },
    { id: 'supernodes', title: 'Supernodes', series: [['supernodes', 'supernodes']] },
    { id: 'sn-load', title: 'Supernode load (clients per supernode)',
      series: [['sn_clients_mean', 'mean'], ['sn_clients_max', 'max']] },
    { id: 'logins', title: 'Log-ins per interval',
      series: [['login_attempts', 'attempts'], ['login_successes', 'successes'], ['login_timeouts', 'time-outs']] },
    { id: 'login-queue', title: 'Log-in queue (requests)',
      series: [['login_queue_mean', 'mean'], ['login_queue_max', 'max']] },
    { id: 'login-latency', title: 'Log-in latency (ms)',
      series: [['login_latency_ms_p50', 'p50'], ['login_latency_ms_p99', 'p99']] },
    { id: 'retries', title: 'Retries per interval', series: [['retries', 'retries']] },
    { id: 'probes', title: 'Service probes per interval', whenActive: ['status_sent', 'search_attempts'],
      series: [['status_delivered', 'presence delivered'], ['status_failed', 'presence lost'],
        ['search_successes', 'searches found'], ['search_failures', 'searches failed']] },
  ];

  const state = {
    run: null, columns: [], index: {}, times: [], values: [], demand: [],
    next: 0, injections: [], injectionCount: -1, status: null, ended: false, endShown: false, charts: [],
  };
  window.patchstorm = state; // read by the end-to-end test and handy in the console

  function headers(json) {
    const h = {};
    if (json) h['Content-Type'] = 'application/json';
    if (token) h['Authorization'] = 'Bearer ' + token;
    return h;
  }

  async function getJson(url) {
    const r = await fetch(url, { cache: 'no-store' });
    if (!r.ok) throw new Error((await r.text()).trim());
    return r.json();
  }

  async function post(url, body) {
    const r = await fetch(url, { method: 'POST', headers: headers(body !== undefined),
      body: body === undefined ? undefined : body });
    const text = await r.text();
    if (!r.ok) throw new Error(text.trim() || r.statusText);
    return text ? JSON.parse(text) : null;
  }

  function column(name) {
    if (name === 'expected') return expected();
    const c = state.index[name];
    return c === undefined ? null : state.values.map(row => row[c]);
  }
  state.column = column;

  // The expected level as summary.json draws it: diurnal demand x online share before the incident.
  function expected() {
    if (!state.run || !state.run.expected || state.index.online === undefined) return null;
    const start = state.run.incidentStartSeconds, from = start - state.run.baselineWindowSeconds;
    let on = 0, dem = 0;
    for (let i = 0; i < state.times.length; i++) {
      const t = state.times[i];
      if (t <= start && t > from) { on += state.values[i][state.index.online] || 0; dem += state.demand[i]; }
    }
    const share = dem > 0 ? on / dem : 1;
    return state.demand.map(d => d * share);
  }

  // Vertical dashed lines: the experiment's own events in grey, injected ones in red, numbered.
  function markersPlugin() {
    return { hooks: { draw: [u => {
      const ctx = u.ctx, dpr = devicePixelRatio || 1;
      const line = (m, color, text, row) => {
        const x = u.valToPos(m.atSeconds / 3600, 'x', true);
        if (!(x >= u.bbox.left && x <= u.bbox.left + u.bbox.width)) return false;
        ctx.strokeStyle = color; ctx.fillStyle = color;
        ctx.lineWidth = 1.5 * dpr; ctx.setLineDash([6 * dpr, 4 * dpr]);
        ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillText(text, x + 4 * dpr, u.bbox.top + (12 + 12 * row) * dpr);
        return true;
      };
      ctx.save();
      ctx.font = (11 * dpr) + 'px sans-serif';
      (state.run.scenario || []).forEach((m, i) => line(m, '#888888', m.label, i % 2));
      let shown = 0;
      state.injections.forEach((m, i) => {
        if (line(m, '#b3261e', (i + 1) + ' ' + m.label, 2 + i % 3)) shown++;
      });
      ctx.restore();
      u.root.dataset.markers = String(shown);
    }] } };
  }

  function chartWidth(el) { return Math.max(300, el.clientWidth - 12); }

  function buildCharts() {
    const host = document.getElementById('charts');
    let defs = CHARTS.map(d => ({ ...d, series: d.series.filter(([c]) => c === 'expected'
      ? state.run.expected : state.index[c] !== undefined) })).filter(d => d.series.some(([c]) => c !== 'expected'));
    if (defs.length === 0) { // another model (ping): its own columns, a few to a chart
      defs = [];
      for (let i = 0; i < state.columns.length; i += 3) {
        const cols = state.columns.slice(i, i + 3);
        defs.push({ id: 'c' + i, title: cols.join(', '), series: cols.map(c => [c, c]) });
      }
    }
    for (const def of defs) {
      const box = document.createElement('div');
      box.className = 'chart'; box.id = 'chart-' + def.id;
      box.innerHTML = '<h3></h3>';
      box.querySelector('h3').textContent = def.title;
      if (def.whenActive) box.hidden = true;
      host.appendChild(box);
      const opts = {
        width: chartWidth(host.firstElementChild || host) , height: 220,
        scales: { x: { time: false } },
        axes: [{ label: 'virtual time (h)' }, { size: 60 }],
        series: [{ label: 'h', value: (u, v) => v == null ? '–' : v.toFixed(2) }].concat(def.series.map(([c, label], i) => ({
          label, stroke: (def.colors || COLORS)[i % COLORS.length], width: 1.5, dash: c === 'expected' ? [6, 4] : undefined,
          spanGaps: false,
        }))),
        plugins: [markersPlugin()],
      };
      const u = new uPlot(opts, [[], ...def.series.map(() => [])], box);
      state.charts.push({ def, u, box });
    }
    window.addEventListener('resize', () => state.charts.forEach(c => c.u.setSize({ width: chartWidth(c.box), height: 220 })));
  }

  function redraw() {
    const hours = state.times.map(t => t / 3600);
    for (const c of state.charts) {
      if (c.def.whenActive) {
        const active = c.def.whenActive.some(col => { const s = column(col); return s && s.some(v => v > 0); });
        if (active === c.box.hidden) { c.box.hidden = !active; if (active) c.u.setSize({ width: chartWidth(c.box), height: 220 }); }
      }
      c.u.setData([hours, ...c.def.series.map(([col]) => column(col) || [])]);
    }
  }

  function clock(seconds) {
    if (seconds == null) return '–';
    const s = Math.floor(seconds), day = Math.floor(s / 86400) + 1;
    const hh = String(Math.floor(s % 86400 / 3600)).padStart(2, '0');
    const mm = String(Math.floor(s % 3600 / 60)).padStart(2, '0');
    const ss = String(s % 60).padStart(2, '0');
    return 'day ' + day + ' ' + hh + ':' + mm + ':' + ss;
  }

  function showStatus(s) {
    state.status = s;
    const badge = document.getElementById('state');
    badge.textContent = s.state.toLowerCase(); badge.className = 'state ' + s.state;
    document.getElementById('clock').textContent = clock(s.virtualSeconds);
    document.getElementById('speed').textContent = s.speed == null ? '–'
      : Math.round(s.speed).toLocaleString('en') + '× ' + (s.pace > 0 ? '(pace ' + s.pace + ')' : '(flat out)');
    document.getElementById('progress-bar').style.width = (100 * (s.progress || 0)).toFixed(1) + '%';
    document.getElementById('progress-text').textContent = (100 * (s.progress || 0)).toFixed(1) + '%';
    document.getElementById('pause').disabled = s.ended || s.state === 'PAUSED';
    document.getElementById('resume').disabled = s.ended || s.state !== 'PAUSED';
    document.getElementById('stop').disabled = s.ended;
    document.getElementById('set-pace').disabled = s.ended;
    document.querySelectorAll('#inject button').forEach(b => { b.disabled = s.ended; });
  }

  function showInjections() {
    const list = document.getElementById('injections');
    list.innerHTML = '';
    for (const m of state.injections) {
      const li = document.createElement('li');
      li.textContent = m.label + ' at ' + clock(m.atSeconds);
      li.dataset.at = m.atSeconds;
      list.appendChild(li);
    }
  }

  async function showEnd() {
    const s = state.status;
    const files = await getJson('/api/files');
    let summary = null;
    if (s.state === 'FINISHED') {
      try { summary = await getJson('/api/summary'); } catch (e) { return false; } // not written yet
    }
    document.getElementById('end').hidden = false;
    document.getElementById('verdict').textContent = summary && summary.verdict ? summary.verdict : s.state.toLowerCase();
    document.getElementById('failure').textContent = s.failure || '';
    const table = document.getElementById('summary');
    table.innerHTML = '';
    if (summary) {
      for (const [k, v] of Object.entries(summary)) {
        if (v !== null && typeof v === 'object') continue;
        const tr = table.insertRow();
        tr.insertCell().textContent = k;
        tr.insertCell().textContent = typeof v === 'number' && !Number.isInteger(v) ? v.toPrecision(4) : String(v);
      }
    }
    document.getElementById('folder').textContent = files.folder;
    const ul = document.getElementById('files');
    ul.innerHTML = '';
    for (const f of files.files) {
      const li = document.createElement('li'), a = document.createElement('a');
      a.href = '/files/' + f.split('/').map(encodeURIComponent).join('/'); a.textContent = f; a.target = '_blank';
      li.appendChild(a); ul.appendChild(li);
    }
    return summary !== null || s.state !== 'FINISHED';
  }

  async function tick() {
    try {
      let more = true;
      while (more) {
        const r = await getJson('/api/rows?since=' + state.next);
        for (let i = 0; i < r.t.length; i++) {
          state.times.push(r.t[i]); state.values.push(r.v[i]);
          if (r.demand) state.demand.push(r.demand[i]);
        }
        state.next = r.next; more = r.more;
      }
      const s = await getJson('/api/status');
      showStatus(s);
      if (s.injections !== state.injectionCount) {
        state.injections = await getJson('/api/injections');
        state.injectionCount = state.injections.length;
        showInjections();
      }
      redraw();
      if (s.ended && !state.endShown && state.next >= s.rows) state.endShown = await showEnd();
    } catch (e) {
      document.getElementById('state').textContent = 'no answer: ' + e.message;
    }
    setTimeout(tick, state.endShown ? 5000 : 500);
  }

  // Forms -> timeline entries (JSON is HOCON); numbers and true/false typed, durations as text.
  function typed(v) {
    const t = String(v).trim();
    if (t === 'true' || t === 'false') return t === 'true';
    if (t !== '' && !isNaN(Number(t))) return Number(t);
    return t;
  }

  function distribution(form) {
    const type = form.elements['downtime.type'].value, a = form.elements['downtime.a'].value, b = form.elements['downtime.b'].value;
    switch (type) {
      case 'constant': return { type, value: typed(a) };
      case 'exponential': return { type, mean: typed(a) };
      case 'lognormal': return { type, median: typed(a), sigma: typed(b) };
      default: return { type, min: typed(a), max: typed(b) };
    }
  }

  function event(form) {
    const f = form.elements, v = name => typed(f[name].value);
    let e;
    switch (form.dataset.kind) {
      case 'restart-burst':
        e = { type: 'restart-burst', fraction: v('fraction'), selector: f.selector.value, window: v('window'),
          downtime: distribution(form), exit: f.exit.value, 'include-supernodes': f['include-supernodes'].checked };
        if (f['local-time'].value.trim() !== '') e['local-time'] = typed(f['local-time'].value);
        break;
      case 'version-crash':
        e = { type: 'restart-burst', selector: 'affected-version', exit: 'crash', fraction: v('fraction'),
          window: v('window'), downtime: distribution(form), 'include-supernodes': f['include-supernodes'].checked };
        break;
      case 'botnet':
        e = { type: f.action.value, botnet: f.botnet.value };
        break;
      default: {
        const action = f.action.value;
        if (action === 'throttle-logins') e = { type: action, 'per-second': v('per-second') };
        else if (action === 'add-supernodes') e = { type: action, count: v('count'), 'max-clients': v('max-clients'), 'message-rate': v('message-rate') };
        else if (action === 'set-parameter') e = { type: action, key: f['parameter-key'].value, value: v('parameter-value') };
        else e = { type: action, key: f['defence-key'].value, value: v('defence-value') };
      }
    }
    if (f.at.value.trim() !== '') e.at = typed(f.at.value);
    return e;
  }

  function wireForms() {
    for (const form of document.querySelectorAll('#inject form')) {
      const action = form.elements.action;
      const showFor = () => form.querySelectorAll('[data-show]').forEach(d => { d.hidden = d.dataset.show !== action.value; });
      if (action) { action.addEventListener('change', showFor); showFor(); }
      form.addEventListener('submit', async ev => {
        ev.preventDefault();
        const err = form.querySelector('[data-error]'), ok = form.querySelector('[data-ok]');
        err.textContent = ''; ok.textContent = '';
        try {
          const done = await post('/api/inject', JSON.stringify(event(form)));
          ok.textContent = 'accepted: ' + done.label + ' at ' + clock(done.atSeconds);
        } catch (e) {
          err.textContent = e.message;
        }
      });
    }
  }

  function wireControls() {
    const err = document.getElementById('control-error');
    const run = async (url, body) => {
      err.textContent = '';
      try { showStatus(await post(url, body)); } catch (e) { err.textContent = e.message; }
    };
    document.getElementById('pause').onclick = () => run('/api/pause');
    document.getElementById('resume').onclick = () => run('/api/resume');
    document.getElementById('stop').onclick = () => run('/api/stop');
    document.getElementById('set-pace').onclick = () => {
      const text = document.getElementById('pace').value.trim();
      run('/api/pace', JSON.stringify({ pace: text === '' ? 0 : Number(text) }));
    };
  }

  async function start() {
    try {
      state.run = await getJson('/api/run');
    } catch (e) {
      document.getElementById('state').textContent = 'no answer: ' + e.message;
      setTimeout(start, 1000);
      return;
    }
    document.getElementById('name').textContent = state.run.name;
    document.title = 'Patchstorm live: ' + state.run.name;
    state.columns = state.run.columns;
    state.columns.forEach((c, i) => { state.index[c] = i; });
    const botnet = document.querySelector('#form-botnet select[name=botnet]');
    const botnetInfo = document.querySelector('#form-botnet [data-botnet-info]');
    const describe = () => {
      const b = state.run.botnets.find(x => x.name === botnet.value);
      botnetInfo.textContent = b ? b.bots + ' bots x ' + b.ratePerBot + '/s, ' + b.request + ' requests at ' + b.target
        : 'This experiment declares no botnet.';
    };
    for (const b of state.run.botnets) { const o = document.createElement('option'); o.textContent = b.name; botnet.appendChild(o); }
    botnet.addEventListener('change', describe);
    describe();
    buildCharts();
    wireForms();
    wireControls();
    tick();
  }

  start();
})();

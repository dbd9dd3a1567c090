'use strict';

// The admin dashboard of lucca-provisioning: plain DOM code talking to the /api routes of the same server.
// Every text that comes from the API is put in the page with textContent, never parsed as HTML.

const TOKEN_KEY = 'luccaProvisioningToken';
const POLL_MS = 500;
const IDLE_REFRESH_MS = 10000;
const HISTORY_PAGE_SIZE = 20;
const EMPLOYEE_PAGE_SIZE = 50;
const CHART_RUNS = 15;
const SEARCH_DELAY_MS = 250;
const DASH = '\u2014';

// The interface is in English, so numbers and dates follow one English convention whatever the browser's
// language ("2,500", "21 Nov 2026, 10:04"); dates are still shown in the browser's time zone.
const numberFormat = new Intl.NumberFormat('en-GB');
const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
});

const STATUSES = {
  RUNNING: {label: 'Running', tone: 'info'},
  COMPLETED: {label: 'Completed', tone: 'success'},
  COMPLETED_WITH_ERRORS: {label: 'Completed with errors', tone: 'warning'},
  FAILED: {label: 'Failed', tone: 'danger'},
  // its replica stopped or was lost mid-run; the next run, on any replica, takes over
  INTERRUPTED: {label: 'Interrupted', tone: 'warning'},
};

// The statuses whose failure reason says why the run did not complete.
const CUT_SHORT = ['FAILED', 'INTERRUPTED'];

const CHART_SERIES = ['created', 'updated', 'deactivated'];

const state = {
  historyPage: 0,
  employeePage: 0,
  employeeQuery: '',
  watchedRunId: null,
  pollTimer: null,
  starting: false,
  heldRunId: null,
  heldCount: 0,
  newestRunId: undefined,
  idleTimer: null,
  automaticSync: undefined,
};

// Each loader numbers its requests so that a slow answer never replaces a newer one (fast paging or typing).
const requestCounters = {history: 0, employees: 0, overview: 0};

const $ = (selector) => document.querySelector(selector);

class ApiError extends Error {
  constructor(status, body) {
    super(body?.error || `The server answered HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

class SignInNeeded extends Error {}

// ---- DOM helpers ----

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  setProps(node, props);
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setProps(node, attributes);
  node.append(...children);
  return node;
}

function setProps(node, props) {
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'className') node.setAttribute('class', value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
}

// ---- Formatting ----

function known(value) {
  return value !== null && value !== undefined;
}

function formatNumber(value) {
  return known(value) ? numberFormat.format(value) : DASH;
}

function formatDate(iso) {
  return iso ? dateFormat.format(new Date(iso)) : DASH;
}

function formatDuration(milliseconds) {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

function runDuration(run) {
  if (!run.startedAt) return DASH;
  const end = run.finishedAt ? Date.parse(run.finishedAt) : Date.now();
  return formatDuration(end - Date.parse(run.startedAt));
}

function plural(count, word) {
  return `${formatNumber(count)} ${word}${count === 1 ? '' : 's'}`;
}

function statusOf(run) {
  return STATUSES[run.status] || {label: run.status, tone: 'neutral'};
}

function statusBadge(run) {
  const status = statusOf(run);
  return el('span', {className: `badge ${status.tone}`, 'data-status': run.status}, status.label);
}

// ---- API ----

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

async function api(path, {method = 'GET', body} = {}) {
  const current = token();
  if (!current) throw new SignInNeeded();
  const headers = {Authorization: `Bearer ${current}`};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  } catch {
    throw new ApiError(0, {error: 'lucca-provisioning cannot be reached. Is it still running?'});
  }
  if (response.ok) return response;
  const answer = await response.json().catch(() => null);
  if (response.status === 401) throw new SignInNeeded(answer?.error || 'Missing or wrong admin token');
  throw new ApiError(response.status, answer);
}

async function getJson(path) {
  return (await api(path)).json();
}

async function postJson(path, body) {
  return (await api(path, {method: 'POST', body})).json();
}

function report(error) {
  if (error instanceof SignInNeeded) showSignIn(error.message);
  else if (error instanceof ApiError) showBanner(error.message);
  else throw error;
}

// ---- Sign-in and banner ----

function takeTokenFromAddress() {
  // Not URLSearchParams: it would turn the "+" of a Base64 token into a space.
  const match = /(?:^#|&)token=([^&]*)/.exec(location.hash);
  if (!match) return;
  const token = decodeURIComponent(match[1]);
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  // Keeps the token out of the address bar, bookmarks and the browser history.
  history.replaceState(null, '', location.pathname + location.search);
}

function showSignIn(message) {
  stopWatching();
  sessionStorage.removeItem(TOKEN_KEY);
  $('#check-dialog').close();
  $('#dashboard').hidden = true;
  $('#header-actions').hidden = true;
  $('#status-line').textContent = 'Signed out';
  $('#sign-in-panel').hidden = false;
  if (message) {
    $('#sign-in-message').textContent = message;
    $('#sign-in-message').className = 'refused';
  }
  $('#admin-token').focus();
}

function signIn(event) {
  event.preventDefault();
  const input = $('#admin-token');
  const value = input.value.trim();
  if (!value) return;
  sessionStorage.setItem(TOKEN_KEY, value);
  input.value = '';
  hideBanner();
  openDashboard();
}

function openDashboard() {
  $('#sign-in-panel').hidden = true;
  $('#dashboard').hidden = false;
  $('#header-actions').hidden = false;
  refreshRuns();
  loadEmployees();
  loadSchedule();
  refreshWhileIdle();
}

// A run started elsewhere (the schedule, the API, another browser) shows without a reload: while no run is
// followed, the newest runs are asked for every few seconds, and a new one is followed or added to the history.
function refreshWhileIdle() {
  if (state.idleTimer !== null) return;
  state.idleTimer = setInterval(() => {
    if (state.watchedRunId === null && !document.hidden && !$('#dashboard').hidden) loadOverview();
  }, IDLE_REFRESH_MS);
}

function showBanner(message, tone = 'error') {
  $('#banner').className = `banner ${tone}`;
  $('#banner-message').textContent = message;
  $('#banner').hidden = false;
}

function hideBanner() {
  $('#banner').hidden = true;
}

// ---- Runs: overview, history, chart ----

function refreshRuns() {
  loadOverview();
  loadHistory();
}

// The newest runs drive the status line, the chart, the held deactivations and picking up a run in progress,
// whatever history page is shown.
async function loadOverview() {
  const request = ++requestCounters.overview;
  try {
    const {runs, automaticSync} = await getJson(`/api/runs?page=0&size=${CHART_RUNS}`);
    if (request !== requestCounters.overview) return;
    // paused or enabled elsewhere (another browser, another replica's dashboard, the API)
    if (state.automaticSync !== undefined && automaticSync !== state.automaticSync) loadSchedule();
    const newest = runs[0];
    const seenBefore = state.newestRunId;
    state.newestRunId = newest?.id ?? null;
    if (seenBefore !== undefined && state.newestRunId !== seenBefore) {
      loadHistory();
      loadEmployees();
    }
    renderStatusLine(newest);
    renderChart(runs.slice(0, CHART_RUNS).reverse());
    if (newest?.status === 'RUNNING' && state.watchedRunId === null) watchRun(newest.id);
    const held = newest && newest.status !== 'RUNNING' && newest.counts.heldForApproval > 0
      ? await getJson(`/api/runs/${newest.id}`)
      : null;
    if (request === requestCounters.overview) renderHeld(held);
  } catch (error) {
    report(error);
  }
}

async function loadHistory() {
  const request = ++requestCounters.history;
  try {
    const page = await getJson(`/api/runs?page=${state.historyPage}&size=${HISTORY_PAGE_SIZE}`);
    if (request === requestCounters.history) renderHistory(page);
  } catch (error) {
    report(error);
  }
}

function renderStatusLine(newest) {
  const line = $('#status-line');
  if (!newest) {
    line.replaceChildren('No import has run yet');
    return;
  }
  let when = `finished ${formatDate(newest.finishedAt)}`;
  if (newest.status === 'RUNNING') {
    const percent = known(newest.progress?.employeesAnnounced) ? ` - ${newest.progress.percent}%` : '';
    when = `started ${formatDate(newest.startedAt)}${percent}`;
  }
  line.replaceChildren(`Latest run #${newest.id}`, statusBadge(newest), when);
}

function renderHistory({page, size, total, runs}) {
  const body = $('#run-history tbody');
  if (runs.length === 0) {
    body.replaceChildren(emptyRow(11, 'No import has run yet.'));
  } else {
    body.replaceChildren(...runs.map(historyRow));
  }
  renderPager('history', page, size, total, runs.length);
}

function historyRow(run) {
  const reason = CUT_SHORT.includes(run.status) ? run.failureReason : null;
  return el('tr', {'data-run-id': run.id},
    el('td', {className: 'run-id'}, `#${run.id}`),
    el('td', {className: 'nowrap'}, formatDate(run.startedAt)),
    el('td', {className: 'nowrap'}, runDuration(run)),
    el('td', {}, run.trigger),
    el('td', {className: 'replica'}, run.replica ?? DASH),
    el('td', {className: 'status-cell', title: reason},
      el('div', {className: 'status-tags'},
        statusBadge(run),
        run.dryRun ? el('span', {className: 'tag'}, 'Dry run') : null),
      reason ? el('div', {className: 'failure-reason'}, reason) : null),
    countCell(run.counts.created),
    countCell(run.counts.updated),
    countCell(run.counts.deactivated),
    countCell(run.counts.failed, 'failed-count'),
    el('td', {className: 'files'}, ...errorFileLinks(run)));
}

function countCell(value, highlight) {
  const classes = ['num'];
  if (!value) classes.push('zero');
  else if (highlight) classes.push(highlight);
  return el('td', {className: classes.join(' ')}, formatNumber(value));
}

function errorFileLinks(run) {
  const files = run.errorFiles;
  if (!files?.csv && !files?.xlsx) return [el('span', {className: 'muted'}, DASH)];
  return ['csv', 'xlsx']
    .filter((type) => files[type])
    .map((type) => el('button', {
      type: 'button',
      className: `file-link download-${type}`,
      title: `Download the errors of run #${run.id} as ${type.toUpperCase()}`,
      onclick: () => download(files[type], `run-${run.id}-errors.${type}`),
    }, type.toUpperCase()));
}

// A plain link cannot send the Authorization header, so the file is fetched and handed to the browser as a Blob.
async function download(path, filename) {
  try {
    const blob = await (await api(path)).blob();
    const url = URL.createObjectURL(blob);
    const link = el('a', {href: url, download: filename, hidden: true});
    document.body.append(link);
    link.click();
    link.remove();
    // Revoking the address at once can cancel the download before the browser has read the Blob.
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  } catch (error) {
    report(error);
  }
}

function renderChart(runs) {
  const container = $('#run-chart');
  if (runs.length === 0) {
    container.replaceChildren(el('p', {className: 'muted empty'}, 'No runs yet.'));
    return;
  }
  const width = 480;
  const height = 200;
  const plot = {left: 44, right: 8, top: 10, bottom: 26};
  const plotWidth = width - plot.left - plot.right;
  const plotHeight = height - plot.top - plot.bottom;
  const highest = Math.max(...runs.flatMap((run) => CHART_SERIES.map((key) => run.counts[key] || 0)));
  const step = tickStep(highest);
  const top = step * 4;
  const y = (value) => plot.top + plotHeight - (value / top) * plotHeight;

  const grid = [0, 1, 2, 3, 4].map((index) => {
    const value = step * index;
    return svg('g', {className: 'tick'},
      svg('line', {x1: plot.left, x2: width - plot.right, y1: y(value), y2: y(value)}),
      svg('text', {x: plot.left - 6, y: y(value) + 4, 'text-anchor': 'end'}, formatNumber(value)));
  });

  // A fixed number of slots keeps the bars the same width while fewer than 15 runs exist.
  const slot = plotWidth / CHART_RUNS;
  const barWidth = Math.min(9, (slot - 6) / CHART_SERIES.length);
  const groups = runs.map((run, index) => {
    const groupLeft = plot.left + slot * index + (slot - barWidth * CHART_SERIES.length) / 2;
    const bars = CHART_SERIES.map((key, position) => {
      const value = run.counts[key] || 0;
      // Non-zero counts stay visible next to a large first run.
      const barHeight = value ? Math.max(2, plotHeight * value / top) : 0;
      return svg('rect', {
        className: `bar ${key}`,
        x: groupLeft + position * barWidth, y: plot.top + plotHeight - barHeight,
        width: barWidth - 1, height: barHeight,
      }, svg('title', {}, `Run #${run.id}: ${formatNumber(value)} ${key}`));
    });
    const axisLabel = svg('text', {
      x: plot.left + slot * index + slot / 2, y: height - 8, 'text-anchor': 'middle',
      className: run.dryRun ? 'dry-run' : null,
    }, `#${run.id}`);
    return svg('g', {'data-run-id': run.id}, ...bars, axisLabel);
  });

  container.replaceChildren(svg('svg', {
    viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `Accounts created, updated and deactivated by the last ${runs.length} runs, oldest first`,
  }, ...grid, ...groups));
}

// Four gridlines at round values (1, 2 or 5 times a power of ten) above the highest bar.
function tickStep(highest) {
  if (highest <= 4) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(highest / 4));
  return [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate * 4 >= highest);
}

// ---- Progress of a run ----

function watchRun(runId) {
  stopWatching();
  state.watchedRunId = runId;
  // the run followed is the newest: its end refreshes the history and the people itself
  state.newestRunId = runId;
  updateButtons();
  showProgress({indeterminate: true, tone: 'info', text: `Run #${runId}: starting\u2026`});
  pollRun(runId);
}

function stopWatching() {
  clearTimeout(state.pollTimer);
  state.watchedRunId = null;
  updateButtons();
}

async function pollRun(runId) {
  let run;
  try {
    run = await getJson(`/api/runs/${runId}`);
  } catch (error) {
    if (state.watchedRunId === runId) stopWatching();
    report(error);
    return;
  }
  if (state.watchedRunId !== runId) return;
  if (run.status === 'RUNNING') {
    showRunningProgress(run);
    // The header stays in view when the progress card is scrolled away.
    renderStatusLine(run);
    state.pollTimer = setTimeout(() => pollRun(runId), POLL_MS);
    return;
  }
  stopWatching();
  showProgress({percent: 100, tone: statusOf(run).tone, text: finishedText(run)});
  refreshRuns();
  loadEmployees();
}

function showRunningProgress(run) {
  const {employeesProcessed, employeesAnnounced, pagesRead, percent} = run.progress;
  const name = run.dryRun ? `Dry run #${run.id}` : `Run #${run.id}`;
  const page = pagesRead > 0 ? ` - page ${formatNumber(pagesRead)}` : '';
  if (!known(employeesAnnounced)) {
    const done = pagesRead > 0 ? `${plural(employeesProcessed, 'employee')} processed` : 'reading the directory';
    showProgress({indeterminate: true, tone: 'info', text: `${name}: ${done}${page}`});
    return;
  }
  const bounded = Math.min(100, Math.max(0, Math.round(percent)));
  showProgress({
    percent: bounded,
    tone: 'info',
    text: `${name}: ${formatNumber(employeesProcessed)} of ${plural(employeesAnnounced, 'employee')} (${bounded}%)${page}`,
  });
}

function finishedText(run) {
  const name = run.dryRun ? `Dry run #${run.id}` : `Run #${run.id}`;
  if (CUT_SHORT.includes(run.status)) {
    const status = statusOf(run).label.toLowerCase();
    return `${name} ${status} after ${runDuration(run)}${run.failureReason ? `: ${run.failureReason}` : '.'}`;
  }
  const {counts} = run;
  const changes = [
    [counts.created, 'created'],
    [counts.linked, 'linked'],
    [counts.updated, 'updated'],
    [counts.reactivated, 'reactivated'],
    [counts.deactivated, 'deactivated'],
    [counts.heldForApproval, 'held for approval'],
    [counts.failed, 'failed'],
  ].filter(([count]) => count > 0).map(([count, label]) => `${formatNumber(count)} ${label}`);
  const read = `${plural(run.progress.employeesRead, 'employee')} read`;
  const status = statusOf(run).label.toLowerCase();
  return `${name} ${status} in ${runDuration(run)}: ${[read, ...changes].join(', ')}${changes.length ? '' : ', nothing to change'}.`;
}

function showProgress({percent = 0, indeterminate = false, tone, text}) {
  const bar = $('#run-progress');
  bar.className = `progress ${tone}${indeterminate ? ' indeterminate' : ''}`;
  // ARIA leaves aria-valuenow out while the total is unknown.
  if (indeterminate) bar.removeAttribute('aria-valuenow');
  else bar.setAttribute('aria-valuenow', String(percent));
  bar.firstElementChild.style.width = indeterminate ? '' : `${percent}%`;
  $('#run-progress-text').textContent = text;
}

// ---- Starting runs ----

function updateButtons() {
  const busy = state.watchedRunId !== null || state.starting;
  $('#import-now').disabled = busy;
  $('#approve-deactivations').disabled = busy || state.heldRunId === null;
}

async function startRun(path, body) {
  state.starting = true;
  updateButtons();
  try {
    const run = await postJson(path, body);
    hideBanner();
    watchRun(run.id);
  } catch (error) {
    if (error instanceof ApiError && error.status === 409 && known(error.body?.runningId)) {
      showBanner(error.body.error || 'A sync is already in progress', 'info');
      watchRun(error.body.runningId);
    } else {
      report(error);
    }
  } finally {
    state.starting = false;
    updateButtons();
  }
  refreshRuns();
}

function importNow() {
  startRun('/api/runs', {dryRun: $('#dry-run').checked});
}

function approveDeactivations() {
  const runId = state.heldRunId;
  const question = `Deactivate the ${plural(state.heldCount, 'account')} held by run #${runId}? `
    + 'The people lose access to the target.';
  if (runId !== null && confirm(question)) startRun(`/api/runs/${runId}/approve-deactivations`);
}

// ---- Automatic sync ----

async function loadSchedule() {
  try {
    renderSchedule(await getJson('/api/schedule'));
  } catch (error) {
    report(error);
  }
}

function renderSchedule({enabled, cron}) {
  state.automaticSync = enabled;
  const badge = $('#automatic-sync-state');
  badge.className = `badge ${enabled ? 'success' : 'neutral'}`;
  badge.textContent = enabled ? 'Automatic sync on' : 'Automatic sync paused';
  badge.title = `Schedule (Quartz cron): ${cron}`;
  $('#automatic-sync').textContent = enabled ? 'Pause automatic sync' : 'Enable automatic sync';
}

async function toggleAutomaticSync() {
  const button = $('#automatic-sync');
  button.disabled = true;
  try {
    const answer = await api('/api/schedule', {method: 'PUT', body: {enabled: !state.automaticSync}});
    renderSchedule(await answer.json());
    hideBanner();
  } catch (error) {
    report(error);
  } finally {
    button.disabled = false;
  }
}

// ---- Held deactivations ----

function renderHeld(run) {
  const people = run?.heldDeactivations || [];
  state.heldRunId = people.length ? run.id : null;
  state.heldCount = people.length;
  $('#held-deactivations').hidden = people.length === 0;
  $('#held-summary').classList.toggle('all-clear', people.length === 0);
  $('#approve-deactivations').hidden = people.length === 0;
  updateButtons();
  if (people.length === 0) {
    $('#held-summary').textContent = 'No deactivations waiting for approval';
    $('#held-deactivations tbody').replaceChildren();
    return;
  }
  $('#held-summary').textContent = `Run #${run.id} held back ${plural(people.length, 'deactivation')}: `
    + 'these accounts stay active until you approve.';
  $('#held-deactivations tbody').replaceChildren(...people.map((person) => el('tr', {'data-lucca-id': person.luccaId},
    el('td', {className: 'mono'}, person.employeeNumber),
    el('td', {}, person.name),
    el('td', {}, person.email),
    el('td', {}, person.reason))));
}

// ---- People managed ----

async function loadEmployees() {
  const request = ++requestCounters.employees;
  const query = new URLSearchParams({page: state.employeePage, size: EMPLOYEE_PAGE_SIZE});
  if (state.employeeQuery) query.set('q', state.employeeQuery);
  try {
    const page = await getJson(`/api/employees?${query}`);
    if (request === requestCounters.employees) renderEmployees(page);
  } catch (error) {
    report(error);
  }
}

function renderEmployees({page, size, total, employees}) {
  const body = $('#employees tbody');
  if (employees.length === 0) {
    const message = state.employeeQuery ? `No one matches "${state.employeeQuery}".` : 'No one is managed yet.';
    body.replaceChildren(emptyRow(7, message));
  } else {
    body.replaceChildren(...employees.map(employeeRow));
  }
  renderPager('employees', page, size, total, employees.length);
}

function employeeRow(person) {
  return el('tr', {'data-lucca-id': person.luccaId},
    el('td', {className: 'mono'}, person.employeeNumber ?? DASH),
    el('td', {className: 'nowrap'}, person.name ?? DASH),
    el('td', {}, person.email ?? DASH),
    el('td', {className: 'mono truncate', title: person.targetId}, person.targetId ?? DASH),
    el('td', {}, el('span', {className: `badge ${person.active ? 'success' : 'neutral'}`}, person.active ? 'Yes' : 'No')),
    el('td', {className: 'nowrap'}, formatDate(person.lastSyncedAt)),
    person.lastError
      ? el('td', {className: 'truncate last-error', title: person.lastError}, person.lastError)
      : el('td', {className: 'muted'}, DASH));
}

function searchEmployees() {
  state.employeeQuery = $('#employee-search').value.trim();
  state.employeePage = 0;
  loadEmployees();
}

// ---- Shared table parts ----

function emptyRow(columns, message) {
  return el('tr', {className: 'empty'}, el('td', {colspan: columns}, message));
}

function renderPager(name, page, size, total, shown) {
  const first = page * size + 1;
  $(`#${name}-page-info`).textContent = shown === 0
    ? ''
    : `${formatNumber(first)}\u2013${formatNumber(first + shown - 1)} of ${formatNumber(total)}`;
  $(`#${name}-prev`).disabled = page === 0;
  $(`#${name}-next`).disabled = (page + 1) * size >= total;
}

function turnPage(name, delta) {
  if (name === 'history') {
    state.historyPage = Math.max(0, state.historyPage + delta);
    loadHistory();
  } else {
    state.employeePage = Math.max(0, state.employeePage + delta);
    loadEmployees();
  }
}

// ---- Connections ----

async function checkConnections() {
  const button = $('#check-connections');
  const summary = $('#check-summary');
  button.disabled = true;
  summary.className = 'check-summary';
  summary.textContent = 'Checking the connections to Lucca and to the target\u2026';
  $('#check-output').textContent = '';
  $('#check-dialog').showModal();
  try {
    const result = await getJson('/api/check');
    summary.className = `check-summary ${result.allWorking ? 'success' : 'danger'}`;
    summary.textContent = result.allWorking ? 'All connections work.' : 'At least one connection does not work.';
    $('#check-output').textContent = result.text;
  } catch (error) {
    $('#check-dialog').close();
    report(error);
  } finally {
    button.disabled = false;
  }
}

// ---- Start ----

function debounce(action, delay) {
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(action, delay);
  };
}

function start() {
  $('#sign-in').addEventListener('submit', signIn);
  $('#banner-dismiss').addEventListener('click', hideBanner);
  $('#import-now').addEventListener('click', importNow);
  $('#automatic-sync').addEventListener('click', toggleAutomaticSync);
  $('#approve-deactivations').addEventListener('click', approveDeactivations);
  $('#check-connections').addEventListener('click', checkConnections);
  $('#check-close').addEventListener('click', () => $('#check-dialog').close());
  $('#employee-search').addEventListener('input', debounce(searchEmployees, SEARCH_DELAY_MS));
  for (const name of ['history', 'employees']) {
    $(`#${name}-prev`).addEventListener('click', () => turnPage(name, -1));
    $(`#${name}-next`).addEventListener('click', () => turnPage(name, 1));
  }
  takeTokenFromAddress();
  if (token()) openDashboard();
  else showSignIn();
}

start();

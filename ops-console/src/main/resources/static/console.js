// The ops console page: polls /api/overview every 2 s and updates the four sections in place (rows are keyed, so
// checkboxes, focus and element references survive a refresh). No framework, no build.
'use strict';

const REFRESH_MS = 2000;
const $ = (selector, root = document) => root.querySelector(selector);
const selected = new Set();

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function text(node, value) {
  const shown = value === null || value === undefined || value === '' ? '–' : String(value);
  if (node.textContent !== shown) node.textContent = shown;
}

function say(message) {
  $('#status').textContent = message;
}

function ms(value) {
  return value === null || value === undefined ? '–' : value < 10 ? value.toFixed(1) + ' ms' : Math.round(value) + ' ms';
}

function seconds(value) {
  if (value === null || value === undefined) return '–';
  if (value < 120) return Math.round(value) + ' s';
  return Math.floor(value / 60) + ' min ' + Math.round(value % 60) + ' s';
}

// A failed panel keeps its last rows (marked by the error above them): a slow answer must not blank the page.
function showError(section, panel) {
  const error = $('[data-field=error]', section);
  const message = panel.ok ? '' : (panel.error || 'unavailable') + ' (rows below are from the last good refresh)';
  error.hidden = panel.ok;
  if (error.textContent !== message) error.textContent = message;
}

/** Makes tbody's rows match items (one row per key), creating and removing only what changed. */
function syncRows(tbody, items, keyAttr, keyOf, create, update) {
  const existing = new Map([...tbody.rows].map(row => [row.getAttribute(keyAttr), row]));
  let previous = null;
  for (const item of items) {
    const key = keyOf(item);
    let row = existing.get(key);
    if (!row) {
      row = create(item);
      row.setAttribute(keyAttr, key);
    }
    existing.delete(key);
    update(row, item);
    const wanted = previous ? previous.nextSibling : tbody.firstChild;
    if (wanted !== row) tbody.insertBefore(row, wanted);
    previous = row;
  }
  existing.forEach(row => row.remove());
}

// ---- relay -------------------------------------------------------------------------------------------------------
function renderRelay(panel) {
  const section = $('#relay');
  showError(section, panel);
  const relay = panel.data || {};
  const field = name => $(`[data-field="${name}"]`, section);
  text(field('leader'), panel.ok ? (relay.leaderInstanceId || 'none: no replica holds the relay lock') : null);
  text(field('instance'), relay.instanceId);
  text(field('relay-state'), relay.state ? relay.state + (relay.leader ? ' (leader)' : ' (standby)') : null);
  text(field('confirmed-lsn'), relay.confirmedFlushLsn);
  text(field('current-lsn'), relay.currentWalLsn);
  text(field('lag-bytes'), relay.lagBytes === null || relay.lagBytes === undefined ? null : relay.lagBytes + ' bytes of WAL');
  // Measured from the slot, not from the last event: an idle outbox stays near the heartbeat interval.
  text(field('unpublished-age'), panel.ok && relay.oldestUnpublishedAgeSeconds === null
    ? 'no replication slot' : seconds(relay.oldestUnpublishedAgeSeconds));
  text(field('retained-bytes'), relay.retainedBytes === null || relay.retainedBytes === undefined
    ? null : relay.retainedBytes + ' bytes of WAL on the server\'s disk');
  text(field('slot-status'), panel.ok ? SLOT_STATUS[relay.slotWalStatus] || relay.slotWalStatus || 'missing' : null);
}

const SLOT_STATUS = {
  reserved: 'reserved (within max_wal_size)',
  extended: 'extended (within max_slot_wal_keep_size)',
  unreserved: 'unreserved: past max_slot_wal_keep_size, about to be invalidated',
  lost: 'LOST: invalidated by max_slot_wal_keep_size, the relay cannot resume (docs/replication-slot.md)',
};

// ---- read models -------------------------------------------------------------------------------------------------
function position(readModel) {
  const parts = (readModel.partitions || []).map(p => {
    const offset = p.lastAppliedOffset !== null ? p.lastAppliedOffset : p.committedOffset;
    return 'p' + p.partition + ':' + (offset === null || offset === undefined ? '–' : offset);
  });
  return parts.length ? parts.join(' ') : '–';
}

function chart(samples) {
  const svgNs = 'http://www.w3.org/2000/svg';
  const width = 160, height = 40;
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  const values = samples.flatMap(s => [s.p50Ms, s.p99Ms]).filter(v => v !== null && v !== undefined);
  const max = Math.max(1, ...values);
  const last = samples.length ? samples[samples.length - 1] : null;
  const minutes = samples.length > 1
    ? Math.max(1, Math.round((Date.parse(last.at) - Date.parse(samples[0].at)) / 60000)) : 0;
  svg.setAttribute('aria-label', last
    ? `Delay over the last ${minutes || 'few'} minutes: now p50 ${ms(last.p50Ms)}, p99 ${ms(last.p99Ms)}, peak ${ms(max)}`
    : 'No samples yet');
  const title = document.createElementNS(svgNs, 'title');
  title.textContent = svg.getAttribute('aria-label');
  svg.append(title);
  for (const key of ['p50Ms', 'p99Ms']) {
    const points = samples.map((s, i) => [i, s[key]]).filter(([, v]) => v !== null && v !== undefined)
      .map(([i, v]) => {
        const x = samples.length > 1 ? (i / (samples.length - 1)) * (width - 2) + 1 : width / 2;
        const y = height - 1 - (v / max) * (height - 2);
        return x.toFixed(1) + ',' + y.toFixed(1);
      });
    const line = document.createElementNS(svgNs, 'polyline');
    line.setAttribute('points', points.join(' '));
    line.setAttribute('fill', 'none');
    line.setAttribute('stroke-width', '1.5');
    line.setAttribute('class', key === 'p50Ms' ? 'p50' : 'p99');
    svg.append(line);
  }
  return svg;
}

function renderReadModels(panel, history) {
  const section = $('#read-models');
  showError(section, panel);
  if (!panel.ok) return;
  syncRows($('tbody', section), panel.data, 'data-read-model', rm => rm.readModel,
    () => el('tr', {}, el('th', {scope: 'row'}), el('td'), el('td'), el('td'), el('td')),
    (row, rm) => {
      const cells = row.cells;
      text(cells[0], rm.readModel + (rm.generation ? ' (gen ' + rm.generation + ')' : ''));
      text(cells[1], position(rm) + (rm.lastAppliedEventAt ? ' · event of ' + new Date(rm.lastAppliedEventAt).toLocaleTimeString() : ''));
      text(cells[2], rm.lagRecords === null || rm.lagRecords === undefined ? 'not measured yet' : rm.lagRecords + ' records');
      text(cells[3], rm.delay ? ms(rm.delay.p50Ms) + ' / ' + ms(rm.delay.p99Ms) : null);
      cells[4].replaceChildren(chart((history || {})[rm.readModel] || []));
    });
}

// ---- dead letters ------------------------------------------------------------------------------------------------
function renderDeadLetters(panel) {
  const section = $('#dead-letters');
  showError(section, panel);
  if (!panel.ok) return;
  const letters = panel.data;
  const ids = new Set(letters.map(l => l.id));
  [...selected].filter(id => !ids.has(id)).forEach(id => selected.delete(id));
  const groups = $('[data-field=groups]', section);
  const byModel = new Map();
  letters.forEach(l => (byModel.get(l.readModel) || byModel.set(l.readModel, []).get(l.readModel)).push(l));
  for (const group of [...groups.children]) {
    if (!byModel.has(group.dataset.group)) group.remove();
  }
  for (const [readModel, items] of [...byModel.entries()].sort()) {
    let group = [...groups.children].find(g => g.dataset.group === readModel);
    if (!group) {
      const headingId = 'dl-' + readModel.replace(/[^a-zA-Z0-9-]/g, '_');
      group = el('div', {'data-group': readModel},
        el('h3', {id: headingId}),
        el('div', {class: 'scroll'}, el('table', {'aria-labelledby': headingId},
          el('thead', {}, el('tr', {},
            el('th', {scope: 'col'}, 'Select'), el('th', {scope: 'col'}, 'Order'), el('th', {scope: 'col'}, 'Event'),
            el('th', {scope: 'col'}, 'Error'), el('th', {scope: 'col'}, 'Attempts'), el('th', {scope: 'col'}, 'Actions'))),
          el('tbody'))));
      groups.append(group);
    }
    text($('h3', group), readModel + ' (' + items.length + ')');
    syncRows($('tbody', group), items, 'data-dead-letter-id', l => l.id, createLetterRow, updateLetterRow);
  }
  $('[data-field=empty]', section).hidden = letters.length > 0;
  updateSelectionButtons();
}

function createLetterRow(letter) {
  const box = el('input', {type: 'checkbox', 'aria-label': 'Select dead letter ' + letter.id});
  box.addEventListener('change', () => {
    box.checked ? selected.add(letter.id) : selected.delete(letter.id);
    updateSelectionButtons();
  });
  const button = (action, label) => {
    const b = el('button', {type: 'button', 'data-action': action, 'aria-label': label + ' dead letter ' + letter.id}, label);
    b.addEventListener('click', () => letterAction(action, letter.id));
    return b;
  };
  return el('tr', {}, el('td', {}, box), el('td'), el('td'), el('td', {class: 'error-text'}), el('td'),
    el('td', {}, el('div', {class: 'toolbar'}, button('inspect', 'Inspect'), button('replay', 'Replay'),
      button('discard', 'Discard'))));
}

function updateLetterRow(row, letter) {
  const cells = row.cells;
  $('input', cells[0]).checked = selected.has(letter.id);
  text(cells[1], letter.orderId);
  text(cells[2], letter.eventType + ' v' + letter.aggregateVersion + (letter.role === 'PARKED' ? ' (parked behind its head)' : ''));
  text(cells[3], letter.error);
  text(cells[4], letter.attempts);
}

function updateSelectionButtons() {
  $('#replay-selected').disabled = selected.size === 0;
  $('#discard-selected').disabled = selected.size === 0;
  $('#replay-selected').textContent = 'Replay selected' + (selected.size ? ' (' + selected.size + ')' : '');
  $('#discard-selected').textContent = 'Discard selected' + (selected.size ? ' (' + selected.size + ')' : '');
}

// ---- rebuilds ----------------------------------------------------------------------------------------------------
function renderRebuilds(rebuildsPanel, readModelsPanel) {
  const section = $('#rebuilds');
  showError(section, rebuildsPanel);
  if (!rebuildsPanel.ok) return;
  const statuses = new Map(rebuildsPanel.data.map(s => [s.readModel, s]));
  // The read model names come from the read models panel; while it fails, the rows already shown stay.
  const known = readModelsPanel.ok ? readModelsPanel.data.map(rm => rm.readModel)
    : [...$('tbody', section).rows].map(row => row.getAttribute('data-read-model'));
  const names = new Set([...known, ...statuses.keys()]);
  const items = [...names].sort().map(name => ({name, status: statuses.get(name)}));
  syncRows($('tbody', section), items, 'data-read-model', item => item.name,
    item => {
      const button = el('button', {type: 'button', 'data-action': 'rebuild', 'aria-label': 'Rebuild ' + item.name}, 'Rebuild');
      button.addEventListener('click', () => startRebuild(item.name));
      return el('tr', {}, el('th', {scope: 'row'}, item.name), el('td', {'data-field': 'state'}),
        el('td', {}, el('progress', {max: '100', 'aria-label': 'Rebuild progress of ' + item.name})),
        el('td', {'data-field': 'rate'}), el('td', {'data-field': 'eta'}), el('td', {}, button));
    },
    (row, item) => {
      const s = item.status;
      text($('[data-field=state]', row), s ? s.state : 'never rebuilt');
      const progress = $('progress', row);
      const finished = s && (s.state === 'SWITCHED' || s.state === 'DONE');
      const total = s && s.remainingEvents != null ? s.eventsApplied + s.remainingEvents : null;
      const percent = !s ? 0 : finished ? 100 : total ? Math.floor((100 * s.eventsApplied) / total) : null;
      if (percent === null) progress.removeAttribute('value'); else progress.value = percent;
      progress.textContent = percent === null ? 'in progress' : percent + '%';
      text($('[data-field=rate]', row), s && s.eventsPerSecond ? Math.round(s.eventsPerSecond) + ' events/s' : null);
      text($('[data-field=eta]', row), s && !finished && s.state !== 'FAILED' ? seconds(s.etaSeconds)
        : s && s.state === 'FAILED' ? s.error : null);
      $('button', row).disabled = !!(s && s.running);
    });
}

// ---- actions -----------------------------------------------------------------------------------------------------
function confirmAction(message, confirmLabel) {
  const dialog = $('#confirm');
  $('#confirm-text').textContent = message;
  $('button[value=confirm]', dialog).textContent = confirmLabel;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise(resolve => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), {once: true}));
}

async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body ? {'Content-Type': 'application/json', Accept: 'application/json'} : {Accept: 'application/json'},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = data && (data.detail || data.title) ? (data.detail || data.title) : response.statusText;
    throw new Error(response.status + ': ' + detail);
  }
  return data;
}

function describeOutcome(outcome) {
  if (!outcome) return '';
  const parts = [];
  if (outcome.replayed && outcome.replayed.length) parts.push('replayed ' + outcome.replayed.length);
  if (outcome.discarded) parts.push('discarded 1');
  if (outcome.failed) parts.push('failed again: ' + outcome.failed.error);
  parts.push(outcome.caughtUp ? 'order ' + outcome.orderId + ' caught up' : outcome.stillOpen + ' still open for the order');
  return parts.join(', ');
}

async function letterAction(action, id) {
  if (action === 'inspect') return inspect(id);
  const verb = action === 'replay' ? 'Replay' : 'Discard';
  const consequence = action === 'replay'
    ? 'It is applied again to its read model, followed by the letters parked behind it.'
    : 'It is dropped for good; the letters parked behind it are then replayed.';
  if (!await confirmAction(`${verb} dead letter ${id}? ${consequence}`, verb)) return say(verb + ' cancelled.');
  try {
    const outcome = await call('POST', `api/dead-letters/${encodeURIComponent(id)}/${action}`);
    say(`${verb} of ${id}: ${describeOutcome(outcome)}.`);
  } catch (e) {
    say(`${verb} of ${id} failed: ${e.message}`);
  }
  selected.delete(id);
  refresh();
}

async function bulk(action) {
  const ids = [...selected];
  if (!ids.length) return;
  const verb = action === 'replay' ? 'Replay' : 'Discard';
  if (!await confirmAction(`${verb} ${ids.length} selected dead letter(s)?`, verb + ' ' + ids.length)) {
    return say(verb + ' cancelled.');
  }
  try {
    const results = await call('POST', `api/dead-letters/${action}`, {ids});
    const ok = results.filter(r => r.status === 200).length;
    const failed = results.filter(r => r.status !== 200).map(r => r.id + ' (' + r.status + ': ' + r.error + ')');
    say(`${verb}: ${ok} of ${results.length} done` + (failed.length ? '; not done: ' + failed.join('; ') : '.'));
    ids.forEach(id => selected.delete(id));
  } catch (e) {
    say(`${verb} of the selection failed: ${e.message}`);
  }
  refresh();
}

async function inspect(id) {
  const dialog = $('#inspect');
  try {
    const letter = await call('GET', `api/dead-letters/${encodeURIComponent(id)}`);
    const summary = $('[data-field=summary]', dialog);
    summary.replaceChildren();
    for (const [label, value] of [['Id', letter.id], ['Read model', letter.readModel], ['Order', letter.orderId],
      ['Event', letter.eventType + ' v' + letter.aggregateVersion + ' (' + letter.eventId + ')'],
      ['Position', letter.topic + '-' + letter.partition + '@' + letter.offset], ['Role / status', letter.role + ' / ' + letter.status],
      ['Attempts', letter.attempts], ['Error', (letter.errorClass || '') + ': ' + (letter.errorMessage || '')],
      ['Dead-lettered at', letter.createdAt]]) {
      summary.append(el('dt', {}, label), el('dd', {}, value === null || value === undefined ? '–' : String(value)));
    }
    const headers = $('[data-field=headers]', dialog);
    headers.replaceChildren(...Object.entries(letter.headers || {}).map(([name, value]) =>
      el('tr', {}, el('th', {scope: 'row'}, name), el('td', {}, value))));
    let payload = letter.payload;
    try { payload = JSON.stringify(JSON.parse(payload), null, 2); } catch (notJson) { /* shown as stored */ }
    $('[data-field=payload]', dialog).textContent = payload;
    dialog.showModal();
  } catch (e) {
    say(`Inspect of ${id} failed: ${e.message}`);
  }
}

async function startRebuild(readModel) {
  if (!await confirmAction(`Rebuild ${readModel}? A new generation is built from the whole topic and switched to`
    + ' when it has caught up; queries keep being answered meanwhile.', 'Rebuild')) {
    return say('Rebuild cancelled.');
  }
  try {
    const status = await call('POST', `api/rebuilds/${encodeURIComponent(readModel)}`);
    say(`Rebuild of ${readModel} started (generation ${status.generation}, ${status.state}).`);
  } catch (e) {
    say(`Rebuild of ${readModel} could not start: ${e.message}`);
  }
  refresh();
}

// ---- polling -----------------------------------------------------------------------------------------------------
let timer = null;

async function refresh() {
  clearTimeout(timer);
  try {
    const overview = await call('GET', 'api/overview');
    renderRelay(overview.relay);
    renderReadModels(overview.readModels, overview.delayHistory);
    renderDeadLetters(overview.deadLetters);
    renderRebuilds(overview.rebuilds, overview.readModels);
    text($('#updated'), 'Updated ' + new Date(overview.at).toLocaleTimeString());
  } catch (e) {
    text($('#updated'), 'The console itself did not answer (' + e.message + '); retrying.');
  }
  timer = setTimeout(refresh, REFRESH_MS);
}

document.addEventListener('DOMContentLoaded', () => {
  $('#replay-selected').addEventListener('click', () => bulk('replay'));
  $('#discard-selected').addEventListener('click', () => bulk('discard'));
  refresh();
});

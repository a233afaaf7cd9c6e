// Heymirror dashboard: reads GET /actuator/sync (every account's sync and runs, the change sinks) every few seconds
// and draws it: a row of cards per account, and the charts and runs of all accounts or of the one the filter picks;
// the buttons POST /actuator/sync. Plain JS and SVG, nothing fetched from elsewhere.
(function () {
	'use strict';

	var REFRESH_MS = 5000;
	var RUNS = 50;
	var TABLE_ROWS = 20;
	// colours for the accounts' lines (.series-0 ...)
	var SERIES = 6;
	var KEY_STORAGE = 'heymirror.apiKey';
	var SVG = 'http://www.w3.org/2000/svg';
	var numbers = new Intl.NumberFormat('en-US');

	var timer = null;
	var confirmTimer = null;
	// the last answer, redrawn when the filter changes; the account the filter picks ('' = all)
	var last = null;
	var selected = '';

	function $(id) {
		return document.getElementById(id);
	}

	// ---- the API key ---------------------------------------------------------------

	function apiKey() {
		try {
			return sessionStorage.getItem(KEY_STORAGE);
		} catch (e) {
			return null;
		}
	}

	function headers(json) {
		var h = { 'Accept': 'application/json' };
		var key = apiKey();
		if (key) {
			h['Authorization'] = 'Bearer ' + key;
		}
		if (json) {
			h['Content-Type'] = 'application/json';
		}
		return h;
	}

	function askForKey(rejected) {
		$('key-panel').hidden = false;
		if (rejected && apiKey()) {
			showMessage('The API key was not accepted. Enter a valid key.', 'bad');
		}
		$('key-input').focus();
	}

	function saveKey(event) {
		event.preventDefault();
		var value = $('key-input').value.trim();
		if (!value) {
			return;
		}
		sessionStorage.setItem(KEY_STORAGE, value);
		$('key-input').value = '';
		$('key-panel').hidden = true;
		hideMessage();
		refresh();
	}

	// ---- formatting ------------------------------------------------------------------

	function count(n) {
		return (n === null || n === undefined) ? '–' : numbers.format(n);
	}

	function utc(iso) {
		if (!iso) {
			return '–';
		}
		var d = new Date(iso);
		if (isNaN(d.getTime())) {
			return iso;
		}
		return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, '').replace('Z', '') + ' UTC';
	}

	function span(seconds) {
		seconds = Math.max(0, Math.round(seconds));
		if (seconds < 60) {
			return seconds + ' s';
		}
		var minutes = Math.floor(seconds / 60);
		if (minutes < 60) {
			return minutes + ' min';
		}
		var hours = Math.floor(minutes / 60);
		if (hours < 48) {
			var rest = minutes % 60;
			return hours + ' h' + (rest ? ' ' + rest + ' min' : '');
		}
		return Math.floor(hours / 24) + ' days';
	}

	function ago(iso, now) {
		if (!iso) {
			return null;
		}
		var seconds = (Date.parse(now) - Date.parse(iso)) / 1000;
		return seconds < 5 ? 'just now' : span(seconds) + ' ago';
	}

	function took(run) {
		if (!run.endedAt) {
			return '…';
		}
		var ms = Date.parse(run.endedAt) - Date.parse(run.startedAt);
		return ms < 10000 ? (ms / 1000).toFixed(1) + ' s' : span(ms / 1000);
	}

	function lower(text) {
		return String(text || '').toLowerCase();
	}

	// ---- status cards, one row per account ----------------------------------------------

	function field(row, name) {
		return row.querySelector('[data-field="' + name + '"]');
	}

	function verdict(row, name, tone, text, detail) {
		var el = field(row, name);
		el.className = 'verdict ' + tone;
		el.textContent = text;
		field(row, name + '-detail').textContent = detail || '';
		row.querySelector('[data-card="' + name + '"]').className = 'card ' + (tone === 'muted' ? '' : tone);
	}

	function pillClass(status) {
		return 'pill ' + (status === 'UP' ? 'pill-up' : status === 'DOWN' ? 'pill-down' : 'pill-muted');
	}

	// the health component's verdict: DOWN when any account is, else UP while runs are scheduled here
	function renderHealth(sync) {
		var views = sync.byAccount;
		var down = views.filter(function (v) { return v.health.status === 'DOWN'; }).map(function (v) {
			return v.account;
		});
		var scheduled = views.length ? views[0].health.scheduled : sync.health.scheduled;
		var status = down.length ? 'DOWN' : scheduled ? 'UP' : 'UNKNOWN';
		var pill = $('health');
		pill.textContent = 'Sync health: ' + status;
		pill.className = pillClass(status);
		pill.title = !scheduled ? 'Scheduled sync is off in this replica'
			: down.length && views.length > 1 ? 'Down: ' + down.join(', ') : 'The sync health component';
	}

	function renderFreshness(row, sync) {
		var h = sync.health;
		var staleAfter = 'stale after ' + span(h.staleAfterSeconds);
		var note = h.scheduled ? '' : ' Scheduled sync is off in this replica.';
		if (!sync.lastSuccessAt) {
			if (h.running) {
				verdict(row, 'freshness', 'info', 'Syncing: the first backfill is in progress', staleAfter + '.' + note);
			} else {
				verdict(row, 'freshness', 'bad', 'Not synced yet: no successful run', staleAfter + '.' + note);
			}
			return;
		}
		var when = ago(sync.lastSuccessAt, sync.now);
		var detail = 'at ' + utc(sync.lastSuccessAt) + ', ' + staleAfter + '.' + note;
		if (h.fresh) {
			verdict(row, 'freshness', 'good', 'Fresh: last successful sync ' + when, detail);
		} else if (h.running) {
			verdict(row, 'freshness', 'warn', 'Catching up: last successful sync ' + when, detail);
		} else {
			verdict(row, 'freshness', 'bad', 'Stale: last successful sync ' + when, detail);
		}
	}

	function renderCompleteness(row, sync) {
		var up = sync.upstreamCount;
		var mirror = sync.mirrorCount;
		if (up === null || up === undefined || mirror === null || mirror === undefined) {
			verdict(row, 'completeness', 'muted', 'Not checked yet',
				'Checked after each run against Heymarket\u2019s count.');
			return;
		}
		var detail = 'Checked ' + (ago(sync.countedAt, sync.now) || '–') + ' against Heymarket\u2019s count.';
		if (sync.health.complete) {
			verdict(row, 'completeness', 'good', 'Complete: ' + count(mirror) + ' of ' + count(up) + ' contacts',
				detail);
		} else if (mirror < up) {
			verdict(row, 'completeness', 'bad', 'Incomplete: ' + count(mirror) + ' of ' + count(up) + ' contacts',
				count(up - mirror) + ' missing. ' + detail);
		} else {
			verdict(row, 'completeness', 'warn', 'Over by ' + count(mirror - up) + ': ' + count(mirror) + ' vs '
				+ count(up) + ' upstream', 'Deletions not yet detected. ' + detail);
		}
	}

	function renderActivity(row, sync) {
		var p = sync.progress;
		if (p) {
			var of = p.total ? ' of ' + count(p.total) : '';
			var pct = p.total ? ' (' + Math.min(100, Math.floor(p.seen * 100 / Math.max(1, p.total))) + '%)' : '';
			verdict(row, 'activity', 'info', 'Running: ' + (p.mode === 'FULL' ? 'full re-sync' : 'incremental run')
				+ ' #' + p.runId, count(p.seen) + of + ' contacts read' + pct + ', ' + count(p.requests)
				+ ' requests, ' + count(p.throttled) + ' 429s; started ' + ago(p.startedAt, sync.now) + '.');
		} else if (sync.health.running) {
			verdict(row, 'activity', 'info', 'Running in another replica', 'This replica waits; one syncer at a time.');
		} else {
			var lastRun = sync.runs.length ? sync.runs[0] : null;
			var detail = lastRun ? 'Last run #' + lastRun.id + ' ' + lower(lastRun.outcome) + ' '
				+ (ago(lastRun.endedAt || lastRun.startedAt, sync.now) || '') + '.' : 'No run recorded yet.';
			if (!sync.health.scheduled) {
				detail += ' Scheduled sync is off in this replica.';
			}
			verdict(row, 'activity', 'plain', 'Idle', detail);
		}
	}

	function renderWatermark(row, sync, single) {
		field(row, 'watermark').textContent = sync.watermark ? utc(sync.watermark) : 'None yet';
		field(row, 'watermark-detail').textContent = single
			? 'Every contact updated up to here is mirrored. Mirror size now: ' + count(sync.mirrorSize)
				+ ' live contacts.'
			: 'Every contact of ' + sync.account + ' updated up to here is mirrored.';
	}

	function accountRow(account) {
		var row = document.importNode($('account-row').content, true).firstElementChild;
		row.dataset.account = account;
		row.setAttribute('aria-label', account ? 'Account ' + account : 'Status');
		row.querySelector('.account-name').textContent = account;
		return row;
	}

	// one row per account, in the accounts' order; rows are kept between refreshes
	function renderAccounts(sync) {
		var container = $('accounts');
		var single = sync.byAccount.length === 1;
		container.className = 'accounts' + (single ? ' single' : '');
		var existing = {};
		Array.prototype.forEach.call(container.children, function (row) {
			existing[row.dataset.account] = row;
		});
		var rows = sync.byAccount.map(function (view) {
			var row = existing[view.account] || accountRow(view.account);
			var data = Object.assign({ now: sync.now, mirrorSize: sync.mirrorSize }, view);
			var pill = row.querySelector('.account-health');
			pill.textContent = view.health.status;
			pill.className = pillClass(view.health.status) + ' account-health';
			renderFreshness(row, data);
			renderCompleteness(row, data);
			renderActivity(row, data);
			renderWatermark(row, data, single);
			return row;
		});
		container.replaceChildren.apply(container, rows);
	}

	// ---- the account filter ---------------------------------------------------------------

	function renderFilter(sync) {
		var accounts = sync.byAccount.map(function (v) { return v.account; });
		var select = $('account-filter');
		$('account-filter-label').hidden = accounts.length < 2;
		if (accounts.indexOf(selected) < 0) {
			selected = '';
		}
		var wanted = [''].concat(accounts);
		var have = Array.prototype.map.call(select.options, function (o) { return o.value; });
		if (wanted.join('\n') !== have.join('\n')) {
			var options = wanted.map(function (account) {
				var option = document.createElement('option');
				option.value = account;
				option.textContent = account || 'All accounts';
				return option;
			});
			select.replaceChildren.apply(select, options);
		}
		select.value = selected;
	}

	// the runs the charts and the table show, newest first: the chosen account's, or every account's
	function shownRuns(sync) {
		var views = sync.byAccount.filter(function (v) { return !selected || v.account === selected; });
		var runs = [];
		views.forEach(function (v) {
			runs = runs.concat(v.runs);
		});
		runs.sort(function (a, b) {
			return (Date.parse(b.startedAt) - Date.parse(a.startedAt)) || (b.id - a.id);
		});
		return runs.slice(0, RUNS);
	}

	// ---- runs table ----------------------------------------------------------------------

	function cell(row, text, className, title) {
		var td = document.createElement('td');
		td.textContent = text;
		if (className) {
			td.className = className;
		}
		if (title) {
			td.title = title;
		}
		row.appendChild(td);
		return td;
	}

	function renderRuns(runs, single) {
		var table = $('runs');
		table.className = single ? 'single-account' : '';
		var body = table.tBodies[0];
		var rows = [];
		runs.slice(0, TABLE_ROWS).forEach(function (run) {
			var tr = document.createElement('tr');
			tr.dataset.runId = run.id;
			tr.dataset.account = run.account;
			cell(tr, String(run.id));
			cell(tr, run.account, 'account-col');
			cell(tr, utc(run.startedAt).replace(' UTC', ''));
			cell(tr, took(run));
			cell(tr, lower(run.mode));
			cell(tr, run.trigger);
			var badge = document.createElement('span');
			badge.className = 'badge ' + lower(run.outcome);
			badge.textContent = lower(run.outcome);
			cell(tr, '').appendChild(badge);
			cell(tr, count(run.seen), 'num');
			cell(tr, count(run.inserted), 'num');
			cell(tr, count(run.updated), 'num');
			cell(tr, count(run.deleted), 'num');
			cell(tr, count(run.requests), 'num');
			cell(tr, count(run.throttled), 'num');
			cell(tr, run.mirrorCount === null ? '–' : count(run.mirrorCount) + ' / ' + count(run.upstreamCount), 'num');
			cell(tr, run.error || '', run.error ? 'error' : '', run.error || '');
			rows.push(tr);
		});
		if (!rows.length) {
			var empty = document.createElement('tr');
			empty.className = 'empty';
			var td = cell(empty, 'No runs yet.');
			td.colSpan = 15;
			rows.push(empty);
		}
		body.replaceChildren.apply(body, rows);
	}

	// ---- change sinks table -----------------------------------------------------------------

	var SINK_STATES = { active: 'succeeded', failing: 'interrupted', disabled: 'failed', expired: 'failed' };

	function renderSinks(sinks, now) {
		var body = $('sinks').tBodies[0];
		var rows = (sinks || []).map(function (sink) {
			var tr = document.createElement('tr');
			tr.dataset.sink = sink.name;
			cell(tr, sink.name);
			cell(tr, sink.kind);
			var badge = document.createElement('span');
			badge.className = 'badge ' + (SINK_STATES[sink.state] || '');
			badge.textContent = sink.state + (sink.retentionHeld ? ', holding retention' : '');
			cell(tr, '').appendChild(badge);
			cell(tr, count(sink.lag), 'num');
			cell(tr, sink.oldestUndelivered ? ago(sink.oldestUndelivered, now) : '–', '', utc(sink.oldestUndelivered));
			cell(tr, sink.lastDeliveryAt ? ago(sink.lastDeliveryAt, now) : 'never', '', utc(sink.lastDeliveryAt));
			cell(tr, sink.lastError || '', sink.lastError ? 'error' : '', sink.lastError || '');
			return tr;
		});
		if (!rows.length) {
			var empty = document.createElement('tr');
			empty.className = 'empty';
			var td = cell(empty, 'No webhook subscriber or Kafka topic is configured.');
			td.colSpan = 7;
			rows.push(empty);
		}
		body.replaceChildren.apply(body, rows);
	}

	// ---- charts (plain SVG) ----------------------------------------------------------------

	var W = 460;
	var H = 190;
	var PAD = { left: 60, right: 14, top: 14, bottom: 26 };
	var TICKS = 4;

	function svgEl(name, attrs, parent) {
		var el = document.createElementNS(SVG, name);
		Object.keys(attrs || {}).forEach(function (k) {
			el.setAttribute(k, attrs[k]);
		});
		if (parent) {
			parent.appendChild(el);
		}
		return el;
	}

	function tip(el, text) {
		svgEl('title', {}, el).textContent = text;
	}

	// the smallest of 1, 2, 2.5, 5 x 10^n that is at least value
	function niceStep(value) {
		if (value <= 0) {
			return 1;
		}
		var magnitude = Math.pow(10, Math.floor(Math.log10(value)));
		var steps = [1, 2, 2.5, 5, 10];
		for (var i = 0; i < steps.length; i++) {
			if (steps[i] * magnitude >= value) {
				return steps[i] * magnitude;
			}
		}
		return 10 * magnitude;
	}

	// round ticks covering [low, high]: {min, max, step}
	function scale(low, high) {
		var step = Math.max(1, niceStep((high - low) / TICKS));
		var min = Math.floor(low / step) * step;
		while (min + step * TICKS < high) {
			step = niceStep(step * 1.01);
			min = Math.floor(low / step) * step;
		}
		return { min: min, max: min + step * TICKS, step: step };
	}

	function tickLabel(n, step) {
		if (step >= 1e6 && n % 1e5 === 0) {
			return (n / 1e6) + 'M';
		}
		if (step >= 1000 && n % 100 === 0) {
			return (n / 1e3) + 'k';
		}
		return numbers.format(n);
	}

	function frame(container, axis) {
		var svg = svgEl('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img' });
		var plotH = H - PAD.top - PAD.bottom;
		for (var i = 0; i <= TICKS; i++) {
			var y = PAD.top + plotH - (plotH * i / TICKS);
			svgEl('line', { x1: PAD.left, x2: W - PAD.right, y1: y, y2: y, 'class': i ? 'grid' : 'base' }, svg);
			var label = svgEl('text', { x: PAD.left - 6, y: y + 4, 'text-anchor': 'end', 'class': 'axis' }, svg);
			label.textContent = tickLabel(axis.min + axis.step * i, axis.step);
		}
		container.replaceChildren(svg);
		return svg;
	}

	function emptyChart(container, text) {
		var svg = frame(container, scale(0, 4));
		var t = svgEl('text', { x: (W + PAD.left) / 2, y: H / 2, 'text-anchor': 'middle', 'class': 'empty-chart' }, svg);
		t.textContent = text;
	}

	function xLabels(svg, first, last) {
		svgEl('text', { x: PAD.left, y: H - 8, 'class': 'axis' }, svg).textContent = first;
		if (last !== first) {
			svgEl('text', { x: W - PAD.right, y: H - 8, 'text-anchor': 'end', 'class': 'axis' }, svg).textContent = last;
		}
	}

	// A first backfill reads every contact and would flatten every later run to nothing:
	// such outliers are cut at the top of the axis and labelled with their value.
	function barAxis(totals) {
		var sorted = totals.slice().sort(function (a, b) { return a - b; });
		var max = sorted[sorted.length - 1];
		var typical = sorted[Math.floor((sorted.length - 1) * 0.8)];
		var top = (typical > 0 && max > typical * 6) ? typical * 2 : max;
		return scale(0, Math.max(top, 1));
	}

	function cut(svg, g, x, bar, total) {
		var y = PAD.top + 6;
		svgEl('path', { d: 'M' + (x - 1) + ' ' + (y + 3) + ' l' + (bar + 2) + ' -4 M' + (x - 1) + ' ' + (y + 7) + ' l'
			+ (bar + 2) + ' -4', 'class': 'cut' }, g);
		var right = x + bar + 4 > W - PAD.right - 40;
		var label = svgEl('text', { x: right ? x - 4 : x + bar + 4, y: PAD.top + 10, 'class': 'axis cut-label',
			'text-anchor': right ? 'end' : 'start' }, svg);
		label.textContent = count(total);
	}

	// what a run's tooltip calls it: with several accounts shown, its account too
	function runName(run, accounts) {
		return 'Run #' + run.id + (accounts ? ' of ' + run.account : '');
	}

	// runs oldest first; series stacked from the bottom: [{key, label}]
	function barChart(container, runs, series, totalOf, accounts) {
		if (!runs.length) {
			emptyChart(container, 'No runs yet');
			return;
		}
		var axis = barAxis(runs.map(totalOf));
		var svg = frame(container, axis);
		var plotW = W - PAD.left - PAD.right;
		var plotH = H - PAD.top - PAD.bottom;
		var slot = plotW / Math.max(runs.length, 8);
		var bar = Math.max(2, slot * 0.68);
		runs.forEach(function (run, i) {
			var x = PAD.left + i * slot + (slot - bar) / 2;
			var base = PAD.top + plotH;
			var g = svgEl('g', { 'data-run-id': run.id, 'data-account': run.account }, svg);
			tip(g, runName(run, accounts) + ' (' + lower(run.mode) + ', ' + lower(run.outcome) + ')\n'
				+ series.map(function (s) { return s.label + ': ' + count(run[s.key]); }).join('\n'));
			svgEl('rect', { x: x.toFixed(1), y: PAD.top, width: bar.toFixed(1), height: plotH, 'class': 'hit' }, g);
			var stackTop = base;
			series.forEach(function (s) {
				if (s.hidden) {
					return;
				}
				var h = Math.min(run[s.key] || 0, axis.max) / axis.max * plotH;
				if (h <= 0) {
					return;
				}
				h = Math.max(s.overlay ? 1.5 : 1, h);
				var top = (s.overlay ? base : stackTop) - h;
				if (!s.overlay) {
					stackTop = top;
				}
				svgEl('rect', { x: x.toFixed(1), y: top.toFixed(1), width: bar.toFixed(1), height: h.toFixed(1),
					'class': s.css || s.key, rx: 1 }, g);
			});
			if (totalOf(run) > axis.max) {
				cut(svg, g, x, bar, totalOf(run));
			}
		});
		xLabels(svg, '#' + runs[0].id, '#' + runs[runs.length - 1].id);
	}

	// one line per account shown (each account's own mirror), coloured by its place among all accounts
	function sizeChart(container, runs, accounts) {
		var points = runs.filter(function (r) {
			return r.mirrorCount !== null && r.mirrorCount !== undefined;
		}).map(function (r) {
			return { t: Date.parse(r.endedAt || r.startedAt), v: r.mirrorCount, run: r };
		});
		if (!points.length) {
			emptyChart(container, 'No completeness check yet');
			return;
		}
		var values = points.map(function (p) { return p.v; });
		var low = Math.min.apply(null, values);
		var high = Math.max.apply(null, values);
		// a zero baseline would flatten the small changes of a big mirror
		var axis = (high - low) < high * 0.2 ? scale(Math.max(0, low - Math.max(5, (high - low) * 0.25)), high + 1)
			: scale(0, high);
		var svg = frame(container, axis);
		var plotW = W - PAD.left - PAD.right;
		var plotH = H - PAD.top - PAD.bottom;
		var t0 = points[0].t;
		var t1 = points[points.length - 1].t;
		function px(p) {
			return PAD.left + (t1 > t0 ? (p.t - t0) / (t1 - t0) * plotW : plotW / 2);
		}
		function py(p) {
			return PAD.top + plotH - (p.v - axis.min) / (axis.max - axis.min) * plotH;
		}
		var series = {};
		points.forEach(function (p) {
			(series[p.run.account] = series[p.run.account] || []).push(p);
		});
		// in the accounts' order, as the legend lists them
		var names = Object.keys(series).sort(function (a, b) {
			return accounts ? accounts.indexOf(a) - accounts.indexOf(b) : 0;
		});
		names.forEach(function (account) {
			var line = series[account];
			var css = accounts ? ' series-' + (accounts.indexOf(account) % SERIES) : '';
			var d = line.map(function (p, i) {
				return (i ? 'L' : 'M') + px(p).toFixed(1) + ' ' + py(p).toFixed(1);
			}).join(' ');
			if (names.length === 1) {
				var bottom = (PAD.top + plotH).toFixed(1);
				svgEl('path', { d: d + ' L' + px(line[line.length - 1]).toFixed(1) + ' ' + bottom + ' L'
					+ px(line[0]).toFixed(1) + ' ' + bottom + ' Z', 'class': 'area' + css }, svg);
			}
			svgEl('path', { d: d, 'class': 'line' + css, 'data-account': account }, svg);
			line.forEach(function (p) {
				var dot = svgEl('circle', { cx: px(p).toFixed(1), cy: py(p).toFixed(1), r: 2.8, 'class': 'dot' + css,
					'data-account': account }, svg);
				tip(dot, runName(p.run, accounts) + ', ' + utc(p.run.endedAt || p.run.startedAt) + '\n'
					+ count(p.v) + ' live contacts');
			});
		});
		var fmt = function (t) { return utc(new Date(t).toISOString()).slice(5, 16); };
		xLabels(svg, fmt(t0), fmt(t1));
	}

	// with several accounts shown, the size chart's legend names each account's colour
	function renderSizeLegend(accounts) {
		var legend = $('size-legend');
		var items = accounts ? accounts.map(function (account, i) {
			return [account, 'sw series-' + (i % SERIES)];
		}) : [['live contacts after each run', 'sw size']];
		var nodes = [];
		items.forEach(function (item) {
			var sw = document.createElement('i');
			sw.className = item[1];
			nodes.push(sw, document.createTextNode(item[0] + ' '));
		});
		legend.replaceChildren.apply(legend, nodes);
	}

	// accounts: every account's name when runs of several are shown, else null
	function renderCharts(runs, accounts) {
		var oldestFirst = runs.slice().reverse();
		barChart($('chart-contacts'), oldestFirst, [
			{ key: 'inserted', label: 'inserted' },
			{ key: 'updated', label: 'updated' },
			{ key: 'deleted', label: 'deleted' }
		], function (run) { return (run.inserted || 0) + (run.updated || 0) + (run.deleted || 0); }, accounts);
		// what each run appended to the change log (the series of /api/changes)
		barChart($('chart-changes'), oldestFirst.map(function (run) {
			var changes = run.changes || {};
			return Object.assign({}, run, { created: changes.created || 0, changedUpdated: changes.updated || 0,
				changedDeleted: changes.deleted || 0, restored: changes.restored || 0 });
		}), [
			{ key: 'created', label: 'created' },
			{ key: 'changedUpdated', label: 'updated', css: 'updated' },
			{ key: 'changedDeleted', label: 'deleted', css: 'deleted' },
			{ key: 'restored', label: 'restored' }
		], function (run) { return run.created + run.changedUpdated + run.changedDeleted + run.restored; }, accounts);
		// the 429s are part of the requests: drawn inside the request bar, from its foot
		barChart($('chart-requests'), oldestFirst, [
			{ key: 'requests', label: 'requests' },
			{ key: 'throttled', label: '429s', overlay: true },
			{ key: 'retries', label: 'retries', hidden: true }
		], function (run) { return run.requests || 0; }, accounts);
		sizeChart($('chart-size'), oldestFirst, accounts);
		renderSizeLegend(accounts);
	}

	// ---- messages, loading, triggering ------------------------------------------------------

	function showMessage(text, tone) {
		var el = $('message');
		el.textContent = text;
		el.className = 'message ' + (tone || '');
		el.hidden = false;
	}

	function hideMessage() {
		$('message').hidden = true;
	}

	// the charts and the runs table, of the account the filter picks or of all
	function renderRunsShown(sync) {
		var accounts = sync.byAccount.map(function (v) { return v.account; });
		var several = accounts.length > 1 && !selected;
		var runs = shownRuns(sync);
		renderRuns(runs, accounts.length === 1);
		renderCharts(runs, several ? accounts : null);
	}

	function render(sync) {
		last = sync;
		renderHealth(sync);
		renderFilter(sync);
		renderAccounts(sync);
		renderRunsShown(sync);
		renderSinks(sync.sinks, sync.now);
		var total = $('total-size');
		total.hidden = sync.byAccount.length < 2;
		total.textContent = count(sync.mirrorSize) + ' live contacts in all accounts · ';
		$('updated').textContent = 'Updated ' + utc(sync.now);
	}

	function choose() {
		selected = $('account-filter').value;
		if (last) {
			renderRunsShown(last);
		}
	}

	function refresh() {
		clearTimeout(timer);
		fetch('actuator/sync?limit=' + RUNS, { headers: headers(false), cache: 'no-store' })
			.then(function (response) {
				if (response.status === 401 || response.status === 403) {
					askForKey(true);
					return null;
				}
				if (!response.ok) {
					throw new Error('HTTP ' + response.status);
				}
				return response.json();
			})
			.then(function (sync) {
				if (sync) {
					$('key-panel').hidden = true;
					if ($('message').dataset.kind === 'load') {
						hideMessage();
					}
					render(sync);
				}
			})
			.catch(function (error) {
				showMessage('Could not load the sync status (' + error.message + '); retrying.', 'bad');
				$('message').dataset.kind = 'load';
			})
			.finally(function () {
				timer = setTimeout(refresh, REFRESH_MS);
			});
	}

	// runs the account the filter picks, or every idle account
	function start(mode) {
		$('message').dataset.kind = '';
		var request = {};
		if (mode) {
			request.mode = mode;
		}
		if (selected) {
			request.account = selected;
		}
		var busy = 'A sync run' + (selected ? ' of ' + selected : '') + ' is already in progress; nothing was started.';
		fetch('actuator/sync', { method: 'POST', headers: headers(true), body: JSON.stringify(request) })
			.then(function (response) {
				if (response.status === 401 || response.status === 403) {
					askForKey(true);
					return;
				}
				var label = (mode === 'full' ? 'Full re-sync' : 'Incremental run') + (selected ? ' of ' + selected : '');
				if (response.status === 202 || response.status === 200) {
					// the body lists the accounts that started
					return response.json().then(function (body) {
						if (body.started && body.started.length) {
							showMessage(label + ' started.', 'good');
						} else {
							showMessage(busy, 'warn');
						}
						refresh();
					});
				} else if (response.status === 409) {
					showMessage(busy, 'warn');
				} else {
					showMessage(label + ' could not start (HTTP ' + response.status + ').', 'bad');
				}
				refresh();
			})
			.catch(function (error) {
				showMessage('Could not reach the service (' + error.message + ').', 'bad');
			});
	}

	// a full re-sync reads every contact again: ask for a second click
	function startFull() {
		var button = $('run-full');
		if (button.dataset.armed === 'true') {
			disarm();
			start('full');
			return;
		}
		button.dataset.armed = 'true';
		button.classList.add('confirm');
		button.textContent = 'Click again to re-sync ' + (selected || 'everything');
		confirmTimer = setTimeout(disarm, 5000);
	}

	function disarm() {
		clearTimeout(confirmTimer);
		var button = $('run-full');
		button.dataset.armed = 'false';
		button.classList.remove('confirm');
		button.textContent = 'Full re-sync';
	}

	document.addEventListener('DOMContentLoaded', function () {
		$('key-form').addEventListener('submit', saveKey);
		$('key-change').addEventListener('click', function () {
			askForKey(false);
		});
		$('run-incremental').addEventListener('click', function () {
			start(null);
		});
		$('run-full').addEventListener('click', startFull);
		$('account-filter').addEventListener('change', choose);
		// a row that says Loading… until the first answer
		$('accounts').replaceChildren(accountRow(''));
		refresh();
	});
})();

// Draws the charts of report.html from the JSON in #report-data. Every value from the data goes into the
// page as text (textContent, createTextNode, setAttribute), never as markup.
(() => {
  'use strict';
  const SVG_NS = 'http://www.w3.org/2000/svg'; // a namespace name, not a fetch
  // ReportPage checks each table's columns against KpiSql, the single definition of these names.
  const T = { genreDaily: 'kpi_genre_daily', hourly: 'kpi_hourly', engagement: 'kpi_daily_engagement',
    topTracks: 'kpi_top_tracks_daily', topGenres: 'kpi_top_genres_daily', sessions: 'kpi_sessions_daily',
    demographics: 'kpi_demographics_daily', app: 'kpi_app_daily', appPages: 'kpi_app_pages_daily',
    appTopSongs: 'kpi_app_top_songs_daily' };
  const APP_TABLES = [T.app, T.appPages, T.appTopSongs];
  const GENRES_SHOWN = 15;
  const COUNTRIES_SHOWN = 10;
  const PAGES_SHOWN = 12;
  const AGE_BANDS = ['0-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+', 'unknown'];

  const data = JSON.parse(document.getElementById('report-data').textContent);
  const tables = {};
  for (const [name, table] of Object.entries(data.kpis)) {
    tables[name] = table.rows.map(row => Object.fromEntries(table.columns.map((column, i) => [column, row[i]])));
  }
  // Plays are keyed by listen_date, app events by event_date: both UTC days, so one picker serves both feeds.
  const dateOf = r => r.listen_date || r.event_date;
  const days = [...new Set(Object.values(tables).flatMap(rows => rows.map(dateOf)))].filter(Boolean).sort();
  let day = days[days.length - 1];
  let allGenres = false;
  let allPages = false;

  const num = text => (text === '' || text == null ? null : Number(text));
  const whole = new Intl.NumberFormat('en-US');
  const short = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2 });
  const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
  const forDay = name => (tables[name] || []).filter(r => dateOf(r) === day);
  const byRank = (a, b) => num(a.rank) - num(b.rank);
  const plural = (n, one, many) => `${whole.format(n)} ${n === 1 ? one : many}`;
  const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const byDate = name => (tables[name] || []).slice().sort((a, b) => byText(dateOf(a), dateOf(b)));

  function svg(name, attrs, text) {
    const node = document.createElementNS(SVG_NS, name);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    if (text != null) node.appendChild(document.createTextNode(String(text)));
    return node;
  }
  function html(name, className, text) {
    const node = document.createElement(name);
    if (className) node.className = className;
    if (text != null) node.appendChild(document.createTextNode(String(text)));
    return node;
  }
  function noData(container, message) {
    container.replaceChildren(html('p', 'no-data', message));
  }
  /** A headline figure: its name, the value as shown, the exact value in data-value, and a line under it. */
  function stat(name, value, shown, sub, warn) {
    const card = html('div', warn ? 'stat warn' : 'stat');
    const figure = html('div', 'value', shown);
    figure.setAttribute('data-value', value);
    card.append(html('div', 'name', name), figure, html('div', 'sub', sub));
    return card;
  }
  function legend(container, keys) {
    const line = container.appendChild(html('div', 'legend'));
    line.append(...keys.map(([kind, text]) => html('span', `key ${kind}`, text)));
  }
  function frame(container, height, label) {
    container.replaceChildren();
    const width = Math.max(280, Math.floor(container.clientWidth || 640));
    const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label });
    root.appendChild(svg('title', {}, label));
    container.appendChild(root);
    return { root, width };
  }
  /** Shortens a text element to at most max pixels, ending it with an ellipsis; the full text stays in a title. */
  function fit(node, max) {
    if (node.getComputedTextLength() <= max) return;
    const chars = Array.from(node.textContent);
    let lo = 0, hi = chars.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      node.textContent = chars.slice(0, mid).join('') + '…';
      if (node.getComputedTextLength() <= max) lo = mid; else hi = mid - 1;
    }
    node.textContent = chars.slice(0, lo).join('') + '…';
  }
  function ticks(max, count) {
    if (!(max > 0)) return [0, 1];
    const raw = max / count;
    const magnitude = 10 ** Math.floor(Math.log10(raw));
    const step = Math.max(1, [1, 2, 2.5, 5, 10].map(m => m * magnitude).find(s => s >= raw));
    const out = [];
    for (let i = 0; out.length === 0 || out[out.length - 1] < max; i++) out.push(i * step);
    return out;
  }
  function bar(attrs, value, tooltip) {
    const rect = svg('rect', Object.assign({ 'data-value': value }, attrs));
    rect.appendChild(svg('title', {}, tooltip));
    return rect;
  }

  /**
   * Vertical bars with a value axis; items: {key, label, value (exact text), n, tooltip, selected, attrs}, or
   * {key, selected, parts: [{value, n, barClass, tooltip, attrs}]} for bars stacked in one column (o.stack) or side
   * by side in one slot.
   */
  function columns(container, items, o) {
    const m = { l: 52, r: 14, t: 12, b: 42 };
    const height = o.height || 260;
    const { root, width } = frame(container, height, o.label);
    const plotW = width - m.l - m.r, plotH = height - m.t - m.b;
    const partsOf = item => item.parts ||
      [{ value: item.value, n: item.n, barClass: o.barClass, tooltip: item.tooltip, attrs: item.attrs }];
    const reach = item => (o.stack ? partsOf(item).reduce((sum, p) => sum + p.n, 0) : Math.max(...partsOf(item).map(p => p.n)));
    const tk = ticks(Math.max(0, ...items.map(reach), ...(o.lineMax ? [o.lineMax] : [])), 5);
    const top = tk[tk.length - 1];
    const y = v => m.t + plotH - (v / top) * plotH;
    const axis = root.appendChild(svg('g', { class: 'axis' }));
    for (const t of tk) {
      axis.appendChild(svg('line', { class: 'grid-line', x1: m.l, x2: width - m.r, y1: y(t), y2: y(t) }));
      axis.appendChild(svg('text', { x: m.l - 8, y: y(t) + 4, 'text-anchor': 'end' }, compact.format(t)));
    }
    axis.appendChild(svg('line', { class: 'baseline', x1: m.l, x2: width - m.r, y1: y(0), y2: y(0) }));
    const slots = o.slots || items.map(i => i.key);
    const band = plotW / slots.length;
    const every = Math.max(1, Math.ceil((o.labelWidth || 26) / band));
    slots.forEach((slot, i) => {
      if (i % every === 0) {
        axis.appendChild(svg('text', { x: m.l + band * (i + 0.5), y: height - m.b + 16, 'text-anchor': 'middle' },
          o.slotLabel(slot)));
      }
    });
    axis.appendChild(svg('text', { class: 'axis-title', x: m.l + plotW / 2, y: height - 6, 'text-anchor': 'middle' },
      o.xTitle));
    axis.appendChild(svg('text', { class: 'axis-title', x: 12, y: m.t + plotH / 2, 'text-anchor': 'middle',
      transform: `rotate(-90 12 ${m.t + plotH / 2})` }, o.yTitle));
    const bars = root.appendChild(svg('g', { class: 'bars' }));
    const xOf = key => m.l + band * slots.indexOf(key);
    const barW = Math.max(1, Math.min(band * 0.7, 48));
    for (const item of items) {
      const parts = partsOf(item);
      const side = o.stack ? 1 : parts.length;
      const slotW = side > 1 ? Math.max(side, Math.min(band * 0.8, side * 18)) : barW;
      let x = xOf(item.key) + (band - slotW) / 2, bottom = y(0);
      for (const p of parts) {
        const h = Math.max(p.n > 0 ? 1 : 0, y(0) - y(p.n));
        const rect = bars.appendChild(bar(Object.assign({ class: `bar ${p.barClass}${item.selected ? ' selected' : ''}`,
          x, y: bottom - h, width: slotW / side, height: h }, p.attrs), p.value, p.tooltip));
        if (o.onClick) rect.addEventListener('click', () => o.onClick(item.key));
        if (o.stack) bottom -= h; else x += slotW / side;
      }
    }
    return { root, y, xMid: key => xOf(key) + band / 2 };
  }

  /**
   * Horizontal bars with labels; items: {label, sub, value (exact text), n (null: n/a), display, tooltip, attrs},
   * or {label, sub, caption, tooltip, parts: [{value, n, barClass, tooltip, attrs}]} for one bar stacked to full
   * width, with the caption under it.
   */
  function rows(container, items, o) {
    const rowH = o.sub ? 42 : 28, barH = 16, gap = 10;
    const height = items.length * rowH + 6;
    const { root, width } = frame(container, height, o.label);
    const labelW = Math.round(Math.min(Math.max(width * 0.4, 120), 320));
    const valueW = o.valueWidth || 56;
    const barMax = Math.max(20, width - labelW - gap - valueW);
    const max = Math.max(0, ...items.filter(i => i.n != null).map(i => i.n));
    items.forEach((item, i) => {
      const top = i * rowH + 3;
      const g = root.appendChild(svg('g', { class: 'row' }));
      g.appendChild(svg('title', {}, item.tooltip));
      const label = g.appendChild(svg('text', { class: 'label', x: 0, y: top + (o.sub ? 14 : 17) }, item.label));
      fit(label, labelW - 4);
      if (o.sub) fit(g.appendChild(svg('text', { class: 'sub', x: 0, y: top + 31 }, item.sub)), labelW - 4);
      const barY = top + (rowH - 6 - barH) / 2;
      const x = labelW + gap;
      if (item.parts) {
        stacked(g, item.parts, x, top + 3, barH - 2, barMax);
        fit(g.appendChild(svg('text', { class: 'sub', x, y: top + 31 }, item.caption)), barMax + valueW);
        return;
      }
      if (item.n == null) {
        g.appendChild(svg('text', { class: 'na', x, y: barY + 12.5 }, 'n/a'));
        return;
      }
      const w = max > 0 ? Math.max(item.n > 0 ? 2 : 0, (item.n / max) * barMax) : 0;
      g.appendChild(bar(Object.assign({ class: `bar ${o.barClass}`, x, y: barY, width: w, height: barH, rx: 2 },
        item.attrs), item.value, item.tooltip));
      g.appendChild(svg('text', { class: 'value-label', x: x + w + 6, y: barY + 12.5 }, item.display));
    });
  }

  /** Parts side by side in width; a part that is not zero stays visible (2 px) however small its share. */
  function stacked(g, parts, x, y, height, width) {
    const total = parts.reduce((sum, p) => sum + p.n, 0);
    const widths = parts.map(p => (total ? Math.max(p.n > 0 ? 2 : 0, (p.n / total) * width) : 0));
    const excess = widths.reduce((sum, w) => sum + w, 0) - (total ? width : 0);
    widths[widths.indexOf(Math.max(...widths))] -= Math.max(0, excess);
    if (!total) g.appendChild(svg('rect', { class: 'track-bg', x, y, width, height, rx: 2 }));
    parts.forEach((p, i) => {
      g.appendChild(bar(Object.assign({ class: `bar ${p.barClass}`, x, y, width: widths[i], height }, p.attrs),
        p.value, p.tooltip));
      x += widths[i];
    });
  }

  function drawHeadline() {
    const section = document.getElementById('headline');
    const today = forDay(T.engagement)[0];
    const rejected = data.quality.reduce((sum, q) => sum + q.rowsRejected, 0);
    const read = data.quality.reduce((sum, q) => sum + q.rowsIn, 0);
    const playDays = tables[T.engagement] || [];
    const allPlays = playDays.reduce((sum, r) => sum + num(r.total_plays), 0);
    const on = day ? `on ${day}` : 'no plays recorded';
    const stats = [
      ['Total plays', today && today.total_plays, playDays.length > 1 ? `${on}; ${whole.format(allPlays)} in ${playDays.length} days` : on],
      ['Active users', today && today.active_users, on],
      ['Orphan plays', today && today.orphan_plays, day ? `${on}; plays of tracks not in songs` : on],
      ['Rows rejected', String(rejected), `of ${plural(read, 'row', 'rows')} read, all datasets`, rejected > 0]];
    section.replaceChildren(...stats.map(([name, value, sub, warn]) =>
      stat(name, value || '', value ? whole.format(num(value)) : '–', sub, warn)));
  }

  function drawDaily(container) {
    const rowsOfDays = (tables[T.engagement] || []).slice().sort((a, b) => a.listen_date.localeCompare(b.listen_date));
    if (!rowsOfDays.length) return noData(container, 'No daily engagement data.');
    columns(container, rowsOfDays.map(r => ({ key: r.listen_date, value: r.total_plays, n: num(r.total_plays),
      selected: r.listen_date === day, attrs: { 'data-day': r.listen_date },
      tooltip: `${r.listen_date}: ${r.total_plays} plays, ${r.active_users} active users` })),
    { label: 'Plays per day', barClass: 'daily', height: 200, labelWidth: 44, slotLabel: d => d.slice(5),
      xTitle: 'Day (UTC); click a bar to select it', yTitle: 'Plays', onClick: select });
  }

  function drawHourly(container) {
    const today = forDay(T.hourly);
    if (!today.length) return noData(container, day ? `No hourly data for ${day}.` : 'No hourly data in this run.');
    const hours = Array.from({ length: 24 }, (_, h) => h);
    const listeners = hours.map(h => num((today.find(r => num(r.listen_hour) === h) || {}).unique_listeners) || 0);
    const chart = columns(container, today.map(r => ({ key: num(r.listen_hour), value: r.total_plays, n: num(r.total_plays),
      attrs: { 'data-hour': num(r.listen_hour) },
      tooltip: `${String(r.listen_hour).padStart(2, '0')}:00 UTC: ${r.total_plays} plays, ${r.unique_listeners} unique listeners` +
        (r.top_artist ? `; top artist ${r.top_artist}` : '') })),
    { label: `Plays and unique listeners per hour (UTC) on ${day}`, barClass: 'plays', height: 280, slots: hours,
      lineMax: Math.max(...listeners), slotLabel: h => String(h).padStart(2, '0'), xTitle: 'Hour of day (UTC)',
      yTitle: 'Plays / listeners' });
    const points = hours.map(h => `${chart.xMid(h)},${chart.y(listeners[h])}`).join(' ');
    chart.root.appendChild(svg('polyline', { class: 'listeners-line', points }));
    for (const r of today) {
      const h = num(r.listen_hour);
      const dot = chart.root.appendChild(svg('circle', { class: 'listeners', cx: chart.xMid(h), cy: chart.y(listeners[h]),
        r: 3.5, 'data-value': r.unique_listeners, 'data-hour': h }));
      dot.appendChild(svg('title', {}, `${String(h).padStart(2, '0')}:00 UTC: ${r.unique_listeners} unique listeners`));
    }
    legend(container, [['plays', 'Plays'], ['listeners', 'Unique listeners']]);
  }

  function drawTopGenres(container) {
    const today = forDay(T.topGenres).sort(byRank);
    if (!today.length) return noData(container, day ? `No genre plays on ${day}.` : 'No genre data in this run.');
    rows(container, today.map(r => ({ label: `${r.rank}. ${r.genre}`, value: r.plays, n: num(r.plays),
      display: whole.format(num(r.plays)), tooltip: `${r.genre}: ${r.plays} plays (rank ${r.rank})`,
      attrs: { 'data-rank': r.rank } })), { label: `Top genres by plays on ${day}`, barClass: 'genre' });
  }

  function drawTopTracks(container) {
    const today = forDay(T.topTracks).sort(byRank);
    if (!today.length) return noData(container, day ? `No track plays on ${day}.` : 'No track data in this run.');
    rows(container, today.map(r => {
      const name = r.track_name || `Unknown track ${r.track_id}`;
      const artists = r.artists ? r.artists.split(';').map(a => a.trim()).filter(Boolean).join(', ') : 'unknown artists';
      return { label: `${r.rank}. ${name}`, sub: artists, value: r.plays, n: num(r.plays), display: whole.format(num(r.plays)),
        tooltip: `${name} by ${artists}: ${r.plays} plays (rank ${r.rank})`, attrs: { 'data-rank': r.rank } };
    }), { label: `Top 10 tracks by plays on ${day}`, barClass: 'track', sub: true });
  }

  function drawGenrePopularity(container) {
    const today = forDay(T.genreDaily).sort((a, b) => {
      const x = num(a.popularity_index), y = num(b.popularity_index);
      if (x == null || y == null) return (x == null) - (y == null) || (a.genre < b.genre ? -1 : 1);
      return y - x || (a.genre < b.genre ? -1 : a.genre > b.genre ? 1 : 0);
    });
    if (!today.length) return noData(container, day ? `No genre data for ${day}.` : 'No genre data in this run.');
    const shown = allGenres ? today : today.slice(0, GENRES_SHOWN);
    rows(container, shown.map(r => {
      const n = num(r.popularity_index);
      return { label: r.genre, value: r.popularity_index, n, display: n == null ? 'n/a' : short.format(n),
        tooltip: `${r.genre}: popularity index ${n == null ? 'n/a (no known popularity)' : r.popularity_index}, ${r.listen_count} plays`,
        attrs: { 'data-genre': r.genre } };
    }), { label: `Genre popularity index on ${day}`, barClass: 'popularity', valueWidth: 64 });
    if (today.length > GENRES_SHOWN) {
      const more = container.appendChild(html('button', 'more', allGenres ? 'Show top 15 only' : `Show all ${today.length} genres`));
      more.type = 'button';
      more.addEventListener('click', () => { allGenres = !allGenres; drawGenrePopularity(container); });
    }
  }

  function drawQuality(container) {
    if (!data.quality.length) return noData(container, 'No data-quality figures in this run.');
    rows(container, data.quality.map(q => {
      const total = q.rowsValid + q.rowsRejected;
      const share = total ? ` (${percent.format((100 * q.rowsRejected) / total)}%)` : '';
      const part = (kind, n) => ({ value: String(n), n, barClass: kind, tooltip: `${q.dataset}: ${n} rows ${kind}`,
        attrs: { 'data-dataset': q.dataset, 'data-part': kind } });
      return { label: q.dataset,
        tooltip: `${q.dataset}: ${q.rowsIn} rows in, ${q.rowsValid} valid, ${q.rowsRejected} rejected${share}`,
        sub: `${plural(q.files, 'file', 'files')}, ${whole.format(q.filesRejected)} rejected whole`,
        caption: `${whole.format(q.rowsValid)} valid · ${whole.format(q.rowsRejected)} rejected${share}`,
        parts: [part('valid', q.rowsValid), part('rejected', q.rowsRejected)] };
    }), { label: 'Rows valid and rejected per dataset', sub: true, valueWidth: 4 });
    legend(container, [['valid', 'Valid rows'], ['rejected', 'Rejected rows']]);
    const reasons = data.quality.flatMap(q => Object.entries(q.rejectReasons)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([reason, n]) => ({ q, reason, n })));
    container.appendChild(html('h3', 'subchart-title', 'Reject reasons'));
    const holder = container.appendChild(html('div', 'reasons'));
    if (!reasons.length) return holder.appendChild(html('p', 'note', 'No row was rejected.'));
    rows(holder, reasons.map(({ q, reason, n }) => ({ label: `${q.dataset} · ${reason}`, value: String(n), n,
      display: whole.format(n), tooltip: `${q.dataset}: ${n} rows rejected as ${reason}`,
      attrs: { 'data-dataset': q.dataset, 'data-reason': reason } })), { label: 'Rejected rows per reason', barClass: 'reason' });
  }

  /** The day's sessions as figures: how many, how long, how full (KPI-SPEC's kpi_sessions_daily). */
  function drawSessions(container) {
    const today = forDay(T.sessions)[0];
    if (!today) return noData(container, day ? `No sessions on ${day}.` : 'No session data in this run.');
    const sessions = num(today.sessions);
    const minutes = num(today.avg_session_span_s) / 60;
    const figures = [
      ['Sessions', today.sessions, whole.format(sessions), `${short.format(num(today.sessions_per_user))} per listener`],
      ['Plays per session', today.avg_plays_per_session, short.format(num(today.avg_plays_per_session)),
        `${percent.format((100 * num(today.single_play_sessions)) / sessions)}% of sessions have one play`],
      ['Session span', today.avg_session_span_s, `${short.format(minutes)} min`, 'first to last play, on average'],
      ['Listening per session', today.avg_session_listening_ms,
        `${short.format(num(today.avg_session_listening_ms) / 60000)} min`, 'known track durations']];
    const grid = html('div', 'figures');
    grid.append(...figures.map(([name, value, shown, sub]) => stat(name, value, shown, sub)));
    container.replaceChildren(grid);
  }

  /** Plays per (country or age band) of the day, summed over the other; listeners are distinct per row only. */
  function demographicTotals(key) {
    const totals = new Map();
    for (const r of forDay(T.demographics)) {
      const t = totals.get(r[key]) || { plays: 0, ms: 0 };
      t.plays += num(r.plays);
      t.ms += num(r.listening_ms);
      totals.set(r[key], t);
    }
    return totals;
  }

  function drawAgeBands(container) {
    const totals = demographicTotals('age_band');
    if (!totals.size) return noData(container, day ? `No demographic data for ${day}.` : 'No demographic data in this run.');
    rows(container, AGE_BANDS.filter(band => totals.has(band)).map(band => {
      const t = totals.get(band);
      return { label: band === 'unknown' ? 'unknown age' : band, value: String(t.plays), n: t.plays,
        display: whole.format(t.plays), tooltip: `${band}: ${t.plays} plays, ${short.format(t.ms / 3600000)} hours listened`,
        attrs: { 'data-age-band': band } };
    }), { label: `Plays by age band on ${day}`, barClass: 'age' });
  }

  function drawCountries(container) {
    const totals = [...demographicTotals('country')].sort((a, b) => b[1].plays - a[1].plays || (a[0] < b[0] ? -1 : 1));
    if (!totals.length) return noData(container, day ? `No demographic data for ${day}.` : 'No demographic data in this run.');
    rows(container, totals.slice(0, COUNTRIES_SHOWN).map(([country, t]) => ({ label: country, value: String(t.plays),
      n: t.plays, display: whole.format(t.plays),
      tooltip: `${country}: ${t.plays} plays, ${short.format(t.ms / 3600000)} hours listened`,
      attrs: { 'data-country': country } })), { label: `Top countries by plays on ${day}`, barClass: 'country' });
  }

  /** The day's app events as figures (KPI-SPEC's kpi_app_daily); a dash for a day without events. */
  function drawAppHeadline(container) {
    const today = forDay(T.app)[0];
    if (!today) {
      const none = `no app events on ${day}`;
      return container.replaceChildren(...['Events', 'Sessions', 'Active users', 'Guest events'].map(name => stat(name, '', '–', none)));
    }
    const eventDays = tables[T.app];
    const allEvents = eventDays.reduce((sum, r) => sum + num(r.events), 0);
    const events = num(today.events);
    container.replaceChildren(
      stat('Events', today.events, whole.format(events),
        eventDays.length > 1 ? `on ${day}; ${whole.format(allEvents)} in ${eventDays.length} days` : `on ${day}`),
      stat('Sessions', today.sessions, whole.format(num(today.sessions)),
        `${short.format(num(today.avg_events_per_session))} events per session`),
      stat('Active users', today.active_users, whole.format(num(today.active_users)),
        `${whole.format(num(today.paying_users))} at the paid level`),
      stat('Guest events', today.guest_events, whole.format(num(today.guest_events)),
        `${percent.format((100 * num(today.guest_events)) / events)}% of events, no user signed in`));
  }

  // Events per page of the selected day rather than of the whole run: stepping through the days with the picker,
  // a page that vanishes or floods on one day (an app release, a broken producer, a bot) stands out, where totals
  // over the run would average it away. The per-day charts below give the run's trend.
  function drawAppPages(container) {
    const today = forDay(T.appPages).sort((a, b) => num(b.events) - num(a.events) || byText(a.page, b.page));
    if (!today.length) return noData(container, `No app events on ${day}.`);
    const shown = allPages ? today : today.slice(0, PAGES_SHOWN);
    rows(container, shown.map(r => ({ label: r.page, value: r.events, n: num(r.events), display: whole.format(num(r.events)),
      sub: `${plural(num(r.users), 'user', 'users')} · ${plural(num(r.sessions), 'session', 'sessions')}`,
      tooltip: `${r.page}: ${r.events} events, ${r.users} users, ${r.sessions} sessions`,
      attrs: { 'data-page': r.page } })), { label: `Events per page on ${day}`, barClass: 'page', sub: true });
    if (today.length > PAGES_SHOWN) {
      const more = container.appendChild(html('button', 'more',
        allPages ? `Show top ${PAGES_SHOWN} only` : `Show all ${today.length} pages`));
      more.type = 'button';
      more.addEventListener('click', () => { allPages = !allPages; drawAppPages(container); });
    }
  }

  function drawAppTopSongs(container) {
    const today = forDay(T.appTopSongs).sort(byRank);
    if (!today.length) return noData(container, `No song plays in the app on ${day}.`);
    rows(container, today.map(r => ({ label: `${r.rank}. ${r.song}`, sub: r.artist, value: r.plays, n: num(r.plays),
      display: whole.format(num(r.plays)), tooltip: `${r.song} by ${r.artist}: ${r.plays} plays (rank ${r.rank})`,
      attrs: { 'data-rank': r.rank } })), { label: `Top 10 songs played in the app on ${day}`, barClass: 'app-song', sub: true });
  }

  /** Per-day columns of kpi_app_daily, one part per column name: stacked, or side by side. */
  function appDays(container, parts, o) {
    const perDay = byDate(T.app);
    columns(container, perDay.map(r => ({ key: r.event_date, selected: r.event_date === day,
      parts: parts.map(([kind, column, name]) => {
        const n = column(r);
        return { value: String(n), n, barClass: kind, tooltip: `${r.event_date}: ${plural(n, name[0], name[1])}`,
          attrs: { 'data-day': r.event_date, 'data-part': kind } };
      }) })), Object.assign({ height: 220, labelWidth: 44, slotLabel: d => d.slice(5), onClick: select,
      xTitle: days.length > 1 ? 'Day (UTC); click a bar to select it' : 'Day (UTC)' }, o));
  }

  function drawAppPlays(container) {
    const today = forDay(T.app)[0];
    if (!(tables[T.app] || []).length) return noData(container, 'No daily app figures in this run.');
    const paid = r => num(r.paid_song_plays);
    const free = r => num(r.song_plays) - num(r.paid_song_plays);
    appDays(container, [['paid', paid, ['paid song play', 'paid song plays']], ['free', free, ['free song play', 'free song plays']]],
      { label: 'Song plays per day, paid and free', stack: true, yTitle: 'Song plays' });
    legend(container, [['paid', 'Paid plays'], ['free', 'Free plays']]);
    const plays = today ? num(today.song_plays) : 0;
    container.appendChild(html('p', 'note caption', !today ? `No app events on ${day}.` : !plays ? `No song plays on ${day}.`
      : `${day}: ${whole.format(paid(today))} paid, ${whole.format(free(today))} free of ${plural(plays, 'song play', 'song plays')}`
        + ` (${percent.format((100 * paid(today)) / plays)}% paid)`));
  }

  function drawAppChanges(container) {
    const perDay = tables[T.app] || [];
    if (!perDay.length) return noData(container, 'No daily app figures in this run.');
    const changes = [['upgrade', r => num(r.upgrades), ['upgrade', 'upgrades']],
      ['downgrade', r => num(r.downgrades), ['downgrade', 'downgrades']],
      ['cancellation', r => num(r.cancellations), ['cancellation', 'cancellations']]];
    if (perDay.every(r => changes.every(([, n]) => n(r) === 0))) {
      return noData(container, 'No upgrades, downgrades or cancellations in this run.');
    }
    appDays(container, changes, { label: 'Upgrades, downgrades and cancellations per day', yTitle: 'Events' });
    legend(container, [['upgrade', 'Upgrades'], ['downgrade', 'Downgrades'], ['cancellation', 'Cancellations']]);
  }

  const charts = { sessions: drawSessions, 'age-bands': drawAgeBands, countries: drawCountries, daily: drawDaily,
    hourly: drawHourly, 'top-genres': drawTopGenres, 'top-tracks': drawTopTracks, 'genre-popularity': drawGenrePopularity,
    'data-quality': drawQuality, 'app-headline': drawAppHeadline, 'app-pages': drawAppPages,
    'app-top-songs': drawAppTopSongs, 'app-plays': drawAppPlays, 'app-changes': drawAppChanges };

  function drawAll() {
    drawHeadline();
    for (const label of document.querySelectorAll('.day-label')) label.textContent = day ? `· ${day}` : '';
    for (const container of document.querySelectorAll('[data-chart]')) charts[container.dataset.chart](container);
  }
  function select(newDay) {
    day = newDay;
    const picker = document.getElementById('day');
    if (picker) picker.value = day;
    drawAll();
  }

  if (days.length > 1) {
    const label = html('label', null, 'Day');
    const picker = label.appendChild(html('select'));
    picker.id = 'day';
    for (const d of days.slice().reverse()) picker.appendChild(new Option(d, d, d === day, d === day));
    picker.addEventListener('change', () => select(picker.value));
    document.getElementById('day-picker').appendChild(label);
  } else {
    document.getElementById('daily-card').remove();
  }
  if (!APP_TABLES.some(name => (tables[name] || []).length)) {
    document.getElementById('app-charts').replaceWith(html('p', 'no-data',
      'No app events in this run: no events file was loaded, or none of its events was valid.'));
  }
  drawAll();
  let pending;
  window.addEventListener('resize', () => { clearTimeout(pending); pending = setTimeout(drawAll, 150); });
})();

/*
 * desk.js - the story desk: the views of the page besides the single
 * story's (app.js), and keeping them live.
 *
 * Three views, chosen by the address's fragment: #desk lists the stories,
 * most recently active first (headline, articles and outlets, first and
 * last seen, a chart of articles per day, a mark when sources disagree on a
 * figure), with a filter box and a drop zone for JSONL files; #story/ID
 * shows one story's brief (drawn by app.js), its chart and its articles;
 * #paste is app.js's form. Without a fragment the page opens on the desk
 * when the server holds stories, else on the form.
 *
 * Live: an EventSource on /v1/events. A "story" event (a story created or
 * grown) or a "brief" event (its brief rebuilt) updates the list in place,
 * with a quiet notice, and refreshes the open story; "merged" drops the
 * story that joined another (the open one moves to the survivor); "reset"
 * reloads everything. The browser reconnects by itself with Last-Event-ID.
 *
 * As in app.js: no framework, no network but this server, every string
 * from the server goes in as text.
 */
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';
  const PAGE = 50;
  const BATCH = 100; /* articles per POST when a JSONL file is dropped */

  const state = {
    view: null,
    stories: new Map(), /* id -> story fields */
    next: null,         /* cursor of the next page of the list */
    filter: '',
    open: null,         /* the story shown in the story view */
    articlesNext: null,
    refreshTimer: 0,
    listToken: 0,
    events: 0,          /* story and merge events taken so far */
    merged: new Map(),  /* id merged away -> the event count then */
  };

  function el(tag, cls, content) {
    const e = document.createElement(tag);
    if (cls)
      e.className = cls;
    if (content !== undefined)
      e.textContent = content;
    return e;
  }

  function plural(n, word, words) {
    return `${n} ${n === 1 ? word : words || `${word}s`}`;
  }

  async function getJSON(url, options) {
    const res = await fetch(url, options);
    let data = null;
    try {
      data = await res.json();
    } catch (err) {
      data = null;
    }
    if (!res.ok || !data) {
      const msg = data && data.error ? data.error.message : res.statusText;
      const e = new Error(`${msg} (HTTP ${res.status})`);
      e.status = res.status;
      throw e;
    }
    return data;
  }

  function showError(id, text) {
    $(id).textContent = text;
    $(id).hidden = !text;
  }

  /* ---- times and days ---------------------------------------------------- */

  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug',
                  'Sep', 'Oct', 'Nov', 'Dec'];

  /* "14:05" today, "Mar 12, 14:05" another day, in the reader's zone. */
  function when(iso) {
    const d = new Date(iso);
    if (!iso || Number.isNaN(d.getTime()))
      return '';
    const hm = `${String(d.getHours()).padStart(2, '0')}:` +
               String(d.getMinutes()).padStart(2, '0');
    const now = new Date();
    if (d.toDateString() === now.toDateString())
      return hm;
    const day = `${MONTHS[d.getMonth()]} ${d.getDate()}`;
    return d.getFullYear() === now.getFullYear()
               ? `${day}, ${hm}` : `${day} ${d.getFullYear()}, ${hm}`;
  }

  function timeEl(iso) {
    const t = el('time', '', when(iso));
    if (iso)
      t.setAttribute('datetime', iso);
    return t;
  }

  /* "YYYY-MM-DD" plus k days, as "Mar 12". */
  function dayLabel(from, k) {
    const d = new Date(`${from}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + k);
    return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
  }

  /* ---- the chart: articles per day ----------------------------------------- */

  /* An inline SVG bar chart of story.activity ({from, counts}); `big` adds
   * the first and last days under it. Read to a screen reader as a list of
   * the days with articles. */
  function chart(story, big) {
    const act = story.activity;
    const counts = act && Array.isArray(act.counts) ? act.counts : [];
    const w = big ? 480 : 120;
    const h = big ? 64 : 28;
    const foot = big ? 16 : 0;
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', `0 0 ${w} ${h + foot}`);
    svg.setAttribute('class', big ? 'chart chart-big' : 'chart');
    svg.setAttribute('role', 'img');
    const days = counts.map((n, k) => [n, k]).filter(([n]) => n > 0)
        .map(([n, k]) => `${dayLabel(act.from, k)}: ${n}`);
    svg.setAttribute('aria-label', days.length
        ? `Articles per day. ${days.join('; ')}` : 'No dated articles');
    const most = Math.max(1, ...counts);
    const n = Math.max(counts.length, big ? 7 : 5);
    const step = w / n;
    counts.forEach((c, k) => {
      const bh = c ? Math.max(2, (c / most) * (h - 2)) : 0;
      const r = document.createElementNS(SVG, 'rect');
      r.setAttribute('x', String(k * step + step * 0.15));
      r.setAttribute('y', String(h - bh));
      r.setAttribute('width', String(step * 0.7));
      r.setAttribute('height', String(bh));
      r.setAttribute('class', 'bar');
      const title = document.createElementNS(SVG, 'title');
      title.textContent = `${dayLabel(act.from, k)}: ${plural(c, 'article')}`;
      r.append(title);
      svg.append(r);
    });
    const base = document.createElementNS(SVG, 'line');
    base.setAttribute('x1', '0');
    base.setAttribute('x2', String(w));
    base.setAttribute('y1', String(h - 0.5));
    base.setAttribute('y2', String(h - 0.5));
    base.setAttribute('class', 'axis');
    svg.append(base);
    if (big && counts.length) {
      const label = (k, anchor) => {
        const t = document.createElementNS(SVG, 'text');
        t.setAttribute('x', String(anchor === 'end' ? w : 0));
        t.setAttribute('y', String(h + foot - 3));
        t.setAttribute('text-anchor', anchor);
        t.textContent = dayLabel(act.from, k);
        svg.append(t);
      };
      label(0, 'start');
      if (counts.length > 1)
        label(counts.length - 1, 'end');
    }
    return svg;
  }

  /* ---- the list of stories ------------------------------------------------- */

  function matches(story) {
    const f = state.filter.toLowerCase();
    if (!f)
      return true;
    return [story.headline, ...(story.names || [])]
        .some((s) => String(s || '').toLowerCase().includes(f));
  }

  function storyMeta(story) {
    const p = el('p', 'story-meta');
    p.append(`${plural(story.articles, 'article')} \u00b7 ` +
             `${plural(story.outlets, 'outlet')} \u00b7 first seen `,
             timeEl(story.first_seen), ' \u00b7 last seen ',
             timeEl(story.last_seen));
    return p;
  }

  function conflictMark(story) {
    const n = story.conflicts;
    const mark = el('span', 'conflict-mark',
                    `\u26a0 ${n === 1 ? 'a figure differs'
                                      : `${n} figures differ`}`);
    mark.title = 'Its sources give different numbers for the same measure';
    return mark;
  }

  /* The list item of a story (new, or its old one refilled). */
  function storyItem(story, li) {
    const item = li || el('li', 'story');
    item.textContent = '';
    item.dataset.id = String(story.id);
    const main = el('div', 'story-main');
    const h = el('h3');
    const a = el('a', '', story.headline || `Story ${story.id}`);
    a.href = `#story/${story.id}`;
    h.append(a);
    main.append(h, storyMeta(story));
    if (story.conflicts > 0)
      main.append(conflictMark(story));
    if (Array.isArray(story.names) && story.names.length)
      main.append(el('p', 'story-names', story.names.join(', ')));
    const side = el('div', 'story-side');
    side.append(chart(story, false));
    if (story.first_date)
      side.append(el('p', 'meta',
                     story.first_date === story.last_date
                         ? story.first_date
                         : `${story.first_date} \u2013 ${story.last_date}`));
    item.append(main, side);
    return item;
  }

  function sorted() {
    return [...state.stories.values()].filter(matches)
        .sort((x, y) => y.last_arrival - x.last_arrival);
  }

  /* Brings the list in line with state.stories, moving only what must move
   * and giving the focus back if a moved item held it. */
  function drawList(fresh) {
    const ol = $('stories');
    const items = new Map([...ol.children].map((li) => [li.dataset.id, li]));
    const want = sorted();
    const keep = new Set(want.map((s) => String(s.id)));
    for (const [id, li] of items)
      if (!keep.has(id))
        li.remove();
    const focused = document.activeElement;
    let at = ol.firstElementChild;
    for (const story of want) {
      const id = String(story.id);
      let li = items.get(id);
      if (!li || (fresh && fresh.has(story.id)))
        li = storyItem(story, li);
      if (li !== at) {
        const hadFocus = li.contains(focused);
        ol.insertBefore(li, at);
        if (hadFocus)
          focused.focus();
      } else {
        at = at.nextElementSibling;
      }
      if (fresh && fresh.has(story.id)) {
        li.classList.remove('fresh');
        void li.offsetWidth; /* restart the highlight */
        li.classList.add('fresh');
      }
    }
    const shown = want.length;
    $('desk-count').textContent = state.filter
        ? `(${shown} matching)` : `(${state.stories.size})`;
    $('desk-empty').hidden = state.stories.size > 0;
    $('more-stories').hidden = !state.next;
  }

  function upsert(story) {
    const had = state.stories.get(story.id);
    if (had && had.version > story.version)
      return false;
    state.stories.set(story.id, story);
    return true;
  }

  /* A list asked for before events came may be older than they are: the
   * stories those events brought stay, and those merged away stay gone. */
  function keptSince(since) {
    const kept = new Map();
    for (const [id, s] of state.stories)
      if (s.event > since)
        kept.set(id, s);
    return kept;
  }

  function mergedSince(id, since) {
    return (state.merged.get(id) || 0) > since;
  }

  async function loadStories(more) {
    const token = ++state.listToken;
    const q = new URLSearchParams({ limit: String(PAGE) });
    if (state.filter)
      q.set('q', state.filter);
    if (more && state.next)
      q.set('cursor', state.next);
    const since = state.events;
    try {
      const data = await getJSON(`/v1/stories?${q}`);
      if (token !== state.listToken)
        return null;
      if (!more)
        state.stories = keptSince(since);
      for (const s of data.stories || [])
        if (!mergedSince(s.id, since))
          upsert(s);
      state.next = data.next || null;
      showError('desk-error', '');
      drawList(null);
      return data;
    } catch (err) {
      showError('desk-error', `The stories could not be loaded: ${err.message}`);
      return null;
    }
  }

  /* ---- one story ----------------------------------------------------------- */

  function articleItem(a) {
    const li = el('li', 'story-article');
    const title = a.title || a.id;
    if (a.url && /^https?:\/\//i.test(a.url)) {
      const link = el('a', '', title);
      link.href = a.url;
      link.rel = 'noopener noreferrer';
      link.target = '_blank';
      li.append(link);
    } else {
      li.append(el('span', 'article-title', title));
    }
    const meta = [a.source, a.date].filter(Boolean).join(', ');
    const p = el('p', 'meta');
    if (meta)
      p.append(`${meta} \u00b7 `);
    p.append('received ', timeEl(a.seen));
    if (a.copy_of)
      p.append(` \u00b7 a copy of ${a.copy_of}`);
    li.append(p);
    return li;
  }

  async function loadArticles(id, more) {
    const q = new URLSearchParams({ limit: String(PAGE) });
    if (more && state.articlesNext)
      q.set('cursor', state.articlesNext);
    const data = await getJSON(`/v1/stories/${id}/articles?${q}`);
    if (state.open !== id)
      return;
    const ol = $('story-articles');
    if (!more)
      ol.textContent = '';
    for (const a of data.articles || [])
      ol.append(articleItem(a));
    state.articlesNext = data.next || null;
    $('more-articles').hidden = !state.articlesNext;
    $('story-articles-count').textContent = `(${data.total || 0})`;
    $('story-articles-section').hidden = false;
  }

  function drawStoryHead(story, stale) {
    $('story-heading').textContent = story.headline || `Story ${story.id}`;
    const meta = $('story-meta');
    meta.textContent = '';
    meta.append(`${plural(story.articles, 'article')} from ` +
                `${plural(story.outlets, 'outlet')} \u00b7 first seen `,
                timeEl(story.first_seen), ' \u00b7 last seen ',
                timeEl(story.last_seen));
    if (story.conflicts > 0)
      meta.append(' ', conflictMark(story));
    const box = $('story-chart');
    box.textContent = '';
    box.append(chart(story, true));
    $('story-stale').hidden = !stale;
    document.title = `${story.headline} \u2013 brief`;
  }

  /* Fetches and draws the open story: its brief with the sources' texts
   * (the citations highlight in them), its head, its articles. */
  async function loadStory(id, focus) {
    try {
      const data = await getJSON(`/v1/stories/${id}?texts=true`);
      if (state.open !== id)
        return;
      const story = data.story || { id };
      if (story.id !== id) { /* merged into another: go there */
        location.replace(`#story/${story.id}`);
        return;
      }
      upsert(story);
      drawStoryHead(story, data.stale);
      const sent = new Map((data.sources || []).map(
          (s) => [s.id, { text: typeof s.text === 'string' ? s.text : '' }]));
      window.briefPage.render(data, sent);
      $('story-view').dataset.version = String(story.version);
      $('story-view').dataset.stale = data.stale ? '1' : '';
      showError('story-error', '');
      if (focus)
        $('story-heading').focus();
      await loadArticles(id, false);
    } catch (err) {
      if (state.open !== id)
        return;
      $('result').hidden = true;
      $('story-articles-section').hidden = true;
      $('story-heading').textContent = `Story ${id}`;
      showError('story-error', err.status === 404
          ? `There is no story ${id} on this desk.`
          : `The story could not be loaded: ${err.message}`);
      if (focus)
        $('story-heading').focus();
    }
  }

  /* A change to the open story: fetch it again, once for a burst. */
  function refreshOpen() {
    clearTimeout(state.refreshTimer);
    state.refreshTimer = setTimeout(() => {
      if (state.open !== null)
        loadStory(state.open, false);
    }, 250);
  }

  /* ---- views --------------------------------------------------------------- */

  function route() {
    const h = location.hash.replace(/^#\/?/, '');
    const m = /^story\/(\d+)$/.exec(h);
    if (m)
      return { view: 'story', id: Number(m[1]) };
    if (h === 'paste' || h === 'desk')
      return { view: h };
    return { view: null };
  }

  function show(view) {
    state.view = view;
    $('desk-view').hidden = view !== 'desk';
    $('story-view').hidden = view !== 'story';
    $('brief-form').hidden = view !== 'paste';
    $('intro-desk').hidden = view === 'paste';
    $('intro-paste').hidden = view !== 'paste';
    if (view !== 'story')
      $('story-articles-section').hidden = true;
    for (const [id, v] of [['nav-desk', 'desk'], ['nav-paste', 'paste']]) {
      if (v === view || (v === 'desk' && view === 'story'))
        $(id).setAttribute('aria-current', 'page');
      else
        $(id).removeAttribute('aria-current');
    }
  }

  async function go(focus) {
    const r = route();
    if (!r.view) {
      /* The desk when there are stories, else the form. */
      const data = await loadStories(false);
      history.replaceState(null, '',
                           data && data.total > 0 ? '#desk' : '#paste');
      await go(false);
      return;
    }
    const from = state.view;
    if (r.view === 'story') {
      if (from !== 'story')
        $('result').hidden = true;
      state.open = r.id;
      state.articlesNext = null;
      show('story');
      await loadStory(r.id, focus);
      return;
    }
    state.open = null;
    document.title = 'brief: one cited summary of many articles';
    if (from === 'story')
      $('result').hidden = true;
    show(r.view);
    if (r.view === 'desk') {
      if (!state.stories.size)
        await loadStories(false);
      else
        drawList(null);
      if (focus)
        $('desk-heading').focus();
    }
  }

  /* ---- live ---------------------------------------------------------------- */

  let noticeTimer = 0;

  /* A quiet line at the top of the page; it fades after a while. */
  function notice(text) {
    const p = $('live');
    p.textContent = text;
    p.classList.add('shown');
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => p.classList.remove('shown'), 8000);
  }

  /* Events in a burst are told together. */
  const pending = { created: [], grown: [], timer: 0 };

  function tell(story, created) {
    (created ? pending.created : pending.grown).push(story);
    clearTimeout(pending.timer);
    pending.timer = setTimeout(() => {
      const parts = [];
      const name = (s) => `\u201c${s.headline}\u201d`;
      if (pending.created.length === 1)
        parts.push(`New story: ${name(pending.created[0])}.`);
      else if (pending.created.length)
        parts.push(`${pending.created.length} new stories.`);
      if (pending.grown.length === 1)
        parts.push(`${name(pending.grown[0])} now has ` +
                   `${plural(pending.grown[0].articles, 'article')}.`);
      else if (pending.grown.length)
        parts.push(`${pending.grown.length} stories have new articles.`);
      pending.created = [];
      pending.grown = [];
      if (parts.length)
        notice(`Updated ${when(new Date().toISOString())}: ${parts.join(' ')}`);
    }, 300);
  }

  function onStory(e, kind) {
    let story;
    try {
      story = JSON.parse(e.data);
    } catch (err) {
      return;
    }
    if (!story || !Number.isInteger(story.id))
      return;
    story.event = ++state.events;
    if (!upsert(story))
      return;
    if (kind === 'story')
      tell(story, story.created === true);
    if (state.view === 'desk')
      drawList(new Set([story.id]));
    if (state.open === story.id) {
      /* A new version, or the fresh brief of the stale one shown. */
      const view = $('story-view').dataset;
      const shown = Number(view.version || 0);
      if (story.version > shown || (kind === 'brief' && view.stale))
        refreshOpen();
    }
  }

  function onMerged(e) {
    let m;
    try {
      m = JSON.parse(e.data);
    } catch (err) {
      return;
    }
    state.stories.delete(m.id);
    state.merged.set(m.id, ++state.events);
    if (state.view === 'desk')
      drawList(null);
    if (state.open === m.id)
      location.replace(`#story/${m.into}`);
  }

  function onReset() {
    loadStories(false);
    if (state.open !== null)
      refreshOpen();
  }

  /* Opens the event stream; the promise settles once it is open (or has
   * failed, or after two seconds), so that what the page reads first was
   * read after the stream began: a change in between comes as an event. */
  function listen() {
    if (!window.EventSource)
      return Promise.resolve();
    const es = new EventSource('/v1/events');
    es.addEventListener('story', (e) => onStory(e, 'story'));
    es.addEventListener('brief', (e) => onStory(e, 'brief'));
    es.addEventListener('merged', onMerged);
    es.addEventListener('reset', onReset);
    let lost = false;
    return new Promise((settle) => {
      setTimeout(settle, 2000);
      es.addEventListener('open', () => {
        if (lost)
          notice('Live updates are back.');
        lost = false;
        settle();
      });
      es.addEventListener('error', () => {
        if (!lost)
          notice('Live updates paused; reconnecting\u2026');
        lost = true;
        settle();
      });
    });
  }

  /* ---- a JSONL file dropped on the desk ------------------------------------ */

  /* The file's articles, or an error naming the line. */
  function parseJSONL(name, text) {
    const out = [];
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (!line)
        continue;
      let a;
      try {
        a = JSON.parse(line);
      } catch (err) {
        throw new Error(`${name}:${i + 1}: not a JSON object`);
      }
      if (!a || typeof a !== 'object' || Array.isArray(a))
        throw new Error(`${name}:${i + 1}: not a JSON object`);
      out.push(a);
    }
    if (!out.length)
      throw new Error(`${name}: no articles`);
    return out;
  }

  async function addJSONL(file) {
    const status = (t) => { $('desk-status').textContent = t; };
    showError('desk-error', '');
    if (!/\.(jsonl|ndjson|json)$/i.test(file.name)) {
      showError('desk-error',
                `${file.name}: drop a .jsonl file (one article a line)`);
      return;
    }
    let articles;
    try {
      articles = parseJSONL(file.name, await file.text());
    } catch (err) {
      showError('desk-error', err.message);
      return;
    }
    let added = 0;
    let skipped = 0;
    const stories = new Set();
    for (let i = 0; i < articles.length; i += BATCH) {
      status(`Adding ${file.name}: ${i} of ${articles.length} articles\u2026`);
      try {
        const data = await getJSON('/v1/articles', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ articles: articles.slice(i, i + BATCH) }),
        });
        added += data.added || 0;
        skipped += data.skipped || 0;
        for (const r of data.articles || [])
          if (Number.isInteger(r.story))
            stories.add(r.story);
      } catch (err) {
        status('');
        showError('desk-error', `${file.name}: articles ${i + 1} to ` +
                  `${Math.min(i + BATCH, articles.length)} were refused: ` +
                  `${err.message}`);
        return;
      }
    }
    status(`Added ${plural(added, 'article')} from ${file.name} to ` +
           `${plural(stories.size, 'story', 'stories')}` +
           (skipped ? `; ${skipped} skipped (known ids or no text).` : '.'));
  }

  /* ---- start --------------------------------------------------------------- */

  let filterTimer = 0;
  $('filter').addEventListener('input', () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => {
      state.filter = $('filter').value.trim();
      state.next = null;
      loadStories(false);
    }, 200);
  });
  $('more-stories').addEventListener('click', () => loadStories(true));
  $('more-articles').addEventListener('click', () => {
    if (state.open !== null)
      loadArticles(state.open, true);
  });
  window.addEventListener('hashchange', () => go(true));
  window.briefPage.dropFiles($('desk-view'), $('desk-drop'), $('jsonl-file'),
                            (files) => files.forEach(addJSONL));
  listen().then(() => go(false));
})();

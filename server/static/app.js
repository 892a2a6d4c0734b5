/*
 * app.js - the brief page: article boxes in, a cited brief out. The desk's
 * views (desk.js) draw a story's brief with the same code, through
 * window.briefPage.
 *
 * Sends the boxes to POST /v1/brief and draws the answer: the summary with
 * citation markers, the sources, and the facts sections when the answer
 * has them (figures, quotes, entities, timeline; each is optional and read
 * leniently, since the facts schema may still grow). A summary sentence
 * shows its relative times resolved ("on Wednesday [July 4]"), and its
 * markers say how each outlet stands behind it: in full, in part (after
 * "partly") or with another figure (after "other figure"). A marker
 * highlights, in its source article, the span or two spans of that outlet
 * that state the sentence (the answer's `support`), or the sentence itself
 * when the answer has no spans. The answer's byte offsets point into the
 * server's cleaned text, which may differ from what was pasted, so a span
 * is found by its text: exactly, then ignoring case, spacing and quote
 * styles, then as the most similar sentence of the article; failing all
 * three the whole article is highlighted.
 *
 * No framework, no network but this server, nothing written to the page as
 * HTML: every string from an article or the server goes in as text.
 */
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const form = $('brief-form');
  const list = $('articles');
  const template = $('article-template');
  const button = $('brief-button');

  /* Sources of the brief on screen: number -> {el, textEl, text}. */
  let sources = new Map();
  let byId = new Map();
  let pinned = null;

  /* ---- article boxes --------------------------------------------------- */

  function field(li, name) {
    return li.querySelector(`[name="${name}"]`);
  }

  function renumber() {
    const items = list.querySelectorAll('.article');
    items.forEach((li, i) => {
      const n = i + 1;
      li.querySelector('.article-heading').textContent = `Article ${n}`;
      li.querySelector('.remove').setAttribute('aria-label',
                                               `Remove article ${n}`);
      field(li, 'text').setAttribute('aria-label', `Text of article ${n}`);
    });
  }

  function addArticle(init) {
    const li = template.content.firstElementChild.cloneNode(true);
    const a = init || {};
    li.dataset.id = a.id || '';
    for (const name of ['source', 'title', 'date', 'text'])
      field(li, name).value = a[name] || '';
    field(li, 'kind').value = a.kind || 'text';
    li.querySelector('.remove').addEventListener('click', () => remove(li));
    list.appendChild(li);
    renumber();
    return li;
  }

  /* Removing the last box clears it instead: there is always one. Focus
   * moves to the next box, or to the add button. */
  function remove(li) {
    const items = [...list.querySelectorAll('.article')];
    if (items.length === 1) {
      for (const name of ['source', 'title', 'date', 'text'])
        field(li, name).value = '';
      li.dataset.id = '';
      field(li, 'text').focus();
      return;
    }
    const next = li.nextElementSibling || li.previousElementSibling;
    li.remove();
    renumber();
    (next ? next.querySelector('.remove') : $('add-article')).focus();
  }

  function isEmpty(li) {
    return !field(li, 'text').value.trim();
  }

  /* ---- dropped and chosen files ---------------------------------------- */

  async function addFiles(files) {
    let added = 0;
    for (const file of files) {
      const html = /\.html?$/i.test(file.name) || file.type === 'text/html';
      if (!html && !/\.txt$/i.test(file.name) && file.type !== 'text/plain')
        continue;
      const text = await file.text();
      const init = {
        id: file.name.replace(/\.[^.]*$/, ''),
        kind: html ? 'html' : 'text',
        text,
      };
      const empty = [...list.querySelectorAll('.article')].find(isEmpty);
      if (empty) {
        field(empty, 'text').value = text;
        field(empty, 'kind').value = init.kind;
        empty.dataset.id = init.id;
      } else {
        addArticle(init);
      }
      added++;
    }
    status(added ? `Added ${added} file${added === 1 ? '' : 's'}.`
                 : 'No .txt or .html file among those.');
  }

  /* Files dropped on `zone` (the drop box `box` lit while they are over
   * it) or chosen with the file input `input` go to `take`, as an array:
   * copies, since the lists empty once the event is over and `take` may
   * read the files later. */
  function dropFiles(zone, box, input, take) {
    zone.addEventListener('dragover', (e) => {
      e.preventDefault();
      box.classList.add('over');
    });
    zone.addEventListener('dragleave', (e) => {
      if (!zone.contains(e.relatedTarget))
        box.classList.remove('over');
    });
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      box.classList.remove('over');
      if (e.dataTransfer && e.dataTransfer.files.length)
        take([...e.dataTransfer.files]);
    });
    input.addEventListener('change', (e) => {
      take([...e.target.files]);
      e.target.value = '';
    });
  }

  /* ---- the request ----------------------------------------------------- */

  /* The readable text of an HTML page, for showing and matching only; the
   * server does its own extraction. DOMParser runs no script. */
  function htmlText(html) {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    doc.querySelectorAll('script, style, noscript, template, nav, footer')
        .forEach((n) => n.remove());
    const blocks = doc.body.querySelectorAll('h1, h2, h3, p, li, blockquote');
    const parts = blocks.length ? [...blocks].map((b) => b.textContent)
                                : [doc.body.textContent];
    return parts.map((s) => s.replace(/\s+/g, ' ').trim())
        .filter(Boolean).join('\n');
  }

  /* The request body, and what was sent by article id, for the sources. */
  function collect() {
    const articles = [];
    const sent = new Map();
    const used = new Set();
    list.querySelectorAll('.article').forEach((li, i) => {
      const text = field(li, 'text').value;
      if (!text.trim())
        return;
      let id = li.dataset.id || String(i + 1);
      for (let k = 2; used.has(id); k++)
        id = `${li.dataset.id || i + 1}-${k}`;
      used.add(id);
      const a = { id };
      for (const name of ['source', 'title', 'date']) {
        const v = field(li, name).value.trim();
        if (v)
          a[name] = v;
      }
      const html = field(li, 'kind').value === 'html';
      a[html ? 'html' : 'text'] = text;
      articles.push(a);
      sent.set(id, { text: html ? htmlText(text) : text, box: li });
    });
    const words = parseInt($('words').value, 10);
    const body = { articles, facts: $('facts').checked };
    if (words > 0)
      body.words = words;
    return { body, sent };
  }

  function status(text) {
    $('status').textContent = text;
  }

  function showError(text) {
    const box = $('error');
    box.textContent = text;
    box.hidden = !text;
  }

  async function submit(e) {
    e.preventDefault();
    showError('');
    const { body, sent } = collect();
    if (!body.articles.length) {
      showError('Paste the text of at least one article first.');
      field(list.querySelector('.article'), 'text').focus();
      return;
    }
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    const n = body.articles.length;
    status(`Briefing ${n} article${n === 1 ? '' : 's'}…`);
    try {
      const res = await fetch('/v1/brief', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      let data = null;
      try {
        data = await res.json();
      } catch (err) {
        data = null;
      }
      if (!res.ok || !data) {
        const msg = data && data.error ? data.error.message : res.statusText;
        throw new Error(`${msg} (HTTP ${res.status})`);
      }
      render(data, sent);
      status(`Brief ready: ${(data.summary || []).length} sentences, ` +
             `${data.words || 0} words.`);
    } catch (err) {
      status('');
      showError(`The brief failed: ${err.message}`);
    } finally {
      button.disabled = false;
      form.removeAttribute('aria-busy');
    }
  }

  /* ---- finding a cited sentence in an article --------------------------- */

  const FOLD = {
    '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"',
    '\u2013': '-', '\u2014': '-', '\u00a0': ' ',
  };

  /* Lower case, one space for any spacing, plain quotes and dashes; `map`
   * gives each folded character's index in the original. */
  function fold(s) {
    let out = '';
    const map = [];
    let space = false;
    for (let i = 0; i < s.length; i++) {
      let c = FOLD[s[i]] || s[i];
      if (/\s/.test(c)) {
        if (space || !out)
          continue;
        c = ' ';
        space = true;
      } else {
        space = false;
        c = c.toLowerCase();
        if (c.length !== 1)
          c = s[i];
      }
      out += c;
      map.push(i);
    }
    return { s: out.trimEnd(), map };
  }

  const STOP = new Set(('the a an and or of to in on at for by with from as ' +
                        'is was were be been are it its that this said has ' +
                        'had have which who after before about').split(' '));

  function words(s) {
    const set = new Set();
    for (const w of s.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [])
      if (w.length > 1 && !STOP.has(w))
        set.add(w);
    return set;
  }

  /* The sentence of `text` sharing most words with `needle` (Dice), when it
   * shares enough to be the same report. */
  function similar(text, needle) {
    const want = words(needle);
    if (!want.size)
      return null;
    const re = /[^.!?\n]+(?:[.!?]+["'\u201d\u2019)\]]*|\n|$)/g;
    let best = null;
    let bestScore = 0.35;
    for (let m; (m = re.exec(text));) {
      if (!m[0].trim())
        continue;
      const have = words(m[0]);
      let common = 0;
      for (const w of have)
        if (want.has(w))
          common++;
      const score = (2 * common) / (have.size + want.size || 1);
      if (score > bestScore) {
        bestScore = score;
        const lead = m[0].length - m[0].trimStart().length;
        best = [m.index + lead, m.index + m[0].trimEnd().length];
      }
    }
    return best;
  }

  function locate(text, needle) {
    if (!text || !needle)
      return null;
    const i = text.indexOf(needle);
    if (i >= 0)
      return [i, i + needle.length];
    const t = fold(text);
    const n = fold(needle).s;
    const j = n.length >= 4 ? t.s.indexOf(n) : -1;
    if (j >= 0)
      return [t.map[j], t.map[j + n.length - 1] + 1];
    return similar(text, needle);
  }

  /* ---- highlighting ---------------------------------------------------- */

  /* Shows the source text with `ranges` ([start, end] pairs, any order)
   * marked; returns the first mark, or null when there is none. */
  function showText(src, ranges) {
    src.textEl.textContent = '';
    const sorted = (ranges || []).filter(Boolean).sort((x, y) => x[0] - y[0]);
    let at = 0;
    let first = null;
    for (const [a, b] of sorted) {
      if (a < at)
        continue; /* overlapping spans: the first one shows */
      const mark = document.createElement('mark');
      mark.className = 'hl';
      mark.textContent = src.text.slice(a, b);
      src.textEl.append(src.text.slice(at, a), mark);
      first = first || mark;
      at = b;
    }
    src.textEl.append(src.text.slice(at));
    return first;
  }

  /* Scrolls `box` (when it scrolls) so `el` is in view; the window itself
   * is left alone, so hovering never moves the page under the pointer. */
  function reveal(box, el) {
    if (!box || box.scrollHeight <= box.clientHeight)
      return;
    const b = box.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    if (r.top < b.top || r.bottom > b.bottom)
      box.scrollTop += r.top - b.top - b.height / 3;
  }

  function clear() {
    document.querySelectorAll('.cite.active')
        .forEach((c) => c.classList.remove('active'));
    for (const src of sources.values()) {
      if (src.marked) {
        showText(src, null);
        src.marked = false;
      }
      src.el.classList.remove('whole');
    }
  }

  /* Highlights in source `num` the text cited by `marker` (each of its
   * quotes); returns what was highlighted (a mark, or the article box). */
  function highlight(marker) {
    clear();
    const src = sources.get(Number(marker.dataset.source));
    if (!src)
      return null;
    marker.classList.add('active');
    const quotes = JSON.parse(marker.dataset.quotes || '[]');
    const mark = showText(src, quotes.map((q) => locate(src.text, q)));
    if (!mark) {
      src.el.classList.add('whole');
      return src.el;
    }
    src.marked = true;
    reveal(src.textEl, mark);
    reveal(src.el.closest('.result-sources'), mark);
    return mark;
  }

  /* How a marker reads to a screen reader and in its tooltip, by the
   * outlet's stand on what it marks. */
  const STANDS = {
    full: '',
    partial: ' (states part of it)',
    conflict: ' (gives another figure)',
  };

  /* A marker of source `num` that highlights `quote` (a string, or a list
   * of the one or two spans that state it); `stand` is "full" (the
   * default), "partial" or "conflict". */
  function marker(num, quote, stand) {
    const src = sources.get(num);
    const a = document.createElement('a');
    const how = STANDS[stand] === undefined ? 'full' : stand;
    a.className = how === 'full' ? 'cite' : `cite ${how}`;
    a.href = `#source-${num}`;
    a.textContent = `[${num}]`;
    a.dataset.source = String(num);
    const quotes = (Array.isArray(quote) ? quote : [quote]).filter(Boolean);
    a.dataset.quotes = JSON.stringify(quotes);
    const name = (src ? src.label : `source ${num}`) + STANDS[how];
    a.setAttribute('aria-label', `Source ${num}: ${name}`);
    a.title = name;
    const on = () => {
      if (!pinned)
        highlight(a);
    };
    const off = () => {
      if (!pinned)
        clear();
    };
    a.addEventListener('mouseenter', on);
    a.addEventListener('focus', on);
    a.addEventListener('mouseleave', off);
    a.addEventListener('blur', () => {
      pinned = null;
      off();
    });
    /* Pressing a marker keeps the highlight and brings it into view, which
     * is how a phone, with no hover, gets to see it. */
    a.addEventListener('click', (e) => {
      e.preventDefault();
      pinned = null;
      const target = highlight(a);
      pinned = a;
      if (target)
        target.scrollIntoView({ block: 'center', behavior: smooth() });
    });
    return a;
  }

  function smooth() {
    return matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto'
                                                                 : 'smooth';
  }

  /* ---- reading the answer leniently ------------------------------------ */

  /* The 1-based source number of an article reference: an id string, or a
   * 0-based article index. */
  function numberOf(ref) {
    if (typeof ref === 'string') {
      const s = byId.get(ref);
      return s ? s.number : null;
    }
    if (Number.isInteger(ref))
      return ref + 1;
    return null;
  }

  /* Source numbers of a summary sentence or a fact, in ascending order. */
  function numbersOf(item) {
    let nums = [];
    if (Array.isArray(item.source_numbers))
      nums = item.source_numbers.filter(Number.isInteger);
    else if (Array.isArray(item.sources))
      nums = item.sources.map(numberOf);
    else if (Number.isInteger(item.article_number))
      nums = [item.article_number];
    else if (item.article !== undefined)
      nums = [numberOf(item.article)];
    return [...new Set(nums.filter((n) => sources.has(n)))]
        .sort((x, y) => x - y);
  }

  function text(v) {
    return typeof v === 'string' ? v : v === undefined || v === null ? ''
                                                                    : String(v);
  }

  function el(tag, cls, content) {
    const e = document.createElement(tag);
    if (cls)
      e.className = cls;
    if (content !== undefined)
      e.textContent = content;
    return e;
  }

  /* `quote` is the text to find in each cited article: a string, or a
   * function of the source number. */
  function appendMarkers(parent, item, quote) {
    for (const n of numbersOf(item))
      parent.append(' ', marker(n, typeof quote === 'function' ? quote(n)
                                                               : quote));
  }

  function section(id, items) {
    const has = Array.isArray(items) && items.length > 0;
    $(id).hidden = !has;
    return has;
  }

  /* ---- drawing the answer ---------------------------------------------- */

  function renderSources(data, sent) {
    const box = $('sources');
    box.textContent = '';
    sources = new Map();
    byId = new Map();
    for (const s of data.sources || []) {
      const num = s.number;
      const input = sent.get(s.id);
      const card = el('article', 'source');
      card.id = `source-${num}`;
      card.tabIndex = -1;
      const label = [s.source, s.title].filter(Boolean).join(': ') || s.id;
      card.append(el('h4', '', `[${num}] ${label}`));
      const meta = [s.id, s.date, s.words ? `${s.words} words` : '']
          .filter(Boolean).join(' \u00b7 ');
      card.append(el('p', 'source-meta', meta));
      const textEl = el('div', 'source-text');
      card.append(textEl);
      box.append(card);
      const src = { el: card, textEl, text: input ? input.text : '', label };
      showText(src, null);
      sources.set(num, src);
      byId.set(s.id, { number: num });
    }
  }

  /* The spans by which each source states summary sentence `s`: source
   * number -> {support, quotes}, from the answer's `support` list. */
  function stands(s) {
    const map = new Map();
    for (const st of Array.isArray(s.support) ? s.support : []) {
      const num = Number.isInteger(st.article_number) ? st.article_number
                                                      : numberOf(st.article);
      const quotes = (Array.isArray(st.spans) ? st.spans : [])
          .map((sp) => text(sp && sp.text)).filter(Boolean);
      if (sources.has(num))
        map.set(num, { support: text(st.support) || 'full', quotes });
    }
    return map;
  }

  /* The markers of a summary sentence: the sources stating all of it,
   * then "partly" and those stating part of it, then "other figure" and
   * those giving another figure. Each highlights its own spans. */
  function summaryMarkers(li, s) {
    const map = stands(s);
    const quote = (n) => {
      const st = map.get(n);
      return st && st.quotes.length ? st.quotes : text(s.text);
    };
    for (const n of numbersOf(s))
      li.append(' ', marker(n, quote(n), 'full'));
    const groups = [['partial', 'partly', s.partial_source_numbers],
                    ['conflict', 'other figure', s.conflict_source_numbers]];
    for (const [stand, label, nums] of groups) {
      const list = (Array.isArray(nums) ? nums : [])
          .filter((n) => sources.has(n));
      if (!list.length)
        continue;
      li.append(' ', el('span', `cite-label ${stand}`, label));
      for (const n of list)
        li.append(' ', marker(n, quote(n), stand));
    }
  }

  function renderSummary(data) {
    const ol = $('summary');
    ol.textContent = '';
    for (const s of data.summary || []) {
      const li = el('li', '', text(s.shown) || text(s.text));
      summaryMarkers(li, s);
      ol.append(li);
    }
    const n = (data.sources || []).length;
    $('summary-meta').textContent =
        `${data.words || 0} words from ${n} source${n === 1 ? '' : 's'}.`;
  }

  function renderWarnings(data) {
    const ul = $('warnings');
    ul.textContent = '';
    if (!section('warnings-section', data.warnings))
      return;
    for (const w of data.warnings)
      ul.append(el('li', '', text(w)));
  }

  const VERDICTS = {
    single: 'Single source',
    agree: 'Agree',
    range: 'Compatible range',
    conflict: 'Conflict',
  };

  function figureText(f) {
    if (f.text)
      return text(f.text);
    const v = f.is_range ? `${f.low}\u2013${f.high}` : text(f.value);
    return [f.qualifier, v, f.unit].filter(Boolean).join(' ');
  }

  /* Figures come as groups of one measure: {measure, unit, verdict,
   * values: [{text, sources}], reports: [{article, text, sentence}]}.
   * Older or partial forms are read too: groups with `figures`, groups
   * with only `reports`, or single figures. */
  function renderFigures(figures) {
    const body = $('figures').tBodies[0];
    body.textContent = '';
    if (!section('figures-section', figures))
      return;
    for (const g of figures) {
      const items = [g.values, g.figures, g.reports].find(Array.isArray) ||
                    [g];
      const reports = Array.isArray(g.reports) ? g.reports : [];
      const verdict = text(g.verdict) || (g.conflict ? 'conflict' : '');
      const tr = el('tr');
      if (verdict === 'conflict' || g.conflict === true)
        tr.classList.add('conflict');
      const what = el('td');
      what.append(el('span', '',
                     text(g.measure || g.label || g.noun) || '\u2014'));
      if (g.unit)
        what.append(el('span', 'meta', ` (${text(g.unit)})`));
      const reported = el('td');
      const ul = el('ul', 'figure-list');
      for (const f of items) {
        const li = el('li', '', figureText(f));
        /* Hovering shows the sentence each article reports it in. */
        const quote = (n) => {
          const r = reports.find((x) => numbersOf(x).includes(n));
          return text((r && (r.sentence || r.text)) || f.sentence || f.text);
        };
        appendMarkers(li, f, quote);
        ul.append(li);
      }
      reported.append(ul);
      const v = el('td', `verdict verdict-${verdict || 'none'}`,
                   VERDICTS[verdict] || verdict || '\u2014');
      if (verdict === 'conflict')
        v.textContent = '\u26a0 Conflict';
      tr.append(what, reported, v);
      body.append(tr);
    }
  }

  function renderQuotes(quotes) {
    const ul = $('quotes');
    ul.textContent = '';
    if (!section('quotes-section', quotes))
      return;
    for (const q of quotes) {
      const li = el('li');
      const bq = el('blockquote');
      bq.append(el('p', '', `\u201c${text(q.text)}\u201d`));
      const who = el('p', 'speaker');
      const speaker = text(q.speaker) || text(q.said_by) || 'unknown speaker';
      who.append(`\u2014 ${speaker}`);
      appendMarkers(who, q, text(q.text));
      bq.append(who);
      li.append(bq);
      ul.append(li);
    }
  }

  const KINDS = [
    ['person', 'People'],
    ['place', 'Places'],
    ['organization', 'Organisations'],
    ['other', 'Other names'],
  ];

  function renderEntities(entities) {
    const box = $('entities');
    box.textContent = '';
    if (!section('entities-section', entities))
      return;
    for (const [kind, title] of KINDS) {
      const some = entities.filter(
          (e) => (text(e.type) || 'other') === kind ||
                 (kind === 'other' && !KINDS.some(([k]) => k === e.type)));
      if (!some.length)
        continue;
      const group = el('div');
      group.append(el('h4', '', title));
      const ul = el('ul');
      for (const e of some) {
        const li = el('li', '', text(e.name));
        const n = e.mentions || e.mention_count;
        if (n)
          li.append(el('span', 'meta', ` \u00d7${n}`));
        if (Array.isArray(e.variants) && e.variants.length)
          li.title = `Also written: ${e.variants.map(text).join(', ')}`;
        appendMarkers(li, e, text(e.name));
        ul.append(li);
      }
      group.append(ul);
      box.append(group);
    }
  }

  function renderTimeline(events) {
    const ol = $('timeline');
    ol.textContent = '';
    if (!section('timeline-section', events))
      return;
    for (const ev of events) {
      const li = el('li');
      const t = el('time', '', text(ev.date) || 'undated');
      if (ev.date)
        t.setAttribute('datetime', text(ev.date));
      const what = el('div');
      const expr = text(ev.expression);
      const sentence = text(ev.text);
      what.append(sentence || expr);
      if (expr && sentence)
        what.append(el('span', 'meta', ` (${expr})`));
      appendMarkers(what, ev, sentence || expr);
      li.append(t, what);
      ol.append(li);
    }
  }

  /* Draws an answer; `sent` maps each article id to {text}, the text the
   * spans are found in. `focus`: move the focus to the brief. */
  function render(data, sent, focus) {
    pinned = null;
    renderSources(data, sent);
    renderSummary(data);
    renderWarnings(data);
    const facts = data.facts && typeof data.facts === 'object' ? data.facts
                                                               : {};
    renderFigures(facts.figures);
    renderQuotes(facts.quotes);
    renderEntities(facts.entities);
    renderTimeline(facts.timeline || facts.events);
    $('result').hidden = false;
    if (focus !== false)
      $('result-heading').focus();
  }

  /* ---- start ----------------------------------------------------------- */

  form.addEventListener('submit', submit);
  $('add-article').addEventListener('click', () => {
    field(addArticle(), 'text').focus();
  });
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) &&
        e.target.matches('textarea')) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  dropFiles(document.querySelector('.inputs'), $('dropzone'), $('files'),
            addFiles);
  addArticle();
  addArticle();

  /* What the desk's page (desk.js) shares: a story's brief drawn, files
   * dropped. */
  window.briefPage = Object.freeze({
    render: (data, sent) => render(data, sent, false),
    dropFiles,
  });
})();

// page.test.mjs - the brief page in a real browser (Debian's Chromium,
// driven by playwright-core).
//
// The single story: paste the example story one article per box, press
// Brief, check the summary (relative times resolved, partial and
// conflicting outlets marked apart), the citation hover (every cited
// outlet's supporting span, by mouse and keyboard), the figures table with
// its conflicts, phone width.
//
// The desk (the server's desk is empty until then): post the examples'
// mixed stream through the API, open the page on the desk, check its three
// stories (order, counts, charts, the conflict mark once briefs are built,
// the filter box), open the fire story (citations that highlight, the
// figure conflict, its chart and articles), post one more article with the
// desk open and another with the story open and see both update live
// without a reload, drop a JSONL file on the desk, phone width, and the
// single-story form one click away. Throughout: no script error, and no
// request to any host but the server. Saves screenshots.
//
// usage: node page.test.mjs --url http://127.0.0.1:PORT/ --examples DIR
//          --stream FILE.jsonl --out DIR [--chromium /usr/bin/chromium]
// Prints "N passed, M failed" and exits 1 on any failure.

import { chromium } from 'playwright-core';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function options(argv) {
  const o = { chromium: '/usr/bin/chromium' };
  for (let i = 2; i < argv.length; i += 2)
    o[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const k of ['url', 'examples', 'stream', 'out'])
    if (!o[k])
      throw new Error(`missing --${k}`);
  return o;
}

const opt = options(process.argv);
mkdirSync(opt.out, { recursive: true });
const origin = new URL(opt.url).origin;

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}${detail ? `: ${detail}` : ''}`);
  }
}

// The outlet name of an example file: "02_northern_ledger" -> "Northern
// Ledger".
function outlet(name) {
  return name.replace(/\.txt$/, '').replace(/^\d+_/, '').split('_')
      .map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
}

const files = readdirSync(opt.examples).filter((f) => f.endsWith('.txt'))
    .sort();

// ---- the desk ------------------------------------------------------------

async function postArticles(page, articles) {
  const res = await page.request.post(`${origin}/v1/articles`, {
    data: { articles },
  });
  return res.json();
}

function fireArticle(id, text) {
  return { id, source: 'Port Gazette', date: '2025-03-18', title: '', text };
}

// The list's stories, in order, as the page shows them.
async function listed(page) {
  return page.locator('#stories > li').evaluateAll((items) => items.map(
      (li) => ({ id: Number(li.dataset.id),
                 headline: li.querySelector('h3').innerText,
                 text: li.innerText,
                 bars: li.querySelectorAll('svg.chart rect.bar').length,
                 conflict: !!li.querySelector('.conflict-mark') })));
}

async function deskChecks(page) {
  const stream = readFileSync(opt.stream, 'utf8').split('\n')
      .filter((l) => l.trim()).map((l) => JSON.parse(l));
  const posted = await postArticles(page, stream);
  check('the stream is posted through the API',
        posted.added === stream.length, JSON.stringify(posted).slice(0, 200));
  const fireId = posted.articles[0].story;

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(opt.url);
  await page.locator('#stories > li').nth(2).waitFor({ timeout: 15000 });
  check('with stories the page opens on the desk',
        (await page.evaluate(() => location.hash)) === '#desk' &&
        await page.locator('#desk-view').isVisible());
  let items = await listed(page);
  check('the desk lists the three stories', items.length === 3,
        JSON.stringify(items.map((x) => x.headline)));
  check('most recently active first',
        /Lake Orsa/.test(items[0].headline) &&
        /Port Kessing/.test(items[2].headline),
        items.map((x) => x.headline).join(' | '));
  const fire = items.find((x) => x.id === fireId);
  check('each story shows its articles, outlets and when it was seen',
        fire && /5 articles/.test(fire.text) && /5 outlets/.test(fire.text) &&
        /first seen/.test(fire.text) && /last seen/.test(fire.text),
        fire && fire.text);
  check('each story has a chart of its articles per day',
        items.every((x) => x.bars >= 2), JSON.stringify(items.map((x) => x.bars)));
  const chartLabel = await page.locator(
      `#stories > li[data-id="${fireId}"] svg.chart`).getAttribute('aria-label');
  check('the chart reads as text', /Mar 12: 3; Mar 13: 2/.test(chartLabel),
        chartLabel);
  // The refresher builds the briefs; the mark comes with its event.
  await page.locator(`#stories > li[data-id="${fireId}"] .conflict-mark`)
      .waitFor({ timeout: 60000 }).catch(() => {});
  items = await listed(page);
  check('the story whose sources disagree on a figure is marked',
        items.find((x) => x.id === fireId).conflict &&
        items.filter((x) => x.conflict).length === 1,
        JSON.stringify(items.map((x) => [x.id, x.conflict])));
  await page.screenshot({ path: join(opt.out, 'desk.png'), fullPage: true });

  // The filter box narrows by word or name.
  await page.locator('#filter').fill('Agnes Holm');
  await page.waitForFunction(
      () => document.querySelectorAll('#stories > li').length === 1);
  check('the filter narrows the list by a name',
        /rail strike/.test(await page.locator('#stories > li h3').innerText()));
  await page.locator('#filter').fill('');
  await page.waitForFunction(
      () => document.querySelectorAll('#stories > li').length === 3);

  // Live on the desk: one more article for the fire story.
  await page.evaluate(() => { window.notReloaded = true; });
  await postArticles(page, [fireArticle('gazette-1',
      'Investigators said on Tuesday that the fire which destroyed the ' +
      'grain terminal at Port Kessing started in a conveyor gallery. Fire ' +
      'chief Daniel Okafor said about 1,200 dock workers had been ' +
      'evacuated and shipping would resume within a week.')]);
  await page.waitForFunction((id) => {
    const li = document.querySelector('#stories > li');
    return li && Number(li.dataset.id) === id && /6 articles/.test(li.innerText);
  }, fireId, { timeout: 15000 }).catch(() => {});
  items = await listed(page);
  check('a new article moves its story to the top, live',
        items[0].id === fireId && /6 articles/.test(items[0].text),
        items[0].text);
  await page.locator('#live.shown').waitFor({ timeout: 5000 }).catch(() => {});
  check('a quiet notice says what changed',
        /now has 6 articles/.test(await page.locator('#live').innerText()),
        await page.locator('#live').innerText());

  // The story: its brief, as the single-story page shows it.
  await page.locator(`#stories > li[data-id="${fireId}"] h3 a`).click();
  await page.locator('#summary li').first().waitFor({ timeout: 30000 });
  check('opening a story shows its brief',
        /Port Kessing/.test(await page.locator('#story-heading').innerText()) &&
        (await page.locator('#summary li').count()) >= 3);
  check('every summary sentence cites its sources',
        (await page.locator('#summary li:not(:has(a.cite))').count()) === 0);
  const cite = page.locator('#summary li a.cite').first();
  await cite.hover();
  const num = await cite.getAttribute('data-source');
  await page.locator(`#source-${num} mark.hl`).first()
      .waitFor({ timeout: 5000 }).catch(() => {});
  check('hovering a citation highlights it in its source',
        (await page.locator(`#source-${num} mark.hl`).count()) >= 1);
  await page.mouse.move(5, 5);
  check('the figures show the conflict',
        (await page.locator('#figures tr.conflict').count()) >= 1);
  check('the story has its chart',
        (await page.locator('#story-chart svg rect.bar').count()) >= 2);
  await page.locator('#story-articles li').nth(5)
      .waitFor({ timeout: 10000 }).catch(() => {});
  check('the story lists its articles, newest first',
        (await page.locator('#story-articles li').count()) === 6 &&
        /Port Gazette/.test(
            await page.locator('#story-articles li').first().innerText()));
  check('the syndicated copy is marked',
        /a copy of courier-1/.test(
            await page.locator('#story-articles').innerText()));
  await page.screenshot({ path: join(opt.out, 'story.png'), fullPage: true });

  // Live in the story: another article; the brief follows without reload.
  await postArticles(page, [fireArticle('gazette-2',
      'Port director Lotte Brandt said on Tuesday that two berths at Port ' +
      'Kessing would reopen next week while the grain terminal is rebuilt, ' +
      'and that damage from the fire was estimated at 50 million euros.')]);
  await page.waitForFunction(
      () => /7 articles/.test(document.getElementById('story-meta').innerText),
      null, { timeout: 15000 }).catch(() => {});
  check('the open story updates live',
        /7 articles/.test(await page.locator('#story-meta').innerText()),
        await page.locator('#story-meta').innerText());
  await page.waitForFunction(
      () => document.querySelectorAll('#story-articles li').length === 7 &&
            document.getElementById('story-stale').hidden,
      null, { timeout: 60000 }).catch(() => {});
  check('its articles and brief follow, fresh',
        (await page.locator('#story-articles li').count()) === 7 &&
        await page.locator('#story-stale').isHidden() &&
        /gazette-2/.test(await page.locator('#sources').innerText()));
  check('without a reload', await page.evaluate(() => window.notReloaded));

  // Back to the desk by keyboard.
  await page.locator('a.back').focus();
  await page.keyboard.press('Enter');
  await page.locator('#desk-view').waitFor();
  check('the desk is one link away, and takes the focus',
        (await page.evaluate(() => document.activeElement.id)) ===
            'desk-heading');

  // A JSONL file dropped on the desk goes into the stream.
  const file = join(opt.out, 'dropped.jsonl');
  writeFileSync(file, JSON.stringify({
    id: 'bridge-1', source: 'Tarvik Post', date: '2025-03-19',
    title: 'New bridge opens over the Tarvik river',
    text: 'A new road bridge over the Tarvik river opened on Wednesday, ' +
          'cutting the drive between the two halves of the town by twenty ' +
          'minutes. The bridge cost 14 million euros and took two years to ' +
          'build, the town council said.',
  }) + '\n');
  await page.locator('#jsonl-file').setInputFiles(file);
  await page.waitForFunction(
      () => [...document.querySelectorAll('#stories h3')]
                .some((h) => /Tarvik river/.test(h.innerText)),
      null, { timeout: 15000 }).catch(() => {});
  check('a JSONL file dropped on the desk is added to the stream',
        /Added 1 article/.test(await page.locator('#desk-status').innerText()) &&
        /Tarvik river/.test(await page.locator('#stories').innerText()),
        await page.locator('#desk-status').innerText());

  // Phone width.
  await page.setViewportSize({ width: 390, height: 844 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check('the desk is readable at phone width', wide <= 390, `${wide}px`);
  await page.screenshot({ path: join(opt.out, 'desk-phone.png') });
  await page.setViewportSize({ width: 1280, height: 900 });

  // The single-story form, one click away.
  await page.getByRole('link', { name: 'Brief pasted articles' }).click();
  check('the paste-or-drop form is one click away',
        await page.getByRole('button', { name: 'Brief', exact: true })
            .isVisible() && await page.locator('#desk-view').isHidden());
}

const browser = await chromium.launch({
  executablePath: opt.chromium,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu',
         '--disable-background-networking', '--disable-component-update',
         '--disable-quic', '--no-first-run', '--disable-sync'],
});

try {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const problems = [];
  const foreign = [];
  page.on('console', (m) => {
    if (m.type() === 'error')
      problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('request', (r) => {
    if (!r.url().startsWith(origin))
      foreign.push(r.url());
  });

  await page.goto(opt.url);
  check('page loads with a Brief button',
        await page.getByRole('button', { name: 'Brief', exact: true })
            .isVisible());

  // Paste the story: one box per article, adding boxes as needed.
  for (let i = 0; i < files.length; i++) {
    const boxes = page.locator('#articles .article');
    if ((await boxes.count()) <= i)
      await page.getByRole('button', { name: 'Add article' }).click();
    const box = boxes.nth(i);
    await box.locator('[name="source"]').fill(outlet(files[i]));
    await box.locator('textarea').fill(
        readFileSync(join(opt.examples, files[i]), 'utf8'));
  }
  check('one box per article',
        (await page.locator('#articles .article').count()) === files.length);

  const answered = page.waitForResponse((r) => r.url().endsWith('/v1/brief'));
  await page.getByRole('button', { name: 'Brief', exact: true }).click();
  const answer = await (await answered).json();
  await page.locator('#summary li').first().waitFor({ timeout: 30000 });

  // The summary: sentences with markers, sources listed.
  const sentences = await page.locator('#summary li').count();
  check('summary has several sentences', sentences >= 3, `${sentences}`);
  const first = page.locator('#summary li').first();
  const firstText = await first.innerText();
  check('summary starts with the fire', /grain terminal/.test(firstText),
        firstText);
  check('a relative time is shown with its date',
        /Tuesday \[March 11\]/.test(firstText), firstText);
  check('every summary sentence cites a source',
        (await page.locator('#summary li:not(:has(a.cite))').count()) === 0);
  check('all five sources are listed',
        (await page.locator('#sources .source').count()) === files.length);

  // The marks in the page, by source card, after hovering `cite`.
  async function marksAfterHover(cite) {
    await cite.hover();
    const num = await cite.getAttribute('data-source');
    await page.locator(`#source-${num} mark.hl, #source-${num}.whole`)
        .first().waitFor({ timeout: 5000 });
    return page.evaluate(() => [...document.querySelectorAll('mark.hl')]
        .map((m) => ({ source: m.closest('.source').id, text: m.innerText })));
  }
  const fold = (t) => t.replace(/\s+/g, ' ').trim();

  // Hover: each cited outlet lights up the span, or two spans, by which
  // it states the sentence: its own wording, not the sentence shown.
  const support = answer.summary[0].support || [];
  let spansShown = 0;
  for (const st of support) {
    const cite = first.locator(`a.cite[data-source="${st.article_number}"]`);
    if (!(await cite.count()))
      continue;
    const marks = await marksAfterHover(cite.first());
    const want = st.spans.map((sp) => fold(sp.text));
    const got = marks.map((m) => fold(m.text));
    const inOne = marks.every((m) => m.source === `source-${st.article_number}`);
    if (inOne && want.length === got.length &&
        want.every((w) => got.includes(w)))
      spansShown++;
    else
      check(`source ${st.article_number} highlights its supporting spans`,
            false, `${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
  }
  check('hovering each marker highlights that outlet\'s supporting spans',
        support.length > 1 && spansShown === support.length,
        `${spansShown} of ${support.length}`);
  await page.screenshot({ path: join(opt.out, 'brief-page.png'),
                          fullPage: true });

  // Outlets that state part of a sentence, or give another figure for its
  // figure, are marked apart and highlight their own sentence.
  const partial = answer.summary.findIndex(
      (x) => (x.partial_source_numbers || []).length > 0);
  check('the answer has an outlet stating part of a sentence', partial >= 0);
  if (partial >= 0) {
    const li = page.locator('#summary li').nth(partial);
    check('partial outlets follow "partly"',
          /partly/.test(await li.locator('.cite-label').allInnerTexts()) &&
          (await li.locator('a.cite.partial').count()) ===
              answer.summary[partial].partial_source_numbers.length);
  }
  const differs = answer.summary.findIndex(
      (x) => (x.conflict_source_numbers || []).length > 0);
  check('the answer has an outlet giving another figure', differs >= 0);
  if (differs >= 0) {
    const li = page.locator('#summary li').nth(differs);
    const cite = li.locator('a.cite.conflict').first();
    const st = answer.summary[differs].support.find(
        (x) => x.support === 'conflict');
    const marks = await marksAfterHover(cite);
    check('an outlet giving another figure shows that figure\'s sentence',
          marks.length === 1 && st &&
              fold(marks[0].text) === fold(st.spans[0].text),
          JSON.stringify(marks));
  }

  // Keyboard: moving the mouse away clears; focusing a marker highlights.
  await page.mouse.move(5, 5);
  check('leaving the marker clears the highlight',
        (await page.locator('mark.hl').count()) === 0);
  await page.locator('#result-heading').focus();
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(
      () => document.activeElement && document.activeElement.className);
  check('Tab from the brief reaches the first marker', focused === 'cite' ||
        focused === 'cite active', focused);
  // One or two spans, in one source only.
  const lit = async () => page.evaluate(() => new Set(
      [...document.querySelectorAll('mark.hl, .source.whole')]
          .map((m) => m.closest('.source').id)).size);
  check('a focused marker highlights too', (await lit()) === 1);
  await page.keyboard.press('Enter');
  check('pressing a marker keeps the highlight', (await lit()) === 1);

  // Figures, from the server when its facts stage gives them.
  const live = await page.locator('#figures tbody tr').count();
  if (live > 0) {
    check('figures table lists the measures', live >= 2, `${live}`);
    check('conflicting figures are highlighted',
          (await page.locator('#figures tr.conflict').count()) >= 1);
    await page.locator('#figures-section').screenshot(
        { path: join(opt.out, 'brief-figures-live.png') });
  } else {
    const warn = await page.locator('#warnings').innerText().catch(() => '');
    console.log(`# the server gave no figures (${warn || 'no warning'})`);
  }

  // Figures, quotes, people, timeline from a fixed answer, so the table's
  // promises are checked whatever the facts stage gives today.
  const real = await (await page.request.post(`${origin}/v1/brief`, {
    data: JSON.parse(await page.evaluate(() => JSON.stringify({
      articles: [...document.querySelectorAll('#articles .article')].map(
          (li, i) => ({ id: String(i + 1),
                        text: li.querySelector('textarea').value })),
    }))),
  })).json();
  real.facts = {
    figures: [
      { measure: 'damage', unit: 'euro', verdict: 'conflict',
        source_numbers: [2, 4],
        values: [{ text: '35 million euros', source_numbers: [2] },
                 { text: '50 million euros', source_numbers: [4] }],
        reports: [{ article_number: 2, text: '35 million euros' },
                  { article_number: 4, text: '50 million euros' }] },
      { measure: 'storage silos', unit: '', verdict: 'agree',
        source_numbers: [1, 2],
        values: [{ text: 'two', source_numbers: [1, 2] }] },
    ],
    quotes: [{ text: 'This terminal is the heart of the port',
               speaker: 'Lotte Brandt', source_numbers: [2, 4] }],
    entities: [{ name: 'Daniel Okafor', type: 'person', mentions: 5,
                 variants: ['Okafor'], source_numbers: [1, 2] },
               { name: 'Port Kessing', type: 'place', mentions: 9,
                 source_numbers: [1] }],
    timeline: [{ date: '2025-03-11', expression: 'Tuesday',
                 text: 'A fire that broke out late on Tuesday destroyed ' +
                       'the main grain terminal at Port Kessing',
                 source_numbers: [1] }],
  };
  await page.route('**/v1/brief', (route) => route.fulfill({
    status: 200, contentType: 'application/json',
    body: JSON.stringify(real),
  }));
  // The fixed answer uses ids "1".."5", like boxes without a file name.
  await page.getByRole('button', { name: 'Brief', exact: true }).click();
  await page.locator('#figures tbody tr').first().waitFor();
  const rows = page.locator('#figures tbody tr');
  check('figures table has a row per measure', (await rows.count()) === 2);
  const conflict = page.locator('#figures tr.conflict');
  check('the conflicting measure is highlighted',
        (await conflict.count()) === 1 &&
        /35 million euros[\s\S]*50 million euros/.test(
            await conflict.innerText()) &&
        /Conflict/.test(await conflict.innerText()));
  const bg = await conflict.locator('td').first().evaluate(
      (td) => getComputedStyle(td).backgroundColor);
  check('the conflict row is coloured', bg !== 'rgba(0, 0, 0, 0)', bg);
  await conflict.locator('a.cite').first().hover();
  const figMark = page.locator('#source-2 mark.hl');
  check('hovering a figure marker highlights it in its article',
        (await figMark.count()) === 1 &&
        /35 million euros/.test(await figMark.innerText()));
  check('quotes show their speaker',
        /Lotte Brandt/.test(await page.locator('#quotes').innerText()));
  check('people and places are listed',
        /Daniel Okafor/.test(await page.locator('#entities').innerText()) &&
        /Port Kessing/.test(await page.locator('#entities').innerText()));
  check('the timeline is shown',
        /2025-03-11/.test(await page.locator('#timeline').innerText()));
  await page.screenshot({ path: join(opt.out, 'brief-page-facts.png'),
                          fullPage: true });
  await page.unroute('**/v1/brief');

  // Phone width: nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  const wide = await page.evaluate(
      () => document.documentElement.scrollWidth);
  check('readable at phone width (no sideways scroll)', wide <= 390,
        `${wide}px`);
  await page.screenshot({ path: join(opt.out, 'brief-page-phone.png'),
                          fullPage: false });

  // An error from the server reaches the reader.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.locator('#words').fill('-5');
  await page.locator('#articles textarea').first().fill('   ');
  for (let i = (await page.locator('#articles .article').count()) - 1;
       i > 0; i--)
    await page.locator('#articles .article .remove').nth(i).click();
  await page.getByRole('button', { name: 'Brief', exact: true }).click();
  check('an empty story is refused on the page',
        await page.locator('#error').isVisible());

  // Files instead of pasting (the drop zone's file chooser): one box per
  // file, named after it, as the CLI names a folder's files.
  await page.reload();
  await page.locator('#files').setInputFiles(
      files.map((f) => join(opt.examples, f)));
  await page.waitForFunction(
      (n) => [...document.querySelectorAll('#articles textarea')]
                 .filter((t) => t.value.trim()).length === n,
      files.length);
  await page.getByRole('button', { name: 'Brief', exact: true }).click();
  await page.locator('#summary li').first().waitFor({ timeout: 30000 });
  check('chosen files become articles named after the files',
        /01_coastal_courier/.test(await page.locator('#sources').innerText()));

  await deskChecks(page);

  check('no script errors', problems.length === 0, problems.join('; '));
  check('no request leaves the server', foreign.length === 0,
        foreign.join(', '));
  await context.close();
} catch (e) {
  check('browser run', false, e.stack || String(e));
} finally {
  await browser.close();
}

console.log(`screenshots: ${opt.out}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

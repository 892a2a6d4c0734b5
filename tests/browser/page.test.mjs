// page.test.mjs - the brief page in a real browser (Debian's Chromium,
// driven by playwright-core): paste the example story one article per box,
// press Brief, check the summary (relative times resolved, partial and
// conflicting outlets marked apart), the citation hover (every cited
// outlet's supporting span, by mouse and keyboard), the figures table with
// its conflicts, phone width, and that the page asks nothing of any host
// but the server. Saves screenshots.
//
// usage: node page.test.mjs --url http://127.0.0.1:PORT/ --examples DIR
//          --out DIR [--chromium /usr/bin/chromium]
// Prints "N passed, M failed" and exits 1 on any failure.

import { chromium } from 'playwright-core';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function options(argv) {
  const o = { chromium: '/usr/bin/chromium' };
  for (let i = 2; i < argv.length; i += 2)
    o[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const k of ['url', 'examples', 'out'])
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

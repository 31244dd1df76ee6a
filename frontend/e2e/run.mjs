// Browser tests of the real app (BrowserIT starts it on the dev stack and creates the data).
// Usage: KEPU_E2E='{"base":…, …fixtures}' node frontend/e2e/run.mjs
// Drives Debian's Chromium through playwright-core; never downloads a browser.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const fx = JSON.parse(process.env.KEPU_E2E ?? '{}');
const base = fx.base;
const shots = process.env.KEPU_SCREENSHOTS || '';
if (shots) mkdirSync(shots, { recursive: true });
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { width: 390, height: 844 };

// GCJ-02 → WGS-84 (same formula as src/features/map/coords.ts): browsers report WGS-84.
function gcjOffset(lat, lon) {
  const a = 6378245.0, ee = 0.00669342162296594323, x = lon - 105, y = lat - 35;
  let dLat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  dLat += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3 + ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3 + ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  let dLon = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  dLon += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3 + ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3 + ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  const rad = (lat / 180) * Math.PI, magic = 1 - ee * Math.sin(rad) ** 2, sq = Math.sqrt(magic);
  return { lat: (dLat * 180) / (((a * (1 - ee)) / (magic * sq)) * Math.PI), lon: (dLon * 180) / ((a / sq) * Math.cos(rad) * Math.PI) };
}
function toWgs({ lat, lon }) {
  let g = { lat, lon };
  for (let i = 0; i < 8; i++) {
    const d = gcjOffset(g.lat, g.lon);
    g = { lat: lat - d.lat, lon: lon - d.lon };
  }
  return g;
}
if (fx.fenced) fx.fencedWgs = toWgs(fx.fenced);
const results = [];
const started = Date.now();

const browser = await chromium.launch({
  executablePath: process.env.KEPU_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// KEPU_E2E_ONLY=<regular expression> runs only the scenarios whose names match (while working on one).
const only = process.env.KEPU_E2E_ONLY ? new RegExp(process.env.KEPU_E2E_ONLY) : null;

async function step(name, fn) {
  if (only && !only.test(name)) return;
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`PASS ${name} (${Date.now() - t0} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name} (${Date.now() - t0} ms)\n  ${String(error?.stack ?? error).split('\n').slice(0, 6).join('\n  ')}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** A fresh context per scenario; records CSP violations, page errors and dialogs (XSS). */
async function open({ elder = false, lang, geolocation } = {}) {
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Europe/Berlin', // times must still show in China time
    geolocation,
    permissions: geolocation ? ['geolocation'] : [],
  });
  if (elder || lang) {
    await context.addInitScript(([e, l]) => {
      if (e) localStorage.setItem('kepu.elder', '1');
      if (l) localStorage.setItem('kepu.lang', l);
    }, [elder, lang]);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', async (d) => {
    problems.push(`dialog opened: ${d.message()}`);
    await d.dismiss();
  });
  return { context, page, problems };
}

async function ready(page) {
  await page.waitForSelector('html[data-ready="true"]');
}

async function axe(page, label) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] }),
  );
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert(bad.length === 0, `${label}: axe ${bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`).join('; ')}`);
  return result.violations.length;
}

async function shot(page, name) {
  if (shots) await page.screenshot({ path: `${shots}/kepu-${name}.png`, fullPage: false });
}

/** Elder-mode rules measured in the page: body ≥ 18 px, line height ≥ 1.3, targets ≥ 60 px, no motion. */
async function elderRules(page, label) {
  const m = await page.evaluate(() => {
    const body = getComputedStyle(document.body);
    const size = parseFloat(body.fontSize);
    const line = parseFloat(body.lineHeight) / size;
    const small = [];
    for (const el of document.querySelectorAll('button, a.button, select, input:not([type=checkbox]):not([type=radio]):not([type=hidden]), .site-nav a, .chip, .tabs a, summary, .facet li, .check, .star, .tag, .leaflet-control-zoom a')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      if (r.width < 59.5 || r.height < 59.5) small.push(`${el.tagName}.${el.className} ${Math.round(r.width)}x${Math.round(r.height)} "${(el.textContent ?? '').trim().slice(0, 20)}"`);
    }
    const moving = [...document.querySelectorAll('button, a')].filter((el) => parseFloat(getComputedStyle(el).transitionDuration) > 0).length;
    return { size, line, small, moving };
  });
  assert(m.size >= 18, `${label}: body ${m.size}px`);
  assert(m.line >= 1.3, `${label}: line height ${m.line}`);
  assert(m.small.length === 0, `${label}: small targets ${m.small.slice(0, 5).join('; ')}`);
  assert(m.moving === 0, `${label}: ${m.moving} elements animate`);
  await axe(page, `elder ${label}`);
}

function clean(problems, label) {
  assert(problems.length === 0, `${label}: ${problems.join(' | ')}`);
}

// ---------------------------------------------------------------------------------------------------

await step('search: text, date shortcut, region cascade, facets with counts, state in the URL', async () => {
  const { context, page, problems } = await open();
  await page.goto(`${base}/search?region=3402`);
  await ready(page);
  await page.waitForSelector('#results .card');
  const count = await page.textContent('.result-count');
  assert(/共找到 \d+ 个活动/.test(count), `count line: ${count}`);
  assert((await page.inputValue('#region-0')) === '34' && (await page.inputValue('#region-1')) === '3402', 'cascade restored from the URL');
  const facet = page.locator('.facet input[type=checkbox]').first();
  const facetLabel = await page.locator('.facet li').first().textContent();
  assert(/\(\d+\)/.test(facetLabel), `facet count shown: ${facetLabel}`);
  await facet.check();
  await page.waitForURL(/category=|format=|audience=/);
  await page.waitForFunction(() => document.querySelector('#results')?.getAttribute('aria-busy') === 'false');
  assert(await facet.isChecked(), 'facet stays checked');
  await page.getByRole('button', { name: '本周末' }).click();
  await page.waitForURL(/when=weekend/);
  await page.goBack();
  await page.waitForFunction(() => !location.search.includes('when='));
  // the facet chosen above need not match the fixture (other tests' activities share the database): drop it
  await facet.uncheck();
  await page.waitForURL((url) => !/category=|format=|audience=/.test(url.search));
  await page.fill('#search-q', fx.query);
  await page.press('#search-q', 'Enter');
  await page.waitForURL(/q=/);
  await page.waitForSelector(`#results a:has-text("${fx.query}")`);
  const suggestions = await page.locator('#search-suggestions option').count();
  assert(suggestions >= 0, 'suggestions list present');
  await shot(page, 'search');
  await axe(page, 'search');
  // The search can be shared: a fresh visit of the URL shows the same state.
  const url = page.url();
  const second = await context.newPage();
  await second.goto(url);
  await ready(second);
  assert((await second.inputValue('#search-q')) === fx.query, 'shared URL restores the text');
  clean(problems, 'search');
  await context.close();
});

await step('search map: Leaflet loads only here, markers on a plain background without tiles', async () => {
  const { context, page, problems } = await open();
  const scripts = [];
  page.on('request', (r) => scripts.push(r.url()));
  await page.goto(`${base}/search?region=3402`);
  await ready(page);
  await page.waitForSelector('#results .card');
  assert(!scripts.some((u) => u.includes('map-view')), 'list view must not load the map library');
  await page.getByRole('button', { name: '地图' }).click();
  await page.waitForURL(/view=map/);
  await page.waitForSelector('.leaflet-container.map-plain');
  await page.waitForSelector('.map-pin');
  const pins = await page.locator('.map-pin').count();
  assert(pins > 0, 'markers shown');
  assert(scripts.some((u) => u.includes('map-view')), 'map library loaded on the map view');
  assert(!scripts.some((u) => /tile/i.test(u)), 'no tile requests without a tile URL');
  await shot(page, 'search-map');
  await axe(page, 'search map');
  clean(problems, 'search map');
  await context.close();
});

await step('activity page: server-sent head and JSON-LD, body rendered, user text stays text', async () => {
  const raw = await (await fetch(`${base}/activities/${fx.activityId}`, { headers: { Accept: 'text/html' } })).text();
  assert(raw.includes('<script type="application/ld+json">'), 'JSON-LD in the server HTML');
  const ld = JSON.parse(raw.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)[1]);
  assert(ld['@type'] === 'Event' && ld.eventStatus && ld.eventAttendanceMode && ld.location && ld.organizer, 'Event fields');
  assert(raw.includes('property="og:title"') && raw.includes('property="og:description"'), 'Open Graph tags');
  const { context, page, problems } = await open();
  const scripts = [];
  page.on('request', (r) => scripts.push(r.url()));
  await page.goto(`${base}/activities/${fx.activityId}`);
  await ready(page);
  const h1 = await page.textContent('h1');
  assert(h1.includes(fx.activityTitle), `h1: ${h1}`);
  const when = await page.locator('.facts dd').first().textContent();
  assert(when.includes('09:00') || when.includes('10:00'), `China time shown though the device is in Berlin: ${when}`);
  assert(await page.locator('a[href$=".ics"]').count(), '.ics link');
  assert((await page.textContent('.description')).includes('<img src=x onerror=alert(1)>'), 'description shown as text');
  await page.waitForSelector('#activity-map .map-pin');
  await shot(page, 'activity');
  await axe(page, 'activity');
  clean(problems, 'activity');
  await context.close();
});

await step('check-in from the QR URL: success, then already checked in, then feedback invited', async () => {
  const { context, page, problems } = await open();
  await page.goto(`${base}/check-in/${fx.activityId}?t=${encodeURIComponent(fx.token)}`);
  await ready(page);
  await shot(page, 'check-in');
  await axe(page, 'check-in');
  await page.click('#checkin-button');
  await page.waitForSelector('#checkin-message[data-outcome="ok"]');
  assert((await page.textContent('#checkin-message')).includes('签到成功'), 'success text');
  await page.waitForSelector('#feedback form.feedback-form');
  await shot(page, 'check-in-ok');
  await axe(page, 'check-in done');
  await page.goto(`${base}/check-in/${fx.activityId}?t=${encodeURIComponent(fx.token)}`);
  await ready(page);
  await page.click('#checkin-button');
  await page.waitForSelector('#checkin-message[data-outcome="already"]');
  clean(problems, 'check-in');
  await context.close();
});

await step('feedback after check-in: stars, tags, comment; the API\'s validation messages at their fields; edit later', async () => {
  const { context, page, problems } = await open();
  await page.goto(`${base}/check-in/${fx.activityId}?t=${encodeURIComponent(fx.token)}`);
  await ready(page);
  await page.click('#checkin-button');
  await page.waitForSelector('#checkin-message[data-outcome="ok"]');
  const form = page.locator('#feedback form.feedback-form');
  await form.waitFor();
  assert((await page.locator('#feedback-tags input[type=checkbox]').count()) >= 6, 'tag vocabulary from the API');
  // No rating: said before anything is sent, at the stars.
  await form.locator('button[type=submit]').click();
  await page.waitForSelector('#feedback-error-rating');
  assert((await page.textContent('#feedback-error-rating')).includes('请选择评分'), 'rating message');
  // A bidi override passes the browser but not the API: validation-failed, field comment, code invalid-text.
  await page.check('#rating-5');
  await page.check('#tag-INTERESTING');
  await page.check('#tag-CLEAR');
  await page.fill('#feedback-comment', '讲解清楚\u202e反转文字');
  await form.locator('button[type=submit]').click();
  await page.waitForSelector('#feedback-error-comment');
  assert((await page.textContent('#feedback-error-comment')).includes('不允许的字符'), `API field message: ${await page.textContent('#feedback-error-comment')}`);
  assert((await page.getAttribute('#feedback-comment', 'aria-invalid')) === 'true', 'comment marked invalid');
  assert(!(await page.locator('#feedback-error-rating').count()), 'the fixed rating is no longer marked');
  assert(await page.locator('#feedback-errors li a[href="#feedback-comment-field"]').count(), 'summary links to the field');
  await shot(page, 'feedback-errors');
  await axe(page, 'feedback with errors');
  // A blocked word: 422 text-rejected.
  await page.fill('#feedback-comment', '欢迎参加网络博彩');
  await form.locator('button[type=submit]').click();
  await page.waitForFunction(() => document.querySelector('#feedback-status')?.textContent.includes('不允许发布'));
  // Accepted: 201, thanks, and the list shows it as text with its tags.
  const comment = '讲解清楚，孩子很喜欢！<b>不是粗体</b>';
  await page.fill('#feedback-comment', comment);
  await form.locator('button[type=submit]').click();
  await page.waitForFunction(() => document.querySelector('#feedback-status')?.textContent.includes('谢谢您的评价'));
  await page.waitForFunction((text) => [...document.querySelectorAll('#feedback-comments .comment-text')].some((p) => p.textContent === text), comment);
  const item = page.locator('#feedback-comments li', { hasText: '不是粗体' });
  assert((await item.locator('.comment-tags').textContent()).includes('内容有趣'), 'tags shown with their labels');
  assert(!(await page.locator('#feedback-comments b').count()), 'markup in a comment stays text');
  assert(/平均 \d\.\d 分/.test(await page.textContent('.rating-summary')), 'summary');
  await shot(page, 'feedback-saved');
  // Later (same participant cookie): the form loads the feedback to edit it, in elder mode too.
  await page.evaluate(() => localStorage.setItem('kepu.elder', '1'));
  await page.reload();
  await ready(page);
  await page.click('#checkin-button');
  await page.waitForSelector('#checkin-message[data-outcome="already"]');
  await page.waitForSelector('#feedback form.feedback-form');
  assert(await page.isChecked('#rating-5'), 'rating loaded for editing');
  assert((await page.inputValue('#feedback-comment')) === comment, 'comment loaded for editing');
  await elderRules(page, 'feedback form');
  await shot(page, 'feedback-elder');
  clean(problems, 'feedback');
  await context.close();
});

await step('live page: state, viewers, a comment from another client, own chat, removal, online check-in prompt', async () => {
  const { context, page, problems } = await open();
  await page.goto(`${base}/live/${fx.liveId}`);
  await ready(page);
  await page.waitForSelector('#live-state[data-state="LIVE"]');
  assert(!(await page.isDisabled('#live-text')), 'chat open while live');
  // Another viewer (its own participant cookie and address) posts over HTTP.
  const other = '另一位观众：<img src=x onerror=alert(1)> 讲得真好';
  const first = await fetch(`${base}/api/v1/activities/${fx.liveId}/live/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '10.88.0.1' },
    body: JSON.stringify({ text: '另一位观众来了' }),
  });
  assert(first.status === 202, `comment from another client: ${first.status} ${await first.text()}`);
  const cookie = first.headers.getSetCookie().find((c) => c.startsWith('kepu_pid='))?.split(';')[0];
  assert(cookie, 'the other client got its participant cookie');
  const second = await fetch(`${base}/api/v1/activities/${fx.liveId}/live/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '10.88.0.1', Cookie: cookie },
    body: JSON.stringify({ text: other }),
  });
  assert(second.status === 202, `second comment: ${second.status}`);
  await page.waitForFunction((text) => [...document.querySelectorAll('#live-comments .chat-text')].some((s) => s.textContent === text), other);
  assert(!(await page.locator('#live-comments img').count()), 'chat text is never markup');
  // Our own message goes through the same stream.
  await page.fill('#live-text', '页面里发的留言');
  await page.click('#live-send');
  await page.waitForFunction(() => [...document.querySelectorAll('#live-comments .chat-text')].some((s) => s.textContent === '页面里发的留言'));
  // The organizer removes the other viewer's comment: gone from every page.
  const id = await page.locator('#live-comments li', { hasText: '讲得真好' }).getAttribute('data-id');
  const signIn = await fetch(`${base}/api/v1/auth/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: fx.organizer, password: fx.password }) });
  const { accessToken } = await signIn.json();
  const removed = await fetch(`${base}/api/v1/organizer/activities/${fx.liveId}/live/comments/${id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${accessToken}` } });
  assert(removed.status === 204, `remove: ${removed.status}`);
  await page.waitForSelector(`#live-comments li[data-id="${id}"]`, { state: 'detached' });
  // Viewer counts and, after the (test's 3 s) watch time, the online check-in prompt.
  await page.waitForFunction(() => /在线 [1-9]\d* 人/.test(document.querySelector('#live-viewers')?.textContent ?? ''), null, { timeout: 20000 });
  await page.waitForSelector('#live-checkin-button', { timeout: 20000 });
  await shot(page, 'live');
  await axe(page, 'live');
  await page.click('#live-checkin-button');
  await page.waitForSelector('#live-checkin-message[data-outcome="ok"]');
  await page.waitForSelector('#feedback form.feedback-form');
  clean(problems, 'live');
  await context.close();
  // Elder mode on the same page.
  const elder = await open({ elder: true });
  await elder.page.goto(`${base}/live/${fx.liveId}`);
  await ready(elder.page);
  await elder.page.waitForSelector('#live-state[data-state="LIVE"]');
  await elderRules(elder.page, 'live');
  await shot(elder.page, 'live-elder');
  clean(elder.problems, 'live elder');
  await elder.context.close();
});

await step('XSS: 200 payloads stored as feedback comments show as text on the activity page and never run', async () => {
  const payloads = readFileSync(fx.xssPayloads, 'utf8').split('\n').filter((l) => l.length > 0);
  assert(payloads.length === 200, `payloads: ${payloads.length}`);
  const { context, page, problems } = await open();
  // Anything that ran would trip this: the usual sinks count instead of showing a dialog.
  await context.addInitScript(() => {
    window.__xss = 0;
    for (const name of ['alert', 'confirm', 'prompt', 'print']) {
      window[name] = () => {
        window.__xss += 1;
      };
    }
  });
  await page.goto(`${base}/activities/${fx.xssId}`);
  await ready(page);
  await page.waitForSelector('#feedback-comments li');
  while (await page.isVisible('#feedback-more')) {
    const before = await page.locator('#feedback-comments li').count();
    await page.click('#feedback-more');
    await page.waitForFunction((n) => document.querySelectorAll('#feedback-comments li').length > n, before);
  }
  const shown = await page.$$eval('#feedback-comments .comment-text', (ps) => ps.map((p) => p.textContent));
  assert(shown.length === 200, `comments shown: ${shown.length}`);
  const missing = payloads.filter((p) => !shown.includes(p));
  assert(missing.length === 0, `not shown literally: ${missing.slice(0, 3).join(' | ')}`);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500); // let anything deferred (onerror, onload, autofocus) have its chance
  const injected = await page.$$eval('#feedback-list *', (els) => els.filter((el) => !['LI', 'P', 'SPAN', 'STRONG', 'UL', 'TABLE', 'CAPTION', 'TBODY', 'TR', 'TH', 'TD', 'BUTTON'].includes(el.tagName)).map((el) => el.tagName));
  assert(injected.length === 0, `elements from comments: ${injected.slice(0, 5).join(', ')}`);
  assert((await page.evaluate(() => window.__xss)) === 0, 'a payload ran');
  assert(/共 200 条评分/.test(await page.textContent('.rating-summary')), `summary counts them: ${await page.textContent('.rating-summary')}`);
  await shot(page, 'activity-comments');
  await axe(page, 'activity with 200 comments');
  clean(problems, 'xss');
  await context.close();
});

await step('check-in error states: invalid, expired, not open, missing token, outside the geofence', async () => {
  const cases = [
    [fx.activityId, 'not-a-token', 'token-invalid', '二维码无效'],
    [fx.activityId, fx.expiredToken, 'token-expired', '过期'],
    [fx.notOpenId, fx.notOpenToken, 'not-open', '签到时间'],
  ];
  for (const [id, token, outcome, text] of cases) {
    const { context, page, problems } = await open();
    await page.goto(`${base}/check-in/${id}?t=${encodeURIComponent(token)}`);
    await ready(page);
    await page.click('#checkin-button');
    await page.waitForSelector(`#checkin-message[data-outcome="${outcome}"]`);
    assert((await page.textContent('#checkin-message')).includes(text), `${outcome} text`);
    if (outcome === 'token-expired') await shot(page, 'check-in-expired');
    clean(problems, outcome);
    await context.close();
  }
  {
    const { context, page } = await open();
    await page.goto(`${base}/check-in/${fx.activityId}`);
    await ready(page);
    await page.waitForSelector('#checkin-message[data-outcome="token-missing"]');
    await context.close();
  }
  // Geofence: far away is refused, at the venue it works (the browser reports WGS-84).
  {
    const { context, page } = await open({ geolocation: { latitude: 39.9, longitude: 116.4 } });
    await page.goto(`${base}/check-in/${fx.fencedId}?t=${encodeURIComponent(fx.fencedToken)}`);
    await ready(page);
    assert(await page.locator('text=米范围内签到').count(), 'geofence hint');
    await page.click('#checkin-button');
    await page.waitForSelector('#checkin-message[data-outcome="outside-geofence"]');
    await context.setGeolocation({ latitude: fx.fencedWgs.lat, longitude: fx.fencedWgs.lon });
    await page.click('#checkin-button');
    await page.waitForSelector('#checkin-message[data-outcome="ok"]');
    await context.close();
  }
});

await step('organizer: sign in, field errors from the API, create → submit', async () => {
  const { context, page, problems } = await open();
  await page.goto(`${base}/organizer`);
  await ready(page);
  await axe(page, 'organizer sign-in');
  await page.fill('#login-username', fx.organizer);
  await page.fill('#login-password', fx.password);
  await page.click('.login-form button[type=submit]');
  await page.waitForSelector('#own-list');
  await shot(page, 'organizer');
  await axe(page, 'organizer list');
  await page.goto(`${base}/organizer/activities/new`);
  await ready(page);
  await page.waitForSelector('#f-region-2');
  await page.click('button[name="save"]');
  await page.waitForSelector('#form-errors li');
  await shot(page, 'organizer-errors');
  // The API names the wrong fields; each is marked, described and listed with a link to it.
  const marked = await page.locator('.has-error [aria-invalid="true"]').count();
  assert(marked >= 1, `a field marked as an error: ${await page.textContent('#form-errors')}`);
  assert(await page.locator('#form-errors li a').count(), 'summary links to the fields');
  await axe(page, 'organizer form with errors');
  await page.fill('#f-title', fx.newTitle);
  await page.selectOption('#f-campaignId', fx.campaignId);
  await page.fill('#f-startsAt', '2026-09-20T09:00');
  await page.fill('#f-endsAt', '2026-09-20T11:00');
  await page.fill('#f-venue-name', '鸠江区青少年宫');
  await page.fill('#f-venue-address', '芜湖市鸠江区');
  await page.fill('#f-lat', '31.37');
  await page.fill('#f-lon', '118.40');
  await page.check('#f-categories-EXHIBITION');
  await page.check('#f-audiences-YOUTH');
  await page.fill('#f-description', '浏览器测试创建的活动。');
  await page.click('button[name="submit-review"]');
  await page.waitForURL(/\/organizer\?saved=/);
  await page.waitForSelector(`.own-item[data-status="SUBMITTED"] :text("${fx.newTitle}")`);
  clean(problems, 'organizer');
  await context.close();
});

await step('organizer check-in screen: QR code fetched with its expiry, live count', async () => {
  const { context, page, problems } = await open();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${base}/organizer`);
  await ready(page);
  await page.fill('#login-username', fx.organizer);
  await page.fill('#login-password', fx.password);
  await page.click('.login-form button[type=submit]');
  await page.waitForSelector('#own-list');
  await page.goto(`${base}/organizer/activities/${fx.activityId}/check-in`);
  await ready(page);
  await page.waitForSelector('#checkin-qr[data-expires-at]');
  await page.waitForFunction(() => /已签到 \d+ 人/.test(document.querySelector('#checkin-count')?.textContent ?? ''));
  const count = await page.textContent('#checkin-count');
  assert(/已签到 [1-9]\d* 人/.test(count), `count includes the check-ins made: ${count}`);
  await axe(page, 'check-in screen');
  clean(problems, 'check-in screen');
  await context.close();
});

await step('reviewer: queue with the submitted activity, approve', async () => {
  const { context, page, problems } = await open();
  await page.goto(`${base}/review`);
  await ready(page);
  await page.fill('#login-username', fx.reviewer);
  await page.fill('#login-password', fx.password);
  await page.click('.login-form button[type=submit]');
  const item = page.locator('#review-queue li', { hasText: fx.newTitle });
  await item.waitFor();
  await shot(page, 'review');
  await axe(page, 'review queue');
  await item.getByRole('button', { name: '通过' }).click();
  await page.waitForFunction((title) => ![...document.querySelectorAll('#review-queue li')].some((li) => li.textContent.includes(title)), fx.newTitle);
  clean(problems, 'review');
  await context.close();
});

/** Signs the reviewer in on a page that asks for it. */
async function signInReviewer(page, path) {
  await page.goto(`${base}${path}`);
  await ready(page);
  await page.fill('#login-username', fx.reviewer);
  await page.fill('#login-password', fx.password);
  await page.click('.login-form button[type=submit]');
  await page.waitForLoadState('load');
  await ready(page);
}

const number = (text) => Number(String(text).replace(/[^\d.]/g, ''));

await step('reviewer statistics: figures, child regions, quotas; XLSX and CSV exports; big screen', async () => {
  const { context, page, problems } = await open();
  const statsPath = `/review/stats?campaign=${fx.campaignId}`;
  await signInReviewer(page, statsPath);
  await page.waitForSelector('#stats-figures');
  const figure = async (key) => number(await page.textContent(`#stats-figures dd[data-figure="${key}"]`));
  assert((await page.textContent('#stats-region')).includes('芜湖市'), 'the reviewer\'s own region');
  assert((await figure('stats.published')) >= 5, `published: ${await figure('stats.published')}`);
  assert((await figure('stats.checkInsOnsite')) >= 200, `check-ins on site: ${await figure('stats.checkInsOnsite')}`);
  assert((await figure('stats.feedbackCount')) >= 200, `feedback: ${await figure('stats.feedbackCount')}`);
  const jiujiang = page.locator('#stats-children tr', { hasText: '鸠江区' });
  assert(number(await jiujiang.locator('.bar-value').textContent()) >= 5, 'child region bar');
  assert(await page.locator('#stats-quotas progress').count(), 'quota progress');
  assert((await page.textContent('#stats-quotas')).includes('区县级'), 'county quota');
  await shot(page, 'stats');
  await axe(page, 'stats');
  // Export: the XLSX as the browser downloads it, and both files' headers and first bytes.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
  assert(/^汇总表-芜湖市-.*\.xlsx$/.test(download.suggestedFilename()), `file name: ${download.suggestedFilename()}`);
  const xlsxBytes = readFileSync(await download.path());
  assert(xlsxBytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])), 'XLSX is a zip (PK\\3\\4)');
  const xlsx = await context.request.get(`${base}${await page.getAttribute('#export-xlsx', 'href')}`);
  assert(xlsx.status() === 200 && xlsx.headers()['content-type'].startsWith('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), `XLSX type: ${xlsx.headers()['content-type']}`);
  assert(/attachment;.*filename\*=UTF-8''/i.test(xlsx.headers()['content-disposition']), `XLSX disposition: ${xlsx.headers()['content-disposition']}`);
  const csv = await context.request.get(`${base}${await page.getAttribute('#export-csv', 'href')}`);
  assert(csv.headers()['content-type'].startsWith('text/csv'), `CSV type: ${csv.headers()['content-type']}`);
  const csvBytes = await csv.body();
  assert(csvBytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'CSV starts with the UTF-8 BOM');
  const csvText = csvBytes.toString('utf8');
  assert(csvText.includes('芜湖市') && csvText.includes('鸠江区') && csvText.includes(fx.activityTitle), 'CSV has the Chinese names and the activities');
  console.log(`exports: XLSX ${xlsxBytes.length} bytes, CSV ${csvBytes.length} bytes`);
  // Drill down to a child region, then the big screen.
  await jiujiang.locator('a').click();
  await page.waitForURL(/region=340207/);
  await page.waitForSelector('#stats-figures');
  assert((await page.textContent('#stats-region')).includes('鸠江区'), 'drilled down');
  await page.goto(`${base}/big-screen`);
  await ready(page);
  await page.waitForSelector('#big-state[data-at]', { timeout: 20000 });
  assert(number(await page.textContent('#big-checkins')) >= 200, `big screen check-ins today: ${await page.textContent('#big-checkins')}`);
  assert((await page.textContent('#big-children')).includes('鸠江区'), 'child regions on the big screen');
  await shot(page, 'big-screen');
  await axe(page, 'big screen');
  clean(problems, 'stats');
  await context.close();
  // Elder mode: the same pages.
  const elder = await open({ elder: true });
  await signInReviewer(elder.page, statsPath);
  await elder.page.waitForSelector('#stats-figures');
  await elderRules(elder.page, 'stats');
  await shot(elder.page, 'stats-elder');
  await elder.page.goto(`${base}/big-screen`);
  await ready(elder.page);
  await elder.page.waitForSelector('#big-state[data-at]', { timeout: 20000 });
  await elderRules(elder.page, 'big screen');
  clean(elder.problems, 'stats elder');
  await elder.context.close();
});

await step('elder mode: remembered, body ≥ 18 px, line height ≥ 1.3, targets ≥ 60 px, no motion, contrast (axe)', async () => {
  const { context, page, problems } = await open();
  await page.goto(`${base}/`);
  await ready(page);
  await page.click('#elder-toggle');
  await page.reload();
  await ready(page);
  assert(await page.evaluate(() => document.documentElement.classList.contains('elder')), 'remembered after reload');
  for (const path of ['/', '/search?region=3402', `/activities/${fx.activityId}`, `/check-in/${fx.activityId}?t=x`, '/organizer']) {
    await page.goto(`${base}${path}`);
    await ready(page);
    await page.waitForLoadState('networkidle');
    await elderRules(page, path);
    if (path === '/') await shot(page, 'home-elder');
    if (path.startsWith('/activities')) await shot(page, 'activity-elder');
  }
  clean(problems, 'elder');
  await context.close();
});

await step('axe: zero serious/critical violations on every page in both modes and in English', async () => {
  const pages = ['/', '/search?region=3402', '/search?region=3402&view=map', `/activities/${fx.activityId}`, `/check-in/${fx.activityId}?t=x`, `/live/${fx.activityId}`, `/live/${fx.liveId}`, '/organizer', '/review', '/review/stats', '/big-screen', '/activities/not-an-id'];
  for (const mode of [{}, { elder: true }, { lang: 'en' }]) {
    const { context, page, problems } = await open(mode);
    for (const path of pages) {
      await page.goto(`${base}${path}`);
      await ready(page).catch((e) => {
        throw new Error(`${path} never became ready: ${e.message}`);
      });
      // A live page keeps its event stream open: the network is never idle there.
      if (path === `/live/${fx.liveId}`) await page.waitForSelector('#live-state[data-state="LIVE"]');
      else await page.waitForLoadState('networkidle').catch(() => undefined);
      await axe(page, `${JSON.stringify(mode)} ${path}`);
    }
    if (mode.lang) {
      await page.goto(`${base}/`);
      await ready(page);
      assert((await page.textContent('h1')).includes('Find science activities'), 'English heading');
      await shot(page, 'home-en');
    } else if (!mode.elder) {
      await page.goto(`${base}/`);
      await ready(page);
      await page.waitForLoadState('networkidle');
      await shot(page, 'home');
    }
    clean(problems, `axe ${JSON.stringify(mode)}`);
    await context.close();
  }
});

await step('keyboard only: skip link, search by keyboard, check-in by keyboard', async () => {
  const { context, page } = await open();
  await page.goto(`${base}/search?region=3402`);
  await ready(page);
  await page.keyboard.press('Tab');
  assert((await page.evaluate(() => document.activeElement?.className)) === 'skip-link', 'first Tab reaches the skip link');
  await page.keyboard.press('Enter');
  await page.focus('#search-q');
  await page.keyboard.type(fx.query);
  await page.keyboard.press('Enter');
  await page.waitForURL(/q=/);
  await page.goto(`${base}/check-in/${fx.activityId}?t=${encodeURIComponent(fx.token)}`);
  await ready(page);
  await page.focus('#checkin-button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#checkin-message[data-outcome]');
  await context.close();
});

await step('first contentful paint on a throttled phone (slow 4G, 4x CPU)', async () => {
  const figures = [];
  for (const path of ['/', `/activities/${fx.activityId}`, '/search?region=3402']) {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(`${base}${path}`, { waitUntil: 'load' });
    const fcp = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const found = performance.getEntriesByName('first-contentful-paint')[0];
          if (found) return resolve(found.startTime);
          new PerformanceObserver((list) => resolve(list.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1)).observe({ type: 'paint', buffered: true });
        }),
    );
    figures.push(`${path} ${Math.round(fcp)} ms`);
    assert(fcp > 0 && fcp < 2000, `FCP ${path}: ${fcp} ms`);
    await context.close();
  }
  console.log(`FCP (slow 4G 150 ms RTT 1.6 Mbit/s, CPU x4, cold cache): ${figures.join(', ')}`);
});

await browser.close();
const failed = results.filter((r) => !r.ok);
console.log(`\n${results.length - failed.length}/${results.length} browser scenarios passed in ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(failed.length ? 1 : 0);

/**
 * The dashboard in headless Chromium against a real server: the page loads without a
 * token, a wrong token reads as an error, a researcher logs in, submits a method through
 * the form and sees it finish and reach the leaderboard, opens its report, and the forum
 * shows user-written HTML as text. Screenshots go to $TMPDIR/w2s-dashboard/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { W2sClient } from '../client.js';
import { methodRunner } from '../queue/method-runner.js';
import { startServer, type RunningServer } from '../serve.js';
import { setChallengeState } from '../db/challenges.js';
import { VANILLA_SOURCE, challengeHome, type Fixture } from '../testing.js';
import { DASHBOARD_CSP } from './serve.js';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
/** Headless, no sandbox (containers), and none of Chromium's own traffic (updates, sync, field trials). */
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-default-apps', '--disable-sync',
  '--disable-domain-reliability', '--disable-client-side-phishing-detection', '--metrics-recording-only', '--no-first-run', '--no-pings',
];
export const SHOTS = join(tmpdir(), 'w2s-dashboard');

let fx: Fixture;
let server: RunningServer;

beforeAll(async () => {
  fx = await challengeHome({ researchers: { ann: {}, ben: {} } });
  server = await startServer({ home: fx.home, workers: 1, runner: methodRunner({ home: fx.home, cacheDir: fx.cacheDir, threads: 1 }), worker: { pollMs: 50 } });
});
afterAll(async () => server?.close());

describe('the dashboard over HTTP', () => {
  it('serves the page and its modules without a token, under a strict CSP, and nothing else from its folder', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    expect(await page.text()).toContain('<script type="module" src="/dashboard/app.js"></script>');
    const view = await fetch(`${server.url}/dashboard/views/forum.js`);
    expect(view.status).toBe(200);
    expect(view.headers.get('content-type')).toMatch(/^text\/javascript/);
    for (const hidden of ['serve.ts', 'dashboard.test.ts', '../serve.ts', 'nope.js']) expect((await fetch(`${server.url}/dashboard/${hidden}`)).status, hidden).toBe(404);
    expect((await fetch(`${server.url}/api/v1/me`)).status).toBe(401); // the API behind it still needs a token
  });
});

describe.skipIf(!HAVE_CHROMIUM)(HAVE_CHROMIUM ? 'the dashboard in headless Chromium' : `the dashboard in headless Chromium: SKIPPED because ${CHROMIUM} does not exist`, () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => browser?.close());

  /** A fresh tab (its own sessionStorage) and every problem the browser reports, and every request it makes. */
  async function open(): Promise<{ page: Page; problems: string[]; requests: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    return { page, problems, requests };
  }

  async function logIn(page: Page, token: string): Promise<void> {
    await page.fill('#token', token);
    await page.click('#login button');
  }

  it('loads without a token or any API call, and says a wrong token was refused', async () => {
    const { page, problems, requests } = await open();
    await expect.poll(() => page.locator('#logged-out').isVisible()).toBe(true);
    expect(requests.every((u) => u === `${server.url}/` || u.startsWith(`${server.url}/dashboard/`)), requests.join('\n')).toBe(true);
    await logIn(page, fx.tokens.ann.slice(0, -4) + 'AAAA');
    await expect.poll(() => page.locator('#error').textContent()).toMatch(/The server refused this token — 401: unknown token/);
    expect(await page.locator('#error').isVisible()).toBe(true);
    expect(await page.locator('#login').isVisible()).toBe(true);
    expect(await page.evaluate(() => sessionStorage.getItem('w2s.token'))).toBeNull();
    await page.screenshot({ path: join(SHOTS, 'wrong-token.png') });
    // The refused request itself is the only thing the browser complains about.
    expect(problems.filter((p) => !/Failed to load resource: .*401/.test(p))).toEqual([]);
    await page.context().close();
  });

  it('logs in, submits a method through the form, and shows it finished on the leaderboard with its report and logs', async () => {
    const { page, problems } = await open();
    await logIn(page, fx.tokens.ann);
    await expect.poll(() => page.locator('#who-name').textContent()).toBe('Logged in as ann');
    expect(await page.evaluate(() => sessionStorage.getItem('w2s.token'))).toBe(fx.tokens.ann);
    await page.click('#challenges a:text("toy")');
    await page.waitForSelector('#submit-form');
    expect(await page.locator('#leaderboard-empty').isVisible()).toBe(true);

    await page.fill('#method-source', VANILLA_SOURCE);
    await page.fill('#method-seeds', '2');
    await page.click('#submit-form button[type=submit]');
    await expect.poll(() => page.locator('#submit-form .message').textContent()).toMatch(/^Queued submission #\d+/);
    const id = Number((await page.locator('#submit-form .message').textContent())!.match(/#(\d+)/)![1]);
    const mine = page.locator(`#my-submissions tr[data-id="${id}"]`);
    await expect.poll(() => mine.isVisible()).toBe(true);
    // The row updates itself until the server has run and scored the method; the leaderboard then reloads.
    await expect.poll(() => mine.locator('.status').textContent(), { timeout: 110_000, interval: 500 }).toBe('done');
    const row = page.locator(`#leaderboard tr[data-id="${id}"]`);
    await expect.poll(() => row.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await row.locator('td').nth(2).textContent()).toBe('ann');
    const released = (await new W2sClient(server.url, fx.tokens.ann).submission(id)).released!;
    // "Your submissions" lists only the caller's own.
    expect((await new W2sClient(server.url, fx.tokens.ann).mySubmissions('toy')).map((s) => s.id)).toEqual([id]);
    expect(await new W2sClient(server.url, fx.tokens.ben).mySubmissions()).toEqual([]);
    expect(await row.locator('td').nth(6).textContent()).toBe(released.accuracy.toFixed(3));
    // The server audits it (the leaderboard reloads itself while an audit is pending); passed, it is the top.
    // Wait for the audit to settle, then name every check's verdict and reason if it did not pass.
    await expect.poll(() => row.locator('td.audit > .status').textContent(), { timeout: 110_000, interval: 500 }).toMatch(/^(passed|flagged)$/);
    expect(await row.locator('td.audit > .status').textContent(), (await row.locator('td.audit').textContent()) ?? '').toBe('passed');
    expect(await row.locator('td.audit li[data-check="teacher-bypass"]').textContent()).toMatch(/^teacher-bypass: passed — loses its gain when the weak labels are permuted/);
    expect(await row.locator('td.audit li[data-check="transfer"]').textContent()).toMatch(/^transfer: n\/a — no other challenge/);
    expect(await row.locator('td.top').textContent()).toBe('1 ★');
    await page.screenshot({ path: join(SHOTS, 'challenge.png'), fullPage: true });

    await row.locator('a').first().click();
    await page.waitForSelector('#report figure svg');
    expect(await page.locator('#submission-facts .status').textContent()).toBe('done');
    expect(await page.locator('#submission-logs').textContent()).toMatch(/attempt 1 started/);
    // The report package's PGR chart: vanilla and this submission on dev, laid out (a PGR of 0 is a bar of height 0).
    const bars = await page.locator('#report svg rect.bar').evaluateAll((els) => (els as SVGGraphicsElement[]).map((e) => e.getBBox().width));
    expect(bars.length).toBe(2);
    expect(bars.every((w) => w > 0)).toBe(true);
    const chartText = await page.locator('#report svg').first().textContent();
    expect(chartText).toContain(`submission #${id}`);
    expect(chartText).toContain('vanilla (fixed baseline)');
    expect((await page.locator('#report svg').first().boundingBox())!.width).toBeGreaterThan(300);
    await page.click('#submission details summary');
    expect(await page.locator('#submission-source').textContent()).toContain('submitted_vanilla');
    await page.screenshot({ path: join(SHOTS, 'submission.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows forum posts with markup in them as text, and posts a finding from the form', async () => {
    const ben = new W2sClient(server.url, fx.tokens.ben);
    const script = '<script>window.__pwned = 1</script> labels are <b>here</b>';
    const posted = await ben.post({ type: 'hypothesis', title: '<img src=x onerror="window.__pwned = 2">', body: script, challenge: 'toy' });
    await ben.comment(posted.id, '<script>window.__pwned = 3</script>');
    const { page, problems } = await open();
    await logIn(page, fx.tokens.ann);
    await page.evaluate(() => { location.hash = '#/forum'; });
    const card = page.locator(`#findings article[data-id="${posted.id}"]`);
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await card.locator('.body').textContent()).toBe(script);
    expect(await card.locator('h3').textContent()).toBe('<img src=x onerror="window.__pwned = 2">');
    expect(await card.locator('script, img, b').count()).toBe(0);

    await page.fill('#finding-title', 'Vanilla on toy matches the baseline');
    await page.fill('#finding-body', 'Same snapshot, same seeds, same score.');
    await page.click('#post-form button[type=submit]');
    await expect.poll(() => page.locator('#findings h3 a:text("Vanilla on toy matches the baseline")').isVisible()).toBe(true);

    await page.screenshot({ path: join(SHOTS, 'forum-list.png'), fullPage: true });
    await card.locator('h3 a').click();
    await page.waitForSelector('#comments .body');
    expect(await page.locator('#comments .body').textContent()).toBe('<script>window.__pwned = 3</script>');
    await page.click('button:text("Vote up")');
    await expect.poll(() => page.locator('#finding article .muted').textContent()).toMatch(/1 votes/);
    await page.screenshot({ path: join(SHOTS, 'forum.png'), fullPage: true });
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('a submission\'s report', () => {
  it('charts the released dev score before reveal, and adds the final part with its interval after', async () => {
    const ben = new W2sClient(server.url, fx.tokens.ben);
    const s = await ben.wait((await ben.submit('toy', { method: `${VANILLA_SOURCE}\n// final`, seeds: 2, final: true })).id, { intervalMs: 100, timeoutMs: 100_000 });
    expect(s.status, s.logs ?? '').toBe('done');
    const before = await ben.report(s.id);
    expect(before.charts.map((c) => c.title)).toEqual(['PGR per method']);
    expect(before.charts[0].svg).toContain('toy · dev');
    expect(before.charts[0].svg).not.toContain('toy · final');
    expect(before.charts[0].svg.match(/class="bar"/g)).toHaveLength(2);
    setChallengeState(server.sdb, 'toy', { revealed: true });
    try {
      const after = await ben.report(s.id);
      expect(after.charts[0].svg).toContain('toy · final');
      expect(after.charts[0].svg.match(/class="bar"/g)).toHaveLength(4);
      expect(after.notes.join(' ')).toMatch(/95% hierarchical bootstrap interval/);
    } finally {
      setChallengeState(server.sdb, 'toy', { revealed: false });
    }
    await expect(ben.report(999)).rejects.toThrow(/404 no submission 999/);
  });
});

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { csrfTokenIn } from '../support/accounts.js';
import { DEMO, startTestApp, type TestApp } from '../support/test-app.js';

export const OUTPUT = join(import.meta.dirname, '..', 'output');
export const README_SHOTS = join(import.meta.dirname, '..', 'screenshots');
const AXE = readFileSync(join(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * The Chromium the tests drive: Debian's headless shell (`chromium-headless-shell`, what Playwright itself
 * runs for headless tests) when it is installed, else the full browser. The same Blink renders and axe
 * checks the same page, but on this 2-core machine the shell opens a page for a third of the CPU and
 * starts for a third (measured in the README's "Tests"). CHROMIUM_PATH names another.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((path) => existsSync(path)) ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface BrowserTest {
  t: TestApp;
  browser: Browser;
  baseUrl: string;
  /** The browser contexts this file has open: closed with it. */
  contexts: Set<BrowserContext>;
  /** Closes this file's browser contexts and its app (the Chromium stays for the next file). */
  close(): Promise<void>;
}

// One Chromium per test process: the files of a group (test/groups/) share it, each in its own contexts.
// This hook sits at the top level of whichever file loads this module first, so it runs after the last file.
let launched: Promise<Browser> | undefined;
afterAll(async () => {
  const browser = launched;
  launched = undefined;
  if (browser) await (await browser).close();
});

/** The app on a throwaway database, listening on a free port, and the process's Chromium. */
export async function startBrowserTest(options: Parameters<typeof startTestApp>[0] = {}): Promise<BrowserTest> {
  const t = await startTestApp(options);
  launched ??= chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const browser = await launched;
  mkdirSync(OUTPUT, { recursive: true });
  const contexts = new Set<BrowserContext>();
  return {
    t,
    browser,
    baseUrl: t.url,
    contexts,
    async close() {
      await Promise.all([...contexts].map((context) => context.close()));
      await t.close();
    },
  };
}

/**
 * Each browser test's time limit: only a guard against a hang. A journey takes a minute on a quiet
 * machine and several under load (two suites side by side on 2 cores), so the guard sits well above.
 */
export const HANG_GUARD_MS = 600_000;

export const PHONE = { width: 360, height: 780 };
export const DESKTOP = { width: 1280, height: 900 };

export async function newContext(bt: BrowserTest, options: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const context = await bt.browser.newContext({
    baseURL: bt.baseUrl,
    viewport: options.viewport ?? DESKTOP,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    acceptDownloads: true,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  // Waits are on conditions (a URL, an element, a response), never a fixed pause. A loaded machine may take
  // its time: the cap is long, yet under HANG_GUARD_MS so a failure still names what it waited for.
  context.setDefaultTimeout(120_000);
  bt.contexts.add(context);
  context.on('close', () => bt.contexts.delete(context));
  return context;
}

/**
 * Signs in as the sign-in form does, without drawing it: the form's GET and POST go through the page's
 * own request context, which shares the browser's cookies, and then the page opens where the form leads.
 * Opening and filling the form costs a second of a loaded machine each time; the form itself is used by
 * `signInWithTheForm`, in the journeys.
 */
export async function signIn(page: Page, email: string, password = DEMO.demoPassword): Promise<void> {
  const request = page.context().request;
  const form = await request.get('/sign-in');
  const response = await request.post('/sign-in', { form: { _csrf: csrfTokenIn(await form.text()), email, password }, maxRedirects: 0 });
  if (response.status() !== 303) throw new Error(`Signing in as ${email} gave ${response.status()}, not a redirect`);
  await page.goto(response.headers().location);
}

/** Signs in through the sign-in page, as a person would. */
export async function signInWithTheForm(page: Page, email: string, password = DEMO.demoPassword): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/sign-in')), page.getByRole('button', { name: 'Sign in' }).click()]);
}

/**
 * Follows a link and waits until the page it leads to has loaded. A click alone returns once the
 * navigation has started, so reads straight after it can see the old page or a half-built one.
 */
export async function follow(link: Locator): Promise<void> {
  const href = await link.getAttribute('href');
  if (!href) throw new Error('follow: the link has no href');
  const page = link.page();
  const target = new URL(href, page.url());
  await Promise.all([page.waitForURL((url) => url.pathname === target.pathname && url.search === target.search), link.click()]);
}

/** Runs axe-core in the page; returns every violation, of any impact (minor ones too; expected: none). */
export async function axeViolations(page: Page): Promise<string[]> {
  // After a form post the page may still be loading (its scripts draw charts before the load event).
  await page.waitForLoadState('load');
  // Evaluated through the DevTools protocol: the page's CSP (scripts from 'self' only) does not apply to it.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE);
  // (Runs in the page; typed loosely because the test code is compiled without the DOM library.)
  const results = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
  });
  return results.violations
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

export async function expectAccessible(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

/**
 * A picture to look at, in the git-ignored test/output/: the whole page, or one part of it. Only taken
 * when SCREENSHOTS=1 is set: a full page costs a loaded machine about a second.
 */
export async function screenshot(target: Page | Locator, name: string): Promise<void> {
  if (!process.env.SCREENSHOTS) return;
  const path = join(OUTPUT, `${name}.png`);
  await ('goto' in target ? target.screenshot({ path, fullPage: true }) : target.screenshot({ path }));
}

/**
 * The README's pictures (test/screenshots/, kept in git): only written when README_SCREENSHOTS=1, so an
 * ordinary test run never touches tracked files. The visible part of the page, not the whole length.
 */
export async function readmeScreenshot(page: Page, name: string, height = 760): Promise<void> {
  if (!process.env.README_SCREENSHOTS) return;
  mkdirSync(README_SHOTS, { recursive: true });
  const viewport = page.viewportSize()!;
  await page.screenshot({ path: join(README_SHOTS, `${name}.png`), clip: { x: 0, y: 0, width: viewport.width, height: Math.min(height, viewport.height) } });
}

/** Nothing wider than the screen: a phone never has to scroll sideways (wide tables scroll inside their own box). */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return { scroll: root.scrollWidth, client: root.clientWidth };
  });
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

/** The visible text of the main content, for checking words on a page. */
export async function mainText(page: Page): Promise<string> {
  return page.locator('body').innerText();
}

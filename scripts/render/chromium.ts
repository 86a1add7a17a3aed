// Headless Chromium from Debian (`apt-get install -y chromium`) driven by puppeteer-core, with
// the real mermaid library loaded into the page: what the README picture and the chart tests
// draw with, so what they measure is what a browser draws, not only what a parser accepts.
// Missing Chromium is an error, never a reason to skip: `.ci/run` installs it.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** Debian's chromium package puts its launcher here; CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const require = createRequire(import.meta.url);
/** The browser build of mermaid (an IIFE that sets `window.mermaid`), as GitHub's viewer loads it. */
const MERMAID_SCRIPT = require.resolve('mermaid/dist/mermaid.min.js');
/** The in-page helpers that parse, draw and measure charts (plain browser JavaScript). */
const PROBE_SCRIPT = new URL('./chart-probe.js', import.meta.url).pathname;

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  return puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Chromium refuses to sandbox as root (CI runs as root on a throwaway machine); the pages
    // are this repository's own markdown and charts.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--font-render-hinting=none'],
  });
}

const BLANK = '<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>';

/** A page (`html`: a whole document) with mermaid and the chart probe loaded, `width` CSS px wide. */
export async function mermaidPage(browser: Browser, width: number, html = BLANK): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 800, deviceScaleFactor: 1 });
  await page.setContent(html);
  await page.addScriptTag({ path: MERMAID_SCRIPT });
  await page.addScriptTag({ path: PROBE_SCRIPT });
  return page;
}

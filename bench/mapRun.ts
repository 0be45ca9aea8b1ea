/**
 * The browser half of `bench/map.ts` (run as its own process with tsx: playwright-core does not
 * bundle): opens a static site written by `decision-lens export --html` in headless Chromium from
 * file:// and prints, as one JSON line, the time from navigation to the first frame with the map
 * drawn (and from the data being there, `data.js` run, to that frame; how many decision boxes
 * that frame had inside the window, and cluster boxes), the map's own render time (layout and SVG), the same for the timeline, and the frame
 * times of 120 animation frames of panning and zooming.
 *
 *   node --import tsx bench/mapRun.ts SITE_DIR [PROFILE_DIR]
 *
 * With PROFILE_DIR, each load is recorded by Chromium's CPU profiler (CDP `Profiler`, 100 µs
 * sampling) and written as `map-load-N.cpuprofile` (open it in Chrome DevTools' Performance tab).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];

/**
 * 120 animation frames, each panning the map or zooming it with a wheel event around the pointer
 * (as a person does); resolves with the time between frames, ms.
 */
const FRAMES_SCRIPT = `new Promise((done) => {
  const map = window.decisionLensMap;
  const svg = document.querySelector('svg.drawing');
  const times = [];
  let last = performance.now();
  let i = 0;
  function step(now) {
    times.push(now - last);
    last = now;
    if (i % 2 === 0) map.panBy(7, 4);
    else svg.dispatchEvent(new WheelEvent('wheel', { deltaY: i % 4 === 1 ? -40 : 40, clientX: 600, clientY: 400, bubbles: true, cancelable: true }));
    if (++i < 121) requestAnimationFrame(step);
    else done(times.slice(1));
  }
  requestAnimationFrame(step);
})`;

async function main(): Promise<void> {
  const site = process.argv[2];
  if (!site) throw new Error('usage: mapRun.ts SITE_DIR [PROFILE_DIR]');
  const profileDir = process.argv[3];
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    const firstRender: number[] = [];
    const renderMs: number[] = [];
    const fromData: number[] = [];
    const cdp = profileDir ? await page.context().newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    }
    for (let run = 0; run < 3; run++) {
      if (cdp) await cdp.send('Profiler.start');
      await page.goto(pathToFileURL(join(site, 'index.html')).href);
      await page.waitForFunction(() => performance.getEntriesByName('decision-lens-map-painted').length > 0, undefined, { timeout: 120_000 });
      if (cdp && profileDir) {
        const { profile } = await cdp.send('Profiler.stop');
        writeFileSync(join(profileDir, `map-load-${run + 1}.cpuprofile`), JSON.stringify(profile));
      }
      firstRender.push(await page.evaluate(() => performance.getEntriesByName('decision-lens-map-painted')[0].startTime));
      const data = await page.evaluate(() => performance.getEntriesByName('decision-lens-map-data')[0]?.startTime);
      if (data !== undefined) fromData.push(firstRender[firstRender.length - 1] - data);
      renderMs.push(await page.evaluate(() => (window as unknown as { decisionLensMap: { lastRenderMs: number } }).decisionLensMap.lastRenderMs));
    }
    const nodes = await page.locator('.node.decision').count();
    // What the first frame showed: decision boxes inside the window, and cluster boxes drawn.
    const visible = (await page.evaluate(
      `[...document.querySelectorAll('.node.decision')].filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight; }).length`,
    )) as number;
    const clusters = await page.locator('.cluster').count();
    // A string, not a function: tsx's helpers (`__name`) do not exist in the page.
    const frames = (await page.evaluate(FRAMES_SCRIPT)) as number[];
    await page.getByRole('radio', { name: 'Timeline' }).click();
    await page.locator('.lane-label').first().waitFor();
    const timelineMs = await page.evaluate(() => (window as unknown as { decisionLensMap: { lastRenderMs: number } }).decisionLensMap.lastRenderMs);
    process.stdout.write(JSON.stringify({ nodes, visible, clusters, firstRender, fromData, renderMs, frames, timelineMs }) + '\n');
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});

/**
 * The Decision Map with the benchmark's decisions (2,000 at the default scale): the index is
 * exported as the static site of `decision-lens export --html` (the map's own bundle, the same
 * one the webview loads) and opened in headless Chromium from file:// by `bench/mapRun.ts` in a
 * child process. Measured: time from navigation to the first frame with the map drawn (median of
 * 3 loads; target < 1 s), the map's render (layout by dagre and the SVG) and the timeline's, and
 * the frame time while panning and zooming (120 frames, median and p95; target < 50 ms).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportCommand } from '../src/cli/commands/export';
import type { DecisionIndex } from '../src/core/index';
import { median, percentile } from './rng';

/** What `measureMap` reports. */
export interface MapResults {
  readonly decisions: number;
  /** Decision boxes inside the window at the first frame (all of them when the map fits). */
  readonly visibleDecisions: number;
  /** Cluster boxes drawn. */
  readonly clusters: number;
  /** Navigation to the first frame with the map drawn, ms (median of 3 loads). */
  readonly firstRenderMs: number;
  /** The 3 loads' first render, ms. */
  readonly firstRenderSamples: readonly number[];
  /** From the data being there (the site's `data.js` run) to the first frame with the map drawn, ms (median of 3; NaN for a bundle without the `decision-lens-map-data` mark). */
  readonly dataToFrameMs: number;
  /** Layout and SVG of the graph, ms (median of 3). */
  readonly renderMs: number;
  readonly timelineRenderMs: number;
  readonly frameMedianMs: number;
  readonly frameP95Ms: number;
  readonly error?: string;
}

/**
 * Measures the map of an index.
 * @param repoRoot the repository (for `dist/map.js`, built here with `--production`, and `bench/mapRun.ts`).
 * @param profileDir when set, Chromium's CPU profile of each first load is written there
 *   (`map-load-N.cpuprofile`, Chrome DevTools' format).
 * @returns the figures, or `undefined` with a logged reason when Chromium is not installed.
 */
export function measureMap(index: DecisionIndex, root: string, repoRoot: string, log: (m: string) => void, profileDir?: string): MapResults | undefined {
  if (!existsSync('/usr/bin/chromium')) {
    log('map: /usr/bin/chromium not installed; not measured');
    return undefined;
  }
  const dist = join(repoRoot, 'dist');
  // Always the current sources, minified as they ship (a stale dist/map.js would measure old code).
  const build = spawnSync(process.execPath, ['esbuild.config.mjs', '--production'], { cwd: repoRoot, stdio: 'ignore' });
  if (build.status !== 0 || !existsSync(join(dist, 'map.js'))) throw new Error('map: the production build (node esbuild.config.mjs --production) failed');
  const dir = mkdtempSync(join(tmpdir(), 'dl-bench-map-'));
  try {
    const site = join(dir, 'site');
    exportCommand(index, root, { stdout: () => undefined, stderr: () => undefined, cwd: dir }, { html: site }, { bundleDir: dist });
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench', 'mapRun.ts'), site, ...(profileDir ? [profileDir] : [])], { cwd: repoRoot, encoding: 'utf8', timeout: 600_000 });
    if (run.status !== 0) throw new Error(`mapRun failed: ${(run.stderr ?? '').slice(-2000)}`);
    const out = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { nodes: number; visible: number; clusters: number; firstRender: number[]; fromData: number[]; renderMs: number[]; frames: number[]; timelineMs: number };
    const results: MapResults = {
      decisions: out.nodes,
      visibleDecisions: out.visible,
      clusters: out.clusters,
      firstRenderMs: median(out.firstRender),
      firstRenderSamples: out.firstRender,
      dataToFrameMs: median(out.fromData),
      renderMs: median(out.renderMs),
      timelineRenderMs: out.timelineMs,
      frameMedianMs: median(out.frames),
      frameP95Ms: percentile(out.frames, 95),
    };
    log(`map: ${results.decisions} decisions (${results.visibleDecisions} in the window, ${results.clusters} cluster boxes), first render ${results.firstRenderMs.toFixed(0)} ms (layout + SVG ${results.renderMs.toFixed(0)} ms), pan/zoom frames ${results.frameMedianMs.toFixed(1)} ms median, ${results.frameP95Ms.toFixed(1)} ms p95`);
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The map's rows of the benchmark's targets table. */
export function mapTargets(map: MapResults): { name: string; target: string; value: string; met: boolean | undefined }[] {
  return [
    { name: `Decision Map first render, ${map.decisions} decisions (Chromium)`, target: '< 1 s', value: `${map.firstRenderMs.toFixed(0)} ms`, met: map.firstRenderMs < 1000 },
    { name: 'Decision Map pan/zoom frame (median / p95)', target: '< 50 ms', value: `${map.frameMedianMs.toFixed(1)} / ${map.frameP95Ms.toFixed(1)} ms`, met: map.frameP95Ms < 50 },
  ];
}

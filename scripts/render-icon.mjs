#!/usr/bin/env node
// Renders the marketplace icon: media/icon.svg -> media/icon.png (128 x 128, transparent corners)
// with the system Chromium driven by playwright-core (no browser download).
//
//   node scripts/render-icon.mjs            # writes media/icon.png
//   node scripts/render-icon.mjs --check    # exits 1 when media/icon.png is not 128 x 128
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH } from './lib/testEnv.mjs';
import { REPO_ROOT } from './lib/vsix.mjs';

const SIZE = 128;
const svgPath = join(REPO_ROOT, 'media', 'icon.svg');
const pngPath = join(REPO_ROOT, 'media', 'icon.png');

/**
 * Width and height of a PNG from its IHDR chunk.
 * @param {Buffer} png the file's bytes
 * @returns {{ width: number; height: number }}
 * @throws Error when the bytes are not a PNG
 */
export function pngSize(png) {
  const signature = '89504e470d0a1a0a';
  if (png.subarray(0, 8).toString('hex') !== signature || png.subarray(12, 16).toString('latin1') !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

async function render() {
  const svg = readFileSync(svgPath, 'utf8');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
    await page.setContent(
      `<!DOCTYPE html><html><head><style>html,body{margin:0;background:transparent}svg{display:block;width:${SIZE}px;height:${SIZE}px}</style></head><body>${svg}</body></html>`,
    );
    const png = await page.locator('svg').screenshot({ omitBackground: true, type: 'png' });
    writeFileSync(pngPath, png);
    const { width, height } = pngSize(png);
    console.log(`${pngPath}: ${width} x ${height}, ${png.length} bytes`);
  } finally {
    await browser.close();
  }
}

if (process.argv.includes('--check')) {
  const { width, height } = pngSize(readFileSync(pngPath));
  if (width !== SIZE || height !== SIZE) {
    console.error(`${pngPath} is ${width} x ${height}, expected ${SIZE} x ${SIZE}: run node scripts/render-icon.mjs`);
    process.exit(1);
  }
  console.log(`${pngPath}: ${width} x ${height}`);
} else {
  await render();
}

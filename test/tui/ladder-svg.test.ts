// `ndsim ladder`: the SVG and HTML writers, and the SVG as a browser shows it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ladderCommand } from '../../src/cli/ladder.ts';
import { arrowLabel, ladderHtml, ladderSvg } from '../../src/tui/ladder-svg.ts';
import { ladderArrows } from '../../src/tui/ladder.ts';
import { parseFilter, visibleFrames } from '../../src/tui/filter.ts';
import { modelFor } from './helpers.ts';

const { model } = modelFor('scenarios/seed-slaac.yaml');
const rec = model.recording;
const cache = model.cache;
const slide = (() => {
  const f = parseFilter('A !mld', rec.nodes);
  if (!f.ok) throw new Error(f.error);
  return visibleFrames(f.filter, rec);
})();

describe('ladderSvg', () => {
  it('"A !mld" draws the seminar slide: (1) DAD NS, (2) RS, (3) RA, (4) DAD NS', () => {
    const labels = ladderArrows(rec, slide, cache).map(arrowLabel);
    expect(labels.map((l) => /^\((\d)\) (DAD NS|RS|RA)/.exec(l)?.slice(1).join(' '))).toEqual(['1 DAD NS', '2 RS', '3 RA', '4 DAD NS']);
    const svg = ladderSvg(rec, slide, cache, { title: rec.scenario.name });
    for (const l of labels) expect(svg).toContain(l.replace(/>/g, '&gt;'));
  });

  it('one arrow line per receiver (rx events), arrowheads only where the frame was accepted', () => {
    const all = visibleFrames(null, rec);
    const svg = ladderSvg(rec, all, cache);
    const lines = svg.match(/<line [^>]*marker-end=/g) ?? [];
    const receptions = all.reduce((n, id) => n + (rec.receivers.get(id) ?? []).filter((r) => r !== rec.frames[id].node).length, 0);
    expect(lines.length).toBe(receptions);
    expect((svg.match(/<g>/g) ?? []).length).toBe(all.length);
    // Well-formed enough for a browser: every tag opened is closed.
    for (const tag of ['svg', 'g', 'text', 'title', 'defs', 'marker']) {
      expect((svg.match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length, tag).toBe((svg.match(new RegExp(`</${tag}>`, 'g')) ?? []).length);
    }
  });

  it('the HTML page makes every arrow clickable and carries each frame\'s details', () => {
    const html = ladderHtml(rec, slide, cache, 'en', rec.scenario.name);
    for (const id of slide) expect(html).toContain(`data-frame="${id}"`);
    const data = JSON.parse(/const FRAMES = (.*);\n/.exec(html)![1]);
    expect(Object.keys(data).map(Number)).toEqual(slide);
    const rs = slide.find((id) => rec.frames[id].frame?.ipv6?.icmpv6?.type === 133)!;
    expect(data[rs].explanation).toContain('A asks the routers on the link to advertise now');
    expect(data[rs].tree[0]).toMatch(/^Ethernet: 00:11:22:33:44:55 > 33:33:00:00:00:02/);
  });

  it('ndsim ladder writes both files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ndsim-ladder-'));
    await ladderCommand({ file: 'scenarios/seed-slaac.yaml', svg: join(dir, 'l.svg'), html: join(dir, 'l.html'), filter: 'A !mld', lang: 'ja', until: '8s' });
    expect(readFileSync(join(dir, 'l.svg'), 'utf8')).toMatch(/^<svg /);
    expect(readFileSync(join(dir, 'l.html'), 'utf8')).toContain('<html lang="ja">');
  });
});

const chromium = ['chromium', 'chromium-browser'].find((c) => {
  try {
    execFileSync(c, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
if (!chromium) {
  if (process.env.CI) throw new Error('chromium is required in CI (.ci/run installs it)');
  console.warn('SKIPPED: rendering the ladder SVG in headless Chromium (chromium is not installed)');
}

/** Decodes an 8-bit RGB(A) PNG's pixels enough to count non-white ones. */
async function inkedPixels(png: Buffer): Promise<{ width: number; height: number; inked: number }> {
  const { inflateSync } = await import('node:zlib');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const depth = png[24];
  const colourType = png[25];
  expect(depth).toBe(8);
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 0;
  expect(channels).toBeGreaterThan(0);
  const idat: Buffer[] = [];
  for (let off = 8; off < png.length; ) {
    const len = png.readUInt32BE(off);
    const type = png.toString('latin1', off + 4, off + 8);
    if (type === 'IDAT') idat.push(png.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const prev = new Uint8Array(stride);
  const cur = new Uint8Array(stride);
  let inked = 0;
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels] : 0;
      const b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      const x = line[i];
      cur[i] = (filter === 0 ? x : filter === 1 ? x + a : filter === 2 ? x + b : filter === 3 ? x + ((a + b) >> 1) : x + paeth) & 0xff;
    }
    for (let px = 0; px < width; px++) {
      const o = px * channels;
      if (cur[o] < 200 || cur[o + 1] < 200 || cur[o + 2] < 200) inked++;
    }
    prev.set(cur);
  }
  return { width, height, inked };
}

describe.skipIf(!chromium)('the ladder SVG in headless Chromium', () => {
  it('renders to a non-blank screenshot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ndsim-chromium-'));
    const svgFile = join(dir, 'ladder.svg');
    writeFileSync(svgFile, ladderSvg(rec, slide, cache, { title: rec.scenario.name }));
    const png = join(dir, 'ladder.png');
    execFileSync(chromium!, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', `--user-data-dir=${join(dir, 'profile')}`, '--window-size=900,400', `--screenshot=${png}`, `file://${svgFile}`], {
      stdio: 'ignore',
      timeout: 90_000,
    });
    expect(existsSync(png)).toBe(true);
    expect(statSync(png).size).toBeGreaterThan(1000);
    const { width, height, inked } = await inkedPixels(readFileSync(png));
    expect([width, height]).toEqual([900, 400]);
    // Text, lifelines and arrows: far more than a blank page, far less than a filled one.
    expect(inked).toBeGreaterThan(500);
    expect(inked).toBeLessThan(width * height * 0.5);
  }, 120_000);
});

// Accessibility check of a built status site (docs/status.md): serves SITE on 127.0.0.1, opens every
// page in Debian's headless Chromium through puppeteer-core, runs axe-core (WCAG 2.0-2.2 A/AA and best
// practices) and fails on any serious or critical violation. Also checks that the SRI-linked stylesheet
// applied and that no CSP violation was reported, and screenshots the English home page into OUT.
// Usage: node check.mjs SITE OUT
import { createServer } from 'node:http';
import { readFileSync, writeFileSync, mkdirSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, extname, relative, resolve, sep } from 'node:path';
import { inflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';

const [site, out] = process.argv.slice(2).map((p) => resolve(p));
if (!site || !out || !existsSync(join(site, 'SHA256SUMS'))) {
  console.error('usage: node check.mjs SITE OUT (SITE: a folder `mbp status build` wrote)');
  process.exit(2);
}
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8' };

function pages(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? pages(p) : n.endsWith('.html') ? [relative(site, p).split(sep).join('/')] : [];
  });
}

// Not blank: the inflated pixel data of a PNG takes many byte values (a blank page takes a handful).
function nonBlank(png) {
  let off = 8;
  const idat = [];
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    const type = png.toString('ascii', off + 4, off + 8);
    if (type === 'IDAT') idat.push(png.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const seen = new Set(inflateSync(Buffer.concat(idat)));
  return seen.size;
}

const server = createServer((req, res) => {
  const path = resolve(site, '.' + decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname));
  if (!path.startsWith(site) || !existsSync(path) || statSync(path).isDirectory()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(path)] || 'application/octet-stream' });
  res.end(readFileSync(path));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'],
});
const results = [];
let failed = 0;
try {
  for (const p of pages(site).sort()) {
    const page = await browser.newPage();
    const cspErrors = [];
    page.on('console', (m) => { if (/Content Security Policy|integrity/i.test(m.text())) cspErrors.push(m.text()); });
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(base + p, { waitUntil: 'load' });
    const styled = await page.evaluate(() => getComputedStyle(document.body).maxWidth);
    // axe is injected by the test only: the site itself has no script and its CSP forbids one
    await page.setBypassCSP(true);
    await page.reload({ waitUntil: 'load' });
    await page.addScriptTag({ content: axeSource });
    const r = await page.evaluate(() => axe.run(document, { runOnly: { type: 'tag',
      values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, resultTypes: ['violations'] }));
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const problems = [...bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
      ...cspErrors, ...(styled === '960px' ? [] : [`stylesheet not applied (SRI or CSP refused it): body max-width ${styled}`])];
    failed += problems.length;
    results.push({ page: p, violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })), problems });
    console.log(`${problems.length ? '✗' : '✓'} ${p}: ${r.violations.length} violation(s), ${bad.length} serious or critical`);
    problems.forEach((x) => console.log('    ' + x));
    await page.close();
  }
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(base + 'en/index.html', { waitUntil: 'load' });
  mkdirSync(out, { recursive: true });
  const png = Buffer.from(await page.screenshot({ fullPage: true, type: 'png' }));
  writeFileSync(join(out, 'status-home.png'), png);
  const values = nonBlank(png);
  const shotOk = png.length > 10_000 && values > 32;
  console.log(`${shotOk ? '✓' : '✗'} screenshot ${join(out, 'status-home.png')}: ${png.length} bytes, ${values} distinct pixel byte values`);
  failed += shotOk ? 0 : 1;
} finally {
  await browser.close();
  server.close();
}
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'axe-results.json'), JSON.stringify({ site, pages: results }, null, 2) + '\n');
console.log(`${results.length} pages, ${failed} problem(s): ${failed ? 'FAILED' : 'passed'}`);
process.exit(failed ? 1 : 0);

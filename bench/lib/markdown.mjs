// `node bench/run.mjs --markdown`: the committed results as Markdown, for the root README's Performance section.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const ratio = (r) => (r >= 10 ? `${r.toFixed(1)}×` : r >= 0.1 ? `${r.toFixed(2)}×` : `${r.toFixed(3)}×`);
const bytes = (b) =>
  b == null ? '–' : b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : b >= 1e4 ? `${Math.round(b / 1e3)} kB` : String(b);
const SHORT = [
  [/^Buffer#toString\('base64'\)/, 'Buffer base64'],
  [/^Buffer\.from\(text, 'base64'\)/, 'Buffer base64'],
  [/^crypto\.getRandomValues/, 'getRandomValues'],
  [/^node:crypto randomBytes/, 'node:crypto randomBytes'],
  [/^node:crypto createHmac/, 'node:crypto createHmac'],
];
const PEER = { otplib: 'otplib 13', otplib12: 'otplib 12' };
function label(c) {
  if (c.package === 'totp-config') return c.name.replace(/^totp-config /, '');
  if (c.floor) return 'floor';
  if (c.reference) return `${SHORT.find(([re]) => re.test(c.name))?.[1] ?? c.name} (reference)`;
  return PEER[c.package] ?? c.package;
}

export function markdown(resultsDir, order) {
  const files = existsSync(resultsDir) ? readdirSync(resultsDir).filter((f) => f.endsWith('.json')) : [];
  const results = files.map((f) => JSON.parse(readFileSync(join(resultsDir, f), 'utf8')));
  results.sort((a, b) => order.indexOf(a.job) - order.indexOf(b.job));
  const out = [
    'Ratios are ops/s relative to totp-config (0.20× = a fifth of our operations per second); heap is bytes allocated per call.',
    '',
    "| job | ours ÷ fastest peer (target) | each case's ops/s ÷ ours | heap B/op: ours; peers |",
    '| --- | --- | --- | --- |',
  ];
  const versions = new Map();
  let scaling;
  for (const r of results) {
    if (r.scaling) {
      scaling = r;
      continue;
    }
    if (r.sizes) continue; // qr-sizes: the README's sizes table, not a timing row
    const base = r.cases.find((c) => c.package === 'totp-config');
    for (const c of r.cases) if (!c.reference && c.package !== 'totp-config') versions.set(label(c), c.version);
    const t = r.target;
    const target = t
      ? `**${ratio(t.achieved)}** vs ${PEER[t.against.split(' ')[0]] ?? t.against.split(' ')[0]} (≥${t.ratio}×: ${t.met ? 'met' : '**missed**'})` +
        (t.floorRatio != null
          ? `; floor ${ratio(t.floorRatio)} of ours (≤${t.floor}×: ${t.floorMet ? 'met' : '**missed**'})`
          : '') +
        (t.maxHeapBytes != null
          ? `; heap ${Math.round(t.heapAchieved)} B (≤${t.maxHeapBytes}: ${t.heapMet ? 'met' : '**missed**'})`
          : '')
      : '—';
    const cases = r.cases
      .filter((c) => c !== base)
      .map((c) => `${label(c)}${c.async ? ' (async)' : ''} ${ratio(c.ratioToOurs)}`)
      .join(', ');
    const peers = r.cases
      .filter((c) => c.package !== 'totp-config' && !c.reference)
      .map((c) => bytes(c.heapBytesPerOp));
    out.push(`| ${r.job} | ${target} | ${cases} | ${bytes(base.heapBytesPerOp)}; ${peers.join(', ') || '—'} |`);
  }
  if (scaling) {
    const v = scaling.verdict;
    out.push(
      '',
      `scaling (generateUserConfiguration): ${scaling.scaling.map((s) => `${s.batch.toLocaleString('en-US')} calls ${Math.round(s.nsPerOp)} ns/call`).join(', ')}; ` +
        `cost ${v.linear ? 'linear' : 'not linear'}, heap after GC ${v.flat ? 'flat' : 'growing'} (${v.heapGrowth < 0 ? '−' : '+'}${Math.abs(Math.round(v.heapGrowth / 1024))} KiB over the start).`,
    );
  }
  for (const r of results.filter((r) => r.extra?.bundleSizes)) {
    const sizes = r.extra.bundleSizes;
    out.push(
      '',
      `${r.job} bundles, minified, gzip -9: ${sizes.map((s) => `${s.name} ${(s.minGzBytes / 1000).toFixed(1)} kB`).join(', ')}.`,
    );
  }
  const env = results.find((r) => r.environment)?.environment;
  out.push('', `Peers: ${[...versions].map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  if (env)
    out.push(
      `Machine: ${env.cpu}, ${env.cores} cores (shared VM), Node ${env.node}, ${env.date.slice(0, 10)}. Command: \`node bench/run.mjs --save\`.`,
    );
  return out.join('\n');
}

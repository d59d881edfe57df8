// Turns a job's raw figures into ratios, a table and a target verdict.

const si = (x) => {
  if (!Number.isFinite(x)) return '–';
  if (x >= 1e9) return `${(x / 1e9).toFixed(2)} G`;
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)} M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)} k`;
  return x.toFixed(1);
};
const fixed = (x, d) => (x == null || !Number.isFinite(x) ? '–' : x.toFixed(d));
const bytes = (x) => (x == null ? '–' : x < 10 ? x.toFixed(1) : String(Math.round(x)));
const ns = (x) =>
  x >= 1e6
    ? `${(x / 1e6).toFixed(2)} ms`
    : x >= 1e4
      ? `${(x / 1e3).toFixed(1)} µs`
      : `${x.toFixed(x < 100 ? 1 : 0)} ns`;
export const ratioText = (r) => (r >= 10 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`);

/** Adds opsPerSec, ratio (the case's ops/s over ours) and MB/s to each case, and evaluates the target. */
export function analyse(result) {
  const cases = result.cases;
  const base = cases.find((c) => c.base);
  for (const c of cases) {
    c.nsPerOp = c.ns;
    c.opsPerSec = 1e9 / c.ns;
    c.ratio = c.opsPerSec / (1e9 / base.ns);
    const sorted = [...c.roundsNs].sort((a, b) => a - b);
    c.spread = (sorted.at(-1) - sorted[0]) / 2 / c.ns; // ± half the range of the round medians
    if (result.bytesPerOp) c.mbPerSec = (result.bytesPerOp * c.opsPerSec) / 1e6;
  }
  const t = result.target;
  if (t) {
    const peers = cases.filter((c) => !c.ours && !c.reference && (t.vs === 'fastest' || c.package === t.vs));
    const against = peers.reduce((a, b) => (b.opsPerSec > a.opsPerSec ? b : a));
    t.against = `${against.package} ${against.version}`;
    t.achieved = base.opsPerSec / against.opsPerSec;
    t.met = t.achieved >= t.ratio;
    // The floor: the least work that yields the same result, measured in the same run; ours may be at most
    // `t.floor` times slower than it.
    const floor = cases.find((c) => c.floor);
    if (t.floor != null && floor) {
      t.floorRatio = floor.opsPerSec / base.opsPerSec;
      t.floorMet = t.floorRatio <= t.floor;
    }
    if (t.maxHeapBytes != null && base.heapBytesPerOp != null) {
      t.heapAchieved = base.heapBytesPerOp;
      t.heapMet = base.heapBytesPerOp <= t.maxHeapBytes;
    }
  }
  return result;
}

function table(header, rows, alignLeft = 2) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) =>
    r.map((v, i) => (i < alignLeft ? String(v).padEnd(widths[i]) : String(v).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const scalingLine = (v) =>
  `cost per call ${v.linear ? 'linear' : 'NOT linear'} (fastest runs of batches ≥1e4: largest rise over a smaller batch ${ratioText(v.costSpread)}, linear if ≤1.5×); heap ${v.flat ? 'flat' : 'GROWS'} (${(v.heapGrowth / 1024).toFixed(0)} KiB over the start, flat if < 1 MiB)`;

export function targetLines(result) {
  if (result.scaling) return [scalingLine(result.verdict)];
  const t = result.target;
  if (!t) return [];
  const lines = [
    `target ≥${t.ratio}× ${t.vs === 'fastest' ? 'the fastest peer' : t.vs} (${t.against}): ${ratioText(t.achieved)} — ${t.met ? 'met' : 'MISSED'}`,
  ];
  if (t.floorRatio != null)
    lines.push(
      `target ours within ${t.floor}× of the floor: ${ratioText(t.floorRatio)} — ${t.floorMet ? 'met' : 'MISSED'}`,
    );
  if (t.maxHeapBytes != null)
    lines.push(
      `target ≤${t.maxHeapBytes} heap bytes per call: ${t.heapAchieved == null ? 'not measured' : `${bytes(t.heapAchieved)} — ${t.heapMet ? 'met' : 'MISSED'}`}`,
    );
  return lines;
}

export function render(result) {
  const out = [`\n## ${result.job}: ${result.title}`];
  if (result.sizes) {
    out.push(
      table(
        ['output', 'version', 'format', 'bytes', 'symbol'],
        result.sizes.map((s) => [s.name, s.version ?? '', s.format, s.bytes, `v${s.symbolVersion}`]),
      ),
    );
    return out.join('\n');
  }
  if (result.scaling) {
    out.push(
      table(
        ['batch', 'ops/s', 'ns/op (median)', 'ns/op (fastest run)', 'heapUsed after GC'],
        result.scaling.map((r) => [
          r.batch.toLocaleString('en-US'),
          si(r.opsPerSec),
          ns(r.nsPerOp),
          ns(r.minNsPerOp),
          `${(r.heapAfterGc / 2 ** 20).toFixed(2)} MiB`,
        ]),
        1,
      ),
    );
    out.push(scalingLine(result.verdict));
    return out.join('\n');
  }
  const mb = !!result.bytesPerOp;
  const header = ['case', 'version', 'ops/s', 'ns/op', '± rounds', '× ours', 'heap B/op', ...(mb ? ['MB/s'] : [])];
  const rows = result.cases.map((c) => [
    c.name + (c.floor ? ' [floor]' : c.reference ? ' [reference]' : '') + (c.async ? ' [async]' : ''),
    c.version,
    si(c.opsPerSec),
    ns(c.nsPerOp),
    `${(c.spread * 100).toFixed(0)}%`,
    ratioText(c.ratio),
    bytes(c.heapBytesPerOp),
    ...(mb ? [fixed(c.mbPerSec, 1)] : []),
  ]);
  out.push(table(header, rows));
  out.push(...targetLines(result));
  for (const c of result.cases) if (c.note) out.push(`note: ${c.name}: ${c.note}`);
  if (result.extra?.bundleSizes) {
    out.push('\nbundle size (esbuild --bundle --minify, browser, then gzip -9):');
    out.push(
      table(
        ['entry', 'version', 'min bytes', 'min+gz bytes'],
        result.extra.bundleSizes.map((s) => [s.name, s.version ?? '', s.minBytes, s.minGzBytes]),
      ),
    );
  }
  return out.join('\n');
}

import { gc, median } from '../lib/harness.mjs';
import { USER, ISSUER, checkOtpauth, checkFresh } from './common.mjs';

const heapUsed = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

export default {
  name: 'scaling',
  title: 'generateUserConfiguration in batches of 1e3 … 1e6: cost per call and heap after GC',
  needs: [['index.js', 'generateUserConfiguration', 'src/configuration.ts']],
  // Custom runner: there are no peers, only our function at growing batch sizes. Each batch keeps a rolling
  // reference to the last result only, so a flat heap after GC shows nothing is retained per call.
  async run({ 'index.js': ours }, mode) {
    const a = ours.generateUserConfiguration(USER, ISSUER);
    const b = ours.generateUserConfiguration(USER, ISSUER);
    checkOtpauth(a.otpauth_str, a.secret, 'generateUserConfiguration');
    checkOtpauth(b.otpauth_str, b.secret, 'generateUserConfiguration');
    checkFresh(a.secret, b.secret, 'generateUserConfiguration');

    const quick = mode === 'quick';
    const sizes = quick ? [1e2, 1e3] : [1e3, 1e4, 1e5, 1e6];
    const reps = quick ? 1 : 3;
    let last;
    const batch = (n) => {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) last = ours.generateUserConfiguration(USER, ISSUER);
      return Number(process.hrtime.bigint() - t0);
    };
    batch(quick ? 1e2 : 1e4); // warm-up
    const heapStart = heapUsed();
    const rows = [];
    // Interleave the sizes within each repetition, so a noisy moment does not land on one size only.
    const ns = sizes.map(() => []);
    const heap = sizes.map(() => []);
    for (let r = 0; r < reps; r++) {
      for (let k = 0; k < sizes.length; k++) {
        const i = (k + r) % sizes.length;
        heapUsed();
        ns[i].push(batch(sizes[i]) / sizes[i]);
        heap[i].push(heapUsed());
      }
    }
    checkOtpauth(last.otpauth_str, last.secret, 'generateUserConfiguration (last of the batch)');
    sizes.forEach((n, i) => {
      const nsPerOp = median(ns[i]);
      rows.push({
        batch: n,
        nsPerOp,
        minNsPerOp: Math.min(...ns[i]),
        opsPerSec: 1e9 / nsPerOp,
        heapAfterGc: Math.max(...heap[i]),
        roundsNsPerOp: ns[i],
      });
    });
    // Linear: the cost per call never rises by more than 1.5× as the batch grows. Judged on each size's
    // fastest run (the one least disturbed by other processes), from 1e4 calls up: a batch of 1e3 allocates
    // less than the young generation holds and runs without any scavenge. A larger batch being cheaper (the
    // optimising compiler had longer) is no failure.
    const perOp = rows.filter((r) => r.batch >= 1e4 || quick).map((r) => r.minNsPerOp);
    let costSpread = 1;
    for (let i = 1; i < perOp.length; i++) costSpread = Math.max(costSpread, perOp[i] / Math.min(...perOp.slice(0, i)));
    const heapGrowth = Math.max(...rows.map((r) => r.heapAfterGc)) - heapStart;
    return {
      scaling: rows,
      heapStart,
      verdict: {
        linear: costSpread <= 1.5,
        costSpread,
        flat: heapGrowth < 1 << 20,
        heapGrowth,
      },
    };
  },
};

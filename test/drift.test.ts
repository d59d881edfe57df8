// Clock drift, with oathtool (OATH Toolkit) playing a phone whose clock is minutes off: `oathtool --totp --now`
// set to the phone's time prints the code that phone shows, and verifyTotp checks it at the server's time. The
// server follows the phone with `drift` (the `delta` stored at the last success), lets a user who fixes the clock
// back in, and refuses a device further off than MAX_DRIFT steps.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { base32Encode, bruteForceOdds, MAX_DRIFT, totpStep, totpTimeRemaining, verifyTotp } from '../src/index.js';
import { requireTool, runs } from './helpers/tools.js';

// Fixed, with fixed times: a chance collision of two codes (one in a million) would then fail every run, not one.
const SECRET = base32Encode(createHash('sha256').update('drift test').digest().subarray(0, 20));
const MINUTE = 60_000;
/** The server's time at the start, in ms: the middle of a step, so that ± a few seconds stay in it. */
const START = (totpStep(1_800_000_000_000) + 0.5) * 30_000;

/** The code a phone whose clock reads `phoneTime` (ms) shows, as oathtool computes it. */
function phoneCode(phoneTime: number): string {
  const seconds = Math.floor(phoneTime / 1000);
  const result = spawnSync('oathtool', ['--totp', '--base32', `--now=@${seconds}`, SECRET], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

test('oathtool as a phone minutes off: enrollment finds the offset, later codes follow it, a fixed clock gets back in', (t) => {
  if (!requireTool(t, runs('oathtool', ['--version']), 'oathtool', 'apt-get install oathtool')) return;
  const steps = (skew: number) => Math.round(skew / 30_000);

  // Enrollment: the phone is 4 minutes ahead. The usual ±1 window misses its code; the wide first window (the
  // README's: window MAX_DRIFT around drift 0) finds it.
  let now = START;
  let skew = 4 * MINUTE;
  assert.equal(verifyTotp(phoneCode(now + skew), SECRET, { time: now }), null, '±1 step does not reach 4 minutes');
  const first = verifyTotp(phoneCode(now + skew), SECRET, { time: now, window: MAX_DRIFT, drift: 0 });
  assert.deepEqual(first, { step: totpStep(now) + 8, delta: steps(skew) });
  let drift = first!.delta;
  let lastStep = first!.step;

  // An hour later, same offset: the ±1 window around the stored drift accepts it.
  now += 60 * MINUTE;
  let match = verifyTotp(phoneCode(now + skew), SECRET, { time: now, drift, after: lastStep });
  assert.deepEqual(match, { step: totpStep(now) + 8, delta: 8 });

  // The phone keeps drifting: 30 s more each time, and the stored offset follows it, up to 10 minutes.
  while (skew < 10 * MINUTE) {
    now += 60 * MINUTE;
    skew += 30_000;
    match = verifyTotp(phoneCode(now + skew), SECRET, { time: now, drift, after: lastStep });
    assert.ok(match, `${skew / MINUTE} minutes ahead, stored drift ${drift}`);
    assert.equal(match.delta, steps(skew));
    [drift, lastStep] = [match.delta, match.step];
  }
  assert.equal(drift, MAX_DRIFT);

  // Beyond 10 minutes: refused, even though the window around the drift would reach it.
  now += 60 * MINUTE;
  assert.equal(verifyTotp(phoneCode(now + 10.5 * MINUTE), SECRET, { time: now, drift, after: lastStep }), null);

  // The user fixes the clock: the code matches around 0, and delta brings the stored offset back.
  now += 60 * MINUTE;
  match = verifyTotp(phoneCode(now), SECRET, { time: now, drift, after: lastStep });
  assert.deepEqual(match, { step: totpStep(now), delta: 0 });
  drift = match.delta;
  lastStep = match.step;

  // Behind instead: 3 minutes slow, found at enrollment of a second phone and followed.
  now += 60 * MINUTE;
  skew = -3 * MINUTE;
  const second = verifyTotp(phoneCode(now + skew), SECRET, { time: now, window: MAX_DRIFT, drift: 0, after: lastStep });
  assert.equal(second?.delta, -6);
  now += 60 * MINUTE;
  match = verifyTotp(phoneCode(now + skew), SECRET, { time: now, drift: second!.delta, after: second!.step });
  assert.equal(match?.delta, -6);

  // 15 minutes off: no stored drift reaches it, and no window is allowed to.
  now += 60 * MINUTE;
  assert.equal(verifyTotp(phoneCode(now + 15 * MINUTE), SECRET, { time: now, drift: MAX_DRIFT }), null);
  assert.throws(() => verifyTotp(phoneCode(now), SECRET, { time: now, drift: MAX_DRIFT + 1 }), {
    code: 'ERR_OUT_OF_RANGE',
  });
});

test('oathtool agrees on the step boundaries that totpStep and totpTimeRemaining report', (t) => {
  if (!requireTool(t, runs('oathtool', ['--version']), 'oathtool', 'apt-get install oathtool')) return;
  for (const period of [30, 60]) {
    const end = (totpStep(START, period) + 1) * period * 1000; // the first ms of the next step
    assert.equal(totpTimeRemaining(end - 1, period), 1);
    assert.equal(totpTimeRemaining(end, period), period * 1000);
    const at = (time: number) =>
      spawnSync('oathtool', ['--totp', `--time-step-size=${period}s`, '--base32', `--now=@${time / 1000}`, SECRET], {
        encoding: 'utf8',
      }).stdout.trim();
    // The code changes exactly where totpTimeRemaining reaches a full period, and not a second before.
    assert.equal(at(end - 1000), at(end - period * 1000));
    assert.notEqual(at(end - 1000), at(end));
    assert.equal(verifyTotp(at(end), SECRET, { time: end, period, window: 0 })?.step, totpStep(end, period));
  }
});

test("the README's odds for the wide enrollment window are bruteForceOdds'", () => {
  const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md'), 'utf8');
  const stated = /accepts (\d+) codes at once instead of 3: one guess\s+has about 1 chance in ([\d,]+)/.exec(readme);
  assert.ok(stated, 'the README states the odds of the enrollment window');
  const odds = bruteForceOdds({ digits: 6, window: MAX_DRIFT, attempts: 1, drift: 0 });
  assert.equal(Number(stated[1]), odds.acceptedCodes);
  assert.equal(Number(stated[2].replaceAll(',', '')), Math.floor(1 / odds.bound));
});

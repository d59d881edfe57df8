// The comparisons for verifyTotp and verifyHotp (issue 10 item 20).
//
// Every token of every class is made by one function with the same calls and the same allocations (six random
// bytes and a position drawn, one fresh six-character string built), and only the digits chosen differ. This
// matters: with the 5-of-6 tokens made from an array spread of the code and the random ones with Array.from,
// even a function that only reads `token.length` showed |t| ≈ 30, because the two classes' strings lay in memory
// among different amounts of garbage. The control comparison checks that the classes differ in nothing else.
import { randomBytes } from 'node:crypto';
import { base32Encode, generateHotp, generateTotp, verifyHotp, verifyTotp } from '../../src/index.js';
import type { Comparison } from './dudect.js';

const SECRET = base32Encode(randomBytes(20));
const PERIOD = 30;
const TIME = 1_700_000_000_000; // fixed: the valid codes do not change while measuring
const STEP = Math.floor(TIME / (PERIOD * 1000));
const WINDOW = 1;
const COUNTER = 1000;

let pool = randomBytes(4096);
let next = 0;
/** Seven random bytes from a pool (the same cost for every token). */
function draw(): Uint8Array {
  if (next + 7 > pool.length) [pool, next] = [randomBytes(4096), 0];
  next += 7;
  return pool.subarray(next - 7, next);
}

/** Chooses the digit at `i` from a random byte `r` and a random position `at` (0–5). */
type Choose = (i: number, r: number, at: number) => number;

/** Makes a token that no step of the window accepts (or any token, when `valid` is empty). */
function maker(choose: Choose, valid: ReadonlySet<string>): () => string {
  return () => {
    for (;;) {
      const random = draw();
      const at = random[6] % 6;
      let text = '';
      for (let i = 0; i < 6; i++) text += String.fromCharCode(0x30 + choose(i, random[i], at));
      if (!valid.has(text)) return text;
    }
  };
}

const digitsOf = (code: string): number[] => [...code].map(Number);
/** The code with the digit at `at` replaced by another one: 5 of its 6 digits match. */
const fiveOfSix = (code: string): Choose => {
  const d = digitsOf(code);
  return (i, r, at) => (i === at ? (d[i] + 1 + (r % 9)) % 10 : d[i]);
};
const random: Choose = (_i, r) => r % 10;
const exactly = (code: string): Choose => {
  const d = digitsOf(code);
  return (i) => d[i];
};
const NONE = new Set<string>();

const totpAt = (step: number): string => generateTotp(SECRET, { time: step * PERIOD * 1000, period: PERIOD });
const totpWindow = new Set(Array.from({ length: 2 * WINDOW + 1 }, (_, i) => totpAt(STEP - WINDOW + i)));
const checkTotp = (t: string) => verifyTotp(t, SECRET, { time: TIME, period: PERIOD, window: WINDOW });

const hotpAt = (counter: number): string => generateHotp(SECRET, counter);
const hotpWindow = new Set(Array.from({ length: WINDOW + 1 }, (_, i) => hotpAt(COUNTER + i)));
const checkHotp = (t: string) => verifyHotp(t, SECRET, { counter: COUNTER, window: WINDOW });

/**
 * A deliberately leaky check, to show that the harness finds a leak: it compares digit by digit, stops at the first
 * difference, and does some work per matching digit (a few tens of nanoseconds, like a careless comparison of a
 * longer value).
 */
function leakyCheck(code: string): (t: string) => boolean | null {
  return (t) => {
    let work = 0;
    for (let i = 0; i < code.length && t.charCodeAt(i) === code.charCodeAt(i); i++) {
      for (let k = 0; k < 40; k++) work = Math.imul(work ^ k, 0x9e3779b1);
    }
    return work === 1 ? true : null;
  };
}

export const otpComparisons: Array<Comparison<string>> = [
  {
    name: 'control, must not leak (token.length): 5 of 6 digits vs random',
    classA: maker(fiveOfSix(totpAt(STEP)), totpWindow),
    classB: maker(random, totpWindow),
    run: (t) => (t.length === 7 ? t : null),
    measurements: 200_000,
  },
  {
    name: 'control, must leak (early-exit compare): 5 of 6 digits vs random',
    classA: maker(fiveOfSix(totpAt(STEP)), totpWindow),
    classB: maker(random, totpWindow),
    run: leakyCheck(totpAt(STEP)),
    leaks: true,
    measurements: 200_000,
  },
  {
    name: 'verifyTotp: 5 of 6 digits vs random',
    classA: maker(fiveOfSix(totpAt(STEP)), totpWindow),
    classB: maker(random, totpWindow),
    run: checkTotp,
  },
  {
    name: `verifyTotp: delta -${WINDOW} vs +${WINDOW}`,
    classA: maker(exactly(totpAt(STEP - WINDOW)), NONE),
    classB: maker(exactly(totpAt(STEP + WINDOW)), NONE),
    run: checkTotp,
  },
  {
    name: 'verifyHotp: 5 of 6 digits vs random',
    classA: maker(fiveOfSix(hotpAt(COUNTER)), hotpWindow),
    classB: maker(random, hotpWindow),
    run: checkHotp,
  },
  {
    name: `verifyHotp: delta 0 vs +${WINDOW}`,
    classA: maker(exactly(hotpAt(COUNTER)), NONE),
    classB: maker(exactly(hotpAt(COUNTER + WINDOW)), NONE),
    run: checkHotp,
  },
];

// The comparisons for verifyRecoveryCode (issue 12), for the dudect-style harness of npm run test:timing
// (test/timing/dudect.ts, run.ts): stored hashes that hold the typed code at index 0, at index 9, or not at all,
// stored plain and peppered.
import { randomBytes } from 'node:crypto';
import { generateRecoveryCodes, hashRecoveryCode, verifyRecoveryCode } from '../../src/index.js';
import type { Comparison } from './dudect.js';

/** Plain checks cost one SHA-256 and ten comparisons; peppered ones ten HMACs, so they get fewer measurements. */
const PLAIN = 200_000;
const PEPPERED = 20_000;

// What is secret is what is stored, not what is typed (the person typing knows it): so the typed code is the same
// in every class, and the classes differ in the stored hashes it is checked against, each list built afresh.
// Every class's lists are built alike: one fixed code at index 0 and one at index 9 (the typed code, or a code that
// does not match), the other eight drawn from a pool. (Lists that held one fixed code against lists with none
// differed by |t| ≈ 7 after cropping even when neither matched: the inputs' construction, not the check.)
const PEPPER = randomBytes(32);
const [typed, stranger0, stranger9, ...others] = generateRecoveryCodes({ count: 100 });
const INPUT = typed.toLowerCase().replaceAll('-', ' '); // as a person types it

/** Ten stored hashes (plain or peppered) with `at0` at index 0 and `at9` at index 9. */
function storedLists(at0: string, at9: string, pepper?: Uint8Array): () => string[] {
  const hash = (code: string) => hashRecoveryCode(code, { pepper });
  // A pool of lists made in advance: hashing is not what is timed, and peppered hashes are salted afresh.
  const pool = Array.from({ length: 50 }, (_, n) =>
    Array.from({ length: 10 }, (_, i) => hash(i === 0 ? at0 : i === 9 ? at9 : others[(n * 8 + i) % others.length])),
  );
  let next = 0;
  // Every input is a new array of new strings built the same way, whatever its class.
  return () => pool[next++ % pool.length].map((stored) => stored.split('').join(''));
}
const atZero = (pepper?: Uint8Array) => storedLists(typed, stranger9, pepper);
const atNine = (pepper?: Uint8Array) => storedLists(stranger0, typed, pepper);
const nowhere = (pepper?: Uint8Array) => storedLists(stranger0, stranger9, pepper);

const plainRun = (stored: string[]) => verifyRecoveryCode(INPUT, stored);
const pepperedRun = (stored: string[]) => verifyRecoveryCode(INPUT, stored, { pepper: PEPPER });

export const recoveryComparisons: Comparison<string[]>[] = [
  {
    name: 'verifyRecoveryCode (plain): match at 0 vs at 9',
    classA: atZero(),
    classB: atNine(),
    run: plainRun,
    measurements: PLAIN,
  },
  {
    name: 'verifyRecoveryCode (plain): match at 0 vs none',
    classA: atZero(),
    classB: nowhere(),
    run: plainRun,
    measurements: PLAIN,
  },
  {
    name: 'verifyRecoveryCode (plain): match at 9 vs none',
    classA: atNine(),
    classB: nowhere(),
    run: plainRun,
    measurements: PLAIN,
  },
  {
    name: 'verifyRecoveryCode (peppered): match at 0 vs at 9',
    classA: atZero(PEPPER),
    classB: atNine(PEPPER),
    run: pepperedRun,
    measurements: PEPPERED,
  },
  {
    name: 'verifyRecoveryCode (peppered): match at 9 vs none',
    classA: atNine(PEPPER),
    classB: nowhere(PEPPER),
    run: pepperedRun,
    measurements: PEPPERED,
  },
];

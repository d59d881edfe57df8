import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { expect } from '../lib/harness.mjs';

const checkRandom = (fn, what) => () => {
  const a = fn();
  const b = fn();
  for (const x of [a, b]) {
    expect(x instanceof Uint8Array, `${what}: not a Uint8Array`);
    expect(x.length === 20, `${what}: length ${x.length}, expected 20`);
  }
  expect(Buffer.compare(a, b) !== 0, `${what}: two calls returned the same bytes`);
};

export default {
  name: 'random',
  title: 'randomBytes(20): our entropy cache on and off vs the platform',
  needs: [
    ['index.js', 'randomBytes', 'src/random.ts'],
    ['index.js', 'setEntropyCache', 'src/random.ts'],
    ['index.js', 'isEntropyCacheEnabled', 'src/random.ts'],
  ],
  cases({ 'index.js': ours }) {
    const initial = ours.isEntropyCacheEnabled(); // on by default
    const restore = () => ours.setEntropyCache(initial);
    const cases = [
      {
        name: 'totp-config randomBytes(20), entropy cache on',
        ours: true,
        base: true,
        before: () => ours.setEntropyCache(true),
        after: restore,
        fn: () => ours.randomBytes(20),
      },
      {
        name: 'totp-config randomBytes(20), entropy cache off',
        ours: true,
        before: () => ours.setEntropyCache(false),
        after: restore,
        fn: () => ours.randomBytes(20),
      },
      {
        name: 'crypto.getRandomValues(new Uint8Array(20))',
        reference: true,
        fn: () => crypto.getRandomValues(new Uint8Array(20)),
      },
      { name: 'node:crypto randomBytes(20)', reference: true, fn: () => nodeRandomBytes(20) },
    ];
    for (const c of cases) c.check = checkRandom(c.fn, c.name);
    return cases;
  },
};

import { createHmac } from 'node:crypto';
import { detBytes, expectEqual } from '../lib/harness.mjs';

export default {
  name: 'hmac-sha1',
  title: 'HMAC-SHA1 of an 8-byte counter with a 20-byte key',
  needs: [
    ['index.js', 'hmac', 'src/hmac.ts'],
    ['index.js', 'prepareHmac', 'src/hmac.ts'],
  ],
  cases({ 'index.js': ours }) {
    const key = detBytes(20, 0x4b4559);
    const COUNTER = 66_666_666; // the TOTP step of 2000000000 s
    const msg = new Uint8Array(8);
    new DataView(msg.buffer).setBigUint64(0, BigInt(COUNTER));
    const keyBuffer = Buffer.from(key);
    const expected = createHmac('sha1', keyBuffer).update(msg).digest();
    const prepared = ours.prepareHmac('SHA1', key);
    const cases = [
      { name: "totp-config hmac('SHA1', key, msg)", ours: true, base: true, fn: () => ours.hmac('SHA1', key, msg) },
      { name: 'totp-config prepareHmac(…) once, then .mac(msg)', ours: true, fn: () => prepared.mac(msg) },
      {
        name: 'totp-config prepareHmac(…) once, then .macCounter(n)',
        ours: true,
        fn: () => prepared.macCounter(COUNTER),
      },
      {
        name: "node:crypto createHmac('sha1', key).update(msg).digest()",
        reference: true,
        fn: () => createHmac('sha1', keyBuffer).update(msg).digest(),
      },
    ];
    for (const c of cases) c.check = () => expectEqual(Array.from(c.fn()), Array.from(expected), `${c.name}: MAC`);
    return cases;
  },
};

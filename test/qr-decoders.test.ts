// Real decoders nobody here wrote (zbar, ZXing; rsvg-convert for the SVG; qrencode for the version) read back
// a representative sample: all four levels, versions 1–40 sampled, otpauth URIs with Unicode labels, all 32
// (level, mask) pairs. The full version sweep is test/slow/qr-decoders-full.test.ts. Under CI=true a missing
// tool fails; locally it skips with the reason printed.
import { test } from 'node:test';
import { corpus, decoderSuite } from './helpers/qr-decoder-suite.js';

const SEED = 20261128;

test(`QR output decodes with zbar and ZXing (seed ${SEED})`, async (t) => {
  const versions = [1, 2, 3, 6, 7, 9, 10, 14, 21, 26, 27, 33, 40];
  await decoderSuite(t, corpus(SEED, versions, 1, 60), 3);
});

// The full sweep (npm run test:slow): every level × every version 1–40, two texts each (one random length,
// one at exactly the capacity), 300 otpauth URIs, all 32 (level, mask) pairs, through zbar and ZXing as PNG,
// as SVG rasterised by rsvg-convert, and as terminal output; versions compared with qrencode.
import { test } from 'node:test';
import { corpus, decoderSuite } from '../helpers/qr-decoder-suite.js';

const SEED = 18004;

test(`QR output decodes with zbar and ZXing, every version (seed ${SEED})`, async (t) => {
  const versions = Array.from({ length: 40 }, (_, i) => i + 1);
  await decoderSuite(t, corpus(SEED, versions, 2, 300), 2);
});

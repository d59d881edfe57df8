import config from './config.mjs';
import secret from './secret.mjs';
import random from './random.mjs';
import base32 from './base32.mjs';
import { generateJob, verifyJob } from './totp.mjs';
import hmac from './hmac.mjs';
import { pngJob, sizesJob, svgJob } from './qr.mjs';
import scaling from './scaling.mjs';

/** Every job, in the order a full run executes them. */
export const jobs = [
  config,
  secret,
  random,
  ...base32,
  generateJob,
  verifyJob,
  hmac,
  svgJob,
  pngJob,
  sizesJob,
  scaling,
];

/**
 * A deliberately simple HOTP/TOTP, written straight from RFC 4226 §5.3 and RFC 6238 §4 on top of node:crypto,
 * with BigInt counters and Buffer byte twiddling. It is the second opinion the fast code is checked against.
 * Do not "improve" it: its value is in being obviously right, not fast.
 */
import { createHmac } from 'node:crypto';

export function referenceHotp(key: Uint8Array, counter: bigint, algorithm: string, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(counter);
  const mac = createHmac(algorithm.toLowerCase(), key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary =
    ((mac[offset] & 0x7f) << 24) |
    ((mac[offset + 1] & 0xff) << 16) |
    ((mac[offset + 2] & 0xff) << 8) |
    (mac[offset + 3] & 0xff);
  const code = binary % 10 ** digits;
  return code.toString().padStart(digits, '0');
}

/** `timeMs` must be an integer number of milliseconds. */
export function referenceStep(timeMs: number, period: number, t0: number): bigint {
  return (BigInt(timeMs) - BigInt(t0) * 1000n) / (BigInt(period) * 1000n);
}

export function referenceTotp(
  key: Uint8Array,
  timeMs: number,
  period: number,
  t0: number,
  algorithm: string,
  digits: number,
): string {
  return referenceHotp(key, referenceStep(timeMs, period, t0), algorithm, digits);
}

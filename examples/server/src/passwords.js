// Password hashing with scrypt from node:crypto (RFC 7914), salted, in a PHC-style string that records its own
// parameters: `$scrypt$ln=17,r=8,p=1$<salt>$<hash>` (base64, no padding). Because the string says how it was
// made, the cost can be raised later without breaking the passwords already stored.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const R = 8;
const P = 1;

/**
 * The cost: log2 of scrypt's N. 17 (N = 131072, 128 MiB per hash) is OWASP's recommendation for scrypt; tests
 * lower it with SCRYPT_LOG2_N to save time, and the hashes they store say so.
 */
export function costFromEnv(env = process.env) {
  const value = env.SCRYPT_LOG2_N === undefined ? 17 : Number(env.SCRYPT_LOG2_N);
  if (!Number.isInteger(value) || value < 10 || value > 20)
    throw new RangeError('SCRYPT_LOG2_N must be an integer from 10 to 20');
  return value;
}

function derive(password, salt, ln, r, p) {
  const N = 2 ** ln;
  return new Promise((resolve, reject) => {
    // maxmem must exceed 128 × N × r bytes, scrypt's working memory.
    scrypt(password, salt, KEY_BYTES, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** @returns {Promise<string>} the string to store for `password`. */
export async function hashPassword(password, ln) {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, ln, R, P);
  return `$scrypt$ln=${ln},r=${R},p=${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]{16,64})\$([A-Za-z0-9_-]{16,128})$/;

/**
 * @returns {Promise<boolean>} whether `password` matches `stored`, compared in constant time.
 * @throws {Error} if `stored` is not a hash made by hashPassword (a bug or a damaged row, never user input).
 */
export async function verifyPassword(password, stored) {
  const match = FORMAT.exec(stored);
  if (!match) throw new Error('stored password hash is malformed');
  const [, ln, r, p, salt, hash] = match;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), Number(ln), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A hash of a password nobody knows, made once, at the same cost: sign-in with an unknown username checks the
 * password against it, so that it takes as long as with a known one and does not reveal which usernames exist.
 */
let decoy;
export function decoyHash(ln) {
  decoy ??= hashPassword(randomBytes(32).toString('base64url'), ln);
  return decoy;
}

// A deliberately simple, bit-by-bit base32 (RFC 4648 §6) used only to check the fast code. Do not improve it:
// its value is that it is obviously right.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function slowEncode(bytes: Uint8Array, padding = false): string {
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  while (bits.length % 5 !== 0) bits += '0';
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += ALPHABET[parseInt(bits.slice(i, i + 5), 2)];
  if (padding) while (out.length % 8 !== 0) out += '=';
  return out;
}

/** Decodes canonical-or-not base32 with no validation beyond the alphabet: spaces and '=' are dropped. */
export function slowDecode(text: string): Uint8Array {
  let bits = '';
  for (const ch of text.toUpperCase()) {
    if (ch === ' ' || ch === '=') continue;
    const value = ALPHABET.indexOf(ch);
    if (value < 0) throw new Error('not base32');
    bits += value.toString(2).padStart(5, '0');
  }
  const out: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) out.push(parseInt(bits.slice(i, i + 8), 2));
  return Uint8Array.from(out);
}

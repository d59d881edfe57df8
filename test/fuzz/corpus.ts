// Real otpauth URIs to mutate: the shared corpora (../shared/vectors/wild-uris.json and peer-vectors.json, read at
// run time and never copied here) plus a few inline ones, and the mutations applied to them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vectorsFolder } from '../helpers/vectors.js';

const INLINE = [
  'otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example',
  'otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co' +
    '&algorithm=SHA1&digits=6&period=30',
  'otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank&counter=42&digits=8',
  'otpauth://totp/%E2%9C%93%20Caf%C3%A9:%F0%9F%91%8D?secret=MFRGGZDFMZTWQ2LK&algorithm=SHA512&period=60',
  'otpauth://totp/.?secret=JBSWY3DPEHPK3PXP',
  'otpauth://totp/Steam:gaben?secret=JBSWY3DPEHPK3PXP&issuer=Steam&encoder=steam',
];

/** Every URI of the corpus, and where they came from. */
export function loadCorpus(): { uris: string[]; source: string } {
  const folder = vectorsFolder();
  if (folder === undefined) {
    return {
      uris: INLINE,
      source: `${INLINE.length} inline URIs (../shared/vectors not found: shared corpora skipped)`,
    };
  }
  const wild = JSON.parse(readFileSync(join(folder, 'wild-uris.json'), 'utf8')) as { entries: Array<{ uri?: string }> };
  const peer = JSON.parse(readFileSync(join(folder, 'peer-vectors.json'), 'utf8')) as {
    parse: Array<{ uri?: string }>;
  };
  const shared = [...wild.entries, ...peer.parse].flatMap((e) => (typeof e.uri === 'string' ? [e.uri] : []));
  return {
    uris: [...INLINE, ...shared],
    source: `${INLINE.length} inline + ${shared.length} from ${folder} (wild-uris.json, peer-vectors.json)`,
  };
}

// Pieces that tend to matter to a URI parser.
const PIECES = [
  ...'%|%3A|%3a|%25|%00|%0A|%ZZ|%C3|%E2%80%AE|%F0%9F%91%8D|:|?|&|=|#|/|+|.|..|====|1|8|0|-1|1e3|0x1f'.split('|'),
  ...'&secret=|&issuer=|&digits=|&period=|&counter=|&algorithm=|&encoder=steam|SHA256|sha512|MD5'.split('|'),
  ...'99999999999999999999|otpauth://|hotp|TOTP|JBSWY3DPEHPK3PXP|jbsw y3dp'.split('|'),
  ' ',
  '\t',
  '\u0000',
  '\u202e',
  '\u2028',
  '\ud800',
  '\u{1f44d}',
];

/** A source of numbers in [0, 1), as Math.random returns them; the targets pass a seeded one (prng), so a run replays. */
export type Random = () => number;
/** One of `items`, drawn with `random`. */
export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/** One random edit of `text`: insert, delete, replace, duplicate or swap pieces, or change the case. */
function mutateOnce(text: string, random: Random): string {
  const at = Math.floor(random() * (text.length + 1));
  const span = 1 + Math.floor(random() * 8);
  switch (Math.floor(random() * 8)) {
    case 0:
      return text.slice(0, at) + pick(random, PIECES) + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + span);
    case 2:
      return text.slice(0, at) + pick(random, PIECES) + text.slice(at + span);
    case 3:
      return text.slice(0, at) + text.slice(at, at + span * 4) + text.slice(at);
    case 4:
      return text.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x10000)) + text.slice(at + 1);
    case 5:
      return random() < 0.5 ? text.toUpperCase() : text.toLowerCase();
    case 6: {
      const [base, query = ''] = text.split('?');
      const parts = query.split('&');
      const i = Math.floor(random() * parts.length);
      parts.splice(Math.floor(random() * parts.length), 0, parts[i]); // a parameter twice
      return `${base}?${parts.join('&')}`;
    }
    default:
      return text.slice(0, Math.floor(random() * text.length));
  }
}

/** 1 to 4 random edits of `text`. */
export function mutate(text: string, random: Random): string {
  let result = text;
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i++) result = mutateOnce(result, random);
  return result;
}

/**
 * A small deflate encoder (RFC 1951) in a zlib wrapper (RFC 1950), written for PNG image data (ISO/IEC 15948
 * §10): LZ77 matches found through hash chains and chosen by a shortest-path parse over a bit-cost model, then
 * coded with dynamic Huffman codes (§3.2.7), fixed ones (§3.2.6) or stored blocks (§3.2.4), whichever is smallest.
 *
 * {@link Lz77} parses the input segment by segment. {@link Lz77.price} gives the number of bits a segment costs
 * under the current {@link CostModel}, so a caller choosing how to write it (None or Up, the PNG filters) measures
 * rather than guesses; {@link Lz77.commit} appends the parse just priced to the tokens. {@link parse} prices and
 * commits the whole input (in 64 KiB segments), so that matches run across PNG rows.
 *
 * Why a shortest-path parse and not zlib's greedy one: a QR image has very few distinct bytes (at scale 4 a byte
 * holds two modules, so four values), so a literal costs about two bits and a short match costs more than the
 * literals it replaces. Taking every match of three bytes, as zlib does, makes the stream longer.
 *
 * @module
 */
import { adler32 } from './crc.js';

/** Largest distance of a match (RFC 1951 §3.2.5): the 32 KiB window. */
const WINDOW = 32768;
/**
 * Shortest match considered. 3 is legal, but against literals of about two bits a short match never pays: 5
 * gave the smallest images (measured over 80 symbols at scales 1–8).
 */
const MIN_MATCH = 5;
const MAX_MATCH = 258;
/**
 * Hash-chain entries examined per position besides the repeat distance, and the match length from which a match
 * is taken whole (zlib's `nice_length`). Measured over the same symbols: 2 entries code as small as 4 or 8 (the
 * useful matches of a QR image are the row above and runs, both near), and a nice length of 16 as small as 64,
 * several times faster at large scales; 8 is 12 % larger.
 */
const MAX_CHAIN = 2;
const NICE_MATCH = 16;

/**
 * The code tables of RFC 1951 §3.2.5: length codes 257–285 (index 0–28) and distance codes 0–29, each with its
 * base and number of extra bits, plus reverse lookups from a length (3–258) and from a distance (1–32768).
 */
interface CodeTables {
  readonly lengthBase: Uint16Array;
  readonly lengthExtra: Uint8Array;
  readonly distBase: Uint16Array;
  readonly distExtra: Uint8Array;
  /** `lengthCode[len]` is the length code index 0–28 of a length 3–258. */
  readonly lengthCode: Uint8Array;
  /** Distance code of d: `distCode[d - 1]` for d ≤ 256, `distCode[256 + ((d - 1) >> 7)]` above (zlib's layout). */
  readonly distCode: Uint8Array;
}

let TABLES: CodeTables | undefined;

/** The {@link CodeTables}, built on first use from the rule of §3.2.5: extra bits grow by one every 4 (2) codes. */
function tables(): CodeTables {
  if (TABLES !== undefined) return TABLES;
  const lengthBase = new Uint16Array(29);
  const lengthExtra = new Uint8Array(29);
  const lengthCode = new Uint8Array(MAX_MATCH + 1);
  for (let c = 0, base = 3; c < 28; c++) {
    lengthExtra[c] = c < 8 ? 0 : (c >> 2) - 1;
    lengthBase[c] = base;
    for (let i = 0; i < 1 << lengthExtra[c] && base + i <= MAX_MATCH; i++) lengthCode[base + i] = c;
    base += 1 << lengthExtra[c];
  }
  lengthBase[28] = MAX_MATCH; // code 285: 258 exactly, no extra bits (284 + 31 could also say 258)
  lengthCode[MAX_MATCH] = 28;
  const distBase = new Uint16Array(30);
  const distExtra = new Uint8Array(30);
  const distCode = new Uint8Array(512);
  for (let c = 0, base = 1; c < 30; c++) {
    distExtra[c] = c < 4 ? 0 : (c >> 1) - 1;
    distBase[c] = base;
    const span = 1 << distExtra[c];
    if (base <= 256) distCode.fill(c, base - 1, base - 1 + span);
    else distCode.fill(c, 256 + ((base - 1) >> 7), 256 + ((base - 1) >> 7) + (span >> 7));
    base += span;
  }
  return (TABLES = { lengthBase, lengthExtra, distBase, distExtra, lengthCode, distCode });
}

/** The distance code 0–29 of a distance 1–32768 (§3.2.5). */
export function distanceCode(d: number, t = tables()): number {
  return d <= 256 ? t.distCode[d - 1] : t.distCode[256 + ((d - 1) >> 7)];
}

/** The length code index 0–28 (symbol 257–285) of a match length 3–258 (§3.2.5). */
export function lengthCode(length: number): number {
  return tables().lengthCode[length];
}

/**
 * What each choice costs, in bits, while parsing, extra bits included: `literal[b]` for a literal byte,
 * `length[len]` for the length code of a match of 3–258 bytes and `distance[c]` for distance code c (0–29).
 * Fractional: entropy estimates, not code lengths.
 */
export interface CostModel {
  readonly literal: Float64Array;
  readonly length: Float64Array;
  readonly distance: Float64Array;
}

/**
 * A cost model from symbol counts (286 literal/length symbols, 30 distance codes): −log₂ of each symbol's share,
 * and for a symbol never seen the cost of a share of 1 in 2·total (so that it stays possible, but dear).
 */
export function costModel(literal: ArrayLike<number>, distance: ArrayLike<number>): CostModel {
  const t = tables();
  const bits = (counts: ArrayLike<number>, n: number): Float64Array => {
    let total = 0;
    for (let s = 0; s < n; s++) total += counts[s];
    const unseen = Math.log2(2 * total + 2);
    const out = new Float64Array(n);
    for (let s = 0; s < n; s++) out[s] = counts[s] > 0 ? Math.log2(total / counts[s]) : unseen;
    return out;
  };
  const symbols = bits(literal, 286);
  const length = new Float64Array(MAX_MATCH + 1);
  for (let len = 3; len <= MAX_MATCH; len++) {
    const c = t.lengthCode[len];
    length[len] = symbols[257 + c] + t.lengthExtra[c];
  }
  const dist = bits(distance, 30);
  for (let c = 0; c < 30; c++) dist[c] += t.distExtra[c];
  return { literal: symbols.subarray(0, 256), length, distance: dist };
}

/**
 * Working arrays of {@link Lz77}, kept between calls so that a typical image allocates none of them: they hold
 * positions and costs only, never the data itself. One set, since parsing is synchronous.
 */
interface Scratch {
  /** Hash chains: the newest position of each bucket, and for each position the one before it. */
  readonly head: Int32Array;
  readonly prev: Int32Array;
  /** Per segment offset: the cheapest cost found, the step that reaches it and that step's distance. */
  readonly cost: Float64Array;
  readonly steps: Uint16Array;
  readonly dists: Uint16Array;
  /** Bucket and old head of each position indexed while pricing, to undo it. */
  readonly undo: Int32Array;
}

let CHAINS: { head: Int32Array; prev: Int32Array } | undefined;
let SEGMENT: Omit<Scratch, 'head' | 'prev'> | undefined;
/** Segments longer than this get arrays of their own, so that a huge image does not leave megabytes behind. */
const SCRATCH_LIMIT = 1 << 14;

/** Working arrays for segments of up to `segment` bytes, the first 2^hashBits buckets emptied. */
function scratch(segment: number, hashBits: number): Scratch {
  const chains = (CHAINS ??= { head: new Int32Array(1 << 15), prev: new Int32Array(WINDOW) });
  chains.head.fill(-1, 0, 1 << hashBits);
  let arrays = segment <= SCRATCH_LIMIT ? SEGMENT : undefined;
  if (arrays === undefined || arrays.cost.length <= segment) {
    const n = Math.max(segment + 1, segment <= SCRATCH_LIMIT ? 1024 : 0);
    arrays = {
      cost: new Float64Array(n),
      steps: new Uint16Array(n),
      dists: new Uint16Array(n),
      undo: new Int32Array(2 * n),
    };
    if (segment <= SCRATCH_LIMIT) SEGMENT = arrays;
  }
  return { ...chains, ...arrays };
}

/**
 * An LZ77 parse of a byte stream, segment by segment. `data` is the whole stream, written by the caller before
 * each segment is priced; positions of the committed segments are found through hash chains of 4-byte prefixes.
 *
 * Tokens are 32-bit: a literal byte is its value (0–255); a match is `length << 16 | distance`, length
 * {@link MIN_MATCH}–258, distance 1–32768 (any length puts a match above 255).
 */
export class Lz77 {
  readonly data: Uint8Array;
  private readonly model: CostModel;
  /** A distance worth trying at every position (a PNG row length: the row above), 0 for none. */
  private readonly repeat: number;
  private readonly hashShift: number;
  private readonly windowMask: number;
  private readonly s: Scratch;
  /** The committed tokens, `count` of them; allocated by the first commit (a parser that only prices needs none). */
  private tokenList = new Uint32Array(0);
  private count = 0;

  /**
   * @param data - The stream; its length bounds every position.
   * @param model - Choice costs that guide the parse.
   * @param maxSegment - The longest segment that {@link price} will be given, in bytes.
   * @param repeat - A distance to try at every position besides the hash chain (0: none).
   */
  constructor(data: Uint8Array, model: CostModel, maxSegment: number, repeat: number) {
    this.data = data;
    this.model = model;
    this.repeat = repeat;
    const hashBits = Math.min(15, Math.max(8, 31 - Math.clz32(data.length)));
    this.hashShift = 32 - hashBits;
    this.windowMask = WINDOW - 1;
    this.s = scratch(maxSegment, hashBits);
  }

  /** The tokens committed so far. */
  tokens(): Uint32Array {
    return this.tokenList.subarray(0, this.count);
  }

  /** Hash bucket of the 4 bytes at `p` (p + 4 ≤ data.length). */
  private hash(p: number): number {
    const d = this.data;
    const h = Math.imul(d[p] | (d[p + 1] << 8) | (d[p + 2] << 16) | (d[p + 3] << 24), 0x9e3779b1);
    return (h ^ (h >>> 15)) >>> this.hashShift;
  }

  /**
   * Makes the positions of `data[from, to)`, which must be final, findable by later segments, without parsing
   * them (for a segment priced only to choose between ways of writing it). Positions whose 4 bytes pass `to`
   * are left out.
   */
  index(from: number, to: number): void {
    const { head, prev } = this.s;
    for (let p = from; p + 4 <= to; p++) {
      const h = this.hash(p);
      prev[p & this.windowMask] = head[h];
      head[h] = p;
    }
  }

  /**
   * Prices `data[start, end)`: the fewest bits, under the model, of literals and matches that produce it, given
   * everything before `start`; a shortest path over the positions. Remembers the parse for {@link commit}, until
   * the next call. A match of {@link NICE_MATCH} bytes or more is taken whole rather than weighed, which keeps
   * repeated PNG rows cheap to parse. Positions are indexed as they are passed, and unindexed at the end unless
   * `keep` is set (for a segment that will be committed as priced).
   */
  price(start: number, end: number, keep = false): number {
    const { data } = this;
    const { head, prev, cost, undo } = this.s;
    const literal = this.model.literal;
    const step = this.s.steps;
    const n = end - start;
    cost.fill(Infinity, 1, n + 1);
    cost[0] = 0;
    let undone = 0;
    for (let i = 0; i < n; ) {
      const p = start + i;
      const viaLiteral = cost[i] + literal[data[p]];
      if (viaLiteral < cost[i + 1]) {
        cost[i + 1] = viaLiteral;
        step[i + 1] = 1;
      }
      if (n - i < MIN_MATCH) {
        i++;
        continue;
      }
      const h = this.hash(p);
      const longest = this.relaxMatches(p, i, n - i < MAX_MATCH ? n - i : MAX_MATCH, head[h]);
      undo[undone++] = h;
      undo[undone++] = head[h];
      prev[p & this.windowMask] = head[h];
      head[h] = p;
      i += longest >= NICE_MATCH ? longest : 1;
    }
    while (undone > 0 && !keep) {
      const old = undo[--undone];
      head[undo[--undone]] = old;
    }
    return cost[n];
  }

  /**
   * Relaxes cost[i + len] for every match at p (offset i of the segment): the repeat distance first, then the
   * hash chain from `q`, nearest first, at most {@link MAX_CHAIN} entries. A candidate updates every length up to
   * its own when its distance costs less than any before it, otherwise only the lengths beyond the longest so
   * far. Returns the longest match length (≤ max).
   */
  private relaxMatches(p: number, i: number, max: number, q: number): number {
    const { data, repeat } = this;
    const { prev, cost } = this.s;
    const step = this.s.steps;
    const dist = this.s.dists;
    const { length, distance } = this.model;
    const codes = tables().distCode;
    const here = cost[i];
    let longest = 0;
    let cheapest = Infinity;
    let candidate = repeat > 0 && p >= repeat ? p - repeat : -1;
    for (let chain = 0; ; ) {
      if (candidate >= 0) {
        let len = 0;
        while (len < max && data[candidate + len] === data[p + len]) len++;
        if (len >= MIN_MATCH) {
          const d = p - candidate;
          const base = here + distance[d <= 256 ? codes[d - 1] : codes[256 + ((d - 1) >> 7)]];
          for (let l = base < cheapest ? MIN_MATCH : longest + 1; l <= len; l++) {
            if (base + length[l] < cost[i + l]) {
              cost[i + l] = base + length[l];
              step[i + l] = l;
              dist[i + l] = d;
            }
          }
          if (base < cheapest) cheapest = base;
          if (len > longest) longest = len;
        }
      }
      if (q < 0 || longest >= max || chain++ >= MAX_CHAIN || p - q > WINDOW) return longest;
      // Skip the repeat distance (done) and any entry that cannot beat the longest match.
      candidate = p - q === repeat || data[q + longest] !== data[p + longest] ? -1 : q;
      const next = prev[q & this.windowMask];
      q = next < q ? next : -1;
    }
  }

  /** Appends the parse of `data[start, end)` to the tokens: the one {@link price} just made of that segment. */
  commit(start: number, end: number): void {
    const step = this.s.steps;
    const dist = this.s.dists;
    let k = 0;
    for (let i = end - start; i > 0; i -= step[i]) k++;
    if (this.count + k > this.tokenList.length) {
      const grown = new Uint32Array(Math.max(2 * this.tokenList.length, this.count + k, 64, this.data.length >> 3));
      grown.set(this.tokenList);
      this.tokenList = grown;
    }
    this.count += k;
    for (let i = end - start, o = this.count - 1; i > 0; i -= step[i], o--) {
      this.tokenList[o] = step[i] === 1 ? this.data[start + i - 1] : (step[i] << 16) | dist[i];
    }
  }
}

/** Symbol counts of a token list: 286 literal/length symbols (256 = end of block, counted once) and 30 distance. */
function symbolCounts(tokens: Uint32Array): SymbolCounts {
  const t = tables();
  const literal = new Uint32Array(286);
  const distance = new Uint32Array(30);
  for (let k = 0; k < tokens.length; k++) {
    const v = tokens[k];
    if (v < 256) {
      literal[v]++;
    } else {
      literal[257 + t.lengthCode[v >>> 16]]++;
      distance[distanceCode(v & 0xffff, t)]++;
    }
  }
  literal[256] = 1;
  return { literal, distance };
}

/**
 * Code lengths of a Huffman code for `counts`, none longer than `maxBits` (§3.2.2): an unused symbol gets 0, a
 * single used symbol 1. Built with the two-queue method; when the tree is too deep the counts are flattened
 * (halved, plus one) and it is built again, which keeps the code complete.
 */
export function huffmanLengths(counts: ArrayLike<number>, maxBits: number): Uint8Array {
  const lengths = new Uint8Array(counts.length);
  const symbols: number[] = [];
  for (let s = 0; s < counts.length; s++) if (counts[s] > 0) symbols.push(s);
  if (symbols.length === 1) lengths[symbols[0]] = 1;
  if (symbols.length <= 1) return lengths;
  let weights = symbols.map((s) => counts[s]);
  for (;;) {
    const depth = treeDepths(weights);
    let deepest = 0;
    for (const d of depth) deepest = Math.max(deepest, d);
    if (deepest <= maxBits) {
      symbols.forEach((s, i) => (lengths[s] = depth[i]));
      return lengths;
    }
    weights = weights.map((w) => (w >> 1) + 1);
  }
}

/**
 * Depth of each leaf of a Huffman tree over `weights` (≥ 2 leaves, integers below 2⁴⁴): sort the leaves by
 * weight, then merge two queues, the leaves and the internal nodes, which are created in weight order.
 */
function treeDepths(weights: number[]): number[] {
  const m = weights.length;
  const keys = new Float64Array(m);
  for (let i = 0; i < m; i++) keys[i] = weights[i] * 512 + i; // weight, then index: a stable numeric sort
  keys.sort();
  const weight = new Float64Array(2 * m - 1);
  const parent = new Int32Array(2 * m - 1);
  for (let k = 0; k < m; k++) weight[k] = Math.floor(keys[k] / 512);
  let leaf = 0;
  let inner = m;
  for (let next = m; next < 2 * m - 1; next++) {
    for (let j = 0; j < 2; j++) {
      const node = leaf < m && (inner >= next || weight[leaf] <= weight[inner]) ? leaf++ : inner++;
      weight[next] += weight[node];
      parent[node] = next;
    }
  }
  const depth = new Uint8Array(2 * m - 1);
  for (let node = 2 * m - 3; node >= 0; node--) depth[node] = depth[parent[node]] + 1;
  const out = new Array<number>(m);
  for (let k = 0; k < m; k++) out[keys[k] % 512] = depth[k];
  return out;
}

/** Canonical codes from code lengths (§3.2.2), bit-reversed so that they can be written least significant first. */
function canonicalCodes(lengths: Uint8Array): Uint16Array {
  const count = new Uint16Array(16);
  for (const l of lengths) count[l]++;
  count[0] = 0;
  const next = new Uint16Array(16);
  for (let bits = 1, code = 0; bits < 16; bits++) {
    code = (code + count[bits - 1]) << 1;
    next[bits] = code;
  }
  const codes = new Uint16Array(lengths.length);
  for (let s = 0; s < lengths.length; s++) {
    const l = lengths[s];
    if (l === 0) continue;
    let c = next[l]++;
    let r = 0;
    for (let b = 0; b < l; b++, c >>= 1) r = (r << 1) | (c & 1);
    codes[s] = r;
  }
  return codes;
}

/** Writes bits least significant first into a byte array of known size (§3.1.1). */
class BitWriter {
  readonly out: Uint8Array;
  pos: number;
  private acc = 0;
  private n = 0;

  constructor(out: Uint8Array, pos: number) {
    this.out = out;
    this.pos = pos;
  }

  /** Writes the low `count` (≤ 16) bits of `value`. */
  bits(value: number, count: number): void {
    this.acc |= value << this.n;
    this.n += count;
    while (this.n >= 8) {
      this.out[this.pos++] = this.acc & 0xff;
      this.acc >>>= 8;
      this.n -= 8;
    }
  }

  /** Pads with zero bits to the next byte boundary. */
  align(): void {
    if (this.n > 0) this.bits(0, 8 - this.n);
  }
}

/** A Huffman block's codes: literal/length and distance code lengths, and (dynamic only) the header to write. */
interface BlockCodes {
  readonly literal: Uint8Array;
  readonly distance: Uint8Array;
  readonly header?: DynamicHeader;
}

/**
 * The header of a dynamic block (§3.2.7): how many literal/length (257–286) and distance (1–30) lengths are
 * sent, and those lengths run-length coded with symbols 0–18 (16: repeat the previous 3–6 times, 17: 3–10 zeros,
 * 18: 11–138 zeros), which are themselves Huffman coded with `codeLengths`.
 */
interface DynamicHeader {
  readonly hlit: number;
  readonly hdist: number;
  /** Run-length symbols and their extra-bit values, interleaved. */
  readonly runs: Uint8Array;
  readonly codeLengths: Uint8Array;
  readonly hclen: number;
  readonly bits: number;
}

/** The order in which code-length code lengths are sent (§3.2.7). */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
const RUN_EXTRA = [2, 3, 7]; // extra bits of symbols 16, 17, 18

/** Builds the {@link DynamicHeader} for the given code lengths. */
function dynamicHeader(literal: Uint8Array, distance: Uint8Array): DynamicHeader {
  let hlit = 286;
  while (hlit > 257 && literal[hlit - 1] === 0) hlit--;
  let hdist = distance.length;
  while (hdist > 1 && distance[hdist - 1] === 0) hdist--;
  const all = new Uint8Array(hlit + hdist);
  all.set(literal.subarray(0, hlit));
  all.set(distance.subarray(0, hdist), hlit);
  const runs = new Uint8Array(2 * all.length);
  let r = 0;
  for (let i = 0; i < all.length; ) {
    const v = all[i];
    let run = 1;
    while (i + run < all.length && all[i + run] === v) run++;
    i += run;
    if (v !== 0) {
      runs[r++] = v;
      runs[r++] = 0;
      run--;
    }
    while (run >= 3) {
      const take = Math.min(run, v !== 0 ? 6 : run >= 11 ? 138 : 10);
      runs[r++] = v !== 0 ? 16 : take >= 11 ? 18 : 17;
      runs[r++] = take - (take >= 11 ? 11 : 3);
      run -= take;
    }
    for (; run > 0; run--, r += 2) runs[r] = v;
  }
  const counts = new Uint32Array(19);
  for (let k = 0; k < r; k += 2) counts[runs[k]]++;
  const codeLengths = huffmanLengths(counts, 7);
  let hclen = 19;
  while (hclen > 4 && codeLengths[CODE_LENGTH_ORDER[hclen - 1]] === 0) hclen--;
  let bits = 5 + 5 + 4 + 3 * hclen;
  for (let k = 0; k < r; k += 2) bits += codeLengths[runs[k]] + (runs[k] >= 16 ? RUN_EXTRA[runs[k] - 16] : 0);
  return { hlit, hdist, runs: runs.subarray(0, r), codeLengths, hclen, bits };
}

/** The fixed codes of §3.2.6: literal/length 0–143 in 8 bits, 144–255 in 9, 256–279 in 7, 280–287 in 8. */
function fixedCodes(): BlockCodes {
  const literal = new Uint8Array(288);
  literal.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
  return { literal, distance: new Uint8Array(30).fill(5) };
}

/** Bits of the tokens (end of block included) under `codes`, block header and dynamic header included. */
function blockBits(codes: BlockCodes, counts: SymbolCounts): number {
  const t = tables();
  let bits = 3 + (codes.header?.bits ?? 0);
  for (let s = 0; s < 286; s++) bits += counts.literal[s] * (codes.literal[s] + (s > 256 ? t.lengthExtra[s - 257] : 0));
  for (let s = 0; s < 30; s++) bits += counts.distance[s] * (codes.distance[s] + t.distExtra[s]);
  return bits;
}

/** Writes one final Huffman block (§3.2.6 fixed or §3.2.7 dynamic) of `tokens`. */
function writeHuffmanBlock(w: BitWriter, tokens: Uint32Array, codes: BlockCodes): void {
  const t = tables();
  const h = codes.header;
  w.bits(h ? 0b101 : 0b011, 3); // BFINAL = 1, BTYPE = 10 (dynamic) or 01 (fixed)
  if (h) {
    w.bits(h.hlit - 257, 5);
    w.bits(h.hdist - 1, 5);
    w.bits(h.hclen - 4, 4);
    for (let k = 0; k < h.hclen; k++) w.bits(h.codeLengths[CODE_LENGTH_ORDER[k]], 3);
    const clCodes = canonicalCodes(h.codeLengths);
    for (let k = 0; k < h.runs.length; k += 2) {
      const s = h.runs[k];
      w.bits(clCodes[s], h.codeLengths[s]);
      if (s >= 16) w.bits(h.runs[k + 1], RUN_EXTRA[s - 16]);
    }
  }
  const lit = canonicalCodes(codes.literal);
  const dist = canonicalCodes(codes.distance);
  for (let k = 0; k < tokens.length; k++) {
    const v = tokens[k];
    if (v < 256) {
      w.bits(lit[v], codes.literal[v]);
      continue;
    }
    const len = v >>> 16;
    const d = v & 0xffff;
    const lc = t.lengthCode[len];
    w.bits(lit[257 + lc], codes.literal[257 + lc]);
    w.bits(len - t.lengthBase[lc], t.lengthExtra[lc]);
    const dc = distanceCode(d, t);
    w.bits(dist[dc], codes.distance[dc]);
    w.bits(d - t.distBase[dc], t.distExtra[dc]);
  }
  w.bits(lit[256], codes.literal[256]);
}

/** Writes `data` as stored blocks of at most 65535 bytes (§3.2.4), the last one final. */
function writeStoredBlocks(w: BitWriter, data: Uint8Array): void {
  const blocks = Math.max(1, Math.ceil(data.length / 0xffff));
  for (let b = 0, i = 0; b < blocks; b++) {
    const len = Math.min(0xffff, data.length - i);
    w.bits(b === blocks - 1 ? 1 : 0, 3); // BFINAL, BTYPE = 00
    w.align();
    w.bits(len, 16);
    w.bits(~len & 0xffff, 16);
    w.out.set(data.subarray(i, i + len), w.pos);
    w.pos += len;
    i += len;
  }
}

/** Symbol counts of a token list, see {@link symbolCounts}. */
interface SymbolCounts {
  readonly literal: Uint32Array;
  readonly distance: Uint32Array;
}

/**
 * The cheaper single Huffman block for tokens with these symbol counts, dynamic (§3.2.7) or fixed (§3.2.6), and
 * its size in bits, the end-of-block symbol included.
 */
function bestCodes(counts: SymbolCounts): { codes: BlockCodes; bits: number } {
  const literal = huffmanLengths(counts.literal, 15);
  const distance = huffmanLengths(counts.distance, 15);
  // At least one distance code must be sent (§3.2.7): a single unused one of length 1 when there are no matches.
  if (distance.every((l) => l === 0)) distance[0] = 1;
  const dynamic: BlockCodes = { literal, distance, header: dynamicHeader(literal, distance) };
  const fixed = fixedCodes();
  const d = blockBits(dynamic, counts);
  const f = blockBits(fixed, counts);
  return d <= f ? { codes: dynamic, bits: d } : { codes: fixed, bits: f };
}

/**
 * A zlib stream (RFC 1950 §2.2) of `data`: its LZ77 `tokens` in one Huffman block with `best` (from
 * {@link bestCodes}), or stored blocks (§3.2.4) if those are smaller. The tokens must reproduce `data` exactly.
 */
function zlibFromTokens(data: Uint8Array, tokens: Uint32Array, best: { codes: BlockCodes; bits: number }): Uint8Array {
  const storedBytes = data.length + 5 * Math.max(1, Math.ceil(data.length / 0xffff));
  const stored = storedBytes * 8 <= best.bits;
  const out = new Uint8Array(2 + (stored ? storedBytes : (best.bits + 7) >> 3) + 4);
  out[0] = 0x78; // CM = 8 (deflate), CINFO = 7 (32 KiB window)
  out[1] = 0xda; // FLEVEL = 3 (maximum compression), no dictionary; 0x78DA is a multiple of 31 (FCHECK)
  const w = new BitWriter(out, 2);
  if (stored) writeStoredBlocks(w, data);
  else writeHuffmanBlock(w, tokens, best.codes);
  w.align();
  new DataView(out.buffer).setUint32(w.pos, adler32(data));
  return out;
}

/** Longest segment {@link parse} prices at once: its working arrays take 20 bytes per byte of it. */
export const MAX_SEGMENT = 1 << 16;

/**
 * The cheapest LZ77 tokens of `data` under `model` (see {@link Lz77.price}), parsed as one segment, or in
 * segments of {@link MAX_SEGMENT} bytes when longer. `repeat`: a distance worth trying everywhere (0: none).
 */
function parse(data: Uint8Array, model: CostModel, repeat: number): Uint32Array {
  const lz = new Lz77(data, model, Math.min(data.length, MAX_SEGMENT), repeat);
  for (let start = 0; start < data.length; start += MAX_SEGMENT) {
    const end = Math.min(data.length, start + MAX_SEGMENT);
    lz.price(start, end, true);
    lz.commit(start, end);
  }
  return lz.tokens();
}

/**
 * Parses `data` in `passes` rounds, each with a cost model learnt from the tokens of the round before (the first
 * with `model`), and returns the zlib stream (RFC 1950) of the round that codes smallest.
 */
export function zlibCompress(data: Uint8Array, model: CostModel, repeat = 0, passes = 2): Uint8Array {
  let best: { tokens: Uint32Array; codes: ReturnType<typeof bestCodes> } | undefined;
  for (let pass = 0; pass < passes; pass++) {
    const tokens = parse(data, model, repeat);
    const counts = symbolCounts(tokens);
    const codes = bestCodes(counts);
    if (best === undefined || codes.bits < best.codes.bits) best = { tokens, codes };
    if (pass + 1 < passes) model = costModel(counts.literal, counts.distance);
  }
  return zlibFromTokens(data, best!.tokens, best!.codes);
}

/** A cost model that knows nothing: every literal/length symbol and distance code equally likely. */
export function uniformModel(): CostModel {
  return costModel(new Uint32Array(286).fill(1), new Uint32Array(30).fill(1));
}

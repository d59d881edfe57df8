/**
 * SVG rendering, made small: the light background as one filled square, and every dark module as part of one
 * stroked `<path>` (SVG 2 §9.3, path data §9.3.9), where each horizontal run of dark modules is a line one unit
 * wide, `h{length}`, and the pen moves between runs with relative moves, `m{gap} 0` within a row and `m{dx} 1` to
 * the next one. Only the first move is absolute, and only it carries the half-unit offset that centres the
 * strokes on the rows. The typical enrollment code of the README is about 2.8 kB this way.
 *
 * @module
 */

/**
 * Renders a module matrix as a standalone SVG document. The viewBox is in modules and includes the quiet zone;
 * `width`/`height` are `scale` pixels per module. `dark` and `light` must already be validated CSS colours.
 */
export function renderSvg(
  modules: Uint8Array,
  size: number,
  margin: number,
  scale: number,
  dark: string,
  light: string,
): string {
  const full = size + 2 * margin;
  const px = full * scale;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${px}" height="${px}" viewBox="0 0 ${full} ${full}" ` +
    `shape-rendering="crispEdges"><path fill="${light}" d="M0 0h${full}v${full}H0z"/>` +
    `<path stroke="${dark}" d="${runsPath(modules, size, margin)}"/></svg>\n`
  );
}

/**
 * The path data of the dark runs: `M{x} {y}.5` to the first run, then for each run `h{length}`, preceded by
 * `m{gap} 0` from the end of the run before it in the same row or `m{dx} {dy}` from the last run of an earlier
 * row (a symbol always has dark modules: its finder patterns). Written as ASCII bytes and decoded once:
 * building it from many small strings costs several times more.
 */
function runsPath(modules: Uint8Array, size: number, margin: number): string {
  // A run takes at most 14 bytes ("m-176 176h177"), and a row holds at most (size + 1) / 2 runs.
  const buf = new Uint8Array(14 * size * ((size + 1) >> 1) + 16);
  let o = 0;
  const put = (n: number): void => {
    if (n < 0) {
      buf[o++] = 45; // '-'
      n = -n;
    }
    if (n >= 100) buf[o++] = 48 + ((n / 100) | 0);
    if (n >= 10) buf[o++] = 48 + (((n / 10) | 0) % 10);
    buf[o++] = 48 + (n % 10);
  };
  let penX = -1; // where the pen is after the last run (-1: no run yet)
  let penY = 0;
  for (let y = 0; y < size; y++) {
    const row = y * size;
    for (let x = 0; x < size; x++) {
      if (modules[row + x] === 0) continue;
      const start = x;
      while (x + 1 < size && modules[row + x + 1] === 1) x++;
      if (penX < 0) {
        buf[o++] = 77; // 'M': the first run, absolute, on the row's centre line
        put(start + margin);
        buf[o++] = 32;
        put(y + margin);
        buf[o++] = 46; // '.'
        buf[o++] = 53; // '5'
      } else {
        buf[o++] = 109; // 'm'
        put(start - penX);
        buf[o++] = 32;
        put(y - penY);
      }
      buf[o++] = 104; // 'h'
      put(x + 1 - start);
      penX = x + 1;
      penY = y;
    }
  }
  return new TextDecoder().decode(buf.subarray(0, o));
}

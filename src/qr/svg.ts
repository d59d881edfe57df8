/**
 * SVG rendering: the light background as one `<rect>` and every dark module as one `<path>` built from
 * horizontal runs, so that a symbol is a few kilobytes whatever its version.
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
  // The path is written as ASCII bytes and decoded once: building it from many small strings costs several
  // times more. A run takes at most 20 bytes ("M123 123h123v1h-123z"); a row holds at most (size + 1) / 2 runs.
  const buf = new Uint8Array(20 * size * ((size + 1) >> 1));
  let o = 0;
  const put = (n: number): void => {
    if (n >= 100) buf[o++] = 48 + ((n / 100) | 0);
    if (n >= 10) buf[o++] = 48 + (((n / 10) | 0) % 10);
    buf[o++] = 48 + (n % 10);
  };
  for (let y = 0; y < size; y++) {
    const row = y * size;
    for (let x = 0; x < size; x++) {
      if (modules[row + x] === 0) continue;
      const start = x;
      while (x + 1 < size && modules[row + x + 1] === 1) x++;
      const n = x - start + 1;
      // One closed rectangle per horizontal run: M x y h n v1 h-n z.
      buf[o++] = 77; // M
      put(start + margin);
      buf[o++] = 32; // space
      put(y + margin);
      buf[o++] = 104; // h
      put(n);
      buf[o++] = 118; // v
      buf[o++] = 49; // 1
      buf[o++] = 104; // h
      buf[o++] = 45; // -
      put(n);
      buf[o++] = 122; // z
    }
  }
  const d = new TextDecoder().decode(buf.subarray(0, o));
  const px = full * scale;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${px}" height="${px}" viewBox="0 0 ${full} ${full}" ` +
    `shape-rendering="crispEdges"><rect width="${full}" height="${full}" fill="${light}"/>` +
    `<path fill="${dark}" d="${d}"/></svg>\n`
  );
}

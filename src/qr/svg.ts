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
  const d: string[] = [];
  for (let y = 0; y < size; y++) {
    const row = y * size;
    for (let x = 0; x < size; x++) {
      if (modules[row + x] === 0) continue;
      const start = x;
      while (x + 1 < size && modules[row + x + 1] === 1) x++;
      const n = x - start + 1;
      d.push(`M${start + margin} ${y + margin}h${n}v1h-${n}z`);
    }
  }
  const px = full * scale;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${px}" height="${px}" viewBox="0 0 ${full} ${full}" ` +
    `shape-rendering="crispEdges"><rect width="${full}" height="${full}" fill="${light}"/>` +
    `<path fill="${dark}" d="${d.join('')}"/></svg>\n`
  );
}

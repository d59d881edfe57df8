/**
 * Terminal rendering with Unicode half blocks (U+2580 ▀, U+2584 ▄, U+2588 █, and space): each character
 * cell shows two module rows, so a symbol keeps its square shape in a terminal whose cells are twice as tall
 * as they are wide.
 *
 * @module
 */

// Indexed by (top << 1) | bottom, where 1 means "draw the glyph" (foreground colour).
const CELLS = [' ', '▄', '▀', '█'];

/**
 * Renders a module matrix as lines of half-block characters, each ending in `\n`, with `margin` light modules
 * around it. Without `invert` the glyphs are the dark modules (dark text on a light terminal); with `invert`
 * they are the light modules, including the quiet zone (light text on a dark terminal).
 */
export function renderTerminal(modules: Uint8Array, size: number, margin: number, invert: boolean): string {
  const full = size + 2 * margin;
  const on = invert ? 0 : 1;
  // Whether the module at (x, y) of the quiet-zone-padded symbol is drawn as glyph; rows past the end never are.
  const glyph = (x: number, y: number): number => {
    if (y >= full) return 0;
    const mx = x - margin;
    const my = y - margin;
    const dark = mx >= 0 && mx < size && my >= 0 && my < size ? modules[my * size + mx] : 0;
    return dark === on ? 1 : 0;
  };
  const lines: string[] = [];
  for (let y = 0; y < full; y += 2) {
    let line = '';
    for (let x = 0; x < full; x++) line += CELLS[(glyph(x, y) << 1) | glyph(x, y + 1)];
    lines.push(line);
  }
  return lines.join('\n') + '\n';
}

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
 * ECMA-48 SGR sequences of the `ansi` style: black background (40) and bright white foreground (97), so that
 * glyphs are the light modules and the background the dark ones whatever the terminal's own colours; and the
 * reset (0) at the end of each line, so that nothing after the code is coloured.
 */
const ANSI_START = '\u001b[40;97m';
const ANSI_RESET = '\u001b[0m';

/**
 * How the glyphs relate to the modules. `plain`: glyphs are the dark modules, in the terminal's own colours (dark
 * text on a light terminal). `inverted`: glyphs are the light modules and the quiet zone (light text on a dark
 * terminal). `ansi`: as `inverted`, but with explicit colours, right on any terminal.
 */
export type TerminalStyle = 'plain' | 'inverted' | 'ansi';

/**
 * Renders a module matrix as lines of half-block characters, each ending in `\n`, with `margin` light modules
 * around it. The half-row below the last one (17 + 4v + 2m rows is odd) is left blank, except in `ansi` style,
 * where it is drawn light like the quiet zone above it, rather than as a strip of black background.
 */
export function renderTerminal(modules: Uint8Array, size: number, margin: number, style: TerminalStyle): string {
  const full = size + 2 * margin;
  const on = style === 'plain' ? 1 : 0;
  // Whether the module at (x, y) of the quiet-zone-padded symbol is drawn as glyph.
  const glyph = (x: number, y: number): number => {
    if (y >= full) return style === 'ansi' ? 1 : 0;
    const mx = x - margin;
    const my = y - margin;
    const dark = mx >= 0 && mx < size && my >= 0 && my < size ? modules[my * size + mx] : 0;
    return dark === on ? 1 : 0;
  };
  const lines: string[] = [];
  for (let y = 0; y < full; y += 2) {
    let line = '';
    for (let x = 0; x < full; x++) line += CELLS[(glyph(x, y) << 1) | glyph(x, y + 1)];
    lines.push(style === 'ansi' ? ANSI_START + line + ANSI_RESET : line);
  }
  return lines.join('\n') + '\n';
}

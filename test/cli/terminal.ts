// A tiny terminal emulator for the CLI tests: turns what the CLI wrote to a terminal (half-block glyphs, ANSI SGR
// colours) into the picture a phone camera would see, on a light-on-dark or a dark-on-light terminal, as a
// binary PGM that zbar can read. Only what QR drawings use is modelled: SGR 0/7/27/39/49, the 16 basic
// colours (30–37, 40–47, 90–97, 100–107) and 256-colour and true-colour forms (38;5;n, 38;2;r;g;b and 48;…).
type Rgb = readonly [number, number, number];

export interface Theme {
  readonly name: string;
  readonly foreground: Rgb;
  readonly background: Rgb;
}

export const LIGHT_ON_DARK: Theme = { name: 'light on dark', foreground: [229, 229, 229], background: [30, 30, 30] };
export const DARK_ON_LIGHT: Theme = { name: 'dark on light', foreground: [20, 20, 20], background: [250, 250, 250] };

// xterm's 16 basic colours.
const BASIC: Rgb[] = [
  [0, 0, 0],
  [205, 0, 0],
  [0, 205, 0],
  [205, 205, 0],
  [0, 0, 238],
  [205, 0, 205],
  [0, 205, 205],
  [229, 229, 229],
  [127, 127, 127],
  [255, 0, 0],
  [0, 255, 0],
  [255, 255, 0],
  [92, 92, 255],
  [255, 0, 255],
  [0, 255, 255],
  [255, 255, 255],
];

function palette256(n: number): Rgb {
  if (n < 16) return BASIC[n];
  if (n >= 232) {
    const v = 8 + 10 * (n - 232);
    return [v, v, v];
  }
  const level = (i: number): number => (i === 0 ? 0 : 55 + 40 * i);
  const c = n - 16;
  return [level(Math.floor(c / 36)), level(Math.floor(c / 6) % 6), level(c % 6)];
}

interface Pen {
  fg: Rgb | undefined; // undefined: the terminal's default
  bg: Rgb | undefined;
  reverse: boolean;
}

/** Applies one SGR sequence's parameters to the pen. */
function applySgr(pen: Pen, params: number[]): void {
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (p === 0) Object.assign(pen, { fg: undefined, bg: undefined, reverse: false });
    else if (p === 7) pen.reverse = true;
    else if (p === 27) pen.reverse = false;
    else if (p >= 30 && p <= 37) pen.fg = BASIC[p - 30];
    else if (p >= 90 && p <= 97) pen.fg = BASIC[p - 90 + 8];
    else if (p >= 40 && p <= 47) pen.bg = BASIC[p - 40];
    else if (p >= 100 && p <= 107) pen.bg = BASIC[p - 100 + 8];
    else if (p === 39) pen.fg = undefined;
    else if (p === 49) pen.bg = undefined;
    else if ((p === 38 || p === 48) && params[i + 1] === 5) {
      const colour = palette256(params[i + 2]);
      if (p === 38) pen.fg = colour;
      else pen.bg = colour;
      i += 2;
    } else if ((p === 38 || p === 48) && params[i + 1] === 2) {
      const colour: Rgb = [params[i + 2], params[i + 3], params[i + 4]];
      if (p === 38) pen.fg = colour;
      else pen.bg = colour;
      i += 4;
    }
    // Anything else (bold, underline …) does not change which colour a cell shows.
  }
}

/** One terminal line as cells of [top colour, bottom colour]; `undefined` for a line that is not a drawing. */
function renderLine(line: string, theme: Theme, pen: Pen): Array<[Rgb, Rgb]> | undefined {
  const cells: Array<[Rgb, Rgb]> = [];
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\x1b') {
      const m = /^\x1b\[([0-9;]*)m/.exec(line.slice(i));
      if (!m) throw new Error(`unsupported escape sequence at column ${i}`);
      applySgr(pen, m[1] === '' ? [0] : m[1].split(';').map(Number));
      i += m[0].length - 1;
      continue;
    }
    const glyph = ' ▄▀█'.indexOf(line[i]);
    if (glyph < 0) return undefined;
    let fg = pen.fg ?? theme.foreground;
    let bg = pen.bg ?? theme.background;
    if (pen.reverse) [fg, bg] = [bg, fg];
    cells.push([glyph & 2 ? fg : bg, glyph & 1 ? fg : bg]);
  }
  return cells;
}

const luma = ([r, g, b]: Rgb): number => Math.round(0.299 * r + 0.587 * g + 0.114 * b);

/**
 * Renders the drawing in `output` (the longest run of lines made only of half blocks, spaces and SGR sequences)
 * as a grey PGM, `scale` pixels per module, surrounded by 4 modules of the theme's background.
 */
export function terminalPicture(output: string, theme: Theme, scale = 4): Uint8Array {
  const pen: Pen = { fg: undefined, bg: undefined, reverse: false };
  let best: Array<Array<[Rgb, Rgb]>> = [];
  let run: Array<Array<[Rgb, Rgb]>> = [];
  for (const line of output.replace(/\r/g, '').split('\n')) {
    const cells = line === '' ? undefined : renderLine(line, theme, pen);
    if (cells && cells.length > 0) run.push(cells);
    else run = [];
    if (run.length > best.length) best = run;
  }
  if (best.length === 0) throw new Error('no drawing in the output');
  const width = Math.max(...best.map((cells) => cells.length));
  const pad = 4;
  const w = (width + 2 * pad) * scale;
  const h = (best.length * 2 + 2 * pad) * scale;
  const pixels = new Uint8Array(w * h).fill(luma(theme.background));
  best.forEach((cells, row) =>
    cells.forEach((pair, x) =>
      pair.forEach((colour, half) => {
        const top = (row * 2 + half + pad) * scale;
        for (let dy = 0; dy < scale; dy++) {
          pixels.fill(luma(colour), (top + dy) * w + (x + pad) * scale, (top + dy) * w + (x + pad + 1) * scale);
        }
      }),
    ),
  );
  return Buffer.concat([Buffer.from(`P5 ${w} ${h} 255\n`), pixels]);
}

// Chromium: the page's import map (written by browser.mjs from the packed package.json's exports map) sends the bare
// specifiers to the package's "import" files, as a bundler or CDN would.
import * as core from 'totp-config';
import * as qr from 'totp-config/qr';
import { RESULT_MARK, runCases } from './cases.mjs';

const results = await runCases({ core, qr });
const entry = [import.meta.resolve('totp-config'), import.meta.resolve('totp-config/qr')];
const line = RESULT_MARK + JSON.stringify({ runtime: 'chromium', version: navigator.userAgent, entry, results });
document.body.dataset.result = line;
console.log(line);

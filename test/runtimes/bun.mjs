// Bun, ES modules from node_modules (Bun's own resolver; conditions "bun", "import", "default").
import * as core from 'totp-config';
import * as qr from 'totp-config/qr';
import { RESULT_MARK, runCases } from './cases.mjs';

const results = await runCases({ core, qr });
const entry = [import.meta.resolve('totp-config'), import.meta.resolve('totp-config/qr')];
console.log(RESULT_MARK + JSON.stringify({ runtime: 'bun', version: `bun ${Bun.version}`, entry, results }));

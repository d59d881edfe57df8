// Deno, ES modules from the consumer's node_modules (run with --node-modules-dir=manual and no permissions at
// all: the library must need none, not even to read a file or the environment).
import * as core from 'totp-config';
import * as qr from 'totp-config/qr';
import { RESULT_MARK, runCases } from './cases.mjs';

const results = await runCases({ core, qr });
const entry = [import.meta.resolve('totp-config'), import.meta.resolve('totp-config/qr')];
console.log(RESULT_MARK + JSON.stringify({ runtime: 'deno', version: `deno ${Deno.version.deno}`, entry, results }));

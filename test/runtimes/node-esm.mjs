// Node, ES modules: `import` resolves the exports map's "import" condition (dist/esm/*.js).
import * as core from 'totp-config';
import * as qr from 'totp-config/qr';
import { RESULT_MARK, runCases } from './cases.mjs';

const results = await runCases({ core, qr });
const entry = [import.meta.resolve('totp-config'), import.meta.resolve('totp-config/qr')];
console.log(RESULT_MARK + JSON.stringify({ runtime: 'node-esm', version: `node ${process.version}`, entry, results }));

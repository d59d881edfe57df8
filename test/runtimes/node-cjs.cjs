// Node, CommonJS: `require` resolves the exports map's "require" condition (dist/cjs/*.js). The cases are ESM
// but import nothing, so a dynamic import() of them loads no second copy of the library.
const core = require('totp-config');
const qr = require('totp-config/qr');

import('./cases.mjs').then(async ({ RESULT_MARK, runCases }) => {
  const results = await runCases({ core, qr });
  const entry = [require.resolve('totp-config'), require.resolve('totp-config/qr')];
  console.log(
    RESULT_MARK + JSON.stringify({ runtime: 'node-cjs', version: `node ${process.version}`, entry, results }),
  );
});

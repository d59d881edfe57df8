// Everything this server takes from totp-config, in one place. The rest of the server imports from here.
import * as library from 'totp-config';
import * as shim from './lifecycle-shim.js';

export { formatOtpauthUri, generateSecret, verifyTotp } from 'totp-config';
export { qrSvg } from 'totp-config/qr';

// TEMPORARY, until recovery codes and throttling land in totp-config (branch h/lifecycle): take them from the
// package when it has them, else from ./lifecycle-shim.js. Once they have landed, replace everything from here to
// the end of the file with this one statement, and delete lifecycle-shim.js:
//   export {
//     generateRecoveryCodes, hashRecoveryCode, verifyRecoveryCode,
//     throttle, recordFailure, recordSuccess, DEFAULT_THROTTLE_POLICY,
//   } from 'totp-config';
const recovery = typeof library.generateRecoveryCodes === 'function' ? library : shim;
const throttling = typeof library.throttle === 'function' ? library : shim;

export const { generateRecoveryCodes, hashRecoveryCode, verifyRecoveryCode } = recovery;
export const { throttle, recordFailure, recordSuccess, DEFAULT_THROTTLE_POLICY } = throttling;

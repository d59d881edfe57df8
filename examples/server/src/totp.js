// Everything this server takes from totp-config, in one place. The rest of the server imports from here.
export {
  formatOtpauthUri,
  generateRecoveryCodes,
  generateSecret,
  hashRecoveryCode,
  recordFailure,
  recordSuccess,
  throttle,
  verifyRecoveryCode,
  verifyTotp,
} from 'totp-config';
export { qrSvg } from 'totp-config/qr';

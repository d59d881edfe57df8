// Enrollment demo: generateUserConfiguration makes the secret and the otpauth URI, qrSvg draws the URI, and
// verifyTotp checks the first code the user's app shows. No framework and no build step: the modules are the
// package's own ES build, which a static server maps to ../../dist/esm/ (run `npm run build` first, then serve the
// repository root, e.g. `npx http-server .`, and open /examples/browser/). Nothing is sent anywhere.
import { generateUserConfiguration, verifyTotp } from '../../dist/esm/index.js';
import { qrSvg } from '../../dist/esm/qr.js';

const $ = (id) => document.getElementById(id);

/** The enrollment in progress: the secret lives only in this variable, never in the DOM beyond its display. */
let pending = null;

$('enroll').addEventListener('submit', (event) => {
  event.preventDefault();
  const error = $('enroll-error');
  error.hidden = true;
  let config;
  try {
    config = generateUserConfiguration($('user').value, $('issuer').value);
  } catch (e) {
    // The library's messages name the argument and the rule, e.g. "issuer" must not contain ':' (found at index 7).
    error.textContent = e instanceof Error ? e.message : String(e);
    error.hidden = false;
    return;
  }
  pending = { secret: config.secret, verified: false };
  showQr(config.otpauth_str);
  // Authenticator apps show and accept secrets in groups of four.
  $('secret').textContent = config.secret.match(/.{1,4}/g).join(' ');
  $('account').textContent = `${$('issuer').value}: ${$('user').value}`;
  $('otpauth-link').href = config.otpauth_str;
  $('code').value = '';
  $('code').disabled = false;
  $('check').disabled = false;
  setResult('', '');
  $('setup').hidden = false;
  $('code').focus();
});

/** Inserts the SVG as parsed nodes rather than HTML, so the strict CSP needs no 'unsafe-inline'. */
function showQr(uri) {
  const svg = new DOMParser().parseFromString(qrSvg(uri, { margin: 4 }), 'image/svg+xml').documentElement;
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'QR code to scan with an authenticator app');
  $('qr').replaceChildren(document.importNode(svg, true));
}

$('verify').addEventListener('submit', (event) => {
  event.preventDefault();
  if (!pending || pending.verified) return;
  // Apps display "123 456"; people paste it that way.
  const code = $('code').value.replace(/\s+/g, '');
  if (code === '') return setResult('bad', 'Enter the 6-digit code from your authenticator app.');
  if (!/^[0-9]+$/.test(code)) return setResult('bad', 'The code must be digits only (0-9).');
  if (code.length !== 6) {
    return setResult('bad', `The code must be 6 digits long; you typed ${code.length}.`);
  }
  // window 1: the previous and next 30-second steps count too, for a phone clock a little off (RFC 6238 §5.2).
  const match = verifyTotp(code, pending.secret, { window: 1 });
  if (match === null) {
    return setResult(
      'bad',
      "That code does not match. Check that your phone's clock is right and type the newest code.",
    );
  }
  pending.verified = true;
  $('code').disabled = true;
  $('check').disabled = true;
  setResult('ok', 'Verified: two-factor authentication is on.');
});

// The button stays disabled until this module and the library have loaded.
$('enable').disabled = false;

function setResult(kind, text) {
  const result = $('result');
  result.className = kind;
  result.textContent = text;
}

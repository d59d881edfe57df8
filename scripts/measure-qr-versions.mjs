// The QR versions that ordinary ASCII labels give (README, Validation rules): 25 issuers × 14 accounts, from
// `X` and `me` to long e-mail addresses, each made 3 times (the secret varies), at the default level M, with the
// default options and with each longer secret. Reads the build: run `npm run build` first.
// Usage: node scripts/measure-qr-versions.mjs
import { generateUserConfiguration } from '../dist/esm/index.js';
import { qrMatrix } from '../dist/esm/qr.js';

const issuers = [
  'X',
  'IBM',
  'ACME',
  'Okta',
  'AWS',
  'GitHub',
  'GitLab',
  'Google',
  'Discord',
  'Example Co',
  'Microsoft',
  'Cloudflare',
  'DigitalOcean',
  'Amazon Web Services',
  'Dropbox',
  'cPanel',
  'Proton',
  'npm',
  'PyPI',
  'Coinbase',
  'My Company Ltd.',
  'Bank of Example (Online Banking)',
  'example.org',
  'Fastmail',
  'Nextcloud (cloud.example.net)',
];
const accounts = [
  'me',
  'bob',
  'alice',
  'root',
  'admin',
  'jdoe',
  'alice@example.com',
  'bob@gmail.com',
  'j.smith@company.example',
  'user_1234567',
  'admin@example.org',
  'firstname.lastname@long-company-domain.example',
  'a.very.long.name+tag@subdomain.department.example.co.uk',
  'support-team@example.io',
];

for (const options of [{}, { digits: 8, period: 60 }, { algorithm: 'SHA256' }, { algorithm: 'SHA512' }]) {
  const counts = {};
  for (const issuer of issuers) {
    for (const account of accounts) {
      for (let i = 0; i < 3; i++) {
        const { version } = qrMatrix(generateUserConfiguration(account, issuer, options).otpauth_str);
        counts[version] = (counts[version] ?? 0) + 1;
      }
    }
  }
  const versions = Object.keys(counts).map(Number);
  const spread = Object.entries(counts)
    .map(([v, n]) => `v${v}: ${n}`)
    .join(', ');
  console.log(`${JSON.stringify(options)}: versions ${Math.min(...versions)} to ${Math.max(...versions)} (${spread})`);
}

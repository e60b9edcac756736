// A throwaway self-signed certificate for sentry.io and *.sentry.io, made on first use (about 50 ms) and kept
// out of git so no private key is ever committed. Browsers trust it only through test launch flags.
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface TestCert {
  key: string;
  cert: string;
  spki: string;
}

export function testCert(dir = path.resolve(import.meta.dirname, '.certs')): TestCert {
  const keyFile = path.join(dir, 'sentry.key');
  const certFile = path.join(dir, 'sentry.crt');
  if (!existsSync(keyFile) || !existsSync(certFile)) {
    mkdirSync(dir, { recursive: true });
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '3650',
        '-subj',
        '/CN=sentry.io',
        '-addext',
        'subjectAltName=DNS:sentry.io,DNS:*.sentry.io,DNS:us.sentry.io,DNS:de.sentry.io',
        '-addext',
        'extendedKeyUsage=serverAuth',
      ],
      { stdio: 'ignore' },
    );
  }
  const key = readFileSync(keyFile, 'utf8');
  const cert = readFileSync(certFile, 'utf8');
  // Chromium's --ignore-certificate-errors-spki-list takes base64(sha256(SubjectPublicKeyInfo)).
  const der = createPublicKey(cert).export({ type: 'spki', format: 'der' });
  const spki = createHash('sha256').update(der).digest('base64');
  return { key, cert, spki };
}

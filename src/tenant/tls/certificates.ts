// @peculiar/x509 needs the Reflect metadata API (its README: "Reflect Polyfill Required").
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
import fs from 'node:fs/promises';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import { writeFileAtomic } from '../store/atomic-file.ts';

// The tenant's own certificate authority and a server certificate for 127.0.0.1 and localhost, made on
// first start and kept in the state folder. Clients trust ca.pem (NODE_EXTRA_CA_CERTS, or undici's
// `connect: { ca }`); TLS verification stays on everywhere.

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[1]);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;
const CA_DAYS = 3650;
const LEAF_DAYS = 397;
/** Re-issue the server certificate when it has less than this left. */
const RENEW_DAYS = 30;

export interface TlsFiles {
  caFile: string;
  caPem: string;
  certPem: string;
  keyPem: string;
}

export const tlsPaths = (stateDir: string) => ({
  caFile: path.join(stateDir, 'ca.pem'),
  caKeyFile: path.join(stateDir, 'ca-key.pem'),
  certFile: path.join(stateDir, 'server.pem'),
  keyFile: path.join(stateDir, 'server-key.pem'),
});

const serial = (): string => Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '1');

async function pkcs8Pem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key)).toString('base64');
  return `-----BEGIN PRIVATE KEY-----\n${der.match(/.{1,64}/g)?.join('\n') ?? der}\n-----END PRIVATE KEY-----\n`;
}

async function importPkcs8Pem(pem: string): Promise<CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return webcrypto.subtle.importKey('pkcs8', der, ALG, true, ['sign']);
}

async function createCa(): Promise<{ cert: x509.X509Certificate; key: CryptoKey }> {
  const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=claimkit local tenant CA ${new Date(now).toISOString().slice(0, 10)}`,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + CA_DAYS * DAY),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, key: keys.privateKey };
}

async function createLeaf(ca: { cert: x509.X509Certificate; key: CryptoKey }): Promise<{ certPem: string; keyPem: string }> {
  const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=127.0.0.1',
    issuer: ca.cert.subject,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + LEAF_DAYS * DAY),
    signingKey: ca.key,
    publicKey: keys.publicKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'dns', value: 'localhost' },
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await pkcs8Pem(keys.privateKey) };
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** The CA and server certificate in `stateDir`, created or renewed as needed. */
export async function ensureCertificates(stateDir: string): Promise<TlsFiles> {
  const p = tlsPaths(stateDir);
  await fs.mkdir(stateDir, { recursive: true, mode: 0o700 });
  let caPem = await readIfExists(p.caFile);
  let caKeyPem = await readIfExists(p.caKeyFile);
  let ca: { cert: x509.X509Certificate; key: CryptoKey };
  let renewLeaf = false;
  if (caPem === undefined || caKeyPem === undefined || new x509.X509Certificate(caPem).notAfter.getTime() < Date.now() + RENEW_DAYS * DAY) {
    ca = await createCa();
    caPem = ca.cert.toString('pem');
    caKeyPem = await pkcs8Pem(ca.key);
    await writeFileAtomic(p.caKeyFile, caKeyPem);
    await writeFileAtomic(p.caFile, caPem);
    renewLeaf = true;
  } else {
    ca = { cert: new x509.X509Certificate(caPem), key: await importPkcs8Pem(caKeyPem) };
  }
  let certPem = await readIfExists(p.certFile);
  let keyPem = await readIfExists(p.keyFile);
  if (renewLeaf || certPem === undefined || keyPem === undefined || new x509.X509Certificate(certPem).notAfter.getTime() < Date.now() + RENEW_DAYS * DAY) {
    ({ certPem, keyPem } = await createLeaf(ca));
    await writeFileAtomic(p.keyFile, keyPem);
    await writeFileAtomic(p.certFile, certPem);
  }
  return { caFile: p.caFile, caPem, certPem, keyPem };
}

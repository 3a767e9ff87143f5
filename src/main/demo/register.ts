import { join } from 'node:path';
import { openSchemeFile } from '../scheme';
import { exportRegister, londonDate, registerEntry, signBadge } from '../register';
import { loadSchemeRoot } from '../signing';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * The demo's register for commissioners (issue 15): once the certificate is in the scheme file's
 * register, the register signed by the scheme root (register/register.json with its .p7s and .jws)
 * and the certificate as an Open Badges 3.0 credential (badge.jwt), as `copanel register export`
 * and `copanel register badge` write them.
 */
export async function writeDemoRegister(input: {
  outDir: string;
  schemeFile: string;
  schemeRoot: string;
  schemeRootKey: string;
  passphrase: string;
  certificateNumber: string;
  appVersion: string;
}): Promise<{ register: string; badge: string }> {
  const root = loadSchemeRoot({
    certificatePem: readFileSync(input.schemeRoot, 'utf8'),
    encryptedKeyPem: readFileSync(input.schemeRootKey, 'utf8'),
  });
  const scheme = await openSchemeFile({
    path: input.schemeFile,
    passphrase: input.passphrase,
    readOnly: true,
    appVersion: input.appVersion,
  });
  try {
    const now = new Date();
    const exported = await exportRegister(scheme, root, input.passphrase, now);
    const folder = join(input.outDir, 'register');
    mkdirSync(folder, { recursive: true });
    for (const file of exported.files) writeFileSync(join(folder, file.fileName), file.bytes);
    const register = join(folder, 'register.json');
    const entry = await registerEntry(scheme, input.certificateNumber, londonDate(now));
    const badge = join(input.outDir, 'badge.jwt');
    writeFileSync(badge, `${await signBadge(entry, root, input.passphrase, now)}\n`);
    return { register, badge };
  } finally {
    await scheme.close();
  }
}

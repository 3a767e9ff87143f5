import type { SchemeFile } from '../scheme';
import type { SchemeRoot } from '../signing';
import { csvFile } from '../csv';
import { registerCsv } from './csv';
import { listRegister } from './register';
import { publishedRegister, signRegister } from './signed-register';

/** One file of the exported register: its name, media type and bytes. */
export interface ExportedRegisterFile {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
}

/**
 * The register exported for commissioners, as `copanel register export` writes it and the app's
 * Register screen downloads it: register.json signed by the scheme root (register.json.p7s, CMS;
 * register.json.jws, JWS), register.csv and register.pdf (a printable list), all as of `now`.
 */
export async function exportRegister(
  scheme: SchemeFile,
  root: SchemeRoot,
  rootPassphrase: string,
  now: Date,
  resourcesDir?: string,
): Promise<{ entries: number; files: ExportedRegisterFile[] }> {
  const register = await publishedRegister(scheme, root, now);
  const signed = await signRegister(register, root, rootPassphrase);
  const entries = await listRegister(scheme, register.asOf);
  // Loaded only here: the documents (react-pdf) are not needed by anything else the register does.
  const { renderRegisterList } = await import('../documents');
  const pdf = await renderRegisterList(
    {
      schemeName: register.scheme.name,
      asOf: register.asOf,
      rows: entries.map((entry) => ({
        certificateNumber: entry.certificateNumber,
        organisation: entry.organisation,
        level: entry.level,
        decisionDate: entry.decisionDate,
        validUntil: entry.validUntil,
        statusWords: entry.status.words,
      })),
    },
    { creationDate: now, ...(resourcesDir ? { resourcesDir } : {}) },
  );
  const text = (value: string) => Buffer.from(value, 'utf8');
  return {
    entries: register.entries.length,
    files: [
      { fileName: 'register.json', mediaType: 'application/json', bytes: signed.json },
      { fileName: 'register.json.p7s', mediaType: 'application/pkcs7-signature', bytes: signed.cms },
      { fileName: 'register.json.jws', mediaType: 'application/jose', bytes: text(signed.jws) },
      { fileName: 'register.csv', mediaType: 'text/csv', bytes: text(csvFile(registerCsv(entries))) },
      { fileName: 'register.pdf', mediaType: 'application/pdf', bytes: pdf },
    ],
  };
}

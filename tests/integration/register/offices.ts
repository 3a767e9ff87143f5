import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  interimReviewDate,
  REGISTER_FORMAT,
  signRegister,
  type PublishedEntry,
  type PublishedRegister,
} from '../../../src/main/register';
import { createSchemeRoot, type SchemeRoot } from '../../../src/main/signing';
import { addMonths } from '../../../src/shared/scoring';

/**
 * Other scheme offices for the register's merge tests and the register bench: each with its own
 * root (made by the app's createSchemeRoot) and a register signed by it with the app's own
 * signRegister — the files one office sends another. Their entries are fictional.
 */

export const OFFICE_PASSPHRASE = 'harbour-quince-lantern-otter-violet';

export interface SchemeOffice {
  name: string;
  root: SchemeRoot;
}

export async function schemeOffice(name: string, now = new Date()): Promise<SchemeOffice> {
  return { name, root: await createSchemeRoot({ name, passphrase: OFFICE_PASSPHRASE, now }) };
}

const PLACES = [
  'Northgate',
  'Riverside',
  'Hillside',
  'Harbour',
  'Westmoor',
  'Eastbrook',
  'Kingsford',
  'Ashdale',
  'Fernley',
  'Oakhurst',
  'Millbank',
  'Brackenfield',
  'Stonebridge',
  'Larkspur',
  'Marlow Vale',
  'Thornbury',
  'Glenwood',
  'Saltmarsh',
  'Cedar Cross',
  'Birchholt',
];
const KINDS = [
  'Community Wellbeing Trust',
  'Recovery College',
  'Peer Support Network',
  'Crisis Café',
  'Mental Health Foundation',
  'Carers’ Alliance',
  'Wellbeing Hub',
  'Young Minds Project',
  'Hearing Voices Group',
  'Community Interest Company',
];

/** A fictional organisation's name, one of 10,000 for index 0–9,999. */
export function organisationName(index: number): string {
  const place = PLACES[index % PLACES.length]!;
  const kind = KINDS[Math.floor(index / PLACES.length) % KINDS.length]!;
  return `${place} ${kind} (${String(index).padStart(4, '0')}, fictional)`;
}

/**
 * `count` certificates of `organisations` organisations: decisions spread over the four years up
 * to `lastDecision`, so that the register holds valid, due, overdue and expired certificates; every
 * 97th withdrawn and every 89th suspended, as the other office recorded.
 */
export function certificatesOf(
  count: number,
  options: { organisations: number; prefix: string; lastDecision: string; signer: SchemeRoot },
): PublishedEntry[] {
  const spki = options.signer.certificate.publicKeyInfo.toString('base64');
  return Array.from({ length: count }, (_, index) => {
    const decisionDate = addMonths(options.lastDecision, -(index % 48));
    const certificateNumber = `${options.prefix}-${decisionDate.slice(0, 4)}-${index.toString(16).toUpperCase().padStart(8, '0')}`;
    const events: PublishedEntry['events'] = [];
    if (index % 97 === 5)
      events.push({
        kind: 'revoked',
        onDate: addMonths(decisionDate, 2),
        reason: 'withdrawn after a complaint was upheld',
        supersededBy: null,
      });
    else if (index % 89 === 7)
      events.push({
        kind: 'suspended',
        onDate: addMonths(decisionDate, 1),
        reason: 'under appeal',
        supersededBy: null,
      });
    return {
      certificateNumber,
      organisation: organisationName(index % options.organisations),
      level: (index % 3) + 1,
      decisionDate,
      interimReviewDue: interimReviewDate(decisionDate),
      validUntil: addMonths(decisionDate, 36),
      standardVersion: 'coproduction-standard v1',
      signers: ['Avery Lead (Panel lead)', 'Sam Chair (Co-signing chair)'],
      auditHead: null,
      qrSignerKeyId: options.signer.certificate.keyId,
      qrSignerPublicKey: spki,
      pdfSha256: createHash('sha256').update(certificateNumber).digest('hex'),
      importedAt: `${decisionDate}T12:00:00.000Z`,
      status: { state: 'valid', words: 'As the other office computed it.' },
      events,
    };
  });
}

/** The office's register of these entries, signed by its root, written as register.json and register.json.p7s in `dir`. */
export async function writeSignedRegister(
  office: SchemeOffice,
  entries: PublishedEntry[],
  dir: string,
  now = new Date(),
): Promise<{ json: string; signature: string; rootPem: string }> {
  const register: PublishedRegister = {
    format: REGISTER_FORMAT,
    scheme: { name: office.name, rootSha256: office.root.certificate.sha256.toString('hex') },
    issuedAt: now.toISOString(),
    asOf: now.toISOString().slice(0, 10),
    entries,
  };
  const signed = await signRegister(register, office.root, OFFICE_PASSPHRASE);
  mkdirSync(dir, { recursive: true });
  const paths = {
    json: join(dir, 'register.json'),
    signature: join(dir, 'register.json.p7s'),
    rootPem: join(dir, 'root.pem'),
  };
  writeFileSync(paths.json, signed.json);
  writeFileSync(paths.signature, signed.cms);
  writeFileSync(paths.rootPem, office.root.certificatePem);
  return paths;
}

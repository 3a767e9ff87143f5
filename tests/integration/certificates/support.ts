import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/main/cli/main';
import {
  PdfDocument,
  PdfDict,
  PdfStream,
  type PdfRef,
  pageRefs,
  appendIncrementalUpdate,
} from '../../../src/main/signing';

/** A strong passphrase for the demo (case file, scheme root key and identities). */
export const DEMO_PASSPHRASE = 'lantern-meadow-quartz-harbor-violin';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `copanel …` in this process, with its own user data folder so no real settings are read. */
export async function copanel(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    env: { ...process.env, COPANEL_USER_DATA: userData, ...env },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const userData = mkdtempSync(join(tmpdir(), 'copanel-cli-user-data-'));
process.on('exit', () => rmSync(userData, { recursive: true, force: true }));

/** Replaces the first occurrence of `from` by `to` (same length) in a copy. */
export function changeBytes(pdf: Uint8Array, from: string, to: string): Buffer {
  if (to.length !== from.length) throw new Error('tampering must keep the length');
  const copy = Buffer.from(pdf);
  const at = copy.indexOf(from, 0, 'latin1');
  if (at < 0) throw new Error(`"${from}" is not in the PDF`);
  copy.write(to, at, 'latin1');
  return copy;
}

/** An incremental update that replaces page 1's content stream, as a forger would append it. */
export function appendContentChange(pdf: Uint8Array): Buffer {
  const doc = new PdfDocument(pdf);
  const page = doc.dict(pageRefs(doc)[0])!;
  const contents = page.get('Contents') as PdfRef;
  const forged = new PdfStream(
    new PdfDict(),
    Buffer.from('BT /F1 48 Tf 100 300 Td (Level 3) Tj ET', 'latin1'),
  );
  return appendIncrementalUpdate(doc, [{ num: contents.num, gen: contents.gen, value: forged }]).bytes;
}

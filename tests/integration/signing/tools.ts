import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** poppler's pdfsig, qpdf, NSS certutil and openssl, run on files in a temp folder. */
const TOOLS = ['pdfsig', 'qpdf', 'certutil', 'openssl'] as const;

export function missingTools(): string[] {
  return TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
}

export interface Workspace {
  dir: string;
  write(name: string, data: Uint8Array | string): string;
  dispose(): void;
}

export function workspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'copanel-signing-'));
  return {
    dir,
    write(name, data) {
      const file = join(dir, name);
      writeFileSync(file, data);
      return file;
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ToolResult {
  status: number;
  output: string;
}

/** Runs a tool and returns its exit status and stdout+stderr (never throws on a non-zero exit). */
export function run(tool: string, args: string[], input?: string): ToolResult {
  const result = spawnSync(tool, args, { encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status ?? -1, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/** An NSS database in `dir` trusting `rootPem` as a CA (for `pdfsig -nssdir`). */
export function nssDatabaseTrusting(ws: Workspace, rootPem: string): string {
  const db = join(ws.dir, 'nss');
  execFileSync('mkdir', ['-p', db]);
  const rootFile = ws.write('nss-root.pem', rootPem);
  execFileSync('certutil', ['-N', '--empty-password', '-d', `sql:${db}`]);
  execFileSync('certutil', ['-A', '-n', 'scheme-root', '-t', 'CT,C,C', '-i', rootFile, '-d', `sql:${db}`]);
  return `sql:${db}`;
}

export interface PdfsigSignature {
  fieldName: string;
  signerName: string;
  signatureValid: boolean;
  validation: string;
  certificate: string;
  totalDocumentSigned: boolean;
}

/** Parses `pdfsig` output into one record per signature. */
export function pdfsig(file: string, nssDir?: string): PdfsigSignature[] {
  const { output } = run('pdfsig', [...(nssDir ? ['-nssdir', nssDir] : []), file]);
  return output
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => {
      const field = (label: string): string =>
        new RegExp(`- ${label}: (.*)$`, 'm').exec(block)?.[1]?.trim() ?? '';
      return {
        fieldName: field('Signature Field Name'),
        signerName: field('Signer Certificate Common Name'),
        validation: field('Signature Validation'),
        signatureValid: field('Signature Validation') === 'Signature is Valid.',
        certificate: field('Certificate Validation'),
        totalDocumentSigned: /- Total document signed/.test(block),
      };
    });
}

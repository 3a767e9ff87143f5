import { closeSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke, localApiContext, type ApiContext } from '../../../src/main/api';
import { nodeRuntime } from '../../../src/main/runtime';
import { emptyFileMessage, unusableFile } from '../../../src/shared/file-words';
import { expectUserError, makeTempDir } from '../casefile/support';

/**
 * The register's "Add a certificate" door, through the app's contract on a real encrypted scheme
 * file: a file far too large names its real size and the limit (it once said "This file is 10 MB"
 * of a 64 MB upload, the size it had read up to), and an empty file says it is empty in the same
 * words as the screens (it once said "not a PDF").
 */

const temp = makeTempDir('copanel-register-import-words-');
afterAll(() => temp.cleanup());
let ctx: ApiContext;

beforeAll(async () => {
  ctx = localApiContext(
    nodeRuntime('cli', {
      workspaceDir: join(temp.dir, 'workspace'),
      userDataDir: join(temp.dir, 'user-data'),
    }),
  );
  await invoke(
    'scheme.create',
    {
      fileName: 'office',
      schemeName: 'Westmoor Kitemark Scheme (fictional)',
      passphrase: 'copper-meadow-violin-harbour-quartz',
      yourName: 'Jo Okafor',
    },
    ctx,
  );
}, 120_000);

/** A stream of `megabytes` MiB of "%" bytes, counting what was read from it. */
function bigUpload(megabytes: number): { stream: Readable; read: () => number } {
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= megabytes << 20) this.push(null);
      else {
        sent += 1 << 20;
        this.push(Buffer.alloc(1 << 20, 0x25));
      }
    },
  });
  return { stream, read: () => sent };
}

describe('adding a certificate to the register from a file that cannot be one', () => {
  it('says the real size of a file far too large, and the limit, whether uploaded or chosen by path', async () => {
    const upload = bigUpload(64);
    const uploaded = await expectUserError(
      invoke('register.importCertificate', { fileName: 'scans.pdf' }, { ...ctx, upload: upload.stream }),
    );
    expect(uploaded.code).toBe('PDF_NOT_SUPPORTED');
    expect(uploaded.message).toBe(
      '“scans.pdf” is 64 MB; the most the app checks as a certificate is 10 MB, so it was not checked. Check it is the right file.',
    );
    expect(upload.read()).toBe(64 << 20); // drained to the end, not left hanging

    const onDisk = join(temp.dir, 'bundle.pdf');
    const fd = openSync(onDisk, 'w');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    const byPath = await expectUserError(
      invoke('register.importCertificate', { fileName: 'bundle.pdf', path: onDisk }, ctx),
    );
    expect(byPath.message).toBe(
      unusableFile({ name: 'bundle.pdf', size: 50 * 1024 * 1024 }, 'a certificate'),
    );
    expect(byPath.message).toContain('is 50 MB; the most the app checks as a certificate is 10 MB');
    expect((await invoke('register.list', {}, ctx)).entries).toHaveLength(0);
  }, 60_000);

  it('says an empty file is empty, in the words every screen uses, not that it is not a PDF', async () => {
    const empty = join(temp.dir, 'empty.pdf');
    writeFileSync(empty, '');
    const byPath = await expectUserError(
      invoke('register.importCertificate', { fileName: 'empty.pdf', path: empty }, ctx),
    );
    expect(byPath.message).toBe(emptyFileMessage('empty.pdf'));
    const uploaded = await expectUserError(
      invoke(
        'register.importCertificate',
        { fileName: 'empty.pdf', sizeBytes: 0 },
        { ...ctx, upload: Readable.from([]) },
      ),
    );
    expect(uploaded).toEqual(byPath);
    expect(uploaded.message).toBe(
      '“empty.pdf” is empty (0 bytes). Check it is the right file and that it has finished saving or downloading, then choose it again.',
    );
  });
});

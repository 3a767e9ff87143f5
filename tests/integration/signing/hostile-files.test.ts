import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COPANEL_BIN, STACK_TRACE, runBounded } from './bounded-run';
import {
  bombSize,
  deeplyNested,
  doublyCompressedBomb,
  flatten,
  misPointingXref,
  pageTreeListingNodesTwice,
  thousandsOfSignatures,
  toUnicodeWithoutEndMarker,
  unterminatedTjArray,
} from './hostile-pdfs';
import { coSign, makeScheme, signAsLead, signaturesIn, type TestScheme } from './scheme-fixture';
import { renderTestCertificate } from './test-pdf';
import { workspace, type Workspace } from './tools';

/**
 * Issue 11 §3: a PDF given to Verify is untrusted. Each hostile file is checked by the real
 * `copanel verify` in a child process that is killed if it runs past 30 s or past 600 MB, so the
 * old behaviour (a hang, a blow-up, a stack trace) shows as a failure. Each must end with exit 1,
 * a plain reason and no stack trace, within the memory budget (300 MB for the whole process).
 * How fast (the 2 s budget) is measured by `npm run bench -- --only hostile`.
 */

const MEGABYTE = 1024 * 1024;

describe('hostile files get a plain answer: no hang, no memory blow-up, no stack trace', () => {
  let ws: Workspace;
  let root: string;
  let scheme: TestScheme;
  let unsigned: Uint8Array;
  let coSigned: Uint8Array;
  let leadCms: Uint8Array;

  beforeAll(async () => {
    ws = workspace();
    scheme = await makeScheme();
    root = ws.write('scheme-root.pem', scheme.root.certificatePem);
    unsigned = await renderTestCertificate();
    const leadSigned = await signAsLead(unsigned, scheme.lead);
    coSigned = await coSign(leadSigned, scheme.coSigner);
    leadCms = signaturesIn(leadSigned)[0]!.cms;
  });
  afterAll(() => ws?.dispose());

  async function verifyHostile(name: string, pdf: Uint8Array) {
    const file = ws.write(name, pdf);
    const run = await runBounded([COPANEL_BIN, 'verify', file, '--trust', root], {
      timeoutMs: 30_000,
      maxRssBytes: 600 * MEGABYTE,
    });
    const output = `${run.out}\n${run.err}`;
    expect(run.killed, output).toBeUndefined();
    expect(output).not.toMatch(STACK_TRACE);
    expect(output).not.toContain('Something went wrong inside the app');
    expect(run.code, output).toBe(1);
    expect(run.peakRss).toBeLessThanOrEqual(300 * MEGABYTE);
    return output;
  }

  // Each hostile part is tried in an unsigned file's only revision (what the old verifier read its
  // facts from), appended to a genuine certificate after its signatures, and — where the signer
  // accepts the file — inside the revision the lead certifies (what the verifier reads now).
  const variants = (
    title: string,
    build: (pdf: Uint8Array) => Uint8Array,
    reasons: { unsigned: RegExp; appended: RegExp; certified?: RegExp },
  ) => {
    it(`${title}: in an unsigned file`, async () => {
      const output = await verifyHostile('unsigned.pdf', flatten(build(unsigned)));
      expect(output).toMatch(reasons.unsigned);
    });
    it(`${title}: appended to a signed certificate`, async () => {
      const output = await verifyHostile('appended.pdf', build(coSigned));
      expect(output).toMatch(reasons.appended);
    });
    const certified = reasons.certified;
    if (certified)
      it(`${title}: in the revision the lead certifies`, async () => {
        const signed = await coSign(await signAsLead(flatten(build(unsigned)), scheme.lead), scheme.coSigner);
        const output = await verifyHostile('certified.pdf', signed);
        expect(output).toMatch(certified);
      });
  };

  const noSignatures = /This PDF has no signatures/;
  variants(
    'a page tree that lists the same node twice at every level (2^30 paths)',
    pageTreeListingNodesTwice,
    {
      unsigned: noSignatures,
      appended: /its page tree lists the same page or group of pages twice/,
    },
  );
  variants('a TJ array that never closes', unterminatedTjArray, {
    unsigned: noSignatures,
    appended: /it changes page 1/,
    certified: /the text on its first page cannot be read/,
  });
  variants('a ToUnicode map without an end marker', toUnicodeWithoutEndMarker, {
    unsigned: noSignatures,
    appended: /it changes page 1/,
    certified: /a font in it has a character map far larger than any font needs/,
  });
  variants('a 2 KB stream compressed twice that inflates to a gibibyte', doublyCompressedBomb, {
    unsigned: noSignatures,
    appended: /it changes page 1/,
    certified: /a compressed stream in it expands to more than 16 MB/,
  });

  it('the bomb is small', () => {
    expect(bombSize()).toBeLessThan(3000);
  });

  it('two thousand signatures, each claiming the whole file', async () => {
    const output = await verifyHostile('signatures.pdf', thousandsOfSignatures(coSigned, leadCms, 2000));
    expect(output).toContain('This PDF has 2,002 signatures');
  });

  it('an array nested 100,000 deep', async () => {
    const output = await verifyHostile('deep.pdf', deeplyNested(coSigned));
    expect(output).toContain('its objects are nested more than 64 deep');
  });

  it('a cross-reference entry that points at the wrong object', async () => {
    const output = await verifyHostile('mis-pointing.pdf', misPointingXref(coSigned));
    expect(output).toMatch(/its index points object \d+ 0 at the bytes of object \d+ 0/);
  });
});

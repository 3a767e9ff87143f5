import { verifyCertificate } from '../../src/main/certificates';
import {
  certificateSigningFixture,
  renderCertificateUnsigned,
  renderSignAndCoSignCertificate,
} from '../lib/certificate-fixture';
import type { BenchContext, Suite } from '../lib/context';
import { compare, repeat, timed } from '../lib/measure';
import { line, measured } from '../lib/report';
import { progress, progressCounter } from '../lib/workspace';

/**
 * A certificate whose names are in scripts other than Latin, drawn with the bundled Noto fonts:
 * the organisation in Arabic (shaped right to left), the lead in Devanagari, the co-signer in
 * Chinese (a 4 MB font subset).
 */
const MULTI_SCRIPT_NAMES = {
  organisationName: 'مركز الأمل للصحة النفسية المجتمعية',
  leadAssessorName: 'प्रिया शर्मा',
  coSignerName: '陳美玲',
};

/**
 * 4. Certificates, with the bench's certificate fixture (bench/lib/certificate-fixture.ts):
 * render + sign (lead) + co-sign (Expert by Experience) vs. rendering alone; then verifying the
 * signed certificate in process with verifyCertificate — what `copanel verify` and the app run:
 * every signature, the chain to the scheme root, the signed QR payload and the printed facts.
 */
export const certificateSuite: Suite = {
  name: 'certificate',
  title: '4. Certificate',
  async run(_context: BenchContext) {
    progress('making a scheme root and two assessor identities (not measured)');
    const fixture = await certificateSigningFixture();
    const signing = await compare(
      () => timed(() => renderSignAndCoSignCertificate(fixture)),
      () => timed(() => renderCertificateUnsigned(fixture)),
      {
        warmups: 2,
        repetitions: 7,
        onRound: (round, total) =>
          progressCounter(`render + sign + co-sign / render: round ${round} of ${total}`, round === total),
      },
    );

    const signed = await renderSignAndCoSignCertificate(fixture);
    const verifyOptions = {
      trustedRoots: [fixture.root.certificate],
      now: new Date(fixture.signingTime.getTime() + 60 * 60_000),
    };
    const result = await verifyCertificate(signed, verifyOptions);
    if (!result.valid) throw new Error(`The signed certificate did not verify: ${result.summary}`);
    if (result.facts.signers.length !== 2)
      throw new Error(`Expected two signatures, found ${result.facts.signers.length}.`);
    const verification = await repeat(() => timed(() => verifyCertificate(signed, verifyOptions)), {
      warmups: 3,
      repetitions: 15,
      onRound: (round, total) => progressCounter(`verify: round ${round} of ${total}`, round === total),
    });

    const multiScript = { ...fixture, view: { ...fixture.view, ...MULTI_SCRIPT_NAMES } };
    const scripts = await compare(
      () => timed(() => renderCertificateUnsigned(multiScript)),
      () => timed(() => renderCertificateUnsigned(fixture)),
      {
        warmups: 2,
        repetitions: 9,
        onRound: (round, total) =>
          progressCounter(`multi-script render / Latin render: round ${round} of ${total}`, round === total),
      },
    );

    const renderAlone = measured('render alone', 'ms', signing.baseline);
    return [
      line({
        id: '4a',
        operation: 'Certificate: render + sign + co-sign',
        ours: measured('QR payload signed, rendered, signed by the lead, co-signed', 'ms', signing.ours),
        baseline: renderAlone,
        target: { on: 'ratio', atMost: 2.5, text: '≤ 2.5×' },
        note: 'two PAdES signatures (RSA, incremental updates), each re-reading the PDF',
        limitedBy: (entry) =>
          entry.pass
            ? undefined
            : 'each signature parses the PDF, hashes the signed byte ranges and writes an incremental update; RSA signing itself is a few ms',
      }),
      line({
        id: '4b',
        operation: 'Certificate: verify signed certificate (in process)',
        ours: measured(
          'verifyCertificate (2 signatures, chain, QR payload, printed facts)',
          'ms',
          verification,
        ),
        baseline: renderAlone,
        target: { on: 'ours', atMost: 50, text: '≤ 50 ms' },
        note: 'the ratio is to rendering the certificate alone, for scale only',
        limitedBy: (entry) =>
          entry.pass
            ? undefined
            : 'parsing the PDF and extracting its page text for the printed-facts check, plus two RSA verifications and the chain',
      }),
      line({
        id: '4c',
        operation: 'Certificate: render with names in Arabic, Devanagari, Chinese',
        ours: measured('organisation, lead and co-signer in three scripts', 'ms', scripts.ours),
        baseline: measured('the same certificate, Latin names', 'ms', scripts.baseline),
        target: { on: 'ratio', atMost: 2.5, text: '≤ 2.5×' },
        note: 'the cost of the bundled Noto fonts: shaping, and subsetting three more fonts into the PDF',
        limitedBy: (entry) =>
          entry.pass
            ? undefined
            : 'subsetting the Chinese font (CFF outlines, 4 MB) when the PDF is written; the Arabic and Devanagari fonts are small',
      }),
    ];
  },
};

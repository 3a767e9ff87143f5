import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generatePassphrase } from '../casefile';
import { buildDemoAssessment, DEMO_PANEL } from '../demo';
import { nodeRuntime } from '../runtime';
import { EXIT_OK, UsageError, type Command } from './command';

/**
 * The demo panel's fictional PINs, for opening the demo case file in the app ("Who is using the app
 * now?"). Worded for a first sign-in, so it stays true where a member then chooses a PIN of their own.
 */
export function demoPinsInWords(): string {
  const members = [
    `${DEMO_PANEL.lead.name} (lead assessor) ${DEMO_PANEL.lead.pin}`,
    ...DEMO_PANEL.experts.map((expert) => `${expert.name} ${expert.pin}`),
  ];
  return `PINs to sign in to the demo case the first time (fictional): ${members.join(', ')}.`;
}

/** `copanel demo`: a complete fictional assessment, signed and co-signed, built through the API. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'build a complete fictional assessment with a signed certificate, report and score sheet',
  usage: [
    'Usage: copanel demo --out DIR',
    '',
    'Builds a FICTIONAL assessment through the app’s own API: a scheme root, signing identities for a lead',
    'assessor and an Expert by Experience, an encrypted case file, a panel of three, conflicts, scores with a',
    'divergent criterion, moderation, the decision, the lead’s signature and the co-signature; and an encrypted',
    'scheme file: the assessor directory the panel is picked from, training records, one assessor calibrated',
    'against the bundled practice case, fee rates, and a claim the lead approves. Writes to DIR:',
    '  scheme-root.pem, scheme-root-key.pem, identities/*.p12, harbour-minds.copanel,',
    '  harbour-minds-scheme.copanel-scheme, certificate.pdf, report.pdf, score-sheet.pdf,',
    '  fee-statement-dafydd-llywelyn.pdf',
    'One passphrase protects the case file, the scheme file, the root key and the identities:',
    'COPANEL_PASSPHRASE, or a new one that is printed.',
  ].join('\n'),
  async run(io) {
    const { values } = parseArgs({ args: io.args, options: { out: { type: 'string' } } });
    if (!values.out) throw new UsageError('say where to build the demo with --out DIR.');
    const outDir = resolve(values.out);
    if (existsSync(outDir) && readdirSync(outDir).length > 0)
      throw new UsageError(`${outDir} is not empty. Choose a new or empty folder.`);
    const given = io.env.COPANEL_PASSPHRASE;
    const passphrase = given || generatePassphrase();
    const started = Date.now();
    const result = await buildDemoAssessment({
      outDir,
      passphrase,
      runtime: nodeRuntime('cli'),
      say: io.out,
    });
    io.out('');
    io.out(
      `Done in ${((Date.now() - started) / 1000).toFixed(1)} s: certificate ${result.certificateNumber}, Level ${result.level}.`,
    );
    io.out(`  case file:        ${result.caseFile}`);
    io.out(`  certificate:      ${result.certificate}`);
    io.out(`  report:           ${result.report}`);
    io.out(`  score sheet:      ${result.scoreSheet}`);
    io.out(`  scheme file:      ${result.schemeFile}`);
    io.out(`  fee statement:    ${result.feeStatement}`);
    io.out(`  signed register:  ${result.register}`);
    io.out(`  Open Badge:       ${result.badge}`);
    io.out(`  scheme root:      ${result.schemeRoot}`);
    io.out(
      given
        ? 'Passphrase: the one in COPANEL_PASSPHRASE.'
        : `Passphrase (case file, scheme file, root key and identities): ${passphrase}`,
    );
    io.out(demoPinsInWords());
    io.out(`Check it: copanel verify ${result.certificate} --trust ${result.schemeRoot}`);
    return EXIT_OK;
  },
};

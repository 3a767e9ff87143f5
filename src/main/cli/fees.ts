import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openCaseFile } from '../casefile';
import { csvFile } from '../csv';
import { feesCsv } from '../fees';
import { nodeRuntime } from '../runtime';
import { EXIT_OK, UsageError, type Command } from './command';
import { readSecret } from './secrets';

/** `copanel fees export --csv`: the approved claims of a case, for the finance office (src/main/fees). */
export const feesExportCommand: Command = {
  name: 'fees export',
  summary: 'export a case’s approved fee claims as CSV for the finance office',
  usage: [
    'Usage: copanel fees export --csv <file.copanel> [--out FILE.csv] [--passphrase-file FILE]',
    '',
    'Writes one row per approved claim: the member, the day, minutes, miles, and the time, mileage,',
    'expenses and total in pounds and pence. Text that a spreadsheet would run as a formula is made safe.',
    'Without --out the CSV is printed. Nothing is paid by the app.',
    'The passphrase comes from --passphrase-file FILE or the COPANEL_PASSPHRASE environment variable, never the command line.',
  ].join('\n'),
  async run(io) {
    const { values, positionals } = parseArgs({
      args: io.args,
      allowPositionals: true,
      options: {
        csv: { type: 'boolean' },
        out: { type: 'string' },
        'passphrase-file': { type: 'string' },
      },
    });
    if (!values.csv) throw new UsageError('say the format with --csv (the only one there is).');
    if (positionals.length !== 1 || !positionals[0]) throw new UsageError('name one case file.');
    const out = values.out ? resolve(values.out) : undefined;
    if (out && existsSync(out)) throw new UsageError(`${out} already exists. Choose a new file name.`);
    const passphrase = readSecret({
      file: values['passphrase-file'],
      env: io.env,
      envName: 'COPANEL_PASSPHRASE',
      what: 'case file passphrase',
    });
    const caseFile = await openCaseFile({
      path: resolve(positionals[0]),
      passphrase,
      readOnly: true,
      appVersion: nodeRuntime('cli').version,
    });
    try {
      const csv = await feesCsv(caseFile);
      if (out) {
        writeFileSync(out, csvFile(csv), { flag: 'wx' });
        io.out(`Wrote ${csv.trimEnd().split('\r\n').length - 1} approved claims to ${out}.`);
      } else io.out(csv.trimEnd());
      return EXIT_OK;
    } finally {
      await caseFile.close();
    }
  },
};

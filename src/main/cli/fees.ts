import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openCaseFile } from '../casefile';
import { csvFile } from '../csv';
import { feesCsv } from '../fees';
import { nodeRuntime } from '../runtime';
import { requireOne } from './arguments';
import { EXIT_OK, UsageError, type Command } from './command';
import { CASE_PASSPHRASE_HELP, casePassphrase } from './secrets';

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
    CASE_PASSPHRASE_HELP,
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
    const path = resolve(requireOne(positionals, 'case file'));
    const out = values.out ? resolve(values.out) : undefined;
    if (out && existsSync(out)) throw new UsageError(`${out} already exists. Choose a new file name.`);
    const passphrase = casePassphrase(io, values['passphrase-file']);
    const caseFile = await openCaseFile({
      path,
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

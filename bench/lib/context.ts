import { copyFileSync, rmSync } from 'node:fs';
import type { BenchLine } from './report';
import { buildPanelTemplate, openForBench, runPanelMix, type PanelTemplate } from './panel-fixture';
import { progress, type BenchWorkspace } from './workspace';

/** A case after the mix: 8 × 30 scores submitted and moderation open, encrypted and plain. */
export interface ModeratedCase {
  encrypted: string;
  plain: string;
  rawKey: string;
}

/** What the suites share: the temporary folder and fixtures built once, when first needed. */
export class BenchContext {
  private templatePromise: Promise<PanelTemplate> | undefined;
  private moderatedPromise: Promise<ModeratedCase> | undefined;

  constructor(readonly workspace: BenchWorkspace) {}

  template(): Promise<PanelTemplate> {
    this.templatePromise ??= (async () => {
      progress(
        'building the panel template (8 members, 40 evidence items, scoring open; encrypted and plain copies)',
      );
      return buildPanelTemplate(this.workspace);
    })();
    return this.templatePromise;
  }

  /** Records the case files a suite already produced, so later suites need not build them again. */
  offerModerated(moderated: ModeratedCase): void {
    this.moderatedPromise ??= Promise.resolve(moderated);
  }

  moderated(): Promise<ModeratedCase> {
    this.moderatedPromise ??= (async () => {
      const template = await this.template();
      progress('scoring 8 × 30 and opening moderation (encrypted and plain copies)');
      const encrypted = await scoredCopy(
        this.workspace,
        template,
        template.encrypted,
        template.rawKey,
        'moderated.copanel',
      );
      const plain = await scoredCopy(
        this.workspace,
        template,
        template.plain,
        null,
        'moderated-plain.sqlite',
      );
      return { encrypted, plain, rawKey: template.rawKey };
    })();
    return this.moderatedPromise;
  }
}

async function scoredCopy(
  workspace: BenchWorkspace,
  template: PanelTemplate,
  source: string,
  rawKey: string | null,
  name: string,
): Promise<string> {
  const path = workspace.path(name);
  rmSync(path, { force: true });
  copyFileSync(source, path);
  const caseFile = await openForBench(path, rawKey);
  try {
    await runPanelMix(caseFile, template.plan);
  } finally {
    await caseFile.close();
  }
  return path;
}

export interface Suite {
  /** Used with --only. */
  name: string;
  title: string;
  run(context: BenchContext): Promise<BenchLine[]>;
}

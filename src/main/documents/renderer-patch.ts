import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The documents need two small fixes to react-pdf's text layout and drawing (patches/, applied by
 * patch-package when dependencies are installed; see the README's design notes): right-to-left
 * runs shaped right to left, font choice kept per run of text, marks drawn where the font puts
 * them, and each run's text written for readers (ActualText) where the glyphs alone would read
 * wrongly. Without them a name in Arabic or Tamil would print in a way the app's own verifier
 * cannot read back, so documents are not drawn at all: installing dependencies again applies them.
 */
const MARKER = 'Patched for Coproduction Panel';

let checked = false;

export function requirePatchedRenderer(): void {
  if (checked) return;
  const fromRenderer = createRequire(createRequire(import.meta.url).resolve('@react-pdf/renderer'));
  const fromLayout = createRequire(fromRenderer.resolve('@react-pdf/layout'));
  const files = [fromRenderer.resolve('@react-pdf/render'), fromLayout.resolve('@react-pdf/textkit')];
  const unpatched = files.filter((file) => !readFileSync(file, 'utf8').includes(MARKER));
  if (unpatched.length > 0) {
    throw new Error(
      `The PDF renderer is missing its patches (${unpatched.join(', ')}). Run "npm install" to apply patches/.`,
    );
  }
  checked = true;
}

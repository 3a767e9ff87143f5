import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { z } from 'zod';

/**
 * The member pages a room serves: the `room.html` entry of the renderer's build and exactly the
 * files it loads (its scripts, styles and fonts, read from the build's manifest), held in memory.
 * Nothing else in the build (the lead's own screens) and nothing from the disk by path is ever served.
 */
export interface MemberPages {
  /** The page at `/`; without the secret in its #fragment it only says to ask for the QR code. */
  readonly page: PageFile;
  /** `/assets/…` → file. */
  readonly files: ReadonlyMap<string, PageFile>;
}

export interface PageFile {
  readonly type: string;
  readonly body: Buffer;
}

export const MEMBER_PAGE_ENTRY = 'room.html';
/** The most the member pages may add up to (about 2.5 MB, most of it pdf.js and its worker). */
const MAX_PAGES_BYTES = 8 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

const manifestEntry = z.object({
  file: z.string(),
  imports: z.array(z.string()).optional(),
  dynamicImports: z.array(z.string()).optional(),
  css: z.array(z.string()).optional(),
  assets: z.array(z.string()).optional(),
});
const manifest = z.record(z.string(), manifestEntry);

/** The member pages from a renderer build folder; null when it has not been built with them. */
export function loadMemberPages(buildDir: string): MemberPages | null {
  let parsed: z.output<typeof manifest>;
  try {
    parsed = manifest.parse(JSON.parse(readFileSync(join(buildDir, 'manifest.json'), 'utf8')));
  } catch {
    return null;
  }
  const entry = parsed[MEMBER_PAGE_ENTRY];
  if (!entry) return null;
  const wanted = new Set<string>();
  const visited = new Set<string>();
  const visit = (key: string) => {
    const chunk = parsed[key];
    if (!chunk || visited.has(key)) return;
    visited.add(key);
    wanted.add(chunk.file);
    for (const file of [...(chunk.css ?? []), ...(chunk.assets ?? [])]) wanted.add(file);
    // A dynamic import is a part the page loads when needed (pdf.js, when a member opens a PDF).
    for (const imported of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(imported);
  };
  visit(MEMBER_PAGE_ENTRY);
  const files = new Map<string, PageFile>();
  let total = 0;
  for (const file of wanted) {
    const type = CONTENT_TYPES[extname(file)];
    if (!type || !/^assets\/[\w.-]+$/.test(file)) continue;
    const body = readFileSync(join(buildDir, file));
    total += body.length;
    files.set(`/${file}`, { type, body });
  }
  if (total > MAX_PAGES_BYTES) return null;
  return {
    page: { type: CONTENT_TYPES['.html']!, body: readFileSync(join(buildDir, MEMBER_PAGE_ENTRY)) },
    files,
  };
}

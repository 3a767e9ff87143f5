import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import type { BenchContext, Suite } from '../lib/context';
import { compare, timed } from '../lib/measure';
import { line, measured, single } from '../lib/report';
import { progress, progressCounter, REPO_ROOT } from '../lib/workspace';

/**
 * 6. Browser mode: time to first render of the start screen in Chromium, against `npm run web`
 * started as a real child process, vs. a static page with the same heading served from this
 * process to the same browser; and the renderer bundle's gzipped size.
 */

const CHROMIUM = process.env.COPANEL_BENCH_CHROMIUM ?? '/usr/bin/chromium';
const START_SCREEN_MARK = '#new-case-heading';
const STATIC_PAGE = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Coproduction Panel</title></head>
<body><main><h1>Welcome to Coproduction Panel</h1><section><h2 id="new-case-heading">Start a new assessment</h2></section></main></body></html>`;

interface RunningWeb {
  url: string;
  child: ChildProcess;
}

function startBrowserMode(workspaceDir: string, userDataDir: string): Promise<RunningWeb> {
  const child = spawn(process.execPath, ['scripts/web.mjs'], {
    cwd: REPO_ROOT,
    env: { ...process.env, COPANEL_WORKSPACE: workspaceDir, COPANEL_USER_DATA: userDataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`Browser mode did not start in 90 s:\n${output}`)),
      90_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], child });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Browser mode exited (${code}) before it started:\n${output}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

function startStaticServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(STATIC_PAGE);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` }),
    );
  });
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

/**
 * Every script and style sheet the renderer's pages load when they open (each entry and what it
 * imports), gzipped; and apart from those, what a page loads only on demand (pdf.js, when a member
 * in the panel room opens a PDF), which no first render waits for.
 */
function rendererBundle(): { raw: number; gzipped: number; files: number; onDemandGzipped: number } {
  const out = join(REPO_ROOT, 'out', 'renderer');
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const atOpen = new Set<string>();
  const visited = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || visited.has(key)) return;
    visited.add(key);
    atOpen.add(chunk.file);
    for (const css of chunk.css ?? []) atOpen.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const assets = join(out, 'assets');
  const files = readdirSync(assets).filter((name) => name.endsWith('.js') || name.endsWith('.css'));
  let raw = 0;
  let gzipped = 0;
  let onDemandGzipped = 0;
  let counted = 0;
  for (const name of files) {
    const bytes = readFileSync(join(assets, name));
    if (!atOpen.has(`assets/${name}`)) {
      onDemandGzipped += gzipSync(bytes).length;
      continue;
    }
    counted += 1;
    raw += bytes.length;
    gzipped += gzipSync(bytes).length;
  }
  return { raw, gzipped, files: counted, onDemandGzipped };
}

export const browserSuite: Suite = {
  name: 'browser',
  title: '6. Browser mode',
  async run(context: BenchContext) {
    progress('building the renderer if it is out of date (node scripts/build-renderer.mjs)');
    const build = spawnSync(process.execPath, ['scripts/build-renderer.mjs'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (build.status !== 0) throw new Error('The renderer could not be built.');
    const bundle = rendererBundle();

    progress('starting browser mode (node scripts/web.mjs) and Chromium');
    const web = await startBrowserMode(
      context.workspace.path('web-workspace'),
      context.workspace.path('web-user-data'),
    );
    const staticServer = await startStaticServer();
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      const firstRender = (url: string) => async () => {
        // A fresh browser context each time: empty HTTP cache, as when the app is first opened.
        const browserContext = await browser!.newContext();
        try {
          const page = await browserContext.newPage();
          const ms = await timed(async () => {
            await page.goto(url, { waitUntil: 'commit' });
            await page.locator(START_SCREEN_MARK).waitFor({ state: 'visible' });
          });
          if (!(await page.getByRole('heading', { name: 'Start a new assessment' }).isVisible()))
            throw new Error(`${url} did not show the start screen.`);
          return ms;
        } finally {
          await browserContext.close();
        }
      };
      const render = await compare(firstRender(web.url), firstRender(staticServer.url), {
        warmups: 2,
        repetitions: 11,
        onRound: (round, total) =>
          progressCounter(`first render, app / static page: round ${round} of ${total}`, round === total),
      });

      return [
        line({
          id: '6a',
          operation: 'Browser mode: first render of the start screen',
          ours: measured('navigation to start screen visible (npm run web, Chromium)', 'ms', render.ours),
          baseline: measured('static page', 'ms', render.baseline),
          target: { on: 'ours', atMost: 1000, text: '≤ 1 s' },
          note: `headless Chromium (${CHROMIUM}), fresh browser context (empty cache) per load; from page.goto until "${START_SCREEN_MARK}" is visible; the static page has the same heading and is served by the bench`,
          limitedBy: (entry) =>
            entry.pass
              ? undefined
              : 'downloading, parsing and running the renderer bundle (see 6b) before React renders the first screen',
        }),
        line({
          id: '6b',
          operation: 'Browser mode: renderer bundle, gzipped',
          ours: single(
            `${bundle.files} JS/CSS files the pages load when they open, gzipped`,
            'bytes',
            bundle.gzipped,
          ),
          baseline: single('uncompressed', 'bytes', bundle.raw),
          target: { on: 'ours', atMost: 400_000, text: '≤ 400 kB' },
          note: `zlib default level; fonts excluded (they are not code); kB = 1000 bytes; what the pages load when they open, not what one loads on demand (pdf.js, when a member opens a PDF in the panel room: ${Math.round(bundle.onDemandGzipped / 1000)} kB gzipped)`,
          limitedBy: (entry) =>
            entry.pass
              ? undefined
              : 'React, React Aria components and TanStack Query make up most of the bundle',
        }),
      ];
    } finally {
      await browser?.close();
      staticServer.server.close();
      await stopChild(web.child);
    }
  },
};

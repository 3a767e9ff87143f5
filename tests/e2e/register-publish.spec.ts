import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { expect, expectNoAccessibilityViolations, test } from './fixtures';

/**
 * `copanel register publish`: the static verification site, served as plain files from 127.0.0.1,
 * checks a certificate's QR link in Chromium (WebCrypto) against the signed register.
 */

const DEMO_PASSPHRASE = 'lantern-meadow-quartz-harbor-violin';
const SCHEME_PASSPHRASE = 'juniper-lattice-ember-salmon-quiver';
const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'copanel-register-site-'));
const env = {
  ...process.env,
  COPANEL_USER_DATA: join(dir, 'user-data'),
  COPANEL_PASSPHRASE: DEMO_PASSPHRASE,
  COPANEL_SCHEME_PASSPHRASE: DEMO_PASSPHRASE,
  COPANEL_SCHEME_FILE_PASSPHRASE: SCHEME_PASSPHRASE,
};

function copanel(...args: string[]): string {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'copanel.mjs'), ...args], {
    encoding: 'utf8',
    env,
    timeout: 240_000,
  });
  if (run.status !== 0) throw new Error(`copanel ${args.join(' ')}: ${run.stdout}${run.stderr}`);
  return run.stdout;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** A tiny static file server for one folder: what any web host does with the published files. */
async function serve(folder: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(folder, path === '/' ? 'index.html' : path);
    try {
      const body = readFileSync(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

let site: string;
let emptySite: string;
let qrLink: string;
let scheme: string;
let number: string;
const servers: Server[] = [];

test.beforeAll(async () => {
  test.setTimeout(600_000);
  spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs'), '--quiet'], { stdio: 'inherit' });
  const demo = join(dir, 'demo');
  copanel('demo', '--out', demo);
  const keywords = spawnSync('pdfinfo', [join(demo, 'certificate.pdf')], { encoding: 'utf8' }).stdout;
  qrLink = /^Keywords:\s+(\S+)$/m.exec(keywords)![1]!;
  scheme = join(dir, 'office.copanel-scheme');
  copanel(
    'scheme-file',
    'create',
    scheme,
    '--name',
    'Northfield Kitemark Scheme (fictional)',
    '--by',
    'Mo Reyes',
  );
  const empty = join(dir, 'empty.copanel-scheme');
  copanel(
    'scheme-file',
    'create',
    empty,
    '--name',
    'Northfield Kitemark Scheme (fictional)',
    '--by',
    'Mo Reyes',
  );
  const added = copanel(
    'register',
    'import',
    scheme,
    '--pdf',
    join(demo, 'certificate.pdf'),
    '--trust',
    join(demo, 'scheme-root.pem'),
    '--by',
    'Mo Reyes',
  );
  number = /CPS-\d{4}-[0-9A-F]{8}/.exec(added)![0];
  site = join(dir, 'site');
  copanel('register', 'publish', scheme, '--root', demo, '--out', site);
  emptySite = join(dir, 'empty-site');
  copanel('register', 'publish', empty, '--root', demo, '--out', emptySite);
});

test.afterAll(() => {
  for (const server of servers) server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the published page checks the QR link in the browser and shows the register’s status', async ({
  page,
  requests,
}) => {
  const { url, server } = await serve(site);
  servers.push(server);
  const fragment = qrLink.includes('#') ? qrLink.slice(qrLink.indexOf('#') + 1) : qrLink;
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });

  await page.goto(`${url}#${fragment}`);
  const result = page.getByRole('status');
  await expect(result.getByRole('heading', { name: 'Genuine and valid' })).toBeVisible();
  await expect(result).toContainText(
    `Harbour Minds Community Wellbeing Trust, Level 2, certificate ${number}`,
  );
  await expect(result).toContainText('Valid until');
  await expectNoAccessibilityViolations(page);
  expect(requests.outside(url.replace(/\/$/, ''))).toEqual([]);
  expect(errors).toEqual([]);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'none'");

  // A forged code: the organisation's name changed in the payload, the signature kept.
  const [prefix, body, signature] = fragment.split('.') as [string, string, string];
  const facts = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
  const forged = `${prefix}.${Buffer.from(JSON.stringify({ ...facts, l: 3 })).toString('base64url')}.${signature}`;
  await page.getByLabel('The certificate’s code or link').fill(forged);
  await page.getByRole('button', { name: 'Check the certificate' }).click();
  await expect(result.getByRole('heading', { name: 'Do not rely on this certificate' })).toBeVisible();

  await page.getByLabel('The certificate’s code or link').fill('not a code at all');
  await page.getByRole('button', { name: 'Check the certificate' }).click();
  await expect(result.getByRole('heading', { name: 'This is not a certificate’s code' })).toBeVisible();
  await expectNoAccessibilityViolations(page);
});

test('a certificate the register does not know, and a register altered on the web host, are refused', async ({
  page,
}) => {
  const empty = await serve(emptySite);
  servers.push(empty.server);
  const fragment = qrLink.slice(qrLink.indexOf('#') + 1);
  await page.goto(`${empty.url}#${fragment}`);
  await expect(page.getByRole('status').getByRole('heading', { name: 'Not in the register' })).toBeVisible();

  const registerFile = join(site, 'register.json');
  const original = readFileSync(registerFile, 'utf8');
  writeFileSync(registerFile, original.replace('"level": 2', '"level": 3'));
  try {
    const { url, server } = await serve(site);
    servers.push(server);
    await page.goto(`${url}#${fragment}`);
    await expect(
      page.getByRole('status').getByRole('heading', { name: 'The register on this site cannot be trusted' }),
    ).toBeVisible();
  } finally {
    writeFileSync(registerFile, original);
  }
});

test('once withdrawn and published again, the page says so', async ({ page }) => {
  copanel(
    'register',
    'record',
    scheme,
    number,
    '--event',
    'revoked',
    '--reason',
    'The organisation no longer meets the standard',
    '--by',
    'Mo Reyes',
  );
  const again = join(dir, 'site-after');
  copanel('register', 'publish', scheme, '--root', join(dir, 'demo'), '--out', again);
  const { url, server } = await serve(again);
  servers.push(server);
  await page.goto(`${url}#${qrLink.slice(qrLink.indexOf('#') + 1)}`);
  const result = page.getByRole('status');
  await expect(result.getByRole('heading', { name: 'Genuine, but check its status' })).toBeVisible();
  await expect(result).toContainText('Withdrawn on');
  await expect(result).toContainText('The organisation no longer meets the standard');
  await expectNoAccessibilityViolations(page);
});

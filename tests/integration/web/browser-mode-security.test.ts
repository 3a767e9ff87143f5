import { request } from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlers } from '../../../src/main/api';
import { nodeRuntime } from '../../../src/main/runtime';
import { startWebHost, type WebHost } from '../../../src/main/web/server';
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/security';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  host: WebHost,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

const api = (host: WebHost, operation: string, headers: Record<string, string> = {}) =>
  send(host, {
    method: 'POST',
    path: `/api/${operation}`,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, ...headers },
    body: '{}',
  });

describe('browser mode host', () => {
  let host: WebHost;
  let secretOutside: string;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'copanel-web-'));
    const rendererDir = join(root, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Coproduction Panel</title>');
    secretOutside = join(root, 'secret.txt');
    writeFileSync(secretOutside, 'not for the browser');
    host = await startWebHost({ runtime: nodeRuntime('browser'), handlers, rendererDir });
  });
  afterAll(() => host.close());

  it('listens on 127.0.0.1 only and prints an address with the launch token in the fragment', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{40,}$/);
  });

  it('answers an API call that carries the token', async () => {
    const reply = await api(host, 'app.info');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({
      ok: true,
      value: { name: 'Coproduction Panel', mode: 'browser' },
    });
  });

  it('refuses an API call without the token (401)', async () => {
    const reply = await send(host, {
      method: 'POST',
      path: '/api/app.info',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(reply.status).toBe(401);
    expect(reply.body).not.toContain('Coproduction Panel 0');
  });

  it('refuses an API call with a wrong token of the same length (401)', async () => {
    const wrong = host.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await api(host, 'app.info', { Authorization: `Bearer ${wrong}` })).status).toBe(401);
  });

  it('refuses a foreign Host header, as a DNS-rebinding page would send', async () => {
    expect((await api(host, 'app.info', { Host: `attacker.example:${host.port}` })).status).toBe(421);
    expect((await send(host, { path: '/', headers: { Host: 'attacker.example' } })).status).toBe(421);
  });

  it('refuses a call from another site’s page even with the token', async () => {
    expect((await api(host, 'app.info', { Origin: 'http://attacker.example' })).status).toBe(403);
  });

  it('sends the same strict Content Security Policy as the desktop app', async () => {
    const reply = await send(host, { path: '/' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(reply.headers['x-frame-options']).toBe('DENY');
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00']) {
      const reply = await send(host, { path });
      expect(reply.body).not.toContain('not for the browser');
    }
  });

  it('returns typed errors, never stack traces, for bad JSON and unknown operations', async () => {
    const bad = await send(host, {
      method: 'POST',
      path: '/api/app.info',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
      body: '{not json',
    });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const unknown = await api(host, 'files.readAll');
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
  });
});

describe('browser mode file transfers, for any operation the contract marks', () => {
  let host: WebHost;
  let root: string;
  const call = async (operation: string, input: unknown) =>
    JSON.parse(
      (
        await send(host, {
          method: 'POST',
          path: `/api/${operation}`,
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
          body: JSON.stringify(input),
        })
      ).body,
    ) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string } };
  const upload = (operation: string, input: unknown, body: string) =>
    send(host, {
      method: 'POST',
      path: `/upload/${operation}`,
      headers: {
        Authorization: `Bearer ${host.token}`,
        'X-Copanel-Input': encodeURIComponent(JSON.stringify(input)),
      },
      body,
    });
  const download = (operation: string, input: unknown) =>
    send(host, {
      method: 'POST',
      path: `/download/${operation}`,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
      body: JSON.stringify(input),
    });

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'copanel-web-transfers-'));
    const rendererDir = join(root, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Coproduction Panel</title>');
    const runtime = nodeRuntime('browser', {
      workspaceDir: join(root, 'workspace'),
      userDataDir: join(root, 'user-data'),
    });
    host = await startWebHost({ runtime, handlers, rendererDir });
  });
  afterAll(async () => {
    await host?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('uploads into the encrypted case file and downloads the same bytes back; a page cannot name a path', async () => {
    const created = await call('case.create', {
      fileName: 'transfers',
      organisationName: 'Lakeside Wellbeing Hub (fictional)',
      passphrase: 'orchard velvet harbour lantern quietly',
      leadName: 'Alex Morgan',
      leadPin: '1357',
    });
    const caseId = created.value?.caseId as string;
    const evidence = await call('evidence.add', {
      caseId,
      evidence: {
        title: 'Visit notes',
        kind: 'document',
        source: '',
        date: null,
        criteria: [],
        consent: 'not_needed',
        quote: '',
        notes: '',
      },
    });
    const evidenceId = evidence.value?.id as string;
    const content = 'Notes of the visit, line by line.\n'.repeat(2000);
    const uploaded = JSON.parse(
      (await upload('evidence.attach', { caseId, evidenceId, fileName: 'notes.txt' }, content)).body,
    ) as { ok: boolean; value: { attachments: { id: string; sizeBytes: number }[] } };
    expect(uploaded.ok).toBe(true);
    const [attachment] = uploaded.value.attachments;
    expect(attachment?.sizeBytes).toBe(Buffer.byteLength(content));

    const file = await download('evidence.exportAttachment', { caseId, attachmentId: attachment!.id });
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''notes.txt");
    expect(file.body).toBe(content);

    const byPath = await call('evidence.exportAttachment', {
      caseId,
      attachmentId: attachment!.id,
      path: join(root, 'stolen.txt'),
    });
    expect(byPath).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await call('panel.signOut', { caseId });
    const refused = await download('evidence.exportAttachment', { caseId, attachmentId: attachment!.id });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });

  it('refuses operations that take or give no file on the transfer routes', async () => {
    expect(JSON.parse((await upload('app.info', {}, 'x')).body)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_OPERATION' },
    });
    const reply = await download('app.info', {});
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
  });
});

import { createPublicKey } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemeRoot } from '../../signing';
import type { SignedRegisterFiles } from '../signed-register';
import { pageTools, verificationPage } from './page-script';

/**
 * `copanel register publish`: a static verification site, plain files the scheme can host anywhere.
 * No server code, nothing fetched from elsewhere: the page, its script and style, the signed register
 * (JSON with its CMS and JWS signatures), the revocation list and the scheme root (certificate and
 * public key as a JWK for WebCrypto). A strict Content-Security-Policy allows only the site's own files.
 */

export const SITE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function indexHtml(schemeName: string, rootFingerprint: string): string {
  const name = escapeHtml(schemeName);
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${SITE_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Check a certificate — ${name}</title>
<link rel="stylesheet" href="style.css">
<link rel="icon" href="icon.svg" type="image/svg+xml">
<script src="verify.js" defer></script>
</head>
<body>
<main>
<h1>Check a coproduction kitemark certificate</h1>
<p>This page checks a certificate issued by ${name} against the scheme’s signed register. Everything is checked in your browser; nothing you enter is sent anywhere.</p>
<div id="result" class="result" role="status" aria-live="polite"><p>Scan the QR code on the certificate, or paste its code or link below.</p></div>
<form id="check-form">
<label for="code">The certificate’s code or link</label>
<textarea id="code" name="code" rows="4" spellcheck="false" autocomplete="off"></textarea>
<button type="submit">Check the certificate</button>
</form>
<h2>Check it yourself</h2>
<p>Download the <a href="register.json">signed register</a> (<a href="register.json.p7s">its signature</a>), the <a href="revocations.crl.pem">revocation list</a> and the <a href="scheme-root.pem">scheme root certificate</a>, then run <code>copanel register verify register.json --trust scheme-root.pem</code> or <code>copanel verify certificate.pdf --register register.json --revocations revocations.crl.pem --trust scheme-root.pem</code>.</p>
<p>The scheme root’s SHA-256 fingerprint is <code class="fingerprint">${rootFingerprint}</code>.</p>
</main>
</body>
</html>
`;
}

const STYLE = `:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 112.5%; line-height: 1.5; color: #1b1b1b; background: #fff; }
body { margin: 0; }
main { max-width: 44rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.75rem; line-height: 1.25; }
label { display: block; font-weight: 600; margin: 1rem 0 0.25rem; }
textarea { width: 100%; box-sizing: border-box; font: inherit; font-family: ui-monospace, monospace; font-size: 0.9rem; padding: 0.5rem; border: 2px solid #505a5f; }
button { font: inherit; font-weight: 600; margin-top: 0.75rem; padding: 0.6rem 1.2rem; color: #fff; background: #1d5e3b; border: 2px solid #1d5e3b; border-radius: 4px; cursor: pointer; }
:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
a { color: #1d4f91; }
.result { border-left: 8px solid #505a5f; padding: 0.5rem 1rem; margin: 1.5rem 0; background: #f3f2f1; }
.result h2 { margin: 0.25rem 0; font-size: 1.4rem; }
.result.good { border-color: #00703c; }
.result.warn { border-color: #8a5300; }
.result.bad { border-color: #b10e1e; }
.fingerprint { word-break: break-all; }
`;

/** The page's icon (a tick in a circle), so browsers ask the site for nothing it does not have. */
const ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#1d5e3b"/><path d="M9 16.5l4.5 4.5L23 11.5" fill="none" stroke="#fff" stroke-width="3"/></svg>\n';

export interface RegisterSiteInput {
  root: SchemeRoot;
  signed: SignedRegisterFiles;
  revocationListPem: string;
}

/** Writes the site's files into `out` (made if missing); returns their names. */
export async function publishRegisterSite(out: string, input: RegisterSiteInput): Promise<string[]> {
  const { root, signed } = input;
  const jwk = createPublicKey({ key: root.certificate.publicKeyInfo, format: 'der', type: 'spki' }).export({
    format: 'jwk',
  });
  const files: Array<[string, string | Uint8Array]> = [
    ['index.html', indexHtml(root.name, root.certificate.sha256.toString('hex'))],
    ['verify.js', `"use strict";\n(${verificationPage.toString()})((${pageTools.toString()})());\n`],
    ['style.css', STYLE],
    ['icon.svg', ICON],
    ['register.json', signed.json],
    ['register.json.p7s', signed.cms],
    ['register.json.jws', signed.jws],
    ['revocations.crl.pem', input.revocationListPem],
    ['scheme-root.pem', root.certificatePem],
    ['scheme-root-key.jwk.json', `${JSON.stringify({ ...jwk, key_ops: ['verify'] })}\n`],
  ];
  mkdirSync(out, { recursive: true });
  for (const [name, content] of files) writeFileSync(join(out, name), content);
  return files.map(([name]) => name);
}

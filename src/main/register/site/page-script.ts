/**
 * The published verification page's script (verify.js). It runs in the visitor's browser, so it is
 * one self-contained function: it may use only browser globals, never an import or anything else in
 * this module (publish.ts writes its source text as the site's script). It reads the signed QR
 * payload from the link's fragment (or a pasted code), checks the register's JWS with the scheme
 * root's public key and the QR code's ECDSA P-256 signature with the key the register names for it,
 * all with WebCrypto, and says in plain words what the register says about the certificate.
 *
 * Two functions, joined by publish (`(verificationPage)((pageTools)())`), so neither refers to the
 * other by name (a bundler may rename top-level functions).
 */
/** Decoding, showing a verdict and loading the signed register. */
export function pageTools() {
  const result = document.getElementById('result') as HTMLElement;
  const encoder = new TextEncoder();
  const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' };
  const sha256Ecdsa = { name: 'ECDSA', hash: 'SHA-256' };

  const fromBase64 = (text: string): Uint8Array<ArrayBuffer> => {
    const plain = text.replace(/-/g, '+').replace(/_/g, '/');
    const padded = plain + '='.repeat((4 - (plain.length % 4)) % 4);
    const binary = atob(padded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  };
  const toBase64Url = (bytes: Uint8Array): string => {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };

  /** Shows the verdict: a heading and lines of plain text (never HTML from the code or the register). */
  const show = (verdict: 'good' | 'bad' | 'warn' | 'info', heading: string, lines: string[]): void => {
    result.replaceChildren();
    result.className = `result ${verdict}`;
    const title = document.createElement('h2');
    title.textContent = heading;
    title.tabIndex = -1;
    result.append(title);
    for (const line of lines) {
      const paragraph = document.createElement('p');
      paragraph.textContent = line;
      result.append(paragraph);
    }
    title.focus();
  };

  const todayHere = (): string => {
    const now = new Date();
    const pad = (n: number): string => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  };

  interface Entry {
    certificateNumber: string;
    organisation: string;
    level: number;
    decisionDate: string;
    validUntil: string;
    qrSignerKeyId: string;
    qrSignerPublicKey: string;
    status: { state: string; words: string };
  }

  const loadRegister = async (): Promise<{ entries: Entry[]; asOf: string; scheme: { name: string } }> => {
    const [registerBytes, jws, rootJwk] = await Promise.all([
      fetch('register.json').then(async (r) => new Uint8Array(await r.arrayBuffer())),
      fetch('register.json.jws').then((r) => r.text()),
      fetch('scheme-root-key.jwk.json').then((r) => r.json() as Promise<JsonWebKey>),
    ]);
    const rootKey = await crypto.subtle.importKey('jwk', rootJwk, ecdsa, false, ['verify']);
    const [header, , signature] = jws.trim().split('.');
    const genuine =
      header !== undefined &&
      signature !== undefined &&
      (await crypto.subtle.verify(
        sha256Ecdsa,
        rootKey,
        fromBase64(signature),
        encoder.encode(`${header}.${toBase64Url(registerBytes)}`),
      ));
    if (!genuine) throw new Error('register');
    return JSON.parse(new TextDecoder().decode(registerBytes));
  };

  return { fromBase64, show, loadRegister, todayHere, ecdsa, sha256Ecdsa, encoder };
}

export type PageTools = ReturnType<typeof pageTools>;

/** Checks the code in the link's fragment, or one pasted into the form. */
export function verificationPage(tools: PageTools): void {
  const { fromBase64, show, loadRegister, todayHere, ecdsa, sha256Ecdsa, encoder } = tools;
  const form = document.getElementById('check-form') as HTMLFormElement;
  const input = document.getElementById('code') as HTMLTextAreaElement;

  const check = async (text: string): Promise<void> => {
    const trimmed = text.trim();
    const hash = trimmed.indexOf('#');
    const code =
      trimmed.toLowerCase().startsWith('https://') && hash >= 0 ? trimmed.slice(hash + 1) : trimmed;
    const parts = code.split('.');
    let facts: { n?: unknown; o?: unknown; l?: unknown; d?: unknown; u?: unknown; k?: unknown } = {};
    try {
      if (parts.length !== 3 || parts[0] !== 'CPK1' || code.length > 2000) throw new Error('format');
      facts = JSON.parse(new TextDecoder().decode(fromBase64(parts[1]!)));
    } catch {
      show('bad', 'This is not a certificate’s code', [
        'The code does not hold a Coproduction Panel certificate. Scan the QR code on the certificate again, or paste the whole link.',
      ]);
      return;
    }
    show('info', 'Checking…', ['Checking the certificate against the scheme’s signed register.']);
    let register: Awaited<ReturnType<typeof loadRegister>>;
    try {
      register = await loadRegister();
    } catch {
      show('bad', 'The register on this site cannot be trusted', [
        'The register of certificates on this site is not signed by the scheme, so nothing can be checked here. Contact the scheme.',
      ]);
      return;
    }
    const entry = register.entries.find((e) => e.certificateNumber === facts.n);
    if (!entry) {
      show('bad', 'Not in the register', [
        `Certificate ${String(facts.n)} is not in the scheme’s register (as of ${register.asOf}). Do not rely on it; ask the scheme.`,
      ]);
      return;
    }
    let signed = false;
    try {
      const signerKey = await crypto.subtle.importKey(
        'spki',
        fromBase64(entry.qrSignerPublicKey),
        ecdsa,
        false,
        ['verify'],
      );
      signed =
        entry.qrSignerKeyId === facts.k &&
        (await crypto.subtle.verify(
          sha256Ecdsa,
          signerKey,
          fromBase64(parts[2]!),
          encoder.encode(`${parts[0]}.${parts[1]}`),
        ));
    } catch {
      signed = false;
    }
    const same =
      facts.o === entry.organisation &&
      facts.l === entry.level &&
      facts.d === entry.decisionDate &&
      facts.u === entry.validUntil;
    if (!signed || !same) {
      show('bad', 'Do not rely on this certificate', [
        'The QR code was not signed by the lead assessor the register names for this certificate, or it states different facts. It may have been altered.',
      ]);
      return;
    }
    const about = `${entry.organisation}, Level ${entry.level}, certificate ${entry.certificateNumber}, awarded ${entry.decisionDate}.`;
    const expiredSince = todayHere() > entry.validUntil;
    const good =
      ['valid', 'interim_review_due', 'conditions_due'].includes(entry.status.state) && !expiredSince;
    show(
      good ? 'good' : entry.status.state.endsWith('overdue') && !expiredSince ? 'warn' : 'bad',
      good ? 'Genuine and valid' : 'Genuine, but check its status',
      [
        about,
        expiredSince ? `Expired: it was valid until ${entry.validUntil}.` : entry.status.words,
        `Signed register of ${register.scheme.name}, as of ${register.asOf}.`,
      ],
    );
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void check(input.value);
  });
  const fragment = decodeURIComponent(location.hash.slice(1));
  if (fragment) {
    input.value = fragment;
    void check(fragment);
  }
}

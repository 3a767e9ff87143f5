import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NavigationProvider } from '../../../src/renderer/src/app/navigation';
import { RegisterSection } from '../../../src/renderer/src/features/register/RegisterSection';
import { AttachmentControls } from '../../../src/renderer/src/features/evidence/AttachmentControls';
import { FileChooser } from '../../../src/renderer/src/ui/FileChooser';
import {
  fileTooLargeMessage,
  MAX_KEPT_FILE_BYTES,
  type EvidenceItem,
  type OpenCase,
} from '../../../src/shared/api';
import { emptyFileMessage } from '../../../src/shared/file-words';
import { CASE_A, fakeApp } from './fake-app';

afterEach(cleanup);

/** A chosen file of `size` bytes, without holding them (a 50 MB file is only its size here). */
function chosen(name: string, size: number, type = 'application/pdf'): File {
  const file = new File([], name, { type });
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

/** Tabs from the top of the page until focus leaves `within`, listing each stop inside it. */
async function tabStopsIn(within: HTMLElement): Promise<Element[]> {
  const user = userEvent.setup();
  const stops: Element[] = [];
  (document.activeElement as HTMLElement | null)?.blur();
  for (let i = 0; i < 20; i += 1) {
    await user.tab();
    const focused = document.activeElement;
    if (!focused || focused === document.body) break;
    if (within.contains(focused)) stops.push(focused);
    else if (stops.length > 0) break;
  }
  return stops;
}

describe('a file chooser with a drop zone', () => {
  it('is one tab stop, a labelled button that opens the file chooser with Enter or Space', async () => {
    const onFile = vi.fn();
    render(
      <>
        <button type="button">Before</button>
        <FileChooser
          label="Certificate PDF"
          hint="The signed certificate the panel issued (a PDF)."
          buttonLabel="Choose a certificate PDF"
          onFile={onFile}
        />
        <button type="button">After</button>
      </>,
    );
    const zone = screen.getByText('Certificate PDF').closest('.file-chooser') as HTMLElement;
    const stops = await tabStopsIn(zone);
    expect(stops).toHaveLength(1);
    const button = screen.getByRole('button', { name: 'Choose a certificate PDF' });
    expect(stops[0]).toBe(button);
    // Announced within its field: the group is named by the field's label.
    expect(screen.getByRole('group', { name: 'Certificate PDF' })).toBe(zone);
    expect(button.getAttribute('aria-describedby')).toBeTruthy();
    const description = button
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent)
      .join(' ');
    expect(description).toContain('The signed certificate the panel issued (a PDF).');
    expect(description).toContain('or drop a file here');

    // Enter and Space on the one stop open the chooser (a click on its file input).
    const input = zone.querySelector('input[type="file"]') as HTMLInputElement;
    const opened = vi.spyOn(input, 'click');
    const user = userEvent.setup();
    button.focus();
    await user.keyboard('{Enter}');
    await user.keyboard(' ');
    expect(opened).toHaveBeenCalledTimes(2);

    // A file dropped on the zone is taken as if chosen.
    const file = chosen('certificate.pdf', 50_000);
    fireEvent.drop(zone.querySelector('.drop-zone')!, { dataTransfer: { files: [file], types: ['Files'] } });
    await waitFor(() => expect(onFile).toHaveBeenCalledWith(file));
  }, 20_000);
});

describe('adding a certificate to the register', () => {
  function registerApp() {
    return fakeApp({
      'register.list': () => ({ ok: true, value: { asOf: '2026-11-27', entries: [], total: 0 } }),
    });
  }

  it('refuses an empty file in the words every file door uses, before a byte is sent', async () => {
    const app = registerApp();
    const sent = vi.spyOn(globalThis, 'fetch');
    render(
      <NavigationProvider>
        <RegisterSection />
      </NavigationProvider>,
      { wrapper: app.wrapper },
    );
    const input = screen
      .getByText('Certificate PDF')
      .closest('.file-chooser')!
      .querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(input, chosen('empty.pdf', 0));
    expect(await screen.findByText(emptyFileMessage('empty.pdf'))).toBeTruthy();
    expect(sent).not.toHaveBeenCalled();
  }, 20_000);

  it('refuses a 50 MB file with its real size and the limit, before a byte is sent', async () => {
    const app = registerApp();
    const sent = vi.spyOn(globalThis, 'fetch');
    render(
      <NavigationProvider>
        <RegisterSection />
      </NavigationProvider>,
      { wrapper: app.wrapper },
    );
    const input = screen
      .getByText('Certificate PDF')
      .closest('.file-chooser')!
      .querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(input, chosen('scans.pdf', 50 * 1024 * 1024));
    expect(
      await screen.findByText(
        '“scans.pdf” is 50 MB; the most the app checks as a certificate is 10 MB, so it was not checked. Check it is the right file.',
      ),
    ).toBeTruthy();
    expect(sent).not.toHaveBeenCalled();
  }, 20_000);
  it('refuses an empty scheme root key in the same words, before asking for the signed register', async () => {
    const app = registerApp();
    render(
      <NavigationProvider>
        <RegisterSection />
      </NavigationProvider>,
      { wrapper: app.wrapper },
    );
    const inputOf = (label: string) =>
      screen.getByRole('group', { name: label }).querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(inputOf('Scheme root certificate'), chosen('scheme-root.pem', 1200, 'text/plain'));
    await userEvent.upload(inputOf('Scheme root key'), chosen('scheme-root-key.pem', 0, 'text/plain'));
    fireEvent.change(screen.getByLabelText(/Scheme root passphrase/), {
      target: { value: 'juniper-lattice-ember' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Sign the register' }));
    expect(await screen.findByText(emptyFileMessage('scheme-root-key.pem'))).toBeTruthy();
    expect(app.asked('register.export')).toBe(0);
  }, 20_000);
});

describe('attaching a file to evidence', () => {
  const evidence: EvidenceItem = {
    id: 'ev-1',
    title: 'Carers’ forum minutes',
    kind: 'document',
    source: 'Carers’ forum (fictional)',
    date: null,
    criteria: [],
    consent: 'not_needed',
    quote: '',
    notes: '',
    attachments: [],
    updatedAt: '2026-11-27T10:00:00Z',
  };

  function evidenceApp() {
    const opened: OpenCase = {
      caseId: CASE_A,
      path: '/cases/a.copanel',
      organisation: {} as OpenCase['organisation'],
      standard: {} as OpenCase['standard'],
      createdAt: '2026-01-01T00:00:00Z',
      signedIn: { memberId: 'sam', name: 'Sam Rivers', role: 'lead' },
    };
    return fakeApp({ 'case.get': () => ({ ok: true, value: opened }) });
  }

  it('refuses a file over the one 100 MB limit for kept files, in its shared words, before a byte is sent', async () => {
    const app = evidenceApp();
    const sent = vi.spyOn(globalThis, 'fetch');
    render(<AttachmentControls caseId={CASE_A} evidence={evidence} />, { wrapper: app.wrapper });
    const button = await screen.findByRole('button', { name: 'Choose a file to attach' });
    const input = button.closest('.file-chooser')!.querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(input, chosen('forum.mp4', MAX_KEPT_FILE_BYTES + 1, 'video/mp4'));
    expect(
      await screen.findByText(fileTooLargeMessage('forum.mp4', 'file attached to evidence')),
    ).toBeTruthy();
    await userEvent.upload(input, chosen('minutes.docx', 0, 'application/msword'));
    expect(await screen.findByText(emptyFileMessage('minutes.docx'))).toBeTruthy();
    expect(sent).not.toHaveBeenCalled();
  }, 20_000);
});

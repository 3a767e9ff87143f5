import { useEffect, useRef, useState } from 'react';
import {
  attachmentView,
  MAX_VIEWED_ATTACHMENT_BYTES,
  type AttachmentInfo,
  type AttachmentView,
} from '../../../shared/api';
import {
  AttachmentReading,
  readAttachmentToView,
  type ViewedAttachment,
} from '../../../shared/room/attachment-reader';
import { useConnectedClient } from '../app/client-context';
import { Button } from '../ui/Button';
import { ErrorNotice, ProgressBar } from '../ui/feedback';
import { formatBytes } from '../ui/format';
import { PdfViewer } from './PdfViewer';

type Attachment = Omit<AttachmentInfo, 'evidenceId'>;

/** What a member is told above the attachments: what opens here, up to what size, and that it is view only. */
export const VIEWING_RULES = `You can open pictures, PDFs and plain-text files of up to ${MAX_VIEWED_ATTACHMENT_BYTES / (1024 * 1024)} MB here, to look at only: nothing is saved on this device. Other files can only be opened on the lead assessor’s computer.`;

const ON_LEADS_COMPUTER = 'This file can only be opened on the lead’s computer.';
const STOPPED_ARRIVING =
  'The file stopped arriving: this device cannot reach the panel room. Check it is on the room’s Wi-Fi, then choose Try again: it carries on from where it stopped.';

/** Whether a member's device opens this attachment at all, and if not, why not in plain words. */
export function whyNotViewable(attachment: Attachment): string | null {
  if (!attachmentView(attachment.mediaType)) return ON_LEADS_COMPUTER;
  if (attachment.sizeBytes > MAX_VIEWED_ATTACHMENT_BYTES)
    return `This file is too large to open on a phone or tablet. ${ON_LEADS_COMPUTER}`;
  return null;
}

/** What is on screen once the file has arrived: a blob: address for a picture, a PDF's bytes for pdf.js, or the text itself. */
type Shown =
  | { view: Extract<AttachmentView, 'image'>; url: string }
  | { view: 'pdf'; bytes: Uint8Array }
  | { view: 'text'; text: string };

type ViewerState =
  | { step: 'closed' }
  | { step: 'opening'; percent: number }
  | { step: 'failed'; message: string }
  | { step: 'open'; shown: Shown };

/**
 * One attachment, opened view only on the member's own device: fetched part by part through the
 * room with progress, then shown in the page (no download button). The blob: address is revoked
 * as soon as the viewer is closed or the page moves on.
 */
export function AttachmentViewer({ caseId, attachment }: { caseId: string; attachment: Attachment }) {
  const { client } = useConnectedClient();
  const [state, setState] = useState<ViewerState>({ step: 'closed' });
  const stop = useRef<AbortController | null>(null);
  /** The parts that arrived before the network dropped: Try again carries on from there. */
  const reading = useRef<AttachmentReading | null>(null);
  const container = useRef<HTMLDivElement>(null);
  /** After closing, focus goes back to the button that opened the file. */
  const returnFocus = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = state.step === 'open' ? state.shown : null;

  useEffect(() => {
    if (shown) heading.current?.focus();
    return () => {
      if (shown?.view === 'image') URL.revokeObjectURL(shown.url);
    };
  }, [shown]);
  useEffect(() => () => stop.current?.abort(), []);
  useEffect(() => {
    if (state.step !== 'closed' || !returnFocus.current) return;
    returnFocus.current = false;
    container.current?.querySelector('button')?.focus();
  }, [state.step]);

  const open = async () => {
    stop.current?.abort();
    const controller = new AbortController();
    stop.current = controller;
    const carryOn = (reading.current ??= new AttachmentReading());
    const size = carryOn.first?.sizeBytes ?? 0;
    setState({ step: 'opening', percent: size > 0 ? Math.floor((carryOn.offset / size) * 100) : 0 });
    const viewed = await readAttachmentToView(
      (input) => client.call('evidence.viewAttachment', input),
      caseId,
      attachment.id,
      {
        signal: controller.signal,
        reading: carryOn,
        onProgress: (fraction) => setState({ step: 'opening', percent: Math.floor(fraction * 100) }),
      },
    );
    if (!viewed) return;
    if (!viewed.ok) {
      const { code, message } = viewed.error;
      if (code !== 'ROOM_UNREACHABLE') reading.current = null;
      setState({ step: 'failed', message: code === 'ROOM_UNREACHABLE' ? STOPPED_ARRIVING : message });
      return;
    }
    reading.current = null;
    setState({ step: 'open', shown: toShow(viewed.value) });
  };

  const close = () => {
    stop.current?.abort();
    reading.current = null;
    returnFocus.current = true;
    setState({ step: 'closed' });
  };

  const label = `${attachment.fileName} (${formatBytes(attachment.sizeBytes)})`;
  return (
    <div className="room-member-attachment" ref={container}>
      <p className="room-member-attachment-name">{label}</p>
      {state.step === 'closed' && (
        <Button onPress={() => void open()} aria-label={`Open ${attachment.fileName} to look at it`}>
          Open to look at it
        </Button>
      )}
      {state.step === 'opening' && (
        <>
          <ProgressBar
            label={`Opening ${attachment.fileName}… ${state.percent}%`}
            value={state.percent}
            total={100}
          />
          <Button onPress={close}>Stop</Button>
        </>
      )}
      {state.step === 'failed' && (
        <>
          <ErrorNotice title={`${attachment.fileName} did not open`} message={state.message} />
          <div className="room-member-attachment-actions">
            <Button variant="primary" onPress={() => void open()}>
              Try again
            </Button>
            <Button onPress={close}>Close</Button>
          </div>
        </>
      )}
      {shown && (
        <section className="room-member-viewer" aria-labelledby={`viewer-${attachment.id}`}>
          <h3 id={`viewer-${attachment.id}`} ref={heading} tabIndex={-1}>
            {attachment.fileName} (view only)
          </h3>
          <Shown shown={shown} fileName={attachment.fileName} />
          <Button onPress={close} aria-label={`Close ${attachment.fileName}`}>
            Close
          </Button>
        </section>
      )}
    </div>
  );
}

function Shown({ shown, fileName }: { shown: Shown; fileName: string }) {
  switch (shown.view) {
    case 'image':
      return (
        <img className="room-member-picture" src={shown.url} alt={`Picture from the evidence: ${fileName}`} />
      );
    case 'pdf':
      return <PdfViewer bytes={shown.bytes} fileName={fileName} />;
    case 'text':
      return <pre className="room-member-text">{shown.text}</pre>;
  }
}

/**
 * What the page shows of a file that arrived. A blob only ever carries a picture type, never one
 * a browser would run as a page; a PDF goes to pdf.js as bytes; text is decoded and shown as text.
 */
function toShow(viewed: ViewedAttachment): Shown {
  switch (viewed.view) {
    case 'text': {
      const decoder = new TextDecoder('utf-8');
      let text = '';
      for (const part of viewed.parts) text += decoder.decode(part, { stream: true });
      return { view: 'text', text: text + decoder.decode() };
    }
    case 'pdf':
      return { view: 'pdf', bytes: joinParts(viewed.parts, viewed.sizeBytes) };
    case 'image': {
      const type = viewed.mediaType;
      if (attachmentView(type) !== 'image') throw new Error('A file type the viewer does not show');
      return { view: 'image', url: URL.createObjectURL(new Blob(viewed.parts as BlobPart[], { type })) };
    }
  }
}

function joinParts(parts: readonly Uint8Array[], size: number): Uint8Array {
  const whole = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.length;
  }
  return whole;
}

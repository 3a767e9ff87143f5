/**
 * One member's phone for bench 9 (the panel room), on a thread of its own: a real phone has its
 * own processor, so its side of each call (sealing, fetch, opening the answer) must not wait behind
 * eleven other phones' work, as it would if every simulated phone shared one event loop. Joins the
 * room, signs in as its member, then does what the coordinator (room-devices.ts) asks: save its
 * answers one after another, each save's time taken on the phone as the member feels it; or say how
 * many of its answers are not in the case file as it saved them.
 */
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { deviceKeyPair } from '../../src/main/room';
import type { MySheet } from '../../src/shared/api';
import { RoomClient, RoomRefused, RoomUnreachable, type RoomTransport } from '../../src/shared/room/client';

export interface RoomDeviceJob {
  link: string;
  caseId: string;
  memberId: string;
  pin: string;
  criteria: string[];
}

/** What the coordinator asks of a phone. */
export type RoomDeviceOrder = { save: string } | { check: string } | { leave: true };

/** What a phone tells the coordinator. */
export type RoomDeviceReport = { ready: true } | { saved: number[] } | { lost: number } | { failed: string };

/** The reason each answer is saved with: it tells the read-back which save it came from. */
export function rationaleFor(label: string, criterionId: string): string {
  return `${label} on ${criterionId}`;
}

async function saveAnswers(
  device: RoomClient,
  criteria: readonly string[],
  label: string,
): Promise<number[]> {
  const times: number[] = [];
  for (const criterionId of criteria) {
    const start = performance.now();
    const { result } = await device.call('scoring.saveScore', {
      caseId: device.caseId,
      criterionId,
      score: 2,
      rationale: rationaleFor(label, criterionId),
      evidenceIds: [],
    });
    times.push(performance.now() - start);
    if (!result.ok) throw new Error(`A save through the room failed: ${result.error.message}`);
  }
  return times;
}

async function answersLost(device: RoomClient, criteria: readonly string[], label: string): Promise<number> {
  const { result } = await device.call('scoring.mySheet', { caseId: device.caseId });
  if (!result.ok) throw new Error(result.error.message);
  const { entries } = result.value as MySheet;
  return criteria.filter(
    (criterionId) =>
      entries.find((entry) => entry.criterionId === criterionId)?.rationale !==
      rationaleFor(label, criterionId),
  ).length;
}

/**
 * A phone's network: one kept-alive connection, as a browser keeps one to the room. A phone's browser
 * sends through its own native network code; Node's fetch (undici) spent about twice the
 * processor time of node:http on each call (2.4 ms against 1.2 ms a save, here), on processors the
 * simulated phones share with the room.
 */
function phoneNetwork(): RoomTransport {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return (url, body, headers) =>
    new Promise((resolve, reject) => {
      const sent = request(
        url,
        {
          method: 'POST',
          agent,
          headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length, ...headers },
        },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () =>
            answer.statusCode === 200
              ? resolve(new Uint8Array(Buffer.concat(chunks)))
              : reject(new RoomRefused(answer.statusCode ?? 0)),
          );
          answer.on('error', () => reject(new RoomUnreachable()));
        },
      );
      sent.on('error', () => reject(new RoomUnreachable()));
      sent.end(body);
    });
}

async function join(job: RoomDeviceJob): Promise<RoomClient> {
  const device = await RoomClient.join(job.link, 'phone', deviceKeyPair(), phoneNetwork());
  const { result } = await device.call('panel.signIn', {
    caseId: job.caseId,
    memberId: job.memberId,
    pin: job.pin,
  });
  if (!result.ok) throw new Error(result.error.message);
  return device;
}

async function obey(
  device: RoomClient,
  job: RoomDeviceJob,
  order: RoomDeviceOrder,
): Promise<RoomDeviceReport> {
  if ('save' in order) return { saved: await saveAnswers(device, job.criteria, order.save) };
  if ('check' in order) return { lost: await answersLost(device, job.criteria, order.check) };
  process.exit(0);
}

const port = parentPort;
if (port) {
  const job = workerData as RoomDeviceJob;
  const tell = (report: RoomDeviceReport) => port.postMessage(report);
  const failed = (error: unknown) => tell({ failed: error instanceof Error ? error.message : String(error) });
  join(job).then((device) => {
    port.on('message', (order: RoomDeviceOrder) => obey(device, job, order).then(tell, failed));
    tell({ ready: true });
  }, failed);
}

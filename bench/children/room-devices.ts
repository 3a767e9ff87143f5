/**
 * Child process for bench 9 (the panel room): the members' phones. Real devices are other
 * machines, so their side of each call runs here, off the room's event loop, and each phone on a
 * thread of its own (room-device.ts), as each phone has its own processor; the room itself
 * (listener, dispatcher, case file) stays in the bench's own process. Every phone joins the room and
 * signs in as its member; then one phone saves its answers alone (the baseline), then every phone
 * at once, and each reads its answers back through the room. Prints one JSON line
 * (RoomDevicesResult). Run by bench/suites/room.ts as
 *   node --import tsx bench/children/room-devices.ts <job as JSON>
 */
import { Worker } from 'node:worker_threads';
import type { RoomDeviceJob, RoomDeviceOrder, RoomDeviceReport } from './room-device';

export interface RoomDevicesJob {
  link: string;
  caseId: string;
  members: { memberId: string; pin: string }[];
  criteria: string[];
}

export interface RoomDevicesResult {
  /** Each save's time (ms) with one device saving alone. */
  alone: number[];
  /** Each save's time (ms) with every device saving at once. */
  together: number[];
  /** Answers saved at once that were not read back exactly from the case file afterwards. */
  lost: number;
}

/** One phone on its own thread: each order is answered by the phone's next report. */
class Phone {
  private readonly thread: Worker;
  private readonly reports: RoomDeviceReport[] = [];
  private waiting: ((report: RoomDeviceReport) => void) | undefined;

  constructor(job: RoomDeviceJob) {
    this.thread = new Worker(new URL('./room-device-thread.mjs', import.meta.url), { workerData: job });
    this.thread.on('message', (report: RoomDeviceReport) => this.heard(report));
    this.thread.on('error', (error) => this.heard({ failed: error.message }));
  }

  private heard(report: RoomDeviceReport): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting(report);
    else this.reports.push(report);
  }

  private async next(): Promise<RoomDeviceReport> {
    const report =
      this.reports.shift() ?? (await new Promise<RoomDeviceReport>((resolve) => (this.waiting = resolve)));
    if ('failed' in report) throw new Error(`A phone in the room failed: ${report.failed}`);
    return report;
  }

  async ready(): Promise<void> {
    await this.next();
  }

  async ask(order: RoomDeviceOrder): Promise<RoomDeviceReport> {
    this.thread.postMessage(order);
    return this.next();
  }

  async save(label: string): Promise<number[]> {
    const report = await this.ask({ save: label });
    if (!('saved' in report)) throw new Error('A phone did not say how long its saves took.');
    return report.saved;
  }

  async lost(label: string): Promise<number> {
    const report = await this.ask({ check: label });
    if (!('lost' in report)) throw new Error('A phone did not say whether its answers were kept.');
    return report.lost;
  }

  async leave(): Promise<void> {
    await this.thread.terminate();
  }
}

/** The saves each phone makes once, untimed, before any save is timed. */
const WARM_UP = 'warm-up';
/** The phone saving alone goes through its answers this many times, so its p95 rests on more than 19 saves. */
const ALONE_ROUNDS = 3;

const deviceLabel = (index: number): string => `device ${index + 1}`;

async function run(job: RoomDevicesJob): Promise<RoomDevicesResult> {
  const phones = job.members.map(
    (member) => new Phone({ link: job.link, caseId: job.caseId, criteria: job.criteria, ...member }),
  );
  try {
    await Promise.all(phones.map((phone) => phone.ready()));
    // Each phone's code has run before it is timed, as a member's page has by the time they score.
    await Promise.all(phones.map((phone) => phone.save(WARM_UP)));
    const alone: number[] = [];
    for (let round = 0; round < ALONE_ROUNDS; round += 1) alone.push(...(await phones[0]!.save('alone')));
    const together = (await Promise.all(phones.map((phone, index) => phone.save(deviceLabel(index))))).flat();
    const lost = (await Promise.all(phones.map((phone, index) => phone.lost(deviceLabel(index))))).reduce(
      (sum, count) => sum + count,
      0,
    );
    return { alone, together, lost };
  } finally {
    await Promise.all(phones.map((phone) => phone.leave()));
  }
}

const [jobText] = process.argv.slice(2);
if (!jobText) throw new Error('usage: room-devices.ts <job as JSON>');
process.stdout.write(`${JSON.stringify(await run(JSON.parse(jobText) as RoomDevicesJob))}\n`);

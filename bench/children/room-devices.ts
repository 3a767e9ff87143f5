/**
 * Child process for bench 9 (the panel room): the members' phones. Real devices are other
 * machines, so their side of each call (sealing, fetch, opening the answer) runs here, off the
 * room's event loop, as it would on the phones; the room itself (listener, dispatcher, case file)
 * stays in the bench's own process. Joins the room as each member, signs in, then saves answers:
 * first one device alone (the baseline), then every device at once, and reads every answer back
 * through the room. Prints one JSON line (RoomDevicesResult). Run by bench/suites/room.ts as
 *   node --import tsx bench/children/room-devices.ts <job as JSON>
 */
import { deviceKeyPair } from '../../src/main/room';
import type { MySheet } from '../../src/shared/api';
import { RoomClient } from '../../src/shared/room/client';

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

/** One device saves its answers one after another, as a member scoring does; each save's time is kept. */
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
      rationale: `${label} on ${criterionId}`,
      evidenceIds: [],
    });
    times.push(performance.now() - start);
    if (!result.ok) throw new Error(`A save through the room failed: ${result.error.message}`);
  }
  return times;
}

/** How many of each device's answers are not in the case file exactly as it saved them. */
async function answersLost(devices: readonly RoomClient[], criteria: readonly string[]): Promise<number> {
  let lost = 0;
  for (const [index, device] of devices.entries()) {
    const { result } = await device.call('scoring.mySheet', { caseId: device.caseId });
    if (!result.ok) throw new Error(result.error.message);
    const sheet = result.value as MySheet;
    for (const criterionId of criteria) {
      const entry = sheet.entries.find((candidate) => candidate.criterionId === criterionId);
      if (entry?.rationale !== `device ${index + 1} on ${criterionId}`) lost += 1;
    }
  }
  return lost;
}

async function run(job: RoomDevicesJob): Promise<RoomDevicesResult> {
  const devices = await Promise.all(
    job.members.map(async (member) => {
      const device = await RoomClient.join(job.link, 'phone', deviceKeyPair());
      const { result } = await device.call('panel.signIn', {
        caseId: job.caseId,
        memberId: member.memberId,
        pin: member.pin,
      });
      if (!result.ok) throw new Error(result.error.message);
      return device;
    }),
  );
  const alone = await saveAnswers(devices[0]!, job.criteria, 'alone');
  const together = (
    await Promise.all(
      devices.map((device, index) => saveAnswers(device, job.criteria, `device ${index + 1}`)),
    )
  ).flat();
  return { alone, together, lost: await answersLost(devices, job.criteria) };
}

const [jobText] = process.argv.slice(2);
if (!jobText) throw new Error('usage: room-devices.ts <job as JSON>');
process.stdout.write(`${JSON.stringify(await run(JSON.parse(jobText) as RoomDevicesJob))}\n`);

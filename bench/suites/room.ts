import { CaseRegistry } from '../../src/main/casefile';
import { clientContext, COMMAND_LINE, dispatch, handlers } from '../../src/main/api';
import { buildPanel, PanelClient } from '../../src/main/demo';
import { createPanelRooms, deviceKeyPair } from '../../src/main/room';
import { nodeRuntime } from '../../src/main/runtime';
import type { MySheet } from '../../src/shared/api';
import { RoomClient } from '../../src/shared/room/client';
import type { BenchContext, Suite } from '../lib/context';
import { now } from '../lib/measure';
import { formatValue, line, single } from '../lib/report';
import { progress } from '../lib/workspace';

const DEVICES = 12;
const ANSWERS = 19;
/** Loopback stands in for the venue's Wi-Fi, as in the tests (the room is the product's own listener). */
const ROOM_ADDRESS = process.env.COPANEL_ROOM_ADDRESS ?? '127.0.0.2';

function percentile95(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}

/** One device saves its answers one after another, as a member scoring does; each save's time is kept. */
async function saveAnswers(
  device: RoomClient,
  criteria: readonly string[],
  label: string,
): Promise<number[]> {
  const times: number[] = [];
  for (const criterionId of criteria) {
    const start = now();
    const { result } = await device.call('scoring.saveScore', {
      caseId: device.caseId,
      criterionId,
      score: 2,
      rationale: `${label} on ${criterionId}`,
      evidenceIds: [],
    });
    times.push(now() - start);
    if (!result.ok) throw new Error(`A save through the room failed: ${result.error.message}`);
  }
  return times;
}

/**
 * 9. The panel room (issue 13): 12 devices each save 19 answers at once through the room (sealed
 * bodies, per-device keys, the dispatcher, the encrypted case file); p95 save time, as a ratio to one
 * device saving alone in the same run; and every answer is in the case file afterwards.
 */
export const roomSuite: Suite = {
  name: 'room',
  title: '9. Panel room: 12 devices saving at once',
  async run(context: BenchContext) {
    const runtime = nodeRuntime('cli', {
      workspaceDir: context.workspace.path('room-workspace'),
      userDataDir: context.workspace.path('room-user-data'),
    });
    const cases = new CaseRegistry();
    const rooms = createPanelRooms({ runtime, cases, handlers, bindAddress: ROOM_ADDRESS });
    try {
      progress(`building a panel of ${DEVICES} members with scoring open`);
      const panel = await buildPanel(
        {
          fileName: 'room-bench',
          organisation: 'Benchmark Community Trust (fictional)',
          passphrase: 'lantern-meadow-quartz-harbor-violin',
          lead: { name: 'Lead Assessor', pin: '2468' },
          members: Array.from({ length: DEVICES }, (_, index) => ({
            name: `Assessor ${index + 1}`,
            role: 'assessor' as const,
            pin: `${1000 + index}`,
            consentToBeNamed: true,
          })),
          openScoring: true,
        },
        () => new PanelClient(runtime, cases),
      );
      const { caseId } = panel;
      const lead = clientContext(runtime, cases, { ...COMMAND_LINE, rooms });
      await dispatch(handlers, 'panel.signIn', { caseId, memberId: panel.lead.memberId, pin: '2468' }, lead);
      const opened = await dispatch(handlers, 'room.open', { caseId }, lead);
      if (!opened.ok) throw new Error(opened.error.message);
      const link = (opened.value as { link: string }).link;
      const standard = await panel.lead.call('standard.forCase', { caseId });
      const criteria = standard.statements.flatMap((s) => s.criteria.map((c) => c.id)).slice(0, ANSWERS);

      progress(`${DEVICES} devices join the room and sign in`);
      const devices = await Promise.all(
        panel.members.map(async (member, index) => {
          const device = await RoomClient.join(link, 'phone', deviceKeyPair());
          const { result } = await device.call('panel.signIn', {
            caseId,
            memberId: member.memberId,
            pin: `${1000 + index}`,
          });
          if (!result.ok) throw new Error(result.error.message);
          return device;
        }),
      );

      progress('one device saves its answers alone (the baseline)');
      const alone = await saveAnswers(devices[0]!, criteria, 'alone');
      progress(`${DEVICES} devices save ${criteria.length} answers each at once`);
      const together = (
        await Promise.all(
          devices.map((device, index) => saveAnswers(device, criteria, `device ${index + 1}`)),
        )
      ).flat();

      let lost = 0;
      for (const [index, device] of devices.entries()) {
        const { result } = await device.call('scoring.mySheet', { caseId });
        if (!result.ok) throw new Error(result.error.message);
        const sheet = result.value as MySheet;
        for (const criterionId of criteria) {
          const entry = sheet.entries.find((candidate) => candidate.criterionId === criterionId);
          if (entry?.rationale !== `device ${index + 1} on ${criterionId}`) lost += 1;
        }
      }
      if (lost > 0) throw new Error(`${lost} answers saved through the room are not in the case file.`);

      const ours = single(
        `p95 of ${together.length} saves, ${DEVICES} devices at once`,
        'ms',
        percentile95(together),
      );
      const baseline = single(`p95 of ${alone.length} saves, one device alone`, 'ms', percentile95(alone));
      const note = `${together.length} answers saved, 0 lost (each read back from the case file through the room)`;
      return [
        line({
          id: '9a',
          operation: 'Room: save an answer, 12 devices at once (p95, ratio)',
          ours,
          baseline,
          target: { on: 'ratio', atMost: 3, text: '≤ 3×' },
          note,
          limitedBy: (result) =>
            result.pass
              ? undefined
              : 'saves that arrive together share one commit (one full sync), but each still runs its checks and writes one after another on the same cores',
        }),
        line({
          id: '9b',
          operation: 'Room: save an answer, 12 devices at once (p95)',
          ours,
          baseline,
          target: { on: 'ours', atMost: 50, text: '≤ 50 ms' },
          note: `one device alone: p95 ${formatValue(baseline.median, 'ms')}`,
          limitedBy: (result) =>
            result.pass
              ? undefined
              : 'the work of 12 saves (sealed bodies, the checks, the writes, a full sync per commit) on a shared machine: see the load average above',
        }),
      ];
    } finally {
      await rooms.closeAll('app_quit');
      await cases.closeAll();
    }
  },
};

import type { TrainingStatus } from '../../shared/api';

/**
 * Where an assessor stands with training: pure date arithmetic on calendar dates (YYYY-MM-DD, no
 * time zones). The refresher falls due `refresherYears` after the most recent course, on the same
 * day of the month (29 February falls back to 28 February in a year without it); on the due day
 * itself the assessor is still trained, and from the day after the refresher is overdue.
 */
export function refresherDueDate(attendedOn: string, refresherYears: number): string {
  const [year, month, day] = attendedOn.split('-').map(Number) as [number, number, number];
  const dueYear = year + refresherYears;
  const lastDayOfMonth = new Date(Date.UTC(dueYear, month, 0)).getUTCDate();
  const dueDay = Math.min(day, lastDayOfMonth);
  return `${String(dueYear).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(dueDay).padStart(2, '0')}`;
}

export function trainingStatus(
  coursesAttendedOn: readonly string[],
  refresherYears: number,
  today: string,
): TrainingStatus {
  const attended = coursesAttendedOn.filter((date) => date <= today);
  if (attended.length === 0) return { state: 'untrained' };
  const lastTrainedOn = attended.reduce((latest, date) => (date > latest ? date : latest));
  const refresherDue = refresherDueDate(lastTrainedOn, refresherYears);
  return { state: today > refresherDue ? 'refresher_overdue' : 'trained', lastTrainedOn, refresherDue };
}

import { dateInWords } from '../../shared/dates';
import { compact, type KitemarkFacts, type QrPayload } from '../signing';

/**
 * The kitemark facts as PRINTED on a certificate's page (from its text, see signed-content.ts), so
 * they can be compared with the facts in the signed QR payload. Text is compared without
 * whitespace (the page breaks lines anywhere) and without accents (the renderer may decompose
 * letters its font lacks).
 */

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function isoDateFromWords(words: string): string | undefined {
  const match = /^(\d{1,2})([A-Za-z]+)(\d{4})$/.exec(words);
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[2]!.toLowerCase());
  if (month < 0) return undefined;
  return `${match[3]}-${String(month + 1).padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
}

function between(text: string, before: string, after: RegExp): string | undefined {
  const start = text.indexOf(before);
  if (start < 0) return undefined;
  const rest = text.slice(start + before.length);
  const end = rest.search(after);
  return end < 0 ? undefined : rest.slice(0, end);
}

/**
 * The facts the page states. Where a printed fact equals the QR payload's (ignoring spacing and
 * accents) the payload's exact value is used, so only real differences are reported.
 */
export function printedFacts(pageText: string, payload: QrPayload | undefined): Partial<KitemarkFacts> {
  const text = compact(pageText);
  const facts: Partial<KitemarkFacts> = {};
  const organisation = between(text, 'Thiscertificateisawardedto', /forcoproductionatLevel/);
  if (organisation)
    facts.organisation =
      payload && compact(payload.organisation) === organisation ? payload.organisation : organisation;
  const level = /forcoproductionatLevel([123])of/.exec(text)?.[1];
  if (level) facts.level = Number(level);
  const decisionDate = isoDateFromWords(between(text, 'Decisiondate', /Validuntil/) ?? '');
  if (decisionDate) facts.decisionDate = decisionDate;
  const validUntil = isoDateFromWords(
    between(text, 'Validuntil', /Interimreviewdue|Certificatenumber/) ?? '',
  );
  if (validUntil) facts.validUntil = validUntil;
  const number = certificateNumberIn(text, payload);
  if (number) facts.certificateNumber = number;
  return facts;
}

/** After "Certificate number": the payload's number when printed exactly, otherwise the printed code. */
function certificateNumberIn(text: string, payload: QrPayload | undefined): string | undefined {
  const start = text.indexOf('Certificatenumber');
  if (start < 0) return undefined;
  const rest = text.slice(start + 'Certificatenumber'.length);
  if (payload && rest.startsWith(compact(payload.certificateNumber))) return payload.certificateNumber;
  // A number is upper-case letters, digits and hyphens; the next text (a name or a note) starts "Xy".
  return /^[A-Z0-9][A-Z0-9-]*?(?=[A-Z][a-z]|$)/.exec(rest)?.[0];
}

/** The sentence-form dates as the certificate prints them, for messages. */
export function printedDate(isoDate: string): string {
  try {
    return dateInWords(isoDate);
  } catch {
    return isoDate;
  }
}

/** What the certificate prints under each name (Certificate.tsx). */
const LEAD_ROLE_LINE = compact('Lead assessor');
const CO_SIGNER_ROLE_LINE = compact('Expert by Experience, co-signer');
const PANEL_NOTE = compact('Assessed by a panel that includes Experts by Experience.');

/** The people a certificate names: the lead assessor and the co-signer, each printed only with their consent. */
export interface PrintedPeople {
  lead?: string;
  coSigner?: string;
}

/**
 * The names printed after the certificate number: "<lead> Lead assessor <co-signer> Expert by
 * Experience, co-signer". Each name is given as printed (spaces as the page has them).
 */
export function printedPeople(pageText: string, certificateNumber: string | undefined): PrintedPeople {
  const { text, origin } = compactWithOrigin(pageText);
  const heading = text.indexOf('Certificatenumber');
  if (heading < 0 || certificateNumber === undefined) return {};
  const number = compact(certificateNumber);
  let start = heading + 'Certificatenumber'.length;
  if (!text.startsWith(number, start)) return {};
  start += number.length;
  const noteAt = text.indexOf(PANEL_NOTE, start);
  const stop = noteAt < 0 ? text.length : noteAt;
  const printed = (from: number, to: number) => printedBetween(pageText, origin, from, to);
  const people: PrintedPeople = {};
  const leadAt = text.indexOf(LEAD_ROLE_LINE, start);
  let namesFrom = start;
  if (leadAt >= 0 && leadAt < stop) {
    const lead = printed(start, leadAt);
    if (lead) people.lead = lead;
    namesFrom = leadAt + LEAD_ROLE_LINE.length;
  }
  const coSignerAt = text.indexOf(CO_SIGNER_ROLE_LINE, namesFrom);
  if (coSignerAt >= 0 && coSignerAt < stop) {
    const coSigner = printed(namesFrom, coSignerAt);
    if (coSigner) people.coSigner = coSigner;
  }
  return people;
}

const AWARDED_LINE = compact('This certificate is awarded to');
const LEVEL_LINE = /forcoproductionatLevel([123])ofthe/;
const VERSION = /^[0-9A-Za-z.-]{1,20}$/;

/**
 * The standard a certificate was awarded against, as its header prints it above "This certificate
 * is awarded to": "<title>, version <version>" (spaces as the page has them). The level line
 * ("… at Level 2 of the <title>", then the badge's "Level 2 of 3") gives the title, so where the
 * header's title starts is known whatever the scheme's name before it.
 */
export function printedStandard(pageText: string): string | undefined {
  const { text, origin } = compactWithOrigin(pageText);
  const awardedAt = text.indexOf(AWARDED_LINE);
  const level = LEVEL_LINE.exec(text);
  if (awardedAt < 0 || !level) return undefined;
  const titleFrom = level.index + level[0].length;
  const titleTo = text.indexOf(`Level${level[1]}of3`, titleFrom);
  if (titleTo <= titleFrom) return undefined;
  const heading = `${text.slice(titleFrom, titleTo)},version`;
  const headingAt = text.lastIndexOf(heading, awardedAt);
  if (headingAt < 0 || !VERSION.test(text.slice(headingAt + heading.length, awardedAt))) return undefined;
  return printedBetween(pageText, origin, headingAt, awardedAt);
}

/** The page's text behind compact characters `from` up to `to`, with its spacing made single. */
function printedBetween(pageText: string, origin: number[], from: number, to: number): string | undefined {
  return to > from
    ? pageText
        .slice(origin[from], origin[to - 1]! + 1)
        .replace(/\s+/g, ' ')
        .trim()
    : undefined;
}

/** compact(text), with where each of its characters came from in `text`. */
function compactWithOrigin(text: string): { text: string; origin: number[] } {
  let out = '';
  const origin: number[] = [];
  let index = 0;
  for (const character of text) {
    const kept = compact(character);
    for (let i = 0; i < kept.length; i++) origin.push(index);
    out += kept;
    index += character.length;
  }
  return { text: out, origin };
}

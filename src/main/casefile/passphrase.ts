import { randomInt } from 'node:crypto';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { generalDetails, UserFacingError } from '../../shared/errors';
import { PASSPHRASE_WORDS } from './passphrase-words';

/**
 * zxcvbn scores run 0–4. A case file can be lost on a USB stick and attacked offline for as long
 * as the attacker likes, so only the top score (over 10^10 guesses) is accepted: score 3 still lets
 * through things like "riversidemind2025" (about three hours for one computer).
 */
const MINIMUM_PASSPHRASE_SCORE = 4;
const MINIMUM_PASSPHRASE_LENGTH = 10;
const GENERATED_PASSPHRASE_WORDS = 6;

export interface PassphraseStrength {
  /** 0 (very weak) to 4 (very strong). */
  score: number;
  acceptable: boolean;
  /** The meter's main reason, in plain English; empty when there is nothing to warn about. */
  warning: string;
  suggestions: string[];
  /** How long a fast offline attacker would need, e.g. "3 hours" or "centuries". */
  crackTime: string;
}

let meter: ZxcvbnFactory | undefined;

function strengthMeter(): ZxcvbnFactory {
  meter ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return meter;
}

/**
 * How hard the passphrase is to guess. `relatedWords` are things an attacker would try first
 * (the organisation's name, the lead assessor's name) and count against it.
 */
export function checkPassphraseStrength(
  passphrase: string,
  relatedWords: readonly string[] = [],
): PassphraseStrength {
  const result = strengthMeter().check(
    passphrase,
    relatedWords.flatMap((words) => words.split(/\s+/)).filter(Boolean),
  );
  const tooShort = passphrase.length < MINIMUM_PASSPHRASE_LENGTH;
  const warning =
    result.feedback.warning ??
    (tooShort ? `It is shorter than ${MINIMUM_PASSPHRASE_LENGTH} characters.` : '');
  return {
    score: result.score,
    acceptable: result.score >= MINIMUM_PASSPHRASE_SCORE && !tooShort,
    warning,
    suggestions: result.feedback.suggestions,
    crackTime: String(result.crackTimes.offlineSlowHashingXPerSecond.display),
  };
}

/** Throws WEAK_PASSPHRASE, with the meter's reason, unless the passphrase is strong enough. */
export function requireStrongPassphrase(passphrase: string, relatedWords: readonly string[] = []): void {
  const strength = checkPassphraseStrength(passphrase, relatedWords);
  if (strength.acceptable) return;
  const reason = strength.warning || `Someone trying guesses could find it in about ${strength.crackTime}.`;
  throw new UserFacingError(
    'WEAK_PASSPHRASE',
    `This passphrase is too easy to guess. ${reason} Use a longer passphrase of several unrelated words, or use a generated one.`,
    strength.suggestions.length > 0 ? generalDetails(strength.suggestions) : undefined,
  );
}

/**
 * A passphrase of distinct random everyday words joined by hyphens (six by default: about 60 bits
 * from a list of 1,120 words), chosen with the operating system's cryptographic random numbers.
 */
export function generatePassphrase(options: { words?: number; separator?: string } = {}): string {
  const count = Math.max(5, options.words ?? GENERATED_PASSPHRASE_WORDS);
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(PASSPHRASE_WORDS[randomInt(PASSPHRASE_WORDS.length)]!);
  return [...chosen].join(options.separator ?? '-');
}

/**
 * Building sentences from words someone typed (a withdrawal reason, a condition): the sentence is
 * ended once, whether or not the typed words already end it.
 */

/** Ends with its own sentence mark, maybe inside closing quotes or brackets: "closed.", "closed.”". */
const ENDS_A_SENTENCE = /[.!?…]["'”’)\]]*$/u;

/** `text` as a finished sentence: a full stop added only if it does not already end with . ! ? or …. */
export function asSentence(text: string): string {
  const trimmed = text.trimEnd();
  return ENDS_A_SENTENCE.test(trimmed) ? trimmed : `${trimmed}.`;
}

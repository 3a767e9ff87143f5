import { PdfLimitError, PdfSyntaxError } from './limits';
import { PdfOperator, PdfScanner, isWhitespace } from './parser';
import type { PdfValue } from './objects';

/**
 * Content streams and CMaps read as tokens with the same linear scanner as the file itself:
 * operands, then an operator. Inline images (BI … ID binary EI) are stepped over.
 */

export interface ContentOperation {
  operator: string;
  operands: PdfValue[];
}

/** More operands than any operator takes (the most, "d0"/"d1"/"SCN" with patterns, take a handful). */
const MAX_OPERANDS = 64;

/** Every value and operator in order, inline image data skipped. */
export function* contentTokens(data: Uint8Array): Generator<PdfValue | PdfOperator> {
  const scanner = new PdfScanner(data);
  for (;;) {
    const token = scanner.readToken();
    if (token === undefined) return;
    if (token instanceof PdfOperator && token.word === 'BI') {
      skipInlineImage(scanner);
      continue;
    }
    yield token;
  }
}

/**
 * The operations of a content stream whose operators are in `operators`, each with its operands,
 * in order. The others are stepped over without building their operands: a page's path drawing
 * (most of a certificate's content) is numbers and one-letter operators, which only need to be
 * recognised. Strings, names, arrays and dictionaries are read whole wherever they are, so a
 * damaged one is refused as before, and no operator is given more than MAX_OPERANDS values.
 */
export function* contentOperations(
  data: Uint8Array,
  operators: ReadonlySet<string>,
): Generator<ContentOperation> {
  const scanner = new PdfScanner(data);
  let operandsStart = 0;
  let operandCount = 0;
  for (;;) {
    scanner.skipWhitespaceAndComments();
    if (scanner.pos >= data.length) return;
    const start = scanner.pos;
    const word = scanner.stepOverWord();
    // A bare value is stepped over; anything but a bare word is read whole ("{" and "}" are operators).
    if (word === 'value' || (word === undefined && !(scanner.readToken() instanceof PdfOperator))) {
      if (++operandCount > MAX_OPERANDS)
        throw new PdfLimitError('a page in it gives an operator more values than any takes');
      continue;
    }
    const operator = scanner.wordFrom(start);
    if (operator === 'BI') skipInlineImage(scanner);
    else if (operators.has(operator))
      yield { operator, operands: operandsBetween(data, operandsStart, start) };
    operandsStart = scanner.pos;
    operandCount = 0;
  }
}

/** An operator's operands, read whole: every value from `start` up to the operator at `end`. */
function operandsBetween(data: Uint8Array, start: number, end: number): PdfValue[] {
  const scanner = new PdfScanner(data, start);
  const operands: PdfValue[] = [];
  for (;;) {
    scanner.skipWhitespaceAndComments();
    if (scanner.pos >= end) return operands;
    operands.push(scanner.readValue());
  }
}

/** After "BI": the image's dictionary up to "ID", then its bytes up to "EI" between white space. */
function skipInlineImage(scanner: PdfScanner): void {
  const start = scanner.pos;
  for (let entries = 0; ; entries++) {
    const token = scanner.readToken();
    if (token === undefined || entries > 2 * MAX_OPERANDS)
      throw new PdfSyntaxError('inline image without ID', start, 'an image drawn on a page in it is damaged');
    if (token instanceof PdfOperator && token.word === 'ID') break;
  }
  const bytes = scanner.bytes;
  let i = scanner.pos + 1;
  for (; i + 1 < bytes.length; i++) {
    if (
      isWhitespace(bytes[i - 1]) &&
      bytes[i] === 0x45 &&
      bytes[i + 1] === 0x49 &&
      (i + 2 === bytes.length || isWhitespace(bytes[i + 2]))
    ) {
      scanner.pos = i + 2;
      return;
    }
  }
  throw new PdfSyntaxError('inline image without EI', start, 'an image drawn on a page in it is damaged');
}

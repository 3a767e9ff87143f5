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

/** The operations of a content stream, each operator with its operands. */
export function* contentOperations(data: Uint8Array): Generator<ContentOperation> {
  let operands: PdfValue[] = [];
  for (const token of contentTokens(data)) {
    if (token instanceof PdfOperator) {
      yield { operator: token.word, operands };
      operands = [];
    } else {
      if (operands.length >= MAX_OPERANDS)
        throw new PdfLimitError('a page in it gives an operator more values than any takes');
      operands.push(token);
    }
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

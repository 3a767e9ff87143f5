import QRCode from 'qrcode';

/**
 * QR codes, drawn the same way everywhere: the certificate's (a react-pdf SVG) and the panel
 * room's join link on the lead's screen (an SVG in the page). Only the drawing element differs.
 */

/** Modules of light margin around the symbol, as the QR specification asks. */
export const QR_QUIET_ZONE = 4;

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  isDark(row: number, column: number): boolean;
}

/** The QR symbol for `payload`, byte mode, error correction M. */
export function qrMatrix(payload: string): QrMatrix {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  return { size: modules.size, isDark: (row, column) => modules.get(row, column) === 1 };
}

/** One SVG path for all dark modules, each horizontal run of them drawn as one rectangle. */
function qrPathData(matrix: QrMatrix, offset: number): string {
  const parts: string[] = [];
  for (let row = 0; row < matrix.size; row += 1) {
    let column = 0;
    while (column < matrix.size) {
      if (!matrix.isDark(row, column)) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < matrix.size && matrix.isDark(row, column)) column += 1;
      parts.push(`M${start + offset} ${row + offset}h${column - start}v1h${start - column}z`);
    }
  }
  return parts.join('');
}

/** What an SVG needs to draw the symbol with its quiet zone: the viewBox side and the dark modules' path. */
export function qrDrawing(payload: string): { side: number; path: string } {
  const matrix = qrMatrix(payload);
  return { side: matrix.size + QR_QUIET_ZONE * 2, path: qrPathData(matrix, QR_QUIET_ZONE) };
}

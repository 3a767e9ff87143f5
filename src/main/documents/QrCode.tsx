/** @jsxRuntime automatic */
import { Path, Rect, Svg } from '@react-pdf/renderer';
import QRCode from 'qrcode';

/** Modules of light margin around the symbol, as the QR specification asks. */
const QR_QUIET_ZONE = 4;

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

/** A QR code drawn as vector shapes, with its quiet zone, `size` points square. */
export function QrCode({ payload, size }: { payload: string; size: number }) {
  const matrix = qrMatrix(payload);
  const side = matrix.size + QR_QUIET_ZONE * 2;
  return (
    <Svg width={size} height={size} viewBox={`0 0 ${side} ${side}`}>
      <Rect x={0} y={0} width={side} height={side} fill="#ffffff" />
      <Path d={qrPathData(matrix, QR_QUIET_ZONE)} fill="#000000" />
    </Svg>
  );
}

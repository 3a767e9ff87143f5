/** @jsxRuntime automatic */
import { Path, Rect, Svg } from '@react-pdf/renderer';
import { qrDrawing } from '../../shared/qr';

export { qrMatrix, type QrMatrix } from '../../shared/qr';

/** A QR code drawn as vector shapes, with its quiet zone, `size` points square. */
export function QrCode({ payload, size }: { payload: string; size: number }) {
  const { side, path } = qrDrawing(payload);
  return (
    <Svg width={size} height={size} viewBox={`0 0 ${side} ${side}`}>
      <Rect x={0} y={0} width={side} height={side} fill="#ffffff" />
      <Path d={path} fill="#000000" />
    </Svg>
  );
}

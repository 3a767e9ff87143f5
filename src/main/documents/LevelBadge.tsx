/** @jsxRuntime automatic */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Circle, Path, Svg } from '@react-pdf/renderer';
import type { AwardLevel } from './types';

/**
 * The level badges are vector artwork in resources/badges/level-N.svg (made by
 * generate-badges.mjs there). This reads the small SVG subset they use, <path> and <circle> with
 * fill, stroke and stroke-width, and draws it with react-pdf's SVG primitives.
 */
export interface BadgeShape {
  kind: 'path' | 'circle';
  attributes: Readonly<Record<string, string>>;
}

export interface BadgeArtwork {
  level: AwardLevel;
  viewBox: string;
  shapes: readonly BadgeShape[];
}

const cache = new Map<string, BadgeArtwork>();

export function loadBadgeArtwork(resourcesDir: string, level: AwardLevel): BadgeArtwork {
  const file = join(resourcesDir, 'badges', `level-${level}.svg`);
  const cached = cache.get(file);
  if (cached) return cached;
  const artwork = parseBadgeSvg(readFileSync(file, 'utf8'), level);
  cache.set(file, artwork);
  return artwork;
}

function parseBadgeSvg(svg: string, level: AwardLevel): BadgeArtwork {
  const viewBox = /<svg\b[^>]*\bviewBox="([^"]+)"/.exec(svg)?.[1];
  if (!viewBox) throw new Error(`The level ${level} badge artwork has no viewBox.`);
  const shapes: BadgeShape[] = [];
  for (const element of svg.matchAll(/<(path|circle)\b([^>]*?)\/>/g)) {
    const attributes: Record<string, string> = {};
    for (const [, name, value] of (element[2] ?? '').matchAll(/([\w-]+)="([^"]*)"/g)) {
      if (name !== undefined && value !== undefined) attributes[name] = value;
    }
    shapes.push({ kind: element[1] === 'circle' ? 'circle' : 'path', attributes });
  }
  if (shapes.length === 0) throw new Error(`The level ${level} badge artwork has no shapes.`);
  return { level, viewBox, shapes };
}

function paint(attributes: Readonly<Record<string, string>>) {
  const colour = (value: string | undefined) => (value && value !== 'none' ? value : undefined);
  const fill = colour(attributes.fill);
  const stroke = colour(attributes.stroke);
  const strokeWidth = attributes['stroke-width'];
  return {
    ...(fill ? { fill } : {}),
    ...(stroke ? { stroke } : {}),
    ...(stroke && strokeWidth ? { strokeWidth: Number(strokeWidth) } : {}),
  };
}

/** The level badge, `size` points square. Pair it with the level in words: it is decoration, not the only cue. */
export function LevelBadge({ artwork, size }: { artwork: BadgeArtwork; size: number }) {
  return (
    <Svg width={size} height={size} viewBox={artwork.viewBox}>
      {artwork.shapes.map((shape, index) =>
        shape.kind === 'circle' ? (
          <Circle
            key={index}
            cx={Number(shape.attributes.cx)}
            cy={Number(shape.attributes.cy)}
            r={Number(shape.attributes.r)}
            {...paint(shape.attributes)}
          />
        ) : (
          <Path key={index} d={shape.attributes.d ?? ''} {...paint(shape.attributes)} />
        ),
      )}
    </Svg>
  );
}

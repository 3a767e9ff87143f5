// Writes level-1.svg, level-2.svg and level-3.svg beside this file: the level badges drawn on
// certificates and reports (src/main/documents/LevelBadge.tsx reads them) and usable by the UI.
//
// Run by hand after changing the design:  node resources/badges/generate-badges.mjs
// The letters are outlines of Atkinson Hyperlegible Bold (resources/fonts, SIL OFL 1.1), so the
// artwork needs no font. The level is shown three ways, never by colour alone: the numeral, the
// word "LEVEL" and a row of stars, one per level. Only <path> and <circle> elements are used, with
// fill, stroke and stroke-width attributes: that is all the PDF renderer's reader understands.
// `fontkit` comes with @react-pdf/renderer; this script is a development tool, not run by the app.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkitModule from 'fontkit';

const fontkit = fontkitModule.default ?? fontkitModule;
const here = dirname(fileURLToPath(import.meta.url));
const font = fontkit.create(readFileSync(join(here, '..', 'fonts', 'AtkinsonHyperlegible-Bold.ttf')));

const INK = '#1d4a5a';
const PAPER = '#ffffff';
const CENTRE = 100;

const round = (n) => Math.round(n * 100) / 100;

/** Outlines of `text` set in the bold font, centred on `cx`, sitting on the baseline `y`. */
function textPath(text, size, cx, y) {
  const run = font.layout(text);
  const scale = size / font.unitsPerEm;
  const width = run.positions.reduce((sum, p) => sum + p.xAdvance, 0) * scale;
  let x = cx - width / 2;
  const parts = [];
  run.glyphs.forEach((glyph, i) => {
    const pos = run.positions[i];
    const path = glyph.path.scale(scale, -scale).translate(x + pos.xOffset * scale, y - pos.yOffset * scale);
    parts.push(path.toSVG());
    x += pos.xAdvance * scale;
  });
  return parts
    .join(' ')
    .replace(/-?\d+\.\d+(e-?\d+)?/g, (n) => String(round(Number(n))));
}

/** A rosette: `points` scallops between two radii. */
function rosette(points, outer, inner) {
  const steps = points * 2;
  const coords = [];
  for (let i = 0; i < steps; i += 1) {
    const angle = (Math.PI * 2 * i) / steps - Math.PI / 2;
    const r = i % 2 === 0 ? outer : inner;
    coords.push(`${round(CENTRE + r * Math.cos(angle))} ${round(CENTRE + r * Math.sin(angle))}`);
  }
  return `M ${coords.join(' L ')} Z`;
}

/** A five-pointed star centred on (cx, cy). */
function star(cx, cy, r) {
  const coords = [];
  for (let i = 0; i < 10; i += 1) {
    const angle = (Math.PI * i) / 5 - Math.PI / 2;
    const radius = i % 2 === 0 ? r : r * 0.45;
    coords.push(`${round(cx + radius * Math.cos(angle))} ${round(cy + radius * Math.sin(angle))}`);
  }
  return `M ${coords.join(' L ')} Z`;
}

function badge(level) {
  const gap = 22;
  const first = CENTRE - ((level - 1) * gap) / 2;
  const stars = Array.from({ length: level }, (_, i) => star(first + i * gap, 160, 8.5));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200" role="img" aria-labelledby="title">`,
    `  <title id="title">Level ${level} badge</title>`,
    `  <path d="${rosette(30, 99, 92)}" fill="${INK}"/>`,
    `  <circle cx="100" cy="100" r="84" fill="${PAPER}"/>`,
    `  <circle cx="100" cy="100" r="77" fill="none" stroke="${INK}" stroke-width="3"/>`,
    `  <path d="${textPath('LEVEL', 22, CENTRE, 66)}" fill="${INK}"/>`,
    `  <path d="${textPath(String(level), 84, CENTRE, 140)}" fill="${INK}"/>`,
    ...stars.map((d) => `  <path d="${d}" fill="${INK}"/>`),
    '</svg>',
    '',
  ].join('\n');
}

for (const level of [1, 2, 3]) {
  writeFileSync(join(here, `level-${level}.svg`), badge(level));
}
console.log('Wrote level-1.svg, level-2.svg and level-3.svg');

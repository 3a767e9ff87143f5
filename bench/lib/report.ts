import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { Samples } from './measure';

/** What a figure is measured in; times are milliseconds, sizes bytes. */
export type Unit = 'ms' | 'bytes';

export interface Measured {
  /** What was measured, in a few words. */
  label: string;
  unit: Unit;
  median: number;
  n: number;
  warmups: number;
  min: number;
  max: number;
}

/** A target is either on the ratio (ours ÷ baseline) or on our own median. */
export interface Target {
  on: 'ratio' | 'ours';
  /** At most this: a ratio, milliseconds or bytes. */
  atMost: number;
  /** As printed, e.g. "≤ 1.15×" or "≤ 300 ms". */
  text: string;
}

export interface BenchLine {
  /** The numbering: 1, 2a, 2b, … */
  id: string;
  operation: string;
  ours: Measured;
  baseline: Measured;
  /** ours.median ÷ baseline.median */
  ratio: number;
  target: Target;
  pass: boolean;
  /** What limits it: always given for a MISS, sometimes for a PASS when it is close. */
  limitedBy?: string;
  /** Anything else a reader needs to interpret the line. */
  note?: string;
}

export function measured(label: string, unit: Unit, samples: Samples): Measured {
  return {
    label,
    unit,
    median: samples.median,
    n: samples.n,
    warmups: samples.warmups,
    min: samples.min,
    max: samples.max,
  };
}

/** A single observation (e.g. a size), reported with n = 1. */
export function single(label: string, unit: Unit, value: number): Measured {
  return { label, unit, median: value, n: 1, warmups: 0, min: value, max: value };
}

export type LineFields = Omit<BenchLine, 'ratio' | 'pass' | 'limitedBy'> & {
  /** What limits it; a function sees the finished line (e.g. to word it differently for a MISS). */
  limitedBy?: string | ((line: BenchLine) => string | undefined);
};

export function line(fields: LineFields): BenchLine {
  const { limitedBy, ...rest } = fields;
  const ratio = rest.ours.median / rest.baseline.median;
  const value = rest.target.on === 'ratio' ? ratio : rest.ours.median;
  const result: BenchLine = { ...rest, ratio, pass: value <= rest.target.atMost };
  const why = typeof limitedBy === 'function' ? limitedBy(result) : limitedBy;
  if (why !== undefined) result.limitedBy = why;
  return result;
}

export function formatValue(value: number, unit: Unit): string {
  if (unit === 'bytes') {
    if (value >= 1_000_000) return `${(value / 1_000_000).toFixed(1)} MB`;
    return `${(value / 1000).toFixed(1)} kB`;
  }
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

function formatRatio(ratio: number): string {
  if (ratio >= 100) return `${ratio.toFixed(0)}×`;
  if (ratio >= 10) return `${ratio.toFixed(1)}×`;
  return `${ratio.toFixed(2)}×`;
}

const HEADERS = [
  '#',
  'Operation',
  'n',
  'Ours (median)',
  'Baseline (median)',
  'Ratio',
  'Target',
  'Result',
] as const;

function rowOf(entry: BenchLine): string[] {
  const n = entry.ours.n === entry.baseline.n ? String(entry.ours.n) : `${entry.ours.n}/${entry.baseline.n}`;
  return [
    entry.id,
    entry.operation,
    n,
    formatValue(entry.ours.median, entry.ours.unit),
    `${formatValue(entry.baseline.median, entry.baseline.unit)} ${entry.baseline.label}`,
    formatRatio(entry.ratio),
    entry.target.text,
    entry.pass ? 'PASS' : 'MISS',
  ];
}

/** The results as a Markdown table (readable in a terminal and pasteable into the README). */
export function formatTable(lines: readonly BenchLine[]): string {
  const rows = lines.map(rowOf);
  const widths = HEADERS.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => row[column]!.length)),
  );
  const format = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [format(HEADERS), rule, ...rows.map(format)].join('\n');
}

/** Misses first (each with what limits it), then the notes that explain baselines and method. */
export function formatNotes(lines: readonly BenchLine[]): string {
  const out: string[] = [];
  const misses = lines.filter((entry) => !entry.pass);
  if (misses.length === 0) out.push('Every target was met.');
  for (const entry of misses)
    out.push(`MISS ${entry.id} (${entry.operation}): ${entry.limitedBy ?? 'no explanation recorded'}`);
  for (const entry of lines) {
    const parts = [`ours = ${entry.ours.label}`, `baseline = ${entry.baseline.label}`];
    if (entry.note) parts.push(entry.note);
    if (entry.pass && entry.limitedBy) parts.push(`limited by: ${entry.limitedBy}`);
    out.push(`${entry.id}: ${parts.join('; ')}.`);
  }
  return out.join('\n');
}

export interface BenchReport {
  generatedAt: string;
  durationSeconds: number;
  machine: {
    node: string;
    platform: string;
    arch: string;
    cpus: number;
    cpuModel: string;
    totalMemoryBytes: number;
  };
  /** 1-minute load average at the start and the end of the run: other work on the machine shows in absolute times. */
  loadAverage: { start: number; end: number };
  lines: BenchLine[];
  /** Suites that failed to run, with the error; their lines are missing from `lines`. */
  failures: { suite: string; error: string }[];
}

export function machine(): BenchReport['machine'] {
  const list = cpus();
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    totalMemoryBytes: totalmem(),
  };
}

export function writeReport(path: string, report: BenchReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}

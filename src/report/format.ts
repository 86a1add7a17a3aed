// Number, time and money formatting shared by the markdown and the terminal renderers, so both
// say the same thing in the same words.

const en = new Intl.NumberFormat('en-US');

/** 5000000 → "5,000,000". */
export const formatCount = (n: number): string => en.format(Math.round(n));

/** Latency: "212.4 ms" below a second, "1.23 s" above. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${trimZeros((ms / 1000).toFixed(2))} s`;
  return `${trimZeros(ms.toFixed(ms >= 100 ? 0 : 1))} ms`;
}

/** A stage or wait duration: "850 ms", "42.3s", "4m05s", "1h02m". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${trimZeros(s.toFixed(1))}s`;
  const whole = Math.round(s);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const sec = whole % 60;
  return h > 0 ? `${h}h${pad2(m)}m` : `${m}m${pad2(sec)}s`;
}

const cents = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "$1,234.56". */
export const formatUsd = (n: number): string => `${n < 0 ? '-' : ''}$${cents.format(Math.abs(n))}`;

/** A unit price such as an hourly instance rate: "$0.0816". */
export const formatUnitPrice = (n: number): string => `$${trimZeros(n.toFixed(4))}`;

/** A 0..1 rate as a percentage: 0.0123 → "1.23 %". */
export const formatRate = (rate: number): string => `${trimZeros((rate * 100).toFixed(2))} %`;

/** A 0..100 percentage: 9.8 → "9.8 %". */
export const formatPercent = (percent: number): string => `${trimZeros(percent.toFixed(1))} %`;

/** A monthly volume for axis labels and prose: 47_300_000 → "47.3M". */
export function formatVolume(n: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (n >= size) return `${trimZeros((n / size).toFixed(n / size >= 100 ? 0 : 1))}${suffix}`;
  }
  return String(Math.round(n));
}

/** An ISO timestamp as "10:02:03Z" (tables) — the date is in the headline. */
export function formatClock(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(11, 19) + 'Z';
}

/** An ISO timestamp as "2025-12-01 10:02:03Z". */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 19).replace('T', ' ') + 'Z';
}

/** Milliseconds between two ISO timestamps, or undefined when either is missing or invalid. */
export function elapsedMs(from?: string, to?: string): number | undefined {
  if (!from || !to) return undefined;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** A number for mermaid data: plain decimal (the grammar has no exponent form), at most 2 decimals. */
export const plainNumber = (n: number): string => trimZeros((Number.isFinite(n) ? n : 0).toFixed(2));

/** Shortens text to `max` characters with an ellipsis. */
export const clip = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;

const trimZeros = (s: string): string => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);
const pad2 = (n: number): string => String(n).padStart(2, '0');

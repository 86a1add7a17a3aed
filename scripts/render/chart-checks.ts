// What makes a drawn chart unreadable, judged from its measured geometry (chart-probe.js): a
// title wider than the drawing (the svg clips it), x-axis labels that touch or overlap, a series
// whose colour barely differs from the background.

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DrawnText {
  text: string;
  box: Box;
}

export interface ChartGeometry {
  /** The svg's viewport: anything drawn outside it is clipped. */
  frame: Box;
  title: DrawnText | null;
  xLabels: DrawnText[];
  /** CSS colour of the chart's background rect, `rgb(r, g, b)`. */
  background: string;
  series: { kind: 'bar' | 'line'; colour: string; points: number }[];
}

export interface ReadabilityRules {
  /** WCAG 2.1 asks 3:1 for graphical objects (SC 1.4.11, non-text contrast). */
  minContrast: number;
  /** Least blank space between neighbouring x-axis labels, in CSS pixels. */
  minLabelGap: number;
}

export const READABLE: ReadabilityRules = { minContrast: 3, minLabelGap: 4 };

export function chartProblems(g: ChartGeometry, rules: ReadabilityRules = READABLE): string[] {
  const problems: string[] = [];
  if (!g.title) problems.push('no title drawn');
  else {
    const cut = overflow(g.title.box, g.frame);
    if (cut > 0.5) problems.push(`title "${g.title.text}" is clipped by ${px(cut)}`);
  }
  const labels = [...g.xLabels].sort((a, b) => a.box.x - b.box.x);
  for (const label of labels) {
    const cut = overflow(label.box, g.frame);
    if (cut > 0.5) problems.push(`x-axis label "${label.text}" is clipped by ${px(cut)}`);
  }
  for (const [i, label] of labels.entries()) {
    const next = labels[i + 1];
    if (!next) break;
    const gap = next.box.x - (label.box.x + label.box.width);
    if (gap < rules.minLabelGap)
      problems.push(
        gap < 0
          ? `x-axis labels "${label.text}" and "${next.text}" overlap by ${px(-gap)}`
          : `x-axis labels "${label.text}" and "${next.text}" are only ${px(gap)} apart`,
      );
  }
  for (const [i, s] of g.series.entries()) {
    const ratio = contrastRatio(s.colour, g.background);
    if (ratio < rules.minContrast)
      problems.push(
        `series ${i + 1} (${s.kind}, ${s.colour}) has contrast ${ratio.toFixed(2)}:1 against ${g.background}`,
      );
  }
  return problems;
}

/** How far (px) a box reaches outside the frame on its worst side; 0 when inside. */
function overflow(b: Box, frame: Box): number {
  return Math.max(
    0,
    frame.x - b.x,
    b.x + b.width - (frame.x + frame.width),
    frame.y - b.y,
    b.y + b.height - (frame.y + frame.height),
  );
}

/** WCAG 2.1 contrast ratio of two CSS colours (`rgb(…)`, `rgba(…)` or `#rrggbb`), 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function luminance(colour: string): number {
  const [r, g, b] = channels(colour).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function channels(colour: string): number[] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour.trim());
  if (hex) return hex.slice(1).map((h) => parseInt(h, 16));
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(colour.trim());
  if (rgb) return rgb.slice(1).map(Number);
  throw new Error(`not a colour this check reads: "${colour}"`);
}

const px = (n: number) => `${n.toFixed(1)} px`;

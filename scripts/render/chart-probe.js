/* global window, document, getComputedStyle, mermaid */
// Runs inside Chromium, after mermaid.min.js: parses charts with the real mermaid library, draws
// them, and measures what was drawn (in CSS pixels of the page, transforms applied), so checks on
// the Node side can ask whether a title is clipped, labels collide or a series is too pale.
// Plain browser JavaScript, loaded by path: a bundler's helpers never end up in the page.

let drawn = 0;

const box = (el) => {
  const r = el.getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
};

const texts = (svg, selector) =>
  [...svg.querySelectorAll(selector)].map((t) => ({ text: t.textContent ?? '', box: box(t) }));

/** Each plot of an xychart: bars (one rect per value) or a line (one path through every value). */
const series = (svg) =>
  [...svg.querySelectorAll('g.plot > g')].map((g) => {
    const bar = /^bar-plot/.test(g.getAttribute('class') ?? '');
    const marks = [...g.querySelectorAll(bar ? 'rect' : 'path')];
    const first = marks[0];
    const points = bar ? marks.length : ((first?.getAttribute('d') ?? '').match(/[ML]/g) ?? []).length;
    return {
      kind: bar ? 'bar' : 'line',
      colour: first ? getComputedStyle(first)[bar ? 'fill' : 'stroke'] : '',
      points,
    };
  });

function measure(svg) {
  const background = svg.querySelector('rect.background');
  return {
    frame: box(svg),
    title: texts(svg, 'g.chart-title text')[0] ?? null,
    xLabels: texts(svg, 'g.bottom-axis g.label text'),
    background: background ? getComputedStyle(background).fill : '',
    series: series(svg),
  };
}

window.chartProbe = {
  /** Parses each text with mermaid: null when it parses, else mermaid's error message. */
  async parse(sources) {
    mermaid.initialize({ startOnLoad: false });
    const errors = [];
    for (const source of sources) {
      try {
        await mermaid.parse(source);
        errors.push(null);
      } catch (err) {
        errors.push(String(err?.message ?? err));
      }
    }
    return errors;
  },

  /** Draws one chart in a box `width` px wide (GitHub's comment column) and measures it. */
  async draw(source, { theme, fontFamily, width }) {
    mermaid.initialize({
      startOnLoad: false,
      theme,
      ...(fontFamily ? { fontFamily, themeVariables: { fontFamily } } : {}),
    });
    const holder = document.createElement('div');
    holder.style.width = `${width}px`;
    document.body.append(holder);
    try {
      const { svg } = await mermaid.render(`chart${++drawn}`, source);
      holder.innerHTML = svg;
      return measure(holder.querySelector('svg'));
    } finally {
      holder.remove();
    }
  },

  /** Draws every `<pre data-mermaid>` in the page in place (the comment page). */
  async drawAll(theme) {
    mermaid.initialize({ startOnLoad: false, theme });
    for (const pre of [...document.querySelectorAll('pre[data-mermaid]')]) {
      const { svg } = await mermaid.render(`chart${++drawn}`, pre.textContent ?? '');
      const holder = document.createElement('div');
      holder.className = 'mermaid-chart';
      holder.innerHTML = svg;
      pre.replaceWith(holder);
    }
    return [...document.querySelectorAll('.mermaid-chart svg')].map(measure);
  },
};

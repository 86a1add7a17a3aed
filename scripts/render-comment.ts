// `npm run render:comment [-- <comment.md> [<out.png>]]`: the sticky PR comment as GitHub shows
// it, for the README. The markdown (default demo-output/comment.md, which `npm run demo` writes)
// becomes GitHub-flavoured HTML with GitHub's CSS (render/gfm.ts); its mermaid charts are drawn
// by the real mermaid library in Debian's headless Chromium (apt-get install -y chromium
// fonts-noto-color-emoji: the emoji font only matters for the picture), measured with the same
// checks as the chart tests, and the comment is screenshotted (default docs/pr-comment.png).
// Exit 1 when a chart is unreadable as drawn (the picture is still written, to look at).
import { writeFileSync, readFileSync } from 'node:fs';
import { launchChromium, mermaidPage } from './render/chromium.js';
import { chartProblems } from './render/chart-checks.js';
import { COMMENT_CONTENT_PX, commentPage } from './render/gfm.js';
import { chartProbe } from './render/probe.js';

const [input = 'demo-output/comment.md', output = 'docs/pr-comment.png'] = process.argv.slice(2);

const browser = await launchChromium();
try {
  const page = await mermaidPage(browser, COMMENT_CONTENT_PX + 100, commentPage(readFileSync(input, 'utf8')));
  // GitHub draws mermaid in the reader's colour mode; the picture is light mode.
  const charts = await chartProbe(page).drawAll('default');
  await page.evaluate('document.fonts.ready');
  const comment = await page.$('.comment');
  if (!comment) throw new Error('the comment page has no .comment element');
  writeFileSync(output, await comment.screenshot({ type: 'png' }));
  const problems = charts.flatMap((g) => chartProblems(g).map((p) => `${g.title?.text ?? 'chart'}: ${p}`));
  console.log(`${output}: ${input} with ${charts.length} chart(s) drawn by mermaid in Chromium`);
  for (const p of problems) console.error(`unreadable: ${p}`);
  process.exitCode = problems.length > 0 ? 1 : 0;
} finally {
  await browser.close();
}

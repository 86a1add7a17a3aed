// A PR comment's markdown as an HTML page that looks like the comment on GitHub: GitHub-flavoured
// markdown through marked (tables, task lists, autolinks and raw HTML such as <details> built in,
// typed, no plugins), GitHub's own markdown CSS (github-markdown-css, light), GitHub's alerts
// (`> [!CAUTION]`), and each mermaid block left as `<pre data-mermaid>` for the real mermaid
// library to draw in the page (chart-probe.js), as GitHub's viewer does.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Marked, type Tokens } from 'marked';

const require = createRequire(import.meta.url);
const GITHUB_CSS = require.resolve('github-markdown-css/github-markdown-light.css');

/** Content width of a comment in a pull request's conversation on a wide screen. */
export const COMMENT_CONTENT_PX = 780;

const ALERTS = { NOTE: 'Note', TIP: 'Tip', IMPORTANT: 'Important', WARNING: 'Warning', CAUTION: 'Caution' };

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const markdown = new Marked({
  gfm: true,
  renderer: {
    code({ text, lang }: Tokens.Code) {
      return lang === 'mermaid' ? `<pre data-mermaid>${escapeHtml(text)}</pre>\n` : false;
    },
    blockquote({ tokens }: Tokens.Blockquote) {
      const inner = this.parser.parse(tokens);
      const alert = /^<p>\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*/.exec(inner);
      if (!alert) return false;
      const kind = alert[1] as keyof typeof ALERTS;
      return (
        `<div class="markdown-alert markdown-alert-${kind.toLowerCase()}">` +
        `<p class="markdown-alert-title">${ALERTS[kind]}</p><p>${inner.slice(alert[0].length)}</div>\n`
      );
    },
  },
});

/** The whole page: a comment box (header, body) around the rendered markdown. */
export function commentPage(md: string, author = 'github-actions'): string {
  const body = markdown.parse(md, { async: false });
  return `<!doctype html>
<html><head><meta charset="utf-8">
<style>${readFileSync(GITHUB_CSS, 'utf8')}</style>
<style>
  body { margin: 0; padding: 16px; background: #ffffff; width: max-content; }
  .comment { width: ${COMMENT_CONTENT_PX + 32}px; border: 1px solid #d1d9e0; border-radius: 6px; }
  .comment-header {
    padding: 8px 16px; background: #f6f8fa; border-bottom: 1px solid #d1d9e0; border-radius: 6px 6px 0 0;
    color: #59636e; font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
  }
  .comment-header strong { color: #1f2328; }
  .comment-header .label { border: 1px solid #d1d9e0; border-radius: 2em; padding: 0 7px; font-size: 12px; }
  .markdown-body { padding: 16px; border-radius: 0 0 6px 6px; }
  .mermaid-chart { margin-bottom: 16px; text-align: center; }
  .mermaid-chart svg { display: inline-block; }
</style></head>
<body><div class="comment">
<div class="comment-header"><strong>${escapeHtml(author)}</strong> <span class="label">bot</span> commented</div>
<div class="markdown-body">${body}</div>
</div></body></html>`;
}

// Untrusted strings reach the PR comment: AWS error messages, stack events, probe answers, the
// reasons built from them. None may become a link, an image, a mention or HTML there.
import { describe, expect, it } from '@jest/globals';
import { COMMENT_LIMIT, commentMarker, renderMarkdown } from '../../src/report/markdown.js';
import { markdownProblems, rollbackFailedReport } from './report.fixture.js';

const HOSTILE = [
  '![x](https://evil.example/t.png)',
  '[approve](https://evil.example/approve)',
  '<img src=x onerror=alert(1)>',
  'see https://evil.example/phish and www.evil.example',
  '@octocat please merge',
  '[ref]: https://evil.example/ref',
];

/** The rendered text a reader sees as markdown: fenced blocks and code spans left out. */
function outsideCode(md: string): string {
  return md.replace(/(`{3,})[^\n]*\n[\s\S]*?\n\1/g, '').replace(/`[^`\n]*`/g, '');
}

describe('hostile strings in the report', () => {
  const r = rollbackFailedReport();
  const text = HOSTILE.join(' ');
  r.cutover!.steps[1]!.reason = text;
  r.cutover!.routeChanges[0]!.why = text;
  r.cutover!.rollback!.reason = text;
  r.smoke!.checks[0]!.actual = text;
  r.run.error = { code: 'RollbackFailed', message: text };
  const md = renderMarkdown(r, { limit: COMMENT_LIMIT, marker: commentMarker(r.run.stackName) });
  const prose = outsideCode(md);

  it('stays valid markdown', () => {
    expect(markdownProblems(md)).toEqual([]);
  });

  // Only the hostile strings are checked: the report's own links (the workflow run) are trusted.
  it.each([
    ['an image', '![x](https'],
    ['an inline link', '[approve](https'],
    ['a bare URL GitHub would link', 'https://evil.example'],
    ['a www. autolink', 'www.evil.example'],
    ['raw HTML', '<img'],
    ['a mention', '@octocat'],
  ])('never renders %s from an untrusted string', (_what, raw) => {
    expect(prose).not.toContain(raw);
  });

  it('never starts a link reference definition', () => {
    expect(prose).not.toMatch(/^\s*(>\s*)?\[ref\]:/m);
  });

  it('keeps the text readable', () => {
    expect(prose).toContain('\\[approve\\]');
    expect(prose).toContain('evil.example/phish');
  });
});

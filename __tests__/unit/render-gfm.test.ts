// The README picture's page: GitHub-flavoured markdown as GitHub renders a comment.
import { describe, expect, it } from '@jest/globals';
import { commentPage } from '../../scripts/render/gfm.js';
import { COMMENT_LIMIT, commentMarker, renderMarkdown } from '../../src/report/markdown.js';
import { rollbackFailedReport } from './report.fixture.js';

describe('commentPage', () => {
  const r = rollbackFailedReport();
  const page = commentPage(
    renderMarkdown(r, { limit: COMMENT_LIMIT, marker: commentMarker(r.run.stackName) }),
  );

  it('leaves each mermaid block for mermaid to draw in the page, its source intact', () => {
    expect(page.match(/<pre data-mermaid>/g)).toHaveLength(3);
    expect(page).toContain('<pre data-mermaid>%%{init: {"themeVariables"');
    // Escaped as HTML, so the page's text (what mermaid reads) is the source again.
    expect(page).toContain('  y-axis "ms" 0 --&gt; 1500\n');
    expect(page).not.toContain('language-mermaid');
  });

  it('renders tables, <details> and GitHub alerts as GitHub does', () => {
    expect(page).toContain('<table>');
    expect(page).toContain('<details><summary>');
    expect(page).toContain(
      '<div class="markdown-alert markdown-alert-caution"><p class="markdown-alert-title">Caution</p>',
    );
    expect(page).not.toContain('[!CAUTION]');
  });

  it('keeps the hidden marker hidden and sizes the comment to GitHub’s column', () => {
    expect(page).toContain('<!-- lmi-cutover:webhook-prod -->');
    expect(page).toContain('.comment { width: 812px;');
  });
});

// The report floor's front door for its readers: the model, the renderers and the JSON file.
// The builder, the one writer, is imported from builder.js by the code that runs the stages.
export * from './model.js';
export {
  renderMarkdown,
  renderMarkdownFitted,
  commentMarker,
  COMMENT_LIMIT,
  SUMMARY_LIMIT,
} from './markdown.js';
export type { MarkdownOptions, FittedMarkdown } from './markdown.js';
export { renderText, type TextOptions } from './text.js';
export { writeReportJson, readReportJson, ReportFileError, type WrittenReport } from './json.js';
export { reportSchema } from './schema.js';
export { consoleLinks, reportConsoleLinks, type ConsoleLinks } from './links.js';

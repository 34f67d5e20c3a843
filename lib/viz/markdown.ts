import { displayBundle } from './display';

/** Show markdown text (rendered by the front end; text/plain carries the source). */
export function showMarkdown(markdown: string): void {
  displayBundle({ 'text/markdown': markdown, 'text/plain': markdown });
}

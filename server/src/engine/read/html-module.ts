// The HTML reader and writer as one bundle of their own (server/out/readers/html.js),
// loaded by the language server the first time it meets a web page, so the
// editor's bundle does not carry parse5 for people who only edit text.
export { readHtml, type HtmlReading } from './html';
export { htmlEdits, applyOffsetEdits, type OffsetEdit } from '../write/html';

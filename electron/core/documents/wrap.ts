/**
 * Line breaking for the documents: greedy, on ordinary spaces only (a no-break space keeps
 * « 12 345 € » or « article 5 » together); a word wider than the line is cut where it must be.
 */

/** The width of a text at font size 1, in PDF points. */
export type Measure = (text: string) => number;

/** The lines of a paragraph at this size and width; hard line breaks in the text are kept. */
export function wrapText(text: string, measure: Measure, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    lines.push(...wrapParagraph(paragraph.replace(/\t/g, ' '), measure, size, maxWidth));
  }
  return lines;
}

function wrapParagraph(paragraph: string, measure: Measure, size: number, maxWidth: number): string[] {
  const words = paragraph.split(/ +/).filter((word) => word.length > 0);
  if (words.length === 0) return [''];
  const spaceWidth = measure(' ') * size;
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of words) {
    const wordWidth = measure(word) * size;
    if (line && lineWidth + spaceWidth + wordWidth <= maxWidth) {
      line += ` ${word}`;
      lineWidth += spaceWidth + wordWidth;
      continue;
    }
    if (line) lines.push(line);
    if (wordWidth <= maxWidth) {
      line = word;
      lineWidth = wordWidth;
      continue;
    }
    const pieces = cutWord(word, measure, size, maxWidth);
    lines.push(...pieces.slice(0, -1));
    line = pieces[pieces.length - 1];
    lineWidth = measure(line) * size;
  }
  lines.push(line);
  return lines;
}

// A code point at a time, so that no surrogate pair is split.
function cutWord(word: string, measure: Measure, size: number, maxWidth: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece && measure(piece + char) * size > maxWidth) {
      pieces.push(piece);
      piece = char;
    } else {
      piece += char;
    }
  }
  pieces.push(piece);
  return pieces;
}

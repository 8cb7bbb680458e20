/**
 * Reads the text lines out of an uncompressed PDF written by PDFKit with the standard fonts:
 * each `[<hex> kern <hex> …] TJ` operator is one line whose hex strings are WinAnsi bytes
 * (Latin-1 for the characters Spanish needs). Enough to check what a page says.
 */
export function pdfTextLines(pdf: Buffer): string[] {
  const source = pdf.toString('latin1');
  const lines: string[] = [];
  for (const match of source.matchAll(/\[([^[\]]*)\]\s*TJ/g)) {
    const parts = [...match[1].matchAll(/<([0-9a-f]*)>/g)].map((m) => Buffer.from(m[1], 'hex').toString('latin1'));
    lines.push(parts.join(''));
  }
  return lines;
}

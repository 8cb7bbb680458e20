/**
 * The printed frame shared by every official document: Letter pages, a header naming the
 * process and the document (Spanish, English beneath), a footer with "Página X de Y" and the
 * SHA-256 of the canonical JSON the PDF renders, plus the drawing helpers the documents use
 * (headings, key–value blocks, tables that break across pages, signature lines).
 *
 * Deterministic output: the creation date comes from the document's own timestamp and
 * PDFKit derives the file ID from the info dictionary, so the same document always yields the
 * same bytes. Only the 14 standard PDF fonts are used (WinAnsi covers Spanish), so nothing
 * depends on fonts installed on the machine.
 */
import PDFDocument from 'pdfkit';
import { joinBoth, type Bilingual } from '../../messages/catalog';
import { msg } from './document-labels';

export type Pdf = InstanceType<typeof PDFDocument>;

export interface FrameOptions {
  /** The document's title, printed in the header of every page. */
  title: Bilingual;
  processName: string;
  /** RFC 3339 instant: the PDF's CreationDate. */
  generatedAt: string;
  /** SHA-256 (hex) of the canonical JSON rendered; printed on every page. */
  documentHash: string;
  /** Compress page streams (default true); tests turn it off to search the text. */
  compress?: boolean;
}

const MARGIN_X = 50;
const HEADER_TOP = 28;
const BODY_TOP = 92;
const BODY_BOTTOM_GAP = 78;

export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', mono: 'Courier' } as const;
const GREY = '#555555';
const LIGHT = '#e8e8e8';

export function openFrame(options: FrameOptions): Pdf {
  return new PDFDocument({
    size: 'LETTER',
    margins: { top: BODY_TOP, bottom: BODY_BOTTOM_GAP, left: MARGIN_X, right: MARGIN_X },
    bufferPages: true,
    compress: options.compress ?? true,
    lang: 'es-MX',
    displayTitle: true,
    info: {
      Title: joinBoth(options.title),
      Author: 'Urna',
      Subject: options.processName,
      Keywords: `sha256:${options.documentHash}`,
      Creator: 'Urna',
      Producer: 'Urna (PDFKit)',
      CreationDate: new Date(options.generatedAt),
    },
  });
}

/** Writes header and footer on every page, then returns the finished PDF bytes. */
export function closeFrame(doc: Pdf, options: FrameOptions): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    drawHeader(doc, options);
    drawFooter(doc, options, i - range.start + 1, range.count);
  }
  doc.end();
  return done;
}

function drawHeader(doc: Pdf, o: FrameOptions): void {
  const width = doc.page.width - 2 * MARGIN_X;
  doc.font(FONT.bold).fontSize(8).fillColor('black').text(o.processName, MARGIN_X, HEADER_TOP, { width, lineBreak: true });
  doc.font(FONT.bold).fontSize(10).text(o.title.es, MARGIN_X, doc.y + 2, { width });
  doc.font(FONT.italic).fontSize(8).fillColor(GREY).text(o.title.en, MARGIN_X, doc.y, { width });
  const ruleY = BODY_TOP - 10;
  doc.moveTo(MARGIN_X, ruleY).lineTo(doc.page.width - MARGIN_X, ruleY).lineWidth(0.8).strokeColor('black').stroke();
  doc.fillColor('black');
}

function drawFooter(doc: Pdf, o: FrameOptions, page: number, pages: number): void {
  // The footer sits in the bottom margin; lift the margin while writing so PDFKit does not
  // take the text for an overflow and open a new page.
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  const width = doc.page.width - 2 * MARGIN_X;
  const top = doc.page.height - BODY_BOTTOM_GAP + 14;
  doc.moveTo(MARGIN_X, top).lineTo(doc.page.width - MARGIN_X, top).lineWidth(0.5).strokeColor(GREY).stroke();
  doc.font(FONT.regular).fontSize(7).fillColor(GREY);
  doc.text(`${msg.both('frame.hashLegend')}:`, MARGIN_X, top + 5, { width });
  doc.font(FONT.mono).fontSize(7.5).fillColor('black').text(o.documentHash, MARGIN_X, doc.y + 1, { width });
  const pageOf = msg.pair('frame.page', { page, pages });
  doc.font(FONT.bold).fontSize(8).text(pageOf.es, MARGIN_X, top + 5, { width, align: 'right' });
  doc.font(FONT.italic).fontSize(7).fillColor(GREY).text(pageOf.en, MARGIN_X, doc.y, { width, align: 'right' });
  doc.fillColor('black');
  doc.page.margins.bottom = bottom;
}

export function bodyWidth(doc: Pdf): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function bodyBottom(doc: Pdf): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` points still fit below the cursor. */
export function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > bodyBottom(doc)) doc.addPage();
}

/** Document title block on the first page; `basis` (the legal citation) is printed in Spanish. */
export function documentTitle(doc: Pdf, title: Bilingual, basis: string): void {
  const width = bodyWidth(doc);
  doc.font(FONT.bold).fontSize(15).fillColor('black').text(title.es, MARGIN_X, doc.y, { width, align: 'center' });
  doc.font(FONT.italic).fontSize(10).fillColor(GREY).text(title.en, { width, align: 'center' });
  doc.font(FONT.regular).fontSize(8).text(basis, { width, align: 'center' });
  doc.fillColor('black').moveDown(0.8);
}

/** Section heading: Spanish, then English in smaller grey italics. */
export function heading(doc: Pdf, text: Bilingual): void {
  ensureSpace(doc, 70);
  doc.moveDown(0.4);
  doc.font(FONT.bold).fontSize(11.5).fillColor('black').text(text.es, MARGIN_X, doc.y, { width: bodyWidth(doc) });
  doc.font(FONT.italic).fontSize(8).fillColor(GREY).text(text.en, { width: bodyWidth(doc) });
  doc.fillColor('black').moveDown(0.3);
}

export function paragraph(doc: Pdf, text: Bilingual): void {
  const width = bodyWidth(doc);
  ensureSpace(doc, 40);
  doc.font(FONT.regular).fontSize(9.5).fillColor('black').text(text.es, MARGIN_X, doc.y, { width, align: 'justify' });
  doc.font(FONT.italic).fontSize(8).fillColor(GREY).text(text.en, { width, align: 'justify' });
  doc.fillColor('black').moveDown(0.5);
}

/** A cell: Spanish text, optional English subtitle, optional monospace (for hashes and keys). */
export interface Cell {
  text: string;
  en?: string;
  mono?: boolean;
  bold?: boolean;
}

export interface Column {
  header: Cell;
  /** Share of the body width; the shares of a table add up to 1. */
  share: number;
  align?: 'left' | 'right' | 'center';
}

const PAD = 2.8;

function cellHeight(doc: Pdf, cell: Cell, width: number): number {
  setCellFont(doc, cell);
  let h = doc.heightOfString(cell.text || ' ', { width });
  if (cell.en) {
    doc.font(FONT.italic).fontSize(7);
    h += doc.heightOfString(cell.en, { width });
  }
  return h;
}

function setCellFont(doc: Pdf, cell: Cell): void {
  if (cell.mono) doc.font(FONT.mono).fontSize(7.5);
  else doc.font(cell.bold ? FONT.bold : FONT.regular).fontSize(8.2);
}

function drawRow(doc: Pdf, columns: Column[], cells: Cell[], y: number, height: number, fill?: string): void {
  const width = bodyWidth(doc);
  let x = MARGIN_X;
  columns.forEach((col, i) => {
    const w = col.share * width;
    if (fill) doc.rect(x, y, w, height).fill(fill);
    doc.rect(x, y, w, height).lineWidth(0.5).strokeColor('#777777').stroke();
    const cell = cells[i] ?? { text: '' };
    setCellFont(doc, cell);
    doc.fillColor('black').text(cell.text, x + PAD, y + PAD, { width: w - 2 * PAD, align: col.align ?? 'left' });
    if (cell.en) doc.font(FONT.italic).fontSize(7).fillColor(GREY).text(cell.en, x + PAD, doc.y, { width: w - 2 * PAD, align: col.align ?? 'left' });
    x += w;
  });
  doc.fillColor('black');
}

function rowHeight(doc: Pdf, columns: Column[], cells: Cell[]): number {
  const width = bodyWidth(doc);
  return Math.max(...columns.map((col, i) => cellHeight(doc, cells[i] ?? { text: '' }, col.share * width - 2 * PAD))) + 2 * PAD;
}

/** A ruled table; rows that do not fit go to the next page under a repeated header row.
 * `keepTogether` moves a short table whole to the next page instead of splitting it. */
export function table(doc: Pdf, columns: Column[], rows: Cell[][], options: { header?: boolean; keepTogether?: boolean } = {}): void {
  const withHeader = options.header ?? true;
  const headerCells = columns.map((c) => ({ ...c.header, bold: true }));
  const headerHeight = withHeader ? rowHeight(doc, columns, headerCells) : 0;
  if (options.keepTogether) ensureSpace(doc, headerHeight + rows.reduce((sum, cells) => sum + rowHeight(doc, columns, cells), 0));
  let y = doc.y;
  const startPage = (first: boolean) => {
    if (!first) {
      doc.addPage();
      y = doc.y;
    }
    if (withHeader) {
      drawRow(doc, columns, headerCells, y, headerHeight, LIGHT);
      y += headerHeight;
    }
  };
  const firstRow = rows.length > 0 ? rowHeight(doc, columns, rows[0]) : 0;
  if (y + headerHeight + firstRow > bodyBottom(doc)) startPage(false);
  else startPage(true);
  for (const cells of rows) {
    const h = rowHeight(doc, columns, cells);
    if (y + h > bodyBottom(doc)) startPage(false);
    drawRow(doc, columns, cells, y, h, cells.some((c) => c.bold) ? '#f4f4f4' : undefined);
    y += h;
  }
  doc.x = MARGIN_X;
  doc.y = y + 8;
}

/** Label (Spanish + English) → value pairs as a two-column table without header. */
export function keyValues(doc: Pdf, pairs: Array<[Bilingual, string | Cell]>): void {
  table(
    doc,
    [
      { header: { text: '' }, share: 0.34 },
      { header: { text: '' }, share: 0.66 },
    ],
    pairs.map(([label, value]) => [{ text: label.es, en: label.en, bold: true }, typeof value === 'string' ? { text: value } : value]),
    { header: false },
  );
}

/** Signature lines: one per person named, then `blank` unnamed lines for people who attend. */
export function signatureBlock(
  doc: Pdf,
  people: Array<{ name: string; role: string; roleEn?: string }>,
  blank: number,
  blankRole: Bilingual = msg.pair('signatures.blankRole'),
): void {
  heading(doc, msg.pair('signatures.heading'));
  const width = bodyWidth(doc);
  const colWidth = (width - 30) / 2;
  const entries = [...people, ...Array.from({ length: blank }, () => ({ name: '', role: blankRole.es, roleEn: blankRole.en }))];
  for (let i = 0; i < entries.length; i += 2) {
    ensureSpace(doc, 78);
    const top = doc.y + 34;
    let bottom = top;
    for (let j = 0; j < 2 && i + j < entries.length; j++) {
      const p = entries[i + j];
      const x = MARGIN_X + j * (colWidth + 30);
      doc.moveTo(x, top).lineTo(x + colWidth, top).lineWidth(0.6).strokeColor('black').stroke();
      doc.font(FONT.bold).fontSize(8.5).fillColor('black').text(p.name || ' ', x, top + 3, { width: colWidth, align: 'center' });
      doc.font(FONT.regular).fontSize(8).text(p.role, x, doc.y, { width: colWidth, align: 'center' });
      if (p.roleEn) doc.font(FONT.italic).fontSize(7).fillColor(GREY).text(p.roleEn, x, doc.y, { width: colWidth, align: 'center' });
      doc.fillColor('black');
      bottom = Math.max(bottom, doc.y);
    }
    doc.x = MARGIN_X;
    doc.y = bottom + 6;
  }
}

/** Monospace block for verbatim text such as a signed checkpoint note. */
export function verbatim(doc: Pdf, text: string): void {
  const width = bodyWidth(doc);
  doc.font(FONT.mono).fontSize(7.5);
  const h = doc.heightOfString(text, { width: width - 12 }) + 10;
  ensureSpace(doc, Math.min(h, 200));
  const y = doc.y;
  if (y + h <= bodyBottom(doc)) doc.rect(MARGIN_X, y, width, h).fill('#f6f6f6');
  doc.fillColor('black').text(text, MARGIN_X + 6, y + 5, { width: width - 12 });
  doc.x = MARGIN_X;
  doc.y = Math.max(doc.y, y + h) + 10;
}

import PDFDocument from 'pdfkit';

// The characters of WinAnsiEncoding above Latin-1: what pdfkit's built-in fonts can draw besides U+0020–U+00FF.
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const DRAWABLE = new RegExp(`^[\\n\\x20-\\x7e\\xa0-\\xff${WIN_ANSI_EXTRA}]*$`, 'u');
const NOT_DRAWABLE = new RegExp(`[^\\n\\x20-\\x7e\\xa0-\\xff${WIN_ANSI_EXTRA}]`, 'gu');

/**
 * Text as the built-in fonts (Helvetica and the like) can draw it. Their encoding is WinAnsi: pdfkit writes any other
 * character as a code the font does not have, so "Łukasz" or an emoji would come out as stray glyphs that a screen
 * reader reads as nonsense. An accented letter outside WinAnsi loses its accent ("ő" becomes "o"), whitespace becomes a
 * space, and anything else (another script, an emoji, a control character) becomes "?", so that nothing is dropped
 * without a mark.
 */
export function standardFontText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(NOT_DRAWABLE, (char) => {
      const plain = char.normalize('NFKD').replace(/\p{M}/gu, '');
      if (plain !== '' && DRAWABLE.test(plain)) return plain;
      return /\s/u.test(char) ? ' ' : '?';
    });
}

export interface PdfInfo {
  title: string;
  subject?: string;
  author?: string;
  keywords?: string;
}

type Doc = InstanceType<typeof PDFDocument>;

/**
 * A tagged A4 document (PDF/UA-style structure: the title shown in the window, the language, and headings and
 * paragraphs as structure elements), with its pages kept until the end so that each can be marked "page N of M".
 * `write` puts one block of text in the structure; `finish` draws each page's marks, as artifacts that a screen
 * reader skips, and resolves to the file.
 */
export function taggedPdf(info: PdfInfo, margin = 56) {
  const doc: Doc = new PDFDocument({
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    size: 'A4',
    margin,
    bufferPages: true,
    info: {
      Title: standardFontText(info.title),
      Author: standardFontText(info.author ?? 'Hearth'),
      ...(info.subject ? { Subject: standardFontText(info.subject) } : {}),
      ...(info.keywords ? { Keywords: standardFontText(info.keywords) } : {}),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);

  function write(text: string, structType: string, style: { font?: string; size?: number; colour?: string; gap?: number } = {}) {
    doc
      .font(style.font ?? 'Helvetica')
      .fontSize(style.size ?? 10)
      .fillColor(style.colour ?? '#0b0c0c');
    doc.text(standardFontText(text), { structParent: root, structType });
    doc.moveDown(style.gap ?? 0.4);
  }

  /** A bulleted list in the structure, in the body text's font. */
  function list(items: string[], gap = 0.6) {
    doc.font('Helvetica').fontSize(11).fillColor('#0b0c0c');
    doc.list(items.map(standardFontText), { structParent: root, bulletRadius: 2 });
    doc.moveDown(gap);
  }

  /** Starts a new page when less than `height` points are left, so that a heading is never left alone at the foot. */
  function keepTogether(height: number) {
    if (doc.y + height > doc.page.maxY()) doc.addPage();
  }

  /** Draws `marks` on every page (its header and footer), if there are any, then ends the file. */
  function finish(marks?: (page: number, pages: number) => { header: string; footer: string }): Promise<Buffer> {
    root.end();
    const { start, count } = doc.bufferedPageRange();
    for (let index = start; marks && index < start + count; index++) {
      doc.switchToPage(index);
      const { header, footer } = marks(index - start + 1, count);
      const page = doc.page;
      const bottom = page.margins.bottom;
      // Text below the bottom margin would start a new page; the footer is meant to sit there.
      page.margins.bottom = 0;
      doc.markContent('Artifact', { type: 'Pagination' });
      doc.font('Helvetica-Bold').fontSize(9).fillColor('#0b0c0c');
      const width = page.width - page.margins.left - page.margins.right;
      doc.text(standardFontText(header), page.margins.left, margin / 2 - 4, { width, align: 'center', lineBreak: false });
      doc.text(standardFontText(footer), page.margins.left, page.height - margin / 2 - 4, { width, align: 'center', lineBreak: false });
      doc.endMarkedContent();
      page.margins.bottom = bottom;
    }
    doc.end();
    return done;
  }

  return { doc, write, list, keepTogether, finish };
}

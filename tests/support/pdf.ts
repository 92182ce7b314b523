import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

// pdfjs draws text with the standard fonts; without their data it only warns, but the warning hides real problems.
const standardFontDataUrl = fileURLToPath(new URL('../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url));

export interface PdfText {
  /** The text of each page, its runs joined by spaces, as a reader of the file would find it. */
  pages: string[];
  title: unknown;
  language: unknown;
}

/** Reads a PDF back with pdfjs (as a browser's viewer would), so that a test checks what a person would read. */
export async function pdfText(bytes: Buffer | Uint8Array): Promise<PdfText> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      pages.push(
        content.items
          .map((item) => ('str' in item ? item.str : ''))
          .join(' ')
          .replace(/\s+/g, ' '),
      );
    }
    const { info } = (await pdf.getMetadata()) as unknown as { info: Record<string, unknown> };
    return { pages, title: info.Title, language: info.Language };
  } finally {
    await pdf.destroy();
  }
}

// Reading back what a PDF made with pdf-lib says, for tests of letters, receipts, invoices and data exports.
import { inflateSync } from 'node:zlib';

/**
 * The text a pdf-lib PDF draws: each stream taken by its /Length (compressed bytes may contain anything, even
 * "endstream"), inflated, and each hex string it shows (Tj) read as Latin-1.
 */
export function pdfText(pdf: Buffer): string {
  const out: string[] = [];
  const raw = pdf.toString('latin1');
  const head = /<<((?:[^<>]|<<[^<>]*>>)*)>>\s*stream\r?\n/g;
  for (let m = head.exec(raw); m; m = head.exec(raw)) {
    const length = /\/Length (\d+)/.exec(m[1]!);
    const start = m.index + m[0].length;
    const body = length ? raw.slice(start, start + Number(length[1])) : raw.slice(start, raw.indexOf('endstream', start));
    head.lastIndex = start + body.length;
    let content: string;
    try {
      content = inflateSync(Buffer.from(body, 'latin1')).toString('latin1');
    } catch {
      content = body;
    }
    for (const t of content.matchAll(/<([0-9A-Fa-f]+)> Tj/g)) out.push(Buffer.from(t[1]!, 'hex').toString('latin1'));
  }
  return out.join('\n');
}

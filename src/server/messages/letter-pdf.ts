// A letter as a PDF (A4, the clinic's name, date, subject and text), for the patient to keep or print.
import { PDFDocument, StandardFonts } from 'pdf-lib';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const SIZE = 11;
const LINE = 15;

/** Lines that fit the width, broken at spaces (a word longer than the line is cut). */
function wrap(text: string, width: number, measure: (s: string) => number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (measure(next) <= width) line = next;
      else {
        if (line) out.push(line);
        line = word;
        while (measure(line) > width) {
          let cut = line.length - 1;
          while (cut > 1 && measure(line.slice(0, cut)) > width) cut--;
          out.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      }
    }
    out.push(line);
  }
  return out;
}

/** Characters outside the standard font's WinAnsi set (emoji and the like) become '?', rather than failing the letter. */
const printable = (s: string) => s.replace(/[^\u0020-\u007e\u00a0-\u00ff\n€–—‘’“”•…]/g, '?');

export async function letterPdf(letter: { clinicName: string; patientName: string | null; date: string; subject: string; body: string }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(printable(letter.subject));
  doc.setProducer('Nettlege');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const width = A4[0] - 2 * MARGIN;
  let page = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const write = (text: string, f = font, size = SIZE) => {
    for (const line of wrap(printable(text), width, (s) => f.widthOfTextAtSize(s, size))) {
      if (y < MARGIN) {
        page = doc.addPage(A4);
        y = A4[1] - MARGIN;
      }
      page.drawText(line, { x: MARGIN, y, size, font: f });
      y -= LINE;
    }
  };
  write(letter.clinicName, bold, 13);
  write(letter.date);
  if (letter.patientName) write(`Til: ${letter.patientName}`);
  y -= LINE;
  write(letter.subject, bold, 14);
  y -= LINE / 2;
  write(letter.body);
  return doc.save();
}

// Attachments to a health question through the real HTTP layer, PostgreSQL and file store: a PDF kept as it is, a
// JPEG re-encoded without its EXIF (GPS, camera), anything else refused by its content whatever its name or type,
// at most five, and only on health questions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { json, logInEveryone, startThread, type Cast } from './test-support.ts';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

async function photoWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#c04040' } })
    .withExif({ IFD0: { Make: 'TestPhone', Artist: 'Ola Hansen' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '60/1 23/1 0/1' } })
    .jpeg()
    .toBuffer();
}

describe('attachments to a health question', () => {
  let server: TestServer;
  let c: Cast;
  let threadId = '';
  const upload = async (body: Buffer, type: string, id = threadId) => json(await c.b.ola.fetch(`/api/threads/${id}/attachments`, { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': type } }));

  beforeAll(async () => {
    server = await startTestServer();
    c = await logInEveryone(server);
    threadId = (await startThread(c.b.ola, { kind: 'clinical', clinicId: c.fjordbyen, subject: 'Føflekk', body: 'Se bildet og prøvesvaret.' })).body.thread.id;
  });
  afterAll(async () => server?.stop());

  it('takes a PDF as it is and a JPEG re-encoded without its metadata', async () => {
    const doc = await upload(pdf, 'application/pdf');
    expect(doc.status).toBe(201);
    expect(doc.body).toMatchObject({ contentType: 'application/pdf', bytes: pdf.length });
    const back = await c.b.ola.fetch(`/api/threads/${threadId}/attachments/${doc.body.id}`);
    expect(back.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await back.arrayBuffer()).equals(pdf)).toBe(true);

    const original = await photoWithExif();
    expect((await sharp(original).metadata()).exif?.toString('latin1')).toContain('TestPhone');
    const photo = await upload(original, 'image/jpeg');
    expect(photo.status).toBe(201);
    expect(photo.body.contentType).toBe('image/jpeg');
    const stored = Buffer.from(await (await c.b.per.fetch(`/api/staff/threads/${threadId}/attachments/${photo.body.id}`)).arrayBuffer());
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 64, height: 48 });
    expect(meta.exif).toBeUndefined();
    expect(stored.includes('TestPhone')).toBe(false);

    const detail = await json(await c.b.ola.fetch(`/api/threads/${threadId}`));
    expect(detail.body.attachments.map((a: { contentType: string }) => a.contentType)).toEqual(['application/pdf', 'image/jpeg']);
    const audit = await server.database.owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE subject_person_id = $1 AND action = 'messages.clinical.attachment'`, [c.ids.ola]);
    expect(audit.rows[0].n).toBe(1);
  });

  it('refuses a file by its content, whatever it is called or claims to be', async () => {
    const renamed = await upload(Buffer.from('MZ\x90\x00 this is a program, not a picture'), 'image/jpeg');
    expect(renamed.status).toBe(415);
    expect(renamed.body.type).toMatch(/message-attachment-type$/);
    const text = await upload(Buffer.from('Bare tekst, kalt rapport.pdf'), 'application/pdf');
    expect(text.status).toBe(415);
    const gif = await upload(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'image/gif');
    expect(gif.status).toBe(415);
    const broken = await upload(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]), 'image/jpeg');
    expect(broken.status).toBe(400);
    const tooBig = await upload(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 1)]), 'application/pdf');
    expect(tooBig.status).toBe(413);
    const rows = await server.database.owner.query(`SELECT count(*)::int AS n, max(attachment_count) AS counted FROM thread_attachments a JOIN message_threads t ON t.id = a.thread_id WHERE t.id = $1`, [threadId]);
    expect(rows.rows[0]).toEqual({ n: 2, counted: 2 });
  });

  it('takes at most five per thread, and none on an administrative question', async () => {
    for (let i = 0; i < 3; i++) expect((await upload(pdf, 'application/pdf')).status).toBe(201);
    const sixth = await upload(pdf, 'application/pdf');
    expect(sixth.status).toBe(409);
    expect(sixth.body.type).toMatch(/message-attachment-limit$/);
    const admin = await startThread(c.b.ola, { kind: 'admin', clinicId: c.fjordbyen, subject: 'Kvittering', body: 'Trenger kvittering.' });
    expect((await upload(pdf, 'application/pdf', admin.body.thread.id)).status).toBe(409);
  });
});

// The demo messages: seeded once (a second run adds nothing), and Ola Hansen finds the letter and the answered question.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { demoPerson } from '../../../test/people.ts';
import { seedMessagesDemo } from '../demo/seed-messages.ts';
import type { InboxThread } from './api.ts';

describe('demo messages', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  it('give Ola Hansen a letter and an answered question, once', async () => {
    await seedMessagesDemo(server.database.db);
    await seedMessagesDemo(server.database.db);
    const ola = await demoPerson(server.database.owner, 'Ola Hansen');
    const b = new Browser(server.url);
    await b.login(ola.nationalId);
    const threads = (await (await b.fetch('/api/inbox')).json()).threads as InboxThread[];
    expect(threads.map((t) => [t.kind, t.subject, t.status, t.unread])).toEqual([
      ['letter', 'Innkalling til årlig kontroll', 'answered', true],
      ['admin', 'Ny adresse', 'answered', true],
    ]);
  });
});

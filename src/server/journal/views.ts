// Journal notes as the API shows them: the newest version of each chain, with the earlier ones.
import type { JournalNote, JournalVersion } from '../../shared/journal-api.ts';
import type { NoteRow } from './store.ts';

const iso = (d: Date | string) => new Date(d).toISOString();

const versionView = (r: NoteRow): JournalVersion => ({ id: r.id, version: r.version, title: r.title, body: r.body, createdAt: iso(r.created_at), authorName: r.author_name });

/** One chain (an original and its corrections, oldest first). */
export function noteView(chain: NoteRow[]): JournalNote {
  const current = chain.at(-1)!;
  return {
    ...versionView(current),
    sourceKind: current.source_kind,
    firstWrittenAt: iso(chain[0]!.created_at),
    authorProfession: current.author_profession,
    clinicName: current.clinic_name,
    earlier: chain.slice(0, -1).reverse().map(versionView),
  };
}

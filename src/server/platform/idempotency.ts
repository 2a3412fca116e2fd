// Idempotency-Key handling: the first request with a key runs; a repeat (same person, same key) gets its stored result.
import { createHash } from 'node:crypto';
import { sql, type CompiledQuery, type RawBuilder } from 'kysely';
import { retryingTransaction, type Db, type Tx } from './db/database.ts';
import { DomainError } from './http/errors.ts';

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

export function requestHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url');
}

/**
 * Runs `work` in one transaction that first claims the key. A concurrent repeat waits on the key's unique index
 * until the first commits, then replays its answer; if the first failed and rolled back, the repeat runs afresh.
 * `claim.answer`: the answer `work` is expected to return (that very object), stored with the claim to spare a
 * write at the end, when the transaction may hold locks others wait for; any other answer is stored after `work`.
 */
export async function idempotent<T>(
  db: Db,
  claim: { personId: string; scope: string; key: string | undefined; request: unknown; answer?: { status: number; body: T } | undefined },
  work: (tx: Tx) => Promise<{ status: number; body: T }>,
): Promise<IdempotentResult<T>> {
  if (!claim.key) {
    const r = await retryingTransaction(db, work);
    return { ...r, replayed: false };
  }
  const key = checkedKey(claim.key);
  const hash = requestHash(claim.request);
  return retryingTransaction(db, async (tx) => {
    const claimed = await tx
      .insertInto('idempotency_keys')
      .values(claimRow(claim, key, hash))
      .onConflict((oc) => oc.columns(['person_id', 'scope', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!claimed) {
      const earlier = await tx
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('person_id', '=', claim.personId)
        .where('scope', '=', claim.scope)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      if (earlier.request_hash !== hash) throw new DomainError('conflict', 'problem.idempotency-key-reused');
      return { status: earlier.status_code ?? 200, body: earlier.response as T, replayed: true };
    }
    const result = await work(tx);
    if (result === claim.answer) return { ...result, replayed: false };
    await tx
      .updateTable('idempotency_keys')
      .set({ status_code: result.status, response: JSON.stringify(result.body) })
      .where('person_id', '=', claim.personId)
      .where('scope', '=', claim.scope)
      .where('key', '=', key)
      .execute();
    return { ...result, replayed: false };
  });
}

/**
 * The statement that claims a key together with its answer, for a caller that runs it in its own transaction (a
 * pipeline) when it knows the answer beforehand. A key used before makes it fail (isKeyTaken): the caller then goes
 * through `idempotent`, which replays. Undefined without a key.
 */
export function keyClaimStatement<T>(db: Db, claim: { personId: string; scope: string; key: string | undefined; request: unknown; answer: { status: number; body: T } }): CompiledQuery | undefined {
  if (!claim.key) return undefined;
  const key = checkedKey(claim.key);
  return db.insertInto('idempotency_keys').values(claimRow(claim, key, requestHash(claim.request))).compile();
}

/** The error of a key claimed before (keyClaimStatement's statement). */
export const isKeyTaken = (err: unknown) => (err as { code?: string; table?: string }).code === '23505' && (err as { table?: string }).table === 'idempotency_keys';

function checkedKey(key: string): string {
  if (key.length < 8 || key.length > 200) throw new DomainError('invalid', 'problem.idempotency-key');
  return key;
}

function claimRow(claim: { personId: string; scope: string; answer?: { status: number; body: unknown } | undefined }, key: string, hash: string) {
  return { person_id: claim.personId, scope: claim.scope, key, request_hash: hash, status_code: claim.answer?.status ?? null, response: claim.answer ? JSON.stringify(claim.answer.body) : null };
}

/** Whether the person has used this key in this scope (committed), as an expression to fold into another query. */
export function keyUsedExpression(personId: string, scope: string, key: string): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM idempotency_keys WHERE person_id = ${personId} AND scope = ${scope} AND key = ${key})`;
}

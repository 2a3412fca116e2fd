// HTTP for the clinic admin: the account invoices are paid to (kontonummer), shown on every invoice. A Norwegian account
// number is 11 digits whose last is a MOD11 check digit (the same weights as a MOD11 KID); written with or without the
// usual dots and spaces, stored as digits. Null: the clinic sends no invoices.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../platform/db/database.ts';
import { Invalid } from '../platform/http/errors.ts';
import { CLINIC_ADMIN } from '../platform/http/clinic-admin.ts';
import { isValidKid } from './kid.ts';

const account = { type: 'object', properties: { bankAccount: { type: ['string', 'null'] } } } as const;

/** The account as 11 digits, or undefined when it is no valid Norwegian account number. */
export function accountDigits(text: string): string | undefined {
  const digits = text.replace(/[\s.]/g, '');
  return /^[0-9]{11}$/.test(digits) && isValidKid(digits, 'mod11') ? digits : undefined;
}

export async function bankAccountRoutes(app: FastifyInstance, opts: { db: Db }): Promise<void> {
  const { db } = opts;
  const accountOf = async (clinicId: string) => ({ bankAccount: (await db.selectFrom('clinics').select('bank_account').where('id', '=', clinicId).executeTakeFirstOrThrow()).bank_account });

  app.get('/api/admin/clinic/bank-account', { config: CLINIC_ADMIN, schema: { response: { 200: account } } }, async (req) => accountOf(req.session!.clinicId!));

  app.put<{ Body: { bankAccount: string | null } }>(
    '/api/admin/clinic/bank-account',
    {
      config: CLINIC_ADMIN,
      schema: {
        body: { type: 'object', additionalProperties: false, required: ['bankAccount'], properties: { bankAccount: { type: ['string', 'null'], maxLength: 20 } } },
        response: { 200: account },
      },
    },
    async (req) => {
      const clinicId = req.session!.clinicId!;
      const text = req.body.bankAccount?.trim() ?? '';
      const digits = text === '' ? null : accountDigits(text);
      if (digits === undefined) throw Invalid('problem.bank-account-invalid');
      await db.updateTable('clinics').set({ bank_account: digits }).where('id', '=', clinicId).execute();
      req.log.info({ clinicId }, 'invoice account changed');
      return accountOf(clinicId);
    },
  );
}

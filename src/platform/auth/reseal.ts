import type { Config } from '../../config.js';
import { systemActor, type AuditLog } from '../audit.js';
import { seal, unseal } from '../crypto.js';
import type { Db } from '../db/database.js';

/**
 * After HEARTH_SECRET changes (with the old one in HEARTH_PREVIOUS_SECRETS), seals every two-factor secret again with
 * the new one, so that the old secret can then be dropped. Returns how many were sealed again.
 */
export async function resealTwoFactorSecrets(db: Db, config: Config, audit: AuditLog): Promise<number> {
  const keys = [config.secret, ...config.previousSecrets];
  const rows = await db.selectFrom('users').select(['id', 'totp_secret']).where('totp_secret', 'is not', null).execute();
  await db.transaction().execute(async (trx) => {
    for (const row of rows) {
      await trx
        .updateTable('users')
        .set({ totp_secret: seal(config.secret, unseal(keys, row.totp_secret!)) })
        .where('id', '=', row.id)
        .execute();
    }
    await audit.record(
      { actor: systemActor('hearth reseal'), action: 'secrets.resealed', details: { twoFactorSecrets: rows.length } },
      trx,
    );
  });
  return rows.length;
}

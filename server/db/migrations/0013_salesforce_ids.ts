import type { Kysely } from 'kysely';

/*
 * Salesforce user ids are kept in their 18-character form (what the REST API returns), so a
 * mapping entered as the 15-character id from the Salesforce UI matches the OwnerId of records.
 * The conversion is repeated here rather than imported: a shipped migration must not change
 * when application code does. Shipped: never edit it, add the next one.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

function to18(id: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id.charAt(chunk * 5 + i);
      if (ch >= 'A' && ch <= 'Z') bits |= 1 << i;
    }
    suffix += ALPHABET.charAt(bits);
  }
  return id + suffix;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const users = db as unknown as Kysely<{ users: { id: string; salesforce_user_id: string | null } }>;
  const rows = await users.selectFrom('users').select(['id', 'salesforce_user_id']).where('salesforce_user_id', 'is not', null).execute();
  for (const row of rows) {
    const id = row.salesforce_user_id ?? '';
    // 18-character ids are left as they are (the suffix is case-insensitive; Salesforce accepts both).
    const fixed = /^[a-zA-Z0-9]{15}$/.test(id)
      ? to18(id)
      : /^[a-zA-Z0-9]{18}$/.test(id)
        ? id.slice(0, 15) + id.slice(15).toUpperCase()
        : id;
    if (fixed !== id) await users.updateTable('users').set({ salesforce_user_id: fixed }).where('id', '=', row.id).execute();
  }
}

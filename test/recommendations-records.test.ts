import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DatabaseHandle } from '../server/db/database';
import { createContentStore, type ContentStore } from '../server/content/store';
import { createCandidateRecords } from '../server/recommendations/records';
import { sentences } from '../server/embeddings/embedder';
import { databases, freshPostgresSchema } from './support/hub';
import { seedItems, seedPeople } from './support/factories';

/**
 * The deal panel keeps its candidates' records between views and reads a full row again only
 * when the database holds another version or last change for it (every change through the write
 * path bumps both), so a panel never shows an item as it no longer is.
 */
describe.each(databases())('deal panel candidate records on $name', ({ url }) => {
  let handle: DatabaseHandle;
  let store: ContentStore;
  let drop: (() => Promise<void>) | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-candidates-'));
  const ids = ['item-0', 'item-1', 'item-2', 'item-3'];

  beforeAll(async () => {
    const schema = url ? await freshPostgresSchema(url, `candidates_${crypto.randomBytes(4).toString('hex')}`) : null;
    drop = schema?.drop;
    handle = await openDatabase(schema ? { kind: 'postgres', url: schema.url } : { kind: 'sqlite', file: path.join(dir, 'hub.sqlite') });
    await seedPeople(handle.db, { count: 100, authors: 100, leaders: 0, teams: 1 });
    await seedItems(handle.db, { count: 4, authors: 100 });
    store = createContentStore(handle.db);
  });
  afterAll(async () => {
    await handle.close();
    await drop?.();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('when the same candidates come again, then only the changed one is read in full, and an unknown id is absent', async () => {
    const getMany = jest.spyOn(store, 'getMany');
    const current = createCandidateRecords({ db: handle.db, store });
    const first = await current([...ids, 'no-such-item']);
    expect([...first.keys()].sort()).toEqual(ids);
    expect(getMany).toHaveBeenCalledTimes(1);
    expect((await current(ids)).get('item-1')?.record).toBe(first.get('item-1')?.record);
    expect(getMany).toHaveBeenCalledTimes(1);

    const before = first.get('item-1')!.record;
    const body = '## Deal snapshot\nAccount: Harborview Credit Union\n\nThe works council had a veto on any monitoring tool.';
    const after = { ...before, body, version: before.version + 1, updatedAt: new Date(Date.now() + 1000).toISOString() };
    await handle.db.transaction().execute((trx) => store.update(trx, after, before.version, false));
    const next = await current(ids);
    expect(getMany).toHaveBeenCalledTimes(2);
    expect(getMany.mock.calls[1]![0]).toEqual(['item-1']);
    const changed = next.get('item-1')!;
    expect(changed.record.body).toBe(body);
    expect(changed.lowerBody).toBe(body.toLowerCase());
    // A heading stays its own line: it never runs into the sentence after it.
    expect(changed.plainBody).toBe('Deal snapshot\nAccount: Harborview Credit Union\nThe works council had a veto on any monitoring tool.');
    expect(sentences(changed.plainBody)).toEqual([
      'Account: Harborview Credit Union',
      'The works council had a veto on any monitoring tool.',
    ]);
    getMany.mockRestore();
  });
});

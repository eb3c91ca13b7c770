import { openDatabase, type DatabaseHandle } from '../server/db/database';
import { createFlowFacts } from '../server/flow/facts';
import { createSearchLog, normaliseQuery } from '../server/flow/searchLog';

const entry = (q: string, hitIds: string[]) => ({
  actorId: 'rep-1',
  actorRole: 'rep',
  q,
  filters: { competitors: ['Snowcrest'], products: [] },
  total: hitIds.length,
  hitIds,
});

describe('search log buffering', () => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await openDatabase({ kind: 'sqlite', file: ':memory:' });
  });
  afterEach(() => handle.close());

  const logged = () => handle.db.selectFrom('search_log').selectAll().orderBy('id').execute();

  it('when a query has odd spacing and case, then it is normalised', () => {
    expect(normaliseQuery('  Snowcrest \t  PRICING\n')).toBe('snowcrest pricing');
  });

  it('when entries are recorded, then nothing is written until the batch is flushed', async () => {
    const log = createSearchLog({ db: handle.db, flushEveryMs: 60_000, maxBuffer: 100, clock: () => new Date('2026-02-01T10:00:00Z') });
    log.record(entry('Snowcrest', ['a', 'b']));
    log.record(entry('snowcrest ', ['b']));
    expect(await logged()).toEqual([]);
    await log.flush();
    const rows = await logged();
    expect(rows.map((r) => [r.query, r.total, r.filters, r.at, r.click_deadline])).toEqual([
      ['snowcrest', 2, '{"competitors":["Snowcrest"]}', '2026-02-01T10:00:00.000Z', '2026-02-01T10:10:00.000Z'],
      ['snowcrest', 1, '{"competitors":["Snowcrest"]}', '2026-02-01T10:00:00.000Z', '2026-02-01T10:10:00.000Z'],
    ]);
    // The per-item counters are folded from the log when a report refreshes the flow facts.
    expect(await handle.db.selectFrom('content_search_hits').selectAll().execute()).toEqual([]);
    await createFlowFacts({ db: handle.db, dialect: 'sqlite', clock: () => new Date('2026-02-01T11:00:00Z') }).refresh();
    const hits = await handle.db.selectFrom('content_search_hits').select(['content_id', 'times_returned']).orderBy('content_id').execute();
    expect(hits).toEqual([
      { content_id: 'a', times_returned: 1 },
      { content_id: 'b', times_returned: 2 },
    ]);
    await log.stop();
  });

  it('when the buffer fills up, then it flushes on its own, and stop writes the rest', async () => {
    const log = createSearchLog({ db: handle.db, flushEveryMs: 60_000, maxBuffer: 3 });
    for (let i = 0; i < 3; i++) log.record(entry(`q${i}`, [`item-${i % 2}`]));
    await new Promise((r) => setTimeout(r, 50));
    expect((await logged()).length).toBe(3);
    // The fourth waits in memory for the next flush.
    log.record(entry('q3', ['item-1']));
    await new Promise((r) => setTimeout(r, 50));
    expect((await logged()).length).toBe(3);
    await log.stop();
    expect((await logged()).map((r) => r.query)).toEqual(['q0', 'q1', 'q2', 'q3']);
    // Incremental counters equal a recount of the logged hit ids: item-0 twice, item-1 twice.
    await createFlowFacts({ db: handle.db, dialect: 'sqlite', clock: () => new Date(Date.now() + 60_000) }).refresh();
    const hits = await handle.db.selectFrom('content_search_hits').select(['content_id', 'times_returned']).orderBy('content_id').execute();
    expect(hits).toEqual([
      { content_id: 'item-0', times_returned: 2 },
      { content_id: 'item-1', times_returned: 2 },
    ]);
  });

  it('when the timer fires, then the buffer is written without an explicit flush', async () => {
    const log = createSearchLog({ db: handle.db, flushEveryMs: 20 });
    log.record(entry('timer', []));
    await new Promise((r) => setTimeout(r, 120));
    expect((await logged()).map((r) => r.query)).toEqual(['timer']);
    await log.stop();
  });
});

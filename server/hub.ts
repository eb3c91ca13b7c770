import path from 'node:path';
import type { SearchRuntime } from './search/runtime';
import type { Embedder } from './embeddings/embedder';
import type { DocumentSource, OutboxRelay } from './search/relay';
import type { ContentSearchDocument } from './content/searchDocument';
import type { ContentService } from './content/service';
import type { ContentStore } from './content/store';
import { wireContent } from './content/wiring';
import type { SalesforceSync } from './opportunities/salesforce/sync';
import type { SalesforceWriteBack } from './opportunities/salesforce/writeBack';
import type { OpportunityService } from './opportunities/service';
import { wireCrm } from './opportunities/wiring';
import { outboxDepth } from './search/reindexJob';
import { openHubSearch, wireSearchAdmin, wireSearchService } from './search/wiring';
import type { SearchService } from './search/service';
import type { SearchLog } from './flow/searchLog';
import type { Config } from './config';
import { createApp } from './app';
import { createAuthService, type AuthService } from './auth/service';
import { hashToken } from './auth/store';
import { authRoutes } from './auth/routes';
import { auditRoutes } from './audit/routes';
import { contentRoutes, workflowRoutes } from './content/routes';
import { openDatabase, type DatabaseHandle } from './db/database';
import { makeDataDirPrivate } from './ops/dataDir';
import { databaseRateLimitStore } from './http/rateLimitStore';
import { createMetrics, metricsHandler, type HubMetrics } from './ops/metrics';
import type { RouteDef } from './http/route';
import { healthRoute } from './ops/health';
import { startHousekeeping } from './ops/housekeeping';
import { createLogger, type Logger } from './log';
import { actorOf } from './auth/service';
import { createReadPolicy } from './auth/readPolicy';
import { createLocalCrm, type LocalCrm } from './opportunities/local';
import { crmSyncRoutes, opportunityRoutes } from './opportunities/routes';
import type { CrmPort } from './opportunities/schema';
import { eventRoutes } from './events/routes';
import { attachmentRoutes } from './attachments/routes';
import { createAttachmentService } from './attachments/service';
import { shareRoutes } from './shares/routes';
import { createShareService } from './shares/service';
import { toSalesforceId18 } from './opportunities/salesforce/ids';
import { createEventService, type EventService } from './events/service';
import { recommendationRoutes } from './recommendations/routes';
import { createRecommendationService, type RecommendationService } from './recommendations/service';
import { searchAdminRoutes } from './search/adminRoutes';
import { winLossRoutes } from './winloss/routes';
import { createWinLossService } from './winloss/service';
import { taxonomyRoutes } from './taxonomies/routes';
import { createTaxonomyService } from './taxonomies/service';
import { createFacetProposals } from './taxonomies/proposals';
import { searchRoutes } from './search/routes';
import { creditRoutes } from './credits/routes';
import { createCreditService, type CreditService } from './credits/service';
import { openCheckpointLog, type CheckpointLog } from './credits/checkpoints';
import { createFlowService, type FlowService } from './flow/service';
import { flowRoutes } from './flow/routes';
import { notificationRoutes } from './notifications/routes';
import { createNotificationService, type NotificationService } from './notifications/service';

export interface Hub {
  config: Config;
  app: ReturnType<typeof createApp>;
  db: DatabaseHandle;
  search: SearchRuntime;
  relay: OutboxRelay<ContentSearchDocument>;
  logger: Logger;
  auth: AuthService;
  content: ContentService;
  contentStore: ContentStore;
  searchService: SearchService;
  localCrm: LocalCrm;
  opportunities: OpportunityService;
  events: EventService;
  recommendations: RecommendationService;
  documentSource: DocumentSource<ContentSearchDocument>;
  /** Vectors for hybrid search and situational matching; null when HUB_EMBEDDER=off. */
  embedder: Embedder | null;
  credits: CreditService;
  /** Buffered search log for content gaps (tests flush it by hand). */
  searchLog: SearchLog;
  flow: FlowService;
  metrics: HubMetrics;
  notifications: NotificationService;
  /** With Salesforce configured: the incremental sync and the Knowledge_Link__c write-back. */
  crmSync?: SalesforceSync;
  crmWriteBack?: SalesforceWriteBack;
  close(): Promise<void>;
}

export interface HubOptions {
  logger?: Logger;
  /** An already running search runtime (tests share one Meilisearch across files). */
  search?: SearchRuntime;
  validateResponses?: boolean;
  /** Replaces the configured embedder (tests); null: keyword search only. */
  embedder?: Embedder | null;
  /** Start the background relay (off in tests that want to drive it by hand). */
  startRelay?: boolean;
  extraRoutes?: (hub: Omit<Hub, 'app' | 'close'>) => RouteDef[];
  /** Node process metrics (CPU, memory, event loop) in /metrics: for the hub process itself, not tests. */
  processMetrics?: boolean;
  /** Another CRM adapter (Salesforce); the embedded one is used otherwise. */
  crm?: (local: LocalCrm) => CrmPort;
}

/**
 * The composition root: config → database → search → services → app.
 * `server/main.ts` adds listening, signals and demo data; tests call this directly.
 */
export async function buildHub(config: Config, options: HubOptions = {}): Promise<Hub> {
  const logger = options.logger ?? createLogger(config.logLevel);
  makeDataDirPrivate(config.dataDir);
  const db = await openDatabase(config.database);
  const { search, embedder } = await openHubSearch({ config, db: db.db, logger, search: options.search, embedder: options.embedder }).catch(
    async (err: unknown) => {
      await db.close();
      throw err;
    },
  );
  /** A start that fails after the engine is open closes what it opened (a handed-in engine is the caller's). */
  const failStart = async (err: unknown): Promise<never> => {
    if (!options.search) await search.close();
    await db.close();
    throw err;
  };

  const metrics = createMetrics(
    {
      outbox: () => outboxDepth(db.db),
      engineRestarts: () => search.engine?.restarts() ?? 0,
      engineState: () => search.engineState(),
    },
    { processMetrics: options.processMetrics },
  );

  if (config.allowUnsignedProxyUser) {
    // Said at every start, loudly: this setting hands anyone holding the integration token every mapped user.
    logger.warn(
      'HUB_ALLOW_UNSIGNED_PROXY_USER=true: the integration token acts for whichever Salesforce user X-Salesforce-User-Id names, with no signed assertion. Local development only; never in production (configure HUB_PROXY_ASSERTION_CERT instead).',
    );
  }
  const auth = createAuthService({
    db: db.db,
    adminTokenHash: config.adminToken ? hashToken(config.adminToken) : undefined,
    proxyAssertion: config.proxyAssertion,
    allowUnsignedProxyUser: config.allowUnsignedProxyUser,
    identityCacheMs: config.http.accessCacheMs,
  });
  await auth.ensureBootstrapAdmin();
  const localCrm = createLocalCrm(db.db, async (caller) => {
    const user = await auth.users.get(caller.userId);
    return user ? actorOf(user) : null;
  });
  const taxonomies = createTaxonomyService(db.db);
  // Crediting follows events through the credit relay; the credit service is built further down.
  let drainCredits: () => void = () => {};
  const { contentStore, documentSource, relay, changes, content, workflow } = wireContent({
    config,
    db,
    logger,
    search,
    embedder,
    users: auth.users,
    // Product families come from the admin taxonomy first, then from the CRM's line items.
    productFamilies: async () => new Map([...(await localCrm.productFamilies()), ...(await taxonomies.productFamilies())]),
    onEvents: () => drainCredits(),
  });
  const { searchService, searchLog } = wireSearchService({ config, db: db.db, logger, metrics, search, embedder, contentStore, content });

  const { crm, salesforce, sync, writeBack, opportunities, currencies } = await wireCrm({
    config,
    db: db.db,
    logger,
    metrics,
    users: auth.users,
    localCrm,
    crm: options.crm,
  }).catch(failStart);

  const events = createEventService({ db: db.db, content, opportunities });
  if (writeBack) events.listeners.push(writeBack.onUsageEvent);
  const attachments = createAttachmentService({
    db: db.db,
    content,
    opportunities,
    events,
    users: auth.users,
    canonicalOpportunityId: (id) => (salesforce ? (toSalesforceId18(id) ?? id) : id),
  });
  events.listeners.push(attachments.onUsageEvent);
  if (writeBack) attachments.listeners.push(writeBack.onDetach);
  const shares = createShareService({
    db: db.db,
    content,
    store: contentStore,
    opportunities,
    events,
    users: auth.users,
    publicUrl: config.publicUrl,
    log: (level, message, fields) => logger[level](message, fields),
  });
  let checkpoints: CheckpointLog;
  try {
    checkpoints = openCheckpointLog(config.ledger);
  } catch (err) {
    return failStart(err);
  }
  const readPolicy = createReadPolicy({ db: db.db, store: contentStore, accessSubject: (r) => content.accessSubject(r) });
  const credits = createCreditService({
    db: db.db,
    dialect: db.dialect,
    users: auth.users,
    checkpoints,
    log: (m, f) => logger.error(m, f),
    readPolicy,
    onEntriesWritten: (n) => metrics.creditsWritten.inc(n),
    currencies,
  });
  events.listeners.push(credits.onUsageEvent);
  drainCredits = () =>
    void credits.drainPending().catch((err) => logger.error('credits: draining pending events failed', { error: (err as Error).message }));
  opportunities.listeners.push(credits.onOpportunityChange);
  const winLoss = createWinLossService({
    db: db.db,
    content,
    changes,
    store: contentStore,
    users: auth.users,
    opportunities,
    reasonCodes: async () => ((await taxonomies.all()).reasonCodes ?? []).map((t) => t.value),
  });
  const recommendations = timedRecommendations(
    metrics,
    createRecommendationService({
      client: search.client,
      indexUid: search.contentIndex,
      search: searchService,
      store: contentStore,
      content,
      opportunities,
      users: auth.users,
      db: db.db,
      embedder,
      log: (m) => logger.warn(m),
    }),
  );

  const notifications = createNotificationService({ db: db.db, keepDays: config.notificationDays });
  const flow = createFlowService({
    db: db.db,
    dialect: db.dialect,
    client: search.client,
    indexUid: search.contentIndex,
    search: searchService,
    store: contentStore,
    content,
    users: auth.users,
    currencies,
    opportunities,
    chat: config.chat,
  });

  const { synonyms, reindexJobs } = await wireSearchAdmin({
    config,
    db: db.db,
    logger,
    search,
    sharedRuntime: options.search !== undefined,
    embedder,
    contentStore,
    relay,
    documentSource,
  });

  const core = {
    config,
    db,
    search,
    embedder,
    relay,
    logger,
    auth,
    content,
    contentStore,
    documentSource,
    searchService,
    searchLog,
    localCrm,
    opportunities,
    events,
    recommendations,
    credits,
    flow,
    metrics,
    notifications,
  };
  const routes: RouteDef[] = [
    healthRoute({ db: db.db, search, crm, salesforce, sync }),
    ...authRoutes(auth),
    ...auditRoutes(db.db),
    ...contentRoutes(content),
    ...searchRoutes(searchService),
    ...opportunityRoutes(opportunities),
    ...crmSyncRoutes(sync, writeBack),
    ...recommendationRoutes(recommendations),
    ...attachmentRoutes(attachments),
    ...shareRoutes(shares, {
      brand: 'Knowledge Hub',
      // A signed-in hub user opening a link (the sharer previewing) is no buyer; anyone else is anonymous.
      identify: async (req) => {
        const token = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
        return token ? auth.authenticate(token).catch(() => null) : null;
      },
    }),
    ...eventRoutes(events),
    ...workflowRoutes(workflow),
    ...winLossRoutes(winLoss),
    ...taxonomyRoutes(
      taxonomies,
      createFacetProposals({ db: db.db, taxonomies, users: auth.users, requireVisible: (actor, id) => content.get(actor, id) }),
    ),
    ...flowRoutes(flow),
    ...notificationRoutes(notifications),
    ...creditRoutes(credits),
    ...searchAdminRoutes(core, { synonyms, reindexJobs }),
    ...(options.extraRoutes?.(core) ?? []),
  ];

  const app = createApp({
    http: config.http,
    logger,
    authenticate: (token, salesforceUserId, assertion) => auth.authenticate(token, salesforceUserId, assertion),
    mayBeValidToken: (token) => auth.mayBeValidToken(token),
    routes,
    pageDir: path.resolve(__dirname, '..', 'dist', 'page'),
    validateResponses: options.validateResponses,
    version: '0.1.0',
    // Several instances may serve one PostgreSQL database: they share their counters through it.
    rateLimitStore: db.dialect === 'postgres' ? databaseRateLimitStore(db.db) : undefined,
    // On the main port only behind METRICS_TOKEN; METRICS_PORT (server/main.ts) serves it alone.
    metrics: {
      middleware: metrics.httpMiddleware,
      handler: config.metrics.token ? metricsHandler(metrics.registry, config.metrics.token) : undefined,
    },
  });

  if (options.startRelay !== false) relay.start();
  if (sync && config.salesforce) sync.start(config.salesforce.syncIntervalSeconds);
  await attachments.catchUp();
  await writeBack?.start();
  const housekeeping = startHousekeeping({ drainCredits, notifications, flow, relay, logger, remindNow: options.startRelay !== false });

  return {
    ...core,
    crmSync: sync,
    crmWriteBack: writeBack,
    app,
    async close() {
      housekeeping.stop();
      await sync?.stop();
      await writeBack?.stop();
      await credits.drainPending().catch(() => 0);
      await reindexJobs.settled();
      await relay.stop();
      await searchLog.stop();
      // The last entries get their checkpoint before the database closes.
      await credits
        .close()
        .catch((err: unknown) =>
          logger.error('credits: final checkpoint failed', { error: err instanceof Error ? err.message : String(err) }),
        );
      await flow.facts.settled();
      if (!options.search) await search.close();
      await db.close();
    },
  };
}

function timedRecommendations(metrics: HubMetrics, service: RecommendationService): RecommendationService {
  return { ...service, forOpportunity: metrics.timed(metrics.recommendationSeconds, service.forOpportunity) };
}

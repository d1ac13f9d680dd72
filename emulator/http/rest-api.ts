/**
 * The route table of `/services/data/vNN.N/...` (data and tooling trees), assembled once per server.
 */
import { bulkRoutes } from './bulk-routes.js';
import { collectionRoutes } from './collection-routes.js';
import { compositeRoutes } from './composite-routes.js';
import { discoveryRoutes } from './discovery-routes.js';
import { queryRoutes } from './query-routes.js';
import { requestStatsRoutes } from './request-stats.js';
import { RestRouter } from './rest-router.js';
import type { Route } from './rest-types.js';
import { sobjectRoutes } from './sobject-routes.js';
import { treeRoutes } from './tree-routes.js';
import { uiApiRoutes } from './ui-api-routes.js';

export function createRestRouter(extra: Route[] = []): RestRouter {
  const router = new RestRouter();
  router.add(...discoveryRoutes, ...sobjectRoutes, ...collectionRoutes, ...treeRoutes, ...queryRoutes, ...bulkRoutes, ...uiApiRoutes, ...requestStatsRoutes, ...extra);
  router.add(...compositeRoutes((ctx, req) => router.dispatch(ctx, req)));
  return router;
}

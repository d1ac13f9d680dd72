/**
 * The emulator's Lightning Experience: pages a person (and Playwright) can use, with Lightning's
 * element names, roles and accessible names (protocol reference §10), backed only by the org service.
 *
 * @example
 *   const app = express();
 *   mountLightning(app, org);   // `/`, `/favicon.ico`, `/secur/*`, `/lightning/*`, `/ui-api/*`, `/ui-assets/*`
 */
import express from 'express';
import { fileURLToPath } from 'node:url';
import type { OrgServiceApi } from '../contracts.js';
import { ASSET_PATH } from './chrome.js';
import { registerAuthRoutes } from './auth-routes.js';
import { registerLightningRoutes } from './lightning-routes.js';
import { registerUiApiRoutes } from './ui-api-routes.js';
import { registerFavicon } from './favicon.js';

/** What the UI needs of an `Org` (emulator/org.ts): only its service. */
export interface LightningOrg {
  readonly service: OrgServiceApi;
}

const ASSETS_DIR = fileURLToPath(new URL('./assets/', import.meta.url));

export function mountLightning(app: express.Express, org: LightningOrg): void {
  const router = express.Router();
  router.use(ASSET_PATH, express.static(ASSETS_DIR, { fallthrough: false, maxAge: 0 }));
  registerFavicon(router);
  registerAuthRoutes(router, org.service);
  registerLightningRoutes(router, org.service);
  registerUiApiRoutes(router, org.service);
  app.use(router);
}

/**
 * `/favicon.ico`: browsers ask for it on every page they load, so without it each Lightning page leaves an
 * "Unhandled request: GET /favicon.ico" line in the emulator's log. The emulator answers with a small
 * SVG cloud (Chrome, Firefox and WebKit accept an SVG at that path when its Content-Type says so);
 * a real org serves its own icon there.
 */
import type { Router } from 'express';

const CLOUD_ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path fill="#00a1e0" d="M6.6 3.4a2.9 2.9 0 0 1 2.1-.9c1.1 0 2 .6 2.5 1.5a3.4 3.4 0 0 1 1.4-.3c1.9 0 3.4 1.5 3.4 3.4s-1.5 3.4-3.4 3.4h-.7a2.4 2.4 0 0 1-3.2 1 2.7 2.7 0 0 1-5-.2A2.6 2.6 0 0 1 .5 8.3c0-1 .5-1.8 1.3-2.3A3 3 0 0 1 6.6 3.4z"/></svg>`;

export function registerFavicon(router: Router): void {
  router.get('/favicon.ico', (_req, res) => {
    res.status(200).type('image/svg+xml').set('Cache-Control', 'public, max-age=86400').send(CLOUD_ICON);
  });
}

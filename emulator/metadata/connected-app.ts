/** `connectedApps/<Name>.connectedApp-meta.xml` -> ConnectedAppDef (OAuth consumer key, JWT certificate, secret). */
import type { ConnectedAppDef } from './types.js';
import { child, text, type XmlNode } from './xml.js';

export const CONNECTED_APP_REPEATABLE: ReadonlySet<string> = new Set(['scopes', 'attributes', 'permissionSetName', 'profileName']);

export function parseConnectedApp(name: string, root: XmlNode, shownAs: string): ConnectedAppDef {
  const oauth = child(root, 'oauthConfig');
  return {
    name,
    label: text(root, 'label') ?? name,
    consumerKey: text(oauth, 'consumerKey'),
    certificate: text(oauth, 'certificate'),
    consumerSecret: text(oauth, 'consumerSecret'),
    oauthClientCredentialUser: text(oauth, 'oauthClientCredentialUser'),
    source: shownAs,
  };
}

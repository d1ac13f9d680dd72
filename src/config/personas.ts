/**
 * The people Postflight works as. Each UI-capable persona is a Playwright project of the same name; the
 * `admin` persona is the release manager's own user, which runs actions and removes test data.
 */
export const PERSONAS = {
  'sales-rep': { envPrefix: 'SF_SALES_REP', ui: true, emulatorUsername: 'sales.rep@postflight.test' },
  'support-agent': { envPrefix: 'SF_SUPPORT_AGENT', ui: true, emulatorUsername: 'support.agent@postflight.test' },
  // Users with "API Only User" cannot get a UI session, so the integration persona is tested through the API only.
  'integration-user': { envPrefix: 'SF_INTEGRATION_USER', ui: false, emulatorUsername: 'integration@postflight.test' },
  admin: { envPrefix: 'SF_ADMIN', ui: true, emulatorUsername: 'admin@postflight.test' },
} as const;

export type PersonaName = keyof typeof PERSONAS;

export const PERSONA_NAMES = Object.keys(PERSONAS) as PersonaName[];

/** The personas whose verifications form Playwright projects (the admin only prepares and cleans up). */
export const VERIFYING_PERSONAS = ['sales-rep', 'support-agent', 'integration-user'] as const satisfies readonly PersonaName[];

export function isPersonaName(value: string): value is PersonaName {
  return Object.hasOwn(PERSONAS, value);
}

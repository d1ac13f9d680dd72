/**
 * Production safety: the target org's `Organization.IsSandbox` is read before any action runs. Against
 * production, mutating actions need an explicit allow (SF_ALLOW_PRODUCTION=true) or the run stops before
 * its first write.
 */
import type { Connection } from '@jsforce/jsforce-node';

export interface TargetOrg {
  id: string;
  name: string;
  isSandbox: boolean;
  organizationType: string;
}

export async function readTargetOrg(conn: Connection): Promise<TargetOrg> {
  const result = await conn.query<{ Id: string; Name: string; IsSandbox: boolean; OrganizationType: string }>(
    'SELECT Id, Name, IsSandbox, OrganizationType FROM Organization LIMIT 1',
  );
  const org = result.records[0];
  if (!org) throw new Error('the org returned no Organization row; cannot tell production from sandbox, so nothing will be changed');
  return { id: org.Id, name: org.Name, isSandbox: org.IsSandbox, organizationType: org.OrganizationType };
}

export function productionRefusal(org: TargetOrg, allowProduction: boolean): string | undefined {
  if (org.isSandbox || allowProduction) return undefined;
  return `refused: "${org.name}" (${org.id}) is a production org and SF_ALLOW_PRODUCTION is not true; nothing was changed`;
}

/**
 * Fields the platform itself sets during a save, from other fields of the same record:
 *
 * - Contact, Lead, User `Name`: the compound full name `First Last`.
 * - Opportunity `IsClosed`, `IsWon`, `ForecastCategory`, `ForecastCategoryName` follow the stage, and
 *   `Probability` follows a changed stage unless the same save sets it (Salesforce's OpportunityStage
 *   table; the emulator knows the standard stages and reads any other "Closed…" stage as closed,
 *   "…Won" as won).
 * - Case `IsClosed` / `ClosedDate` and Task `IsClosed` follow the status ("Closed…" / "Completed").
 */
import type { WireRecord } from '../contracts.js';
import type { SObjectDef } from '../metadata/types.js';

interface StageInfo {
  probability: number;
  forecastCategoryName: 'Omitted' | 'Pipeline' | 'Best Case' | 'Commit' | 'Closed';
  closed: boolean;
  won: boolean;
}

/** Salesforce's default opportunity stages (Setup > Opportunity Stages in a new org). */
const STANDARD_STAGES: Record<string, StageInfo> = {
  'prospecting': { probability: 10, forecastCategoryName: 'Pipeline', closed: false, won: false },
  'qualification': { probability: 10, forecastCategoryName: 'Pipeline', closed: false, won: false },
  'needs analysis': { probability: 20, forecastCategoryName: 'Pipeline', closed: false, won: false },
  'value proposition': { probability: 50, forecastCategoryName: 'Pipeline', closed: false, won: false },
  'id. decision makers': { probability: 60, forecastCategoryName: 'Pipeline', closed: false, won: false },
  'perception analysis': { probability: 70, forecastCategoryName: 'Pipeline', closed: false, won: false },
  'proposal/price quote': { probability: 75, forecastCategoryName: 'Pipeline', closed: false, won: false },
  'negotiation/review': { probability: 90, forecastCategoryName: 'Pipeline', closed: false, won: false },
  'closed won': { probability: 100, forecastCategoryName: 'Closed', closed: true, won: true },
  'closed lost': { probability: 0, forecastCategoryName: 'Omitted', closed: true, won: false },
};

/** ForecastCategoryName (label) -> ForecastCategory (API value). */
const FORECAST_CATEGORY: Record<StageInfo['forecastCategoryName'], string> = {
  'Omitted': 'Omitted', 'Pipeline': 'Pipeline', 'Best Case': 'BestCase', 'Commit': 'Forecast', 'Closed': 'Closed',
};

function stageInfo(stage: string): StageInfo {
  const lower = stage.trim().toLowerCase();
  const known = STANDARD_STAGES[lower];
  if (known) return known;
  const closed = lower.startsWith('closed');
  const won = closed && lower.endsWith('won');
  return { probability: won ? 100 : closed ? 0 : 50, forecastCategoryName: won ? 'Closed' : closed ? 'Omitted' : 'Pipeline', closed, won };
}

/**
 * Sets the derived fields on `record` (in place). `input` is what the request (and before-save flows)
 * set, so that an explicit Probability wins over the stage's default.
 */
export function applyDerivedFields(object: SObjectDef, record: WireRecord, prior: WireRecord | null, input: WireRecord, now: string): void {
  const has = (name: string): boolean => object.fields.has(name.toLowerCase());
  const set = (name: string, value: unknown): void => {
    if (has(name)) record[name] = value;
  };
  const nameField = object.fields.get('name');
  if (nameField && !nameField.createable && has('LastName') && has('FirstName')) {
    set('Name', [record.FirstName, record.LastName].filter((v) => typeof v === 'string' && v !== '').join(' ') || null);
  }
  switch (object.name) {
    case 'Opportunity': {
      if (typeof record.StageName !== 'string') return;
      const info = stageInfo(record.StageName);
      set('IsClosed', info.closed);
      set('IsWon', info.won);
      const stageChanged = !prior || prior.StageName !== record.StageName;
      if (stageChanged) {
        if (!('Probability' in input) || input.Probability === null) set('Probability', info.probability);
        if (!('ForecastCategoryName' in input)) set('ForecastCategoryName', info.forecastCategoryName);
      }
      const categoryName = record.ForecastCategoryName as StageInfo['forecastCategoryName'] | undefined;
      set('ForecastCategory', (categoryName && FORECAST_CATEGORY[categoryName]) ?? FORECAST_CATEGORY[info.forecastCategoryName]);
      return;
    }
    case 'Case': {
      const closed = typeof record.Status === 'string' && record.Status.toLowerCase().startsWith('closed');
      set('IsClosed', closed);
      const wasClosed = prior?.IsClosed === true;
      if (closed && !wasClosed) set('ClosedDate', now);
      if (!closed) set('ClosedDate', null);
      return;
    }
    case 'Task':
      set('IsClosed', record.Status === 'Completed');
      return;
    default:
      return;
  }
}

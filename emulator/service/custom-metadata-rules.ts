/**
 * The validation rules of a custom metadata type, run against the type's records
 * (`customMetadata/Type.Record.md-meta.xml`) at load. A deploy saves each record through its type's
 * validation rules, so a record that violates one fails the deploy with the rule's message; the load fails
 * the same way, every such record and rule named at once (MetadataError on the record's file).
 *
 * A rule is evaluated with what a record file holds: the type's own fields (standard ones included),
 * `$CustomMetadata` and `$Label`. A rule that reads anything else (`$User`, `$Setup`, `$Organization`,
 * `$Permission`...) depends on the user deploying, whom the emulator does not know: it is listed as degraded
 * (the records load without that check), never guessed.
 *
 * [UNVERIFIED] the deploy's wording; the message here names the record, the rule and the rule's message.
 * ISNEW() is true for every record: the emulator loads a project as a deploy to a fresh org.
 */
import type { FormulaRuntimeContext, WireValue } from '../contracts.js';
import { MetadataError } from '../metadata/metadata-error.js';
import type { CustomMetadataRecordDef, LoadProblem, OrgSchema, SObjectDef, ValidationRuleDef } from '../metadata/types.js';
import { customMetadataField, customMetadataValue, ORIGIN_DATE_TIME } from './formula-globals.js';
import type { FormulaRegistry } from './formulas.js';

/** Global variables a rule can read from the project alone. */
const PROJECT_GLOBALS = new Set(['$custommetadata', '$label', '$system']);

export interface CustomMetadataRuleCheck {
  errors: MetadataError[];
  degraded: LoadProblem[];
}

export function checkCustomMetadataRecords(schema: OrgSchema, formulas: FormulaRegistry, now: Date): CustomMetadataRuleCheck {
  const check: CustomMetadataRuleCheck = { errors: [], degraded: [] };
  const records = [...(schema.customMetadataRecords?.values() ?? [])];
  for (const type of schema.objects.values()) {
    if (!type.customMetadata) continue;
    const own = records.filter((r) => r.type === type.name);
    for (const rule of type.validationRules) {
      if (!rule.active || rule.notEnforced !== undefined) continue;
      const compiled = formulas.validationRule(rule.fullName);
      if (!compiled) continue;
      const outside = compiled.references.find((path) => !readableAtDeploy(path));
      if (outside) {
        if (own.length > 0) {
          check.degraded.push({
            file: rule.source, component: `ValidationRule ${rule.fullName}`,
            unsupported: `reads ${outside.join('.')}, which depends on the user deploying the records`,
            fallback: 'not checked against the type\'s customMetadata records at load',
          });
        }
        continue;
      }
      for (const record of own) {
        if (compiled.evaluate(recordContext(schema, type, record, now)) !== true) continue;
        check.errors.push(new MetadataError(record.source, violation(type, record, rule)));
      }
    }
  }
  return check;
}

function readableAtDeploy(path: readonly string[]): boolean {
  const [head = ''] = path;
  if (head.startsWith('$')) return PROJECT_GLOBALS.has(head.toLowerCase());
  return path.length === 1;
}

/** `CustomMetadata PMT_Setting.Default: validation rule PMT_Setting__mdt.Start_Month (on Start_Month__c) fails: <message>`. */
function violation(type: SObjectDef, record: CustomMetadataRecordDef, rule: ValidationRuleDef): string {
  const where = rule.errorDisplayField ? ` (on ${rule.errorDisplayField})` : '';
  return `CustomMetadata ${type.name.replace(/__mdt$/, '')}.${record.developerName}: validation rule ${rule.fullName}${where} fails: ${rule.errorMessage}`;
}

/** A record's values as a formula reads them (ids in their 15-character form, as in every formula). */
function recordContext(schema: OrgSchema, type: SObjectDef, record: CustomMetadataRecordDef, now: Date): FormulaRuntimeContext {
  const read = (path: string[]): WireValue | undefined => {
    const [head = '', ...rest] = path;
    const lower = head.toLowerCase();
    if (lower === '$label') return rest.length === 1 ? (schema.customLabels?.get(rest[0]!.toLowerCase())?.value ?? undefined) : undefined;
    if (lower === '$system') return rest.length === 1 && rest[0]!.toLowerCase() === 'origindatetime' ? ORIGIN_DATE_TIME : undefined;
    const mdtPath = lower === '$custommetadata' ? rest : [type.name, record.developerName, head];
    const value = customMetadataValue(schema, mdtPath);
    const field = customMetadataField(schema, mdtPath);
    const isId = field?.type === 'id' || field?.type === 'reference';
    return isId && typeof value === 'string' && value.length === 18 ? value.slice(0, 15) : value;
  };
  return { get: read, prior: () => undefined, isNew: true, now: () => now };
}

/** `objects/<Obj>/validationRules/<Name>.validationRule-meta.xml` -> ValidationRuleDef. */
import { stableId } from '../ids.js';
import { MetadataError } from './metadata-error.js';
import type { ValidationRuleDef } from './types.js';
import { bool, text, type XmlNode } from './xml.js';

export const VALIDATION_RULE_REPEATABLE: ReadonlySet<string> = new Set();

export function parseValidationRule(object: string, name: string, root: XmlNode, shownAs: string): ValidationRuleDef {
  const formula = text(root, 'errorConditionFormula');
  if (formula === undefined || formula.trim() === '') throw new MetadataError(shownAs, 'validation rule has no <errorConditionFormula>');
  const errorMessage = text(root, 'errorMessage');
  if (errorMessage === undefined) throw new MetadataError(shownAs, 'validation rule has no <errorMessage>');
  const fullName = `${object}.${name}`;
  return {
    fullName,
    name,
    object,
    active: bool(root, 'active'),
    errorConditionFormula: formula,
    errorMessage,
    errorDisplayField: text(root, 'errorDisplayField') || undefined,
    description: text(root, 'description'),
    id: stableId('03d', fullName),
    source: shownAs,
  };
}

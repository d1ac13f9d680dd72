/**
 * Just enough of an SFDX project's schema to type-check its formulas: field types from
 * `objects/<Object>/fields/*.field-meta.xml`, relationship paths (`Contact__r.FirstName`) through
 * `referenceTo`, and the standard fields these formulas read. The real metadata loader lives
 * elsewhere; this keeps the formula tests independent of it.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { FieldType } from '../../../emulator/metadata/types.js';
import { TECHNOLOGY_TRANSFER_STARTER } from '../../support/shared-samples.js';

export const SAMPLE_PROJECT = `${TECHNOLOGY_TRANSFER_STARTER}/force-app/main/default`;

interface SampleField {
  name: string;
  type: FieldType;
  referenceTo?: string;
  formula?: string;
  treatBlanksAsZero: boolean;
}

export interface SampleRule {
  object: string;
  name: string;
  errorConditionFormula: string;
}

const METADATA_TYPES: Record<string, FieldType> = {
  Checkbox: 'boolean', Currency: 'currency', Date: 'date', DateTime: 'datetime', Time: 'time',
  Html: 'textarea', LongTextArea: 'textarea', TextArea: 'textarea', Text: 'string', Email: 'email',
  Phone: 'phone', Url: 'url', Lookup: 'reference', MasterDetail: 'reference', Number: 'double',
  Percent: 'percent', Picklist: 'picklist', MultiselectPicklist: 'multipicklist', Summary: 'double',
};

/** Standard fields the sample formulas read, per object (lower-cased names). */
const STANDARD_FIELDS: Record<string, Record<string, SampleField>> = {
  account: { name: { name: 'Name', type: 'string', treatBlanksAsZero: false } },
  contact: {
    name: { name: 'Name', type: 'string', treatBlanksAsZero: false },
    firstname: { name: 'FirstName', type: 'string', treatBlanksAsZero: false },
    lastname: { name: 'LastName', type: 'string', treatBlanksAsZero: false },
  },
};

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false });

function readXml(path: string, root: string): Record<string, unknown> {
  const parsed = parser.parse(readFileSync(path, 'utf8')) as Record<string, Record<string, unknown>>;
  return parsed[root] ?? {};
}

export class SampleSchema {
  private readonly objects = new Map<string, Map<string, SampleField>>();

  constructor(readonly root: string = SAMPLE_PROJECT) {
    for (const object of readdirSync(join(root, 'objects'))) {
      const fields = new Map<string, SampleField>([
        ['id', { name: 'Id', type: 'id', treatBlanksAsZero: false }],
        ['name', { name: 'Name', type: 'string', treatBlanksAsZero: false }],
      ]);
      for (const [key, field] of Object.entries(STANDARD_FIELDS[object.toLowerCase()] ?? {})) fields.set(key, field);
      const folder = join(root, 'objects', object, 'fields');
      if (existsSync(folder)) {
        for (const file of readdirSync(folder).filter((f) => f.endsWith('.field-meta.xml'))) {
          const xml = readXml(join(folder, file), 'CustomField');
          const name = file.replace('.field-meta.xml', '');
          const type = METADATA_TYPES[String(xml.type)];
          if (!type) continue;
          fields.set(name.toLowerCase(), {
            name,
            type,
            referenceTo: xml.referenceTo === undefined ? undefined : String(xml.referenceTo),
            formula: xml.formula === undefined ? undefined : String(xml.formula),
            treatBlanksAsZero: xml.formulaTreatBlanksAs === 'BlankAsZero',
          });
        }
      }
      this.objects.set(object.toLowerCase(), fields);
    }
  }

  /** `typeOf` for formulas on `object`: fields and `Relationship__r.Field` paths. */
  typeOf(object: string, path: string[]): FieldType | null {
    const fields = this.objects.get(object.toLowerCase());
    const [head, ...rest] = path;
    if (!fields || head === undefined) return null;
    if (rest.length === 0) return fields.get(head.toLowerCase())?.type ?? null;
    const lookupName = head.toLowerCase().endsWith('__r') ? `${head.slice(0, -3)}__c` : `${head}Id`;
    const target = fields.get(lookupName.toLowerCase())?.referenceTo;
    return target ? this.typeOf(target, rest) : null;
  }

  formulaFields(): { object: string; field: SampleField }[] {
    const result: { object: string; field: SampleField }[] = [];
    for (const object of readdirSync(join(this.root, 'objects'))) {
      for (const field of this.objects.get(object.toLowerCase())?.values() ?? []) {
        if (field.formula !== undefined) result.push({ object, field });
      }
    }
    return result;
  }

  validationRules(): SampleRule[] {
    const rules: SampleRule[] = [];
    for (const object of readdirSync(join(this.root, 'objects'))) {
      const folder = join(this.root, 'objects', object, 'validationRules');
      if (!existsSync(folder)) continue;
      for (const file of readdirSync(folder).filter((f) => f.endsWith('.validationRule-meta.xml'))) {
        const xml = readXml(join(folder, file), 'ValidationRule');
        rules.push({
          object,
          name: file.replace('.validationRule-meta.xml', ''),
          errorConditionFormula: String(xml.errorConditionFormula),
        });
      }
    }
    return rules;
  }
}

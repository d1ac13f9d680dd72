/**
 * Writes an SFDX project with 300 custom objects and 5,000 custom fields (plus record types,
 * validation rules, a permission set and flows) to a temp folder, loads it, and prints the time.
 * The loader must stay under 3 seconds for a project of this size.
 *
 *   npx tsx test/bench/metadata-load.bench.ts
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describeLoad, loadOrgSchema } from '../../emulator/metadata/load-project.js';

const OBJECTS = 300;
const FIELDS = 5000;
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

function writeProject(root: string): void {
  const base = join(root, 'force-app', 'main', 'default');
  writeFileSync(join(root, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }));
  const permissionEntries: string[] = [];
  for (let o = 0; o < OBJECTS; o++) {
    const object = `Bench_${o}__c`;
    const dir = join(base, 'objects', object);
    mkdirSync(join(dir, 'fields'), { recursive: true });
    mkdirSync(join(dir, 'recordTypes'), { recursive: true });
    mkdirSync(join(dir, 'validationRules'), { recursive: true });
    writeFileSync(join(dir, `${object}.object-meta.xml`), `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject ${NS}><label>Bench ${o}</label><pluralLabel>Benches ${o}</pluralLabel>
<nameField><label>Bench Name</label><type>Text</type></nameField><sharingModel>ReadWrite</sharingModel>
<deploymentStatus>Deployed</deploymentStatus><enableActivities>true</enableActivities></CustomObject>`);
    writeFileSync(join(dir, 'recordTypes', 'Main.recordType-meta.xml'), `<?xml version="1.0" encoding="UTF-8"?>
<RecordType ${NS}><fullName>Main</fullName><active>true</active><label>Main</label></RecordType>`);
    writeFileSync(join(dir, 'validationRules', 'Amount_Positive.validationRule-meta.xml'), `<?xml version="1.0" encoding="UTF-8"?>
<ValidationRule ${NS}><fullName>Amount_Positive</fullName><active>true</active>
<errorConditionFormula>Field_0__c &lt; 0</errorConditionFormula><errorMessage>Must be positive</errorMessage></ValidationRule>`);
    permissionEntries.push(`<objectPermissions><allowCreate>true</allowCreate><allowDelete>false</allowDelete><allowEdit>true</allowEdit><allowRead>true</allowRead><modifyAllRecords>false</modifyAllRecords><object>${object}</object><viewAllRecords>false</viewAllRecords></objectPermissions>`);
  }
  const kinds = [
    (n: string) => `<type>Number</type><precision>18</precision><scale>2</scale><label>${n}</label>`,
    (n: string) => `<type>Text</type><length>255</length><label>${n}</label>`,
    (n: string) => `<type>Picklist</type><label>${n}</label><valueSet><restricted>true</restricted><valueSetDefinition><sorted>false</sorted>
      <value><fullName>A</fullName><default>true</default><label>A</label></value>
      <value><fullName>B</fullName><default>false</default><label>B</label></value>
      <value><fullName>C</fullName><default>false</default><label>C</label></value></valueSetDefinition></valueSet>`,
    (n: string) => `<type>Checkbox</type><defaultValue>false</defaultValue><label>${n}</label>`,
    (n: string) => `<type>Date</type><label>${n}</label>`,
    (n: string) => `<type>Currency</type><precision>18</precision><scale>2</scale><label>${n}</label><formula>Field_0__c * 2</formula>`,
    (n: string) => `<type>Lookup</type><referenceTo>Account</referenceTo><relationshipName>R${n.replace(/\W/g, '')}</relationshipName><deleteConstraint>SetNull</deleteConstraint><label>${n}</label>`,
  ];
  for (let f = 0; f < FIELDS; f++) {
    const object = `Bench_${f % OBJECTS}__c`;
    const name = `Field_${Math.floor(f / OBJECTS)}__c`;
    const body = (kinds[Math.floor(f / OBJECTS) === 0 ? 0 : f % kinds.length] ?? kinds[0]!)(`Field ${f}`);
    writeFileSync(join(base, 'objects', object, 'fields', `${name}.field-meta.xml`), `<?xml version="1.0" encoding="UTF-8"?>
<CustomField ${NS}><fullName>${name}</fullName>${body}<required>false</required><externalId>false</externalId></CustomField>`);
    if (f % 5 === 0) permissionEntries.push(`<fieldPermissions><editable>true</editable><field>${object}.${name}</field><readable>true</readable></fieldPermissions>`);
  }
  mkdirSync(join(base, 'permissionsets'), { recursive: true });
  writeFileSync(join(base, 'permissionsets', 'Bench_User.permissionset-meta.xml'), `<?xml version="1.0" encoding="UTF-8"?>
<PermissionSet ${NS}><label>Bench User</label>${permissionEntries.join('\n')}</PermissionSet>`);
  mkdirSync(join(base, 'flows'), { recursive: true });
  for (let i = 0; i < 20; i++) {
    writeFileSync(join(base, 'flows', `Bench_Flow_${i}.flow-meta.xml`), `<?xml version="1.0" encoding="UTF-8"?>
<Flow ${NS}><label>Bench Flow ${i}</label><processType>AutoLaunchedFlow</processType><status>Active</status>
<start><object>Bench_${i}__c</object><recordTriggerType>Create</recordTriggerType><triggerType>RecordBeforeSave</triggerType>
<connector><targetReference>Set_Name</targetReference></connector></start>
<assignments><name>Set_Name</name><label>Set Name</label><assignmentItems><assignToReference>$Record.Name</assignToReference><operator>Assign</operator><value><stringValue>x</stringValue></value></assignmentItems></assignments></Flow>`);
  }
}

const root = mkdtempSync(join(tmpdir(), 'postflight-bench-'));
try {
  writeProject(root);
  // Warm the module graph so the figure is the loader's work, not tsx compiling it.
  loadOrgSchema({ source: root });
  const started = performance.now();
  const schema = loadOrgSchema({ source: root });
  const elapsed = performance.now() - started;
  console.log(describeLoad(schema));
  console.log(`metadata load: ${OBJECTS} objects, ${FIELDS} fields in ${elapsed.toFixed(0)} ms (budget 3000 ms)`);
  if (elapsed > 3000) process.exitCode = 1;
} finally {
  rmSync(root, { recursive: true, force: true });
}

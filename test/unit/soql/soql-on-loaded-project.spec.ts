import { test, expect } from '@playwright/test';
import { IdMinter } from '../../../emulator/ids.js';
import { loadOrgSchema } from '../../../emulator/metadata/load-project.js';
import { executeSoql } from '../../../emulator/soql/execute-soql.js';
import { Store } from '../../../emulator/store/store.js';
import { TECHNOLOGY_TRANSFER_STARTER } from '../../support/shared-samples.js';

const SAMPLE = TECHNOLOGY_TRANSFER_STARTER;

test('the store and SOQL run on the schema loaded from the technology-transfer sample project', () => {
  const schema = loadOrgSchema({ source: SAMPLE });
  const store = new Store(schema);
  const minter = new IdMinter();
  const account = minter.next(schema.objects.get('account')!.keyPrefix);
  const agreementPrefix = schema.objects.get('tts_agreement__c')!.keyPrefix;
  const agreements = [minter.next(agreementPrefix), minter.next(agreementPrefix)];
  store.insert('Account', { Id: account, Name: 'NASA Ames', Company_Type__c: null });
  store.bulkInsert('TTS_Agreement__c', agreements.map((Id, i) => ({ Id, Name: `AGR-${i}`, Licensee_Account__c: account })));

  const options = { apiVersion: '60.0', now: new Date('2024-06-15T12:00:00Z') };
  const agreementsWithAccount = executeSoql(store, schema,
    'SELECT Name, Licensee_Account__r.Name FROM TTS_Agreement__c ORDER BY Name DESC', options);
  expect(agreementsWithAccount.records.map((r) => [r['Name'], (r['Licensee_Account__r'] as { Name: string }).Name]))
    .toEqual([['AGR-1', 'NASA Ames'], ['AGR-0', 'NASA Ames']]);

  const accountWithChildren = executeSoql(store, schema, 'SELECT Name, (SELECT Name FROM Agreements__r ORDER BY Name) FROM Account', options);
  expect(accountWithChildren.records[0]).toMatchObject({
    Name: 'NASA Ames',
    Agreements__r: { totalSize: 2, done: true, records: [{ Name: 'AGR-0' }, { Name: 'AGR-1' }] },
  });
  expect(() => executeSoql(store, schema, 'SELECT Licensee_Account__c.Name FROM TTS_Agreement__c', options))
    .toThrow(expect.objectContaining({ errorCode: 'INVALID_FIELD' }) as Error);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { IdMinter } from '../../../emulator/ids.js';
import { Store } from '../../../emulator/store/store.js';
import { field, testSchema } from './test-schema.js';

const ids = new IdMinter();
const accountId = () => ids.next('001');

test.describe('Store', () => {
  test('round-trips values in wire format', () => {
    const store = new Store(testSchema());
    const id = accountId();
    store.insert('Account', {
      Id: id, Name: 'Acme', Active__c: true, AnnualRevenue: 1250.5, NumberOfEmployees: '42',
      CreatedDate: '2024-05-01T14:34:56+02:00', Regions__c: 'EMEA;APAC', Industry: '',
    });
    const record = store.get('Account', id);
    expect(record).toMatchObject({
      Id: id, Name: 'Acme', Active__c: true, AnnualRevenue: 1250.5, NumberOfEmployees: 42,
      CreatedDate: '2024-05-01T12:34:56.000+0000', Regions__c: 'EMEA;APAC', Industry: null, IsDeleted: false, Type: null,
    });
    // Formula and compound fields are not stored: the service computes them on read.
    expect(record).not.toHaveProperty('Name_Length__c');
    expect(record).not.toHaveProperty('BillingAddress');
    expect(record).toHaveProperty('Open_Amount__c', null);
  });

  test('update, soft delete, undelete and hard delete', () => {
    const store = new Store(testSchema());
    const id = accountId();
    store.insert('Account', { Id: id, Name: 'Acme' });
    expect(store.update('Account', id, { name: 'Acme Corp', Active__c: false })).toBe(true);
    expect(store.get('Account', id)).toMatchObject({ Name: 'Acme Corp', Active__c: false });

    expect(store.softDelete('Account', id, new Date('2024-06-01T00:00:00Z'))).toBe(true);
    expect(store.get('Account', id)).toBeNull();
    expect(store.get('Account', id, { includeDeleted: true })).toMatchObject({ IsDeleted: true });
    expect(store.count('Account')).toBe(0);
    expect(store.deletedBetween('Account', new Date('2024-05-31T00:00:00Z'), new Date('2024-06-02T00:00:00Z')))
      .toEqual([{ id, deletedDate: '2024-06-01T00:00:00.000+0000' }]);

    expect(store.undelete('Account', id)).toBe(true);
    expect(store.count('Account')).toBe(1);
    expect(store.hardDelete('Account', id)).toBe(true);
    expect(store.get('Account', id, { includeDeleted: true })).toBeNull();
    expect(store.update('Account', id, { Name: 'gone' })).toBe(false);
  });

  test('accepts a 15-character id for reads', () => {
    const store = new Store(testSchema());
    const id = accountId();
    store.insert('Account', { Id: id, Name: 'Acme' });
    expect(store.get('Account', id.slice(0, 15))?.['Id']).toBe(id);
  });

  test('findBy matches text case-insensitively and ids exactly', () => {
    const store = new Store(testSchema());
    const a = accountId();
    store.insert('Account', { Id: a, Name: 'Acme', ERP_Id__c: 'X-1' });
    expect(store.findBy('Account', 'erp_id__c', 'x-1').map((r) => r['Id'])).toEqual([a]);
    expect(store.findBy('Account', 'Id', a.toLowerCase())).toEqual([]);
  });

  test('rejects unknown fields and objects in Salesforce words', () => {
    const store = new Store(testSchema());
    expect(() => store.insert('Account', { Id: accountId(), Foo__c: 1 })).toThrow("No such column 'Foo__c' on sobject of type Account");
    expect(() => store.get('Widget__c', '001000000000000AAA')).toThrow(expect.objectContaining({ errorCode: 'INVALID_TYPE' }) as Error);
  });

  test('transactions roll back, and nested ones roll back alone', () => {
    const store = new Store(testSchema());
    const outer = accountId();
    const inner = accountId();
    expect(() => store.transaction(() => {
      store.insert('Account', { Id: outer, Name: 'Outer' });
      throw new Error('boom');
    })).toThrow('boom');
    expect(store.get('Account', outer)).toBeNull();

    store.transaction(() => {
      store.insert('Account', { Id: outer, Name: 'Outer' });
      expect(() => store.transaction(() => {
        store.insert('Account', { Id: inner, Name: 'Inner' });
        throw new Error('inner boom');
      })).toThrow('inner boom');
    });
    expect(store.get('Account', outer)).not.toBeNull();
    expect(store.get('Account', inner)).toBeNull();
  });

  test('updatedBetween follows SystemModstamp and skips deleted records', () => {
    const store = new Store(testSchema());
    const early = accountId();
    const late = accountId();
    store.insert('Account', { Id: early, Name: 'A', SystemModstamp: '2024-01-01T00:00:00.000+0000' });
    store.insert('Account', { Id: late, Name: 'B', SystemModstamp: '2024-03-01T00:00:00.000+0000' });
    const range = [new Date('2024-02-01T00:00:00Z'), new Date('2024-04-01T00:00:00Z')] as const;
    expect(store.updatedBetween('Account', ...range)).toEqual([late]);
    store.update('Account', early, { Name: 'A2', SystemModstamp: '2024-03-02T00:00:00.000+0000' });
    expect(store.updatedBetween('Account', ...range)).toEqual([late, early]);
    store.softDelete('Account', late, new Date('2024-03-03T00:00:00Z'));
    expect(store.updatedBetween('Account', ...range)).toEqual([early]);
  });

  test('bulkInsert loads 100,000 rows in a few seconds', () => {
    const store = new Store(testSchema());
    const minter = new IdMinter();
    const records = Array.from({ length: 100_000 }, (_, i) => ({ Id: minter.next('001'), Name: `Account ${i}`, ERP_Id__c: `E${i}` }));
    const started = performance.now();
    store.bulkInsert('Account', records);
    const elapsed = performance.now() - started;
    expect(store.count('Account')).toBe(100_000);
    expect(store.allIds('Account')).toHaveLength(100_000);
    // About 1.5-2.5 s on a quiet 2-core machine; the bound leaves room for a busy CI runner.
    expect(elapsed).toBeLessThan(10_000);
  });

  test('a persisted file keeps its data and gains new columns from a newer schema', () => {
    const dir = mkdtempSync(join(tmpdir(), 'postflight-store-'));
    try {
      const file = join(dir, 'org.sqlite');
      const id = accountId();
      const first = new Store(testSchema(), { file });
      first.insert('Account', { Id: id, Name: 'Persisted', ERP_Id__c: 'P-1' });
      first.close();

      const newer = testSchema();
      const account = newer.objects.get('account')!;
      account.fields.set('tier__c', field('Tier__c', 'picklist'));
      const reopened = new Store(newer, { file });
      expect(reopened.get('Account', id)).toMatchObject({ Name: 'Persisted', ERP_Id__c: 'P-1', Tier__c: null });
      reopened.update('Account', id, { Tier__c: 'Gold' });
      expect(reopened.get('Account', id)).toMatchObject({ Tier__c: 'Gold' });
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Deal Desk, checked as the release manager: no persona holds Deal Desk (it belongs to sales managers), yet
 * this release changes what it grants and what happens to its approvals. So the admin checks that the
 * permission set still grants approval and the discount exemption, and that changing an approved discount
 * sends it back for approval (the before-save flow Opportunity_Discount_Change_Resets_Approval).
 */
import { test, expect } from '../../fixtures/index.js';

test(
  'the Deal Desk permission set still grants discount approval and the discount exemption',
  { tag: ['@monitors', '@area:access', '@component:PermissionSet:Deal_Desk', '@severity:critical'] },
  async ({ adminSf }) => {
    const fields = await adminSf.query<{ Field: string; PermissionsEdit: boolean }>(
      "SELECT Field, PermissionsEdit FROM FieldPermissions WHERE Parent.Name = 'Deal_Desk' AND SobjectType = 'Opportunity'",
    );
    const editable = fields.records.filter((f) => f.PermissionsEdit).map((f) => f.Field);
    expect(editable, 'Opportunity fields Deal Desk may edit').toEqual(
      expect.arrayContaining(['Opportunity.Discount__c', 'Opportunity.Discount_Reason__c', 'Opportunity.Discount_Approved__c']),
    );
    const exemption = await adminSf.query<{ Id: string }>("SELECT Id FROM CustomPermission WHERE DeveloperName = 'Discount_Exempt'");
    expect(exemption.totalSize, 'the custom permission Discount_Exempt exists').toBe(1);
    const granted = await adminSf.query<{ SetupEntityId: string }>(
      "SELECT SetupEntityId FROM SetupEntityAccess WHERE Parent.Name = 'Deal_Desk' AND SetupEntityType = 'CustomPermission'",
    );
    expect(granted.records.map((r) => r.SetupEntityId), 'custom permissions Deal Desk grants').toContain(exemption.records[0]!.Id);
  },
);

test(
  'changing an approved discount sends it back to Deal Desk for approval',
  { tag: ['@monitors', '@area:automation', '@component:Flow:Opportunity_Discount_Change_Resets_Approval', '@severity:critical'] },
  async ({ adminSf, testData }) => {
    const closeDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const id = await testData.create(
      'Opportunity',
      { Name: testData.name('Approved discount'), StageName: 'Prospecting', CloseDate: closeDate, Discount__c: 10, Discount_Reason__c: 'Volume', Discount_Approved__c: true },
      adminSf,
    );
    const approved = async () => ((await adminSf.sobject('Opportunity').retrieve(id)) as { Discount_Approved__c: boolean }).Discount_Approved__c;
    await adminSf.sobject('Opportunity').update({ Id: id, Discount__c: 15 });
    expect(await approved(), 'the approval after the discount changed from 10% to 15%').toBe(false);
    // Approving in the same save that changes the discount is Deal Desk doing its job: the approval stays.
    await adminSf.sobject('Opportunity').update({ Id: id, Discount__c: 12, Discount_Approved__c: true });
    expect(await approved(), 'the approval given in the same save as the change').toBe(true);
  },
);

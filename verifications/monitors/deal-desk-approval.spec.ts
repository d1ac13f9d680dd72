/**
 * Deal Desk, checked as the release manager: no persona holds Deal Desk (it belongs to sales managers), yet
 * this release changes what it grants and what happens to its approvals. So the admin checks that the
 * permission set still grants approval and the discount exemption, and that changing an approved discount
 * sends it back for approval (the before-save flow Opportunity_Discount_Change_Resets_Approval).
 *
 * Each check's requests go to the org together (one `/composite` call; one request each with
 * SF_BATCHING=false); the org runs them in order, each save in its own transaction, as separate calls.
 */
import { test, expect } from '../../fixtures/index.js';
import { createRequest, errorOf, queryRequest, recordsOf, savedId, sendTogether, updateRequest } from '../../src/salesforce/composite.js';

test(
  'the Deal Desk permission set still grants discount approval and the discount exemption',
  { tag: ['@monitors', '@area:access', '@component:PermissionSet:Deal_Desk', '@severity:critical'] },
  async ({ adminSf, config }) => {
    const answers = await sendTogether(
      adminSf,
      [
        queryRequest('fields', "SELECT Field, PermissionsEdit FROM FieldPermissions WHERE Parent.Name = 'Deal_Desk' AND SobjectType = 'Opportunity'"),
        queryRequest('exemption', "SELECT Id FROM CustomPermission WHERE DeveloperName = 'Discount_Exempt'"),
        queryRequest('granted', "SELECT SetupEntityId FROM SetupEntityAccess WHERE Parent.Name = 'Deal_Desk' AND SetupEntityType = 'CustomPermission'"),
      ],
      config.frugal,
    );
    const editable = recordsOf<{ Field: string; PermissionsEdit: boolean }>(answers.fields).filter((f) => f.PermissionsEdit).map((f) => f.Field);
    expect(editable, 'Opportunity fields Deal Desk may edit').toEqual(
      expect.arrayContaining(['Opportunity.Discount__c', 'Opportunity.Discount_Reason__c', 'Opportunity.Discount_Approved__c']),
    );
    const exemption = recordsOf<{ Id: string }>(answers.exemption);
    expect(exemption.length, 'the custom permission Discount_Exempt exists').toBe(1);
    expect(recordsOf<{ SetupEntityId: string }>(answers.granted).map((r) => r.SetupEntityId), 'custom permissions Deal Desk grants').toContain(exemption[0]!.Id);
  },
);

test(
  'changing an approved discount sends it back to Deal Desk for approval',
  { tag: ['@monitors', '@area:automation', '@component:Flow:Opportunity_Discount_Change_Resets_Approval', '@severity:critical'] },
  async ({ adminSf, testData, config }) => {
    const closeDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const approved = "SELECT Discount_Approved__c FROM Opportunity WHERE Id = '@{deal.id}'";
    const answers = await sendTogether(
      adminSf,
      [
        createRequest('deal', 'Opportunity', {
          Name: testData.name('Approved discount'), StageName: 'Prospecting', CloseDate: closeDate, Discount__c: 10, Discount_Reason__c: 'Volume', Discount_Approved__c: true,
        }),
        updateRequest('changed', 'Opportunity', '@{deal.id}', { Discount__c: 15 }),
        queryRequest('afterChange', approved),
        // Approving in the same save that changes the discount is Deal Desk doing its job: the approval stays.
        updateRequest('approvedInSameSave', 'Opportunity', '@{deal.id}', { Discount__c: 12, Discount_Approved__c: true }),
        queryRequest('afterApproval', approved),
      ],
      config.frugal,
    );
    testData.adopt('Opportunity', savedId(answers.deal));
    for (const ref of ['changed', 'afterChange', 'approvedInSameSave', 'afterApproval']) expect(errorOf(answers[ref]), ref).toBeUndefined();
    const approvedIn = (ref: string) => recordsOf<{ Discount_Approved__c: boolean }>(answers[ref])[0]?.Discount_Approved__c;
    expect(approvedIn('afterChange'), 'the approval after the discount changed from 10% to 15%').toBe(false);
    expect(approvedIn('afterApproval'), 'the approval given in the same save as the change').toBe(true);
  },
);

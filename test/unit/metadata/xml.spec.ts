/** Metadata XML: entities decoded as XML defines them, so formulas read as the project wrote them. */
import { test, expect } from '@playwright/test';
import { parseMetadataXml, text } from '../../../emulator/metadata/xml.js';

test('numeric character references (&#39;, &#x27;) and the predefined entities are decoded', () => {
  const root = parseMetadataXml(
    '<?xml version="1.0"?><CustomField><formula>Type__c &amp; &#39; - &#39; &amp; &#x27;x&#x27; &lt;&gt; &quot;q&quot; &apos;a&apos;</formula></CustomField>',
    'Item__c/fields/Display_Name__c.field-meta.xml', 'CustomField', new Set(),
  );
  expect(text(root, 'formula')).toBe(`Type__c & ' - ' & 'x' <> "q" 'a'`);
});

test('one pass: an escaped ampersand before a reference stays text, as does what is not an XML entity', () => {
  const root = parseMetadataXml('<CustomField><description>&amp;#39; &nbsp; &#xD800000; &#128512;</description></CustomField>', 'x.field-meta.xml', 'CustomField', new Set());
  expect(text(root, 'description')).toBe('&#39; &nbsp; &#xD800000; \u{1F600}');
});

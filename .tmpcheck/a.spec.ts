import { test } from '@playwright/test';
test('x', async () => { console.log('T', test.info().project.name, Date.now()); });

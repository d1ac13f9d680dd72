import { test } from '../fixtures/index.js';
test('y', async () => { console.log('T', test.info().project.name, Date.now()); });

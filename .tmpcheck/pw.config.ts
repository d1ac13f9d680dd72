import { defineConfig } from '@playwright/test';
export default defineConfig({ testDir: '.', projects: [{ name: 'a' }, { name: 'b', dependencies: ['a'] }] });

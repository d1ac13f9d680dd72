import { defineConfig } from '@playwright/test';
import base from '../playwright.config.js';
export default defineConfig({ ...base, webServer: undefined, reporter: 'line', testDir: '.', projects: [{ name: 'a' }, { name: 'b', dependencies: ['a'] }] });

// Allure 3 report settings (`npm run report`): the test tree groups by persona, then area, so a release
// manager reads "sales-rep > access > ..." rather than file names. Labels come from fixtures/report.fixture.ts.
import { defineConfig } from 'allure';

export default defineConfig({
  name: 'Postflight: post-release verification',
  output: './reports/allure-report',
  plugins: {
    awesome: {
      options: {
        reportName: 'Postflight: post-release verification',
        groupBy: ['persona', 'area'],
      },
    },
  },
});

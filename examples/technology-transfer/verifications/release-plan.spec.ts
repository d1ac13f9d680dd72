/** Generates one test per release-plan entry, each tagged with the persona that owns it. */
import { planTests } from '../../../fixtures/release-plan.js';
import plan from './release-plan.js';

planTests(plan);

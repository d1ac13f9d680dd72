export { AppNavigation } from './app-navigation.js';
export { ErrorPopover } from './error-popover.js';
export { waitForLightning, isLoginPage } from './lightning-ready.js';
export { ListView } from './list-view.js';
export { RecordForm, type FieldValue } from './record-form.js';
export { RecordPage } from './record-page.js';
export { Toast } from './toast.js';

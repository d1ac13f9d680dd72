/*
 * Client behaviour of the emulator's Lightning pages: toasts, tabs, picklist comboboxes (click and
 * keyboard), lookups (search as you type), the New/Edit modal, inline edit, delete, the "We hit a snag."
 * popover and spinners. Plain DOM, no framework, no build step. Every save goes to /ui-api/*, which
 * calls the org service as the signed-in user.
 *
 * Behaviour is attached by event delegation on the document, so controls inserted later (inline edit
 * inputs, lookup options) work without wiring.
 */
(() => {
  'use strict';

  const pageData = JSON.parse(document.getElementById('emu-page-data')?.textContent || '{}');
  const TOAST_KEY = 'emu.pendingToast';
  // Success toasts disappear on their own; the exact real duration is UNVERIFIED (protocol §12), long
  // enough here for a person (and a test) to read them.
  const TOAST_MS = 8000;

  // ------------------------------------------------------------------------------------ helpers

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'className') node.className = v;
      else if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  function spinnerNode(size) {
    const small = size === 'x-small';
    return el('div', { className: small ? 'emu-inline-spinner' : 'slds-spinner_container' },
      el('div', { role: 'status', className: `slds-spinner slds-spinner_${size || 'medium'} slds-spinner_brand${small ? ' slds-input__spinner' : ''}` },
        el('span', { className: 'slds-assistive-text', text: 'Loading' }),
        el('div', { className: 'slds-spinner__dot-a' }),
        el('div', { className: 'slds-spinner__dot-b' })));
  }

  function loginRedirect() {
    location.assign(`/?startURL=${encodeURIComponent(location.pathname + location.search)}`);
  }

  async function callUiApi(method, url, body) {
    const res = await fetch(url, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      credentials: 'same-origin',
    });
    if (res.status === 401) {
      loginRedirect();
      return { ok: false, status: 401, data: { pageErrors: [], fieldErrors: {} } };
    }
    const data = await res.json().catch(() => ({ pageErrors: [`HTTP ${res.status}`], fieldErrors: {} }));
    return { ok: res.ok, status: res.status, data };
  }

  // ------------------------------------------------------------------------------------ toasts

  function showToast(message, variant) {
    const queue = document.querySelector('.forceVisualMessageQueue');
    if (!queue) return;
    const kind = variant || 'success';
    const close = el('button', { type: 'button', className: 'slds-button slds-button_icon slds-notify__close toastClose', title: 'Close' },
      el('span', { 'aria-hidden': 'true', text: '✕' }), el('span', { className: 'slds-assistive-text', text: 'Close' }));
    const toast = el('div', { className: `forceToastMessage slds-notify slds-notify_toast slds-theme_${kind}`, role: 'alert', 'data-key': kind },
      el('span', { className: 'slds-assistive-text', text: kind }),
      el('span', { className: 'slds-icon_container toastIcon', 'aria-hidden': 'true', text: kind === 'success' ? '✓' : '!' }),
      el('div', { className: 'slds-notify__content toastContent' },
        el('span', { className: 'toastMessage slds-text-heading--small forceActionsText', text: message })),
      close);
    close.addEventListener('click', () => toast.remove());
    queue.append(toast);
    setTimeout(() => toast.remove(), TOAST_MS);
  }

  /** A toast for the next page: Lightning shows "… was created." on the record page it navigates to. */
  function queueToast(message, variant) {
    sessionStorage.setItem(TOAST_KEY, JSON.stringify({ message, variant: variant || 'success' }));
  }

  function showQueuedToast() {
    const raw = sessionStorage.getItem(TOAST_KEY);
    if (!raw) return;
    sessionStorage.removeItem(TOAST_KEY);
    try {
      const t = JSON.parse(raw);
      showToast(t.message, t.variant);
    } catch {
      /* a damaged entry is dropped */
    }
  }

  // ------------------------------------------------------------------------------------ tabs

  function selectTab(tab) {
    const list = tab.closest('[role="tablist"]');
    for (const t of list.querySelectorAll('[role="tab"]')) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      t.closest('li')?.classList.toggle('slds-is-active', on);
      const panel = document.getElementById(t.getAttribute('aria-controls'));
      if (panel) {
        panel.classList.toggle('slds-show', on);
        panel.classList.toggle('slds-hide', !on);
      }
    }
  }

  // ------------------------------------------------------------------------------------ picklists

  function options(listbox) {
    return [...listbox.querySelectorAll('[role="option"]')];
  }

  function openDropdown(trigger) {
    closeAllDropdowns(trigger);
    const box = trigger.closest('.slds-combobox');
    box.classList.add('slds-is-open');
    trigger.setAttribute('aria-expanded', 'true');
    const listbox = document.getElementById(trigger.getAttribute('aria-controls'));
    // A picklist opens on its current value; a lookup's results start with nothing focused.
    const current = listbox && options(listbox).find((o) => o.getAttribute('aria-selected') === 'true');
    setActiveOption(trigger, trigger.tagName === 'BUTTON' ? current || (listbox && options(listbox)[0]) || null : null);
  }

  function closeDropdown(trigger) {
    trigger.closest('.slds-combobox')?.classList.remove('slds-is-open');
    trigger.setAttribute('aria-expanded', 'false');
    trigger.removeAttribute('aria-activedescendant');
  }

  function closeAllDropdowns(except) {
    for (const t of document.querySelectorAll('.slds-combobox__input[aria-expanded="true"]')) if (t !== except) closeDropdown(t);
  }

  function setActiveOption(trigger, option) {
    const listbox = document.getElementById(trigger.getAttribute('aria-controls'));
    if (!listbox) return;
    for (const o of options(listbox)) o.classList.toggle('slds-has-focus', o === option);
    if (option) {
      trigger.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    } else trigger.removeAttribute('aria-activedescendant');
  }

  function activeOption(trigger) {
    const id = trigger.getAttribute('aria-activedescendant');
    return id ? document.getElementById(id) : null;
  }

  function selectPicklistOption(trigger, option) {
    const value = option.getAttribute('data-value');
    trigger.dataset.value = value;
    trigger.querySelector('.slds-truncate').textContent = option.querySelector('[title]')?.getAttribute('title') || option.textContent.trim();
    const listbox = document.getElementById(trigger.getAttribute('aria-controls'));
    for (const o of options(listbox)) {
      const on = o === option;
      o.setAttribute('aria-selected', String(on));
      o.setAttribute('aria-checked', String(on));
    }
    closeDropdown(trigger);
    trigger.focus();
    trigger.closest('[data-field]')?.dispatchEvent(new Event('change', { bubbles: true }));
  }

  function moveActive(trigger, delta) {
    const listbox = document.getElementById(trigger.getAttribute('aria-controls'));
    const all = listbox ? options(listbox) : [];
    if (!all.length) return;
    const index = all.indexOf(activeOption(trigger));
    const next = delta === Infinity ? all.length - 1 : delta === -Infinity ? 0 : Math.min(all.length - 1, Math.max(0, index + delta));
    setActiveOption(trigger, all[next]);
  }

  function picklistKeydown(trigger, event) {
    const open = trigger.getAttribute('aria-expanded') === 'true';
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        if (!open) openDropdown(trigger);
        else moveActive(trigger, event.key === 'ArrowDown' ? 1 : -1);
        return;
      case 'Home':
      case 'End':
        if (open) { event.preventDefault(); moveActive(trigger, event.key === 'End' ? Infinity : -Infinity); }
        return;
      case 'Enter':
      case ' ':
        event.preventDefault();
        if (open && activeOption(trigger)) selectPicklistOption(trigger, activeOption(trigger));
        else openDropdown(trigger);
        return;
      case 'Escape':
        if (open) { event.preventDefault(); event.stopPropagation(); closeDropdown(trigger); }
        return;
      case 'Tab':
        if (open) closeDropdown(trigger);
        return;
      default:
        // Typing a letter jumps to the next option that starts with it, as a native select does.
        if (event.key.length === 1 && /\S/.test(event.key)) {
          if (!open) openDropdown(trigger);
          const listbox = document.getElementById(trigger.getAttribute('aria-controls'));
          const all = options(listbox);
          const start = all.indexOf(activeOption(trigger));
          const key = event.key.toLowerCase();
          for (let i = 1; i <= all.length; i++) {
            const o = all[(start + i) % all.length];
            if (o.textContent.trim().toLowerCase().startsWith(key)) { setActiveOption(trigger, o); break; }
          }
        }
    }
  }

  // ------------------------------------------------------------------------------------ lookups

  const lookupTimers = new WeakMap();
  let lookupSeq = 0;

  function lookupHost(input) {
    return input.closest('lightning-lookup');
  }

  function renderLookupResults(input, results, term) {
    const listbox = document.getElementById(input.getAttribute('aria-controls'));
    listbox.textContent = '';
    if (!results.length) {
      listbox.append(el('div', { className: 'slds-listbox__item emu-no-results', role: 'presentation', text: `No results for "${term}"` }));
    }
    results.forEach((r, i) => {
      listbox.append(el('lightning-base-combobox-item', {
        role: 'option', id: `${listbox.id}-${i}`, className: 'slds-media slds-listbox__option slds-listbox__option_entity slds-media_center',
        'data-value': r.id, 'aria-selected': 'false',
      },
      el('span', { className: 'slds-media__figure slds-listbox__option-icon emu-entity-icon', 'aria-hidden': 'true', text: (lookupHost(input).dataset.target || '?').charAt(0) }),
      el('span', { className: 'slds-media__body' },
        el('span', { className: 'slds-listbox__option-text slds-listbox__option-text_entity' },
          el('span', { className: 'slds-truncate', title: r.name, text: r.name })))));
    });
    openDropdown(input);
  }

  async function searchLookup(input) {
    const term = input.value.trim();
    const host = lookupHost(input);
    if (!term) { closeDropdown(input); return; }
    const seq = ++lookupSeq;
    const wrap = input.closest('.slds-combobox__form-element');
    wrap.querySelector('.emu-inline-spinner')?.remove();
    const spin = spinnerNode('x-small');
    wrap.append(spin);
    try {
      const res = await callUiApi('GET', `/ui-api/lookup/${encodeURIComponent(host.dataset.target)}?q=${encodeURIComponent(term)}`);
      if (seq !== lookupSeq || input.value.trim() !== term) return; // a newer keystroke won
      renderLookupResults(input, res.ok && Array.isArray(res.data) ? res.data : [], term);
    } finally {
      spin.remove();
    }
  }

  function selectLookupOption(input, option) {
    const host = lookupHost(input);
    host.dataset.value = option.getAttribute('data-value');
    input.value = option.querySelector('[title]')?.getAttribute('title') || option.textContent.trim();
    input.readOnly = true;
    input.classList.add('slds-combobox__input-value');
    host.querySelector('lightning-base-combobox')?.classList.add('slds-has-selection');
    const clear = host.querySelector('.lookup-clear');
    if (clear) clear.hidden = false;
    closeDropdown(input);
    host.dispatchEvent(new Event('change', { bubbles: true }));
  }

  function clearLookup(host) {
    host.dataset.value = '';
    const input = host.querySelector('input[role="combobox"]');
    input.value = '';
    input.readOnly = false;
    input.classList.remove('slds-combobox__input-value');
    host.querySelector('lightning-base-combobox')?.classList.remove('slds-has-selection');
    host.querySelector('.lookup-clear').hidden = true;
    input.focus();
    host.dispatchEvent(new Event('change', { bubbles: true }));
  }

  function lookupKeydown(input, event) {
    const open = input.getAttribute('aria-expanded') === 'true';
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (open) { event.preventDefault(); moveActive(input, event.key === 'ArrowDown' ? 1 : -1); }
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const active = activeOption(input);
      if (open && active) selectLookupOption(input, active);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      closeDropdown(input);
    } else if ((event.key === 'Backspace' || event.key === 'Delete') && input.readOnly) {
      event.preventDefault();
      clearLookup(lookupHost(input));
    }
  }

  // ------------------------------------------------------------------------------------ form values

  /** Reads every control of a form (see field-input.ts for the `data-kind` contract). */
  function readControls(root) {
    const values = {};
    const missing = [];
    for (const host of root.querySelectorAll('[data-kind]')) {
      const field = host.dataset.field;
      const required = !!host.querySelector('abbr.slds-required');
      let empty = false;
      switch (host.dataset.kind) {
        case 'text': {
          const input = host.querySelector('input, textarea');
          values[field] = input.value;
          empty = input.value.trim() === '';
          break;
        }
        case 'checkbox':
          values[field] = host.querySelector('input[type="checkbox"]').checked;
          break;
        case 'picklist': {
          const v = host.querySelector('.slds-combobox__input').dataset.value || '';
          values[field] = v;
          empty = v === '';
          break;
        }
        case 'multi': {
          const v = [...host.querySelectorAll('input[type="checkbox"]:checked')].map((i) => i.value);
          values[field] = v;
          empty = v.length === 0;
          break;
        }
        case 'lookup':
          values[field] = host.dataset.value || '';
          empty = !host.dataset.value;
          break;
        case 'datetime': {
          const date = host.querySelector(`input[name="${CSS.escape(field)}.date"]`).value;
          values[`${field}.date`] = date;
          values[`${field}.time`] = host.querySelector(`input[name="${CSS.escape(field)}.time"]`).value;
          empty = date.trim() === '';
          break;
        }
      }
      if (required && empty) missing.push(field);
    }
    return { values, missing };
  }

  function fieldLabel(root, field) {
    return root.querySelector(`records-record-layout-item[data-field="${CSS.escape(field)}"]`)?.getAttribute('field-label') || field;
  }

  function isEmptyValue(v) {
    return v === '' || v === null || (Array.isArray(v) && v.length === 0);
  }

  // ------------------------------------------------------------------------------------ errors

  function clearErrors(form, footerErrors) {
    for (const help of form.querySelectorAll('.slds-form-element__help[data-emu-error]')) help.remove();
    for (const host of form.querySelectorAll('.slds-has-error')) host.classList.remove('slds-has-error');
    for (const c of form.querySelectorAll('[aria-invalid="true"]')) c.setAttribute('aria-invalid', 'false');
    if (footerErrors) footerErrors.textContent = '';
  }

  /**
   * The "We hit a snag." popover (protocol §10.7) plus each field's own message under its input in
   * `.slds-form-element__help`. Field messages for fields not on the form go to the page-level list.
   */
  function showErrors(form, footerErrors, errors, requiredMissing) {
    clearErrors(form, footerErrors);
    const pageErrors = [...(errors.pageErrors || [])];
    const fieldLinks = [];
    for (const [field, message] of Object.entries(errors.fieldErrors || {})) {
      const host = form.querySelector(`[data-kind][data-field="${CSS.escape(field)}"]`);
      if (!host) { pageErrors.push(message); continue; }
      host.classList.add('slds-has-error');
      const control = host.querySelector('input:not([type="hidden"]), textarea, button.slds-combobox__input');
      const helpId = `help-message-${field}-${Math.random().toString(36).slice(2, 7)}`;
      if (control) {
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', helpId);
      }
      const help = el('div', { id: helpId, className: 'slds-form-element__help', 'data-help-message': true, 'data-emu-error': true, role: 'alert', text: message });
      (host.querySelector('fieldset') || host).append(help);
      fieldLinks.push(field);
    }
    if (!footerErrors) return;
    const body = el('div', { className: 'slds-popover__body' });
    if (requiredMissing && requiredMissing.length) {
      body.append(el('div', { className: 'genericNotification', text: `These required fields must be completed: ${requiredMissing.map((f) => fieldLabel(form, f)).join(', ')}` }));
    }
    if (pageErrors.length) {
      body.append(el('div', { className: 'pageLevelErrors' },
        el('p', { className: 'slds-text-title_bold', text: 'Review the errors on this page.' }),
        el('ul', { className: 'errorsList' }, ...pageErrors.map((m) => el('li', { text: m })))));
    }
    if (fieldLinks.length) {
      body.append(el('div', { className: 'fieldLevelErrors' },
        el('p', { className: 'slds-text-title_bold', text: 'Review the following fields' }),
        el('ul', { className: 'errorsList' }, ...fieldLinks.map((f) => el('li', {}, el('a', { href: '#', 'data-focus-field': f, text: fieldLabel(form, f) }))))));
    }
    const close = el('button', { type: 'button', className: 'slds-button slds-button_icon slds-button_icon-small', title: 'Close error dialog' },
      el('span', { 'aria-hidden': 'true', text: '✕' }), el('span', { className: 'slds-assistive-text', text: 'Close error dialog' }));
    const popover = el('records-record-edit-error', {},
      el('section', { className: 'slds-popover slds-popover_error slds-nubbin_bottom-left emu-error-popover', 'aria-labelledby': 'emu-error-heading' },
        el('lightning-button-icon', { className: 'slds-popover__close' }, close),
        el('header', { className: 'slds-popover__header' },
          el('h2', { id: 'emu-error-heading', className: 'slds-text-heading_small', text: 'We hit a snag.' })),
        body));
    close.addEventListener('click', () => popover.remove());
    footerErrors.append(popover);
  }

  function focusField(form, field) {
    const host = form.querySelector(`[data-kind][data-field="${CSS.escape(field)}"]`);
    host?.querySelector('input:not([type="hidden"]), textarea, button.slds-combobox__input')?.focus();
  }

  // ------------------------------------------------------------------------------------ saving

  function saveToast(label, name, verb) {
    return `${label} "${name}" was ${verb}.`;
  }

  async function saveModal(form, andNew) {
    const footerErrors = form.querySelector('.emu-footer-errors');
    const { values, missing } = readControls(form);
    if (missing.length) {
      showErrors(form, footerErrors, { pageErrors: [], fieldErrors: Object.fromEntries(missing.map((f) => [f, 'Complete this field.'])) }, missing);
      return;
    }
    const creating = form.dataset.mode === 'create';
    const fields = {};
    if (creating) {
      // Only what the user filled in: untouched fields keep the org's own defaults.
      Object.assign(fields, pageData.hiddenDefaults || {});
      for (const [k, v] of Object.entries(values)) if (!isEmptyValue(v) && v !== false) fields[k] = v;
      for (const [k, v] of Object.entries(form.__emuInitial || {})) if (v === true && values[k] === false) fields[k] = false;
    } else {
      for (const [k, v] of Object.entries(values)) if (JSON.stringify(v) !== JSON.stringify(form.__emuInitial[k])) fields[k] = v;
    }
    const container = form.closest('.slds-modal__container');
    const spin = spinnerNode('medium');
    container.append(spin);
    for (const b of form.querySelectorAll('button')) b.disabled = true;
    try {
      const res = creating
        ? await callUiApi('POST', `/ui-api/records/${encodeURIComponent(pageData.object)}`, { fields, recordTypeId: pageData.recordTypeId || null })
        : await callUiApi('PATCH', `/ui-api/records/${encodeURIComponent(pageData.object)}/${encodeURIComponent(pageData.recordId)}`, { fields });
      if (res.status === 401) return;
      if (!res.ok) {
        showErrors(form, footerErrors, res.data);
        return;
      }
      queueToast(saveToast(res.data.objectLabel, res.data.name, creating ? 'created' : 'saved'));
      if (creating && andNew) {
        const q = pageData.recordTypeId ? `?recordTypeId=${encodeURIComponent(pageData.recordTypeId)}` : '';
        location.assign(`/lightning/o/${encodeURIComponent(pageData.object)}/new${q}`);
      } else {
        // After New -> Save Lightning lands on the new record (protocol §10.1).
        location.assign(`/lightning/r/${encodeURIComponent(pageData.object)}/${encodeURIComponent(res.data.id)}/view`);
      }
    } finally {
      spin.remove();
      for (const b of form.querySelectorAll('button')) b.disabled = false;
    }
  }

  // ------------------------------------------------------------------------------------ inline edit

  function enterInlineEdit(form, focusFieldName) {
    if (form.dataset.mode !== 'edit') {
      form.dataset.mode = 'edit';
      for (const item of form.querySelectorAll('records-record-layout-item[data-editable]')) {
        const template = item.querySelector('template[data-input-template]');
        const view = item.querySelector('[data-view-element]');
        if (!template || !view) continue;
        view.hidden = true;
        item.append(template.content.cloneNode(true));
      }
      form.__emuInitial = readControls(form).values;
      const footer = form.querySelector('records-form-footer');
      if (footer) footer.hidden = false;
    }
    if (focusFieldName) focusField(form, focusFieldName);
  }

  function exitInlineEdit(form) {
    form.dataset.mode = 'view';
    for (const slot of form.querySelectorAll('[slot="inputField"]')) slot.remove();
    for (const view of form.querySelectorAll('[data-view-element]')) view.hidden = false;
    const footer = form.querySelector('records-form-footer');
    clearErrors(form, footer?.querySelector('.emu-footer-errors'));
    if (footer) footer.hidden = true;
  }

  async function saveInline(form) {
    const footerErrors = form.querySelector('.emu-footer-errors');
    const { values, missing } = readControls(form);
    if (missing.length) {
      showErrors(form, footerErrors, { pageErrors: [], fieldErrors: Object.fromEntries(missing.map((f) => [f, 'Complete this field.'])) }, missing);
      return;
    }
    const fields = {};
    for (const [k, v] of Object.entries(values)) if (JSON.stringify(v) !== JSON.stringify(form.__emuInitial[k])) fields[k] = v;
    const item = form.querySelector('records-record-layout-item[data-editable]');
    const spin = el('div', { className: 'test-id__inline-edit-loading-indicator' }, spinnerNode('x-small'));
    (item || form).prepend(spin);
    const buttons = form.querySelectorAll('records-form-footer button');
    for (const b of buttons) b.disabled = true;
    try {
      const res = await callUiApi('PATCH', `/ui-api/records/${encodeURIComponent(pageData.object)}/${encodeURIComponent(pageData.recordId)}`, { fields });
      if (res.status === 401) return;
      if (!res.ok) {
        showErrors(form, footerErrors, res.data);
        return;
      }
      queueToast(saveToast(res.data.objectLabel, res.data.name, 'saved'));
      location.reload();
    } finally {
      spin.remove();
      for (const b of buttons) b.disabled = false;
    }
  }

  // ------------------------------------------------------------------------------------ delete

  function openDeleteConfirm() {
    const label = pageData.objectLabel;
    const cancel = el('button', { type: 'button', className: 'slds-button slds-button_neutral', title: 'Cancel', text: 'Cancel' });
    const confirm = el('button', { type: 'button', className: 'slds-button slds-button_brand', title: 'Delete', text: 'Delete' });
    const layer = el('div', { className: 'emu-modal-layer forceModalActionContainer' },
      el('section', { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'delete-heading', className: 'slds-modal slds-fade-in-open', tabindex: '-1' },
        el('div', { className: 'slds-modal__container emu-modal-small' },
          el('div', { className: 'slds-modal__header' }, el('h2', { id: 'delete-heading', className: 'slds-modal__title slds-text-heading_medium', text: `Delete ${label}` })),
          el('div', { className: 'slds-modal__content slds-p-around_medium' },
            el('p', { className: 'slds-text-align_center', text: `Are you sure you want to delete this ${label.toLowerCase()}?` })),
          el('div', { className: 'slds-modal__footer forceModalActionContainer--footerAction' }, cancel, confirm))),
      el('div', { className: 'slds-backdrop slds-backdrop_open' }));
    cancel.addEventListener('click', () => layer.remove());
    confirm.addEventListener('click', () => {
      void (async () => {
        const container = layer.querySelector('.slds-modal__container');
        const spin = spinnerNode('medium');
        container.append(spin);
        confirm.disabled = true;
        try {
          const res = await callUiApi('DELETE', `/ui-api/records/${encodeURIComponent(pageData.object)}/${encodeURIComponent(pageData.recordId)}`);
          if (res.status === 401) return;
          if (!res.ok) {
            layer.remove();
            showToast([...(res.data.pageErrors || []), ...Object.values(res.data.fieldErrors || {})].join(' ') || 'The record could not be deleted.', 'error');
            return;
          }
          queueToast(saveToast(res.data.objectLabel, res.data.name, 'deleted'));
          location.assign(pageData.listUrl);
        } finally {
          spin.remove();
          confirm.disabled = false;
        }
      })();
    });
    document.body.append(layer);
    confirm.focus();
  }

  // ------------------------------------------------------------------------------------ events

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;

    const tab = target.closest('[role="tab"]');
    if (tab) { event.preventDefault(); selectTab(tab); return; }

    const option = target.closest('[role="option"]');
    if (option) {
      const listbox = option.closest('[role="listbox"]');
      const trigger = listbox && document.querySelector(`[aria-controls="${CSS.escape(listbox.id)}"]`);
      if (trigger?.tagName === 'BUTTON') selectPicklistOption(trigger, option);
      else if (trigger) selectLookupOption(trigger, option);
      return;
    }

    const picklist = target.closest('button.slds-combobox__input');
    if (picklist) {
      if (picklist.getAttribute('aria-expanded') === 'true') closeDropdown(picklist);
      else openDropdown(picklist);
      return;
    }

    const clear = target.closest('.lookup-clear');
    if (clear) { clearLookup(clear.closest('lightning-lookup')); return; }

    if (!target.closest('.slds-combobox')) closeAllDropdowns(null);

    const pencil = target.closest('button.inline-edit-trigger');
    if (pencil) {
      const form = pencil.closest('form.emu-inline-form');
      if (form) enterInlineEdit(form, pencil.closest('records-record-layout-item').dataset.field);
      return;
    }

    const focusLink = target.closest('a[data-focus-field]');
    if (focusLink) {
      event.preventDefault();
      const form = focusLink.closest('form');
      if (form) focusField(form, focusLink.getAttribute('data-focus-field'));
      return;
    }

    const named = target.closest('button[name]');
    if (!named) return;
    const form = named.closest('form');
    switch (named.getAttribute('name')) {
      case 'CancelEdit':
        if (form?.classList.contains('emu-inline-form')) exitInlineEdit(form);
        else if (named.dataset.href) location.assign(named.dataset.href);
        return;
      case 'SaveAndNew':
        if (form) void saveModal(form, true);
        return;
      case 'Edit':
        if (pageData.object && pageData.recordId) location.assign(`/lightning/r/${encodeURIComponent(pageData.object)}/${encodeURIComponent(pageData.recordId)}/edit`);
        return;
      case 'Delete':
        if (named.closest('runtime_platform_actions-actions-ribbon')) openDeleteConfirm();
        return;
    }
  });

  document.addEventListener('dblclick', (event) => {
    // Double-clicking an editable value starts inline edit, as on a real record page.
    const target = event.target instanceof Element ? event.target : null;
    const item = target?.closest('records-record-layout-item[data-editable]');
    const form = item?.closest('form.emu-inline-form');
    if (item && form && !target.closest('a')) enterInlineEdit(form, item.dataset.field);
  });

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (form.classList.contains('emu-record-form')) { event.preventDefault(); void saveModal(form, false); }
    else if (form.classList.contains('emu-inline-form')) {
      event.preventDefault();
      if (form.dataset.mode === 'edit') void saveInline(form);
    }
  });

  document.addEventListener('keydown', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (target?.matches('button.slds-combobox__input')) { picklistKeydown(target, event); return; }
    if (target?.matches('lightning-lookup input[role="combobox"]')) { lookupKeydown(target, event); return; }
    if (target?.matches('[role="tab"]') && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
      const tabs = [...target.closest('[role="tablist"]').querySelectorAll('[role="tab"]')];
      const next = tabs[(tabs.indexOf(target) + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
      selectTab(next);
      next.focus();
      return;
    }
    if (event.key === 'Escape') {
      const confirmLayer = document.querySelector('.forceModalActionContainer.emu-modal-layer');
      if (confirmLayer) { confirmLayer.remove(); return; }
      const cancel = document.querySelector('.emu-record-form button[name="CancelEdit"]');
      if (cancel) cancel.click();
    }
  });

  document.addEventListener('input', (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.matches('lightning-lookup input[role="combobox"]')) return;
    clearTimeout(lookupTimers.get(input));
    lookupTimers.set(input, setTimeout(() => void searchLookup(input), 150));
  });

  // ------------------------------------------------------------------------------------ start

  for (const form of document.querySelectorAll('form.emu-record-form')) {
    form.__emuInitial = readControls(form).values;
    const first = form.querySelector('[data-kind] input:not([type="hidden"]):not([readonly]), [data-kind] textarea, [data-kind] button.slds-combobox__input');
    first?.focus();
  }
  document.querySelector('.emu-page-spinner')?.remove();
  showQueuedToast();
})();

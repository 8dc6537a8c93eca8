// Small DOM helpers: the console builds its pages from plain elements, without a framework.

/** An element: attributes (on* become listeners; value, checked, disabled and selected are set as properties), then children. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (['value', 'checked', 'disabled', 'selected', 'multiple', 'required'].includes(name)) {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's children. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A labelled form field: the label names the control, a hint (if any) describes it. */
export function field(label, control, hint) {
  const id = control.id || (control.id = `f-${Math.random().toString(36).slice(2, 10)}`);
  const hintElement = hint ? h('small', { id: `${id}-hint`, class: 'hint' }, hint) : null;
  if (hintElement) control.setAttribute('aria-describedby', hintElement.id);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hintElement);
}

/** A checkbox with its label after it. */
export function checkbox(label, attributes = {}) {
  const box = h('input', { type: 'checkbox', ...attributes });
  return h('label', { class: 'check' }, box, ' ', label);
}

/** A select with options [{value, label}] and the selected value. */
export function select(options, selected, attributes = {}) {
  return h('select', attributes, options.map(o => h('option', { value: o.value, selected: String(o.value) === String(selected ?? '') }, o.label)));
}

/** A region for messages: errors are announced (role=alert), notices politely (role=status). */
export function messages() {
  const element = h('div', { class: 'messages' });
  return {
    element,
    error(error) {
      replace(element, h('div', { class: 'error', role: 'alert' }, wordsOf(error)));
    },
    notice(text) {
      replace(element, h('div', { class: 'notice', role: 'status' }, text));
    },
    clear() {
      element.replaceChildren();
    },
    /** Drops an earlier failure but keeps a notice: a reload after an action must not hide what the action said. */
    clearError() {
      element.querySelectorAll('.error').forEach(e => e.remove());
    },
  };
}

/** What an error says to a person: the API's problem in words, or the browser's. */
export function wordsOf(error) {
  if (!error) return 'Something went wrong.';
  if (typeof error === 'string') return error;
  return error.message || String(error);
}

/** Runs an action from a button: disables it while it runs and shows a failure in the given messages. */
export async function busy(button, messagesRegion, action) {
  if (button) button.disabled = true;
  try {
    messagesRegion?.clear();
    return await action();
  } catch (error) {
    if (messagesRegion) messagesRegion.error(error);
    else throw error;
    return undefined;
  } finally {
    if (button && button.isConnected) button.disabled = false;
  }
}

/** A modal dialog (the browser's own, so Escape closes it and focus stays inside); resolves when it closes. */
export function dialog(title, build) {
  return new Promise(resolve => {
    const region = messages();
    const box = h('dialog', { class: 'dialog', 'aria-labelledby': 'dialog-title' });
    const close = value => {
      box.close();
      box.remove();
      resolve(value);
    };
    box.addEventListener('cancel', event => {
      event.preventDefault();
      close(undefined);
    });
    const content = build({ close, messages: region });
    box.append(h('h2', { id: 'dialog-title' }, title), region.element, content);
    document.body.append(box);
    box.showModal();
    const first = box.querySelector('input, select, textarea, button');
    first?.focus();
  });
}

/** Asks a yes/no question in a dialog. */
export function confirmDialog(title, text, confirmLabel) {
  return dialog(title, ({ close }) => h('div', {},
    h('p', {}, text),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'danger', onclick: () => close(true) }, confirmLabel),
      h('button', { type: 'button', onclick: () => close(false) }, 'Cancel'))));
}

/**
 * A dialog with a form of `controls`: `save()` makes the change, and the dialog closes once it is made; while it is
 * not, the API's words show in the dialog. Resolves to whether it was saved.
 */
export function formDialog(title, submitLabel, controls, save) {
  return dialog(title, ({ close, messages: dialogMessages }) => {
    const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel);
    return h('form', {
      onsubmit: event => {
        event.preventDefault();
        busy(submit, dialogMessages, async () => {
          await save();
          close(true);
        });
      },
    }, ...controls, h('div', { class: 'actions' }, submit, h('button', { type: 'button', onclick: () => close(false) }, 'Cancel')));
  });
}

/**
 * Asks first, then acts: once `action()` is done the page reloads its data (`reload()`) and says `done` in the page's
 * messages; a failure shows the API's words there instead.
 */
export async function confirmThen(region, { title, text, confirmLabel, action, reload, done }) {
  if (!await confirmDialog(title, text, confirmLabel)) return;
  try {
    await action();
    await reload();
    region.notice(done);
  } catch (error) {
    region.error(error);
  }
}

/** Dates as people read them, in their own time zone. */
export function when(value) {
  if (!value) return '—';
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString();
}

/** How long ago, roughly. */
export function ago(value) {
  if (!value) return 'never';
  const date = value instanceof Date ? value : new Date(value);
  const seconds = Math.round((Date.now() - date.getTime()) / 1000);
  if (Number.isNaN(seconds)) return String(value);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return date.toLocaleDateString();
}

export function bytes(size) {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KiB`;
  return `${(size / 1024 / 1024).toFixed(1)} MiB`;
}

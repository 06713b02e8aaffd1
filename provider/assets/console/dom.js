// Building the page from data: text is always a text node (escaped by construction); there is
// no innerHTML anywhere in the Console.
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  // The Console checks its forms itself and says what is wrong in words (both languages).
  if (tag === 'form') el.noValidate = true;
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'value' || key === 'checked') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

// A labelled field; `error` (a message) is shown under it and tied to it for screen readers.
export function field(id, label, input, { hint, error } = {}) {
  input.id = id;
  const errorId = `${id}-error`;
  if (error) {
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', errorId);
  }
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, hint && h('p', { class: 'hint' }, hint), error && h('p', { class: 'error', id: errorId, role: 'alert' }, error));
}

// A form-level message: a refusal the API gave that names no field, or a success.
export function notice(kind, text) {
  return h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

export function copyButton(text, label) {
  return h('button', { type: 'button', class: 'secondary small', onclick: () => navigator.clipboard?.writeText(text) }, label);
}

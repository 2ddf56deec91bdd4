/**
 * A small strict XML checker used by the tests: balanced tags, quoted unique attributes,
 * only the five predefined entities (or numeric ones), one root. Returns the elements seen
 * so tests can count marks by tag and class.
 */
export interface XmlElement {
  tag: string;
  attrs: Record<string, string>;
  /** Text directly inside the element, entities decoded. */
  text: string;
}

export interface XmlCheck {
  errors: string[];
  elements: XmlElement[];
}

const ENTITY = /&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g;
const NAME = /^[A-Za-z_:][-\w:.]*$/;

function badAmp(s: string): boolean {
  return s.replace(ENTITY, '').includes('&');
}

function decode(s: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return s.replace(ENTITY, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : named[e],
  );
}

export function checkXml(xml: string): XmlCheck {
  const errors: string[] = [];
  const elements: XmlElement[] = [];
  const stack: XmlElement[] = [];
  let roots = 0;
  let i = xml.startsWith('<?xml') ? xml.indexOf('?>') + 2 : 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const chunk = xml.slice(i, lt < 0 ? xml.length : lt);
    if (badAmp(chunk)) errors.push(`bare & in text near ${JSON.stringify(chunk.slice(0, 40))}`);
    if (stack.length) stack[stack.length - 1].text += decode(chunk);
    else if (chunk.trim()) errors.push(`text outside the root: ${JSON.stringify(chunk.slice(0, 40))}`);
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt);
      if (end < 0) return { errors: [...errors, 'unterminated comment'], elements };
      i = end + 3;
      continue;
    }
    const gt = xml.indexOf('>', lt);
    if (gt < 0) return { errors: [...errors, 'unterminated tag'], elements };
    const raw = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (raw.startsWith('/')) {
      const name = raw.slice(1).trim();
      const open = stack.pop();
      if (!open || open.tag !== name) errors.push(`</${name}> closes ${open ? `<${open.tag}>` : 'nothing'}`);
      continue;
    }
    const selfClosing = raw.endsWith('/');
    const body = selfClosing ? raw.slice(0, -1) : raw;
    const m = /^([^\s/>]+)/.exec(body);
    if (!m || !NAME.test(m[1])) {
      errors.push(`bad tag name in <${raw.slice(0, 30)}>`);
      continue;
    }
    const el: XmlElement = { tag: m[1], attrs: {}, text: '' };
    const attrRe = /\s+([A-Za-z_:][-\w:.]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/y;
    let p = m[1].length;
    while (p < body.length) {
      attrRe.lastIndex = p;
      const a = attrRe.exec(body);
      if (!a) {
        if (body.slice(p).trim()) errors.push(`malformed attributes in <${el.tag}>: ${JSON.stringify(body.slice(p, p + 40))}`);
        break;
      }
      const value = a[3] ?? a[4] ?? '';
      if (a[1] in el.attrs) errors.push(`duplicate attribute ${a[1]} in <${el.tag}>`);
      if (badAmp(value)) errors.push(`bare & in attribute ${a[1]} of <${el.tag}>`);
      el.attrs[a[1]] = decode(value);
      p = attrRe.lastIndex;
    }
    if (stack.length === 0 && ++roots > 1) errors.push('more than one root element');
    elements.push(el);
    if (!selfClosing) stack.push(el);
  }
  for (const open of stack) errors.push(`<${open.tag}> never closed`);
  if (roots === 0) errors.push('no root element');
  return { errors, elements };
}

/** Elements with a given tag whose class list contains `cls`. */
export function withClass(elements: XmlElement[], tag: string, cls: string): XmlElement[] {
  return elements.filter((e) => e.tag === tag && (e.attrs.class ?? '').split(/\s+/).includes(cls));
}

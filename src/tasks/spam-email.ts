/**
 * Turn a raw RFC 822 message into the text a classifier sees: the subject and the readable
 * body (text/plain preferred over text/html inside multipart messages), with transfer
 * encodings decoded, HTML tags and entities and PGP signature blocks removed, whitespace
 * collapsed, and truncated.
 */

interface Part {
  headers: Map<string, string>;
  body: string;
}

export function emailToText(raw: string, maxChars = 1000): string {
  const msg = parsePart(raw.replace(/\r\n?/g, '\n'));
  const subject = decodeWords(msg.headers.get('subject') ?? '');
  const body = readableBody(msg).replace(/-----BEGIN PGP SIGNATURE-----[\s\S]*?-----END PGP SIGNATURE-----/g, ' ');
  const text = collapse(`${subject}\n${body}`);
  return text.length > maxChars ? text.slice(0, maxChars).trimEnd() : text;
}

function parsePart(raw: string): Part {
  const cut = raw.search(/\n\s*\n/);
  const head = cut < 0 ? raw : raw.slice(0, cut);
  const body = cut < 0 ? '' : raw.slice(cut).replace(/^\n\s*\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const m = /^([!-9;-~]+):\s*(.*)$/.exec(line);
    if (m && !headers.has(m[1].toLowerCase())) headers.set(m[1].toLowerCase(), m[2]);
  }
  return { headers, body };
}

function readableBody(part: Part, depth = 0): string {
  const type = (part.headers.get('content-type') ?? 'text/plain').toLowerCase();
  if (type.startsWith('multipart/') && depth < 5) {
    const boundary = /boundary\s*=\s*"?([^";]+)"?/i.exec(part.headers.get('content-type') ?? '')?.[1];
    if (!boundary) return '';
    const texts = splitMultipart(part.body, boundary.trim()).map((p) => ({
      type: (p.headers.get('content-type') ?? 'text/plain').toLowerCase(),
      text: readableBody(p, depth + 1),
    }));
    const plain = texts.filter((t) => t.type.startsWith('text/plain') || t.type.startsWith('multipart/'));
    const chosen = plain.some((t) => t.text.trim()) ? plain : texts;
    return chosen.map((t) => t.text).join('\n');
  }
  if (!type.startsWith('text/')) return '';
  const decoded = decodeTransfer(part.body, part.headers.get('content-transfer-encoding') ?? '', charsetOf(type));
  return type.startsWith('text/html') || looksLikeHtml(decoded) ? htmlToText(decoded) : decoded;
}

function splitMultipart(body: string, boundary: string): Part[] {
  const delim = `--${boundary}`;
  const parts: Part[] = [];
  const chunks = body.split(delim);
  for (let i = 1; i < chunks.length; i++) {
    const chunk = chunks[i];
    if (chunk.startsWith('--')) break;
    parts.push(parsePart(chunk.replace(/^[ \t]*\n/, '')));
  }
  return parts;
}

function charsetOf(type: string): BufferEncoding {
  const cs = /charset\s*=\s*"?([\w-]+)/i.exec(type)?.[1]?.toLowerCase();
  return cs === 'utf-8' || cs === 'utf8' ? 'utf8' : 'latin1';
}

function decodeTransfer(body: string, encoding: string, charset: BufferEncoding): string {
  const enc = encoding.trim().toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString(charset);
  if (enc === 'quoted-printable') return decodeQuotedPrintable(body, charset);
  return body;
}

function decodeQuotedPrintable(s: string, charset: BufferEncoding): string {
  const soft = s.replace(/=[ \t]*\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const c = soft.charCodeAt(i);
    if (c === 61 /* = */ && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 256) {
      bytes.push(c);
    }
  }
  return Buffer.from(bytes).toString(charset);
}

/** RFC 2047 encoded words in headers: =?charset?B|Q?text?= */
function decodeWords(s: string): string {
  return s.replace(/=\?([^?]+)\?([bqBQ])\?([^?]*)\?=/g, (_m, cs: string, kind: string, text: string) => {
    const charset = charsetOf(`charset=${cs}`);
    if (kind.toLowerCase() === 'b') return Buffer.from(text, 'base64').toString(charset);
    return decodeQuotedPrintable(text.replace(/_/g, ' '), charset);
  });
}

function looksLikeHtml(s: string): boolean {
  return /<\s*(html|body|p|br|div|table|td|font|a\s|b>|center|img)\b/i.test(s);
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", copy: '(c)', reg: '(r)' };

export function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(style|script|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    });
}

function collapse(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f\u00a0]+/g, ' ').replace(/\s+/g, ' ').trim();
}

import { describe, expect, it } from 'vitest';
import { emailToText, htmlToText } from './spam-email.js';

const msg = (headers: string, body: string) => `From someone  Thu Aug 22 13:17:22 2002\n${headers}\n\n${body}`;

describe('emailToText', () => {
  it('keeps the subject and body, drops the headers, collapses whitespace', () => {
    const t = emailToText(msg('Received: from x by y\nSubject: Hello\n  there\nTo: z@example.com', 'Line one.\n\n\tLine   two.'));
    expect(t).toBe('Hello there Line one. Line two.');
  });

  it('decodes quoted-printable and encoded-word subjects', () => {
    const t = emailToText(
      msg('Subject: =?iso-8859-1?Q?Caf=E9_offer?=\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable', 'Save 50=25 to=\nday =3D now'),
    );
    expect(t).toBe('Café offer Save 50% today = now');
  });

  it('prefers text/plain in multipart/alternative and decodes base64 parts', () => {
    const body = [
      'preamble',
      '--XYZ',
      'Content-Type: text/html',
      '',
      '<p>html version</p>',
      '--XYZ',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('plain version ✓').toString('base64'),
      '--XYZ--',
      'epilogue',
    ].join('\n');
    const t = emailToText(msg('Subject: Multi\nContent-Type: multipart/alternative; boundary="XYZ"', body));
    expect(t).toBe('Multi plain version ✓');
  });

  it('turns HTML into text: tags, styles, comments and entities', () => {
    expect(htmlToText('<html><head><style>p{}</style></head><body><!-- x --><B>Buy&nbsp;now</B> &amp; save &#36;5</body></html>').replace(/\s+/g, ' ').trim()).toBe(
      'Buy now & save $5',
    );
    const t = emailToText(msg('Subject: s\nContent-Type: text/html', '<table><tr><td>Cheap</td><td>meds</td></tr></table>'));
    expect(t).toBe('s Cheap meds');
  });

  it('drops PGP signature blocks', () => {
    const body = 'signed text\n-----BEGIN PGP SIGNATURE-----\nVersion: GnuPG v1\n\niD8DBQE9abc\n-----END PGP SIGNATURE-----\n';
    expect(emailToText(msg('Subject: sig', body))).toBe('sig signed text');
  });

  it('skips attachments and truncates long text', () => {
    const body = ['--B', 'Content-Type: text/plain', '', 'see attached', '--B', 'Content-Type: application/pdf', 'Content-Transfer-Encoding: base64', '', 'JVBERi0xLjQ=', '--B--'].join('\n');
    expect(emailToText(msg('Subject: doc\nContent-Type: multipart/mixed; boundary=B', body))).toBe('doc see attached');
    const long = emailToText(msg('Subject: long', 'word '.repeat(1000)), 100);
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long.startsWith('long word word')).toBe(true);
  });
});

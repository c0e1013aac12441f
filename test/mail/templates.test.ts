import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderMail, templates, type AcknowledgementPayload } from '#src/mail/index.ts';
import { MailPayloadError } from '#src/mail/templates/index.ts';
import { escapeHtml, html, raw } from '#src/mail/templates/html.ts';

const payload: AcknowledgementPayload = {
  kind: 'complaint',
  reference: 'OPX-2026-ABCD-EFGH',
  accessCode: 'K7Q2-9XZM-P4RT-W8',
  statusUrl: 'https://complaints.example.org/en/status?ref=OPX-2026-ABCD-EFGH',
  organisationName: 'OPEX',
  timeZone: 'Europe/Budapest',
  // 16:30 UTC is 17:30 in Budapest in November; 22:59 UTC is 23:59 there, a day-based deadline.
  acknowledgeBy: '2026-11-23T16:30:00.000Z',
  answerBy: '2026-12-07T22:59:00.000Z',
  contacts: [
    { kind: 'phone', value: '+36 1 234 5678' },
    { kind: 'email', value: 'panasz@opex.example' },
    { kind: 'post', value: 'OPEX Zrt.\n1051 Budapest\nFő utca 1.' },
  ],
};

const languages = [
  // language, dir, words that must appear: the month of the dates in that language
  ['en', 'ltr', 'November', 'December'],
  ['hu', 'ltr', 'november', 'december'],
  ['fr', 'ltr', 'novembre', 'décembre'],
  ['ar', 'rtl', 'نوفمبر', 'ديسمبر'],
] as const;

describe.each(languages)('the acknowledgement in %s', (language, direction, november, december) => {
  const mail = renderMail('acknowledgement', language, payload);

  it('sets lang and dir on the html element and the wrapper', () => {
    expect(mail.html).toMatch(new RegExp(`<html lang="${language}" dir="${direction}">`));
    expect(mail.html).toContain(`<div lang="${language}" dir="${direction}"`);
  });

  it('gives the reference, the access code and the status link in both parts', () => {
    for (const part of [mail.html, mail.text]) {
      expect(part).toContain('OPX-2026-ABCD-EFGH');
      expect(part).toContain('K7Q2-9XZM-P4RT-W8');
    }
    expect(mail.subject).toContain('OPX-2026-ABCD-EFGH');
    expect(mail.html).toContain(`href="${escapeHtml(payload.statusUrl)}"`);
    expect(mail.text).toContain(payload.statusUrl);
  });

  it("shows the dates in the organisation's time zone, in the reader's language", () => {
    // 17:30 Budapest time, not 16:30 UTC; the 23:59 deadline is shown as a day, without a time.
    expect(mail.text).toMatch(new RegExp(`23[^\\n]*${november}[^\\n]*17:30|${november}[^\\n]*23[^\\n]*17:30`));
    expect(mail.text).not.toContain('16:30');
    expect(mail.text).toContain(december);
    expect(mail.text).not.toContain('23:59');
    expect(mail.html).toContain('17:30');
  });

  it("lists the organisation's contacts, as links where they are links", () => {
    expect(mail.html).toContain('href="tel:+3612345678"');
    expect(mail.html).toContain('href="mailto:panasz@opex.example"');
    expect(mail.html).toContain('OPEX Zrt.<br>1051 Budapest<br>Fő utca 1.');
    expect(mail.text).toContain('+36 1 234 5678');
  });

  it('has real headings and no images', () => {
    expect(mail.html).toMatch(/<h1[^>]*>[^<]+<\/h1>/);
    expect(mail.html.match(/<h2[\s>]/g)?.length).toBe(2);
    expect(mail.html).not.toMatch(/<img|<style|<link|<script/i);
  });

  it('has a string for every key it uses', () => {
    for (const part of [mail.subject, mail.html, mail.text]) expect(part).not.toMatch(/mail\.[a-z]+\.|\{[a-z]+\}/i);
  });
});

describe('the acknowledgement', () => {
  it('escapes HTML in every payload value', () => {
    const hostile = '<script>alert("x")</script>&\'';
    const mail = renderMail('acknowledgement', 'en', {
      ...payload,
      reference: hostile,
      accessCode: hostile,
      organisationName: hostile,
      statusUrl: 'https://example.org/?a="><script>x</script>',
      contacts: [
        { kind: 'email', value: hostile },
        { kind: 'post', value: hostile },
        { kind: '<b>', value: 'https://example.org/"onmouseover="x' },
      ],
    });
    expect(mail.html).not.toContain('<script');
    expect(mail.html).not.toMatch(/"\s*onmouseover=/);
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    // The plain-text part is text: nothing to escape there.
    expect(mail.text).toContain(hostile);
  });

  it('says what happens next without dates when there are none, and leaves out the code when there is none', () => {
    const { accessCode: _code, acknowledgeBy: _a, answerBy: _b, ...rest } = payload;
    const mail = renderMail('acknowledgement', 'en', { ...rest, kind: 'compliment', contacts: [] });
    expect(mail.subject).toContain('compliment');
    expect(mail.text).toContain('There is nothing more you need to do.');
    expect(mail.html).not.toContain('access code');
    expect(mail.html.match(/<h2[\s>]/g)?.length).toBe(1);
  });

  it('leaves out contacts without a kind or a value instead of refusing the mail', () => {
    const mail = renderMail('acknowledgement', 'en', {
      ...payload,
      contacts: [
        { kind: '', value: 'x' },
        { kind: 'phone', value: ' ' },
      ],
    });
    expect(mail.html.match(/<h2[\s>]/g)?.length).toBe(1);
  });

  it('falls back to English for a language the site does not speak', () => {
    expect(renderMail('acknowledgement', 'de', payload).html).toContain('<html lang="en" dir="ltr">');
  });

  it.each([
    ['a status link that is not http(s)', { statusUrl: 'javascript:alert(1)' }, 'statusUrl'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['a date that is not ISO 8601', { acknowledgeBy: 'next Monday' }, 'acknowledgeBy'],
  ])('refuses a payload with %s, naming the field but not its value', (_name, change, field) => {
    expect(() => renderMail('acknowledgement', 'en', { ...payload, ...change })).toThrow(MailPayloadError);
    expect(() => renderMail('acknowledgement', 'en', { ...payload, ...change })).toThrow(new RegExp(field));
    try {
      renderMail('acknowledgement', 'en', { ...payload, ...change });
    } catch (error) {
      expect((error as Error).message).not.toContain(Object.values(change)[0]);
    }
  });

  it('refuses an unknown template', () => {
    expect(() => renderMail('no-such-template', 'en', {})).toThrow(MailPayloadError);
  });
});

describe('the template registry', () => {
  it('registers every template file in src/mail/templates', () => {
    const folder = 'src/mail/templates';
    const files = readdirSync(folder).filter((name) => /export default defineTemplate\(/.test(readFileSync(`${folder}/${name}`, 'utf8')));
    // The template's name is its stored key (camelCase, kept in the outbox); its file is the kebab-case of it.
    const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    const registered = Object.values(templates).map((template) => `${kebab(template.name)}.ts`);
    expect(files.sort()).toEqual(registered.sort());
    for (const [name, template] of Object.entries(templates)) expect(template.name).toBe(name);
  });
});

describe('the html builder', () => {
  it('escapes values and keeps nested markup', () => {
    expect(html`<p>${'<i>'}${html`<b>${'&'}</b>`}${raw('<br>')}${null}${['<', html`<u></u>`]}</p>`.value).toBe('<p>&lt;i&gt;<b>&amp;</b><br>&lt;<u></u></p>');
  });
});

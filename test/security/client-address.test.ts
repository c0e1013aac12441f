import { describe, expect, it } from 'vitest';
import { normaliseClientAddress } from '#src/security/client-address.ts';
import { forwardedView, parseProxyEntry, trustedProxies } from '#src/http/forwarded.ts';
import { withoutBidiControls } from '#src/security/bidi.ts';

describe('normaliseClientAddress', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    [' 203.0.113.7 ', '203.0.113.7'],
    ['203.0.113.7:51234', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:cb00:7107', '203.0.113.7'],
    ['[::ffff:203.0.113.7]', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::ffff', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['[2001:db8:1:2::1]', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['2001:db8::', '2001:db8:0:0::/64'],
    ['64:ff9b::203.0.113.7', '64:ff9b:0:0::/64'],
    ['not an address', 'other:not an address'],
    ['', 'other:'],
  ])('turns %j into %j', (raw, expected) => {
    expect(normaliseClientAddress(raw)).toBe(expected);
  });

  it('puts every address of one /64 in one bucket and the next /64 in another', () => {
    expect(normaliseClientAddress('2001:db8:a:b::1')).toBe(normaliseClientAddress('2001:db8:a:b:ffff:ffff:ffff:ffff'));
    expect(normaliseClientAddress('2001:db8:a:b::1')).not.toBe(normaliseClientAddress('2001:db8:a:c::1'));
  });
});

describe('forwardedView', () => {
  const proxies = trustedProxies(['127.0.0.1', '10.0.0.0/8']);
  const view = (peer: string, headers: Record<string, string>) => forwardedView(peer, headers, proxies, false);

  it.each([
    [
      'an untrusted peer: its own address, headers ignored',
      '198.51.100.9',
      { 'x-forwarded-for': '203.0.113.1', 'x-forwarded-proto': 'https' },
      '198.51.100.9',
      'http',
    ],
    ['a trusted proxy: the address it appended', '127.0.0.1', { 'x-forwarded-for': '203.0.113.1', 'x-forwarded-proto': 'https' }, '203.0.113.1', 'https'],
    ['a trusted proxy seen as IPv4-mapped IPv6', '::ffff:127.0.0.1', { 'x-forwarded-for': '203.0.113.1' }, '203.0.113.1', 'http'],
    ['a chain: the first untrusted hop from the right', '127.0.0.1', { 'x-forwarded-for': '6.6.6.6, 203.0.113.1, 10.1.2.3' }, '203.0.113.1', 'http'],
    ['a forged leftmost address is never believed', '127.0.0.1', { 'x-forwarded-for': '127.0.0.1, 203.0.113.1' }, '203.0.113.1', 'http'],
    ['garbage in the chain stops the walk at the last good hop', '127.0.0.1', { 'x-forwarded-for': '203.0.113.1, nonsense, 10.1.2.3' }, '10.1.2.3', 'http'],
    ['no header: the proxy itself', '127.0.0.1', {}, '127.0.0.1', 'http'],
    ['an unknown protocol is not believed', '127.0.0.1', { 'x-forwarded-proto': 'ftp' }, '127.0.0.1', 'http'],
  ])('%s', (_name, peer, headers, client, protocol) => {
    expect(view(peer, headers)).toMatchObject({ clientAddress: client, protocol });
  });

  it('trusts no one when TRUSTED_PROXIES is empty', () => {
    expect(forwardedView('127.0.0.1', { 'x-forwarded-for': '203.0.113.1' }, trustedProxies([]), false).clientAddress).toBe('127.0.0.1');
  });

  it.each(['loopback', 'private', '::1', '10.0.0.0/8', '2001:db8::/32'])('accepts %s as a proxy entry', (entry) => {
    expect(parseProxyEntry(entry)).not.toBeNull();
  });
  it.each(['10.0.0.0/33', 'example.org', '10.0.0', '*', '::1/129'])('refuses %s as a proxy entry', (entry) => {
    expect(parseProxyEntry(entry)).toBeNull();
  });
});

describe('withoutBidiControls', () => {
  it.each([
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['\u2066Anna\u2069 Kovács', 'Anna Kovács'],
    ['a\u200Eb\u200Fc\u061Cd\u202Ae\u202Bf\u202Cg\u202Dh\u2067i\u2068j', 'abcdefghij'],
    ['محمد علي', 'محمد علي'],
  ])('turns %j into %j', (raw, expected) => {
    expect(withoutBidiControls(raw)).toBe(expected);
  });
});

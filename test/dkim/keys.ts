// Public keys from the shared conformance vectors (../../../shared/conformance/dkim/), so rule tests
// use the same keys the parser's vector tests prove: mox (RSA 2048), dkimpy (RSA 1024, ed25519),
// the ValiMail ARC suite (RSA 512).

export const RSA_2048 = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAy3Z9ffZe8gUTJrdGuKj6IwEembmKYpp0jMa8uhudErcI4gFVUaFiiRWxc4jP/XR9NAEv3XwHm+CVcHu+L/n6VWt6g59U7vHXQicMfKGmEp2VplsgojNy/Y5X9HdVYM0azsI47NcJCDW9UVfeOHdOSgFME4F8dNtUKC4KTB2d1pqj/yixz+V8Sv8xkEyPfSRHcNXIw0LvelqJ1MRfN3hO/3uQSVrPYYk4SyV0b6wfnkQs28fpiIpGQvzlGI5WkrdOQT5k4YHaEvZDLNdwiMeVZOEL7dDoFs2mQsovm+tH0StUAZTnr61NLVFfD5V6Ip1V9zVtspPHvYSuOWwyArFZ9QIDAQAB';
export const RSA_1024 = 'MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB';
export const RSA_512 = 'MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAIWmlgix/84GJ+dfgjm7LTc9EPdfkftlgiPpCq4/kbDAZmU0VvYKDljjleJ1dfvS+CGy9U/kk1tG3EeEvb82xAcCAwEAAQ==';
export const ED25519 = 'yi50DjK5O9pqbFpNHklsv9lqaS0ArSYu02qp1S0DW1Y=';

/** A TXT rdata in zone-file syntax, split into 255-octet character-strings (RFC 1035 §3.3). */
export function txt(value: string): string {
  const strings: string[] = [];
  for (let i = 0; i < value.length; i += 255) strings.push(value.slice(i, i + 255));
  return `TXT ${strings.map((s) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(' ')}`;
}

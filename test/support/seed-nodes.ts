// The seminar's two nodes (/work/shared/seed-vectors.md): A is a host, B a
// router. Addresses are the EUI-64 ones (RFC 4291 App. A) of their MACs.

export const A_MAC = '00:11:22:33:44:55';
export const A_LL = 'fe80::211:22ff:fe33:4455';
export const A_GUA = '2001:db8::211:22ff:fe33:4455';
export const B_MAC = '00:11:22:66:77:88';
export const B_LL = 'fe80::211:22ff:fe66:7788';
export const B_GUA = '2001:db8::211:22ff:fe66:7788';

// A certificate authority made for these tests only, and a server certificate it signed for
// models.test, localhost and 127.0.0.1 (P-256, valid 2000 to 2100; made once with `openssl ca`). The
// key protects nothing: it exists so the https server on loopback and the client's trust are real.

enum TestCertificates {
    /// Trusted by a client only through `FetchSettings.certificateFile` (SSL_CERT_FILE).
    static let authority = """
-----BEGIN CERTIFICATE-----
MIIBZDCCAQugAwIBAgIBATAKBggqhkjOPQQDAjAZMRcwFQYDVQQDDA5PbnJhbXAg
dGVzdCBDQTAgFw0wMDAxMDEwMDAwMDBaGA8yMTAwMDEwMTAwMDAwMFowGTEXMBUG
A1UEAwwOT25yYW1wIHRlc3QgQ0EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAARh
2DEsP2VEoyNppQv6FKj12EM8jeZZHLVTQwezAdIA4ELMwqa7SkfE41l/pu3CegD+
7qKXCVtWSe7ypBb7Xi/Vo0IwQDAPBgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQE
AwICBDAdBgNVHQ4EFgQUHvayGhcFztbk6Ws9aDOqUUN8SWAwCgYIKoZIzj0EAwID
RwAwRAIgZAX99tLjJJ/GOIXtiG0mhF/RIJJUL6g6ghZ+NCmHCY0CIDUZDg16eent
pTy4ONfXNnjpeIwHMtUUKJKG5qSKWfqs
-----END CERTIFICATE-----
"""

    static let server = """
-----BEGIN CERTIFICATE-----
MIIBrTCCAVOgAwIBAgIBAjAKBggqhkjOPQQDAjAZMRcwFQYDVQQDDA5PbnJhbXAg
dGVzdCBDQTAgFw0wMDAxMDEwMDAwMDBaGA8yMTAwMDEwMTAwMDAwMFowFjEUMBIG
A1UEAwwLbW9kZWxzLnRlc3QwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAR8qYTf
Qa2qpAZuzRr6+nMIARpnM/rJ4suFUp4YySEYidRKZ1iZ2dADGYs32yjTY52WsvCj
0BKQh/IFcVo7T6CNo4GMMIGJMAkGA1UdEwQCMAAwEwYDVR0lBAwwCgYIKwYBBQUH
AwEwJwYDVR0RBCAwHoILbW9kZWxzLnRlc3SCCWxvY2FsaG9zdIcEfwAAATAfBgNV
HSMEGDAWgBQe9rIaFwXO1uTpaz1oM6pRQ3xJYDAdBgNVHQ4EFgQU9jgfyCNc8Lp1
aFsYusR303DWfP4wCgYIKoZIzj0EAwIDSAAwRQIhAPK8kc48888xMwdHKtneK6ix
38fR/bdK4cr9yxNod4V4AiAkgTct+YySE94SV7DkEpIJd0x3df125MUSwwUKpFeX
cg==
-----END CERTIFICATE-----
"""

    static let serverKey = """
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgq4bhmH1ZApUs7Rs9
zCTVm4kiHse6medj0kfmBnWKD1OhRANCAAR8qYTfQa2qpAZuzRr6+nMIARpnM/rJ
4suFUp4YySEYidRKZ1iZ2dADGYs32yjTY52WsvCj0BKQh/IFcVo7T6CN
-----END PRIVATE KEY-----
"""
}

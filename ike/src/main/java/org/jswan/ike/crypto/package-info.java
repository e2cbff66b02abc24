/**
 * IKEv2 cryptography: the transform registry ({@link org.jswan.ike.crypto.Algorithm}), PRFs and prf+, key
 * derivation ({@link org.jswan.ike.crypto.Keymat}), key exchange and SK{} ciphers. JCA and BouncyCastle names stay
 * inside this package; callers speak IANA numbers. Depends on nothing else in jswan; the proposal, codec, auth and
 * task packages depend on it.
 */
package org.jswan.ike.crypto;

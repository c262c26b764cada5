import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The local cloud's own TLS identity: a self-signed certificate for 127.0.0.1, ::1 and localhost (valid
 * until 2126), with its key. Both are public, in the package: they protect nothing and are trusted by
 * nothing but the functions the local cloud runs (`NODE_EXTRA_CA_CERTS` names the certificate in their
 * environment). They exist so that a function that builds an AWS URL with `https://` from what it is
 * given (a WebSocket API's `https://${domainName}/${stage}`) reaches the local listener unchanged.
 */
export const LOCAL_TLS_CERT_FILE = path.join(__dirname, 'local-cloud.cert.pem');

export const LOCAL_TLS = {
  cert: readFileSync(LOCAL_TLS_CERT_FILE),
  key: readFileSync(path.join(__dirname, 'local-cloud.key.pem')),
};
